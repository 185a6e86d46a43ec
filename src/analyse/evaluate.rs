//! The per-mu (亩均) evaluation of enterprises (DOMAIN.md "Per-mu evaluation"): indicator
//! values per enterprise on its apportioned land, benchmarks, weighted scores,
//! competition ranking and A/B/C/D/T classes with the evidence for each (rank, score,
//! every indicator against its benchmark, how a missing one was scored).

use rayon::prelude::*;

use crate::analyse::intensity::parcel::enterprise_land;
use crate::index::Index;
use crate::model::{Enterprise, Model};
use crate::project::policy::{
    BenchmarkRule, ClassCutoffs, EvaluationPreset, Indicator, MissingRule,
};
use crate::units::AreaM2;

/// An evaluation class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EvalClass {
    /// 优先发展.
    A,
    /// 鼓励提升.
    B,
    /// 监管调控.
    C,
    /// 落后整治.
    D,
    /// 不适合评价 (not evaluated).
    T,
}

impl EvalClass {
    /// Every class in report order.
    pub const ALL: [EvalClass; 5] = [
        EvalClass::A,
        EvalClass::B,
        EvalClass::C,
        EvalClass::D,
        EvalClass::T,
    ];
    /// The letter.
    pub fn name(self) -> &'static str {
        match self {
            EvalClass::A => "A",
            EvalClass::B => "B",
            EvalClass::C => "C",
            EvalClass::D => "D",
            EvalClass::T => "T",
        }
    }
}

/// The evaluation of one enterprise.
#[derive(Debug, Clone)]
pub struct EnterpriseEval {
    /// Land apportioned to it.
    pub land: AreaM2,
    /// Its parcels (indices).
    pub parcels: Vec<crate::model::ParcelIx>,
    /// Indicator values by key, `None` when not computable.
    pub values: Vec<(&'static str, Option<f64>)>,
    /// Total score (evaluated enterprises only).
    pub score: Option<f64>,
    /// Competition rank, 1 = best.
    pub rank: Option<usize>,
    /// Class.
    pub class: EvalClass,
    /// Why: the rank and the indicators it rests on.
    pub evidence: ClassEvidence,
}

/// Why an enterprise has its class.
#[derive(Debug, Clone, PartialEq)]
pub enum ClassEvidence {
    /// Not evaluated (T): no land located for the enterprise.
    NoLand,
    /// Not evaluated (T): revenue not given.
    NoRevenue,
    /// Evaluated: ranked by score among the evaluated enterprises.
    Ranked {
        /// The class the rank gives.
        class: EvalClass,
        /// Competition rank, 1 = best.
        rank: usize,
        /// The number of enterprises evaluated.
        of: usize,
        /// The total score.
        score: f64,
        /// The preset's indicators, in preset order.
        indicators: Vec<IndicatorScore>,
    },
}

/// One indicator of an evaluated enterprise.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    /// The indicator (one of [`INDICATORS`]).
    pub key: &'static str,
    /// Its value against the benchmark, or how it was scored without one.
    pub outcome: IndicatorOutcome,
}

/// An indicator's value against its benchmark, or how a missing one was scored.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum IndicatorOutcome {
    /// Computed.
    Measured {
        /// The enterprise's value.
        value: f64,
        /// The benchmark it was divided by.
        benchmark: f64,
    },
    /// Not computable (data missing or 0): scored the mean of the others' scores.
    MeanScore {
        /// That mean.
        mean: f64,
    },
    /// Not computable: scored 0.
    Zero,
}

impl EnterpriseEval {
    /// An indicator's value.
    pub fn value(&self, key: &str) -> Option<f64> {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| *v)
    }
}

/// The whole evaluation: per enterprise, and the benchmarks used.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// By enterprise index.
    pub enterprises: Vec<EnterpriseEval>,
    /// (indicator, benchmark) used.
    pub benchmarks: Vec<(String, f64)>,
    /// The preset's name.
    pub preset: String,
    /// The preset's title, the rule's own name (e.g. 淮安市工业企业资源集约利用综合评价（2024）).
    pub preset_title: String,
}

pub use crate::project::policy::INDICATORS;

fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if b > 0.0 => Some(a / b),
        _ => None,
    }
}

/// An indicator of an enterprise on `mu` 亩 of land.
fn indicator(key: &str, e: &Enterprise, mu: f64) -> Option<f64> {
    let tax = Some(e.tax.unwrap_or(0.0));
    let land = Some(mu);
    match key {
        "tax_per_mu" => ratio(tax, land),
        "revenue_per_mu" => ratio(e.revenue, land),
        "value_added_per_mu" => ratio(e.value_added, land),
        "tax_per_tce" => ratio(tax, e.energy_tce),
        "value_added_per_tce" => ratio(e.value_added, e.energy_tce),
        "value_added_per_emission" => ratio(e.value_added, e.emissions),
        "productivity" => ratio(e.value_added, e.employees),
        "rd_ratio" => ratio(e.rd_expense, e.revenue),
        _ => None,
    }
}

/// The static key of a preset's indicator (policy tables are checked against
/// [`INDICATORS`] when loaded).
fn static_key(key: &str) -> &'static str {
    INDICATORS
        .iter()
        .copied()
        .find(|k| *k == key)
        .unwrap_or("indicator")
}

/// Evaluates every enterprise under a preset.
pub fn evaluate(model: &Model, index: &Index, preset: &EvaluationPreset) -> Evaluation {
    let mut out = indicator_values(model, index);
    // Evaluated: land located and revenue given; the others are T with the reason.
    let mut evaluated = Vec::new();
    for (i, e) in out.iter_mut().enumerate() {
        if e.land.m2() <= 0.0 {
            e.evidence = ClassEvidence::NoLand;
        } else if model.enterprises[i].revenue.is_none() {
            e.evidence = ClassEvidence::NoRevenue;
        } else {
            evaluated.push(i);
        }
    }
    let n = evaluated.len();
    // Benchmarks and per-indicator scores (None: not computable).
    let mut benchmarks = Vec::new();
    let mut scores = vec![vec![None::<f64>; preset.indicators.len()]; n];
    for (k, ind) in preset.indicators.iter().enumerate() {
        let vals: Vec<Option<f64>> = evaluated.iter().map(|&i| out[i].value(&ind.key)).collect();
        let bench = benchmark(preset.benchmark, ind, &vals);
        benchmarks.push((ind.key.clone(), bench));
        for (j, v) in vals.iter().enumerate() {
            scores[j][k] = v.map(|v| indicator_points(ind, v, bench));
        }
    }
    // A missing indicator scores the mean of the others' (or 0, by the preset).
    let means: Vec<f64> = (0..preset.indicators.len())
        .map(|k| mean(scores.iter().filter_map(|s| s[k])))
        .collect();
    let totals: Vec<f64> = scores
        .iter()
        .map(|s| {
            s.iter()
                .zip(&means)
                .map(|(score, mean)| match (score, preset.missing) {
                    (Some(s), _) => *s,
                    (None, MissingRule::MeanScore) => *mean,
                    (None, MissingRule::Zero) => 0.0,
                })
                .sum()
        })
        .collect();
    let ranks = competition_ranks(&totals);
    let verdicts: Vec<ClassEvidence> = (0..n)
        .into_par_iter()
        .map(|j| {
            let i = evaluated[j];
            ClassEvidence::Ranked {
                class: class_of_rank(ranks[j], n, &preset.classes),
                rank: ranks[j],
                of: n,
                score: totals[j],
                indicators: preset
                    .indicators
                    .iter()
                    .zip(&benchmarks)
                    .zip(&means)
                    .map(|((ind, (_, bench)), mean)| IndicatorScore {
                        key: static_key(&ind.key),
                        outcome: match (out[i].value(&ind.key), preset.missing) {
                            (Some(value), _) => IndicatorOutcome::Measured {
                                value,
                                benchmark: *bench,
                            },
                            (None, MissingRule::MeanScore) => {
                                IndicatorOutcome::MeanScore { mean: *mean }
                            }
                            (None, MissingRule::Zero) => IndicatorOutcome::Zero,
                        },
                    })
                    .collect(),
            }
        })
        .collect();
    for (j, evidence) in verdicts.into_iter().enumerate() {
        let e = &mut out[evaluated[j]];
        e.score = Some(totals[j]);
        e.rank = Some(ranks[j]);
        e.class = class_of_rank(ranks[j], n, &preset.classes);
        e.evidence = evidence;
    }
    Evaluation {
        enterprises: out,
        benchmarks,
        preset: preset.name.clone(),
        preset_title: preset.title.clone(),
    }
}

/// Every enterprise's land and indicator values, not yet evaluated (class T).
fn indicator_values(model: &Model, index: &Index) -> Vec<EnterpriseEval> {
    let land = enterprise_land(model, index);
    model
        .enterprises
        .par_iter()
        .zip(&land)
        .map(|(e, (area, parts))| {
            let mu = area.to_mu();
            EnterpriseEval {
                land: *area,
                parcels: parts.iter().map(|(p, _)| *p).collect(),
                values: INDICATORS
                    .iter()
                    .map(|k| (*k, if mu > 0.0 { indicator(k, e, mu) } else { None }))
                    .collect(),
                score: None,
                rank: None,
                class: EvalClass::T,
                evidence: ClassEvidence::NoLand,
            }
        })
        .collect()
}

/// An indicator's benchmark: the preset's fixed value, or twice the mean over the
/// evaluated enterprises that have it (0 when none has).
fn benchmark(rule: BenchmarkRule, ind: &Indicator, values: &[Option<f64>]) -> f64 {
    match rule {
        BenchmarkRule::Fixed => ind.benchmark.unwrap_or(0.0),
        BenchmarkRule::TwiceMean => 2.0 * mean(values.iter().flatten().copied()),
    }
}

/// Points of a value: weight × value / benchmark, capped when the preset caps it.
fn indicator_points(ind: &Indicator, value: f64, benchmark: f64) -> f64 {
    let r = if benchmark > 0.0 {
        value / benchmark
    } else {
        0.0
    };
    ind.weight * ind.cap.map_or(r, |c| r.min(c))
}

/// The arithmetic mean, 0 of nothing.
fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// Competition ranks (1 = best) of scores rounded to 1e-9: equal scores share the better
/// rank.
fn competition_ranks(totals: &[f64]) -> Vec<usize> {
    let key = |s: f64| (s * 1e9).round() as i64;
    let mut sorted: Vec<i64> = totals.iter().map(|&t| key(t)).collect();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    totals
        .iter()
        .map(|&t| 1 + sorted.partition_point(|&s| s > key(t)))
        .collect()
}

/// The class of rank r among n (integer arithmetic): A when r × den ≤ num × n for the A
/// cut-off, then B, then C, else D.
fn class_of_rank(rank: usize, n: usize, c: &ClassCutoffs) -> EvalClass {
    let (r, n) = (rank as u64, n as u64);
    if r * c.a[1] <= c.a[0] * n {
        EvalClass::A
    } else if r * c.b[1] <= c.b[0] * n {
        EvalClass::B
    } else if r * c.c[1] <= c.c[0] * n {
        EvalClass::C
    } else {
        EvalClass::D
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competition_ranks_share_the_better_rank() {
        assert_eq!(competition_ranks(&[3.0, 5.0, 5.0, 1.0]), vec![3, 1, 1, 4]);
    }

    #[test]
    fn classes_by_rank_with_integer_cut_offs() {
        // DOMAIN.md: A when 5r ≤ n, B when 5r ≤ 3n, C when 20r ≤ 19n, else D. n = 20:
        // ranks 1–4 A, 5–12 B, 13–19 C, 20 D (worked by hand).
        let cut = ClassCutoffs {
            a: [1, 5],
            b: [3, 5],
            c: [19, 20],
        };
        let classes: Vec<&str> = (1..=20)
            .map(|r| class_of_rank(r, 20, &cut).name())
            .collect();
        assert_eq!(classes.concat(), "AAAABBBBBBBBCCCCCCCD");
    }
}
