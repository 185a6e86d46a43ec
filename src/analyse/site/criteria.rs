//! The soft criteria (DOMAIN.md "Soft criteria"), each min-max normalised to 0..1 over an
//! enterprise's feasible sites (1 = best), weighted: score = 100 × Σ wᵢ·nᵢ / Σ wᵢ, less the
//! optional upwind penalty. Every site keeps its raw values and points per criterion.

use std::collections::HashMap;

use geo::{BoundingRect, Centroid, Distance, Euclidean, Geometry};
use rayon::prelude::*;
use rstar::{primitives::GeomWithData, RTree, AABB};

use super::candidates::Site;
use super::movers::Mover;
use super::screen::SiteFacts;
use crate::model::{ConstraintKind, Model};
use crate::project::policy::SitingRules;

/// The criteria in order: (key, lower is better).
pub const CRITERIA: [(&str, bool); 5] = [
    ("distance_old", true),
    ("road", true),
    ("wastewater", true),
    ("cluster", false),
    ("surplus", true),
];

/// A feasible site scored for one enterprise.
#[derive(Debug, Clone)]
pub struct ScoredSite {
    /// Site index.
    pub site: usize,
    /// Raw values: metres, metres, metres, a count, a ratio (`None`: not measurable).
    pub raw: [Option<f64>; 5],
    /// Normalised values, 0..1, 1 best (`None`: criterion left out for this enterprise).
    pub norm: [Option<f64>; 5],
    /// Points per criterion (their sum, less the wind penalty, is the score).
    pub points: [f64; 5],
    /// Points taken for lying upwind of the city centre.
    pub wind_penalty: f64,
    /// The score, 0..100.
    pub score: f64,
}

/// Recomputes points and score from normalised values and weights.
#[allow(clippy::needless_range_loop)] // three arrays indexed by criterion
pub fn rescore(s: &mut ScoredSite, weights: [f64; 5]) {
    let total: f64 = (0..5)
        .filter(|&k| s.norm[k].is_some())
        .map(|k| weights[k])
        .sum();
    for k in 0..5 {
        s.points[k] = match s.norm[k] {
            Some(n) if total > 0.0 => 100.0 * weights[k] * n / total,
            _ => 0.0,
        };
    }
    s.score = s.points.iter().sum::<f64>() - s.wind_penalty;
}

/// Sorts best first (score, then site id for determinism).
pub fn rank(options: &mut [ScoredSite], sites: &[Site]) {
    options.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| sites[a.site].id.cmp(&sites[b.site].id))
    });
}

type Points = RTree<GeomWithData<[f64; 2], usize>>;

/// Scores every feasible site of every mover; keeps the best `max(assignment_candidates,
/// max_sites_written)` per mover.
pub fn score_options(
    model: &Model,
    movers: &[Mover],
    sites: &[Site],
    facts: &[SiteFacts],
    feasible: &[Vec<usize>],
    weights: [f64; 5],
    rules: &SitingRules,
) -> Vec<Vec<ScoredSite>> {
    // Enterprise points by 2-digit industry, for the cluster criterion.
    let mut by_industry: HashMap<String, Vec<GeomWithData<[f64; 2], usize>>> = HashMap::new();
    for (i, e) in model.enterprises.iter().enumerate() {
        if let (Some(p), Some(code)) = (e.location, e.industry.as_deref()) {
            let c: String = code.chars().filter(char::is_ascii_digit).take(2).collect();
            by_industry
                .entry(c)
                .or_default()
                .push(GeomWithData::new([p.x(), p.y()], i));
        }
    }
    let trees: HashMap<String, Points> = by_industry
        .into_iter()
        .map(|(k, v)| (k, RTree::bulk_load(v)))
        .collect();
    let r = rules.cluster_radius_m;
    // Movers are counted too when they sit near a site: they are still there today.
    let cluster = |site: &Site, industry: &str| -> f64 {
        let (Some(tree), Some(b)) = (trees.get(industry), site.geometry.bounding_rect()) else {
            return 0.0;
        };
        let g = Geometry::MultiPolygon(site.geometry.clone());
        let env = AABB::from_corners(
            [b.min().x - r, b.min().y - r],
            [b.max().x + r, b.max().y + r],
        );
        tree.locate_in_envelope(&env)
            .filter(|p| {
                Euclidean.distance(
                    &g,
                    &Geometry::Point(geo::Point::new(p.geom()[0], p.geom()[1])),
                ) <= r
            })
            .count() as f64
    };
    // The city centre, for the wind rule: the built-up area's centroid.
    let centre = geo::GeometryCollection::new_from(
        model
            .constraints
            .iter()
            .filter(|c| c.kind == ConstraintKind::BuiltUp)
            .map(|c| c.geometry.clone())
            .collect(),
    )
    .centroid();
    // Same-industry counts depend on the site and the industry only: computed once each.
    let mut industries: Vec<&str> = movers
        .iter()
        .filter_map(|m| m.industry2.as_deref())
        .collect();
    industries.sort_unstable();
    industries.dedup();
    let cluster_counts: HashMap<&str, Vec<Option<f64>>> = industries
        .iter()
        .map(|ind| {
            let needed: std::collections::HashSet<usize> = movers
                .iter()
                .zip(feasible)
                .filter(|(m, _)| m.industry2.as_deref() == Some(*ind))
                .flat_map(|(_, f)| f.iter().copied())
                .collect();
            let counts: Vec<Option<f64>> = (0..sites.len())
                .into_par_iter()
                .map(|si| needed.contains(&si).then(|| cluster(&sites[si], ind)))
                .collect();
            (*ind, counts)
        })
        .collect();
    let keep = rules.assignment_candidates.max(rules.max_sites_written);
    movers
        .par_iter()
        .zip(feasible)
        .map(|(m, feas)| {
            let mut opts: Vec<ScoredSite> = feas
                .iter()
                .map(|&si| {
                    let s = &sites[si];
                    let f = &facts[si];
                    let d_old = m.origin.map(|o| Euclidean.distance(&s.geometry, &o));
                    let clus = m
                        .industry2
                        .as_deref()
                        .and_then(|c| cluster_counts.get(c).and_then(|v| v[si]));
                    let surplus = Some(s.area.m2() / m.required.m2().max(1e-9) - 1.0);
                    let wind_penalty = match (rules.wind.from_deg, centre, s.geometry.centroid()) {
                        (Some(from), Some(c), Some(p)) => {
                            let bearing = (p.x() - c.x())
                                .atan2(p.y() - c.y())
                                .to_degrees()
                                .rem_euclid(360.0);
                            let diff = (bearing - from).rem_euclid(360.0);
                            if diff.min(360.0 - diff) <= 45.0 {
                                rules.wind.penalty_points
                            } else {
                                0.0
                            }
                        }
                        _ => 0.0,
                    };
                    ScoredSite {
                        site: si,
                        raw: [d_old, f.road_m, f.wastewater_m, clus, surplus],
                        norm: [None; 5],
                        points: [0.0; 5],
                        wind_penalty,
                        score: 0.0,
                    }
                })
                .collect();
            normalise(&mut opts);
            for o in &mut opts {
                rescore(o, weights);
            }
            rank(&mut opts, sites);
            opts.truncate(keep);
            opts
        })
        .collect()
}

/// Min-max normalisation per criterion over one enterprise's sites; a criterion no site
/// can measure is left out; a site that cannot be measured where others can scores 0.
fn normalise(opts: &mut [ScoredSite]) {
    for (k, (_, lower_better)) in CRITERIA.iter().enumerate() {
        let vals: Vec<f64> = opts.iter().filter_map(|o| o.raw[k]).collect();
        if vals.is_empty() {
            continue;
        }
        let (lo, hi) = vals
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(*v), b.max(*v))
            });
        for o in opts.iter_mut() {
            o.norm[k] = Some(match o.raw[k] {
                None => 0.0,
                Some(_) if hi - lo <= 1e-12 => 1.0,
                Some(v) if *lower_better => (hi - v) / (hi - lo),
                Some(v) => (v - lo) / (hi - lo),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_points_add_up_to_the_score() {
        let mk = |raw: [Option<f64>; 5]| ScoredSite {
            site: 0,
            raw,
            norm: [None; 5],
            points: [0.0; 5],
            wind_penalty: 0.0,
            score: 0.0,
        };
        let mut v = vec![
            mk([Some(100.0), Some(0.0), None, Some(3.0), Some(0.5)]),
            mk([Some(300.0), Some(50.0), None, Some(1.0), Some(0.0)]),
        ];
        normalise(&mut v);
        for o in &mut v {
            rescore(o, [1.0, 1.0, 1.0, 1.0, 2.0]);
        }
        // Wastewater is measurable nowhere: left out; weights 1+1+1+2 = 5.
        // Site 0: distance 1, road 1, cluster 1, surplus 0 → 100 × 3/5 = 60.
        assert!((v[0].score - 60.0).abs() < 1e-9, "{}", v[0].score);
        // Site 1: 0, 0, 0, surplus 1 (×2) → 40.
        assert!((v[1].score - 40.0).abs() < 1e-9);
        assert!((v[0].points.iter().sum::<f64>() - v[0].score).abs() < 1e-9);
    }
}
