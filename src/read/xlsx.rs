//! Excel workbooks (.xlsx, .xls, .ods), the ledgers (台账) bureaus keep enterprises and
//! land supply in. The first row is the header; point geometry comes from coordinate
//! columns as for CSV.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use super::delimited::table_layer;
use super::{display_name, RawLayer, RawValue, ReadOptions};
use crate::error::{Error, Result};

/// Reads one worksheet: the one named in the project file, else the first.
pub(super) fn read(path: &Path, opts: &ReadOptions) -> Result<RawLayer> {
    let file = display_name(path);
    let mut wb = open_workbook_auto(path)
        .map_err(|e| Error::in_file(&file, format!("not a readable workbook: {e}")))?;
    let names = wb.sheet_names().to_vec();
    let sheet = match &opts.sheet {
        Some(s) if names.contains(s) => s.clone(),
        Some(s) => {
            return Err(Error::in_file(
                &file,
                format!("no worksheet {s} (sheets: {})", names.join(", ")),
            ))
        }
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::in_file(&file, "the workbook has no worksheet"))?,
    };
    let range = wb
        .worksheet_range(&sheet)
        .map_err(|e| Error::in_file(&file, format!("cannot read worksheet {sheet}: {e}")))?;
    let mut rows = range.rows();
    let fields: Vec<String> = match rows.next() {
        Some(h) => h
            .iter()
            .map(|c| cell_value(c).as_text().unwrap_or_default())
            .collect(),
        None => return Err(Error::in_file(&file, format!("worksheet {sheet} is empty"))),
    };
    let data = rows
        .map(|r| Ok(r.iter().map(cell_value).collect()))
        .collect();
    table_layer(path, fields, data, opts, None)
}

fn cell_value(c: &Data) -> RawValue {
    match c {
        Data::Empty => RawValue::Null,
        Data::String(s) => RawValue::Text(s.as_str().into()),
        Data::Float(f) => RawValue::Number(*f),
        Data::Int(i) => RawValue::Number(*i as f64),
        Data::Bool(b) => RawValue::Bool(*b),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| RawValue::Date(d.date()))
            .unwrap_or(RawValue::Null),
        Data::DateTimeIso(s) | Data::DurationIso(s) => RawValue::Text(s.as_str().into()),
        Data::Error(_) => RawValue::Null,
    }
}
