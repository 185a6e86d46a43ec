//! The soft criteria (DOMAIN.md "Soft criteria"), each min-max normalised to 0..1 over an
//! enterprise's feasible sites (1 = best), weighted: score = 100 × Σ wᵢ·nᵢ / Σ wᵢ, less the
//! optional upwind penalty. Every site keeps its raw values and points per criterion.

use std::collections::HashMap;

use geo::{BoundingRect, Centroid, Distance, Euclidean};
use rayon::prelude::*;
use rstar::{primitives::GeomWithData, RTree, AABB};

use super::candidates::Site;
use super::context::SitingContext;
use super::criterion::{Criterion, PerCriterion};
use super::facts::SiteFacts;
use super::movers::Mover;
use crate::model::{ConstraintKind, Model};
use crate::project::policy::SitingRules;

/// A feasible site scored for one enterprise.
#[derive(Debug, Clone)]
pub struct ScoredSite {
    /// Site index.
    pub site: usize,
    /// Raw values: metres, metres, metres, a count, a ratio (`None`: not measurable).
    pub raw: PerCriterion<Option<f64>>,
    /// Normalised values, 0..1, 1 best (`None`: criterion left out for this enterprise).
    pub norm: PerCriterion<Option<f64>>,
    /// Points per criterion (their sum, less the wind penalty, is the score).
    pub points: PerCriterion<f64>,
    /// Points taken for lying upwind of the city centre.
    pub wind_penalty: f64,
    /// The score, 0..100.
    pub score: f64,
}

/// Points per criterion from normalised values and weights; a criterion left out
/// (`None`) takes no points and no share of the weight.
pub fn points(norm: &PerCriterion<Option<f64>>, weights: &PerCriterion<f64>) -> PerCriterion<f64> {
    let total: f64 = norm
        .iter()
        .filter(|(_, n)| n.is_some())
        .map(|(c, _)| weights[c])
        .sum();
    norm.map(|c, n| match n {
        Some(n) if total > 0.0 => 100.0 * weights[c] * n / total,
        _ => 0.0,
    })
}

/// The score: the points less the wind penalty.
pub fn score(points: &PerCriterion<f64>, wind_penalty: f64) -> f64 {
    points.values().sum::<f64>() - wind_penalty
}

type Points = RTree<GeomWithData<[f64; 2], usize>>;

/// One enterprise's feasible sites with the one criterion measured per pair.
#[derive(Debug, Clone)]
struct Pool {
    /// Feasible site indices.
    sites: Vec<u32>,
    /// Distance from the old site to each, m; `None` when the enterprise has no location.
    distance_old: Option<Vec<f64>>,
}

/// Every criterion of every (mover, feasible site) pair, measured once: new weights
/// re-rank all feasible sites exactly (a site outside the old top can rise) without
/// measuring any geometry again.
#[derive(Debug, Clone)]
pub struct Criteria {
    pools: Vec<Pool>,
    /// Same-industry enterprises near each site, by 2-digit industry of the movers.
    cluster: HashMap<String, Vec<Option<f64>>>,
    /// Points taken from each site for lying upwind of the city centre.
    wind: Vec<f64>,
}

/// Min-max ranges of one enterprise's raw values; `None` where no site measures a criterion.
type Ranges = PerCriterion<Option<(f64, f64)>>;

impl Criteria {
    /// Measures the criteria of every feasible site of every mover.
    pub fn measure(
        model: &Model,
        movers: &[Mover],
        sites: &[Site],
        feasible: &[Vec<usize>],
        rules: &SitingRules,
    ) -> Criteria {
        let cluster = cluster_counts(model, movers, sites, feasible, rules.cluster_radius_m);
        let wind = wind_penalties(model, sites, rules);
        let pools = movers
            .par_iter()
            .zip(feasible)
            .map(|(m, feas)| Pool {
                sites: feas.iter().map(|&si| si as u32).collect(),
                distance_old: m.origin.map(|o| {
                    feas.iter()
                        .map(|&si| Euclidean.distance(&sites[si].geometry, &o))
                        .collect()
                }),
            })
            .collect();
        Criteria {
            pools,
            cluster,
            wind,
        }
    }

    /// What one mover's scoring reads, looked up once.
    fn view<'a>(&'a self, mv: usize, m: &'a Mover) -> View<'a> {
        View {
            pool: &self.pools[mv],
            cluster: m.industry2.as_deref().and_then(|c| self.cluster.get(c)),
            required: m.required.m2().max(1e-9),
            wind: &self.wind,
        }
    }
    /// Every mover's feasible sites ranked under `weights`, best first (score, then site
    /// id); the best `keep` kept.
    pub fn rank(
        &self,
        ctx: &SitingContext,
        weights: &PerCriterion<f64>,
        keep: usize,
    ) -> Vec<Vec<ScoredSite>> {
        let (sites, facts) = (ctx.sites, ctx.facts);
        ctx.movers
            .par_iter()
            .enumerate()
            .map(|(mv, m)| {
                let v = self.view(mv, m);
                let ranges = v.ranges(sites, facts);
                let mut scores: Vec<(f64, u32)> = (0..v.pool.sites.len())
                    .map(|j| (v.scored(j, &ranges, sites, facts, weights).score, j as u32))
                    .collect();
                let pool = v.pool;
                let order = |a: &(f64, u32), b: &(f64, u32)| {
                    b.0.total_cmp(&a.0).then_with(|| {
                        sites[pool.sites[a.1 as usize] as usize]
                            .id
                            .cmp(&sites[pool.sites[b.1 as usize] as usize].id)
                    })
                };
                if keep < scores.len() {
                    scores.select_nth_unstable_by(keep, order);
                    scores.truncate(keep);
                }
                scores.sort_unstable_by(order);
                scores
                    .into_iter()
                    .map(|(_, j)| v.scored(j as usize, &ranges, sites, facts, weights))
                    .collect()
            })
            .collect()
    }

    /// Every feasible site of a mover with its normalised values and wind penalty: what
    /// the weight sensitivity needs.
    pub fn normalised_pool(
        &self,
        ctx: &SitingContext,
        mv: usize,
    ) -> Vec<(usize, PerCriterion<Option<f64>>, f64)> {
        let (sites, facts) = (ctx.sites, ctx.facts);
        let v = self.view(mv, &ctx.movers[mv]);
        let ranges = v.ranges(sites, facts);
        (0..v.pool.sites.len())
            .map(|j| {
                let si = v.pool.sites[j] as usize;
                let norm = normalised(&v.raw(j, sites, facts), &ranges);
                (si, norm, self.wind[si])
            })
            .collect()
    }
}

/// One mover's pool with what its criteria read.
struct View<'a> {
    pool: &'a Pool,
    cluster: Option<&'a Vec<Option<f64>>>,
    /// Land needed, m² (at least 1e-9).
    required: f64,
    wind: &'a [f64],
}

impl View<'_> {
    /// The raw values of the `j`-th feasible site.
    fn raw(&self, j: usize, sites: &[Site], facts: &[SiteFacts]) -> PerCriterion<Option<f64>> {
        let si = self.pool.sites[j] as usize;
        let f = &facts[si];
        PerCriterion::from_fn(|c| match c {
            Criterion::DistanceOld => self.pool.distance_old.as_ref().map(|d| d[j]),
            Criterion::Road => f.road_m,
            Criterion::Wastewater => f.wastewater_m,
            Criterion::Cluster => self.cluster.and_then(|v| v[si]),
            // Factory space is given exactly as needed: no surplus.
            Criterion::Surplus => Some(match sites[si].kind {
                super::candidates::SiteKind::Factory { .. } => 0.0,
                _ => sites[si].area.m2() / self.required - 1.0,
            }),
        })
    }

    /// The min-max range of each criterion over the feasible sites.
    fn ranges(&self, sites: &[Site], facts: &[SiteFacts]) -> Ranges {
        let mut r = Ranges::default();
        for j in 0..self.pool.sites.len() {
            widen(&mut r, &self.raw(j, sites, facts));
        }
        r
    }

    /// The `j`-th feasible site scored.
    fn scored(
        &self,
        j: usize,
        ranges: &Ranges,
        sites: &[Site],
        facts: &[SiteFacts],
        weights: &PerCriterion<f64>,
    ) -> ScoredSite {
        let raw = self.raw(j, sites, facts);
        let norm = normalised(&raw, ranges);
        let points = points(&norm, weights);
        let site = self.pool.sites[j] as usize;
        let wind_penalty = self.wind[site];
        ScoredSite {
            site,
            raw,
            norm,
            points,
            wind_penalty,
            score: score(&points, wind_penalty),
        }
    }
}

/// Same-industry enterprise counts within the cluster radius of each site, for each
/// industry some mover has, at the sites some mover of that industry may take.
fn cluster_counts(
    model: &Model,
    movers: &[Mover],
    sites: &[Site],
    feasible: &[Vec<usize>],
    r: f64,
) -> HashMap<String, Vec<Option<f64>>> {
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
    // Movers are counted too when they sit near a site: they are still there today.
    let cluster = |site: &Site, industry: &str| -> f64 {
        let (Some(tree), Some(b)) = (trees.get(industry), site.geometry.bounding_rect()) else {
            return 0.0;
        };
        let env = AABB::from_corners(
            [b.min().x - r, b.min().y - r],
            [b.max().x + r, b.max().y + r],
        );
        tree.locate_in_envelope(&env)
            .filter(|p| {
                Euclidean.distance(&site.geometry, &geo::Point::new(p.geom()[0], p.geom()[1])) <= r
            })
            .count() as f64
    };
    let mut industries: Vec<&str> = movers
        .iter()
        .filter_map(|m| m.industry2.as_deref())
        .collect();
    industries.sort_unstable();
    industries.dedup();
    industries
        .iter()
        .map(|ind| {
            let mut needed = vec![false; sites.len()];
            for (_, f) in movers
                .iter()
                .zip(feasible)
                .filter(|(m, _)| m.industry2.as_deref() == Some(*ind))
            {
                for &si in f {
                    needed[si] = true;
                }
            }
            let counts: Vec<Option<f64>> = (0..sites.len())
                .into_par_iter()
                .map(|si| needed[si].then(|| cluster(&sites[si], ind)))
                .collect();
            ((*ind).to_owned(), counts)
        })
        .collect()
}

/// Points taken from each site for lying within 45° of the prevailing wind's origin
/// as seen from the city centre (the built-up area's centroid).
fn wind_penalties(model: &Model, sites: &[Site], rules: &SitingRules) -> Vec<f64> {
    let centre = geo::GeometryCollection::new_from(
        model
            .constraints
            .iter()
            .filter(|c| c.kind == ConstraintKind::BuiltUp)
            .map(|c| c.geometry.clone())
            .collect(),
    )
    .centroid();
    sites
        .par_iter()
        .map(
            |s| match (rules.wind.from_deg, centre, s.geometry.centroid()) {
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
            },
        )
        .collect()
}

/// Widens each criterion's min-max range by one site's raw values.
fn widen(ranges: &mut Ranges, raw: &PerCriterion<Option<f64>>) {
    for (c, v) in raw.iter() {
        if let Some(v) = *v {
            ranges[c] = Some(ranges[c].map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))));
        }
    }
}

/// Min-max normalisation of one site's raw values over its enterprise's ranges (1 best);
/// a criterion no site can measure is left out; a site that cannot be measured where
/// others can gets 0.
fn normalised(raw: &PerCriterion<Option<f64>>, ranges: &Ranges) -> PerCriterion<Option<f64>> {
    raw.map(|c, v| {
        let (lo, hi) = ranges[c]?;
        Some(match v {
            None => 0.0,
            Some(_) if hi - lo <= 1e-12 => 1.0,
            Some(v) if c.is_lower_better() => (hi - v) / (hi - lo),
            Some(v) => (v - lo) / (hi - lo),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn per(v: [Option<f64>; 5]) -> PerCriterion<Option<f64>> {
        PerCriterion::from_fn(|c| v[c as usize])
    }

    #[test]
    fn normalised_points_add_up_to_the_score() {
        let raws = [
            per([Some(100.0), Some(0.0), None, Some(3.0), Some(0.5)]),
            per([Some(300.0), Some(50.0), None, Some(1.0), Some(0.0)]),
        ];
        let mut ranges = Ranges::default();
        for r in &raws {
            widen(&mut ranges, r);
        }
        let mut w = PerCriterion::from_fn(|_| 1.0);
        w[Criterion::Surplus] = 2.0;
        let scored: Vec<(PerCriterion<f64>, f64)> = raws
            .iter()
            .map(|r| {
                let p = points(&normalised(r, &ranges), &w);
                (p, score(&p, 0.0))
            })
            .collect();
        // Wastewater is measurable nowhere: left out; weights 1+1+1+2 = 5.
        // Site 0: distance 1, road 1, cluster 1, surplus 0 → 100 × 3/5 = 60.
        assert!((scored[0].1 - 60.0).abs() < 1e-9, "{}", scored[0].1);
        // Site 1: 0, 0, 0, surplus 1 (×2) → 40.
        assert!((scored[1].1 - 40.0).abs() < 1e-9);
        assert!((scored[0].0.values().sum::<f64>() - scored[0].1).abs() < 1e-9);
    }
}
