//! Excel output as a land bureau keeps its ledgers (台账): one worksheet per table behind a
//! 说明 (notes) sheet; Chinese headers and Chinese words for the codes when the project's
//! language is Chinese; number formats by unit (areas with 2 decimals and thousands
//! separators, rates as %, money with separators), ids and codes as text; an autofilter,
//! a frozen header row and id column, widths fitted to the content with long text wrapped,
//! and a landscape A4 print set-up repeating the header on every page. Every value from
//! the input is written as a string cell, never as a formula.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use rayon::prelude::*;

use super::cuts::{Cut, CutCount};
use super::ledger::{style_of, text_width, zh_redundant, zh_value, Style};
use super::rows::in_order_chunks;
use super::{AtomicFile, Cell, Rows};
use crate::error::{Error, Result};
use crate::project::Lang;

/// Text columns wider than this (in Excel character units) wrap.
const WRAP_WIDTH: f64 = 50.0;

/// The notes sheet (说明) of a workbook: a title and rows of (item, text).
#[derive(Debug, Clone, Default)]
pub struct About {
    /// The title on the first row (the project's name).
    pub title: String,
    /// Item and text, one row each (as-of date, rule editions, data sources, sheets).
    pub rows: Vec<(String, String)>,
    /// The creation date written into the document properties (the as-of date, so two
    /// runs on the same data give the same bytes); `None` writes 2000-01-01.
    pub created: Option<chrono::NaiveDate>,
}

/// How one column is written.
struct Col {
    /// Index of the column in the table's rows.
    source: usize,
    /// Its key.
    key: String,
    style: Style,
    translate: bool,
    format: Format,
}

/// Writes tables as the sheets of one workbook, after a notes sheet when `about` is given;
/// returns the columns whose text was cut to an Excel cell's 32,767 characters.
///
/// # Errors
/// The workbook cannot be built or written.
pub fn write_workbook(
    path: &Path,
    tables: &[(&str, &dyn Rows)],
    lang: Lang,
    about: Option<&About>,
) -> Result<Vec<Cut>> {
    let err = |e: XlsxError| Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    let mut wb = Workbook::new();
    // The document's creation time: a date from the data, never the clock.
    let created = about.and_then(|a| a.created).map_or(Ok((2000, 1, 1)), |d| {
        use chrono::Datelike;
        u16::try_from(d.year()).map(|y| (y, d.month() as u8, d.day() as u8))
    });
    let (y, m, d) = created.unwrap_or((2000, 1, 1));
    let when = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d).map_err(err)?;
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&when));
    // Level 3 deflate: faster than the default 6 for a file a little larger.
    wb.set_zip_compression_level(3);
    if let Some(a) = about {
        let ws = wb.add_worksheet();
        write_about(ws, a, lang).map_err(err)?;
    }
    let header = Format::new()
        .set_bold()
        .set_background_color("DDEBF7")
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let mut layouts = Vec::new();
    for (sheet_name, table) in tables {
        // Constant-memory sheets stream each finished row to a temporary file: a workbook of
        // a million parcels does not hold every cell in memory.
        let ws = wb.add_worksheet_with_constant_memory().map_err(err)?;
        ws.set_name(*sheet_name).map_err(err)?;
        let cols = columns(*table, lang);
        for (c, col) in cols.iter().enumerate() {
            let key = &table.columns()[col.source];
            let title = if lang == Lang::Zh && !key.zh.is_empty() {
                key.zh.as_str()
            } else {
                key.key.as_str()
            };
            ws.write_string_with_format(0, c as u16, title, &header)
                .map_err(err)?;
        }
        print_setup(ws, sheet_name, about, lang).map_err(err)?;
        layouts.push(cols);
    }
    // Each sheet streams to its own temporary file, so the sheets are filled side by side;
    // within a sheet, rows are made in parallel a batch at a time and written in order.
    let skip = usize::from(about.is_some());
    let counts = wb.worksheets_mut()[skip..]
        .par_iter_mut()
        .zip(tables)
        .zip(&layouts)
        .map(|((ws, (_, table)), cols)| fill_sheet(ws, *table, cols, lang))
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(err)?;
    let mut f = AtomicFile::create(path)?;
    wb.save_to_writer(f.writer()).map_err(err)?;
    f.commit()?;
    let mut cuts = Vec::new();
    for ((sheet, _), (counts, cols)) in tables.iter().zip(counts.into_iter().zip(&layouts)) {
        for (count, col) in counts.into_iter().zip(cols) {
            cuts.extend(count.into_cut(
                path.to_path_buf(),
                Some(sheet),
                &col.key,
                "32,767 characters (an Excel cell)",
            ));
        }
    }
    Ok(cuts)
}

/// The columns a sheet shows, with their formats.
fn columns(table: &dyn Rows, lang: Lang) -> Vec<Col> {
    table
        .columns()
        .iter()
        .enumerate()
        .filter(|(_, c)| !(lang == Lang::Zh && zh_redundant(&c.key)))
        .map(|(i, c)| {
            let style = style_of(&c.key);
            let mut format = Format::new()
                .set_num_format(style.num_format())
                .set_align(FormatAlign::Top);
            if style == Style::Text {
                format = format.set_text_wrap();
            }
            Col {
                source: i,
                key: c.key.clone(),
                style,
                translate: lang == Lang::Zh,
                format,
            }
        })
        .collect()
}

/// Landscape A4, the header row on every page, fitted to one page wide, the sheet and the
/// project in the page header, page numbers in the footer.
fn print_setup(
    ws: &mut Worksheet,
    sheet: &str,
    about: Option<&About>,
    lang: Lang,
) -> std::result::Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(0, 0)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.set_freeze_panes(1, 1)?;
    let title = about.map(|a| a.title.as_str()).unwrap_or_default();
    // '&' starts a code in Excel headers: doubled to print itself.
    let esc = |s: &str| s.replace('&', "&&");
    ws.set_header(format!("&L{}&R{}", esc(title), esc(sheet)));
    ws.set_footer(match lang {
        Lang::Zh => "&C第 &P 页，共 &N 页",
        Lang::En => "&CPage &P of &N",
    });
    Ok(())
}

/// The text a cell shows (for widths), and the words of a code.
fn shown<'c>(cell: &'c Cell, col: &Col, key: &str, lang: Lang) -> std::borrow::Cow<'c, str> {
    match cell {
        Cell::Text(s) => match col.translate.then(|| zh_value(key, s)).flatten() {
            Some(w) => w,
            None => fit_cell(s),
        },
        Cell::Bool(b) => match (lang, b) {
            (Lang::Zh, true) => "是".into(),
            (Lang::Zh, false) => "否".into(),
            (Lang::En, b) => b.to_string().into(),
        },
        other => other.to_text().into(),
    }
}

/// Most characters an Excel cell holds.
const MAX_CELL_CHARS: usize = 32_767;

/// Whether text is longer than a cell holds.
fn too_long(s: &str) -> bool {
    s.len() > MAX_CELL_CHARS && s.chars().nth(MAX_CELL_CHARS).is_some()
}

/// Text as a cell holds it: longer than Excel's 32,767 characters, it is cut and ends in
/// `…` (such a name made the whole workbook fail before).
fn fit_cell(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        None => s.into(),
        Some(_) => {
            let (end, _) = s
                .char_indices()
                .nth(MAX_CELL_CHARS - 1)
                .unwrap_or((s.len(), ' '));
            format!("{}…", &s[..end]).into()
        }
    }
}

/// The width a number takes with its format: digits, separators, decimals, `%`.
fn number_width(v: f64, style: Style) -> f64 {
    let shown = if style == Style::Percent {
        v * 100.0
    } else {
        v
    };
    let int = super::column_types::int_digits(shown) as f64;
    let seps = if matches!(
        style,
        Style::Area | Style::Money | Style::Hectares | Style::Metres
    ) {
        (int - 1.0).max(0.0) / 3.0
    } else {
        0.0
    };
    let decimals = match style {
        Style::Area | Style::Money | Style::Decimal | Style::Percent => 3.0,
        Style::Hectares => 5.0,
        _ => 0.0,
    };
    (int + seps.floor() + decimals + f64::from(u8::from(style == Style::Percent))) * 1.1
}

/// Writes a table's rows below the header row, then fits the widths and sets the filter;
/// returns, per column, the text values cut to fit a cell.
fn fill_sheet(
    ws: &mut Worksheet,
    table: &dyn Rows,
    cols: &[Col],
    lang: Lang,
) -> std::result::Result<Vec<CutCount>, XlsxError> {
    let keys: Vec<&str> = cols
        .iter()
        .map(|c| table.columns()[c.source].key.as_str())
        .collect();
    let shared = Shared {
        lang,
        date: Format::new()
            .set_num_format("yyyy-mm-dd")
            .set_align(FormatAlign::Top),
        yes_no: Format::new()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::Top),
    };
    let mut widths: Vec<f64> = cols
        .iter()
        .zip(&keys)
        .map(|(c, k)| {
            let col = &table.columns()[c.source];
            let title = if lang == Lang::Zh && !col.zh.is_empty() {
                &col.zh
            } else {
                *k
            };
            // A header wraps onto two lines before it widens its column past 24.
            (text_width(title) + 2.0).clamp(8.0, 24.0)
        })
        .collect();
    let mut cut = vec![CutCount::default(); cols.len()];
    in_order_chunks::<_, XlsxError>(
        table.len(),
        |rows| {
            let first = rows.start;
            let made: Vec<_> = rows.map(|i| table.row(i).into_owned()).collect();
            let mut w = vec![0.0f64; cols.len()];
            for row in &made {
                for ((c, col), key) in w.iter_mut().zip(cols).zip(&keys) {
                    let cell = &row[col.source];
                    let width = match cell {
                        Cell::Number(v, _) => number_width(*v, col.style),
                        Cell::Int(i) => number_width(*i as f64, col.style),
                        Cell::Date(_) => 11.0,
                        other => text_width(&shown(other, col, key, lang)),
                    };
                    *c = c.max(width);
                }
            }
            Ok((first, made, w))
        },
        |(first, rows, w)| {
            for (a, b) in widths.iter_mut().zip(w) {
                *a = a.max(b + 1.0);
            }
            for (k, row) in rows.iter().enumerate() {
                let r = (first + k + 1) as u32;
                for (c, col) in cols.iter().enumerate() {
                    let cell = &row[col.source];
                    if matches!(cell, Cell::Text(s) if too_long(s)) {
                        cut[c].add(row);
                    }
                    write_cell(ws, r, c as u16, cell, col, &shared)?;
                }
            }
            Ok(())
        },
    )?;
    for (c, (w, col)) in widths.iter().zip(cols).enumerate() {
        let cap = if col.style == Style::Text {
            WRAP_WIDTH
        } else {
            60.0
        };
        ws.set_column_width(c as u16, w.min(cap))?;
    }
    if !cols.is_empty() {
        ws.autofilter(0, 0, table.len().max(1) as u32, (cols.len() - 1) as u16)?;
    }
    Ok(cut)
}

/// The formats shared by every column of a sheet.
struct Shared {
    lang: Lang,
    date: Format,
    yes_no: Format,
}

fn write_cell(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    cell: &Cell,
    col: &Col,
    f: &Shared,
) -> std::result::Result<(), XlsxError> {
    let (lang, date_fmt, yes_no, key) = (f.lang, &f.date, &f.yes_no, col.key.as_str());
    match cell {
        Cell::Empty => {}
        Cell::Text(_) => {
            // Always a string cell: text from input is never parsed as a number or formula.
            ws.write_string_with_format(r, c, shown(cell, col, key, lang), &col.format)?;
        }
        Cell::Number(v, _) if v.is_finite() => {
            ws.write_number_with_format(r, c, *v, &col.format)?;
        }
        Cell::Number(..) => {}
        Cell::Int(i) => {
            ws.write_number_with_format(r, c, *i as f64, &col.format)?;
        }
        Cell::Bool(b) => match lang {
            Lang::Zh => {
                ws.write_string_with_format(r, c, if *b { "是" } else { "否" }, yes_no)?;
            }
            Lang::En => {
                ws.write_boolean_with_format(r, c, *b, yes_no)?;
            }
        },
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

/// The notes sheet: the title, then (item, text) rows.
fn write_about(
    ws: &mut Worksheet,
    about: &About,
    lang: Lang,
) -> std::result::Result<(), XlsxError> {
    ws.set_name(match lang {
        Lang::Zh => "说明",
        Lang::En => "about",
    })?;
    let title = Format::new().set_bold().set_font_size(14);
    let item = Format::new()
        .set_bold()
        .set_align(FormatAlign::Top)
        .set_background_color("F2F2F2")
        .set_border(FormatBorder::Thin);
    let text = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    ws.write_string_with_format(0, 0, &about.title, &title)?;
    for (r, (k, v)) in (2u32..).zip(&about.rows) {
        ws.write_string_with_format(r, 0, k, &item)?;
        ws.write_string_with_format(r, 1, v, &text)?;
    }
    ws.set_column_width(0, 22)?;
    ws.set_column_width(1, 100)?;
    ws.set_portrait();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
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
        write_workbook(&path, &[("表", &t as &dyn Rows)], Lang::Zh, None).expect("written");
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

    #[test]
    fn ids_codes_and_formula_like_text_stay_strings_and_codes_become_chinese() {
        let mut t = Table::new(
            "t",
            vec![
                Column::new("enterprise_id", "统一社会信用代码"),
                Column::new("status", "供地状态"),
                Column::new("far_ok", "容积率达标"),
                Column::new("name", "名称"),
                Column::new("idle_class_zh", "低效类别（中文）"),
            ],
        );
        t.rows.push(vec![
            Cell::Text("913701990029787746".into()),
            Cell::Text("supplied".into()),
            Cell::Bool(false),
            Cell::Text("=1+1".into()),
            Cell::Text("闲置土地".into()),
        ]);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("t.xlsx");
        let about = About {
            title: "示例".into(),
            rows: vec![("评价时点".into(), "2026-06-30".into())],
            created: None,
        };
        write_workbook(&path, &[("表", &t as &dyn Rows)], Lang::Zh, Some(&about)).expect("written");
        let mut wb = calamine::open_workbook_auto(&path).expect("opened");
        assert_eq!(wb.sheet_names(), ["说明", "表"]);
        let range = wb.worksheet_range("表").expect("the sheet");
        let rows: Vec<_> = range.rows().collect();
        assert_eq!(rows[0].len(), 4, "the redundant _zh column is left out");
        assert_eq!(rows[1][0], Data::String("913701990029787746".into()));
        assert_eq!(rows[1][1], Data::String("已供".into()));
        assert_eq!(rows[1][2], Data::String("否".into()));
        assert_eq!(rows[1][3], Data::String("=1+1".into()));
    }
}
