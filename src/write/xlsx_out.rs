//! Excel output: one worksheet per table, a frozen header row (Chinese headers when the
//! project's language is Chinese), as land bureaus keep their ledgers (台账).

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};

use rayon::prelude::*;

use super::rows::in_order_chunks;
use super::{AtomicFile, Cell, Rows};
use crate::error::{Error, Result};
use crate::project::Lang;

/// Writes tables as the sheets of one workbook. Sheet names are the tables' names.
///
/// # Errors
/// The workbook cannot be built or written.
pub fn write_workbook(path: &Path, tables: &[(&str, &dyn Rows)], lang: Lang) -> Result<()> {
    let err = |e: rust_xlsxwriter::XlsxError| Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let mut wb = Workbook::new();
    // Level 3 deflate: faster than the default 6 for a file a little larger.
    wb.set_zip_compression_level(3);
    let header = Format::new().set_bold().set_background_color("DDEBF7");
    let date_fmt = Format::new().set_num_format("yyyy-mm-dd");
    for (sheet_name, table) in tables {
        // Constant-memory sheets stream each finished row to a temporary file: a workbook of
        // a million parcels does not hold every cell in memory.
        let ws = wb.add_worksheet_with_constant_memory().map_err(err)?;
        ws.set_name(*sheet_name).map_err(err)?;
        ws.set_freeze_panes(1, 0).map_err(err)?;
        for (c, col) in table.columns().iter().enumerate() {
            let title = if lang == Lang::Zh && !col.zh.is_empty() {
                col.zh.as_str()
            } else {
                col.key.as_str()
            };
            ws.write_string_with_format(0, c as u16, title, &header)
                .map_err(err)?;
            let width = title
                .chars()
                .map(|ch| if ch.is_ascii() { 1.1 } else { 2.1 })
                .sum::<f64>()
                .clamp(8.0, 60.0);
            ws.set_column_width(c as u16, width).map_err(err)?;
        }
    }
    // Each sheet streams to its own temporary file, so the sheets are filled side by side;
    // within a sheet, rows are made in parallel a batch at a time and written in order.
    wb.worksheets_mut()
        .par_iter_mut()
        .zip(tables)
        .try_for_each(|(ws, (_, table))| fill_sheet(ws, *table, &date_fmt))
        .map_err(err)?;
    let mut f = AtomicFile::create(path)?;
    wb.save_to_writer(f.writer()).map_err(err)?;
    f.commit()
}

/// Writes a table's rows below the header row.
fn fill_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    table: &dyn Rows,
    date_fmt: &Format,
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    in_order_chunks::<_, rust_xlsxwriter::XlsxError>(
        table.len(),
        |rows| Ok((rows.start, rows.map(|i| table.row(i)).collect::<Vec<_>>())),
        |(first, rows)| {
            for (k, row) in rows.iter().enumerate() {
                let r = (first + k + 1) as u32;
                for (c, cell) in row.iter().enumerate() {
                    write_cell(ws, r, c as u16, cell, date_fmt)?;
                }
            }
            Ok(())
        },
    )
}

fn write_cell(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    date_fmt: &Format,
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) => {
            ws.write_string(r, c, s)?;
        }
        Cell::Number(v, _) => {
            ws.write_number(r, c, *v)?;
        }
        Cell::Int(i) => {
            ws.write_number(r, c, *i as f64)?;
        }
        Cell::Bool(b) => {
            ws.write_boolean(r, c, *b)?;
        }
        Cell::Date(d) => {
            let xd = rust_xlsxwriter::ExcelDateTime::from_ymd(
                chrono::Datelike::year(d) as u16,
                chrono::Datelike::month(d) as u8,
                chrono::Datelike::day(d) as u8,
            )?;
            ws.write_datetime_with_format(r, c, &xd, date_fmt)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::{Column, Rows, Table};
    use calamine::{Data, DataType, Reader};

    #[test]
    fn numbers_text_and_dates_read_back_as_written() {
        let mut t = Table::new("t", vec![Column::new("v", "值"), Column::new("s", "文")]);
        let numbers = [
            0.1,
            1e-7,
            123_456_789.123,
            2.0 / 3.0,
            -0.0,
            913_701_990_029.0,
        ];
        for v in numbers {
            t.rows
                .push(vec![Cell::Number(v, 3), Cell::Text("闲置 <&>".into())]);
        }
        let date = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).expect("a date");
        t.rows.push(vec![Cell::Date(date), Cell::Empty]);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.xlsx");
        write_workbook(&path, &[("表", &t as &dyn Rows)], Lang::Zh).expect("written");
        let mut wb = calamine::open_workbook_auto(&path).expect("opened");
        let range = wb.worksheet_range("表").expect("the sheet");
        let rows: Vec<_> = range.rows().collect();
        assert_eq!(rows[0][0], Data::String("值".into()));
        for (i, v) in numbers.iter().enumerate() {
            assert_eq!(rows[i + 1][0], Data::Float(*v), "row {i}");
            assert_eq!(rows[i + 1][1], Data::String("闲置 <&>".into()));
        }
        let last = &rows[numbers.len() + 1][0];
        assert_eq!(last.as_date(), Some(date), "{last:?}");
    }
}
