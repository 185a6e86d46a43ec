//! The world square: Web Mercator (EPSG:3857) scaled to 0..1 on both axes, x east and y
//! south, the space tiles are cut in. Model geometry reaches it from the working frame
//! through WGS84 lon/lat (the frame's inverse, as the GeoJSON writer uses).
//!
//! # Units
//! One world unit is the width of the whole Mercator map; at zoom z a tile is 2^-z units
//! wide and a pixel of a 256-pixel tile 2^-(z+8).

use geo::orient::{Direction, Orient};
use geo::{Coord, Geometry, MapCoords};

use crate::crs::Frame;

/// The latitude Web Mercator stops at (the square's edge).
const MAX_LAT: f64 = 85.051_128_779_806_59;

/// WGS84 lon/lat (degrees) to the world square.
pub fn lonlat_to_world(lon: f64, lat: f64) -> (f64, f64) {
    let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    let x = (lon + 180.0) / 360.0;
    let y = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0;
    (x, y)
}

/// The world square to WGS84 lon/lat (degrees).
pub fn world_to_lonlat(x: f64, y: f64) -> (f64, f64) {
    let lon = x * 360.0 - 180.0;
    let n = std::f64::consts::PI * (1.0 - 2.0 * y);
    (lon, n.sinh().atan().to_degrees())
}

/// Projects geometry from the working frame into the world square; polygons come out with
/// their shells at positive signed area in world coordinates (y down), the winding vector
/// tiles require for exterior rings. `None` when a coordinate cannot be projected.
pub fn frame_to_world(frame: &Frame, g: &Geometry<f64>) -> Option<Geometry<f64>> {
    let ok = std::cell::Cell::new(true);
    let out = g.map_coords(|c| match frame.inverse(c.x, c.y) {
        Some((lon, lat)) => {
            let (x, y) = lonlat_to_world(lon, lat);
            Coord { x, y }
        }
        None => {
            ok.set(false);
            c
        }
    });
    ok.get().then(|| oriented(out))
}

/// Shells at positive signed area, holes negative (geo's default orientation), for
/// polygons; other geometry as it is.
pub fn oriented(g: Geometry<f64>) -> Geometry<f64> {
    match g {
        Geometry::Polygon(p) => Geometry::Polygon(p.orient(Direction::Default)),
        Geometry::MultiPolygon(p) => Geometry::MultiPolygon(p.orient(Direction::Default)),
        g => g,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Reference: the EPSG:3857 formulas (x = R·λ, y = R·ln tan(π/4 + φ/2)) scaled by the
    // equator's length; (0, 0) is the square's centre and 180°E its east edge.
    #[test]
    fn known_points() {
        let (x, y) = lonlat_to_world(0.0, 0.0);
        assert!((x - 0.5).abs() < 1e-15 && (y - 0.5).abs() < 1e-15);
        let (x, _) = lonlat_to_world(180.0, 0.0);
        assert!((x - 1.0).abs() < 1e-15);
        // 120°E 30°N: y = 0.5 − ln(tan 60°)/(2π) = 0.5 − 0.5493061443/6.2831853072.
        let (x, y) = lonlat_to_world(120.0, 30.0);
        assert!((x - 300.0 / 360.0).abs() < 1e-15);
        assert!((y - (0.5 - 0.549_306_144_334_054_8 / std::f64::consts::TAU)).abs() < 1e-12);
        let (lon, lat) = world_to_lonlat(x, y);
        assert!((lon - 120.0).abs() < 1e-9 && (lat - 30.0).abs() < 1e-9);
    }
}
