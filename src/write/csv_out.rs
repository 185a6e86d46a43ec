//! CSV output: UTF-8 with a BOM so that Excel on a Chinese Windows opens it correctly.

use std::io::Write;
use std::path::Path;

use super::rows::in_order_chunks;
use super::{AtomicFile, Cell, CsvText, Rows};
use crate::error::Result;

/// Writes a table's columns (no geometry) as CSV with a BOM, every text as it is (data
/// for parkscope and other programs to read: synthetic projects, conversions).
///
/// # Errors
/// The file cannot be written.
pub fn write_csv<T: Rows + ?Sized>(path: &Path, table: &T) -> Result<()> {
    write_csv_as(path, table, CsvText::Raw)
}

/// Writes a table's columns as CSV with a BOM, text cells as `text` says (results for
/// people to open in a spreadsheet are [`CsvText::Guarded`]).
///
/// # Errors
/// The file cannot be written.
pub fn write_csv_as<T: Rows + ?Sized>(path: &Path, table: &T, text: CsvText) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    let mut head = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    head.write_record(table.columns().iter().map(|c| c.key.as_str()))
        .map_err(|e| f_err(path, e))?;
    let head = head.into_inner().map_err(|e| f_err(path, e))?;
    f.writer().write_all(&head).map_err(|e| f_err(path, e))?;
    in_order_chunks(
        table.len(),
        |rows| {
            let mut w = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 256));
            for i in rows {
                w.write_record(table.row(i).iter().map(|c| match c {
                    Cell::Text(s) => text.apply(s).into_owned(),
                    c => c.to_text(),
                }))
                .map_err(|e| f_err(path, e))?;
            }
            w.into_inner().map_err(|e| f_err(path, e))
        },
        |piece| f.writer().write_all(&piece).map_err(|e| f_err(path, e)),
    )?;
    f.commit()
}

fn f_err(path: &Path, e: impl std::fmt::Display) -> crate::error::Error {
    crate::error::Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
