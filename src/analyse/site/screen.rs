//! The hard constraints, checked in order (industry, area, buffer, exclusion), each
//! failure kept with the measured value and the threshold. Distances are exact to the
//! geometry (polygon to point, line or polygon), never between centroids.

use geo::{BoundingRect, Distance, Euclidean, Geometry, MultiPolygon};
use rayon::prelude::*;
use rstar::{RTree, AABB};

use super::candidates::Site;
use super::movers::Mover;
use crate::index::{box_entry, BoxEntry};
use crate::model::{ConstraintKind, InfraKind, Model, RoadClass};
use crate::project::policy::SitingRules;

/// Facts of a site that do not depend on who moves there.
#[derive(Debug, Clone, Default)]
pub struct SiteFacts {
    /// Distance to the nearest sensitive receptor, m (`None`: none within 20 km).
    pub sensitive_m: Option<f64>,
    /// The largest overlap with an exclusion zone: (kind, m²).
    pub exclusion: Option<(ConstraintKind, f64)>,
    /// Distance to the nearest expressway or arterial road, m.
    pub road_m: Option<f64>,
    /// Distance to the nearest wastewater plant, m.
    pub wastewater_m: Option<f64>,
}

/// Why a site was ruled out for an enterprise.
#[derive(Debug, Clone)]
pub struct Rejection {
    /// Site index.
    pub site: usize,
    /// industry, area, buffer or exclusion: the first constraint that failed.
    pub excluded_by: &'static str,
    /// The measured value, in words with its unit.
    pub measured: String,
    /// The threshold, in words with its unit.
    pub threshold: String,
}

/// One enterprise's screening: the rejections written (nearest first) and the counts.
#[derive(Debug, Clone, Default)]
pub struct Rejections {
    /// The rejections kept for output (at most `max_rejected_written`).
    pub kept: Vec<Rejection>,
    /// Sites failing at each stage: industry, area, buffer, exclusion.
    pub counts: [usize; 4],
    /// Candidate sites considered.
    pub considered: usize,
}

impl Rejections {
    /// The constraint that ruled out the last candidates: the last stage that failed any.
    pub fn last_constraint(&self) -> Option<&'static str> {
        ["exclusion", "buffer", "area", "industry"]
            .into_iter()
            .zip(self.counts.iter().rev())
            .find(|(_, n)| **n > 0)
            .map(|(s, _)| s)
    }
}

/// The stage names, in checking order.
pub const STAGES: [&str; 4] = ["industry", "area", "buffer", "exclusion"];

struct Layer {
    tree: RTree<BoxEntry>,
    geoms: Vec<Geometry<f64>>,
}

impl Layer {
    fn new(geoms: Vec<Geometry<f64>>) -> Layer {
        let tree = RTree::bulk_load(
            geoms
                .iter()
                .enumerate()
                .filter_map(|(i, g)| g.bounding_rect().map(|r| box_entry(r, i)))
                .collect(),
        );
        Layer { tree, geoms }
    }
    /// Exact distance from a site to the nearest feature, searching ever wider.
    fn nearest(&self, site: &MultiPolygon<f64>) -> Option<f64> {
        let b = site.bounding_rect()?;
        let g = Geometry::MultiPolygon(site.clone());
        for r in [250.0, 1_000.0, 4_000.0, 20_000.0] {
            let env = AABB::from_corners(
                [b.min().x - r, b.min().y - r],
                [b.max().x + r, b.max().y + r],
            );
            let best = self
                .tree
                .locate_in_envelope_intersecting(&env)
                .map(|e| Euclidean.distance(&g, &self.geoms[e.data]))
                .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.min(d))));
            // A hit is the nearest once it lies within the searched margin.
            if let Some(d) = best {
                if d <= r {
                    return Some(d);
                }
            }
        }
        None
    }
}

/// Facts of every site.
pub fn site_facts(model: &Model, sites: &[Site], _rules: &SitingRules) -> Vec<SiteFacts> {
    let by_kind = |k: ConstraintKind| {
        Layer::new(
            model
                .constraints
                .iter()
                .filter(|c| c.kind == k)
                .map(|c| c.geometry.clone())
                .collect(),
        )
    };
    let sensitive = by_kind(ConstraintKind::Sensitive);
    let exclusions: Vec<(ConstraintKind, Layer)> = [
        ConstraintKind::EcologicalRedline,
        ConstraintKind::BasicFarmland,
        ConstraintKind::WaterSource,
    ]
    .into_iter()
    .map(|k| (k, by_kind(k)))
    .collect();
    let roads = Layer::new(
        model
            .infrastructure
            .iter()
            .filter(|f| {
                f.kind == InfraKind::Road
                    && matches!(
                        f.class,
                        Some(RoadClass::Expressway) | Some(RoadClass::Arterial)
                    )
            })
            .map(|f| f.geometry.clone())
            .collect(),
    );
    let wastewater = Layer::new(
        model
            .infrastructure
            .iter()
            .filter(|f| f.kind == InfraKind::WastewaterPlant)
            .map(|f| f.geometry.clone())
            .collect(),
    );
    sites
        .par_iter()
        .map(|s| {
            let mut exclusion: Option<(ConstraintKind, f64)> = None;
            if let Some(b) = s.geometry.bounding_rect() {
                for (kind, layer) in &exclusions {
                    for e in layer
                        .tree
                        .locate_in_envelope_intersecting(&crate::index::envelope(b))
                    {
                        let overlap = match &layer.geoms[e.data] {
                            Geometry::MultiPolygon(z) => crate::index::clipped_area(&s.geometry, z),
                            Geometry::Polygon(z) => crate::index::clipped_area(
                                &s.geometry,
                                &MultiPolygon::new(vec![z.clone()]),
                            ),
                            _ => 0.0,
                        };
                        if exclusion.is_none_or(|(_, o)| overlap > o) && overlap > 0.0 {
                            exclusion = Some((*kind, overlap));
                        }
                    }
                }
            }
            SiteFacts {
                sensitive_m: sensitive.nearest(&s.geometry),
                exclusion,
                road_m: roads.nearest(&s.geometry),
                wastewater_m: wastewater.nearest(&s.geometry),
            }
        })
        .collect()
}

fn mu(a: f64) -> String {
    format!("{:.2} 亩", a / crate::units::M2_PER_MU)
}

/// Screens every site for every mover. Returns the feasible sites per mover and the
/// rejections. A union of parcels is offered to a mover only when each of its parcels
/// alone is too small for it.
pub fn screen_sites(
    model: &Model,
    movers: &[Mover],
    sites: &[Site],
    facts: &[SiteFacts],
    rules: &SitingRules,
) -> (Vec<Vec<usize>>, Vec<Rejections>) {
    // Per site, what every mover's check reads: the largest single parcel (a union is
    // offered only when each part alone is too small) and the centre (rejections are kept
    // nearest first).
    let largest_part: Vec<f64> = sites
        .iter()
        .map(|s| {
            s.parcels
                .iter()
                .map(|&p| model.parcels[p].area.m2())
                .fold(0.0, f64::max)
        })
        .collect();
    let centres: Vec<Option<geo::Coord<f64>>> = sites
        .iter()
        .map(|s| s.geometry.bounding_rect().map(|b| b.center()))
        .collect();
    movers
        .par_iter()
        .map(|m| {
            let mut feasible = Vec::new();
            let mut rej = Rejections::default();
            let mut all: Vec<(f64, usize, usize)> = Vec::new();
            let origin = m.origin;
            // Whether each park admits the mover's industry.
            let park_ok: Vec<bool> = model
                .parks
                .iter()
                .map(|park| {
                    park.leading_industries.is_empty()
                        || m.industry2
                            .as_ref()
                            .is_some_and(|c| park.leading_industries.contains(c))
                })
                .collect();
            let need = m.required.m2();
            for (si, s) in sites.iter().enumerate() {
                if s.parcels.len() > 1 && largest_part[si] >= need {
                    continue;
                }
                rej.considered += 1;
                // The first failing stage; messages are written later, only for the rejections kept.
                let stage = if !park_ok[s.park] {
                    Some(0)
                } else if s.area.m2() < need {
                    Some(1)
                } else if facts[si].sensitive_m.is_some_and(|d| d < m.protection_m) {
                    Some(2)
                } else if facts[si]
                    .exclusion
                    .is_some_and(|(_, o)| o > rules.exclusion_overlap_m2)
                {
                    Some(3)
                } else {
                    None
                };
                match stage {
                    None => feasible.push(si),
                    Some(stage) => {
                        rej.counts[stage] += 1;
                        let d = match (origin, centres[si]) {
                            (Some(o), Some(c)) => (c.x - o.x()).hypot(c.y - o.y()),
                            _ => 0.0,
                        };
                        all.push((d, si, stage));
                    }
                }
            }
            let keep = rules.max_rejected_written.min(all.len());
            if keep < all.len() {
                all.select_nth_unstable_by(keep, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                all.truncate(keep);
            }
            all.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            rej.kept = all
                .into_iter()
                .map(|(_, si, stage)| rejection(model, m, &sites[si], si, &facts[si], stage, rules))
                .collect();
            (feasible, rej)
        })
        .unzip()
}

/// The rejection of a site at a stage, in words with units.
fn rejection(
    model: &Model,
    m: &Mover,
    s: &Site,
    si: usize,
    f: &SiteFacts,
    stage: usize,
    rules: &SitingRules,
) -> Rejection {
    let park = &model.parks[s.park];
    let (measured, threshold) = match stage {
        0 => (
            format!("industry {}", m.industry2.as_deref().unwrap_or("unknown")),
            format!(
                "park {} leading industries {}",
                park.id,
                park.leading_industries.join(",")
            ),
        ),
        1 => (mu(s.area.m2()), format!("≥ {}", mu(m.required.m2()))),
        2 => (
            format!(
                "{:.1} m to the nearest sensitive receptor",
                f.sensitive_m.unwrap_or(0.0)
            ),
            format!("≥ {:.0} m ({})", m.protection_m, m.protection_source),
        ),
        _ => {
            let (kind, overlap) = f
                .exclusion
                .unwrap_or((ConstraintKind::EcologicalRedline, 0.0));
            (
                format!("{overlap:.1} m² inside {}", kind.name()),
                format!("≤ {} m²", rules.exclusion_overlap_m2),
            )
        }
    };
    Rejection {
        site: si,
        excluded_by: STAGES[stage],
        measured,
        threshold,
    }
}
