//! Write: result tables → GeoJSON (RFC 7946), CSV (UTF-8 with BOM, so Excel opens Chinese
//! text), Excel workbooks, ESRI shapefiles (GBK), GeoPackage and FlatGeobuf, each written
//! atomically (a failed run leaves no half-written file). Writers take any [`Rows`]: a
//! held [`Table`], or a [`LazyTable`] whose rows are made batch by batch as they are
//! written (the million-row parcels and enterprises tables), so every command shares them
//! and memory stays bounded. Geometry is kept in the space it was computed in and
//! projected by each writer into its file's CRS ([`space`]): WGS84 for GeoJSON, the survey
//! CRS for the GIS formats; polygons are made OGC-valid on the way.

mod atomic;
mod column_types;
mod csv_out;
mod cuts;
pub mod dbf_names;
mod esri_wkt;
#[cfg(feature = "fgb")]
mod fgb_out;
mod file_name;
pub mod format;
mod gbk;
mod geojson_out;
#[cfg(feature = "gpkg")]
mod gpkg_out;
mod ledger;
/// The Chinese words of coded values, for the web viewer's records as for the workbooks.
pub(crate) use ledger::{zh_redundant, zh_value};
mod out_dir;
mod rows;
mod sha256;
mod shp_out;
pub mod space;
mod table;
pub mod tables;
mod xlsx_out;

pub use atomic::{write_bytes, AtomicFile};
pub use csv_out::{write_csv, write_csv_as};
pub use cuts::{Cut, Written};
pub use file_name::safe_file_part;
pub use format::{CsvText, Format, Formats, OutputOptions, ShpEncoding};
pub use geojson_out::write_geojson;
pub use out_dir::{prepare_out_dir, write_manifest, ManifestInfo, MANIFEST};
pub use rows::{LazyTable, Rows};
pub use shp_out::{write_shapefile, ShpOptions};
pub use space::Space;
pub use table::{format_number, push_number, Cell, Column, Table};
pub use xlsx_out::{write_workbook, About};

use std::path::Path;

use crate::crs::Crs;
use crate::error::Result;

/// The CRS a GIS-format file of this table is written in: the one asked for, else the
/// table's own (the survey frame for results).
pub fn gis_crs(table: &dyn Rows, opts: &OutputOptions) -> Crs {
    opts.crs
        .clone()
        .unwrap_or_else(|| table.space().native_crs())
}

/// Writes one table in every per-table format of `opts` (GeoJSON, CSV, shapefile,
/// FlatGeobuf; the workbook and the GeoPackage hold several tables and are written by
/// their callers) into `dir`; returns the files written and the values cut to fit. A table
/// without geometry gets a CSV when no requested format holds attribute tables.
///
/// # Errors
/// A file that cannot be written.
pub fn write_table_files(dir: &Path, table: &dyn Rows, opts: &OutputOptions) -> Result<Written> {
    let f = opts.formats;
    let mut files = Vec::new();
    let mut cuts = Vec::new();
    let name = table.name();
    if table.spatial() && f.has(Format::GeoJson) {
        let p = dir.join(format!("{name}.geojson"));
        write_geojson(&p, table)?;
        files.push(p);
    }
    let csv_fallback = !table.spatial() && !f.holds_attribute_tables();
    if f.has(Format::Csv) || csv_fallback {
        let p = dir.join(format!("{name}.csv"));
        write_csv_as(&p, table, opts.csv_text)?;
        files.push(p);
    }
    if f.has(Format::Shp) {
        let o = ShpOptions {
            crs: gis_crs(table, opts),
            encoding: opts.encoding,
        };
        let shp = write_shapefile(dir, table, &o)?;
        files.extend(shp.files);
        cuts.extend(shp.cuts);
    }
    #[cfg(feature = "fgb")]
    if f.has(Format::Fgb) && table.spatial() {
        let p = dir.join(format!("{name}.fgb"));
        fgb_out::write_fgb(&p, table, &gis_crs(table, opts))?;
        files.push(p);
    }
    Ok(Written { files, cuts })
}

/// Writes tables as the layers of one GeoPackage (attribute tables for those without
/// geometry), each in the CRS of `opts`; `stamp` is the `last_change` written (the date
/// the rules were judged at, so the file does not depend on the clock).
///
/// # Errors
/// The file cannot be written; a build without the `gpkg` feature.
pub fn write_geopackage(
    path: &Path,
    tables: &[&dyn Rows],
    opts: &OutputOptions,
    stamp: &str,
) -> Result<()> {
    #[cfg(feature = "gpkg")]
    {
        gpkg_out::write_gpkg(path, tables, opts, stamp)
    }
    #[cfg(not(feature = "gpkg"))]
    {
        let _ = (tables, opts, stamp);
        Err(crate::error::Error::invalid(
            "formats",
            path.display().to_string(),
            "this build of parkscope was made without the `gpkg` feature",
        ))
    }
}
