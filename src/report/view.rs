//! Reading the run's result tables by column name, and printing their numbers at the
//! dossier's precision. Every figure of the dossier is a cell of a table the run writes
//! (one source): it is rounded from the cell's CSV text, so the dossier and the CSV agree
//! digit for digit up to the shorter precision.

use std::borrow::Cow;

use crate::write::{Cell, Rows};

/// A table whose cells are read by column key.
pub struct View<'a> {
    rows: &'a dyn Rows,
}

impl<'a> View<'a> {
    /// A view of `rows`.
    pub fn new(rows: &'a dyn Rows) -> View<'a> {
        View { rows }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The index of column `key`. It is a logic error to ask for a column the table does
    /// not have (the keys are the contract of INTERFACE.md).
    pub fn col(&self, key: &str) -> usize {
        self.rows
            .columns()
            .iter()
            .position(|c| c.key == key)
            .unwrap_or(usize::MAX)
    }

    /// Row `i`.
    pub fn row(&self, i: usize) -> Cow<'a, [Cell]> {
        self.rows.row(i)
    }
}

/// The cell at `col` of `row` (empty when out of range).
pub fn cell(row: &[Cell], col: usize) -> &Cell {
    row.get(col).unwrap_or(&Cell::Empty)
}

/// The cell as the CSV writes it.
pub fn text(row: &[Cell], col: usize) -> String {
    cell(row, col).to_text()
}

/// The cell as a number (its CSV text parsed), when it is one.
pub fn number(row: &[Cell], col: usize) -> Option<f64> {
    match cell(row, col) {
        Cell::Number(..) | Cell::Int(_) => text(row, col).parse().ok(),
        _ => None,
    }
}

/// The dash printed for a figure that has no value.
pub const DASH: &str = "—";

/// A number with `d` decimals, or the dash.
pub fn fixed(v: Option<f64>, d: usize) -> String {
    match v {
        Some(x) if x.is_finite() => {
            let s = format!("{x:.d$}");
            if s.trim_start_matches('-')
                .chars()
                .all(|c| c == '0' || c == '.')
            {
                format!("{:.d$}", 0.0)
            } else {
                s
            }
        }
        _ => DASH.to_owned(),
    }
}

/// 亩 with two decimals.
pub fn mu(row: &[Cell], col: usize) -> String {
    fixed(number(row, col), 2)
}

/// A 0–1 rate as a percentage with two decimals (the CSV keeps four decimals of the
/// rate, so this is the same digits).
pub fn pct(row: &[Cell], col: usize) -> String {
    match number(row, col) {
        Some(v) => format!("{}%", fixed(Some(v * 100.0), 2)),
        None => DASH.to_owned(),
    }
}

/// A ratio such as FAR with two decimals.
pub fn ratio(row: &[Cell], col: usize) -> String {
    fixed(number(row, col), 2)
}

/// 万元/亩 with two decimals.
pub fn money(row: &[Cell], col: usize) -> String {
    fixed(number(row, col), 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_from_the_csv_text() {
        // 0.81235 is written 0.8124 (4 decimals) and printed from that: 81.24 %.
        let row = vec![
            Cell::Number(0.81235, 4),
            Cell::Number(12.3449, 3),
            Cell::Empty,
        ];
        assert_eq!(pct(&row, 0), "81.24%");
        // 12.3449 → CSV 12.345 → 12.35 (rounded from the CSV, not from 12.3449; the
        // double nearest 12.345 is 12.34500000000000064).
        assert_eq!(mu(&row, 1), "12.35");
        assert_eq!(mu(&row, 2), DASH);
        assert_eq!(fixed(Some(-0.001), 2), "0.00");
    }
}
