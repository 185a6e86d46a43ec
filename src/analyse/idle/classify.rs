//! The classification of DOMAIN.md "Idle and inefficient land", rules 1–7, first match wins.

use chrono::NaiveDate;
use rayon::prelude::*;

use super::dates::{add_years, days_between, known_at};
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
    /// The rule, threshold, value and dates in words.
    pub reason: String,
    /// When the parcel met the rule (idle and built_not_producing only).
    pub since: Option<NaiveDate>,
    /// Decree 53: the 20 % idle fee is due (every idle parcel).
    pub fee_due: bool,
    /// Decree 53: recoverable free of charge.
    pub recoverable: bool,
    /// Disagreements between the ledger and the ground, in words.
    pub cross_checks: Vec<String>,
}

/// A parcel that will change class within the look-ahead window.
#[derive(Debug, Clone)]
pub struct Upcoming {
    /// Parcel index.
    pub parcel: usize,
    /// What happens: becomes_idle, becomes_recoverable, becomes_built_not_producing.
    pub event: &'static str,
    /// When.
    pub date: NaiveDate,
    /// Days from the as-of date.
    pub days: i64,
}

fn fmt_area(a: f64) -> String {
    format!("{a:.0} m²")
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
            let v = classify_one(
                model,
                index,
                policy,
                &intensity[i],
                p,
                i,
                as_of,
                &mut upcoming,
            );
            upcoming.retain(|u| u.days > 0 && u.days <= horizon);
            (v, upcoming)
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

#[allow(clippy::too_many_arguments)]
fn classify_one(
    model: &Model,
    index: &Index,
    policy: &Policy,
    it: &ParcelIntensity,
    p: &Parcel,
    i: usize,
    d: NaiveDate,
    upcoming: &mut Vec<Upcoming>,
) -> IdleVerdict {
    let rules = &policy.idle;
    let fee = rules.idle_fee_percent;
    let mut v = IdleVerdict {
        class: IdleClass::None,
        reason: String::new(),
        since: None,
        fee_due: false,
        recoverable: false,
        cross_checks: cross_checks(model, index, it, p, i, d),
    };
    let start = known_at(p.actual_start, d);
    let halted = known_at(p.halted_since, d);
    let completion = known_at(p.actual_completion, d);
    // A supply dated after D had not happened at D: the parcel was approved only.
    let status = match (p.status, p.supply_date) {
        (Some(SupplyStatus::Supplied), Some(sd)) if sd > d => Some(SupplyStatus::Approved),
        (s, _) => s,
    };
    let mut event = |event: &'static str, date: NaiveDate| {
        upcoming.push(Upcoming {
            parcel: i,
            event,
            date,
            days: days_between(d, date),
        })
    };

    // Rule 1: approved, not supplied.
    if status == Some(SupplyStatus::Approved) {
        v.class = IdleClass::ApprovedNotSupplied;
        v.reason = match p.supply_date {
            Some(sd) if sd > d => {
                format!("approved but not supplied at {d} (supplied later, on {sd})")
            }
            _ => "approved for construction but not supplied (批而未供)".to_owned(),
        };
        return v;
    }
    let Some(SupplyStatus::Supplied) = status else {
        v.reason = match status {
            Some(SupplyStatus::Unapproved) => {
                "not approved for construction (未批): no rule applies".to_owned()
            }
            _ => "supply status unknown: no rule applies".to_owned(),
        };
        return v;
    };

    // Rule 2(a): supplied, not started one year after the agreed start.
    if start.is_none() {
        if let Some(a) = p.agreed_start {
            let idle_on = add_years(a, rules.idle_after_years);
            let recover_on = add_years(a, rules.recoverable_after_years);
            if d >= idle_on {
                mark_idle(
                    &mut v,
                    d,
                    idle_on,
                    recover_on,
                    fee,
                    format!(
                        "not started {} days after the agreed start of {a}",
                        days_between(a, d)
                    ),
                );
                if !v.recoverable {
                    event("becomes_recoverable", recover_on);
                }
                return v;
            }
            event("becomes_idle", idle_on);
            event("becomes_recoverable", recover_on);
        }
    }

    // Rule 2(b): started, halted a year, and too little built or invested.
    if let (Some(_), Some(h)) = (start, halted) {
        let built = it.floor_area.m2();
        let [bn, bd] = rules.halted_built_share;
        let [inn, ind] = rules.halted_invested_share;
        let built_low = p
            .planned_floor_area
            .map(|pl| (bd as f64) * built < (bn as f64) * pl.m2());
        let inv_low = match (p.invested, p.planned_investment) {
            (Some(inv), Some(pl)) => Some((ind as f64) * inv.wan() < (inn as f64) * pl.wan()),
            _ => None,
        };
        if built_low == Some(true) || inv_low == Some(true) {
            let idle_on = add_years(h, rules.idle_after_years);
            let recover_on = add_years(h, rules.recoverable_after_years);
            let mut why = Vec::new();
            if built_low == Some(true) {
                why.push(format!(
                    "built {} of {} planned (< {bn}/{bd})",
                    fmt_area(built),
                    fmt_area(p.planned_floor_area.map(|a| a.m2()).unwrap_or(0.0))
                ));
            }
            if inv_low == Some(true) {
                why.push(format!(
                    "invested {:.0} of {:.0} 万元 planned (< {bn2}/{ind})",
                    p.invested.map(|w| w.wan()).unwrap_or(0.0),
                    p.planned_investment.map(|w| w.wan()).unwrap_or(0.0),
                    bn2 = inn
                ));
            }
            if d >= idle_on {
                mark_idle(
                    &mut v,
                    d,
                    idle_on,
                    recover_on,
                    fee,
                    format!(
                        "construction halted since {h} ({} days) with {}",
                        days_between(h, d),
                        why.join(" and ")
                    ),
                );
                if !v.recoverable {
                    event("becomes_recoverable", recover_on);
                }
                return v;
            }
            event("becomes_idle", idle_on);
        }
    }

    // Rule 3: supplied, not started, not (yet) idle.
    if start.is_none() {
        v.class = IdleClass::SuppliedNotUsed;
        v.reason = match p.agreed_start {
            None => "supplied, not started; agreed start unknown, so Decree 53 cannot be applied"
                .to_owned(),
            Some(a) if d < a => format!(
                "supplied, not started; the agreed start of {a} is {} days ahead",
                days_between(d, a)
            ),
            Some(a) => format!(
                "supplied, not started, {} days after the agreed start of {a}; becomes idle on {}",
                days_between(a, d),
                add_years(a, rules.idle_after_years)
            ),
        };
        return v;
    }

    // Rule 4: started, industrial or warehouse land below the FAR minimum or coverage.
    if crate::analyse::is_industrial_land(p.land_use.as_deref(), &rules.industrial_land_prefixes) {
        let cov_min = policy.control.coverage_min.value;
        let far_low = it.far_min_required.filter(|m| it.far < *m);
        let cov_low = it.coverage < cov_min;
        if far_low.is_some() || cov_low {
            let mut why = Vec::new();
            if let Some(m) = far_low {
                why.push(format!(
                    "FAR {:.2} below the required {m} ({})",
                    it.far,
                    it.far_rule.as_deref().unwrap_or("")
                ));
            }
            if cov_low {
                why.push(format!(
                    "coverage {:.2} below {cov_min} (control indicators {})",
                    it.coverage, policy.control.edition
                ));
            }
            if it.far_min_required.is_none() {
                why.push("no FAR requirement known, coverage tested only".to_owned());
            }
            v.class = IdleClass::UsedNotFull;
            v.reason = format!(
                "started {}; {}",
                start.map(|s| s.to_string()).unwrap_or_default(),
                why.join("; ")
            );
            return v;
        }
    }

    // Rule 5: completed, not producing a year later.
    if let (Some(c), Some(false)) = (completion, p.in_production) {
        let on = add_years(c, rules.built_not_producing_after_years);
        if d >= on {
            v.class = IdleClass::BuiltNotProducing;
            v.since = Some(on);
            v.reason = format!("completed on {c}, not in production {} days later; built but not producing since {on}", days_between(c, d));
            return v;
        }
        event("becomes_built_not_producing", on);
    }

    // Rule 6: in production below the local standard.
    if p.in_production == Some(true) {
        let tax_min = rules.below_standard_tax_per_mu.value;
        let inv_min = rules.below_standard_investment_per_mu.value;
        let tax = if it.enterprises > 0 {
            it.tax / p.area.to_mu()
        } else {
            0.0
        };
        let tax_note = if it.enterprises == 0 {
            " (no enterprise located on the parcel: tax taken as 0)"
        } else {
            ""
        };
        let inv = it.investment_per_mu;
        let tax_low = tax < tax_min;
        let inv_low = inv.is_some_and(|x| x < inv_min);
        if tax_low || inv_low {
            let mut why = Vec::new();
            if tax_low {
                why.push(format!("tax {tax:.1} 万元/亩 below {tax_min}{tax_note}"));
            }
            if inv_low {
                why.push(format!(
                    "investment {:.1} 万元/亩 below {inv_min}",
                    inv.unwrap_or(0.0)
                ));
            }
            v.class = IdleClass::ProducingBelowStandard;
            v.reason = format!("in production; {}", why.join("; "));
            return v;
        }
        v.reason = format!(
            "in production at standard: tax {tax:.1} 万元/亩 ≥ {tax_min}{}",
            inv.map(|x| format!(", investment {x:.1} 万元/亩 ≥ {inv_min}"))
                .unwrap_or_else(|| ", investment unknown".to_owned())
        );
        return v;
    }
    v.reason = format!(
        "supplied and started on {}; no rule applies",
        start.map(|s| s.to_string()).unwrap_or_default()
    );
    v
}

/// Sets an idle verdict (Decree 53): idle since `idle_on`, the fee due, recoverable from
/// `recover_on`; the reason starts with the case's own cause.
fn mark_idle(
    v: &mut IdleVerdict,
    d: NaiveDate,
    idle_on: NaiveDate,
    recover_on: NaiveDate,
    fee: f64,
    cause: String,
) {
    v.class = IdleClass::Idle;
    v.since = Some(idle_on);
    v.fee_due = true;
    v.recoverable = d >= recover_on;
    let recovery = if v.recoverable { "since" } else { "from" };
    v.reason = format!("{cause}; idle since {idle_on}; {fee} % idle fee due; recoverable free of charge {recovery} {recover_on}");
}

fn cross_checks(
    model: &Model,
    index: &Index,
    it: &ParcelIntensity,
    p: &Parcel,
    i: usize,
    d: NaiveDate,
) -> Vec<String> {
    use crate::project::LayerKind;
    let mut out = Vec::new();
    let has_buildings = !index.buildings_on[i].is_empty();
    if model.given.contains(&LayerKind::Buildings) {
        if let Some(s) = known_at(p.actual_start, d) {
            if !has_buildings {
                out.push(format!(
                    "the ledger says started on {s} but no building stands on the parcel"
                ));
            }
        }
        if has_buildings
            && matches!(
                p.status,
                Some(SupplyStatus::Approved) | Some(SupplyStatus::Unapproved)
            )
        {
            out.push(format!(
                "{} of building footprint on land never supplied: possible unlawful use",
                fmt_area(it.footprint.m2())
            ));
        }
    }
    if model.given.contains(&LayerKind::Enterprises)
        && p.in_production == Some(true)
        && index.enterprises_on[i].is_empty()
    {
        out.push(
            "in production according to the ledger, but no enterprise is located on the parcel"
                .to_owned(),
        );
    }
    out
}
