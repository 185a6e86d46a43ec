//! The hard constraints, checked in order (industry, area, buffer, exclusion), each
//! failure kept with the measured value and the threshold. Distances are exact to the
//! geometry (polygon to point, line or polygon), never between centroids.

use geo::{BoundingRect, Distance, Euclidean, Geometry, MultiPolygon};
use rayon::prelude::*;
use rstar::{RTree, AABB};

use super::candidates::Site;
use super::movers::{Mover, ProtectionSource};
use crate::index::{box_entry, BoxEntry};
use crate::model::{ConstraintKind, InfraKind, Model, RoadClass};
use crate::project::policy::SitingRules;
use crate::units::AreaM2;

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

/// A hard constraint of the siting, in checking order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Constraint {
    /// The park's leading industries admit the enterprise's.
    Industry,
    /// The site is large enough.
    Area,
    /// The nearest sensitive receptor is beyond the protection distance.
    Buffer,
    /// No overlap with an exclusion zone.
    Exclusion,
}

impl Constraint {
    /// Every constraint, in checking order.
    pub const ALL: [Constraint; 4] = [
        Constraint::Industry,
        Constraint::Area,
        Constraint::Buffer,
        Constraint::Exclusion,
    ];
    /// The code written in `rejected.csv` (`excluded_by`).
    pub fn code(self) -> &'static str {
        match self {
            Constraint::Industry => "industry",
            Constraint::Area => "area",
            Constraint::Buffer => "buffer",
            Constraint::Exclusion => "exclusion",
        }
    }
}

/// The first constraint a site failed for an enterprise, with the measured value and the
/// threshold.
#[derive(Debug, Clone, PartialEq)]
pub enum RejectionEvidence {
    /// The park does not lead in the enterprise's industry.
    Industry {
        /// The enterprise's 2-digit industry, when known.
        industry: Option<String>,
        /// The park's id.
        park_id: String,
        /// Its leading industries.
        leading: Vec<String>,
    },
    /// The site is too small.
    Area {
        /// The site's area.
        area: AreaM2,
        /// The land the enterprise needs.
        required: AreaM2,
    },
    /// A sensitive receptor lies within the protection distance.
    Buffer {
        /// Distance to the nearest sensitive receptor, m.
        distance_m: f64,
        /// The protection distance, m.
        protection_m: f64,
        /// Where the protection distance came from.
        source: ProtectionSource,
    },
    /// The site overlaps an exclusion zone.
    Exclusion {
        /// The zone's kind.
        kind: ConstraintKind,
        /// The overlap, m².
        overlap_m2: f64,
        /// The largest overlap allowed, m².
        max_m2: f64,
    },
}

impl RejectionEvidence {
    /// The constraint that failed.
    pub fn constraint(&self) -> Constraint {
        match self {
            RejectionEvidence::Industry { .. } => Constraint::Industry,
            RejectionEvidence::Area { .. } => Constraint::Area,
            RejectionEvidence::Buffer { .. } => Constraint::Buffer,
            RejectionEvidence::Exclusion { .. } => Constraint::Exclusion,
        }
    }
}

/// Why a site was ruled out for an enterprise.
#[derive(Debug, Clone)]
pub struct Rejection {
    /// Site index.
    pub site: usize,
    /// The first constraint that failed, with its measured value and threshold.
    pub evidence: RejectionEvidence,
}

impl Rejection {
    /// The first constraint that failed.
    pub fn excluded_by(&self) -> Constraint {
        self.evidence.constraint()
    }
}

/// One enterprise's screening: the rejections written (nearest first) and the counts.
#[derive(Debug, Clone, Default)]
pub struct Rejections {
    /// The rejections kept for output (at most `max_rejected_written`).
    pub kept: Vec<Rejection>,
    /// Sites failing at each stage, in [`Constraint::ALL`] order.
    pub counts: [usize; 4],
    /// Candidate sites considered.
    pub considered: usize,
}

impl Rejections {
    /// The constraint that ruled out the last candidates: the last stage that failed any.
    pub fn last_constraint(&self) -> Option<Constraint> {
        Constraint::ALL
            .into_iter()
            .zip(self.counts)
            .rev()
            .find(|(_, n)| *n > 0)
            .map(|(c, _)| c)
    }
}

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

/// The rejection of a site at a stage, with the measured value and the threshold.
fn rejection(
    model: &Model,
    m: &Mover,
    s: &Site,
    si: usize,
    f: &SiteFacts,
    stage: usize,
    rules: &SitingRules,
) -> Rejection {
    let evidence = match Constraint::ALL[stage] {
        Constraint::Industry => {
            let park = &model.parks[s.park];
            RejectionEvidence::Industry {
                industry: m.industry2.clone(),
                park_id: park.id.clone(),
                leading: park.leading_industries.clone(),
            }
        }
        Constraint::Area => RejectionEvidence::Area {
            area: s.area,
            required: m.required,
        },
        Constraint::Buffer => RejectionEvidence::Buffer {
            distance_m: f.sensitive_m.unwrap_or(0.0),
            protection_m: m.protection_m,
            source: m.protection_source.clone(),
        },
        Constraint::Exclusion => {
            let (kind, overlap_m2) = f
                .exclusion
                .unwrap_or((ConstraintKind::EcologicalRedline, 0.0));
            RejectionEvidence::Exclusion {
                kind,
                overlap_m2,
                max_m2: rules.exclusion_overlap_m2,
            }
        }
    };
    Rejection { site: si, evidence }
}
