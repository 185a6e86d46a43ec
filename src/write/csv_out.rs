//! CSV output: UTF-8 with a BOM so that Excel on a Chinese Windows opens it correctly.

use std::io::Write;
use std::path::Path;

use super::{AtomicFile, Table};
use crate::error::Result;

/// Writes a table's columns (no geometry) as CSV with a BOM.
///
/// # Errors
/// The file cannot be written.
pub fn write_csv(path: &Path, table: &Table) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.writer()
        .write_all(b"\xEF\xBB\xBF")
        .map_err(|e| f_err(path, e))?;
    {
        let mut w = csv::Writer::from_writer(f.writer());
        w.write_record(table.columns.iter().map(|c| c.key.as_str()))
            .map_err(|e| f_err(path, e))?;
        for row in &table.rows {
            w.write_record(row.iter().map(|c| c.to_text()))
                .map_err(|e| f_err(path, e))?;
        }
        w.flush().map_err(|e| f_err(path, e))?;
    }
    f.commit()
}

fn f_err(path: &Path, e: impl std::fmt::Display) -> crate::error::Error {
    crate::error::Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
