//! The classification of DOMAIN.md "Idle and inefficient land" (rules 1–7, first match
//! wins, in [`super::rules`]): the verdict per parcel, the look-ahead, and the cross-checks
//! between the ledger and the ground.

use chrono::NaiveDate;
use rayon::prelude::*;

use super::evidence::{CrossCheck, IdleEvent, IdleEvidence};
use super::rules::{self, Facts, Lookahead};
use crate::analyse::intensity::ParcelIntensity;
use crate::index::Index;
use crate::model::{Model, SupplyStatus};
use crate::project::policy::Policy;

/// The idle classes of INTERFACE.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdleClass {
    /// 闲置土地 (Decree 53).
    Idle,
    /// 批而未供.
    ApprovedNotSupplied,
    /// 供而未用.
    SuppliedNotUsed,
    /// 用而未尽.
    UsedNotFull,
    /// 建而未投.
    BuiltNotProducing,
    /// 投而未达标.
    ProducingBelowStandard,
    /// None of the above.
    None,
}

impl IdleClass {
    /// Every class, in report order.
    pub const ALL: [IdleClass; 7] = [
        IdleClass::Idle,
        IdleClass::ApprovedNotSupplied,
        IdleClass::SuppliedNotUsed,
        IdleClass::UsedNotFull,
        IdleClass::BuiltNotProducing,
        IdleClass::ProducingBelowStandard,
        IdleClass::None,
    ];
    /// The output name.
    pub fn name(self) -> &'static str {
        match self {
            IdleClass::Idle => "idle",
            IdleClass::ApprovedNotSupplied => "approved_not_supplied",
            IdleClass::SuppliedNotUsed => "supplied_not_used",
            IdleClass::UsedNotFull => "used_not_full",
            IdleClass::BuiltNotProducing => "built_not_producing",
            IdleClass::ProducingBelowStandard => "producing_below_standard",
            IdleClass::None => "none",
        }
    }
    /// The Chinese name.
    pub fn zh(self) -> &'static str {
        match self {
            IdleClass::Idle => "闲置土地",
            IdleClass::ApprovedNotSupplied => "批而未供",
            IdleClass::SuppliedNotUsed => "供而未用",
            IdleClass::UsedNotFull => "用而未尽",
            IdleClass::BuiltNotProducing => "建而未投",
            IdleClass::ProducingBelowStandard => "投而未达标",
            IdleClass::None => "正常",
        }
    }
}

/// The verdict on one parcel.
#[derive(Debug, Clone)]
pub struct IdleVerdict {
    /// The class.
    pub class: IdleClass,
    /// The rule, threshold, values and dates it rests on.
    pub evidence: IdleEvidence,
    /// When the parcel met the rule (idle and built_not_producing only).
    pub since: Option<NaiveDate>,
    /// Decree 53: the 20 % idle fee is due (every idle parcel).
    pub fee_due: bool,
    /// Decree 53: recoverable free of charge.
    pub recoverable: bool,
    /// Disagreements between the ledger and the ground.
    pub cross_checks: Vec<CrossCheck>,
}

impl IdleVerdict {
    /// The verdict its evidence gives: class, dates and Decree 53 flags all follow from it.
    pub fn new(evidence: IdleEvidence, cross_checks: Vec<CrossCheck>) -> IdleVerdict {
        IdleVerdict {
            class: evidence.class(),
            since: evidence.since(),
            fee_due: evidence.decree().is_some(),
            recoverable: evidence.decree().is_some_and(|d| d.recoverable),
            evidence,
            cross_checks,
        }
    }
}

/// A parcel that will change class within the look-ahead window.
#[derive(Debug, Clone)]
pub struct Upcoming {
    /// Parcel index.
    pub parcel: usize,
    /// What happens.
    pub event: IdleEvent,
    /// When.
    pub date: NaiveDate,
    /// Days from the as-of date.
    pub days: i64,
}

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
                parcel: i,
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
