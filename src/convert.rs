//! One layer between formats and coordinate systems, every attribute kept — e.g. an
//! Amap-geocoded (GCJ-02) enterprise table into CGCS2000 Gauss-Krüger survey coordinates.
//! What `parkscope convert` does.

use std::path::Path;

use geo::{Coord, Geometry, MapCoords};

use crate::crs::{from_wgs84, to_wgs84, Crs};
use crate::error::{Error, Result};
use crate::read::{read_layer, RawValue, ReadOptions};
use crate::write::{
    write_csv, write_geojson, write_geopackage, write_shapefile, write_workbook, Cell, Column,
    Format, Formats, OutputOptions, Rows, ShpEncoding, ShpOptions, Space, Table,
};

/// How to convert a layer.
#[derive(Debug, Clone)]
pub struct ConvertOptions {
    /// The CRS of the input when the file does not say (an EPSG code, `wgs84`,
    /// `cgcs2000`, `gcj02`, `bd09`). Default: what the file declares, else WGS84.
    pub from: Option<String>,
    /// The CRS of the output. Default: `wgs84`.
    pub to: String,
    /// The x (longitude) column of a CSV or Excel input. Default: found by name.
    pub x: Option<String>,
    /// The y (latitude) column of a CSV or Excel input. Default: found by name.
    pub y: Option<String>,
    /// The text encoding of a shapefile output. Default: GBK.
    pub encoding: ShpEncoding,
}

impl Default for ConvertOptions {
    fn default() -> ConvertOptions {
        ConvertOptions {
            from: None,
            to: "wgs84".into(),
            x: None,
            y: None,
            encoding: ShpEncoding::Gbk,
        }
    }
}

/// What a conversion did.
#[derive(Debug, Clone)]
pub struct ConvertSummary {
    /// The CRS the input was read in.
    pub from: String,
    /// The CRS written.
    pub to: String,
    /// Features written.
    pub features: usize,
    /// Problems met while reading, as lines naming the file and feature.
    pub problems: Vec<String>,
    /// Features whose coordinates could not be converted, as lines.
    pub not_converted: Vec<String>,
    /// Columns whose values were cut to fit the output format.
    pub cuts: Vec<crate::write::Cut>,
}

/// Converts the layer in `input` into `output`; the output's extension picks the format:
/// `.geojson`/`.json`, `.csv` and `.xlsx` (x/y or lon/lat columns for points and a `wkt`
/// column for other geometry, which parkscope reads back as geometry), `.shp` (with
/// `.shx .dbf .prj .cpg` and the field-name table), `.gpkg` (one layer named by the file),
/// `.fgb`.
///
/// # Errors
/// An input that cannot be read, an unknown CRS ([`Error::Invalid`] for `from`/`to`), an
/// output extension parkscope does not write, no feature converted, or the output cannot
/// be written.
pub fn convert_layer(input: &Path, output: &Path, opts: &ConvertOptions) -> Result<ConvertSummary> {
    let raw = read_layer(
        input,
        &ReadOptions {
            x: opts.x.clone(),
            y: opts.y.clone(),
            ..ReadOptions::default()
        },
    )?;
    let src = match (&opts.from, &raw.declared_crs) {
        (Some(f), _) => Crs::parse(f).map_err(|e| Error::invalid("from", f.as_str(), e))?,
        (None, Some(d)) => Crs::parse(d).map_err(|e| Error::in_file(raw.display_name(), e))?,
        (None, None) => Crs::LonLat,
    };
    if opts.from.is_none() && raw.declared_crs.is_none() {
        check_lonlat(&raw)?;
    }
    let dst = Crs::parse(&opts.to).map_err(|e| Error::invalid("to", opts.to.as_str(), e))?;
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_lowercase();
    let format = Format::from_name(&ext)
        .filter(|f| f.is_available())
        .ok_or_else(|| {
            Error::invalid(
                "output",
                output.display().to_string(),
                "the output must end in .geojson, .csv, .xlsx, .shp, .gpkg or .fgb",
            )
        })?;
    let mut table = Table::new(
        &output
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "layer".into()),
        raw.fields.iter().map(|f| Column::new(f, f)).collect(),
    );
    let mut geoms = Vec::with_capacity(raw.features.len());
    let mut not_converted = Vec::new();
    for f in &raw.features {
        let g = match &f.geometry {
            None => None,
            Some(g) => match reproject(g, &src, &dst) {
                Some(g) => Some(g),
                None => {
                    not_converted.push(format!(
                        "{}: feature {}: coordinates cannot be converted from {}",
                        raw.display_name(),
                        f.number,
                        src.name()
                    ));
                    continue;
                }
            },
        };
        geoms.push(g);
        table.rows.push(f.values.iter().map(cell).collect());
    }
    let problems: Vec<String> = raw
        .problems
        .iter()
        .map(|p| p.describe(&raw.display_name()))
        .collect();
    if table.rows.is_empty() && !(problems.is_empty() && not_converted.is_empty()) {
        let first = problems
            .first()
            .or(not_converted.first())
            .cloned()
            .unwrap_or_default();
        return Err(Error::Missing(format!("nothing converted; {first}")));
    }
    table.space = Space::Crs(dst.clone());
    let mut cuts = Vec::new();
    match format {
        Format::Csv | Format::Xlsx => {
            add_coordinate_columns(&mut table, &geoms, &dst);
            if format == Format::Csv {
                write_csv(output, &table)?;
            } else {
                let sheet = table.name.clone();
                cuts = write_workbook(
                    output,
                    &[(sheet.as_str(), &table as &dyn Rows)],
                    crate::Lang::En,
                    None,
                )?;
            }
        }
        Format::GeoJson => {
            table.geometries = Some(geoms);
            write_geojson(output, &table)?;
        }
        Format::Shp => {
            table.geometries = Some(geoms);
            let dir = output.parent().unwrap_or(Path::new(""));
            let o = ShpOptions {
                crs: dst.clone(),
                encoding: opts.encoding,
            };
            cuts = write_shapefile(dir, &table, &o)?.cuts;
        }
        Format::Gpkg => {
            table.geometries = Some(geoms);
            let o = OutputOptions {
                formats: Formats::of(&[Format::Gpkg]),
                crs: Some(dst.clone()),
                encoding: opts.encoding,
                ..OutputOptions::default()
            };
            write_geopackage(
                output,
                &[&table as &dyn Rows],
                &o,
                "1970-01-01T00:00:00.000Z",
            )?;
        }
        Format::Fgb => {
            table.geometries = Some(geoms);
            let o = OutputOptions {
                formats: Formats::of(&[Format::Fgb]),
                crs: Some(dst.clone()),
                encoding: opts.encoding,
                ..OutputOptions::default()
            };
            let dir = output.parent().unwrap_or(Path::new(""));
            cuts = crate::write::write_table_files(dir, &table, &o)?.cuts;
        }
    }
    Ok(ConvertSummary {
        from: src.name(),
        to: dst.name(),
        features: table.rows.len(),
        problems,
        not_converted,
        cuts,
    })
}

/// x/y (lon/lat) columns for points and a `wkt` column for other geometry.
fn add_coordinate_columns(table: &mut Table, geoms: &[Option<Geometry<f64>>], dst: &Crs) {
    let (xn, yn) = if dst.is_lonlat() {
        ("lon", "lat")
    } else {
        ("x", "y")
    };
    let decimals = if dst.is_lonlat() { 8 } else { 3 };
    table.columns.push(Column::new(xn, xn));
    table.columns.push(Column::new(yn, yn));
    table.columns.push(Column::new("wkt", "wkt"));
    for (row, g) in table.rows.iter_mut().zip(geoms) {
        match g {
            Some(Geometry::Point(p)) => row.extend([
                Cell::Number(p.x(), decimals),
                Cell::Number(p.y(), decimals),
                Cell::Empty,
            ]),
            Some(other) => row.extend([Cell::Empty, Cell::Empty, Cell::Text(wkt_of(other))]),
            None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty]),
        }
    }
}

/// A layer that declares no CRS is read as lon/lat; coordinates beyond ±180/±90 say it is
/// not (a CSV of Gauss-Krüger x/y), and are refused rather than converted into nonsense.
fn check_lonlat(raw: &crate::read::RawLayer) -> Result<()> {
    use geo::CoordsIter;
    for f in &raw.features {
        if let Some(c) = f.geometry.as_ref().and_then(|g| {
            g.coords_iter()
                .find(|c| c.x.abs() > 180.0 || c.y.abs() > 90.0)
        }) {
            return Err(Error::in_file(
                raw.display_name(),
                format!(
                    "feature {}: ({:.1}, {:.1}) is not a longitude/latitude and the file declares no coordinate system; give it with --from (e.g. EPSG:4549)",
                    f.number, c.x, c.y
                ),
            ));
        }
    }
    Ok(())
}

fn reproject(g: &Geometry<f64>, src: &Crs, dst: &Crs) -> Option<Geometry<f64>> {
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
