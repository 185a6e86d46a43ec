//! The building–parcel overlay: which footprints lie on which parcels, and how much of
//! each. A footprint wholly inside a parcel (the common case) is recognised exactly
//! without a boolean operation; only footprints crossing a parcel edge are clipped.

use geo::{Area, BooleanOps, BoundingRect, Contains, Intersects, Line, LinesIter, MultiPolygon};
use rayon::prelude::*;
use rstar::RTree;

use super::{envelope, BoxEntry, BuildingPart};
use crate::model::Model;
use crate::units::AreaM2;

/// True when `inner` lies strictly within `outer`: the boundaries do not meet at all and
/// an interior point of `inner` is inside `outer`. Exact for valid polygons; a footprint
/// that touches the parcel boundary answers false and is measured by a boolean operation.
pub fn is_within(inner: &MultiPolygon<f64>, outer: &MultiPolygon<f64>) -> bool {
    let (Some(ib), Some(ob)) = (inner.bounding_rect(), outer.bounding_rect()) else {
        return false;
    };
    if ib.min().x < ob.min().x
        || ib.min().y < ob.min().y
        || ib.max().x > ob.max().x
        || ib.max().y > ob.max().y
    {
        return false;
    }
    let env = ib;
    let outer_lines: Vec<Line<f64>> = outer
        .lines_iter()
        .filter(|l| {
            let (lo_x, hi_x) = (l.start.x.min(l.end.x), l.start.x.max(l.end.x));
            let (lo_y, hi_y) = (l.start.y.min(l.end.y), l.start.y.max(l.end.y));
            hi_x >= env.min().x && lo_x <= env.max().x && hi_y >= env.min().y && lo_y <= env.max().y
        })
        .collect();
    for il in inner.lines_iter() {
        for ol in &outer_lines {
            if let Some(
                geo::LineIntersection::SinglePoint {
                    is_proper: true, ..
                }
                | geo::LineIntersection::Collinear { .. },
            ) = geo::line_intersection::line_intersection(il, *ol)
            {
                return false;
            }
        }
    }
    // No proper crossing: inner is wholly in or wholly out (up to touching vertices);
    // decide by a point strictly inside inner's first part.
    use geo::InteriorPoint;
    match inner.0.first().and_then(|p| p.interior_point()) {
        Some(pt) => outer.contains(&pt),
        None => false,
    }
}

/// A boolean operation's output made valid: on near-degenerate input (edges that almost
/// coincide) the overlay can return rings attached to the wrong polygon, whose area would
/// be counted twice; geo's MakeValid rebuilds them by the even-odd rule.
pub fn repaired(mp: MultiPolygon<f64>) -> MultiPolygon<f64> {
    use geo::MakeValid;
    // The failure seen is structural: a "hole" ring not enclosed by its polygon's exterior.
    // Checking that is linear; geo's full validity check is pairwise and far slower.
    let misassigned = mp.0.iter().any(|p| {
        let Some(eb) = p.exterior().bounding_rect() else {
            return false;
        };
        let ea = geo::Polygon::new(p.exterior().clone(), vec![]).unsigned_area();
        p.interiors().iter().any(|h| {
            h.bounding_rect().is_some_and(|hb| {
                hb.min().x < eb.min().x
                    || hb.min().y < eb.min().y
                    || hb.max().x > eb.max().x
                    || hb.max().y > eb.max().y
            }) || geo::Polygon::new(h.clone(), vec![]).unsigned_area() >= ea
        })
    });
    if !misassigned {
        return mp;
    }
    match mp.make_valid() {
        Ok(v) => v,
        Err(_) => mp,
    }
}

/// area(a ∩ b), with the exact fast path when one lies within the other.
pub fn clipped_area(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>) -> f64 {
    if is_within(a, b) {
        a.unsigned_area()
    } else if is_within(b, a) {
        b.unsigned_area()
    } else if a.intersects(b) {
        repaired(a.intersection(b)).unsigned_area()
    } else {
        0.0
    }
}

/// For every parcel, the buildings on it with area(footprint ∩ parcel) > 0, by building index.
pub(super) fn buildings_on_parcels(
    model: &Model,
    parcels: &RTree<BoxEntry>,
) -> Vec<Vec<BuildingPart>> {
    let parts: Vec<Vec<(usize, BuildingPart)>> = model
        .buildings
        .par_iter()
        .enumerate()
        .map(|(bi, b)| {
            let Some(bbox) = b.geometry.bounding_rect() else {
                return vec![];
            };
            let mut cands: Vec<usize> = parcels
                .locate_in_envelope_intersecting(&envelope(bbox))
                .map(|e| e.data)
                .collect();
            cands.sort_unstable();
            cands
                .into_iter()
                .filter_map(|pi| {
                    let parcel = &model.parcels[pi].geometry;
                    let area = if is_within(&b.geometry, parcel) {
                        b.area.m2()
                    } else {
                        clipped_area(&b.geometry, parcel)
                    };
                    (area > 1e-9).then_some((
                        pi,
                        BuildingPart {
                            building: bi,
                            area: AreaM2(area),
                        },
                    ))
                })
                .collect()
        })
        .collect();
    let mut on = vec![Vec::new(); model.parcels.len()];
    for list in parts {
        for (pi, part) in list {
            on[pi].push(part);
        }
    }
    on
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    fn mp(p: geo::Polygon<f64>) -> MultiPolygon<f64> {
        MultiPolygon::new(vec![p])
    }

    #[test]
    fn within_and_crossing() {
        let parcel = mp(
            polygon![(x: 0.0, y: 0.0), (x: 100.0, y: 0.0), (x: 100.0, y: 100.0), (x: 0.0, y: 100.0)],
        );
        let inside = mp(
            polygon![(x: 10.0, y: 10.0), (x: 20.0, y: 10.0), (x: 20.0, y: 20.0), (x: 10.0, y: 20.0)],
        );
        let crossing = mp(
            polygon![(x: 90.0, y: 10.0), (x: 110.0, y: 10.0), (x: 110.0, y: 20.0), (x: 90.0, y: 20.0)],
        );
        let touching = mp(
            polygon![(x: 0.0, y: 10.0), (x: 10.0, y: 10.0), (x: 10.0, y: 20.0), (x: 0.0, y: 20.0)],
        );
        assert!(is_within(&inside, &parcel));
        assert!(!is_within(&crossing, &parcel));
        assert!(
            !is_within(&touching, &parcel),
            "touching goes to the exact path"
        );
        assert!((clipped_area(&touching, &parcel) - 100.0).abs() < 1e-9);
        assert!(
            (clipped_area(&crossing, &parcel) - 100.0).abs() < 1e-9,
            "half of 20 × 10"
        );
        // A parcel with a hole around the building: not within.
        let holed = mp(polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 100.0, y: 0.0), (x: 100.0, y: 100.0), (x: 0.0, y: 100.0)],
            interiors: [[(x: 5.0, y: 5.0), (x: 25.0, y: 5.0), (x: 25.0, y: 25.0), (x: 5.0, y: 25.0)]],
        ));
        assert!(!is_within(&inside, &holed));
        assert!(clipped_area(&inside, &holed).abs() < 1e-9);
    }
}
