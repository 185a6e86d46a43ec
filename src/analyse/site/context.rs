//! What the siting steps after the candidate search share: the model, the rules, who moves
//! and where they may go.

use super::candidates::Site;
use super::facts::SiteFacts;
use super::movers::Mover;
use crate::model::Model;
use crate::project::policy::SitingRules;

/// The model, the siting rules, the movers, the candidate sites and their facts, which the
/// screening, scoring and assignment all read.
#[derive(Debug, Clone, Copy)]
pub struct SitingContext<'a> {
    /// The model.
    pub model: &'a Model,
    /// The siting rules.
    pub rules: &'a SitingRules,
    /// The enterprises that must move.
    pub movers: &'a [Mover],
    /// The candidate sites.
    pub sites: &'a [Site],
    /// Each site's facts (same order as `sites`).
    pub facts: &'a [SiteFacts],
}
