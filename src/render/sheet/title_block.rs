//! The title block: one row per (label, value), values shrunk to fit their cell.

use std::fmt::Write;

use super::Sheet;
use crate::render::draw::text;
use crate::render::page::BoxMm;
use crate::render::svg::n;
use crate::render::text::text_width;

/// Height of one row, mm on A4.
const ROW_H: f64 = 3.9;

/// The title block's height: a row per entry.
pub(super) fn height(sheet: &Sheet) -> f64 {
    ROW_H * sheet.scene.title_block.len().max(1) as f64 * sheet.u
}

/// Draws the title block in `b`.
pub(super) fn draw(out: &mut String, sheet: &Sheet, b: BoxMm) {
    let u = sheet.u;
    let BoxMm { x, y, w, h } = b;
    let rows = &sheet.scene.title_block;
    let _ = write!(out, "<g id=\"titleblock\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"#333\" stroke-width=\"{}\"/>", n(x), n(y), n(w), n(h), n(0.3 * u));
    let rh = h / rows.len().max(1) as f64;
    let fs = (rh * 0.55).min(2.3 * u);
    // The key column is as wide as its widest key.
    let kw = rows
        .iter()
        .map(|(k, _)| text_width(k, fs))
        .fold(10.0 * u, f64::max)
        + 3.0 * u;
    for (i, (k, v)) in rows.iter().enumerate() {
        let ry = y + rh * i as f64;
        if i > 0 {
            let _ = write!(out, "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\" stroke-width=\"{}\"/>", n(x), n(ry), n(x + w), n(ry), n(0.15 * u));
        }
        text(out, x + 1.5 * u, ry + rh * 0.65, fs, k, " fill=\"#555\"");
        // A long value takes two lines of a smaller size, and shrinks further to fit.
        let avail = w - kw - 2.0 * u;
        if text_width(v, fs) <= avail {
            text(out, x + kw, ry + rh * 0.65, fs, v, " fill=\"#111\"");
        } else {
            let f2 = (rh * 0.4).min(fs);
            let lines = crate::render::text::wrap(v, f2, avail);
            let (first, rest) = match lines.split_first() {
                Some((a, rest)) => (a.clone(), rest.concat()),
                None => (String::new(), String::new()),
            };
            let f2 = if text_width(&rest, f2) > avail {
                f2 * avail / text_width(&rest, f2)
            } else {
                f2
            };
            text(out, x + kw, ry + rh * 0.45, f2, &first, " fill=\"#111\"");
            text(out, x + kw, ry + rh * 0.9, f2, &rest, " fill=\"#111\"");
        }
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
