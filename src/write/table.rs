//! A result table: named columns (with Chinese headers for Excel), rows of cells, and
//! optionally one geometry per row in the coordinates its [`Space`] says.

use chrono::NaiveDate;
use geo::Geometry;

use super::Space;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// No value.
    Empty,
    /// Text.
    Text(String),
    /// A number, written with up to `decimals` decimals.
    Number(f64, u8),
    /// A whole number.
    Int(i64),
    /// A boolean.
    Bool(bool),
    /// A date.
    Date(NaiveDate),
}

impl Cell {
    /// Text, or empty when `None`.
    pub fn text(s: Option<impl Into<String>>) -> Cell {
        s.map(|s| Cell::Text(s.into())).unwrap_or(Cell::Empty)
    }
    /// A number with `decimals` decimals, or empty when `None` or not finite.
    pub fn num(v: Option<f64>, decimals: u8) -> Cell {
        match v {
            Some(v) if v.is_finite() => Cell::Number(v, decimals),
            _ => Cell::Empty,
        }
    }
    /// A date, or empty.
    pub fn date(d: Option<NaiveDate>) -> Cell {
        d.map(Cell::Date).unwrap_or(Cell::Empty)
    }
    /// A boolean, or empty.
    pub fn bool(b: Option<bool>) -> Cell {
        b.map(Cell::Bool).unwrap_or(Cell::Empty)
    }
    /// The cell as CSV text.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(v, d) if v.is_finite() => format_number(*v, *d),
            Cell::Number(..) => String::new(),
            Cell::Int(i) => i.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }
}

/// A number with at most `decimals` decimals, trailing zeros dropped.
pub fn format_number(v: f64, decimals: u8) -> String {
    let mut s = String::with_capacity(24);
    push_number(&mut s, v, decimals);
    s
}

/// Appends a number with at most `decimals` decimals, trailing zeros dropped (`-0` as `0`).
pub fn push_number(out: &mut String, v: f64, decimals: u8) {
    use std::fmt::Write;
    let start = out.len();
    let _ = write!(out, "{v:.*}", decimals as usize);
    if out[start..].contains('.') {
        let keep = out[start..]
            .trim_end_matches('0')
            .trim_end_matches('.')
            .len();
        out.truncate(start + keep);
    }
    if &out[start..] == "-0" {
        out.truncate(start);
        out.push('0');
    }
}

/// A column: its key (the contract name of INTERFACE.md) and its Chinese header.
#[derive(Debug, Clone)]
pub struct Column {
    /// The column name in GeoJSON and CSV.
    pub key: String,
    /// The header in Excel when the project's language is Chinese.
    pub zh: String,
}

impl Column {
    /// A column with its key and Chinese header.
    pub fn new(key: &str, zh: &str) -> Column {
        Column {
            key: key.to_owned(),
            zh: zh.to_owned(),
        }
    }
}

/// A result table.
#[derive(Debug, Clone)]
pub struct Table {
    /// Base file name (`parcels`, `enterprises`, …).
    pub name: String,
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
    /// One geometry per row, when the table is spatial.
    pub geometries: Option<Vec<Option<Geometry<f64>>>>,
    /// What the geometries' coordinates are. Default: WGS84 lon/lat.
    pub space: Space,
}

impl Table {
    /// An empty table with these columns.
    pub fn new(name: &str, columns: Vec<Column>) -> Table {
        Table {
            name: name.to_owned(),
            columns,
            rows: Vec::new(),
            geometries: None,
            space: Space::LonLat,
        }
    }
}
