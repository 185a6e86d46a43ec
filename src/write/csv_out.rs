//! CSV output: UTF-8 with a BOM so that Excel on a Chinese Windows opens it correctly.

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use super::rows::batches;
use super::{AtomicFile, Cell, Rows};
use crate::error::Result;

/// Rows formatted in parallel per batch, a batch written before the next is made.
const BATCH_ROWS: usize = 32_768;
const CHUNK_ROWS: usize = 1_024;

/// Writes a table's columns (no geometry) as CSV with a BOM.
///
/// # Errors
/// The file cannot be written.
pub fn write_csv<T: Rows + ?Sized>(path: &Path, table: &T) -> Result<()> {
    let mut f = AtomicFile::create(path)?;
    let mut head = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    head.write_record(table.columns().iter().map(|c| c.key.as_str()))
        .map_err(|e| f_err(path, e))?;
    let head = head.into_inner().map_err(|e| f_err(path, e))?;
    f.writer().write_all(&head).map_err(|e| f_err(path, e))?;
    for batch in batches(table.len(), BATCH_ROWS) {
        let chunks: Vec<_> = batches(batch.len(), CHUNK_ROWS)
            .map(|c| batch.start + c.start..batch.start + c.end)
            .collect();
        let pieces = chunks
            .into_par_iter()
            .map(|rows| {
                let mut w = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 256));
                for i in rows {
                    w.write_record(table.row(i).iter().map(Cell::to_text))?;
                }
                w.into_inner().map_err(|e| e.into_error().into())
            })
            .collect::<std::result::Result<Vec<Vec<u8>>, csv::Error>>()
            .map_err(|e| f_err(path, e))?;
        for piece in pieces {
            f.writer().write_all(&piece).map_err(|e| f_err(path, e))?;
        }
    }
    f.commit()
}

fn f_err(path: &Path, e: impl std::fmt::Display) -> crate::error::Error {
    crate::error::Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
