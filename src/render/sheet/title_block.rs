//! The title block: one row per (label, value) at 6 pt and over; a value too long for
//! its cell wraps onto more lines of the same size (at most three, the last cut with "…"),
//! and its row grows to hold them.

use std::fmt::Write;

use super::Sheet;
use crate::render::draw::text;
use crate::render::page::BoxMm;
use crate::render::svg::n;
use crate::render::text::{shorten, text_width, wrap};

/// Height of a one-line row, mm on A4.
const ROW_H: f64 = 3.9;
/// Font size, mm on A4: 6.1 pt.
const FONT: f64 = ROW_H * 0.55;
/// Height each further line of a wrapped value adds, mm on A4.
const LINE_H: f64 = FONT * 1.2;
/// Most lines a value takes.
const MAX_LINES: usize = 3;

/// Each row's lines of value text in a block `w` mm wide, with the key column's width.
fn lines(sheet: &Sheet, w: f64) -> (f64, Vec<Vec<String>>) {
    let u = sheet.u;
    let fs = FONT * u;
    // The key column is as wide as its widest key.
    let kw = sheet
        .scene
        .title_block
        .iter()
        .map(|(k, _)| text_width(k, fs))
        .fold(10.0 * u, f64::max)
        + 4.5 * u;
    let avail = w - kw - 2.0 * u;
    let rows = sheet
        .scene
        .title_block
        .iter()
        .map(|(_, v)| {
            if text_width(v, fs) <= avail {
                return vec![v.clone()];
            }
            let mut l = wrap(v, fs, avail);
            if l.len() > MAX_LINES {
                let rest = l[MAX_LINES - 1..].concat();
                l.truncate(MAX_LINES - 1);
                l.push(shorten(&rest, fs, avail));
            }
            l
        })
        .collect();
    (kw, rows)
}

/// The height of one row holding `n` lines, mm.
fn row_h(n: usize, u: f64) -> f64 {
    (ROW_H + n.saturating_sub(1) as f64 * LINE_H) * u
}

/// The title block's height in a block `w` mm wide: a row per entry, taller where a
/// value wraps.
pub(super) fn height(sheet: &Sheet, w: f64) -> f64 {
    let (_, rows) = lines(sheet, w);
    rows.iter()
        .map(|l| row_h(l.len(), sheet.u))
        .sum::<f64>()
        .max(ROW_H * sheet.u)
}

/// Draws the title block in `b`.
pub(super) fn draw(out: &mut String, sheet: &Sheet, b: BoxMm) {
    let u = sheet.u;
    let BoxMm { x, y, w, h } = b;
    let _ = write!(out, "<g id=\"titleblock\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"#333\" stroke-width=\"{}\"/>", n(x), n(y), n(w), n(h), n(0.3 * u));
    let fs = FONT * u;
    let (kw, values) = lines(sheet, w);
    let mut ry = y;
    for (i, ((k, _), v)) in sheet.scene.title_block.iter().zip(&values).enumerate() {
        if i > 0 {
            let _ = write!(out, "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\" stroke-width=\"{}\"/>", n(x), n(ry), n(x + w), n(ry), n(0.15 * u));
        }
        let base = ry + ROW_H * u * 0.65;
        text(out, x + 1.5 * u, base, fs, k, " fill=\"#555\"");
        for (j, line) in v.iter().enumerate() {
            text(
                out,
                x + kw,
                base + j as f64 * LINE_H * u,
                fs,
                line,
                " fill=\"#111\"",
            );
        }
        ry += row_h(v.len(), u);
    }
    let _ = write!(
        out,
        "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\" stroke-width=\"{}\"/>",
        n(x + kw - 1.5 * u),
        n(y),
        n(x + kw - 1.5 * u),
        n(y + h),
        n(0.15 * u)
    );
    out.push_str("</g>");
}
