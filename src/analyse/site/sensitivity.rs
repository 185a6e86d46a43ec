//! How stable an enterprise's best site is: the share of weight perturbations — every
//! weight moved independently by −20 %, 0 or +20 %, 3⁵ = 243 combinations — that keep the
//! same site first.

use super::criteria::{rescore, ScoredSite};

/// The share (0..1) of the 243 perturbations that keep the current best site first;
/// `None` without feasible sites.
pub fn top_site_stability(options: &[ScoredSite], weights: [f64; 5]) -> Option<f64> {
    let best = options.first()?.site;
    let mut kept = 0usize;
    let mut total = 0usize;
    let mut scratch: Vec<ScoredSite> = options.to_vec();
    for code in 0..243usize {
        let mut w = weights;
        let mut c = code;
        for wk in &mut w {
            *wk *= [0.8, 1.0, 1.2][c % 3];
            c /= 3;
        }
        for s in &mut scratch {
            rescore(s, w);
        }
        // Ties keep the site that is first under the base weights.
        let top = scratch.iter().fold(None::<&ScoredSite>, |b, s| match b {
            Some(b)
                if b.score > s.score + 1e-9
                    || ((b.score - s.score).abs() <= 1e-9 && b.site == best) =>
            {
                Some(b)
            }
            _ => Some(s),
        });
        total += 1;
        if top.is_some_and(|t| t.site == best) {
            kept += 1;
        }
    }
    Some(kept as f64 / total as f64)
}
