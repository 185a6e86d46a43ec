//! The classification of DOMAIN.md "Idle and inefficient land" (rules 1–7, first match
//! wins, in [`super::rules`]): the verdict per parcel, the look-ahead, and the cross-checks
//! between the ledger and the ground.

use chrono::NaiveDate;
use rayon::prelude::*;

use super::evidence::CrossCheck;
use super::rules::{self, Facts, Lookahead};
use super::verdict::{IdleVerdict, Upcoming};
use crate::analyse::intensity::ParcelIntensity;
use crate::index::Index;
use crate::model::{Model, SupplyStatus};
use crate::project::policy::Policy;

/// Classifies every parcel at `as_of`. Returns the verdicts (by parcel) and the parcels
/// that change class within the longest look-ahead window of the rules.
pub fn classify_idle(
    model: &Model,
    index: &Index,
    policy: &Policy,
    intensity: &[ParcelIntensity],
    as_of: NaiveDate,
) -> (Vec<IdleVerdict>, Vec<Upcoming>) {
    let rules = &policy.idle;
    let horizon = rules.warn_days.iter().copied().max().unwrap_or(365);
    let results: Vec<(IdleVerdict, Vec<Upcoming>)> = model
        .parcels
        .par_iter()
        .enumerate()
        .map(|(i, p)| {
            let mut upcoming = Vec::new();
            let facts = Facts::at(policy, p, &intensity[i], as_of);
            let mut ahead = Lookahead {
                parcel: crate::model::ParcelIx(i),
                as_of,
                events: &mut upcoming,
            };
            let evidence = rules::classify(&facts, &mut ahead);
            let checks = cross_checks(model, index, &facts, i);
            upcoming.retain(|u| u.days > 0 && u.days <= horizon);
            (IdleVerdict::new(evidence, checks), upcoming)
        })
        .collect();
    let mut verdicts = Vec::with_capacity(results.len());
    let mut upcoming = Vec::new();
    for (v, u) in results {
        verdicts.push(v);
        upcoming.extend(u);
    }
    upcoming.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then(model.parcels[a.parcel].id.cmp(&model.parcels[b.parcel].id))
    });
    (verdicts, upcoming)
}

/// The ledger against the ground: started without a building, built on land never
/// supplied, producing without an enterprise (reported, never changing the class).
fn cross_checks(model: &Model, index: &Index, f: &Facts, i: usize) -> Vec<CrossCheck> {
    use crate::project::LayerKind;
    let (p, it) = (f.parcel, f.intensity);
    let mut out = Vec::new();
    let has_buildings = !index.buildings_on[i].is_empty();
    if model.given.contains(&LayerKind::Buildings) {
        if let Some(started) = f.start {
            if !has_buildings {
                out.push(CrossCheck::StartedWithoutBuilding { started });
            }
        }
        if has_buildings
            && matches!(
                p.status,
                Some(SupplyStatus::Approved) | Some(SupplyStatus::Unapproved)
            )
        {
            out.push(CrossCheck::BuiltOnUnsuppliedLand {
                footprint: it.footprint,
            });
        }
    }
    if model.given.contains(&LayerKind::Enterprises)
        && p.in_production == Some(true)
        && index.enterprises_on[i].is_empty()
    {
        out.push(CrossCheck::ProducingWithoutEnterprise);
    }
    out
}
