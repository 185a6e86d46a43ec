//! OGC validity of polygons, with geo's verdict at R-tree cost.
//!
//! geo's `Validation` compares every segment of a ring with every other, every hole of a
//! polygon with every other and every polygon of a multipolygon with every other: a
//! 批而未供 remainder with thousands of holes, or a ring of 100,000 vertices, takes minutes.
//! Here the same predicates are applied only to the pairs whose bounding boxes meet, found
//! with an R-tree; pairs whose boxes are apart can neither cross nor share a line, so the
//! verdict is geo's, in O(n log n) for the shapes land data has. Small shapes go to geo as
//! they are.

use geo::coordinate_position::CoordPos;
use geo::dimensions::Dimensions;
use geo::{
    BoundingRect, Geometry, Intersects, Line, LineString, MultiPolygon, Polygon, PreparedGeometry,
    Relate, RemoveRepeatedPoints, Validation,
};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{RTree, RTreeObject, AABB};

/// Rings and polygons up to this many coordinates are judged by geo directly.
const SMALL: usize = 64;

/// True when `g` is valid as geo's `Validation` judges it; polygons and multipolygons are
/// judged with R-tree candidate pairs.
pub fn is_valid(g: &Geometry<f64>) -> bool {
    match g {
        Geometry::Polygon(p) => polygon_is_valid(p),
        Geometry::MultiPolygon(mp) => multipolygon_is_valid(mp),
        other => other.is_valid(),
    }
}

/// True when the multipolygon is valid: each polygon valid, and no two of them overlap or
/// share a line.
pub fn multipolygon_is_valid(mp: &MultiPolygon<f64>) -> bool {
    if mp.0.len() <= 4 && mp.0.iter().all(|p| coords_of(p) <= SMALL) {
        return mp.is_valid();
    }
    if !mp.0.iter().all(polygon_is_valid) {
        return false;
    }
    let boxed = boxes(mp.0.iter().map(|p| p.bounding_rect()));
    candidate_pairs(&boxed).all(|(i, j)| {
        // Parts that do not meet at all need no intersection matrix.
        if !mp.0[i].intersects(&mp.0[j]) {
            return true;
        }
        let im = mp.0[i].relate(&mp.0[j]);
        im.get(CoordPos::Inside, CoordPos::Inside) != Dimensions::TwoDimensional
            && im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) != Dimensions::OneDimensional
    })
}

/// True when the polygon is valid: every ring closed, simple and finite; every hole inside
/// the shell, touching it at points only; no two holes overlapping or sharing a line.
pub fn polygon_is_valid(p: &Polygon<f64>) -> bool {
    if p.interiors().len() <= 4 && coords_of(p) <= SMALL {
        return p.is_valid();
    }
    if p.exterior().0.is_empty() {
        return true;
    }
    let rings = std::iter::once(p.exterior()).chain(p.interiors());
    if !rings.filter(|r| !r.0.is_empty()).all(ring_is_valid) {
        return false;
    }
    let holes: Vec<&LineString<f64>> = p.interiors().iter().filter(|r| !r.0.is_empty()).collect();
    if holes.is_empty() {
        return true;
    }
    let shell = Polygon::new(p.exterior().clone(), vec![]);
    let shell = PreparedGeometry::from(&shell);
    let hole_polygons: Vec<Polygon<f64>> = holes
        .iter()
        .map(|h| Polygon::new((*h).clone(), vec![]))
        .collect();
    let inside_shell = hole_polygons.iter().all(|h| {
        let im = shell.relate(h);
        im.is_contains()
            && im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) != Dimensions::OneDimensional
    });
    if !inside_shell {
        return false;
    }
    let boxed = boxes(hole_polygons.iter().map(|h| h.bounding_rect()));
    candidate_pairs(&boxed).all(|(i, j)| {
        if !hole_polygons[i].intersects(&hole_polygons[j]) {
            return true;
        }
        let im = hole_polygons[i].relate(&hole_polygons[j]);
        im.get(CoordPos::Inside, CoordPos::Inside) != Dimensions::TwoDimensional
            && im.get(CoordPos::OnBoundary, CoordPos::OnBoundary) != Dimensions::OneDimensional
    })
}

/// A ring's own checks: at least 4 distinct-in-sequence positions, finite coordinates, and
/// no segment meeting another except where consecutive segments share their end.
fn ring_is_valid(ring: &LineString<f64>) -> bool {
    if ring.0.len() <= SMALL {
        return Polygon::new(ring.clone(), vec![]).is_valid();
    }
    if ring.remove_repeated_points().0.len() < 4 {
        return false;
    }
    if !ring.0.iter().all(|c| c.x.is_finite() && c.y.is_finite()) {
        return false;
    }
    let lines: Vec<Line<f64>> = ring.lines().collect();
    let boxed = boxes(lines.iter().map(|l| Some(l.bounding_rect())));
    // geo's test, on the pairs whose boxes meet: two segments meet other than at the
    // shared end of neighbours.
    let touches =
        |a: &Line<f64>, b: &Line<f64>| a.intersects(b) && a.start != b.end && a.end != b.start;
    candidate_pairs(&boxed)
        .all(|(i, j)| !touches(&lines[i], &lines[j]) && !touches(&lines[j], &lines[i]))
}

fn coords_of(p: &Polygon<f64>) -> usize {
    p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>()
}

type Boxed = RTree<GeomWithData<Rectangle<[f64; 2]>, usize>>;

fn boxes(rects: impl Iterator<Item = Option<geo::Rect<f64>>>) -> Boxed {
    let items = rects
        .enumerate()
        .filter_map(|(i, r)| {
            let r = r?;
            let rect = Rectangle::from_corners([r.min().x, r.min().y], [r.max().x, r.max().y]);
            Some(GeomWithData::new(rect, i))
        })
        .collect();
    RTree::bulk_load(items)
}

/// The pairs (i, j), i < j, whose boxes meet (touching boxes included), in order.
fn candidate_pairs(tree: &Boxed) -> std::vec::IntoIter<(usize, usize)> {
    let mut pairs: Vec<(usize, usize)> = tree
        .iter()
        .flat_map(|a| {
            let i = a.data;
            let env: AABB<[f64; 2]> = a.envelope();
            tree.locate_in_envelope_intersecting(&env)
                .map(|b| b.data)
                .filter(move |&j| j > i)
                .map(move |j| (i, j))
        })
        .collect();
    pairs.sort_unstable();
    pairs.into_iter()
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{wkt, MapCoords};

    /// A grid of `n` × `n` square holes in a large square, optionally with two holes made to
    /// share an edge.
    fn holed(n: usize, shared_edge: bool) -> Polygon<f64> {
        let mut holes = Vec::new();
        for i in 0..n {
            for j in 0..n {
                let (x, y) = (1.0 + 3.0 * i as f64, 1.0 + 3.0 * j as f64);
                let w = if shared_edge && i == 0 && j == 0 {
                    3.0
                } else {
                    1.0
                };
                holes.push(LineString::from(vec![
                    (x, y),
                    (x + w, y),
                    (x + w, y + 1.0),
                    (x, y + 1.0),
                    (x, y),
                ]));
            }
        }
        let s = 3.0 * n as f64 + 1.0;
        Polygon::new(
            LineString::from(vec![(0.0, 0.0), (s, 0.0), (s, s), (0.0, s), (0.0, 0.0)]),
            holes,
        )
    }

    #[test]
    fn the_verdict_is_geos_on_polygons_with_many_holes() {
        for (n, shared) in [(3, false), (3, true), (9, false), (9, true)] {
            let p = holed(n, shared);
            assert_eq!(
                polygon_is_valid(&p),
                p.is_valid(),
                "n = {n}, shared = {shared}"
            );
            assert_eq!(polygon_is_valid(&p), !shared);
        }
    }

    #[test]
    fn a_long_ring_crossing_itself_is_invalid_and_a_long_simple_one_valid() {
        // A circle of 1,000 vertices, then the same with two neighbouring vertices swapped
        // (a bow tie).
        let circle: Vec<(f64, f64)> = (0..1000)
            .map(|k| {
                let t = k as f64 / 1000.0 * std::f64::consts::TAU;
                (t.cos() * 100.0, t.sin() * 100.0)
            })
            .collect();
        let ring = |mut v: Vec<(f64, f64)>| {
            v.push(v[0]);
            Polygon::new(LineString::from(v), vec![])
        };
        let simple = ring(circle.clone());
        assert!(polygon_is_valid(&simple) && simple.is_valid());
        let mut crossed = circle;
        crossed.swap(10, 11);
        let crossed = ring(crossed);
        assert!(!polygon_is_valid(&crossed) && !crossed.is_valid());
    }

    #[test]
    fn multipolygon_parts_sharing_an_edge_are_invalid() {
        let parts: Vec<Polygon<f64>> = (0..10)
            .map(|i| {
                let x = 2.0 * i as f64;
                wkt!(POLYGON((0. 0.,1. 0.,1. 1.,0. 1.,0. 0.)))
                    .map_coords(|c| geo::Coord { x: c.x + x, y: c.y })
            })
            .collect();
        let apart = MultiPolygon::new(parts.clone());
        assert!(multipolygon_is_valid(&apart) && apart.is_valid());
        let mut touching = parts;
        touching.push(wkt!(POLYGON((1. 0.,2. 0.,2. 1.,1. 1.,1. 0.))));
        let touching = MultiPolygon::new(touching);
        assert!(!multipolygon_is_valid(&touching) && !touching.is_valid());
    }
}
