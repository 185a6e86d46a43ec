//! Idle and inefficient land (闲置土地, Decree 53 of 2012; 批而未供, 供而未用, 用而未尽,
//! 建而未投, 投而未达标): every parcel classified at a date with its evidence (the rule,
//! threshold, measured value and dates, as data); the parcels about to change class;
//! cross-checks between the ledger and the ground; and approved-but-not-supplied land as
//! geometry.

mod ans;
mod class;
mod classify;
pub mod dates;
mod evidence;
mod rules;
mod verdict;

pub use ans::{ans_area_by_park, approved_not_supplied, AnsPiece};
pub use class::IdleClass;
pub use classify::classify_idle;
pub use evidence::{
    CoverageShortfall, CrossCheck, Decree53, FarShortfall, IdleEvent, IdleEvidence, IdleStart,
    NotStarted, ProductionTest, Shortfall,
};
pub use verdict::{IdleVerdict, Upcoming};
