//! The per-mu (亩均) evaluation of enterprises (DOMAIN.md "Per-mu evaluation"): indicator
//! values per enterprise on its apportioned land, benchmarks, weighted scores,
//! competition ranking and A/B/C/D/T classes with the evidence for each (rank, score,
//! every indicator against its benchmark, how a missing one was scored).

use rayon::prelude::*;

use crate::analyse::intensity::parcel::enterprise_land;
use crate::index::Index;
use crate::model::{Enterprise, Model};
use crate::project::policy::{BenchmarkRule, EvaluationPreset, MissingRule};
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
    pub parcels: Vec<usize>,
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
    let land = enterprise_land(model, index);
    let n_all = model.enterprises.len();
    let mut out: Vec<EnterpriseEval> = (0..n_all)
        .into_par_iter()
        .map(|i| {
            let e = &model.enterprises[i];
            let (area, parts) = &land[i];
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
        .collect();
    let evaluated: Vec<usize> = (0..n_all)
        .filter(|&i| out[i].land.m2() > 0.0 && model.enterprises[i].revenue.is_some())
        .collect();
    let mut is_evaluated = vec![false; n_all];
    for &i in &evaluated {
        is_evaluated[i] = true;
    }
    for i in 0..n_all {
        if !is_evaluated[i] {
            out[i].evidence = if out[i].land.m2() <= 0.0 {
                ClassEvidence::NoLand
            } else {
                ClassEvidence::NoRevenue
            };
        }
    }
    let n = evaluated.len();
    // Benchmarks and per-indicator scores.
    let mut benchmarks = Vec::new();
    let mut scores = vec![vec![None::<f64>; preset.indicators.len()]; n];
    for (k, ind) in preset.indicators.iter().enumerate() {
        let vals: Vec<Option<f64>> = evaluated.iter().map(|&i| out[i].value(&ind.key)).collect();
        let bench = match preset.benchmark {
            BenchmarkRule::Fixed => ind.benchmark.unwrap_or(0.0),
            BenchmarkRule::TwiceMean => {
                let have: Vec<f64> = vals.iter().flatten().copied().collect();
                if have.is_empty() {
                    0.0
                } else {
                    2.0 * have.iter().sum::<f64>() / have.len() as f64
                }
            }
        };
        benchmarks.push((ind.key.clone(), bench));
        for (j, v) in vals.iter().enumerate() {
            scores[j][k] = v.map(|v| {
                let r = if bench > 0.0 { v / bench } else { 0.0 };
                ind.weight * ind.cap.map_or(r, |c| r.min(c))
            });
        }
    }
    let mut totals = vec![0.0; n];
    let mut means = vec![0.0; preset.indicators.len()];
    for (k, _) in preset.indicators.iter().enumerate() {
        let have: Vec<f64> = scores.iter().filter_map(|s| s[k]).collect();
        let mean = if have.is_empty() {
            0.0
        } else {
            have.iter().sum::<f64>() / have.len() as f64
        };
        means[k] = mean;
        for j in 0..n {
            totals[j] += match (scores[j][k], preset.missing) {
                (Some(s), _) => s,
                (None, MissingRule::MeanScore) => mean,
                (None, MissingRule::Zero) => 0.0,
            };
        }
    }
    // Competition ranking on scores rounded to 1e-9 (equal scores share the better rank).
    let key = |s: f64| (s * 1e9).round() as i64;
    let mut sorted: Vec<i64> = totals.iter().map(|&t| key(t)).collect();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let verdicts: Vec<(usize, EvalClass, ClassEvidence)> = (0..n)
        .into_par_iter()
        .map(|j| {
            let r = 1 + sorted.partition_point(|&t| t > key(totals[j]));
            let c = &preset.classes;
            let (r64, n64) = (r as u64, n as u64);
            let class = if r64 * c.a[1] <= c.a[0] * n64 {
                EvalClass::A
            } else if r64 * c.b[1] <= c.b[0] * n64 {
                EvalClass::B
            } else if r64 * c.c[1] <= c.c[0] * n64 {
                EvalClass::C
            } else {
                EvalClass::D
            };
            let i = evaluated[j];
            let indicators = preset
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
                .collect();
            let evidence = ClassEvidence::Ranked {
                class,
                rank: r,
                of: n,
                score: totals[j],
                indicators,
            };
            (r, class, evidence)
        })
        .collect();
    for (j, (r, class, evidence)) in verdicts.into_iter().enumerate() {
        let e = &mut out[evaluated[j]];
        e.score = Some(totals[j]);
        e.rank = Some(r);
        e.class = class;
        e.evidence = evidence;
    }
    Evaluation {
        enterprises: out,
        benchmarks,
        preset: preset.name.clone(),
    }
}
