//! What the classification concludes about a parcel ([`IdleVerdict`]) and the parcels
//! about to change class ([`Upcoming`]).

use chrono::NaiveDate;

use super::class::IdleClass;
use super::evidence::{CrossCheck, IdleEvent, IdleEvidence};

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
    /// The parcel.
    pub parcel: crate::model::ParcelIx,
    /// What happens.
    pub event: IdleEvent,
    /// When.
    pub date: NaiveDate,
    /// Days from the as-of date.
    pub days: i64,
}
