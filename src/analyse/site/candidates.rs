//! Candidate sites: parcels in a park that are approved (ready to supply) or unapproved
//! (need approval), parcels that are idle and recoverable (need recovery), unions of
//! 2 or 3 such parcels that touch (within the tolerance) in one park, and the vacant floor
//! space of each standard factory (标准厂房) in a park. Land sites come first, factories
//! after them, so a land site's index does not depend on the factories layer.

use geo::{Area, BoundingRect, Distance, Euclidean, Geometry, MultiPolygon};
use rstar::AABB;

use crate::analyse::idle::{IdleClass, IdleVerdict};
use crate::index::Index;
use crate::model::{Model, SupplyStatus};
use crate::project::policy::SitingRules;
use crate::units::AreaM2;

/// A candidate site.
#[derive(Debug, Clone)]
pub struct Site {
    /// Its parcels (indices, sorted).
    pub parcels: Vec<usize>,
    /// A parcel id, or ids joined by `+`.
    pub id: String,
    /// The park.
    pub park: usize,
    /// Geometry (the union of its parcels).
    pub geometry: MultiPolygon<f64>,
    /// Area.
    pub area: AreaM2,
    /// Some parcel is not yet approved for construction.
    pub requires_approval: bool,
    /// Some parcel must first be recovered (idle land).
    pub requires_recovery: bool,
    /// A parcel, a union of parcels, or space in a standard factory.
    pub kind: SiteKind,
}

/// What a candidate site is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SiteKind {
    /// One parcel.
    Parcel,
    /// A union of 2 or 3 touching parcels.
    Merged,
    /// Floor space in a standard factory, shared with other tenants.
    Factory {
        /// Index into the model's factories.
        factory: usize,
        /// Its vacant floor area, m²: what the tenants placed there may take in all.
        vacant_m2: f64,
        /// True when the layer gave the vacant area; false when it is the total floor
        /// area less what the enterprises located in it occupy.
        vacant_given: bool,
    },
}

impl SiteKind {
    /// The code written in `sites` and `plan` (`site_kind`).
    pub fn code(self) -> &'static str {
        match self {
            SiteKind::Parcel => "parcel",
            SiteKind::Merged => "merged",
            SiteKind::Factory { .. } => "factory",
        }
    }
}

impl Site {
    /// The factory and its vacant floor area, for factory space.
    pub fn factory(&self) -> Option<(usize, f64)> {
        match self.kind {
            SiteKind::Factory {
                factory, vacant_m2, ..
            } => Some((factory, vacant_m2)),
            _ => None,
        }
    }
}

/// The factory sites: one per standard factory inside a park (its `park_id`, else the
/// park containing its footprint's centroid), with its vacant floor area.
pub fn factory_sites(model: &Model) -> Vec<Site> {
    use geo::{Centroid, Contains};
    // Only the enterprises that say what they occupy can take space from a factory.
    let tenants: Vec<(geo::Point<f64>, f64)> = model
        .enterprises
        .iter()
        .filter_map(|e| Some((e.location?, e.occupied_floor_area_m2?)))
        .collect();
    model
        .factories
        .iter()
        .enumerate()
        .filter_map(|(fi, f)| {
            let by_id = f
                .park_id
                .as_deref()
                .and_then(|id| model.parks.iter().position(|p| p.id == id));
            let centre = f.geometry.centroid();
            let park = by_id.or_else(|| {
                let c = centre?;
                model.parks.iter().position(|p| p.geometry.contains(&c))
            })?;
            let (vacant_m2, vacant_given) = match f.vacant_floor_area_m2 {
                Some(v) => (v.max(0.0), true),
                None => {
                    let occupied: f64 = tenants
                        .iter()
                        .filter(|(p, _)| f.geometry.contains(p))
                        .map(|(_, a)| a)
                        .sum();
                    ((f.area.m2() * f.floors as f64 - occupied).max(0.0), false)
                }
            };
            Some(Site {
                parcels: vec![],
                id: f.id.clone(),
                park,
                geometry: f.geometry.clone(),
                area: f.area,
                requires_approval: false,
                requires_recovery: false,
                kind: SiteKind::Factory {
                    factory: fi,
                    vacant_m2,
                    vacant_given,
                },
            })
        })
        .collect()
}

/// Builds every candidate site. Unions are built only where they can matter: a pair when
/// both its parcels are smaller than the largest land need `max_need`, a triple when its
/// pair is still smaller ("when one parcel is too small").
pub fn candidate_sites(
    model: &Model,
    index: &Index,
    idle: &[IdleVerdict],
    rules: &SitingRules,
    max_need: AreaM2,
) -> Vec<Site> {
    let single: Vec<usize> = (0..model.parcels.len())
        .filter(|&i| {
            index.parcel_park[i].is_some()
                && match model.parcels[i].status {
                    Some(SupplyStatus::Approved) | Some(SupplyStatus::Unapproved) => true,
                    _ => idle[i].class == IdleClass::Idle && idle[i].recoverable,
                }
        })
        .collect();
    let site_of = |parts: &[usize]| -> Site {
        let geometry = if parts.len() == 1 {
            model.parcels[parts[0]].geometry.clone()
        } else {
            crate::index::repaired(geo::unary_union(
                parts.iter().map(|&p| &model.parcels[p].geometry),
            ))
        };
        let area = AreaM2(geometry.unsigned_area());
        Site {
            parcels: parts.to_vec(),
            id: parts
                .iter()
                .map(|&p| model.parcels[p].id.as_str())
                .collect::<Vec<_>>()
                .join("+"),
            park: index.parcel_park[parts[0]].map_or(0, |k| k.index()),
            geometry,
            area,
            requires_approval: parts
                .iter()
                .any(|&p| model.parcels[p].status == Some(SupplyStatus::Unapproved)),
            requires_recovery: parts.iter().any(|&p| idle[p].class == IdleClass::Idle),
            kind: if parts.len() == 1 {
                SiteKind::Parcel
            } else {
                SiteKind::Merged
            },
        }
    };
    let mut sites: Vec<Site> = single.iter().map(|&p| site_of(&[p])).collect();
    // Touching neighbours among the small candidates, in the same park.
    let small: Vec<usize> = single
        .iter()
        .copied()
        .filter(|&p| model.parcels[p].area.m2() < max_need.m2())
        .collect();
    let is_small: std::collections::HashSet<usize> = small.iter().copied().collect();
    let tol = rules.touch_tolerance_m;
    let adjacency: std::collections::HashMap<usize, Vec<usize>> = small
        .iter()
        .map(|&p| {
            let Some(b) = model.parcels[p].geometry.bounding_rect() else {
                return (p, vec![]);
            };
            let env = AABB::from_corners(
                [b.min().x - tol, b.min().y - tol],
                [b.max().x + tol, b.max().y + tol],
            );
            let gp = Geometry::MultiPolygon(model.parcels[p].geometry.clone());
            let mut n: Vec<usize> = index
                .parcels
                .locate_in_envelope_intersecting(&env)
                .map(|e| e.data)
                .filter(|&q| {
                    q != p && is_small.contains(&q) && index.parcel_park[q] == index.parcel_park[p]
                })
                .filter(|&q| {
                    Euclidean.distance(
                        &gp,
                        &Geometry::MultiPolygon(model.parcels[q].geometry.clone()),
                    ) <= tol
                })
                .collect();
            n.sort_unstable();
            (p, n)
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    for &p in &small {
        for &q in adjacency[&p].iter().filter(|&&q| q > p) {
            let pair = site_of(&[p, q]);
            let pair_small = pair.area.m2() < max_need.m2();
            if seen.insert(vec![p, q]) {
                sites.push(pair);
            }
            if !pair_small {
                continue;
            }
            // Triples: a third small parcel touching either of the pair.
            let mut thirds: Vec<usize> = adjacency[&p]
                .iter()
                .chain(&adjacency[&q])
                .copied()
                .filter(|&r| r != q && r != p)
                .collect();
            thirds.sort_unstable();
            thirds.dedup();
            for r in thirds {
                let mut t = vec![p, q, r];
                t.sort_unstable();
                if seen.insert(t.clone()) {
                    sites.push(site_of(&t));
                }
            }
        }
    }
    sites
}
