//! What an idle verdict rests on, as data: the rule that matched (DOMAIN.md "Idle and
//! inefficient land", rules 1–7), its thresholds, the measured values and the dates.
//! [`crate::words`] turns it into a sentence in the project's language.

use chrono::NaiveDate;

use super::class::IdleClass;
use crate::analyse::intensity::FarRule;
use crate::units::{AreaM2, WanYuan};

/// Decree 53's consequences for an idle parcel: idle from one date, the fee, free recovery
/// from a later one.
#[derive(Debug, Clone, PartialEq)]
pub struct Decree53 {
    /// Years after the start date (agreed start or halt) before the land is idle.
    pub idle_after_years: i32,
    /// The date it became idle.
    pub idle_on: NaiveDate,
    /// Years after the start date before it can be recovered free of charge.
    pub recoverable_after_years: i32,
    /// The date it can be (or could be) recovered free of charge.
    pub recover_on: NaiveDate,
    /// True when the as-of date has reached `recover_on`.
    pub recoverable: bool,
    /// The idle-land fee, percent of the land price.
    pub fee_percent: f64,
}

/// Done against planned, and the share under which it is too little (case 2(b)).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shortfall<T> {
    /// What was done (built floor area, invested money).
    pub done: T,
    /// What was planned (0 when the plan is not given).
    pub planned: T,
    /// The share (numerator, denominator) it is below.
    pub below: [u64; 2],
}

/// Why a supplied parcel that has not started is not (yet) idle (rule 3).
#[derive(Debug, Clone, PartialEq)]
pub enum NotStarted {
    /// No agreed start: Decree 53 cannot be applied.
    AgreedStartUnknown,
    /// The agreed start lies ahead.
    BeforeAgreedStart {
        /// The agreed start.
        agreed_start: NaiveDate,
        /// Days from the as-of date to it.
        days_ahead: i64,
    },
    /// Late, not yet a year.
    Overdue {
        /// The agreed start.
        agreed_start: NaiveDate,
        /// Days since it.
        days_overdue: i64,
        /// The date it becomes idle.
        idle_on: NaiveDate,
    },
}

/// The FAR test of rule 4 that failed.
#[derive(Debug, Clone, PartialEq)]
pub struct FarShortfall {
    /// The parcel's FAR.
    pub far: f64,
    /// The required minimum.
    pub required: f64,
    /// Where the requirement came from.
    pub rule: FarRule,
}

/// The coverage test of rule 4 that failed.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageShortfall {
    /// The parcel's building coverage.
    pub coverage: f64,
    /// The building-coefficient minimum it is compared with.
    pub min: f64,
    /// The control-indicator edition of the minimum.
    pub edition: String,
}

/// Rule 6's figures of a parcel in production.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductionTest {
    /// Tax per 亩 of the enterprises on the parcel, 万元/亩 (0 without any).
    pub tax_per_mu: f64,
    /// The local minimum, 万元/亩.
    pub tax_min: f64,
    /// True when no enterprise is located on the parcel (tax taken as 0).
    pub no_enterprise: bool,
    /// Investment per 亩, 万元/亩, when known.
    pub investment_per_mu: Option<f64>,
    /// The local minimum, 万元/亩.
    pub investment_min: f64,
}

impl ProductionTest {
    /// Tax per 亩 below the minimum.
    pub fn is_tax_low(&self) -> bool {
        self.tax_per_mu < self.tax_min
    }
    /// Investment per 亩 known and below the minimum.
    pub fn is_investment_low(&self) -> bool {
        self.investment_per_mu
            .is_some_and(|x| x < self.investment_min)
    }
}

/// The rule that decided a parcel's class, with its thresholds, values and dates.
#[derive(Debug, Clone, PartialEq)]
pub enum IdleEvidence {
    /// Rule 1 (批而未供): status approved, or supplied after the as-of date.
    ApprovedNotSupplied {
        /// The date judged at.
        as_of: NaiveDate,
        /// The supply date when it lies after `as_of`.
        supplied_later: Option<NaiveDate>,
    },
    /// Not approved for construction (未批): no rule applies.
    Unapproved,
    /// Supply status unknown: no rule applies.
    StatusUnknown,
    /// Rule 2(a) (闲置): supplied, not started a year after the agreed start.
    NotStarted {
        /// The agreed start.
        agreed_start: NaiveDate,
        /// Days from it to the as-of date.
        days_overdue: i64,
        /// Idle since, the fee, recovery.
        decree: Decree53,
    },
    /// Rule 2(b) (闲置): started, halted a year, too little built or invested.
    Halted {
        /// The halt.
        halted_since: NaiveDate,
        /// Days from it to the as-of date.
        days_halted: i64,
        /// Floor area built against planned, when below the share.
        built: Option<Shortfall<AreaM2>>,
        /// Investment against planned, when below the share.
        invested: Option<Shortfall<WanYuan>>,
        /// Idle since, the fee, recovery.
        decree: Decree53,
    },
    /// Rule 3 (供而未用): supplied, not started, not (yet) idle.
    SuppliedNotUsed(NotStarted),
    /// Rule 4 (用而未尽): started industrial land below the FAR minimum or the coverage.
    UsedNotFull {
        /// The actual start.
        started: NaiveDate,
        /// The FAR test, when it failed.
        far: Option<FarShortfall>,
        /// The coverage test, when it failed.
        coverage: Option<CoverageShortfall>,
        /// False when no FAR requirement is known (coverage tested only).
        far_requirement_known: bool,
    },
    /// Rule 5 (建而未投): completed, not producing a year later.
    BuiltNotProducing {
        /// The completion.
        completed: NaiveDate,
        /// Days from it to the as-of date.
        days_since_completion: i64,
        /// The date the class applies from.
        since: NaiveDate,
    },
    /// Rule 6 (投而未达标): in production below the local standard.
    BelowStandard(ProductionTest),
    /// In production at the standard: no class.
    AtStandard(ProductionTest),
    /// Supplied and started, no rule applies.
    NoRule {
        /// The actual start.
        started: NaiveDate,
    },
}

impl IdleEvidence {
    /// The class this evidence gives.
    pub fn class(&self) -> IdleClass {
        match self {
            IdleEvidence::ApprovedNotSupplied { .. } => IdleClass::ApprovedNotSupplied,
            IdleEvidence::NotStarted { .. } | IdleEvidence::Halted { .. } => IdleClass::Idle,
            IdleEvidence::SuppliedNotUsed(_) => IdleClass::SuppliedNotUsed,
            IdleEvidence::UsedNotFull { .. } => IdleClass::UsedNotFull,
            IdleEvidence::BuiltNotProducing { .. } => IdleClass::BuiltNotProducing,
            IdleEvidence::BelowStandard(_) => IdleClass::ProducingBelowStandard,
            IdleEvidence::Unapproved
            | IdleEvidence::StatusUnknown
            | IdleEvidence::AtStandard(_)
            | IdleEvidence::NoRule { .. } => IdleClass::None,
        }
    }
    /// Decree 53's consequences, for idle land.
    pub fn decree(&self) -> Option<&Decree53> {
        match self {
            IdleEvidence::NotStarted { decree, .. } | IdleEvidence::Halted { decree, .. } => {
                Some(decree)
            }
            _ => None,
        }
    }
    /// When the parcel met its rule: idle (both cases) and built-not-producing only.
    pub fn since(&self) -> Option<NaiveDate> {
        match self {
            IdleEvidence::BuiltNotProducing { since, .. } => Some(*since),
            _ => self.decree().map(|d| d.idle_on),
        }
    }
}

/// A disagreement between the ledger and the ground (reported, never changing the class).
#[derive(Debug, Clone, PartialEq)]
pub enum CrossCheck {
    /// Started per the ledger, but no building stands on the parcel.
    StartedWithoutBuilding {
        /// The ledger's actual start.
        started: NaiveDate,
    },
    /// Buildings on land never supplied: possible unlawful use.
    BuiltOnUnsuppliedLand {
        /// Their footprint on the parcel.
        footprint: AreaM2,
    },
    /// In production per the ledger, but no enterprise is located on the parcel.
    ProducingWithoutEnterprise,
}

/// What an idle-land period counts from (Decree 53's two cases).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdleStart {
    /// Not started: from the agreed start.
    AgreedStart(NaiveDate),
    /// Started and halted: from the halt.
    Halted(NaiveDate),
}

/// What happens to a parcel on an upcoming date, and what the period counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdleEvent {
    /// It becomes idle land (Decree 53) unless work starts or resumes.
    BecomesIdle(IdleStart),
    /// Idle land becomes recoverable free of charge unless work starts or resumes.
    BecomesRecoverable(IdleStart),
    /// It becomes built but not producing unless production starts.
    BecomesBuiltNotProducing {
        /// The completion.
        completed: NaiveDate,
    },
}

impl IdleEvent {
    /// The code written in `upcoming.csv` (`event`).
    pub fn code(self) -> &'static str {
        match self {
            IdleEvent::BecomesIdle(_) => "becomes_idle",
            IdleEvent::BecomesRecoverable(_) => "becomes_recoverable",
            IdleEvent::BecomesBuiltNotProducing { .. } => "becomes_built_not_producing",
        }
    }
}
