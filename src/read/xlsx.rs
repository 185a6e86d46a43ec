//! Excel workbooks (.xlsx, .xls, .ods), the ledgers (台账) bureaus keep enterprises and
//! land supply in. The first row is the header; point geometry comes from coordinate
//! columns as for CSV.

use std::io::Read;
use std::path::Path;

use calamine::{open_workbook_auto, Data, DataRef, Reader, Sheets};

use super::delimited::table_layer;
use super::{display_name, RawLayer, RawValue, ReadOptions};
use crate::error::{Error, Problem, Result, Severity};

/// Reads one worksheet: the one named in the project file, else the first.
pub(super) fn read(path: &Path, opts: &ReadOptions) -> Result<RawLayer> {
    let file = display_name(path);
    let is_zip = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["xlsx", "xlsm", "xlsb", "ods"].contains(&e.to_lowercase().as_str()));
    if is_zip {
        let bytes = super::read_bytes(path)?;
        super::zip_limits::check_and_scan(&bytes, &opts.limits, |part, size, xml| {
            let mut head = Vec::new();
            // A damaged stream ends the head where it breaks: what came before is checked.
            let _ = xml.take(64 * 1024).read_to_end(&mut head);
            super::xlsx_dimension::check(part, &head)?;
            super::xlsx_shared_strings::check(part, &head, size)?;
            super::xlsx_cell_refs::check(part, head.as_slice().chain(xml))
        })
        .map_err(|why| Error::in_file(&file, format!("not read: {why}")))?;
    }
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
    if let Sheets::Xlsx(x) = &mut wb {
        return read_cells(path, x, &sheet, opts);
    }
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
        // Kept as its text (#DIV/0!, #N/A): a number field then says why it is not one.
        Data::Error(e) => RawValue::Text(e.to_string().into()),
    }
}

/// An .xlsx worksheet read cell by cell: only the cells present are held (a stray cell at
/// XFD1048576 does not make a range of 17 billion), cells right of the header's last
/// column are left out with one warning, and past the `sheet_cells` limit the sheet is refused.
fn read_cells<RS: std::io::Read + std::io::Seek>(
    path: &Path,
    wb: &mut calamine::Xlsx<RS>,
    sheet: &str,
    opts: &ReadOptions,
) -> Result<RawLayer> {
    let file = display_name(path);
    let bad = |e: calamine::XlsxError| {
        Error::in_file(&file, format!("cannot read worksheet {sheet}: {e}"))
    };
    let mut reader = wb.worksheet_cells_reader(sheet).map_err(bad)?;
    let mut cells: Vec<(u32, u32, RawValue)> = Vec::new();
    while let Some(c) = reader.next_cell().map_err(bad)? {
        let v = data_ref_value(c.get_value());
        if v.is_empty() {
            continue;
        }
        if cells.len() == opts.limits.sheet_cells {
            return Err(Error::in_file(
                &file,
                format!(
                    "worksheet {sheet} holds more than {} cells (the limit: [limits] sheet_cells)",
                    opts.limits.sheet_cells
                ),
            ));
        }
        let (r, col) = c.get_position();
        // Rows counted on past the last without a reference of their own.
        if r >= 1_048_576 || col >= 16_384 {
            return Err(Error::in_file(
                &file,
                format!("not read: worksheet {sheet} has a cell past Excel's last column XFD or row 1,048,576: the file is damaged (save it again from Excel)"),
            ));
        }
        cells.push((r, col, v));
    }
    drop(reader);
    let Some(top) = cells.iter().map(|c| c.0).min() else {
        return Err(Error::in_file(&file, format!("worksheet {sheet} is empty")));
    };
    let left = cells.iter().map(|c| c.1).min().unwrap_or(0);
    let width = cells
        .iter()
        .filter(|c| c.0 == top)
        .map(|c| c.1 - left + 1)
        .max()
        .unwrap_or(0) as usize;
    let height = cells.iter().map(|c| c.0).max().unwrap_or(top) - top;
    let mut fields = vec![String::new(); width];
    let mut rows: Vec<Vec<RawValue>> = vec![Vec::new(); height as usize];
    let (mut beyond, mut far) = (0usize, 0u32);
    for (r, c, v) in cells {
        let c = (c - left) as usize;
        if c >= width {
            beyond += 1;
            far = far.max(c as u32 + left);
            continue;
        }
        if r == top {
            fields[c] = v.as_text().unwrap_or_default();
            continue;
        }
        let row = &mut rows[(r - top - 1) as usize];
        if row.len() <= c {
            row.resize(c + 1, RawValue::Null);
        }
        row[c] = v;
    }
    let mut layer = table_layer(path, fields, rows.into_iter().map(Ok).collect(), opts, None)?;
    if beyond > 0 {
        layer.problems.push(Problem::new(
            Severity::Warning,
            None,
            format!(
                "worksheet {sheet}: {beyond} cell(s) right of the header's last column (as far as column {}) were not read",
                column_name(far)
            ),
        ));
    }
    Ok(layer)
}

fn data_ref_value(c: &DataRef) -> RawValue {
    match c {
        DataRef::Empty => RawValue::Null,
        DataRef::String(s) => RawValue::Text(s.as_str().into()),
        DataRef::SharedString(s) => RawValue::Text((*s).into()),
        DataRef::Float(f) => RawValue::Number(*f),
        DataRef::Int(i) => RawValue::Number(*i as f64),
        DataRef::Bool(b) => RawValue::Bool(*b),
        DataRef::DateTime(dt) => dt
            .as_datetime()
            .map(|d| RawValue::Date(d.date()))
            .unwrap_or(RawValue::Null),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => RawValue::Text(s.as_str().into()),
        DataRef::Error(e) => RawValue::Text(e.to_string().into()),
    }
}

/// A column's letters (0 → A, 16383 → XFD).
fn column_name(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}
