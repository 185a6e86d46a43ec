//! A sheet's table (the siting map's move table, 搬迁安置一览表), under the map frame or in
//! a corner of it the map leaves clear: a title, a header row on a tint, ruled rows, the
//! first column a move's numbered key as on the map, cells shortened with "…" to their
//! column, and a note for the rows left out.

use std::fmt::Write;

use super::Sheet;
use crate::render::draw::{key, text};
use crate::render::labels::PageBox;
use crate::render::page::BoxMm;
use crate::render::scene::{Corner, Scene, SheetTable, TablePlace};
use crate::render::svg::n;
use crate::render::text::text_width;

/// Widest a table in a corner of the frame is, mm on A4, and the most of the frame's
/// width it takes.
const CORNER_W: f64 = 140.0;
const CORNER_SHARE: f64 = 0.68;

/// The box the scene's table takes on the sheet: under the frame across its width, or in
/// its corner of the frame, clear of the coordinate labels along the top and left edges.
pub(crate) fn table_box(sheet: &Sheet) -> Option<BoxMm> {
    let t = sheet.scene.table.as_ref()?;
    let (f, u) = (sheet.frame, sheet.u);
    let rows = 1
        + t.rows.len().min(SheetTable::MAX_ROWS)
        + usize::from(t.rows.len() > SheetTable::MAX_ROWS);
    Some(match t.place {
        TablePlace::Below => BoxMm {
            x: f.x,
            y: f.bottom() + 3.0 * u,
            w: f.w,
            h: t.height_mm(u) - 3.0 * u,
        },
        TablePlace::Corner(c) => {
            let w = (CORNER_W * u).min(f.w * CORNER_SHARE);
            let h = 7.0 * u + rows as f64 * SheetTable::ROW_MM * u;
            let (left, top) = (f.x + 5.5 * u, f.y + 5.5 * u);
            let (right, bottom) = (f.right() - 1.5 * u - w, f.bottom() - 1.5 * u - h);
            let (x, y) = match c {
                Corner::BottomRight => (right, bottom),
                Corner::TopRight => (right, top),
                Corner::TopLeft => (left, top),
                Corner::BottomLeft => (left, bottom),
            };
            BoxMm { x, y, w, h }
        }
    })
}

/// Puts the scene's table in the first corner of the frame where it covers no numbered
/// marker, no sheet furniture and almost none of what the map draws (at most 3 % of its
/// area overlaps the drawn features' bounding boxes); returns whether one was found. The
/// map then keeps the frame, and its scale.
pub(crate) fn clear_corner(
    scene: &mut Scene,
    page: &crate::render::page::Page,
    lang: crate::project::Lang,
) -> bool {
    if scene.table.is_none() {
        return false;
    }
    let mut best: Option<(f64, Corner)> = None;
    for c in Corner::ALL {
        if let Some(t) = scene.table.as_mut() {
            t.place = TablePlace::Corner(c);
        }
        let sheet = Sheet::new(scene, page, lang);
        let Some(b) = table_box(&sheet) else { continue };
        let r = (b.x, b.y, b.right(), b.bottom());
        if super::fixed_furniture(&sheet)
            .iter()
            .any(|k| overlap(r, *k) > 0.0)
        {
            continue;
        }
        let covered: f64 = scene
            .layers
            .iter()
            .flat_map(|l| l.items.iter())
            .filter_map(|(g, _)| geo::BoundingRect::bounding_rect(g))
            .map(|rect| {
                let (a, z) = (
                    sheet.to_page.apply(rect.min()),
                    sheet.to_page.apply(rect.max()),
                );
                overlap(r, (a.0.min(z.0), a.1.min(z.1), a.0.max(z.0), a.1.max(z.1)))
            })
            .sum();
        let share = covered / (b.w * b.h);
        if share <= 0.03 && best.is_none_or(|(s, _)| share < s) {
            best = Some((share, c));
        }
    }
    match (best, scene.table.as_mut()) {
        (Some((_, c)), Some(t)) => {
            t.place = TablePlace::Corner(c);
            true
        }
        (_, Some(t)) => {
            t.place = TablePlace::Below;
            false
        }
        _ => false,
    }
}

/// The area two page boxes share.
fn overlap(a: PageBox, b: PageBox) -> f64 {
    let w = (a.2.min(b.2) - a.0.max(b.0)).max(0.0);
    let h = (a.3.min(b.3) - a.1.max(b.1)).max(0.0);
    w * h
}

/// Draws the scene's table in its box.
pub(super) fn draw(out: &mut String, sheet: &Sheet) {
    let (Some(t), Some(outer)) = (&sheet.scene.table, table_box(sheet)) else {
        return;
    };
    let u = sheet.u;
    let b = match t.place {
        TablePlace::Below => outer,
        TablePlace::Corner(_) => {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"#333\" stroke-width=\"{}\"/>",
                n(outer.x),
                n(outer.y),
                n(outer.w),
                n(outer.h),
                n(0.3 * u)
            );
            BoxMm {
                x: outer.x + 1.5 * u,
                y: outer.y + 0.5 * u,
                w: outer.w - 3.0 * u,
                h: outer.h - 1.0 * u,
            }
        }
    };
    let row_h = SheetTable::ROW_MM * u;
    let fs = 2.2 * u;
    let _ = write!(out, "<g id=\"sheet-table\">");
    text(
        out,
        b.x,
        b.y + 3.6 * u,
        3.0 * u,
        &t.title,
        " font-weight=\"bold\" fill=\"#111\"",
    );
    let top = b.y + 5.5 * u;
    let total: f64 = t.widths.iter().sum::<f64>().max(1e-9);
    let xs: Vec<f64> = t
        .widths
        .iter()
        .scan(b.x, |x, w| {
            let at = *x;
            *x += w / total * b.w;
            Some(at)
        })
        .collect();
    let col_w = |c: usize| t.widths[c] / total * b.w;
    let shown = t.rows.len().min(SheetTable::MAX_ROWS);
    let more = t.rows.len() > SheetTable::MAX_ROWS;
    let body_rows = 1 + shown + usize::from(more);
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#eef3f8\"/>",
        n(b.x),
        n(top),
        n(b.w),
        n(row_h)
    );
    for r in 0..=body_rows {
        let y = top + r as f64 * row_h;
        let w = if r == 0 || r == body_rows { 0.3 } else { 0.12 };
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#555\" stroke-width=\"{}\"/>",
            n(b.x),
            n(b.right()),
            n(w * u),
            y = n(y)
        );
    }
    let cell = |out: &mut String, c: usize, y: f64, s: &str, bold: bool| {
        let pad = 1.0 * u;
        let fitted = shorten(s, fs, col_w(c) - 2.0 * pad);
        let bold = if bold { " font-weight=\"bold\"" } else { "" };
        if t.numeric.get(c).copied().unwrap_or(false) {
            let x = xs[c] + col_w(c) - pad;
            text(
                out,
                x,
                y,
                fs,
                &fitted,
                &format!(" text-anchor=\"end\"{bold}"),
            );
        } else {
            text(out, xs[c] + pad, y, fs, &fitted, bold);
        }
    };
    let baseline = |r: usize| top + r as f64 * row_h + row_h * 0.7;
    for (c, h) in t.header.iter().enumerate() {
        cell(out, c, baseline(0), h, true);
    }
    for (r, row) in t.rows.iter().take(shown).enumerate() {
        for (c, s) in row.iter().enumerate() {
            match (c, s.parse::<u16>()) {
                (0, Ok(number)) => key(
                    out,
                    number,
                    xs[0] + col_w(0) / 2.0,
                    top + (r as f64 + 1.5) * row_h,
                    u,
                ),
                _ => cell(out, c, baseline(r + 1), s, false),
            }
        }
    }
    if more {
        text(
            out,
            b.x + 1.0 * u,
            baseline(shown + 1),
            fs,
            &t.more,
            " fill=\"#555\"",
        );
    }
    out.push_str("</g>");
}

/// `s` cut with "…" to fit `width` mm at `size`.
fn shorten(s: &str, size: f64, width: f64) -> String {
    if text_width(s, size) <= width {
        return s.to_owned();
    }
    let mut kept = String::new();
    for ch in s.chars() {
        if text_width(&format!("{kept}{ch}…"), size) > width {
            break;
        }
        kept.push(ch);
    }
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn text_is_cut_to_its_column() {
        assert_eq!(shorten("新河化工", 2.0, 100.0), "新河化工");
        // Each CJK character is one em (2 mm): 5 mm holds one and the ellipsis.
        assert_eq!(shorten("新河化工", 2.0, 5.0), "新…");
    }
}
