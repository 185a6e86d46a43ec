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
use crate::model::{Model, SupplyStatus};
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

/// Indicators of every park.
#[allow(clippy::too_many_arguments)]
pub fn park_intensity(
    model: &Model,
    index: &Index,
    policy: &Policy,
    parcels: &[ParcelIntensity],
    idle: &[IdleVerdict],
    ans_by_park: &[AreaM2],
    eval: &Evaluation,
    as_of: chrono::NaiveDate,
) -> Vec<ParkIntensity> {
    let prefixes = &policy.idle.industrial_land_prefixes;
    let mut by_park: Vec<Vec<usize>> = vec![Vec::new(); model.parks.len()];
    for (i, k) in index.parcel_park.iter().enumerate() {
        if let Some(k) = k {
            by_park[*k].push(i);
        }
    }
    (0..model.parks.len())
        .map(|k| {
            let members = &by_park[k];
            let (mut supplied, mut built, mut idle_a, mut a2, mut resid) =
                (0.0, 0.0, 0.0, 0.0, 0.0);
            let (mut floor, mut foot, mut floor2, mut foot2, mut inv2, mut supplied_unbuilt) =
                (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
            let mut ents: Vec<usize> = Vec::new();
            let mut ind_ents: Vec<usize> = Vec::new();
            let mut ans_parcels = 0.0;
            for &i in members {
                let p = &model.parcels[i];
                let it = &parcels[i];
                let a = p.area.m2();
                let is_supplied = p.status == Some(SupplyStatus::Supplied)
                    && p.supply_date.is_none_or(|d| d <= as_of);
                let is_built = is_supplied
                    && (it.floor_area.m2() > 0.0
                        || p.actual_completion.is_some_and(|c| c <= as_of));
                let ind = is_industrial_land(p.land_use.as_deref(), prefixes);
                if p.status == Some(SupplyStatus::Approved) {
                    ans_parcels += a;
                }
                if is_supplied {
                    supplied += a;
                    if !is_built {
                        supplied_unbuilt += a;
                    }
                }
                if idle[i].class == IdleClass::Idle {
                    idle_a += a;
                }
                if is_built {
                    built += a;
                    floor += it.floor_area.m2();
                    foot += it.footprint.m2();
                    if p.land_use
                        .as_deref()
                        .is_some_and(|c| c.to_uppercase().starts_with('R') || c.starts_with("07"))
                    {
                        resid += a;
                    }
                    if ind {
                        a2 += a;
                        floor2 += it.floor_area.m2();
                        foot2 += it.footprint.m2();
                        inv2 += p.invested.map(|w| w.wan()).unwrap_or(0.0);
                        ind_ents.extend(&index.enterprises_on[i]);
                    }
                }
                ents.extend(&index.enterprises_on[i]);
            }
            ents.sort_unstable();
            ents.dedup();
            ind_ents.sort_unstable();
            ind_ents.dedup();
            // Without an approvals layer the approved parcels stand for 批而未供.
            let ans = if model.approvals.is_empty() {
                ans_parcels
            } else {
                ans_by_park.get(k).map(|a| a.m2()).unwrap_or(0.0)
            };
            let area = model.parks[k].area.m2();
            let b21 = supplied_unbuilt + ans;
            let a2_mu = AreaM2(a2).to_mu();
            let ind_tax: f64 = ind_ents
                .iter()
                .map(|&e| model.enterprises[e].tax.unwrap_or(0.0))
                .sum();
            let mut taxes: Vec<f64> = ents
                .iter()
                .map(|&e| model.enterprises[e].tax.unwrap_or(0.0).max(0.0))
                .collect();
            taxes.sort_by(|a, b| b.total_cmp(a));
            let total_tax: f64 = taxes.iter().sum();
            let ilr = rate(a2, built);
            let rr = rate(resid, built);
            let park_type = match (ilr, rr) {
                (Some(i), Some(r)) if i > 0.30 && r < 0.25 => ParkType::IndustryLed,
                (Some(i), Some(r)) if i <= 0.30 && r >= 0.25 => ParkType::Integrated,
                _ => ParkType::Other,
            };
            let class_counts = EvalClass::ALL
                .iter()
                .map(|c| {
                    (
                        *c,
                        ents.iter()
                            .filter(|&&e| eval.enterprises[e].class == *c)
                            .count(),
                    )
                })
                .collect();
            ParkIntensity {
                area: AreaM2(area),
                supplied: AreaM2(supplied),
                built: AreaM2(built),
                idle: AreaM2(idle_a),
                approved_not_supplied: AreaM2(ans),
                development_rate: rate(built + b21, area),
                supply_rate: rate(supplied, built + b21),
                built_rate: rate(built, supplied),
                industrial_land_rate: ilr,
                far: rate(floor, built),
                coverage: rate(foot, built),
                industrial_far: rate(floor2, a2),
                industrial_coverage: rate(foot2, a2),
                investment_per_mu: (a2_mu > 0.0).then(|| inv2 / a2_mu),
                tax_per_mu: (a2_mu > 0.0).then(|| ind_tax / a2_mu),
                idle_rate: rate(idle_a, supplied),
                park_type,
                enterprises: ents.len(),
                class_counts,
                top1_tax_share: rate(taxes.first().copied().unwrap_or(0.0), total_tax),
                top5_tax_share: rate(taxes.iter().take(5).sum(), total_tax),
            }
        })
        .collect()
}
