//! `parkscope convert IN OUT [--from CRS] [--to CRS]`: one layer between formats and
//! coordinate systems, every attribute kept — e.g. an Amap-geocoded (GCJ-02) enterprise
//! table into CGCS2000 Gauss-Krüger survey coordinates.

use std::path::Path;

use geo::{Coord, Geometry, MapCoords};
use parkscope::crs::{from_wgs84, to_wgs84, Crs};
use parkscope::error::{Error, Result};
use parkscope::read::{read_layer, RawValue, ReadOptions};
use parkscope::write::{write_csv, write_geojson, Cell, Column, Table};

use super::Flags;

pub fn run(
    input: &Path,
    output: &Path,
    from: Option<&str>,
    to: &str,
    x: Option<String>,
    y: Option<String>,
    flags: Flags,
) -> Result<()> {
    let raw = read_layer(
        input,
        &ReadOptions {
            x,
            y,
            ..ReadOptions::default()
        },
    )?;
    let src = match (from, &raw.declared_crs) {
        (Some(f), _) => Crs::parse(f).map_err(Error::Usage)?,
        (None, Some(d)) => Crs::parse(d).map_err(|e| Error::in_file(raw.display_name(), e))?,
        (None, None) => Crs::LonLat,
    };
    let dst = Crs::parse(to).map_err(Error::Usage)?;
    let mut table = Table::new(
        &output
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "layer".into()),
        raw.fields.iter().map(|f| Column::new(f, f)).collect(),
    );
    let mut geoms = Vec::with_capacity(raw.features.len());
    let mut failed = Vec::new();
    for f in &raw.features {
        let g = match &f.geometry {
            None => None,
            Some(g) => match convert(g, &src, &dst) {
                Some(g) => Some(g),
                None => {
                    failed.push(f.number);
                    continue;
                }
            },
        };
        geoms.push(g);
        table.rows.push(f.values.iter().map(cell).collect());
    }
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_lowercase();
    match ext.as_str() {
        "geojson" | "json" => {
            if let Crs::Projected(_) = dst {
                table.crs = Some(dst.name());
            }
            table.geometries = Some(geoms);
            write_geojson(output, &table)?;
        }
        "csv" => {
            let (xn, yn) = if dst.is_lonlat() {
                ("lon", "lat")
            } else {
                ("x", "y")
            };
            let decimals = if dst.is_lonlat() { 8 } else { 3 };
            table.columns.push(Column::new(xn, xn));
            table.columns.push(Column::new(yn, yn));
            table.columns.push(Column::new("wkt", "wkt"));
            for (row, g) in table.rows.iter_mut().zip(&geoms) {
                match g {
                    Some(Geometry::Point(p)) => row.extend([
                        Cell::Number(p.x(), decimals),
                        Cell::Number(p.y(), decimals),
                        Cell::Empty,
                    ]),
                    Some(other) => {
                        row.extend([Cell::Empty, Cell::Empty, Cell::Text(wkt_of(other))])
                    }
                    None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
                }
            }
            write_csv(output, &table)?;
        }
        _ => {
            return Err(Error::Usage(format!(
                "{}: output must end in .geojson or .csv",
                output.display()
            )))
        }
    }
    let not_converted = raw.problems.len() + failed.len();
    if !flags.quiet {
        eprintln!(
            "parkscope: {} → {}: {} features from {} to {}{}",
            input.display(),
            output.display(),
            table.rows.len(),
            src.name(),
            dst.name(),
            if not_converted > 0 {
                format!(", {not_converted} not converted")
            } else {
                String::new()
            }
        );
        for p in raw.problems.iter().take(20) {
            eprintln!("  {}", p.describe(&raw.display_name()));
        }
        for n in failed.iter().take(20) {
            eprintln!(
                "  {}: feature {n}: coordinates cannot be converted from {}",
                raw.display_name(),
                src.name()
            );
        }
    }
    if table.rows.is_empty() && not_converted > 0 {
        let first = raw
            .problems
            .first()
            .map(|p| p.describe(&raw.display_name()))
            .unwrap_or_else(|| format!("{}: no feature could be converted", raw.display_name()));
        return Err(Error::Usage(format!("nothing converted; {first}")));
    }
    if flags.json {
        println!(
            "{}",
            serde_json::json!({"input": input, "output": output, "from": src.name(), "to": dst.name(), "features": table.rows.len(), "not_converted": not_converted})
        );
    }
    Ok(())
}

fn convert(g: &Geometry<f64>, src: &Crs, dst: &Crs) -> Option<Geometry<f64>> {
    let ok = std::cell::Cell::new(true);
    let okr = &ok;
    let out = g.map_coords(|c| {
        match to_wgs84(src, c.x, c.y).and_then(|(lon, lat)| from_wgs84(dst, lon, lat)) {
            Some((x, y)) => Coord { x, y },
            None => {
                okr.set(false);
                c
            }
        }
    });
    ok.get().then_some(out)
}

fn cell(v: &RawValue) -> Cell {
    match v {
        RawValue::Null => Cell::Empty,
        RawValue::Bool(b) => Cell::Bool(*b),
        RawValue::Number(n) => Cell::Number(*n, 10),
        RawValue::Date(d) => Cell::Date(*d),
        other => Cell::text(other.as_text()),
    }
}

fn wkt_of(g: &Geometry<f64>) -> String {
    use wkt::ToWkt;
    g.wkt_string()
}
