//! The type of each column of a table, from what its cells hold (a first pass over the
//! rows): what the shapefile, GeoPackage and FlatGeobuf writers declare before writing.

use super::dbf_names::encoded_len;
use super::format::ShpEncoding;
use super::rows::in_order_chunks;
use super::{Cell, Rows};
use crate::error::{Error, Result};

/// The type of one column, from what its cells hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    Empty,
    Text,
    Number { decimals: u8 },
    Int,
    Bool,
    Date,
}

/// What the cells of one column need.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stats {
    /// The type the cells agree on.
    pub kind: Kind,
    /// The widest value as text, in bytes of the encoding.
    pub text_bytes: usize,
    /// The most digits before the decimal point (with the sign).
    pub int_digits: usize,
}

impl Stats {
    pub(crate) const NONE: Stats = Stats {
        kind: Kind::Empty,
        text_bytes: 0,
        int_digits: 1,
    };

    fn see(&mut self, c: &Cell, enc: ShpEncoding) {
        let kind = match c {
            Cell::Empty => return,
            Cell::Text(s) => {
                self.text_bytes = self.text_bytes.max(encoded_len(s, enc));
                Kind::Text
            }
            Cell::Number(v, d) => {
                self.int_digits = self.int_digits.max(int_digits(*v));
                self.text_bytes = self.text_bytes.max(int_digits(*v) + 1 + *d as usize);
                Kind::Number { decimals: *d }
            }
            Cell::Int(i) => {
                self.int_digits = self.int_digits.max(int_digits(*i as f64));
                self.text_bytes = self.text_bytes.max(int_digits(*i as f64));
                Kind::Int
            }
            Cell::Bool(_) => {
                self.text_bytes = self.text_bytes.max(5);
                Kind::Bool
            }
            Cell::Date(_) => {
                self.text_bytes = self.text_bytes.max(10);
                Kind::Date
            }
        };
        self.kind = merge(self.kind, kind);
    }

    fn join(mut self, o: Stats) -> Stats {
        self.kind = merge(self.kind, o.kind);
        self.text_bytes = self.text_bytes.max(o.text_bytes);
        self.int_digits = self.int_digits.max(o.int_digits);
        self
    }
}

fn merge(a: Kind, b: Kind) -> Kind {
    match (a, b) {
        (Kind::Empty, k) | (k, Kind::Empty) => k,
        (Kind::Number { decimals: x }, Kind::Number { decimals: y }) => {
            Kind::Number { decimals: x.max(y) }
        }
        (Kind::Number { decimals }, Kind::Int) | (Kind::Int, Kind::Number { decimals }) => {
            Kind::Number { decimals }
        }
        (x, y) if x == y => x,
        _ => Kind::Text,
    }
}

/// Digits before the decimal point, with the sign.
pub(crate) fn int_digits(v: f64) -> usize {
    let a = v.abs().trunc();
    let digits = if a < 1.0 {
        1
    } else {
        a.log10().floor() as usize + 1
    };
    digits + usize::from(v < 0.0)
}

/// The type and width of every column, from every cell (rows made in parallel).
///
/// # Errors
/// None in practice: rows are made from memory.
pub(crate) fn column_stats(table: &dyn Rows, enc: ShpEncoding) -> Result<Vec<Stats>> {
    let n = table.columns().len();
    let mut stats = vec![Stats::NONE; n];
    in_order_chunks::<_, Error>(
        table.len(),
        |rows| {
            let mut s = vec![Stats::NONE; n];
            for i in rows {
                for (st, c) in s.iter_mut().zip(table.row(i).iter()) {
                    st.see(c, enc);
                }
            }
            Ok(s)
        },
        |s| {
            for (a, b) in stats.iter_mut().zip(s) {
                *a = a.join(b);
            }
            Ok(())
        },
    )?;
    Ok(stats)
}
