//! GeoJSON output, streamed feature by feature: RFC 7946 (WGS84 lon/lat, 8 decimals ≈ 1 mm)
//! unless the table names another CRS, which is then declared in a legacy `crs` member.

use std::io::Write;
use std::path::Path;

use geo::Geometry;
use serde_json::{Map, Value};

use super::{AtomicFile, Cell, Table};
use crate::error::Result;

/// Writes a spatial table as a FeatureCollection.
///
/// # Errors
/// The file cannot be written.
pub fn write_geojson(path: &Path, table: &Table) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    let decimals = if table.crs.is_some() { 3 } else { 8 };
    let mut buf = String::with_capacity(1 << 16);
    buf.push_str("{\"type\":\"FeatureCollection\",");
    buf.push_str(&format!("\"name\":{},", Value::String(table.name.clone())));
    if let Some(crs) = &table.crs {
        let code = crs.trim_start_matches("EPSG:");
        buf.push_str(&format!("\"crs\":{{\"type\":\"name\",\"properties\":{{\"name\":\"urn:ogc:def:crs:EPSG::{code}\"}}}},"));
    }
    buf.push_str("\"features\":[\n");
    let geoms = table.geometries.as_deref();
    for (i, row) in table.rows.iter().enumerate() {
        if i > 0 {
            buf.push_str(",\n");
        }
        let mut props = Map::new();
        for (c, cell) in table.columns.iter().zip(row) {
            props.insert(c.key.clone(), cell_json(cell));
        }
        buf.push_str("{\"type\":\"Feature\",\"properties\":");
        buf.push_str(&Value::Object(props).to_string());
        buf.push_str(",\"geometry\":");
        match geoms.and_then(|g| g.get(i)).and_then(Option::as_ref) {
            Some(g) => write_geometry(&mut buf, g, decimals),
            None => buf.push_str("null"),
        }
        buf.push('}');
        if buf.len() > 1 << 20 {
            f.writer()
                .write_all(buf.as_bytes())
                .map_err(|e| f.error(e))?;
            buf.clear();
        }
    }
    buf.push_str("\n]}\n");
    f.writer()
        .write_all(buf.as_bytes())
        .map_err(|e| f.error(e))?;
    f.commit()
}

fn cell_json(c: &Cell) -> Value {
    match c {
        Cell::Empty => Value::Null,
        Cell::Text(s) => Value::String(s.clone()),
        Cell::Number(v, d) => super::table::format_number(*v, *d)
            .parse::<serde_json::Number>()
            .map(Value::Number)
            .unwrap_or(Value::Null),
        Cell::Int(i) => Value::from(*i),
        Cell::Bool(b) => Value::Bool(*b),
        Cell::Date(d) => Value::String(d.to_string()),
    }
}

fn push_coord(buf: &mut String, x: f64, y: f64, d: usize) {
    buf.push_str(&format!(
        "[{},{}]",
        super::table::format_number(x, d as u8),
        super::table::format_number(y, d as u8)
    ));
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
