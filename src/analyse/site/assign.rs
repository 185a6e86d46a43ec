//! The plan: every mover's site (land through [`super::land_assign`], land and factory
//! space together through [`super::joint`]), then yearly phases, easiest (highest score)
//! first.

use chrono::Datelike;

use super::context::SitingContext;
use super::criteria::ScoredSite;
use super::joint::{solve_joint, Holds, SolverReport};
use super::screen::{Constraint, Rejections};
use crate::units::AreaM2;

/// One line of the plan.
#[derive(Debug, Clone)]
pub struct Assignment {
    /// Index into the movers.
    pub mover: usize,
    /// The site, when placed.
    pub site: Option<usize>,
    /// Its score.
    pub score: Option<f64>,
    /// Which of the enterprise's own choices it got (1 = its best).
    pub choice: Option<usize>,
    /// The year of its batch.
    pub phase: Option<i32>,
    /// The old site's land released.
    pub released: AreaM2,
    /// Why it was not placed.
    pub unplaced_reason: Option<UnplacedReason>,
}

/// Why an enterprise got no site.
#[derive(Debug, Clone, PartialEq)]
pub enum UnplacedReason {
    /// No candidate site in any park.
    NoCandidate,
    /// Every candidate failed a hard constraint.
    NoFeasibleSite {
        /// The constraint that ruled out the last candidates.
        last: Constraint,
        /// Candidate sites considered.
        considered: usize,
        /// Sites failing each constraint, in [`Constraint::ALL`] order.
        failed: [usize; 4],
    },
    /// Its feasible sites went to enterprises with a higher total score.
    Outbid,
}

/// Assigns sites (land and factory space together, [`super::joint`]) and sets phases
/// (yearly batches from the year after `as_of`).
pub fn assign_sites(
    ctx: &SitingContext,
    options: &[Vec<ScoredSite>],
    rejected: &[Rejections],
    as_of: chrono::NaiveDate,
) -> (Vec<Assignment>, SolverReport) {
    let SitingContext {
        model,
        rules,
        movers,
        sites,
        ..
    } = *ctx;
    let k = rules.assignment_candidates.max(1);
    let cand: Vec<Vec<(usize, f64)>> = options
        .iter()
        .map(|o| o.iter().take(k).map(|s| (s.site, s.score)).collect())
        .collect();
    let need: Vec<f64> = movers
        .iter()
        .map(|m| m.floor_need_m2.unwrap_or(0.0))
        .collect();
    let holds = |s: usize| match sites[s].factory() {
        Some((f, vacant)) => Holds::Factory(f, vacant),
        None => Holds::Parcels(sites[s].parcels.clone()),
    };
    let limit = std::time::Duration::from_secs_f64(rules.factories.time_limit_s.clamp(0.0, 3600.0));
    let (chosen, report) = solve_joint(&cand, &holds, &need, limit);
    // Phases: placed enterprises by score, highest first, in yearly batches.
    let score_of =
        |mv: usize, site: usize| options[mv].iter().find(|o| o.site == site).map(|o| o.score);
    let mut placed: Vec<(usize, f64)> = (0..movers.len())
        .filter_map(|mv| chosen[mv].and_then(|s| score_of(mv, s)).map(|sc| (mv, sc)))
        .collect();
    placed.sort_by(|a, b| {
        b.1.total_cmp(&a.1).then(
            model.enterprises[movers[a.0].enterprise]
                .id
                .cmp(&model.enterprises[movers[b.0].enterprise].id),
        )
    });
    let mut phase = vec![None; movers.len()];
    for (i, (mv, _)) in placed.iter().enumerate() {
        phase[*mv] = Some(as_of.year() + 1 + (i / rules.batch_size.max(1)) as i32);
    }
    let plan = (0..movers.len())
        .map(|mv| {
            let site = chosen[mv];
            let unplaced_reason = match site {
                Some(_) => None,
                None if options[mv].is_empty() => Some(match rejected[mv].last_constraint() {
                    Some(last) => UnplacedReason::NoFeasibleSite {
                        last,
                        considered: rejected[mv].considered,
                        failed: rejected[mv].counts,
                    },
                    None => UnplacedReason::NoCandidate,
                }),
                None => Some(UnplacedReason::Outbid),
            };
            Assignment {
                mover: mv,
                site,
                score: site.and_then(|s| score_of(mv, s)),
                choice: site
                    .and_then(|s| options[mv].iter().position(|o| o.site == s).map(|p| p + 1)),
                phase: phase[mv],
                released: movers[mv].old_area,
                unplaced_reason,
            }
        })
        .collect();
    (plan, report)
}
