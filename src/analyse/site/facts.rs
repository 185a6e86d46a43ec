//! Facts of each candidate site that do not depend on who moves there: the distance to the
//! nearest sensitive receptor, road and wastewater plant, and the largest overlap with an
//! exclusion zone. Distances are exact to the geometry (polygon to point, line or polygon),
//! never between centroids.

use geo::{BoundingRect, Distance, Euclidean, Geometry, MultiPolygon};
use rayon::prelude::*;
use rstar::{RTree, AABB};

use super::candidates::Site;
use crate::index::{tree_of_boxes, BoxEntry};
use crate::model::{ConstraintKind, InfraKind, Model, RoadClass};

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

struct Layer {
    tree: RTree<BoxEntry>,
    geoms: Vec<Geometry<f64>>,
}

impl Layer {
    fn new(geoms: Vec<Geometry<f64>>) -> Layer {
        let tree = tree_of_boxes(geoms.iter().map(|g| g.bounding_rect()));
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
pub fn site_facts(model: &Model, sites: &[Site]) -> Vec<SiteFacts> {
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
