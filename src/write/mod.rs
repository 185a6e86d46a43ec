//! Write: result tables → GeoJSON (RFC 7946), CSV (UTF-8 with BOM, so Excel opens Chinese
//! text) and Excel workbooks, each written atomically (a failed run leaves no
//! half-written file). Writers take any [`Rows`]: a held [`Table`], or a [`LazyTable`]
//! whose rows are made batch by batch as they are written (the million-row parcels and
//! enterprises tables), so every command shares them and memory stays bounded.

mod atomic;
mod csv_out;
mod geojson_out;
mod rows;
mod table;
pub mod tables;
mod xlsx_out;

pub use atomic::{write_bytes, AtomicFile};
pub use csv_out::write_csv;
pub use geojson_out::write_geojson;
pub use rows::{LazyTable, Rows};
pub use table::{format_number, push_number, Cell, Column, Table};
pub use xlsx_out::write_workbook;

use std::path::Path;

use crate::error::Result;

/// Writes a table as `<dir>/<name>.geojson` (when it has geometry) and `<dir>/<name>.csv`.
///
/// # Errors
/// The folder or a file cannot be written.
pub fn write_table<T: Rows + ?Sized>(dir: &Path, table: &T) -> Result<()> {
    if table.spatial() {
        write_geojson(&dir.join(format!("{}.geojson", table.name())), table)?;
    }
    write_csv(&dir.join(format!("{}.csv", table.name())), table)
}
