//! The per-mu (亩均) evaluation of enterprises (DOMAIN.md "Per-mu evaluation"): indicator
//! values per enterprise on its apportioned land, benchmarks, weighted scores,
//! competition ranking and A/B/C/D/T classes with the reason in words.

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
    /// Why, in words.
    pub reason: String,
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

/// Every indicator any preset may name, for the output table.
pub const INDICATORS: [&str; 8] = [
    "tax_per_mu",
    "revenue_per_mu",
    "value_added_per_mu",
    "tax_per_tce",
    "value_added_per_tce",
    "value_added_per_emission",
    "productivity",
    "rd_ratio",
];

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

fn label(key: &str) -> (&'static str, &'static str) {
    match key {
        "tax_per_mu" => ("tax", "万元/亩"),
        "revenue_per_mu" => ("revenue", "万元/亩"),
        "value_added_per_mu" => ("value added", "万元/亩"),
        "tax_per_tce" => ("tax per energy", "万元/tce"),
        "value_added_per_tce" => ("value added per energy", "万元/tce"),
        "value_added_per_emission" => ("value added per emission", "万元/t"),
        "productivity" => ("labour productivity", "万元/person"),
        "rd_ratio" => ("R&D share of revenue", ""),
        _ => ("indicator", ""),
    }
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
                reason: String::new(),
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
            out[i].reason = if out[i].land.m2() <= 0.0 {
                "not evaluated (T): no land located for the enterprise".into()
            } else {
                "not evaluated (T): revenue not given".into()
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
    let mut notes: Vec<Vec<String>> = vec![Vec::new(); n];
    for (k, ind) in preset.indicators.iter().enumerate() {
        let have: Vec<f64> = scores.iter().filter_map(|s| s[k]).collect();
        let mean = if have.is_empty() {
            0.0
        } else {
            have.iter().sum::<f64>() / have.len() as f64
        };
        for j in 0..n {
            let s = match (scores[j][k], preset.missing) {
                (Some(s), _) => s,
                (None, MissingRule::MeanScore) => {
                    notes[j].push(format!(
                        "{} not computable (data missing or 0): mean score {mean:.1} used",
                        label(&ind.key).0
                    ));
                    mean
                }
                (None, MissingRule::Zero) => {
                    notes[j].push(format!("{} not computable: scored 0", label(&ind.key).0));
                    0.0
                }
            };
            totals[j] += s;
        }
    }
    // Competition ranking on scores rounded to 1e-9 (equal scores share the better rank).
    let key = |s: f64| (s * 1e9).round() as i64;
    let mut sorted: Vec<i64> = totals.iter().map(|&t| key(t)).collect();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let verdicts: Vec<(usize, EvalClass, String)> = (0..n)
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
            let mut parts = vec![format!("rank {r} of {n}, score {:.1}", totals[j])];
            for (ind, (_, bench)) in preset.indicators.iter().zip(&benchmarks) {
                let (name, unit) = label(&ind.key);
                if let Some(v) = out[i].value(&ind.key) {
                    parts.push(format!(
                        "{name} {} {unit} against a benchmark of {}",
                        sig(v),
                        sig(*bench)
                    ));
                }
            }
            parts.extend(notes[j].iter().cloned());
            (r, class, format!("{}: {}", class.name(), parts.join("; ")))
        })
        .collect();
    for (j, (r, class, reason)) in verdicts.into_iter().enumerate() {
        let e = &mut out[evaluated[j]];
        e.score = Some(totals[j]);
        e.rank = Some(r);
        e.class = class;
        e.reason = reason;
    }
    Evaluation {
        enterprises: out,
        benchmarks,
        preset: preset.name.clone(),
    }
}

/// A number with three significant digits at least one decimal, as in reports.
fn sig(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.4}")
    }
}
