//! The coordinates a table's geometries are in ([`Space`]), and what a writer does to each
//! geometry before it is written ([`Prepare`]): polygons made OGC-valid in the space they
//! were computed in, then projected into the file's CRS.

use std::borrow::Cow;
use std::sync::Arc;

use geo::orient::{Direction, Orient};
use geo::{Coord, Geometry, MakeValid, MapCoords, MultiPolygon};
use proj4rs::Proj;

use crate::crs::ToFrame;
use crate::crs::{bd09_to_wgs84, gcj02_to_wgs84, wgs84_to_bd09, wgs84_to_gcj02, Crs, Frame};
use crate::model::validity;

/// What the coordinates of a table's geometries are.
#[derive(Clone, Debug, Default)]
pub enum Space {
    /// WGS84 lon/lat in degrees.
    #[default]
    LonLat,
    /// Metres in the working frame (the model's geometry as it is).
    Frame(Frame),
    /// Any other CRS (a converted layer).
    Crs(Crs),
}

impl Space {
    /// The CRS these coordinates are in, as written into GIS files by default: the frame's
    /// EPSG code (CGCS2000 3-degree Gauss-Krüger, CM variant) when it has one.
    pub fn native_crs(&self) -> Crs {
        match self {
            Space::LonLat => Crs::LonLat,
            Space::Crs(c) => c.clone(),
            Space::Frame(f) => frame_crs(f),
        }
    }
}

/// The frame as a CRS (its EPSG entry when it has one, else its proj string).
pub fn frame_crs(f: &Frame) -> Crs {
    f.epsg()
        .and_then(|c| Crs::from_epsg(c).ok())
        .or_else(|| {
            Crs::from_proj4(
                &format!(
                    "+proj=tmerc +lat_0=0 +lon_0={} +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs",
                    f.central_meridian()
                ),
                None,
            )
            .ok()
        })
        .unwrap_or(Crs::LonLat)
}

/// One end of a conversion through WGS84 lon/lat.
#[derive(Clone)]
enum End {
    LonLat,
    Gcj02,
    Bd09,
    Projected(Arc<Proj>),
}

impl End {
    fn of(crs: &Crs) -> End {
        match crs {
            Crs::LonLat => End::LonLat,
            Crs::Gcj02 => End::Gcj02,
            Crs::Bd09 => End::Bd09,
            Crs::Projected(p) => End::Projected(p.proj.clone()),
        }
    }
}

/// How coordinates go from a table's space into the file's CRS.
#[derive(Clone)]
enum Transform {
    Identity,
    Shift {
        dx: f64,
        dy: f64,
    },
    FrameToLonLat(Frame),
    Via {
        from: Option<Frame>,
        src: End,
        dst: End,
        ll: Arc<Proj>,
    },
}

/// What is done to every geometry before it is written: polygons made valid, then
/// coordinates projected into the file's CRS.
#[derive(Clone)]
pub struct Prepare {
    transform: Transform,
    repair: bool,
    decimals: Option<u8>,
}

impl Prepare {
    /// Geometry in `space` written in `dst`. Results computed in the working frame have
    /// their polygons made valid; layers in their own CRS (a converted or synthetic layer)
    /// are written as they are.
    pub fn new(space: &Space, dst: &Crs) -> Prepare {
        let repair = matches!(space, Space::Frame(_));
        let transform = match (space, dst) {
            (Space::LonLat, Crs::LonLat) => Transform::Identity,
            (Space::Frame(f), Crs::LonLat) => Transform::FrameToLonLat(f.clone()),
            (Space::Frame(f), Crs::Projected(p)) if p.epsg.is_some() && p.epsg == f.epsg() => {
                Transform::Identity
            }
            (Space::Frame(f), Crs::Projected(_)) => match f.converter(dst) {
                // A Gauss-Krüger CRS on the frame's meridian: the inverse of its shift.
                ToFrame::Shift { dx, dy } => Transform::Shift { dx: -dx, dy: -dy },
                _ => via(Some(f.clone()), End::LonLat, dst),
            },
            (Space::Frame(f), _) => via(Some(f.clone()), End::LonLat, dst),
            (Space::Crs(c), d) if same_crs(c, d) => Transform::Identity,
            (Space::Crs(c), d) => via(None, End::of(c), d),
            (Space::LonLat, d) => via(None, End::LonLat, d),
        };
        Prepare {
            transform,
            repair,
            decimals: None,
        }
    }

    /// The same, for a text format that writes `decimals` decimals: coordinates are
    /// rounded before validity is checked, so the rounding cannot make rings cross.
    pub fn rounded(mut self, decimals: u8) -> Prepare {
        self.decimals = Some(decimals);
        self
    }

    /// The geometry as written: valid, in the file's CRS; `None` when a coordinate cannot
    /// be projected.
    pub fn apply<'g>(&self, g: Cow<'g, Geometry<f64>>) -> Option<Cow<'g, Geometry<f64>>> {
        let g = if self.repair { make_valid(g) } else { g };
        match &self.transform {
            Transform::Identity => Some(g),
            Transform::Shift { dx, dy } => Some(Cow::Owned(g.map_coords(|c| Coord {
                x: c.x + dx,
                y: c.y + dy,
            }))),
            t => {
                let ok = std::cell::Cell::new(true);
                let out = g.map_coords(|c| match t.point(c.x, c.y) {
                    Some((x, y)) => Coord { x, y },
                    None => {
                        ok.set(false);
                        c
                    }
                });
                // A hole touching its shell at a point in the middle of a shell edge is
                // valid in the frame; projected, the edge stays straight in the new
                // coordinates but the point moves off it, and the rings cross. Checked
                // again after the projection.
                let out = match self.decimals {
                    Some(d) => {
                        let k = 10f64.powi(i32::from(d));
                        out.map_coords(|c| Coord {
                            x: (c.x * k).round() / k,
                            y: (c.y * k).round() / k,
                        })
                    }
                    None => out,
                };
                let out = Cow::Owned(out);
                ok.get()
                    .then(|| if self.repair { make_valid(out) } else { out })
            }
        }
    }
}

fn via(from: Option<Frame>, src: End, dst: &Crs) -> Transform {
    let ll = Proj::from_proj_string("+proj=longlat +ellps=GRS80 +no_defs")
        .expect("the longlat proj string is a constant that parses");
    Transform::Via {
        from,
        src,
        dst: End::of(dst),
        ll: Arc::new(ll),
    }
}

fn same_crs(a: &Crs, b: &Crs) -> bool {
    match (a, b) {
        (Crs::LonLat, Crs::LonLat) | (Crs::Gcj02, Crs::Gcj02) | (Crs::Bd09, Crs::Bd09) => true,
        (Crs::Projected(p), Crs::Projected(q)) => {
            (p.epsg.is_some() && p.epsg == q.epsg) || p.proj4 == q.proj4
        }
        _ => false,
    }
}

impl Transform {
    fn point(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        match self {
            Transform::Identity => Some((x, y)),
            Transform::Shift { dx, dy } => Some((x + dx, y + dy)),
            Transform::FrameToLonLat(f) => f.inverse(x, y),
            Transform::Via { from, src, dst, ll } => {
                let (lon, lat) = match (from, src) {
                    (Some(f), _) => f.inverse(x, y)?,
                    (None, End::LonLat) => (x, y),
                    (None, End::Gcj02) => gcj02_to_wgs84(x, y),
                    (None, End::Bd09) => bd09_to_wgs84(x, y),
                    (None, End::Projected(p)) => {
                        let mut q = (x, y, 0.0);
                        proj4rs::transform::transform(p, ll, &mut q).ok()?;
                        (q.0.to_degrees(), q.1.to_degrees())
                    }
                };
                let out = match dst {
                    End::LonLat => (lon, lat),
                    End::Gcj02 => wgs84_to_gcj02(lon, lat),
                    End::Bd09 => wgs84_to_bd09(lon, lat),
                    End::Projected(p) => {
                        let mut q = (lon.to_radians(), lat.to_radians(), 0.0);
                        proj4rs::transform::transform(ll, p, &mut q).ok()?;
                        (q.0, q.1)
                    }
                };
                (out.0.is_finite() && out.1.is_finite()).then_some(out)
            }
        }
    }
}

/// Polygons made OGC-valid: a polygon whose holes touch its shell along an edge (what
/// the 批而未供 overlay and merged siting parcels produce) is rebuilt by geo's
/// triangulation-based repair, which keeps its area. Valid geometry is passed as it is;
/// validity is judged with R-tree candidate pairs ([`validity`]).
pub fn make_valid(g: Cow<'_, Geometry<f64>>) -> Cow<'_, Geometry<f64>> {
    let repaired = match g.as_ref() {
        Geometry::Polygon(p) if !validity::polygon_is_valid(p) => p.make_valid().ok(),
        Geometry::MultiPolygon(mp) if !validity::multipolygon_is_valid(mp) => mp.make_valid().ok(),
        _ => None,
    };
    match repaired {
        Some(mp) => Cow::Owned(Geometry::MultiPolygon(canonical(mp))),
        None => g,
    }
}

/// A repaired multipolygon in one canonical form, so that two runs write the same bytes:
/// geo's repair returns the same rings in an order that changes from run to run. Shells
/// counter-clockwise and holes clockwise (RFC 7946), then the model's canonical ring order.
fn canonical(mp: MultiPolygon<f64>) -> MultiPolygon<f64> {
    crate::model::geometry::canonical(mp.orient(Direction::Default))
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{wkt, Area, Validation};

    #[test]
    fn a_hole_sharing_an_edge_with_its_shell_is_repaired_keeping_the_area() {
        // A 10 × 10 square with a 4 × 4 hole on its left edge: invalid in OGC (the hole
        // touches the shell along a segment); the valid form has area 100 − 16 = 84.
        let p = wkt!(POLYGON((0. 0.,10. 0.,10. 10.,0. 10.,0. 0.),(0. 3.,4. 3.,4. 7.,0. 7.,0. 3.)));
        assert!(!p.is_valid());
        let g = make_valid(Cow::Owned(Geometry::Polygon(p)));
        assert!(g.is_valid());
        assert!(
            (g.unsigned_area() - 84.0).abs() < 1e-9,
            "{}",
            g.unsigned_area()
        );
    }

    #[test]
    fn frame_geometry_goes_to_its_epsg_unchanged_and_to_wgs84_through_the_inverse() {
        let f = Frame::with_central_meridian(120.0);
        let pt = Geometry::Point(geo::Point::new(500_000.0, 3_320_113.397845));
        let same = Prepare::new(
            &Space::Frame(f.clone()),
            &Crs::from_epsg(4549).expect("4549"),
        );
        assert_eq!(
            same.apply(Cow::Borrowed(&pt)).expect("projected").as_ref(),
            &pt
        );
        // EPSG:4528 is the same meridian with the zone number in the false easting.
        let zone = Prepare::new(
            &Space::Frame(f.clone()),
            &Crs::from_epsg(4528).expect("4528"),
        );
        let Some(Geometry::Point(z)) = zone.apply(Cow::Borrowed(&pt)).map(Cow::into_owned) else {
            panic!("a point")
        };
        assert!((z.x() - 40_500_000.0).abs() < 1e-6);
        let ll = Prepare::new(&Space::Frame(f), &Crs::LonLat);
        let Some(Geometry::Point(p)) = ll.apply(Cow::Borrowed(&pt)).map(Cow::into_owned) else {
            panic!("a point")
        };
        // DEPENDENCIES.md 2c (PROJ 9.5.1): (120E, 30N) is (500000, 3320113.397845) in 4549.
        assert!(
            (p.x() - 120.0).abs() < 1e-9 && (p.y() - 30.0).abs() < 1e-9,
            "{p:?}"
        );
    }
}
