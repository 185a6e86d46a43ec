//! Per-parcel intensity: floor area from footprints (tall storeys twice), FAR, coverage
//! by the union of footprints, enterprise figures apportioned to the parcel, and the
//! control-indicator verdicts with the edition that gave them.

use std::collections::HashMap;

use geo::{Area, BooleanOps, BoundingRect};
use rayon::prelude::*;

use crate::index::Index;
use crate::model::{EnterpriseIx, Model, ParcelIx};
use crate::project::policy::{FarRequirement, Policy};
use crate::project::FarFallback;
use crate::units::AreaM2;

/// Intensity of one parcel.
#[derive(Debug, Clone, Default)]
pub struct ParcelIntensity {
    /// Floor area: Σ area(footprint ∩ parcel) × storeys × (2 if storey > 8 m), else the
    /// ledger's built_floor_area, else 0.
    pub floor_area: AreaM2,
    /// True when the floor area came from footprints.
    pub from_buildings: bool,
    /// area(∪ footprints ∩ parcel).
    pub footprint: AreaM2,
    /// floor_area / area.
    pub far: f64,
    /// footprint / area, 0..1.
    pub coverage: f64,
    /// Investment per 亩 (invested, or planned when nothing is built), 万元/亩.
    pub investment_per_mu: Option<f64>,
    /// Apportioned enterprise tax, 万元.
    pub tax: f64,
    /// Apportioned revenue, 万元.
    pub revenue: f64,
    /// Apportioned value added, 万元.
    pub value_added: f64,
    /// Apportioned employees.
    pub employees: f64,
    /// Enterprises on the parcel.
    pub enterprises: usize,
    /// The industry that sets the FAR requirement: the holder's (with `[policy]
    /// far_requirement_fallback = "enterprises"`, else the one industry of the enterprises
    /// on the parcel).
    pub industry: Option<String>,
    /// Required minimum FAR.
    pub far_min_required: Option<f64>,
    /// Where the requirement came from.
    pub far_rule: Option<FarRule>,
    /// True when the requirement is unconfirmed (a \[U\] value or a fallback edition).
    pub far_rule_unconfirmed: bool,
    /// far ≥ required.
    pub far_ok: Option<bool>,
    /// coverage ≥ the building-coefficient minimum (industrial land only).
    pub coverage_ok: Option<bool>,
    /// The land-use code is industrial or warehouse land (the policy's prefixes).
    pub industrial: bool,
}

/// Where a parcel's FAR requirement comes from (DOMAIN.md "Default rules, exactly", rule 4).
#[derive(Debug, Clone, PartialEq)]
pub enum FarRule {
    /// The parcel's own planning conditions (`far_min`).
    Planning {
        /// The minimum FAR they set.
        far_min: f64,
    },
    /// The control-indicator table of an edition, by industry.
    ControlIndicators {
        /// The row found: value, code, edition, whether unconfirmed.
        requirement: FarRequirement,
        /// The industry code standard of the table's keys.
        codes: String,
    },
}

impl FarRule {
    /// True when the requirement is unconfirmed (a \[U\] value or a fallback edition).
    pub fn is_unconfirmed(&self) -> bool {
        matches!(self, FarRule::ControlIndicators { requirement, .. } if requirement.unconfirmed)
    }
}

impl ParcelIntensity {
    /// Tax per 亩, 万元/亩; `None` without enterprises.
    pub fn per_mu(&self, amount: f64, area: AreaM2) -> Option<f64> {
        (self.enterprises > 0 && area.m2() > 0.0).then(|| amount / area.to_mu())
    }
}

/// Each enterprise's share of each of its parcels: 1 / (enterprises on the parcel).
/// Returns, per enterprise, its land (m²) and its (parcel, land m²) parts.
pub fn enterprise_land(model: &Model, index: &Index) -> Vec<(AreaM2, Vec<(ParcelIx, AreaM2)>)> {
    index
        .enterprise_parcels
        .iter()
        .map(|ps| {
            let parts: Vec<(ParcelIx, AreaM2)> = ps
                .iter()
                .map(|&p| {
                    let sharing = index.enterprises_on[p.index()].len().max(1);
                    (p, model.parcels[p].area * (1.0 / sharing as f64))
                })
                .collect();
            (parts.iter().map(|(_, a)| *a).sum(), parts)
        })
        .collect()
}

/// Computes the intensity of every parcel.
pub fn parcel_intensity(model: &Model, index: &Index, policy: &Policy) -> Vec<ParcelIntensity> {
    let land = enterprise_land(model, index);
    // Each enterprise's figures go to its parcels in proportion to its land on each.
    let mut money = vec![[0.0f64; 4]; model.parcels.len()];
    for (e, (total, parts)) in land.iter().enumerate() {
        let ent = &model.enterprises[e];
        for (p, a) in parts {
            let share = if total.m2() > 0.0 { *a / *total } else { 0.0 };
            let m = &mut money[p.index()];
            m[0] += ent.tax.unwrap_or(0.0) * share;
            m[1] += ent.revenue.unwrap_or(0.0) * share;
            m[2] += ent.value_added.unwrap_or(0.0) * share;
            m[3] += ent.employees.unwrap_or(0.0) * share;
        }
    }
    let industrial = &policy.idle.industrial_land_prefixes;
    // Holders are named by enterprise id or name; the first enterprise of a name wins.
    let mut by_name: HashMap<&str, usize> = HashMap::new();
    for (i, e) in model.enterprises.iter().enumerate() {
        by_name.entry(e.id.as_str()).or_insert(i);
        if let Some(n) = e.name.as_deref() {
            by_name.entry(n).or_insert(i);
        }
    }
    model
        .parcels
        .par_iter()
        .enumerate()
        .map(|(i, parcel)| {
            let parts = &index.buildings_on[i];
            let mut r = ParcelIntensity::default();
            if parts.is_empty() {
                r.floor_area = parcel.built_floor_area.unwrap_or(AreaM2::ZERO);
            } else {
                r.from_buildings = true;
                r.floor_area = parts
                    .iter()
                    .map(|part| part.area * model.buildings[part.building].floors_counted())
                    .sum();
                r.footprint = union_footprint(model, parcel, parts);
            }
            let area = parcel.area.m2();
            r.far = if area > 0.0 {
                r.floor_area / parcel.area
            } else {
                0.0
            };
            r.coverage = if area > 0.0 {
                (r.footprint / parcel.area).min(1.0)
            } else {
                0.0
            };
            let built = r.floor_area.m2() > 0.0 || parcel.actual_completion.is_some();
            r.investment_per_mu = match (parcel.invested, parcel.planned_investment) {
                (Some(inv), _) => Some(inv.wan()),
                (None, Some(plan)) if !built => Some(plan.wan()),
                _ => None,
            }
            .map(|w| w / parcel.area.to_mu());
            let ents = &index.enterprises_on[i];
            r.enterprises = ents.len();
            [r.tax, r.revenue, r.value_added, r.employees] = money[i];
            r.industry = holder_industry(
                model,
                &by_name,
                parcel.holder.as_deref(),
                ents,
                policy.far_fallback,
            );
            let is_ind = crate::analyse::is_industrial_land(parcel.land_use.as_deref(), industrial);
            r.industrial = is_ind;
            match (
                parcel.far_min,
                r.industry
                    .as_deref()
                    .and_then(|c| policy.control.far_min(c)),
            ) {
                (Some(f), _) => {
                    r.far_min_required = Some(f);
                    r.far_rule = Some(FarRule::Planning { far_min: f });
                }
                (None, Some(req)) => {
                    r.far_min_required = Some(req.value);
                    r.far_rule_unconfirmed = req.unconfirmed;
                    r.far_rule = Some(FarRule::ControlIndicators {
                        requirement: req,
                        codes: policy.control.codes.clone(),
                    });
                }
                (None, None) => {}
            }
            r.far_ok = r.far_min_required.map(|m| r.far >= m);
            let coverage_known = model.given.contains(&crate::project::LayerKind::Buildings);
            if coverage_known
                && (is_ind
                    || r.industry
                        .as_deref()
                        .and_then(|c| policy.control.far_min(c))
                        .is_some())
            {
                r.coverage_ok = Some(r.coverage >= policy.control.coverage_min.value);
            }
            r
        })
        .collect()
}

/// The industry that sets a parcel's FAR requirement: its holder's (matched by enterprise
/// name or id). A holder not found, or without an industry, gives none, unless the policy
/// opts in to the single industry shared by the enterprises located on the parcel.
fn holder_industry(
    model: &Model,
    by_name: &HashMap<&str, usize>,
    holder: Option<&str>,
    ents: &[EnterpriseIx],
    fallback: FarFallback,
) -> Option<String> {
    let of_holder = holder
        .and_then(|h| by_name.get(h.trim()))
        .and_then(|&i| model.enterprises[i].industry.clone());
    if of_holder.is_some() || fallback == FarFallback::None {
        return of_holder;
    }
    let mut inds: Vec<&str> = ents
        .iter()
        .filter_map(|&e| model.enterprises[e].industry.as_deref())
        .collect();
    inds.sort_unstable();
    inds.dedup();
    (inds.len() == 1).then(|| inds[0].to_owned())
}

/// area(∪ footprints ∩ parcel). Footprints are grouped into clusters of overlapping ones;
/// a lone footprint adds its clipped part, a pair lying wholly on the parcel adds
/// a + b − area(a ∩ b) (the overlap is measured anyway to find the clusters), and only a
/// larger or edge-crossing cluster is united and clipped by a boolean operation.
fn union_footprint(
    model: &Model,
    parcel: &crate::model::Parcel,
    parts: &[crate::index::BuildingPart],
) -> AreaM2 {
    let geometry = |i: usize| &model.buildings[parts[i].building].geometry;
    let boxes: Vec<_> = (0..parts.len())
        .map(|i| geometry(i).bounding_rect())
        .collect();
    // Union-find over the parts, joined where two footprints overlap.
    let mut root: Vec<usize> = (0..parts.len()).collect();
    fn find(root: &mut [usize], mut i: usize) -> usize {
        while root[i] != i {
            root[i] = root[root[i]];
            i = root[i];
        }
        i
    }
    let mut overlaps: Vec<(usize, usize, f64)> = Vec::new();
    for i in 0..parts.len() {
        for j in i + 1..parts.len() {
            let (Some(a), Some(b)) = (boxes[i], boxes[j]) else {
                continue;
            };
            if a.min().x < b.max().x
                && b.min().x < a.max().x
                && a.min().y < b.max().y
                && b.min().y < a.max().y
            {
                let o = crate::index::clipped_area(geometry(i), geometry(j));
                if o > 1e-6 {
                    overlaps.push((i, j, o));
                    let (ri, rj) = (find(&mut root, i), find(&mut root, j));
                    root[ri] = rj;
                }
            }
        }
    }
    if overlaps.is_empty() {
        return parts.iter().map(|p| p.area).sum();
    }
    let mut clusters: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..parts.len() {
        let r = find(&mut root, i);
        clusters.entry(r).or_default().push(i);
    }
    let whole = |i: usize| {
        let full = model.buildings[parts[i].building].area.m2();
        (parts[i].area.m2() - full).abs() <= 1e-9 * full.max(1.0)
    };
    let mut total = 0.0;
    for members in clusters.values() {
        match members.as_slice() {
            [i] => total += parts[*i].area.m2(),
            [i, j] if whole(*i) && whole(*j) => {
                let o = overlaps
                    .iter()
                    .find(|(a, b, _)| (a, b) == (i, j))
                    .map_or(0.0, |x| x.2);
                total += parts[*i].area.m2() + parts[*j].area.m2() - o;
            }
            many => {
                let union =
                    crate::index::repaired(geo::unary_union(many.iter().map(|&i| geometry(i))));
                total +=
                    crate::index::repaired(union.intersection(&parcel.geometry)).unsigned_area();
            }
        }
    }
    AreaM2(total)
}
