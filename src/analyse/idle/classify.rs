//! The classification of DOMAIN.md "Idle and inefficient land", rules 1–7, first match wins.

use chrono::NaiveDate;
use rayon::prelude::*;

use super::dates::{add_years, days_between, known_at};
use super::evidence::{
    CoverageShortfall, CrossCheck, Decree53, FarShortfall, IdleEvent, IdleEvidence, IdleStart,
    NotStarted, ProductionTest, Shortfall,
};
use crate::analyse::intensity::ParcelIntensity;
use crate::index::Index;
use crate::model::{Model, Parcel, SupplyStatus};
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
            let evidence = classify_one(policy, &intensity[i], p, i, as_of, &mut upcoming);
            let checks = cross_checks(model, index, &intensity[i], p, i, as_of);
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

fn classify_one(
    policy: &Policy,
    it: &ParcelIntensity,
    p: &Parcel,
    i: usize,
    d: NaiveDate,
    upcoming: &mut Vec<Upcoming>,
) -> IdleEvidence {
    let rules = &policy.idle;
    let start = known_at(p.actual_start, d);
    let halted = known_at(p.halted_since, d);
    let completion = known_at(p.actual_completion, d);
    // A supply dated after D had not happened at D: the parcel was approved only.
    let status = match (p.status, p.supply_date) {
        (Some(SupplyStatus::Supplied), Some(sd)) if sd > d => Some(SupplyStatus::Approved),
        (s, _) => s,
    };
    let mut event = |event: IdleEvent, date: NaiveDate| {
        upcoming.push(Upcoming {
            parcel: i,
            event,
            date,
            days: days_between(d, date),
        })
    };
    let decree = |from: NaiveDate| {
        let recover_on = add_years(from, rules.recoverable_after_years);
        Decree53 {
            idle_after_years: rules.idle_after_years,
            idle_on: add_years(from, rules.idle_after_years),
            recoverable_after_years: rules.recoverable_after_years,
            recover_on,
            recoverable: d >= recover_on,
            fee_percent: rules.idle_fee_percent,
        }
    };

    // Rule 1: approved, not supplied.
    if status == Some(SupplyStatus::Approved) {
        return IdleEvidence::ApprovedNotSupplied {
            as_of: d,
            supplied_later: p.supply_date.filter(|sd| *sd > d),
        };
    }
    let Some(SupplyStatus::Supplied) = status else {
        return match status {
            Some(SupplyStatus::Unapproved) => IdleEvidence::Unapproved,
            _ => IdleEvidence::StatusUnknown,
        };
    };

    // Rule 2(a): supplied, not started one year after the agreed start.
    if start.is_none() {
        if let Some(a) = p.agreed_start {
            let decree = decree(a);
            let from = IdleStart::AgreedStart(a);
            if d >= decree.idle_on {
                if !decree.recoverable {
                    event(IdleEvent::BecomesRecoverable(from), decree.recover_on);
                }
                return IdleEvidence::NotStarted {
                    agreed_start: a,
                    days_overdue: days_between(a, d),
                    decree,
                };
            }
            event(IdleEvent::BecomesIdle(from), decree.idle_on);
            event(IdleEvent::BecomesRecoverable(from), decree.recover_on);
        }
    }

    // Rule 2(b): started, halted a year, and too little built or invested.
    if let (Some(_), Some(h)) = (start, halted) {
        let built = it.floor_area;
        let [bn, bd] = rules.halted_built_share;
        let [inn, ind] = rules.halted_invested_share;
        let built_low = p
            .planned_floor_area
            .filter(|pl| (bd as f64) * built.m2() < (bn as f64) * pl.m2())
            .map(|pl| Shortfall {
                done: built,
                planned: pl,
                below: [bn, bd],
            });
        let inv_low = match (p.invested, p.planned_investment) {
            (Some(inv), Some(pl)) if (ind as f64) * inv.wan() < (inn as f64) * pl.wan() => {
                Some(Shortfall {
                    done: inv,
                    planned: pl,
                    below: [inn, ind],
                })
            }
            _ => None,
        };
        if built_low.is_some() || inv_low.is_some() {
            let decree = decree(h);
            let from = IdleStart::Halted(h);
            if d >= decree.idle_on {
                if !decree.recoverable {
                    event(IdleEvent::BecomesRecoverable(from), decree.recover_on);
                }
                return IdleEvidence::Halted {
                    halted_since: h,
                    days_halted: days_between(h, d),
                    built: built_low,
                    invested: inv_low,
                    decree,
                };
            }
            event(IdleEvent::BecomesIdle(from), decree.idle_on);
        }
    }

    // Rule 3: supplied, not started, not (yet) idle.
    let Some(started) = start else {
        return IdleEvidence::SuppliedNotUsed(match p.agreed_start {
            None => NotStarted::AgreedStartUnknown,
            Some(a) if d < a => NotStarted::BeforeAgreedStart {
                agreed_start: a,
                days_ahead: days_between(d, a),
            },
            Some(a) => NotStarted::Overdue {
                agreed_start: a,
                days_overdue: days_between(a, d),
                idle_on: add_years(a, rules.idle_after_years),
            },
        });
    };

    // Rule 4: started, industrial or warehouse land below the FAR minimum or coverage.
    if crate::analyse::is_industrial_land(p.land_use.as_deref(), &rules.industrial_land_prefixes) {
        let cov_min = policy.control.coverage_min.value;
        let far = match (it.far_min_required, &it.far_rule) {
            (Some(m), Some(rule)) if it.far < m => Some(FarShortfall {
                far: it.far,
                required: m,
                rule: rule.clone(),
            }),
            _ => None,
        };
        let coverage = (it.coverage < cov_min).then(|| CoverageShortfall {
            coverage: it.coverage,
            min: cov_min,
            edition: policy.control.edition.clone(),
        });
        if far.is_some() || coverage.is_some() {
            return IdleEvidence::UsedNotFull {
                started,
                far,
                coverage,
                far_requirement_known: it.far_min_required.is_some(),
            };
        }
    }

    // Rule 5: completed, not producing a year later.
    if let (Some(c), Some(false)) = (completion, p.in_production) {
        let on = add_years(c, rules.built_not_producing_after_years);
        if d >= on {
            return IdleEvidence::BuiltNotProducing {
                completed: c,
                days_since_completion: days_between(c, d),
                since: on,
            };
        }
        event(IdleEvent::BecomesBuiltNotProducing { completed: c }, on);
    }

    // Rule 6: in production below the local standard.
    if p.in_production == Some(true) {
        let test = ProductionTest {
            tax_per_mu: if it.enterprises > 0 {
                it.tax / p.area.to_mu()
            } else {
                0.0
            },
            tax_min: rules.below_standard_tax_per_mu.value,
            no_enterprise: it.enterprises == 0,
            investment_per_mu: it.investment_per_mu,
            investment_min: rules.below_standard_investment_per_mu.value,
        };
        return if test.is_tax_low() || test.is_investment_low() {
            IdleEvidence::BelowStandard(test)
        } else {
            IdleEvidence::AtStandard(test)
        };
    }
    IdleEvidence::NoRule { started }
}

fn cross_checks(
    model: &Model,
    index: &Index,
    it: &ParcelIntensity,
    p: &Parcel,
    i: usize,
    d: NaiveDate,
) -> Vec<CrossCheck> {
    use crate::project::LayerKind;
    let mut out = Vec::new();
    let has_buildings = !index.buildings_on[i].is_empty();
    if model.given.contains(&LayerKind::Buildings) {
        if let Some(started) = known_at(p.actual_start, d) {
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
