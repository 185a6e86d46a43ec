//! The entry check of proposed projects (入园门槛): each proposal against the minimums of
//! the park's level (investment, output and tax per 亩, FAR), the park's leading
//! industries and its serviced land; the parks a proposal is recommended for are ranked
//! by their spare serviced land. Verdicts carry their evidence; [`crate::words`] writes it.

mod standard;

pub use standard::{standard_land, StandardLand, OFFER};

use std::cmp::Ordering;

use crate::analyse::supply::LandSupply;
use crate::error::{Error, Location, Result};
use crate::model::proposals::Proposal;
use crate::model::Model;
use crate::project::land::{EntryIndicator, Threshold, ThresholdSource};
use crate::project::policy::{Policy, Tag};
use crate::units::AreaM2;

/// A value within this fraction of its minimum counts as equal (decimal inputs such as
/// 35 万元 on 0.1 亩 do not divide exactly in binary).
const EQUAL_WITHIN: f64 = 1e-9;

/// How a proposal fares on one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The park requires nothing of it.
    NotRequired,
    /// At or above the minimum.
    Pass,
    /// Below the minimum.
    Fail,
    /// Required, and the proposal does not give it (or gives no land to divide by).
    NotGiven,
}

/// One indicator of one proposal in one park.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorCheck {
    /// Which indicator.
    pub indicator: EntryIndicator,
    /// The proposal's value (per 亩 for the money indicators).
    pub value: Option<f64>,
    /// The minimum and where it came from.
    pub required: Option<Threshold>,
    /// The verdict.
    pub outcome: Outcome,
}

/// Whether the proposal's industry fits the park.
#[derive(Debug, Clone, PartialEq)]
pub enum IndustryFit {
    /// The park lists no leading industries.
    NoList,
    /// The park's list holds the proposal's division.
    Listed(String),
    /// The park's list does not hold it (the division, the list).
    NotListed(String, Vec<String>),
    /// The proposal gives no industry; the park's list.
    Unknown(Vec<String>),
}

impl IndustryFit {
    /// True when the proposal may settle by industry.
    pub fn fits(&self) -> bool {
        matches!(self, IndustryFit::NoList | IndustryFit::Listed(_))
    }
}

/// Whether the park has a serviced parcel large enough.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum LandFit {
    /// No service could be assessed in the project.
    NotAssessed,
    /// The proposal gives no land area.
    NoArea,
    /// The largest serviced parcel and the land asked for, 亩.
    Compared {
        /// The park's largest serviced parcel not yet supplied.
        largest_mu: f64,
        /// The proposal's land.
        land_mu: f64,
    },
}

impl LandFit {
    /// True when the largest serviced parcel holds the proposal.
    pub fn fits(&self) -> bool {
        matches!(self, LandFit::Compared { largest_mu, land_mu } if largest_mu >= land_mu)
    }
}

/// The check of one proposal in one park.
#[derive(Debug, Clone, PartialEq)]
pub struct AdmitRow {
    /// Index into the proposals.
    pub proposal: usize,
    /// Index into the parks layer.
    pub park: usize,
    /// The park's level.
    pub level: Option<String>,
    /// The four indicators, in the order of [`EntryIndicator::ALL`].
    pub checks: Vec<IndicatorCheck>,
    /// The industry fit.
    pub industry: IndustryFit,
    /// The land fit.
    pub land: LandFit,
    /// The park's largest serviced parcel not yet supplied.
    pub largest_serviced: Option<AreaM2>,
    /// The park's serviced land not yet supplied (the ranking key).
    pub serviced_unsupplied: Option<AreaM2>,
    /// Rank among the parks the proposal is recommended for (1 = most spare serviced
    /// land); `None` when not recommended.
    pub rank: Option<usize>,
}

impl AdmitRow {
    /// True when no required indicator fails or is missing.
    pub fn pass(&self) -> bool {
        self.checks
            .iter()
            .all(|c| matches!(c.outcome, Outcome::Pass | Outcome::NotRequired))
    }
    /// The indicators that failed or were not given, in column order.
    pub fn failed(&self) -> Vec<EntryIndicator> {
        self.checks
            .iter()
            .filter(|c| matches!(c.outcome, Outcome::Fail | Outcome::NotGiven))
            .map(|c| c.indicator)
            .collect()
    }
    /// Passes, fits the leading industries, and the largest serviced parcel holds it.
    pub fn recommended(&self) -> bool {
        self.pass() && self.industry.fits() && self.land.fits()
    }
}

/// The entry check of a list of proposals.
#[derive(Debug, Clone)]
pub struct AdmitResult {
    /// The proposals, as read.
    pub proposals: Vec<Proposal>,
    /// One row per proposal and park: proposals in input order; each proposal's
    /// recommended parks by rank, then the others in the order of the parks layer.
    pub rows: Vec<AdmitRow>,
}

/// A proposal's value of one indicator: money per 亩 of its land, or its FAR.
fn value_of(p: &Proposal, i: EntryIndicator) -> Option<f64> {
    let per_mu = |v: Option<f64>| match (v, p.land_mu) {
        (Some(v), Some(mu)) if mu > 0.0 => Some(v / mu),
        _ => None,
    };
    match i {
        EntryIndicator::InvestmentPerMu => per_mu(p.investment),
        EntryIndicator::OutputPerMu => per_mu(p.output),
        EntryIndicator::TaxPerMu => per_mu(p.tax),
        EntryIndicator::Far => p.far,
        EntryIndicator::EnergyPerValueAdded => None,
    }
}

/// The verdict of a value against a minimum; equal passes.
pub fn judge(value: Option<f64>, required: Option<f64>) -> Outcome {
    match (value, required) {
        (_, None) => Outcome::NotRequired,
        (None, Some(_)) => Outcome::NotGiven,
        (Some(v), Some(r)) if v >= r - EQUAL_WITHIN * r.abs().max(1.0) => Outcome::Pass,
        _ => Outcome::Fail,
    }
}

/// The minimum of one indicator for a proposal in a park: the entry table's, and for FAR
/// without one, the control-indicator minimum of the proposal's industry.
pub(crate) fn required(
    policy: &Policy,
    park_id: &str,
    level: Option<&str>,
    industry: Option<&str>,
    i: EntryIndicator,
) -> Option<Threshold> {
    let division = industry.and_then(crate::model::proposals::division);
    let t = policy
        .entry
        .threshold(park_id, level, division.as_deref(), i);
    if t.is_some() || i != EntryIndicator::Far {
        return t;
    }
    let r = policy.control.far_min(industry?)?;
    Some(Threshold {
        value: r.value,
        tag: if r.unconfirmed { Tag::U } else { Tag::C },
        from: ThresholdSource::ControlIndicators {
            edition: r.edition,
            code: r.code,
        },
    })
}

/// The check of one proposal in one park.
fn check(
    model: &Model,
    policy: &Policy,
    supply: &LandSupply,
    (pi, p): (usize, &Proposal),
    k: usize,
) -> AdmitRow {
    let park = &model.parks[k];
    let level = park.level.clone();
    let checks = EntryIndicator::ALL
        .into_iter()
        .map(|i| {
            let value = value_of(p, i);
            let required = required(policy, &park.id, level.as_deref(), p.industry.as_deref(), i);
            IndicatorCheck {
                indicator: i,
                value,
                outcome: judge(value, required.as_ref().map(|t| t.value)),
                required,
            }
        })
        .collect();
    let list = &park.leading_industries;
    let industry = match (list.is_empty(), p.division()) {
        (true, _) => IndustryFit::NoList,
        (false, Some(d)) if list.contains(&d) => IndustryFit::Listed(d),
        (false, Some(d)) => IndustryFit::NotListed(d, list.clone()),
        (false, None) => IndustryFit::Unknown(list.clone()),
    };
    let ls = &supply.parks[k];
    let land = match (ls.largest_serviced, p.land_mu) {
        (None, _) => LandFit::NotAssessed,
        (Some(_), None) => LandFit::NoArea,
        (Some(a), Some(mu)) => LandFit::Compared {
            largest_mu: a.to_mu(),
            land_mu: mu,
        },
    };
    AdmitRow {
        proposal: pi,
        park: k,
        level,
        checks,
        industry,
        land,
        largest_serviced: ls.largest_serviced,
        serviced_unsupplied: ls.serviced_unsupplied,
        rank: None,
    }
}

/// Checks every proposal: against its `park_id` when it gives one, else against every
/// park; ranks the recommended parks of each proposal by spare serviced land (most first,
/// ties in the order of the parks layer).
///
/// # Errors
/// A proposal naming a park the parks layer does not hold.
pub fn admit(
    model: &Model,
    policy: &Policy,
    supply: &LandSupply,
    proposals: Vec<Proposal>,
    source: &str,
) -> Result<AdmitResult> {
    let mut rows = Vec::new();
    for (pi, p) in proposals.iter().enumerate() {
        let parks: Vec<usize> = match &p.park_id {
            Some(id) => vec![model
                .parks
                .iter()
                .position(|k| &k.id == id)
                .ok_or_else(|| Error::Input {
                    at: Location {
                        file: source.to_owned(),
                        field: Some("park_id".into()),
                        ..Location::default()
                    },
                    reason: format!("proposal {}: no park {id} in the parks layer", p.id),
                })?],
            None => (0..model.parks.len()).collect(),
        };
        let mut mine: Vec<AdmitRow> = parks
            .into_iter()
            .map(|k| check(model, policy, supply, (pi, p), k))
            .collect();
        // Recommended first, by spare serviced land; the sort is stable, so ties and the
        // rows not recommended keep the order of the parks layer.
        mine.sort_by(|a, b| match (a.recommended(), b.recommended()) {
            (true, true) => b
                .serviced_unsupplied
                .unwrap_or_default()
                .m2()
                .total_cmp(&a.serviced_unsupplied.unwrap_or_default().m2()),
            (true, false) => Ordering::Less,
            (false, true) => Ordering::Greater,
            (false, false) => Ordering::Equal,
        });
        for (r, row) in mine.iter_mut().filter(|r| r.recommended()).enumerate() {
            row.rank = Some(r + 1);
        }
        rows.extend(mine);
    }
    Ok(AdmitResult { proposals, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_passes_below_fails_missing_is_not_given() {
        assert_eq!(judge(Some(350.0), Some(350.0)), Outcome::Pass);
        assert_eq!(judge(Some(35.0 / 0.1), Some(350.0)), Outcome::Pass);
        assert_eq!(judge(Some(349.99), Some(350.0)), Outcome::Fail);
        assert_eq!(judge(None, Some(350.0)), Outcome::NotGiven);
        assert_eq!(judge(None, None), Outcome::NotRequired);
        assert_eq!(judge(Some(0.0), None), Outcome::NotRequired);
    }
}
