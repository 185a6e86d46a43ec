//! Per-park indicators of TD/T 1029 (DOMAIN.md section 2), from the parcels assigned to
//! each park. The survey codes map to the ledger as follows (documented in docs/GUIDE.md):
//! A (built) = supplied parcels with floor area or a completion; A2 = built industrial
//! and warehouse parcels; D (supplied) = status supplied; B21 (ready, not built) =
//! supplied-not-built plus approved-not-supplied; A + B = the park's area;
//! G (idle) = class `idle`.

use crate::analyse::evaluate::{EvalClass, Evaluation};
use crate::analyse::idle::{IdleClass, IdleVerdict};
use crate::analyse::intensity::ParcelIntensity;
use crate::analyse::is_industrial_land;
use crate::index::Index;
use crate::model::{EnterpriseIx, Model, SupplyStatus};
use crate::project::policy::Policy;
use crate::units::AreaM2;

/// Zone type of the 2014 rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParkType {
    /// 工业主导型: industrial land rate > 30 % and residential < 25 %.
    IndustryLed,
    /// 产城融合型: industrial ≤ 30 % and residential ≥ 25 %.
    Integrated,
    /// Neither.
    Other,
}

impl ParkType {
    /// The output name.
    pub fn name(self) -> &'static str {
        match self {
            ParkType::IndustryLed => "industry_led",
            ParkType::Integrated => "integrated",
            ParkType::Other => "other",
        }
    }
}

/// Park indicators.
#[derive(Debug, Clone)]
pub struct ParkIntensity {
    /// Park area.
    pub area: AreaM2,
    /// Σ supplied parcels.
    pub supplied: AreaM2,
    /// Σ built parcels.
    pub built: AreaM2,
    /// Σ idle parcels.
    pub idle: AreaM2,
    /// Approvals ∩ park − supplied parcels.
    pub approved_not_supplied: AreaM2,
    /// (A + B21) / (A + B).
    pub development_rate: Option<f64>,
    /// D / (A + B21).
    pub supply_rate: Option<f64>,
    /// A / D.
    pub built_rate: Option<f64>,
    /// A2 / A.
    pub industrial_land_rate: Option<f64>,
    /// Floor area on A / A.
    pub far: Option<f64>,
    /// Footprint on A / A.
    pub coverage: Option<f64>,
    /// Floor area on A2 / A2.
    pub industrial_far: Option<f64>,
    /// Footprint on A2 / A2 (lower bound of the building coefficient).
    pub industrial_coverage: Option<f64>,
    /// Investment on industrial parcels / A2, 万元/亩.
    pub investment_per_mu: Option<f64>,
    /// Tax of enterprises on industrial parcels / A2, 万元/亩.
    pub tax_per_mu: Option<f64>,
    /// G / D.
    pub idle_rate: Option<f64>,
    /// Zone type.
    pub park_type: ParkType,
    /// Enterprises located on the park's parcels.
    pub enterprises: usize,
    /// Enterprises by evaluation class.
    pub class_counts: Vec<(EvalClass, usize)>,
    /// Share of the park's tax paid by its largest taxpayer.
    pub top1_tax_share: Option<f64>,
    /// Share paid by the five largest.
    pub top5_tax_share: Option<f64>,
}

fn rate(a: f64, b: f64) -> Option<f64> {
    (b > 0.0).then(|| a / b)
}

/// What the park indicators read from the other analyses of the same run.
#[derive(Debug, Clone, Copy)]
pub struct ParkInputs<'a> {
    /// Per parcel intensity.
    pub parcels: &'a [ParcelIntensity],
    /// Per parcel idle verdict.
    pub idle: &'a [IdleVerdict],
    /// Approved-not-supplied area per park (from the approvals layer).
    pub ans_by_park: &'a [AreaM2],
    /// The per-mu evaluation.
    pub evaluation: &'a Evaluation,
    /// The date judged at.
    pub as_of: chrono::NaiveDate,
}

/// Sums over a park's parcels (m², 万元).
#[derive(Debug, Default)]
struct LandTotals {
    /// D: supplied by the as-of date.
    supplied: f64,
    /// Supplied, not built.
    supplied_unbuilt: f64,
    /// A: supplied and built.
    built: f64,
    /// G: class idle.
    idle: f64,
    /// A2: built industrial and warehouse land.
    industrial: f64,
    /// Built residential land.
    residential: f64,
    /// Approved parcels (批而未供 without an approvals layer).
    approved: f64,
    /// Floor area and footprint on A.
    floor: f64,
    footprint: f64,
    /// Floor area, footprint and investment on A2.
    industrial_floor: f64,
    industrial_footprint: f64,
    industrial_investment: f64,
}

/// Indicators of every park.
pub fn park_intensity(
    model: &Model,
    index: &Index,
    policy: &Policy,
    inputs: &ParkInputs,
) -> Vec<ParkIntensity> {
    let mut by_park: Vec<Vec<usize>> = vec![Vec::new(); model.parks.len()];
    for (i, k) in index.parcel_park.iter().enumerate() {
        if let Some(k) = k {
            by_park[k.index()].push(i);
        }
    }
    (0..model.parks.len())
        .map(|k| {
            let members = &by_park[k];
            let (t, ents, ind_ents) = land_totals(model, index, policy, inputs, members);
            // Without an approvals layer the approved parcels stand for 批而未供.
            let ans = if model.approvals.is_empty() {
                t.approved
            } else {
                inputs.ans_by_park.get(k).map(|a| a.m2()).unwrap_or(0.0)
            };
            let area = model.parks[k].area.m2();
            let b21 = t.supplied_unbuilt + ans;
            let a2_mu = AreaM2(t.industrial).to_mu();
            let tax = |e: &EnterpriseIx| model.enterprises[*e].tax.unwrap_or(0.0);
            let ind_tax: f64 = ind_ents.iter().map(tax).sum();
            let mut taxes: Vec<f64> = ents.iter().map(|e| tax(e).max(0.0)).collect();
            taxes.sort_by(|a, b| b.total_cmp(a));
            let total_tax: f64 = taxes.iter().sum();
            let ilr = rate(t.industrial, t.built);
            let class_counts = EvalClass::ALL
                .iter()
                .map(|c| {
                    let n = ents
                        .iter()
                        .filter(|e| inputs.evaluation.enterprises[e.index()].class == *c)
                        .count();
                    (*c, n)
                })
                .collect();
            ParkIntensity {
                area: AreaM2(area),
                supplied: AreaM2(t.supplied),
                built: AreaM2(t.built),
                idle: AreaM2(t.idle),
                approved_not_supplied: AreaM2(ans),
                development_rate: rate(t.built + b21, area),
                supply_rate: rate(t.supplied, t.built + b21),
                built_rate: rate(t.built, t.supplied),
                industrial_land_rate: ilr,
                far: rate(t.floor, t.built),
                coverage: rate(t.footprint, t.built),
                industrial_far: rate(t.industrial_floor, t.industrial),
                industrial_coverage: rate(t.industrial_footprint, t.industrial),
                investment_per_mu: (a2_mu > 0.0).then(|| t.industrial_investment / a2_mu),
                tax_per_mu: (a2_mu > 0.0).then(|| ind_tax / a2_mu),
                idle_rate: rate(t.idle, t.supplied),
                park_type: park_type(ilr, rate(t.residential, t.built)),
                enterprises: ents.len(),
                class_counts,
                top1_tax_share: rate(taxes.first().copied().unwrap_or(0.0), total_tax),
                top5_tax_share: rate(taxes.iter().take(5).sum(), total_tax),
            }
        })
        .collect()
}

/// The zone type of the 2014 rules from the industrial and residential land rates.
fn park_type(industrial: Option<f64>, residential: Option<f64>) -> ParkType {
    match (industrial, residential) {
        (Some(i), Some(r)) if i > 0.30 && r < 0.25 => ParkType::IndustryLed,
        (Some(i), Some(r)) if i <= 0.30 && r >= 0.25 => ParkType::Integrated,
        _ => ParkType::Other,
    }
}

/// The land sums of a park's parcels, its enterprises and those on built industrial
/// land (sorted, each once).
fn land_totals(
    model: &Model,
    index: &Index,
    policy: &Policy,
    inputs: &ParkInputs,
    members: &[usize],
) -> (LandTotals, Vec<EnterpriseIx>, Vec<EnterpriseIx>) {
    let prefixes = &policy.idle.industrial_land_prefixes;
    let mut t = LandTotals::default();
    let mut ents: Vec<EnterpriseIx> = Vec::new();
    let mut ind_ents: Vec<EnterpriseIx> = Vec::new();
    for &i in members {
        let p = &model.parcels[i];
        let it = &inputs.parcels[i];
        let a = p.area.m2();
        let is_supplied = p.status == Some(SupplyStatus::Supplied)
            && p.supply_date.is_none_or(|d| d <= inputs.as_of);
        let is_built = is_supplied
            && (it.floor_area.m2() > 0.0 || p.actual_completion.is_some_and(|c| c <= inputs.as_of));
        if p.status == Some(SupplyStatus::Approved) {
            t.approved += a;
        }
        if is_supplied {
            t.supplied += a;
            if !is_built {
                t.supplied_unbuilt += a;
            }
        }
        if inputs.idle[i].class == IdleClass::Idle {
            t.idle += a;
        }
        if is_built {
            t.built += a;
            t.floor += it.floor_area.m2();
            t.footprint += it.footprint.m2();
            if p.land_use
                .as_deref()
                .is_some_and(|c| c.to_uppercase().starts_with('R') || c.starts_with("07"))
            {
                t.residential += a;
            }
            if is_industrial_land(p.land_use.as_deref(), prefixes) {
                t.industrial += a;
                t.industrial_floor += it.floor_area.m2();
                t.industrial_footprint += it.footprint.m2();
                t.industrial_investment += p.invested.map(|w| w.wan()).unwrap_or(0.0);
                ind_ents.extend(&index.enterprises_on[i]);
            }
        }
        ents.extend(&index.enterprises_on[i]);
    }
    ents.sort_unstable();
    ents.dedup();
    ind_ents.sort_unstable();
    ind_ents.dedup();
    (t, ents, ind_ents)
}
