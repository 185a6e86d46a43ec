//! The attributes kept outside the tiles: every feature's full record (the row of its
//! result table, every column, in the project's language), in gzipped chunks of
//! [`CHUNK`] rows keyed by the feature's id, and the search index. Each chunk is a small
//! script (`records/<layer>-<k>.js` calling `parkscopeRecords(layer, k, base64)`), so the
//! viewer loads the one it needs on a click with a `<script>` element, which works from
//! `file://` where `fetch` does not.

use std::path::{Path, PathBuf};

use base64::Engine;
use rayon::prelude::*;
use serde::Serialize;

use super::archive::gzip;
use crate::error::Result;
use crate::project::Lang;
use crate::write::{write_bytes, zh_redundant, zh_value, Cell, Rows};

/// Rows per chunk.
pub const CHUNK: usize = 256;

type MakeRow<'a> = Box<dyn Fn(usize) -> Vec<String> + Sync + 'a>;

/// A column added to a table's records: its label and its text per row.
pub type Extra<'a> = (String, Box<dyn Fn(usize) -> String + Sync + 'a>);

/// The records of one layer: column labels and a row of text per feature id.
pub struct RecordSet<'a> {
    /// The tile layer the ids belong to.
    pub layer: String,
    /// Column labels in the project's language.
    pub labels: Vec<String>,
    /// How many rows (ids run from 0).
    pub len: usize,
    row: MakeRow<'a>,
}

impl<'a> RecordSet<'a> {
    /// The records of a result table: its columns (the Chinese headers, or the keys in
    /// English) and its rows, with `extra` columns after them. In Chinese, coded values
    /// are given in words (已供, 闲置土地 …) and the columns that only repeated them in
    /// Chinese are left out, as in the workbooks.
    pub fn from_rows(
        layer: &str,
        table: &'a dyn Rows,
        lang: Lang,
        extra: Vec<Extra<'a>>,
    ) -> RecordSet<'a> {
        let zh = lang == Lang::Zh;
        let keep: Vec<(usize, String)> = table
            .columns()
            .iter()
            .enumerate()
            .filter(|(_, c)| !(zh && zh_redundant(&c.key)))
            .map(|(i, c)| (i, c.key.clone()))
            .collect();
        let mut labels: Vec<String> = keep
            .iter()
            .map(|&(i, _)| {
                let c = &table.columns()[i];
                if zh {
                    c.zh.clone()
                } else {
                    c.key.clone()
                }
            })
            .collect();
        labels.extend(extra.iter().map(|(l, _)| l.clone()));
        let len = table.len();
        RecordSet {
            layer: layer.to_owned(),
            labels,
            len,
            row: Box::new(move |i| {
                let cells = table.row(i);
                let mut r: Vec<String> =
                    keep.iter()
                        .map(|(j, key)| match &cells[*j] {
                            Cell::Text(s) if zh => zh_value(key, s)
                                .map_or_else(|| s.clone(), std::borrow::Cow::into_owned),
                            c => cell_text(c, lang),
                        })
                        .collect();
                r.extend(extra.iter().map(|(_, f)| f(i)));
                r
            }),
        }
    }

    /// Records made row by row.
    pub fn new(
        layer: &str,
        labels: Vec<String>,
        len: usize,
        row: impl Fn(usize) -> Vec<String> + Sync + 'a,
    ) -> RecordSet<'a> {
        RecordSet {
            layer: layer.to_owned(),
            labels,
            len,
            row: Box::new(row),
        }
    }

    /// Row `i` as text.
    pub fn row(&self, i: usize) -> Vec<String> {
        (self.row)(i)
    }
}

/// A cell as the record shows it: yes/no in words, numbers as the tables write them.
pub fn cell_text(c: &Cell, lang: Lang) -> String {
    match (c, lang) {
        (Cell::Bool(b), Lang::Zh) => if *b { "是" } else { "否" }.to_owned(),
        (Cell::Bool(b), Lang::En) => if *b { "yes" } else { "no" }.to_owned(),
        (c, _) => c.to_text(),
    }
}

/// A script that hands `payload` (gzipped, base64) to the viewer's `call`.
pub fn script(call: &str, args: &str, payload: &[u8]) -> Result<Vec<u8>> {
    let b64 = base64::engine::general_purpose::STANDARD.encode(gzip(payload)?);
    Ok(format!("{call}({args}\"{b64}\");\n").into_bytes())
}

/// Writes the chunks of `set` into `dir/records/`; returns the files written.
///
/// # Errors
/// A file that cannot be written.
pub fn write_records(dir: &Path, set: &RecordSet<'_>) -> Result<Vec<PathBuf>> {
    let chunks = set.len.div_ceil(CHUNK);
    (0..chunks)
        .into_par_iter()
        .map(|k| {
            let rows: Vec<Vec<String>> = (k * CHUNK..((k + 1) * CHUNK).min(set.len))
                .map(|i| set.row(i))
                .collect();
            let json = serde_json::to_vec(&rows)
                .map_err(|e| crate::error::Error::Internal(format!("records: {e}")))?;
            let layer = serde_json::to_string(&set.layer).unwrap_or_default();
            let path = dir.join("records").join(format!("{}-{k}.js", set.layer));
            write_bytes(
                &path,
                &script("parkscopeRecords", &format!("{layer},{k},"), &json)?,
            )?;
            Ok(path)
        })
        .collect()
}

/// One entry of the search index.
#[derive(Debug, Clone, Serialize)]
pub struct SearchEntry {
    /// The tile layer.
    pub layer: String,
    /// The feature's id (row of its record).
    pub id: u64,
    /// What finds it: a parcel id; an enterprise's name and credit code.
    pub keys: Vec<String>,
    /// Its extent: west, south, east, north, degrees (6 decimals).
    pub bbox: [f64; 4],
}

/// Writes the search index as `dir/search.js`.
///
/// # Errors
/// The file cannot be written.
pub fn write_search(dir: &Path, entries: &[SearchEntry]) -> Result<PathBuf> {
    // Compact rows: [layer, id, keys, bbox].
    let rows: Vec<(&str, u64, &[String], [f64; 4])> = entries
        .iter()
        .map(|e| (e.layer.as_str(), e.id, e.keys.as_slice(), e.bbox))
        .collect();
    let json = serde_json::to_vec(&rows)
        .map_err(|e| crate::error::Error::Internal(format!("search index: {e}")))?;
    let path = dir.join("search.js");
    write_bytes(&path, &script("parkscopeSearch", "", &json)?)?;
    Ok(path)
}
