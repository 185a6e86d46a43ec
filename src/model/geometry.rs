//! Geometry on its way into the model: coordinate sanity checks in the source CRS,
//! conversion into the working frame, and validation with safe repair (geo's MakeValid).
//! Everything here either returns geometry the analyses can trust or a [`Problem`].

use geo::{
    Area, BoundingRect, Coord, CoordsIter, Geometry, MakeValid, MapCoords, MultiPolygon, Validation,
};

use crate::crs::{Crs, ToFrame};
use crate::error::{Problem, Severity};
use crate::problems::Reason;

/// China's extent for lon/lat layers, degrees (DATA.md "Bad input").
const CHINA_LON: (f64, f64) = (73.0, 136.0);
const CHINA_LAT: (f64, f64) = (3.0, 54.0);

/// Checks the coordinates of a feature in its source CRS and converts it into the frame.
/// Returns the converted geometry and any repair made (a stripped zone prefix).
pub fn to_frame(
    g: &Geometry<f64>,
    crs: &Crs,
    conv: &ToFrame,
    number: usize,
) -> Result<(Geometry<f64>, Option<Problem>), Problem> {
    let reject = |reason: Reason| Problem::new(Severity::Rejected, Some(number), reason);
    let reject_text = |reason: String| reject(Reason::Other(reason));
    if g.coords_count() == 0 {
        return Err(reject_text("the geometry is empty".into()));
    }
    if let Some(c) = g
        .coords_iter()
        .find(|c| !c.x.is_finite() || !c.y.is_finite())
    {
        return Err(reject_text(format!(
            "coordinate ({}, {}) is not a finite number",
            c.x, c.y
        )));
    }
    let bbox = g
        .bounding_rect()
        .ok_or_else(|| reject_text("the geometry is empty".into()))?;
    let (min, max) = (bbox.min(), bbox.max());
    let mut repair = None;
    let mut shift_x = 0.0;
    let inside_china = |x: f64, y: f64| {
        (CHINA_LON.0..=CHINA_LON.1).contains(&x) && (CHINA_LAT.0..=CHINA_LAT.1).contains(&y)
    };
    if crs.is_lonlat()
        && inside_china(min.y, min.x)
        && inside_china(max.y, max.x)
        && !(inside_china(min.x, min.y) && inside_china(max.x, max.y))
    {
        return Err(reject(Reason::LatitudeFirst { at: (min.x, min.y) }));
    }
    if crs.is_lonlat() {
        if min.x.abs() > 180.0 || max.x.abs() > 180.0 || min.y.abs() > 90.0 || max.y.abs() > 90.0 {
            return Err(reject_text(format!(
                "coordinate ({:.3}, {:.3}) is not lon/lat (it looks projected, in metres): declare the layer's crs, e.g. crs = \"EPSG:4528\"",
                max.x, max.y
            )));
        }
        let inside = |x: f64, y: f64| {
            (CHINA_LON.0..=CHINA_LON.1).contains(&x) && (CHINA_LAT.0..=CHINA_LAT.1).contains(&y)
        };
        if !inside(min.x, min.y) || !inside(max.x, max.y) {
            if inside(min.y, min.x) && inside(max.y, max.x) {
                return Err(reject(Reason::LatitudeFirst { at: (min.x, min.y) }));
            }
            let at = if inside(min.x, min.y) {
                (max.x, max.y)
            } else {
                (min.x, min.y)
            };
            return Err(reject(Reason::OutsideChina { at }));
        }
    } else if let Crs::Projected(p) = crs {
        // Metres this small lie within 136 m of the projection's origin, off the coast of
        // Africa for a Gauss-Krüger zone: these are degrees in a layer declared metric.
        if inside_china(min.x, min.y) && inside_china(max.x, max.y) {
            return Err(reject(Reason::DegreesInMetricLayer {
                at: (min.x, min.y),
                crs: crs.name(),
            }));
        }
        if let Some((cm, x0, _, _)) = p.tmerc_params() {
            let zone_of = |x: f64| (x / 1_000_000.0).floor();
            if x0 < 1_000_000.0 && min.x > 1_000_000.0 {
                let zone = zone_of(min.x);
                let matches_zone =
                    zone == zone_of(max.x) && (zone * 3.0 == cm || zone * 6.0 - 3.0 == cm);
                if !matches_zone {
                    return Err(reject_text(format!(
                        "easting {:.1} carries a zone prefix ({zone}) that does not match {} (central meridian {cm}E)",
                        min.x,
                        crs.name()
                    )));
                }
                shift_x = -zone * 1_000_000.0;
                repair = Some(
                    Problem::new(Severity::Repaired, Some(number), format!(
                        "easting {:.1} has the zone prefix {zone} although {} has none: prefix removed",
                        min.x,
                        crs.name()
                    )),
                );
            } else if x0 > 1_000_000.0 && max.x < 1_000_000.0 {
                return Err(reject_text(format!(
                    "easting {:.1} lacks the zone prefix {} expects (false easting {x0}): declare the CM variant of the zone",
                    max.x,
                    crs.name()
                )));
            }
        }
    }
    let failed: std::cell::Cell<Option<Coord>> = std::cell::Cell::new(None);
    let failed_ref = &failed;
    let out = g.map_coords(|c| match conv.convert(c.x + shift_x, c.y) {
        Some((x, y)) => Coord { x, y },
        None => {
            if failed_ref.get().is_none() {
                failed_ref.set(Some(c));
            }
            Coord {
                x: f64::NAN,
                y: f64::NAN,
            }
        }
    });
    if let Some(c) = failed.get() {
        return Err(reject_text(format!(
            "coordinate ({}, {}) cannot be projected from {}",
            c.x,
            c.y,
            crs.name()
        )));
    }
    let b = out
        .bounding_rect()
        .ok_or_else(|| reject_text("the geometry is empty".into()))?;
    if (b.min().x - 500_000.0).abs() > 1_000_000.0
        || (b.max().x - 500_000.0).abs() > 1_000_000.0
        || b.min().y < -1e5
        || b.max().y > 7e6
    {
        return Err(reject_text(format!(
            "the feature lies over 1000 km from the project's zone ({:.0}, {:.0} in the working frame): wrong coordinates or CRS",
            b.min().x,
            b.min().y
        )));
    }
    Ok((out, repair))
}

/// The smallest rectangle holding both `a` and `b`.
pub fn rect_union(a: geo::Rect<f64>, b: geo::Rect<f64>) -> geo::Rect<f64> {
    geo::Rect::new(
        geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
        geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
    )
}

/// True when a zone number prefixed to eastings names the zone of a central meridian
/// (3° zone n: CM 3n; 6° zone n: CM 6n − 3).
pub fn zone_matches(zone: f64, cm: f64) -> bool {
    zone * 3.0 == cm || zone * 6.0 - 3.0 == cm
}

/// An easting with a zone prefix the CRS does not have, stripped when the prefix names
/// the CRS's own zone (used where the data's extent is estimated).
pub fn strip_zone_prefix(crs: &Crs, x: f64) -> f64 {
    if let Crs::Projected(p) = crs {
        if let Some((cm, x0, _, _)) = p.tmerc_params() {
            let zone = (x / 1_000_000.0).floor();
            if x0 < 1_000_000.0 && x > 1_000_000.0 && zone_matches(zone, cm) {
                return x - zone * 1_000_000.0;
            }
        }
    }
    x
}

/// A polygonal geometry as a valid MultiPolygon, repaired where that is safe.
/// Returns the repair made, if any.
pub fn valid_multipolygon(
    g: Geometry<f64>,
    number: usize,
) -> Result<(MultiPolygon<f64>, Option<Problem>), Problem> {
    let reject = |reason: Reason| Problem::new(Severity::Rejected, Some(number), reason);
    let reject_text = |reason: String| reject(Reason::Other(reason));
    let mp = match g {
        Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
        Geometry::MultiPolygon(mp) => mp,
        Geometry::Rect(r) => MultiPolygon::new(vec![r.to_polygon()]),
        other => {
            return Err(reject(Reason::WrongGeometry {
                found: geometry_name(&other).to_owned(),
                polygon: true,
            }))
        }
    };
    for (i, p) in mp.0.iter().enumerate() {
        let n = p.exterior().0.len();
        if n < 4 {
            return Err(reject_text(format!(
                "polygon {} has a ring of {n} positions (a closed ring needs at least 4)",
                i + 1
            )));
        }
    }
    if super::validity::multipolygon_is_valid(&mp) {
        return Ok((mp, None));
    }
    let why = mp
        .validation_errors()
        .first()
        .map(ToString::to_string)
        .unwrap_or_default();
    let before = mp.unsigned_area();
    match mp.make_valid() {
        Ok(fixed) if !fixed.0.is_empty() && fixed.unsigned_area() > 0.0 => {
            let after = fixed.unsigned_area();
            let note = crate::problems::Reason::Repaired {
                why,
                area_m2: (before, after),
            };
            Ok((
                fixed,
                Some(Problem::new(Severity::Repaired, Some(number), note)),
            ))
        }
        Ok(_) => Err(reject_text(format!(
            "invalid polygon ({why}) with no area left after repair"
        ))),
        Err(e) => Err(reject_text(format!(
            "invalid polygon ({why}) that cannot be repaired: {e}"
        ))),
    }
}

/// The same polygons in one order, so that outputs do not follow an order that varies from
/// run to run (the overlay's and geo's repair's): each ring starts at its smallest vertex (x,
/// then y; orientation kept), holes and polygons sorted by their first vertex, ties (two
/// parts touching at their lowest corner) by their whole vertex sequence.
pub fn canonical(mp: MultiPolygon<f64>) -> MultiPolygon<f64> {
    use geo::{LineString, Polygon};
    fn ring(ls: LineString<f64>) -> LineString<f64> {
        let mut c = ls.0;
        if c.len() > 1 && c.first() == c.last() {
            c.pop();
        }
        let lowest = c
            .iter()
            .enumerate()
            .min_by(|(_, a), (_, b)| a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y)))
            .map_or(0, |(i, _)| i);
        c.rotate_left(lowest);
        if let Some(&first) = c.first() {
            c.push(first);
        }
        LineString::new(c)
    }
    fn order(a: &LineString<f64>, b: &LineString<f64>) -> std::cmp::Ordering {
        let by = |p: &Coord<f64>, q: &Coord<f64>| p.x.total_cmp(&q.x).then(p.y.total_cmp(&q.y));
        a.0.iter()
            .zip(&b.0)
            .map(|(p, q)| by(p, q))
            .find(|o| o.is_ne())
            .unwrap_or_else(|| a.0.len().cmp(&b.0.len()))
    }
    let mut polygons: Vec<Polygon<f64>> =
        mp.0.into_iter()
            .map(|p| {
                let (exterior, interiors) = p.into_inner();
                let mut holes: Vec<LineString<f64>> = interiors.into_iter().map(ring).collect();
                holes.sort_by(order);
                Polygon::new(ring(exterior), holes)
            })
            .collect();
    polygons.sort_by(|a, b| order(a.exterior(), b.exterior()));
    MultiPolygon::new(polygons)
}

/// The geometry type's GeoJSON name.
pub fn geometry_name(g: &Geometry<f64>) -> &'static str {
    match g {
        Geometry::Point(_) => "Point",
        Geometry::Line(_) | Geometry::LineString(_) => "LineString",
        Geometry::Polygon(_) | Geometry::Rect(_) | Geometry::Triangle(_) => "Polygon",
        Geometry::MultiPoint(_) => "MultiPoint",
        Geometry::MultiLineString(_) => "MultiLineString",
        Geometry::MultiPolygon(_) => "MultiPolygon",
        Geometry::GeometryCollection(_) => "GeometryCollection",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crs::Frame;
    use geo::{polygon, Point};

    #[test]
    fn rejects_swapped_and_projected_lonlat() {
        let f = Frame::with_central_meridian(120.0);
        let conv = f.converter(&Crs::LonLat);
        let swapped = Geometry::Point(Point::new(30.2, 120.3));
        assert!(to_frame(&swapped, &Crs::LonLat, &conv, 1)
            .unwrap_err()
            .reason
            .to_string()
            .contains("latitude, longitude"));
        let projected = Geometry::Point(Point::new(40_512_000.0, 3_350_000.0));
        assert!(to_frame(&projected, &Crs::LonLat, &conv, 1)
            .unwrap_err()
            .reason
            .to_string()
            .contains("looks projected"));
        let big = Geometry::Point(Point::new(1e308, 30.0));
        assert!(to_frame(&big, &Crs::LonLat, &conv, 1).is_err());
        let tokyo = Geometry::Point(Point::new(139.7, 35.7));
        assert!(to_frame(&tokyo, &Crs::LonLat, &conv, 1)
            .unwrap_err()
            .reason
            .to_string()
            .contains("outside China"));
    }

    #[test]
    fn strips_a_matching_zone_prefix_and_reports_it() {
        let f = Frame::with_central_meridian(120.0);
        let crs = Crs::from_epsg(4549).unwrap();
        let conv = f.converter(&crs);
        let g = Geometry::Point(Point::new(40_512_000.0, 3_350_000.0));
        let (out, rep) = to_frame(&g, &crs, &conv, 3).unwrap();
        let Geometry::Point(p) = out else { panic!() };
        assert!((p.x() - 512_000.0).abs() < 1e-6);
        assert_eq!(rep.unwrap().severity, Severity::Repaired);
        let wrong = Geometry::Point(Point::new(39_512_000.0, 3_350_000.0));
        assert!(to_frame(&wrong, &crs, &conv, 3).is_err());
    }

    #[test]
    fn bowtie_is_repaired_and_reported() {
        let bowtie = polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 10.0), (x: 10.0, y: 0.0), (x: 0.0, y: 10.0), (x: 0.0, y: 0.0)];
        let (mp, rep) = valid_multipolygon(Geometry::Polygon(bowtie), 7).unwrap();
        assert!(
            (mp.unsigned_area() - 50.0).abs() < 1e-9,
            "two triangles of 25 m²"
        );
        assert!(rep.unwrap().reason.to_string().contains("repaired"));
    }
}
