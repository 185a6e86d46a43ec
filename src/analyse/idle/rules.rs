//! The rules of DOMAIN.md "Idle and inefficient land", one function each, in the order
//! DOMAIN.md gives them; the first that applies decides. Rules 1–3 judge supply and start;
//! rules 4–6 apply to land whose construction has started; rule 7 is what is left.
//!
//! Each rule reads the parcel's [`Facts`] at the date and returns its evidence when it
//! applies; on the way it notes the dates on which the parcel would change class
//! ([`Lookahead`]).

use chrono::NaiveDate;

use super::dates::{add_years, days_between, known_at};
use super::evidence::{
    CoverageShortfall, Decree53, FarShortfall, IdleEvent, IdleEvidence, IdleStart, NotStarted,
    ProductionTest, Shortfall,
};
use super::verdict::Upcoming;
use crate::analyse::intensity::ParcelIntensity;
use crate::model::{Parcel, SupplyStatus};
use crate::project::policy::Policy;

/// What the rules read about one parcel at the date judged.
pub(super) struct Facts<'a> {
    /// The rule tables.
    pub policy: &'a Policy,
    /// The parcel.
    pub parcel: &'a Parcel,
    /// Its intensity (floor area, FAR, coverage, money per 亩).
    pub intensity: &'a ParcelIntensity,
    /// The date judged at (D).
    pub as_of: NaiveDate,
    /// Supply status at D: a supply dated after D had not happened, the parcel was
    /// approved only.
    pub status: Option<SupplyStatus>,
    /// The actual start, if it had happened by D.
    pub start: Option<NaiveDate>,
    /// The halt, if it had happened by D.
    pub halted: Option<NaiveDate>,
    /// The completion, if it had happened by D.
    pub completion: Option<NaiveDate>,
}

impl<'a> Facts<'a> {
    /// The facts of a parcel at `as_of`: facts dated after it have not happened yet.
    pub fn at(
        policy: &'a Policy,
        parcel: &'a Parcel,
        intensity: &'a ParcelIntensity,
        as_of: NaiveDate,
    ) -> Facts<'a> {
        let status = match (parcel.status, parcel.supply_date) {
            (Some(SupplyStatus::Supplied), Some(sd)) if sd > as_of => Some(SupplyStatus::Approved),
            (s, _) => s,
        };
        Facts {
            policy,
            parcel,
            intensity,
            as_of,
            status,
            start: known_at(parcel.actual_start, as_of),
            halted: known_at(parcel.halted_since, as_of),
            completion: known_at(parcel.actual_completion, as_of),
        }
    }

    /// Decree 53's consequences of a period counted from `from`.
    fn decree(&self, from: NaiveDate) -> Decree53 {
        let rules = &self.policy.idle;
        let recover_on = add_years(from, rules.recoverable_after_years);
        Decree53 {
            idle_after_years: rules.idle_after_years,
            idle_on: add_years(from, rules.idle_after_years),
            recoverable_after_years: rules.recoverable_after_years,
            recover_on,
            recoverable: self.as_of >= recover_on,
            fee_percent: rules.idle_fee_percent,
        }
    }
}

/// The dates on which one parcel would change class, as the rules find them.
pub(super) struct Lookahead<'a> {
    /// The parcel.
    pub parcel: crate::model::ParcelIx,
    /// The date judged at.
    pub as_of: NaiveDate,
    /// Where the events go.
    pub events: &'a mut Vec<Upcoming>,
}

impl Lookahead<'_> {
    fn note(&mut self, event: IdleEvent, date: NaiveDate) {
        self.events.push(Upcoming {
            parcel: self.parcel,
            event,
            date,
            days: days_between(self.as_of, date),
        });
    }
}

/// A rule on supply and start (rules 1–2).
type SupplyRule = fn(&Facts, &mut Lookahead) -> Option<IdleEvidence>;
/// A rule on started land (rules 4–6), given the actual start.
type StartedRule = fn(&Facts, NaiveDate, &mut Lookahead) -> Option<IdleEvidence>;

/// Rules 1, (outside the rules), 2(a), 2(b), in DOMAIN.md's order.
const SUPPLY_RULES: [SupplyRule; 4] = [
    approved_not_supplied,
    not_supplied,
    idle_not_started,
    idle_halted,
];
/// Rules 4, 5, 6, in DOMAIN.md's order.
const STARTED_RULES: [StartedRule; 3] = [used_not_full, built_not_producing, production];

/// The first rule that applies to a parcel, with its evidence.
pub(super) fn classify(f: &Facts, ahead: &mut Lookahead) -> IdleEvidence {
    if let Some(e) = SUPPLY_RULES.iter().find_map(|rule| rule(f, ahead)) {
        return e;
    }
    let Some(started) = f.start else {
        return supplied_not_used(f);
    };
    STARTED_RULES
        .iter()
        .find_map(|rule| rule(f, started, ahead))
        .unwrap_or(IdleEvidence::NoRule { started })
}

/// Rule 1 (批而未供): status approved at D.
fn approved_not_supplied(f: &Facts, _: &mut Lookahead) -> Option<IdleEvidence> {
    (f.status == Some(SupplyStatus::Approved)).then(|| IdleEvidence::ApprovedNotSupplied {
        as_of: f.as_of,
        supplied_later: f.parcel.supply_date.filter(|sd| *sd > f.as_of),
    })
}

/// Land not supplied (unapproved, or status unknown): no rule applies.
fn not_supplied(f: &Facts, _: &mut Lookahead) -> Option<IdleEvidence> {
    match f.status {
        Some(SupplyStatus::Supplied) => None,
        Some(SupplyStatus::Unapproved) => Some(IdleEvidence::Unapproved),
        _ => Some(IdleEvidence::StatusUnknown),
    }
}

/// Rule 2(a) (闲置): supplied, not started, D ≥ agreed start + 1 year.
fn idle_not_started(f: &Facts, ahead: &mut Lookahead) -> Option<IdleEvidence> {
    if f.start.is_some() {
        return None;
    }
    let agreed_start = f.parcel.agreed_start?;
    let decree = f.decree(agreed_start);
    let from = IdleStart::AgreedStart(agreed_start);
    if f.as_of < decree.idle_on {
        ahead.note(IdleEvent::BecomesIdle(from), decree.idle_on);
        ahead.note(IdleEvent::BecomesRecoverable(from), decree.recover_on);
        return None;
    }
    if !decree.recoverable {
        ahead.note(IdleEvent::BecomesRecoverable(from), decree.recover_on);
    }
    Some(IdleEvidence::NotStarted {
        agreed_start,
        days_overdue: days_between(agreed_start, f.as_of),
        decree,
    })
}

/// Rule 2(b) (闲置): started, halted, D ≥ halt + 1 year, and 3 × built < planned floor
/// area or 4 × invested < planned investment (exact, no floating 1/3).
fn idle_halted(f: &Facts, ahead: &mut Lookahead) -> Option<IdleEvidence> {
    f.start?;
    let halted_since = f.halted?;
    let rules = &f.policy.idle;
    let p = f.parcel;
    let [bn, bd] = rules.halted_built_share;
    let [inn, ind] = rules.halted_invested_share;
    let built = f.intensity.floor_area;
    let built_low = p
        .planned_floor_area
        .filter(|pl| (bd as f64) * built.m2() < (bn as f64) * pl.m2())
        .map(|planned| Shortfall {
            done: built,
            planned,
            below: [bn, bd],
        });
    let invested_low = match (p.invested, p.planned_investment) {
        (Some(done), Some(planned)) if (ind as f64) * done.wan() < (inn as f64) * planned.wan() => {
            Some(Shortfall {
                done,
                planned,
                below: [inn, ind],
            })
        }
        _ => None,
    };
    if built_low.is_none() && invested_low.is_none() {
        return None;
    }
    let decree = f.decree(halted_since);
    let from = IdleStart::Halted(halted_since);
    if f.as_of < decree.idle_on {
        ahead.note(IdleEvent::BecomesIdle(from), decree.idle_on);
        return None;
    }
    if !decree.recoverable {
        ahead.note(IdleEvent::BecomesRecoverable(from), decree.recover_on);
    }
    Some(IdleEvidence::Halted {
        halted_since,
        days_halted: days_between(halted_since, f.as_of),
        built: built_low,
        invested: invested_low,
        decree,
    })
}

/// Rule 3 (供而未用): supplied, not started, not idle; says whether D is before the
/// agreed start or how many days it is overdue.
fn supplied_not_used(f: &Facts) -> IdleEvidence {
    IdleEvidence::SuppliedNotUsed(match f.parcel.agreed_start {
        None => NotStarted::AgreedStartUnknown,
        Some(a) if f.as_of < a => NotStarted::BeforeAgreedStart {
            agreed_start: a,
            days_ahead: days_between(f.as_of, a),
        },
        Some(a) => NotStarted::Overdue {
            agreed_start: a,
            days_overdue: days_between(a, f.as_of),
            idle_on: add_years(a, f.policy.idle.idle_after_years),
        },
    })
}

/// Rule 4 (用而未尽): started industrial or warehouse land with FAR below the required
/// minimum or coverage below the building-coefficient minimum; without a FAR requirement
/// only coverage is tested.
fn used_not_full(f: &Facts, started: NaiveDate, _: &mut Lookahead) -> Option<IdleEvidence> {
    let it = f.intensity;
    let prefixes = &f.policy.idle.industrial_land_prefixes;
    if !crate::analyse::is_industrial_land(f.parcel.land_use.as_deref(), prefixes) {
        return None;
    }
    let control = &f.policy.control;
    let far = match (it.far_min_required, &it.far_rule) {
        (Some(required), Some(rule)) if it.far < required => Some(FarShortfall {
            far: it.far,
            required,
            rule: rule.clone(),
        }),
        _ => None,
    };
    let coverage = (it.coverage < control.coverage_min.value).then(|| CoverageShortfall {
        coverage: it.coverage,
        min: control.coverage_min.value,
        edition: control.edition.clone(),
    });
    (far.is_some() || coverage.is_some()).then(|| IdleEvidence::UsedNotFull {
        started,
        far,
        coverage,
        far_requirement_known: it.far_min_required.is_some(),
    })
}

/// Rule 5 (建而未投): completed, not in production, D ≥ completion + 1 year.
fn built_not_producing(f: &Facts, _: NaiveDate, ahead: &mut Lookahead) -> Option<IdleEvidence> {
    let completed = f.completion?;
    if f.parcel.in_production != Some(false) {
        return None;
    }
    let since = add_years(completed, f.policy.idle.built_not_producing_after_years);
    if f.as_of < since {
        ahead.note(IdleEvent::BecomesBuiltNotProducing { completed }, since);
        return None;
    }
    Some(IdleEvidence::BuiltNotProducing {
        completed,
        days_since_completion: days_between(completed, f.as_of),
        since,
    })
}

/// Rule 6 (投而未达标): in production with tax or investment per 亩 below the local
/// standard; a parcel without an enterprise counts tax 0. At the standard, the evidence
/// says so (class none).
fn production(f: &Facts, _: NaiveDate, _: &mut Lookahead) -> Option<IdleEvidence> {
    if f.parcel.in_production != Some(true) {
        return None;
    }
    let it = f.intensity;
    let rules = &f.policy.idle;
    let test = ProductionTest {
        tax_per_mu: if it.enterprises > 0 {
            it.tax / f.parcel.area.to_mu()
        } else {
            0.0
        },
        tax_min: rules.below_standard_tax_per_mu.value,
        no_enterprise: it.enterprises == 0,
        investment_per_mu: it.investment_per_mu,
        investment_min: rules.below_standard_investment_per_mu.value,
    };
    Some(if test.is_tax_low() || test.is_investment_low() {
        IdleEvidence::BelowStandard(test)
    } else {
        IdleEvidence::AtStandard(test)
    })
}
