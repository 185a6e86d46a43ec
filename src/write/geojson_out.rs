//! GeoJSON output, streamed feature by feature: RFC 7946 (WGS84 lon/lat, 8 decimals ≈ 1 mm)
//! unless the table is in another CRS (a converted layer), which is then kept and declared
//! in a legacy `crs` member.

use std::io::Write;
use std::path::Path;

use std::fmt::Write as _;

use geo::Geometry;

use super::rows::in_order_chunks;
use super::space::Prepare;
use super::{AtomicFile, Cell, Rows, Space};
use crate::crs::Crs;
use crate::error::Result;

/// Writes a spatial table as a FeatureCollection.
///
/// # Errors
/// The file cannot be written.
pub fn write_geojson<T: Rows + ?Sized>(path: &Path, table: &T) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    let dst = match table.space() {
        Space::Crs(c) => c.clone(),
        _ => Crs::LonLat,
    };
    let decimals = if dst.is_lonlat() { 8 } else { 3 };
    let prepare = Prepare::new(table.space(), &dst).rounded(decimals);
    let mut head = String::from("{\"type\":\"FeatureCollection\",\"name\":");
    head.push_str(&json_string(table.name()));
    head.push(',');
    if let Crs::Projected(p) = &dst {
        if let Some(code) = p.epsg {
            head.push_str(&format!("\"crs\":{{\"type\":\"name\",\"properties\":{{\"name\":\"urn:ogc:def:crs:EPSG::{code}\"}}}},"));
        }
    }
    head.push_str("\"features\":[\n");
    f.writer()
        .write_all(head.as_bytes())
        .map_err(|e| f.error(e))?;
    // `"key":` of every column, escaped once.
    let keys: Vec<String> = table
        .columns()
        .iter()
        .map(|c| format!("{}:", json_string(&c.key)))
        .collect();
    let made = in_order_chunks(
        table.len(),
        |rows| {
            let mut buf = String::with_capacity(rows.len() * 512);
            for i in rows {
                if i > 0 {
                    buf.push_str(",\n");
                }
                buf.push_str("{\"type\":\"Feature\",\"properties\":{");
                for (j, (key, cell)) in keys.iter().zip(table.row(i).iter()).enumerate() {
                    if j > 0 {
                        buf.push(',');
                    }
                    buf.push_str(key);
                    push_cell(&mut buf, cell);
                }
                buf.push_str("},\"geometry\":");
                match table.geometry(i).and_then(|g| prepare.apply(g)) {
                    Some(g) => write_geometry(&mut buf, &g, decimals),
                    None => buf.push_str("null"),
                }
                buf.push('}');
            }
            Ok(buf)
        },
        |piece| f.writer().write_all(piece.as_bytes()),
    );
    made.map_err(|e| f.error(e))?;
    f.writer().write_all(b"\n]}\n").map_err(|e| f.error(e))?;
    f.commit()
}

/// A JSON string literal, escaped by serde_json.
fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

fn push_cell(buf: &mut String, c: &Cell) {
    match c {
        Cell::Empty => buf.push_str("null"),
        Cell::Text(s) => buf.push_str(&json_string(s)),
        Cell::Number(v, d) if v.is_finite() => super::table::push_number(buf, *v, *d),
        Cell::Number(..) => buf.push_str("null"),
        Cell::Int(i) => {
            let _ = write!(buf, "{i}");
        }
        Cell::Bool(b) => buf.push_str(if *b { "true" } else { "false" }),
        Cell::Date(d) => {
            let _ = write!(buf, "\"{d}\"");
        }
    }
}

fn push_coord(buf: &mut String, x: f64, y: f64, d: usize) {
    buf.push('[');
    super::table::push_number(buf, x, d as u8);
    buf.push(',');
    super::table::push_number(buf, y, d as u8);
    buf.push(']');
}

fn push_ring(buf: &mut String, ls: &geo::LineString<f64>, d: usize) {
    buf.push('[');
    for (i, c) in ls.0.iter().enumerate() {
        if i > 0 {
            buf.push(',');
        }
        push_coord(buf, c.x, c.y, d);
    }
    buf.push(']');
}

fn push_polygon(buf: &mut String, p: &geo::Polygon<f64>, d: usize) {
    buf.push('[');
    push_ring(buf, p.exterior(), d);
    for r in p.interiors() {
        buf.push(',');
        push_ring(buf, r, d);
    }
    buf.push(']');
}

/// Appends a geometry's GeoJSON.
pub(crate) fn write_geometry(buf: &mut String, g: &Geometry<f64>, decimals: u8) {
    let d = decimals as usize;
    match g {
        Geometry::Point(p) => {
            buf.push_str("{\"type\":\"Point\",\"coordinates\":");
            push_coord(buf, p.x(), p.y(), d);
            buf.push('}');
        }
        Geometry::LineString(ls) => {
            buf.push_str("{\"type\":\"LineString\",\"coordinates\":");
            push_ring(buf, ls, d);
            buf.push('}');
        }
        Geometry::Line(l) => write_geometry(
            buf,
            &Geometry::LineString(geo::LineString::from(vec![l.start, l.end])),
            decimals,
        ),
        Geometry::MultiLineString(m) => {
            buf.push_str("{\"type\":\"MultiLineString\",\"coordinates\":[");
            for (i, ls) in m.0.iter().enumerate() {
                if i > 0 {
                    buf.push(',');
                }
                push_ring(buf, ls, d);
            }
            buf.push_str("]}");
        }
        Geometry::Polygon(p) => {
            buf.push_str("{\"type\":\"Polygon\",\"coordinates\":");
            push_polygon(buf, p, d);
            buf.push('}');
        }
        Geometry::MultiPolygon(mp) => {
            buf.push_str("{\"type\":\"MultiPolygon\",\"coordinates\":[");
            for (i, p) in mp.0.iter().enumerate() {
                if i > 0 {
                    buf.push(',');
                }
                push_polygon(buf, p, d);
            }
            buf.push_str("]}");
        }
        Geometry::MultiPoint(mp) => {
            buf.push_str("{\"type\":\"MultiPoint\",\"coordinates\":[");
            for (i, p) in mp.0.iter().enumerate() {
                if i > 0 {
                    buf.push(',');
                }
                push_coord(buf, p.x(), p.y(), d);
            }
            buf.push_str("]}");
        }
        Geometry::Rect(r) => write_geometry(buf, &Geometry::Polygon(r.to_polygon()), decimals),
        Geometry::Triangle(t) => write_geometry(buf, &Geometry::Polygon(t.to_polygon()), decimals),
        Geometry::GeometryCollection(gc) => {
            buf.push_str("{\"type\":\"GeometryCollection\",\"geometries\":[");
            for (i, g) in gc.0.iter().enumerate() {
                if i > 0 {
                    buf.push(',');
                }
                write_geometry(buf, g, decimals);
            }
            buf.push_str("]}");
        }
    }
}
