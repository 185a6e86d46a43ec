//! The building–parcel overlay: which footprints lie on which parcels, and how much of
//! each. A footprint wholly inside a parcel (the common case) is recognised exactly
//! without a boolean operation; only footprints crossing a parcel edge are clipped.

use geo::{Area, BooleanOps, BoundingRect, Intersects, Line, LinesIter, MultiPolygon};
use rayon::prelude::*;
use rstar::RTree;

use super::{envelope, BoxEntry, BuildingPart};
use crate::model::Model;
use crate::units::AreaM2;

/// True when `inner` lies within `outer` (boundaries may touch at vertices). Exact for
/// valid polygons, without a boolean operation or a DE-9IM matrix:
/// when no edge of `outer` reaches `inner`'s bounding box, one vertex decides; otherwise no
/// edge pair may cross or overlap, after which every edge lies wholly on one side of the
/// other polygon's boundary and its midpoint tells which — every edge of `inner` must be
/// inside `outer`, no edge of `outer` inside `inner` (a hole or another part of `outer`).
/// Anything doubtful answers false and is measured by the boolean operation instead.
pub fn is_within(inner: &MultiPolygon<f64>, outer: &MultiPolygon<f64>) -> bool {
    use geo::coordinate_position::{CoordPos, CoordinatePosition};
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
    let reaches = |l: &Line<f64>| {
        l.start.x.max(l.end.x) >= ib.min().x
            && l.start.x.min(l.end.x) <= ib.max().x
            && l.start.y.max(l.end.y) >= ib.min().y
            && l.start.y.min(l.end.y) <= ib.max().y
    };
    let outer_lines: Vec<Line<f64>> = outer.lines_iter().filter(reaches).collect();
    if outer_lines.is_empty() {
        // inner's box meets no edge of outer: the box is wholly inside or wholly outside.
        return inner
            .0
            .first()
            .and_then(|p| p.exterior().0.first())
            .is_some_and(|c| outer.coordinate_position(c) == CoordPos::Inside);
    }
    for il in inner.lines_iter() {
        for ol in &outer_lines {
            match geo::line_intersection::line_intersection(il, *ol) {
                Some(geo::LineIntersection::SinglePoint {
                    is_proper: false, ..
                })
                | None => {}
                Some(_) => return false,
            }
        }
    }
    // Where an edge's interior lies relative to a polygon: sampled at its midpoint, or at a
    // third of the way when the midpoint is itself a touching point.
    let side = |l: &Line<f64>, poly: &MultiPolygon<f64>| {
        [0.5, 1.0 / 3.0]
            .into_iter()
            .map(|t| {
                poly.coordinate_position(&geo::Coord {
                    x: l.start.x + (l.end.x - l.start.x) * t,
                    y: l.start.y + (l.end.y - l.start.y) * t,
                })
            })
            .find(|p| *p != CoordPos::OnBoundary)
    };
    inner
        .lines_iter()
        .all(|l| side(&l, outer) == Some(CoordPos::Inside))
        && outer_lines
            .iter()
            .all(|l| side(l, inner) == Some(CoordPos::Outside))
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
    clipped_area_known(a, b, || a.unsigned_area())
}

/// [`clipped_area`] for an `a` whose area is already known (model features carry theirs).
pub fn clipped_area_known(
    a: &MultiPolygon<f64>,
    b: &MultiPolygon<f64>,
    area_a: impl FnOnce() -> f64,
) -> f64 {
    if is_within(a, b) {
        area_a()
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
                    let area = clipped_area_known(&b.geometry, parcel, || b.area.m2());
                    (area > 1e-9).then_some((
                        pi,
                        BuildingPart {
                            building: crate::model::BuildingIx(bi),
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

    #[test]
    fn touching_vertices_are_judged_by_edge_midpoints() {
        let parcel = mp(
            polygon![(x: 0.0, y: 0.0), (x: 100.0, y: 0.0), (x: 100.0, y: 100.0), (x: 0.0, y: 100.0)],
        );
        // Inside, one vertex on the parcel's edge: within.
        let corner_touch = mp(polygon![(x: 50.0, y: 0.0), (x: 60.0, y: 10.0), (x: 40.0, y: 10.0)]);
        assert!(is_within(&corner_touch, &parcel));
        // A parcel with a notch; a triangle in the notch touches the parcel only at the
        // notch's apex, inside the parcel's bounding box.
        let notched = mp(
            polygon![(x: 0.0, y: 0.0), (x: 100.0, y: 0.0), (x: 100.0, y: 100.0),
            (x: 60.0, y: 100.0), (x: 50.0, y: 50.0), (x: 40.0, y: 100.0), (x: 0.0, y: 100.0)],
        );
        let in_notch = mp(polygon![(x: 50.0, y: 50.0), (x: 55.0, y: 80.0), (x: 45.0, y: 80.0)]);
        assert!(!is_within(&in_notch, &notched));
        assert!(clipped_area(&in_notch, &notched).abs() < 1e-9);
        // The same triangle pointing down from the apex is inside.
        let below = mp(polygon![(x: 50.0, y: 50.0), (x: 45.0, y: 20.0), (x: 55.0, y: 20.0)]);
        assert!(is_within(&below, &notched));
        // A hole whose corners all lie on the building's boundary: the hole is inside the
        // building, so the building is not within the parcel.
        let holed = mp(polygon!(
            exterior: [(x: 0.0, y: 0.0), (x: 100.0, y: 0.0), (x: 100.0, y: 100.0), (x: 0.0, y: 100.0)],
            interiors: [[(x: 20.0, y: 10.0), (x: 30.0, y: 20.0), (x: 20.0, y: 30.0), (x: 10.0, y: 20.0)]],
        ));
        let around = mp(
            polygon![(x: 10.0, y: 10.0), (x: 30.0, y: 10.0), (x: 30.0, y: 30.0), (x: 10.0, y: 30.0)],
        );
        assert!(!is_within(&around, &holed));
        assert!((clipped_area(&around, &holed) - (400.0 - 200.0)).abs() < 1e-6);
    }
}
