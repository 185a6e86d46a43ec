//! How stable an enterprise's best site is: the share of weight perturbations — every
//! weight moved independently by −20 %, 0 or +20 %, 3⁵ = 243 combinations — that keep the
//! same site first. Every feasible site is a rival, not only the ones written out.

use super::criteria::{points, score};
use super::criterion::{Criterion, PerCriterion};

/// The weight factors of the perturbations.
const FACTORS: [f64; 3] = [0.8, 1.0, 1.2];

/// One feasible site as the stability reads it: (site, normalised values, wind penalty).
pub type PoolSite = (usize, PerCriterion<Option<f64>>, f64);

/// The share (0..1) of the 243 perturbations under which no other feasible site scores
/// more than 1e-9 above `best`; `pool` holds every feasible site. `None` when `best` is not
/// in the pool.
pub fn top_site_stability(
    pool: &[PoolSite],
    best: usize,
    weights: &PerCriterion<f64>,
) -> Option<f64> {
    let b = pool.iter().find(|p| p.0 == best)?;
    // A rival that cannot overtake under any weights in the box is dropped first: the
    // largest possible score difference is bounded by moving each weight to the end of
    // its range that favours the rival.
    let active: Vec<Criterion> = Criterion::ALL
        .into_iter()
        .filter(|&c| b.1[c].is_some())
        .collect();
    let total: f64 = active.iter().map(|&c| weights[c]).sum();
    let rivals: Vec<&PoolSite> = pool
        .iter()
        .filter(|r| r.0 != best)
        .filter(|r| {
            let gain: f64 = active
                .iter()
                .map(|&c| {
                    let d = r.1[c].unwrap_or(0.0) - b.1[c].unwrap_or(0.0);
                    let f = if d > 0.0 { FACTORS[2] } else { FACTORS[0] };
                    100.0 * f * weights[c] * d
                })
                .sum();
            let spread = if gain >= 0.0 {
                gain / (FACTORS[0] * total)
            } else {
                gain / (FACTORS[2] * total)
            };
            total <= 0.0 || spread - (r.2 - b.2) > 0.0
        })
        .collect();
    let mut kept = 0usize;
    for code in 0..243usize {
        let mut w = *weights;
        let mut c = code;
        for wk in w.values_mut() {
            *wk *= FACTORS[c % 3];
            c /= 3;
        }
        let top = score(&points(&b.1, &w), b.2);
        if rivals
            .iter()
            .all(|r| score(&points(&r.1, &w), r.2) <= top + 1e-9)
        {
            kept += 1;
        }
    }
    Some(kept as f64 / 243.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Normalised values on distance and road only.
    fn site(id: usize, distance: f64, road: f64) -> PoolSite {
        let norm = PerCriterion::from_fn(|c| match c {
            Criterion::DistanceOld => Some(distance),
            Criterion::Road => Some(road),
            _ => None,
        });
        (id, norm, 0.0)
    }

    #[test]
    fn a_dominant_site_is_always_kept_and_a_near_tie_is_not() {
        let equal = PerCriterion::from_fn(|_| 1.0);
        // Site 0 is better on every criterion: every perturbation keeps it first.
        let pool = vec![site(0, 1.0, 1.0), site(1, 0.5, 0.0)];
        assert_eq!(top_site_stability(&pool, 0, &equal), Some(1.0));
        // Sites trading one criterion for the other, equal under equal weights: site 1
        // overtakes whenever its criterion (road) weighs more than distance: w1 > w0 in
        // 3 of the 9 (w0, w1) combinations.
        let pool = vec![site(0, 1.0, 0.0), site(1, 0.0, 1.0)];
        let s = top_site_stability(&pool, 0, &equal).unwrap();
        assert!((s - 6.0 / 9.0).abs() < 1e-12, "{s}");
    }
}
