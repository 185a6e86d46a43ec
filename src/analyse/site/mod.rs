//! Relocation siting (退城入园, DOMAIN.md "Relocation siting"): who must move, the
//! candidate sites in the parks (single parcels and unions of 2–3 touching parcels), the
//! hard constraints with the measured value of each failure, the soft-criterion scores
//! with their breakdown, an optimal one-to-one assignment, yearly phases, and how stable
//! each enterprise's best site is when the weights move ±20 %.

mod ahp;
mod assign;
mod augment;
mod candidates;
mod context;
mod criteria;
mod criterion;
mod facts;
mod joint;
mod land_assign;
mod movers;
mod placements;
mod screen;
mod sensitivity;

pub use ahp::{ahp_weights, AhpResult};
pub use assign::{assign_sites, Assignment, UnplacedReason};
pub use candidates::{candidate_sites, factory_sites, Site, SiteKind};
pub use context::SitingContext;
pub use criteria::{Criteria, ScoredSite};
pub use criterion::{parse_weights, Criterion, PerCriterion};
pub use facts::{site_facts, SiteFacts};
pub use joint::{solve_joint, Holds, SolverReport};
pub use movers::{find_movers, MoveReason, Mover, ProtectionSource};
pub use placements::reaches_protected;
pub use screen::{screen_sites, Constraint, Rejection, RejectionEvidence, Rejections};
pub use sensitivity::{top_site_stability, PoolSite};

use crate::analyse::Analysis;
use crate::error::{Error, Result};
use crate::index::Index;
use crate::model::Model;
use crate::project::policy::Policy;

/// What the siting run was asked.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// Only this enterprise (its id).
    pub enterprise: Option<String>,
    /// Weights replacing the policy's.
    pub weights: Option<PerCriterion<f64>>,
    /// An AHP pairwise matrix replacing the weights (not with `weights`: both are refused).
    /// Either replaces the policy's matrix or weights.
    pub ahp: Option<Vec<Vec<f64>>>,
}

/// The whole siting result.
#[derive(Debug, Clone)]
pub struct SitingResult {
    /// Enterprises that must move.
    pub movers: Vec<Mover>,
    /// Candidate sites.
    pub sites: Vec<Site>,
    /// Facts of each site that do not depend on the enterprise.
    pub facts: Vec<SiteFacts>,
    /// Per mover, its feasible sites scored, best first.
    pub options: Vec<Vec<ScoredSite>>,
    /// Per mover, the sites it failed and why.
    pub rejected: Vec<Rejections>,
    /// The assignment plan, one entry per mover.
    pub plan: Vec<Assignment>,
    /// How the plan was solved: components, the proven gap, any fallback.
    pub solver: SolverReport,
    /// The weights used.
    pub weights: PerCriterion<f64>,
    /// The AHP consistency ratio, when the weights came from a matrix.
    pub consistency_ratio: Option<f64>,
    /// Per mover, the share of ±20 % weight perturbations that keep its best site first.
    pub stability: Vec<Option<f64>>,
    /// Every feasible pair's criteria, for re-scoring under new weights.
    pub criteria: Criteria,
    /// How long each step took.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// Runs the whole siting analysis.
///
/// # Errors
/// An unknown `--enterprise` id, an AHP matrix that is not square and positive or whose
/// consistency ratio is 0.1 or more.
pub(crate) fn plan_relocation(
    model: &Model,
    index: &Index,
    policy: &Policy,
    analysis: &Analysis,
    opts: &SiteOptions,
) -> Result<SitingResult> {
    let rules = &policy.siting;
    if opts.ahp.is_some() && opts.weights.is_some() {
        return Err(Error::invalid(
            "weights",
            "with an AHP matrix",
            "give weights or an AHP matrix, not both",
        ));
    }
    // What the run asks beats the policy: its matrix or weights, then the policy's matrix,
    // then the policy's weights.
    let policy_ahp = rules.ahp.as_ref().filter(|_| opts.weights.is_none());
    let (weights, consistency_ratio) = match opts.ahp.as_ref().or(policy_ahp) {
        Some(m) => {
            let r = ahp_weights(m).map_err(|e| Error::invalid("ahp", "matrix", e))?;
            if r.consistency_ratio >= 0.1 {
                return Err(Error::invalid(
                    "ahp",
                    "matrix",
                    format!(
                        "not consistent enough: consistency ratio {:.3} ≥ 0.1 (λmax {:.3}); revise the pairwise judgements",
                        r.consistency_ratio, r.lambda_max
                    ),
                ));
            }
            (r.weights, Some(r.consistency_ratio))
        }
        None => (
            opts.weights
                .unwrap_or_else(|| PerCriterion::from(rules.weights)),
            None,
        ),
    };
    if weights.values().any(|w| *w < 0.0) || weights.values().sum::<f64>() <= 0.0 {
        return Err(Error::invalid(
            "weights",
            format!("{weights:?}"),
            "siting weights must be non-negative and not all zero",
        ));
    }
    let mut movers = find_movers(model, index, policy);
    if let Some(id) = &opts.enterprise {
        let known = model.enterprises.iter().any(|e| &e.id == id);
        if !known {
            let hint = crate::error::suggest(id, model.enterprises.iter().map(|e| e.id.as_str()))
                .map(|s| format!(" (did you mean {s}?)"))
                .unwrap_or_default();
            return Err(Error::invalid(
                "enterprise",
                id.as_str(),
                format!("no such enterprise{hint}"),
            ));
        }
        movers.retain(|m| &model.enterprises[m.enterprise].id == id);
        if movers.is_empty() {
            return Err(Error::invalid(
                "enterprise",
                id.as_str(),
                "the enterprise is not flagged to relocate and is not a heavy polluter inside the built-up area",
            ));
        }
    }
    let mut timings = Vec::new();
    let mut t = std::time::Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, std::time::Duration)>| {
        timings.push((name, t.elapsed()));
        t = std::time::Instant::now();
    };
    let max_need = movers
        .iter()
        .map(|m| m.required)
        .fold(crate::units::AreaM2::ZERO, |a, b| {
            if b.m2() > a.m2() {
                b
            } else {
                a
            }
        });
    let mut sites = candidate_sites(model, index, &analysis.idle, rules, max_need);
    sites.extend(factory_sites(model));
    lap("siting: candidate sites", &mut timings);
    let facts = site_facts(model, &sites);
    lap("siting: site facts", &mut timings);
    let ctx = SitingContext {
        model,
        rules,
        movers: &movers,
        sites: &sites,
        facts: &facts,
    };
    let (feasible, rejected) = screen_sites(&ctx);
    lap("siting: constraints", &mut timings);
    let criteria = Criteria::measure(model, &movers, &sites, &feasible, rules);
    lap("siting: criteria measured", &mut timings);
    let keep = rules.assignment_candidates.max(rules.max_sites_written);
    let options = criteria.rank(&ctx, &weights, keep);
    lap("siting: scores", &mut timings);
    let (plan, solver) = assign_sites(&ctx, &options, &rejected, analysis.as_of);
    lap("siting: assignment", &mut timings);
    let stability = stabilities(&ctx, &criteria, &options, &weights);
    lap("siting: stability", &mut timings);
    Ok(SitingResult {
        movers,
        sites,
        facts,
        options,
        rejected,
        plan,
        solver,
        weights,
        consistency_ratio,
        stability,
        criteria,
        timings,
    })
}

/// Each mover's stability of its best site under ±20 % weights.
fn stabilities(
    ctx: &SitingContext,
    criteria: &Criteria,
    options: &[Vec<ScoredSite>],
    weights: &PerCriterion<f64>,
) -> Vec<Option<f64>> {
    use rayon::prelude::*;
    (0..ctx.movers.len())
        .into_par_iter()
        .map(|mv| {
            let best = options[mv].first()?.site;
            let pool = criteria.normalised_pool(ctx, mv);
            top_site_stability(&pool, best, weights)
        })
        .collect()
}

impl SitingResult {
    /// Re-ranks every enterprise's feasible sites under new weights and re-solves the
    /// assignment: what a planner does when trying another weighting. The result is the
    /// one a fresh run with these weights gives; constraints and raw criterion values are
    /// not measured again.
    pub fn reweight(
        &mut self,
        model: &Model,
        rules: &crate::project::policy::SitingRules,
        weights: PerCriterion<f64>,
        as_of: chrono::NaiveDate,
    ) {
        let keep = rules.assignment_candidates.max(rules.max_sites_written);
        let ctx = SitingContext {
            model,
            rules,
            movers: &self.movers,
            sites: &self.sites,
            facts: &self.facts,
        };
        let options = self.criteria.rank(&ctx, &weights, keep);
        let (plan, solver) = assign_sites(&ctx, &options, &self.rejected, as_of);
        self.solver = solver;
        let stability = stabilities(&ctx, &self.criteria, &options, &weights);
        self.options = options;
        self.plan = plan;
        self.stability = stability;
        self.weights = weights;
        self.consistency_ratio = None;
    }
}
