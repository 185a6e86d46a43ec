//! Read: bytes on disk → [`RawLayer`] (text values, geometry in the file's own CRS) and the
//! problems met on the way. One file per format; encodings and value parsing are shared.
//!
//! Readers never reject a feature for what it means (that is [`crate::model`]'s job), only
//! for what cannot be read at all: a feature whose JSON is broken, a shape record the
//! shapefile crate cannot decode, a CSV row with unparseable coordinates.

mod delimited;
pub mod encoding;
mod geojson;
#[cfg(any(feature = "gpkg", feature = "fgb"))]
mod gis;
mod limits;
mod shp;
mod shp_scan;
pub mod value;
mod xlsx;
mod xlsx_cell_refs;
mod xlsx_dimension;
mod xlsx_shared_strings;
mod zip_limits;

use std::path::{Path, PathBuf};

use geo::Geometry;

use crate::error::{Error, Problem, Result};
pub use limits::ReadLimits;
pub use value::RawValue;

/// One feature as read: its number in the file (from 1), its geometry in the file's
/// coordinates, and its values in the order of [`RawLayer::fields`].
#[derive(Debug, Clone)]
pub struct RawFeature {
    /// Feature number in the file, from 1 (CSV/Excel: data row, from 1).
    pub number: usize,
    /// The geometry in the file's CRS, when it has one.
    pub geometry: Option<Geometry<f64>>,
    /// Values, one per field of the layer.
    pub values: Vec<RawValue>,
}

/// A layer as read from one file: field names, features, and what the file declares.
#[derive(Debug, Clone)]
pub struct RawLayer {
    /// The file.
    pub path: PathBuf,
    /// The CRS the file declares (GeoJSON `crs` member, shapefile `.prj`), as text.
    pub declared_crs: Option<String>,
    /// Field names as the file has them.
    pub fields: Vec<String>,
    /// The features that could be read.
    pub features: Vec<RawFeature>,
    /// Features that could not be read at all.
    pub problems: Vec<Problem>,
    /// How many features the file holds, readable or not.
    pub count: usize,
    /// The text encoding used, when the format has one.
    pub encoding: Option<&'static str>,
}

impl RawLayer {
    /// The file name, as shown in messages.
    pub fn display_name(&self) -> String {
        display_name(&self.path)
    }
}

/// How to read one file: what the project file says about it.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Coordinate columns of a CSV or Excel table (x = easting or longitude).
    pub x: Option<String>,
    /// Coordinate columns of a CSV or Excel table (y = northing or latitude).
    pub y: Option<String>,
    /// Text encoding when it cannot be detected (CSV, DBF).
    pub encoding: Option<String>,
    /// Worksheet of an Excel workbook. Default: the first.
    pub sheet: Option<String>,
    /// How much a file may make the reader take before it is refused.
    pub limits: ReadLimits,
}

/// Reads one file of any supported format, chosen by its extension:
/// `.geojson`/`.json`, `.shp`, `.gpkg`, `.fgb`, `.csv`/`.txt`, `.xlsx`/`.xls`/`.ods`.
///
/// # Errors
/// A file that cannot be read or parsed as a whole, or an unknown extension.
pub fn read_layer(path: &Path, opts: &ReadOptions) -> Result<RawLayer> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "geojson" | "json" => geojson::read(path, &opts.limits),
        "shp" => shp::read(path, opts),
        #[cfg(feature = "gpkg")]
        "gpkg" => gis::read_gpkg(path, opts),
        #[cfg(feature = "fgb")]
        "fgb" => gis::read_fgb(path),
        "csv" | "txt" | "tsv" => delimited::read(path, opts),
        "xlsx" | "xls" | "xlsm" | "ods" => xlsx::read(path, opts),
        _ => Err(Error::in_file(
            display_name(path),
            format!("unknown file type .{ext} (accepted: .geojson, .json, .shp, .gpkg, .fgb, .csv, .xlsx)"),
        )),
    }
}

/// Splits rows typed in parallel into the features and the problems of the rows that
/// could not be read, both in file order.
pub(crate) fn partition(
    rows: impl IntoIterator<Item = std::result::Result<RawFeature, Problem>>,
) -> (Vec<RawFeature>, Vec<Problem>) {
    let mut features = Vec::new();
    let mut problems = Vec::new();
    for r in rows {
        match r {
            Ok(f) => features.push(f),
            Err(p) => problems.push(p),
        }
    }
    (features, problems)
}

/// A path as shown in messages: as given, relative paths kept relative.
pub fn display_name(path: &Path) -> String {
    path.display().to_string()
}

/// Reads a whole file into bytes, with the path in the error.
pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Names of columns that hold coordinates when the project file names none.
const X_NAMES: &[&str] = &["lon", "lng", "longitude", "经度", "x", "横坐标", "东坐标"];
const Y_NAMES: &[&str] = &["lat", "latitude", "纬度", "y", "纵坐标", "北坐标"];

/// Finds the coordinate columns of a table: the names the project gives, else the usual ones.
pub(crate) fn coordinate_columns(
    fields: &[String],
    opts: &ReadOptions,
    file: &str,
) -> Result<Option<(usize, usize)>> {
    let find = |given: &Option<String>, defaults: &[&str], axis: &str| -> Result<Option<usize>> {
        match given {
            Some(name) => fields
                .iter()
                .position(|f| f == name)
                .map(Some)
                .ok_or_else(|| {
                    let hint = crate::error::suggest(name, fields.iter().map(String::as_str))
                        .map(|s| format!(" (similar: {s})"))
                        .unwrap_or_default();
                    Error::in_file(file, format!("no column {name} for {axis}{hint}"))
                }),
            None => Ok(fields
                .iter()
                .position(|f| defaults.iter().any(|d| f.trim().eq_ignore_ascii_case(d)))),
        }
    };
    let x = find(&opts.x, X_NAMES, "x")?;
    let y = find(&opts.y, Y_NAMES, "y")?;
    Ok(match (x, y) {
        (Some(x), Some(y)) => Some((x, y)),
        _ => None,
    })
}
