//! Index: R-trees and the joins every analysis shares, computed once per run —
//! parcel → park, building ∩ parcel areas, enterprise → parcels.
//!
//! R-tree results come in any order; every list here is sorted before it is stored so
//! outputs are deterministic.

mod cross_checks;
mod overlay;

pub use cross_checks::parcel_cross_checks;

use std::collections::HashMap;

use geo::{BoundingRect, Contains, MultiPolygon, Rect};
use rayon::prelude::*;
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, AABB};

pub use overlay::{clipped_area, clipped_area_known, repaired};

use crate::model::{BuildingIx, EnterpriseIx, Model, ParcelIx, ParkIx};
use crate::units::AreaM2;

/// A bounding box with the index of its feature.
pub type BoxEntry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// The R-tree entry of a geometry's bounding box.
pub fn box_entry(r: Rect<f64>, i: usize) -> BoxEntry {
    GeomWithData::new(
        Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]),
        i,
    )
}

/// An R-tree over the bounding boxes of polygons, bulk-loaded.
pub fn tree_of(polys: &[&MultiPolygon<f64>]) -> RTree<BoxEntry> {
    tree_of_boxes(polys.iter().map(|p| p.bounding_rect()))
}

/// An R-tree over bounding boxes given in order (an empty geometry has none), each entry
/// holding its position, bulk-loaded.
pub fn tree_of_boxes(boxes: impl Iterator<Item = Option<Rect<f64>>>) -> RTree<BoxEntry> {
    RTree::bulk_load(
        boxes
            .enumerate()
            .filter_map(|(i, r)| r.map(|r| box_entry(r, i)))
            .collect(),
    )
}

/// The envelope of a rectangle, for R-tree queries.
pub fn envelope(r: Rect<f64>) -> AABB<[f64; 2]> {
    AABB::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y])
}

/// A building's share of a parcel.
#[derive(Debug, Clone, Copy)]
pub struct BuildingPart {
    /// The building.
    pub building: BuildingIx,
    /// area(footprint ∩ parcel).
    pub area: AreaM2,
}

/// Why an enterprise has no parcel.
#[derive(Debug, Clone, PartialEq)]
pub enum Unplaced {
    /// Its parcel_id values name no parcel.
    UnknownParcel(Vec<String>),
    /// Its location is inside no parcel.
    OutsideParcels,
    /// It has neither a location nor a parcel_id.
    NoLocation,
}

/// The joins of a model.
#[derive(Debug)]
pub struct Index {
    /// R-tree of parcel bounding boxes.
    pub parcels: RTree<BoxEntry>,
    /// R-tree of park bounding boxes.
    pub parks: RTree<BoxEntry>,
    /// Park of each parcel: largest overlap, none under half the parcel.
    pub parcel_park: Vec<Option<ParkIx>>,
    /// Buildings on each parcel, with their clipped areas, by building index.
    pub buildings_on: Vec<Vec<BuildingPart>>,
    /// Parcels of each enterprise (sorted, unique).
    pub enterprise_parcels: Vec<Vec<ParcelIx>>,
    /// Enterprises on each parcel (sorted).
    pub enterprises_on: Vec<Vec<EnterpriseIx>>,
    /// Enterprises that could not be placed on a parcel, and why.
    pub unplaced: Vec<(EnterpriseIx, Unplaced)>,
    /// Parcel index by id.
    pub parcel_by_id: HashMap<String, ParcelIx>,
    /// Doubts about a layer's declared coordinates, in words (e.g. an undeclared GCJ-02 layer).
    pub crs_hints: Vec<String>,
}

/// Builds every join of a model.
pub fn build_index(model: &Model) -> Index {
    let parcel_geoms: Vec<&MultiPolygon<f64>> = model.parcels.iter().map(|p| &p.geometry).collect();
    let parcels = tree_of(&parcel_geoms);
    let parks = tree_of(&model.parks.iter().map(|p| &p.geometry).collect::<Vec<_>>());
    let parcel_park = parcel_parks(model, &parks);
    let buildings_on = overlay::buildings_on_parcels(model, &parcels);
    let parcel_by_id: HashMap<String, ParcelIx> = model
        .parcels
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), ParcelIx(i)))
        .collect();
    let (enterprise_parcels, unplaced) = enterprise_parcels(model, &parcels, &parcel_by_id);
    let mut enterprises_on = vec![Vec::new(); model.parcels.len()];
    for (e, ps) in enterprise_parcels.iter().enumerate() {
        for &p in ps {
            enterprises_on[p.index()].push(EnterpriseIx(e));
        }
    }
    let crs_hints = gcj_hint(model, &parcels).into_iter().collect();
    Index {
        parcels,
        parks,
        parcel_park,
        buildings_on,
        enterprise_parcels,
        enterprises_on,
        unplaced,
        parcel_by_id,
        crs_hints,
    }
}

/// An enterprise layer declared as WGS84 whose points fall in parcels far more often when
/// read as GCJ-02 was most likely geocoded by Amap or Tencent and not declared: a
/// 300–700 m shift is a wrong answer, not noise (DATA.md "Coordinates").
fn gcj_hint(model: &Model, tree: &RTree<BoxEntry>) -> Option<String> {
    if !model.enterprises_lonlat {
        return None;
    }
    // A point "lands" when it falls in a parcel held by the enterprise (where the ledger
    // names holders), else in any parcel.
    let holders: std::collections::HashSet<&str> = model
        .parcels
        .iter()
        .filter_map(|p| p.holder.as_deref())
        .collect();
    let lands = |x: f64, y: f64, e: &crate::model::Enterprise| {
        let pt = geo::Point::new(x, y);
        let named = holders.contains(e.id.as_str())
            || e.name.as_deref().is_some_and(|n| holders.contains(n));
        tree.locate_all_at_point(&[x, y]).any(|b| {
            let p = &model.parcels[b.data];
            p.geometry.contains(&pt)
                && (!named
                    || p.holder
                        .as_deref()
                        .is_some_and(|h| h == e.id || Some(h) == e.name.as_deref()))
        })
    };
    let (mut as_is, mut as_gcj, mut n) = (0usize, 0usize, 0usize);
    for e in model.enterprises.iter().filter(|e| e.parcel_ids.is_empty()) {
        let Some(p) = e.location else { continue };
        let Some((lon, lat)) = model.frame.inverse(p.x(), p.y()) else {
            continue;
        };
        if !crate::crs::is_in_mainland(lon, lat) {
            continue;
        }
        n += 1;
        as_is += usize::from(lands(p.x(), p.y(), e));
        let (wl, wb) = crate::crs::gcj02_to_wgs84(lon, lat);
        if let Some((x, y)) = model.frame.forward(wl, wb) {
            as_gcj += usize::from(lands(x, y, e));
        }
    }
    (n >= 3 && as_gcj * 2 > n && as_gcj >= 2 * as_is.max(1)).then(|| {
        format!(
            "enterprises: {as_gcj} of {n} located points fall inside a parcel when read as GCJ-02 but only {as_is} as WGS84: the layer looks geocoded by Amap/Tencent; declare coords = \"gcj02\" in [layers.enterprises]"
        )
    })
}

/// Minimum share of a parcel's area a park must cover to hold it (DOMAIN.md "Park of a parcel").
pub const PARK_MIN_SHARE: f64 = 0.5;

fn parcel_parks(model: &Model, parks: &RTree<BoxEntry>) -> Vec<Option<ParkIx>> {
    model
        .parcels
        .par_iter()
        .map(|parcel| {
            let bbox = parcel.geometry.bounding_rect()?;
            let mut cands: Vec<usize> = parks
                .locate_in_envelope_intersecting(&envelope(bbox))
                .map(|e| e.data)
                .collect();
            cands.sort_unstable();
            let mut best: Option<(usize, f64)> = None;
            for k in cands {
                let park = &model.parks[k].geometry;
                let overlap = clipped_area_known(&parcel.geometry, park, || parcel.area.m2());
                if best.is_none_or(|(_, a)| overlap > a) {
                    best = Some((k, overlap));
                }
            }
            best.filter(|(_, a)| *a >= PARK_MIN_SHARE * parcel.area.m2() && *a > 0.0)
                .map(|(k, _)| ParkIx(k))
        })
        .collect()
}

fn enterprise_parcels(
    model: &Model,
    tree: &RTree<BoxEntry>,
    by_id: &HashMap<String, ParcelIx>,
) -> (Vec<Vec<ParcelIx>>, Vec<(EnterpriseIx, Unplaced)>) {
    let found: Vec<(Vec<ParcelIx>, Option<Unplaced>)> = model
        .enterprises
        .par_iter()
        .map(|e| {
            if !e.parcel_ids.is_empty() {
                let mut ps: Vec<ParcelIx> = e
                    .parcel_ids
                    .iter()
                    .filter_map(|id| by_id.get(id).copied())
                    .collect();
                ps.sort_unstable();
                ps.dedup();
                let unknown: Vec<String> = e
                    .parcel_ids
                    .iter()
                    .filter(|id| !by_id.contains_key(*id))
                    .cloned()
                    .collect();
                return (
                    ps,
                    (!unknown.is_empty()).then_some(Unplaced::UnknownParcel(unknown)),
                );
            }
            match e.location {
                None => (vec![], Some(Unplaced::NoLocation)),
                Some(pt) => {
                    let mut ps: Vec<ParcelIx> = tree
                        .locate_all_at_point(&[pt.x(), pt.y()])
                        .map(|b| ParcelIx(b.data))
                        .filter(|&i| model.parcels[i].geometry.contains(&pt))
                        .collect();
                    ps.sort_unstable();
                    // Overlapping parcels: the point belongs to the first by id order.
                    ps.truncate(1);
                    let why = ps.is_empty().then_some(Unplaced::OutsideParcels);
                    (ps, why)
                }
            }
        })
        .collect();
    let mut unplaced = Vec::new();
    let mut out = Vec::with_capacity(found.len());
    for (i, (ps, why)) in found.into_iter().enumerate() {
        if let Some(w) = why {
            unplaced.push((EnterpriseIx(i), w));
        }
        out.push(ps);
    }
    (out, unplaced)
}
