//! Analyse: one module per command. Each takes the trusted [`crate::model::Model`], the
//! spatial index of its joins and the [`crate::project::policy::Policy`], and returns rows
//! that carry their evidence (the rule, the threshold, the value, the dates) as data;
//! [`crate::words`] writes it in the project's language.

pub mod admit;
pub mod evaluate;
pub mod idle;
pub mod intensity;
pub mod site;
pub mod supply;

/// Land-use codes of industrial and warehouse land (GB 50137 M*, W*; 用地用海 1001*, 1101*).
pub fn is_industrial_land(code: Option<&str>, prefixes: &[String]) -> bool {
    code.is_some_and(|c| {
        let c = c.trim().to_uppercase();
        prefixes.iter().any(|p| c.starts_with(&p.to_uppercase()))
    })
}

use chrono::NaiveDate;

use crate::index::Index;
use crate::model::Model;
use crate::project::policy::Policy;

/// Every analysis of a project at one date: what `intensity`, `evaluate` and `idle` write.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The date rules were judged at.
    pub as_of: NaiveDate,
    /// Per parcel intensity.
    pub intensity: Vec<intensity::ParcelIntensity>,
    /// Per parcel idle verdict.
    pub idle: Vec<idle::IdleVerdict>,
    /// Parcels about to change class.
    pub upcoming: Vec<idle::Upcoming>,
    /// Approved-not-supplied pieces.
    pub ans: Vec<idle::AnsPiece>,
    /// Per enterprise evaluation.
    pub evaluation: evaluate::Evaluation,
    /// Per park indicators.
    pub parks: Vec<intensity::ParkIntensity>,
    /// Serviced land per parcel; serviced stock and years of supply left per park.
    pub supply: supply::LandSupply,
    /// How long each stage took, for `--timings` and benchmarks.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Runs intensity, idle classification and evaluation at `as_of`.
pub(crate) fn analyse_all(
    model: &Model,
    index: &Index,
    policy: &Policy,
    as_of: NaiveDate,
) -> Analysis {
    let mut timings = Vec::new();
    let mut t = std::time::Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, std::time::Duration)>| {
        timings.push((name, t.elapsed()));
        t = std::time::Instant::now();
    };
    let intensity = intensity::parcel_intensity(model, index, policy);
    lap("intensity", &mut timings);
    let (idle, upcoming) = idle::classify_idle(model, index, policy, &intensity, as_of);
    lap("idle classes", &mut timings);
    let ans = idle::approved_not_supplied(model, index, as_of);
    let ans_by_park = idle::ans_area_by_park(model, index, &ans);
    lap("approved-not-supplied overlay", &mut timings);
    let evaluation = evaluate::evaluate(model, index, &policy.evaluation);
    lap("evaluate", &mut timings);
    let inputs = intensity::ParkInputs {
        parcels: &intensity,
        idle: &idle,
        ans_by_park: &ans_by_park,
        evaluation: &evaluation,
        as_of,
    };
    let parks = intensity::park_intensity(model, index, policy, &inputs);
    lap("park indicators", &mut timings);
    let supply = supply::land_supply(model, index, &policy.serviced_land, as_of);
    lap("serviced land + supply", &mut timings);
    Analysis {
        as_of,
        intensity,
        idle,
        upcoming,
        ans,
        evaluation,
        parks,
        supply,
        timings,
    }
}
