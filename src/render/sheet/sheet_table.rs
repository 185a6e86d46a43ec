//! A sheet's table (the siting map's move table, 搬迁安置一览表), under the map frame or in
//! a corner of it the map leaves clear: a title, a header row on a tint, ruled rows, the
//! first column a move's numbered key as on the map, cells shortened with "…" to their
//! column, and a note for the rows left out.

use std::fmt::Write;

use super::Sheet;
use crate::render::draw::{key, text};
use crate::render::labels::PageBox;
use crate::render::page::BoxMm;
use crate::render::scene::{Corner, KeyStyle, Scene, SheetTable, TablePlace};
use crate::render::svg::{n, ToPage};
use crate::render::text::shorten;

/// The most of the frame's width a table in a corner of it takes.
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
            let w = (t.corner_w_mm * u).min(f.w * CORNER_SHARE);
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
        let share = drawn_share(scene, &sheet.to_page, b);
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

/// Width a line is counted with when measuring what a box covers, mm on the page.
const LINE_MM: f64 = 1.0;

/// The share of page box `b` that the scene's features cover: polygons by the area they
/// have inside it, lines by their length inside it at [`LINE_MM`], points not at all.
fn drawn_share(scene: &Scene, to_page: &ToPage, b: BoxMm) -> f64 {
    use geo::{Area, BooleanOps, BoundingRect, Euclidean, Intersects, Length};
    let s = to_page.s;
    if s <= 0.0 || b.w <= 0.0 || b.h <= 0.0 {
        return 1.0;
    }
    // The box in frame metres (page y runs down, frame y up).
    let world = |px: f64, py: f64| {
        geo::coord! {
            x: to_page.x0 + (px - to_page.ox) / s,
            y: to_page.y0 - (py - to_page.oy) / s,
        }
    };
    let rect = geo::Rect::new(world(b.x, b.y), world(b.right(), b.bottom()));
    let window = geo::MultiPolygon::new(vec![rect.to_polygon()]);
    let mut covered_m2 = 0.0;
    for (g, _) in scene.layers.iter().flat_map(|l| l.items.iter()) {
        if !g.bounding_rect().is_some_and(|r| r.intersects(&rect)) {
            continue;
        }
        covered_m2 += match g {
            geo::Geometry::Polygon(p) => window
                .intersection(&geo::MultiPolygon::new(vec![p.clone()]))
                .unsigned_area(),
            geo::Geometry::MultiPolygon(mp) => window.intersection(mp).unsigned_area(),
            geo::Geometry::LineString(l) => {
                let inside = window.clip(&geo::MultiLineString::new(vec![l.clone()]), false);
                Euclidean.length(&inside) * LINE_MM / s
            }
            geo::Geometry::MultiLineString(ml) => {
                Euclidean.length(&window.clip(ml, false)) * LINE_MM / s
            }
            _ => 0.0,
        };
    }
    covered_m2 * s * s / (b.w * b.h)
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
    // The rows run down the first block, then the next, side by side across the box.
    let blocks = t.blocks_here();
    let per_block = t.block_rows().min(SheetTable::MAX_ROWS);
    let more = t.rows.len() > per_block * blocks;
    let body_rows = 1 + per_block + usize::from(more);
    let gap = 4.0 * u;
    let block_w = (b.w - gap * (blocks - 1) as f64) / blocks as f64;
    for (k, rows) in t.rows.chunks(per_block.max(1)).take(blocks).enumerate() {
        let bb = BoxMm {
            x: b.x + k as f64 * (block_w + gap),
            y: top,
            w: block_w,
            h: body_rows as f64 * row_h,
        };
        draw_block(out, t, bb, rows, body_rows, u);
    }
    if more {
        text(
            out,
            b.x + 1.0 * u,
            top + (per_block + 1) as f64 * row_h + row_h * 0.7,
            2.2 * u,
            &t.more,
            " fill=\"#555\"",
        );
    }
    out.push_str("</g>");
}

/// One block of the table in `b` (from its header row down): the header on a tint, the
/// rules of `body_rows` rows, and `rows`.
fn draw_block(
    out: &mut String,
    t: &SheetTable,
    b: BoxMm,
    rows: &[Vec<String>],
    body_rows: usize,
    u: f64,
) {
    let row_h = SheetTable::ROW_MM * u;
    let fs = 2.2 * u;
    let top = b.y;
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
    for (r, row) in rows.iter().enumerate() {
        for (c, s) in row.iter().enumerate() {
            match (c, s.parse::<u16>(), t.keys) {
                (0, Ok(number), KeyStyle::Circled) => key(
                    out,
                    number,
                    xs[0] + col_w(0) / 2.0,
                    top + (r as f64 + 1.5) * row_h,
                    u,
                ),
                _ => cell(
                    out,
                    c,
                    baseline(r + 1),
                    s,
                    c == 0 && t.keys == KeyStyle::Plain,
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::render::text::shorten;

    #[test]
    fn text_is_cut_to_its_column() {
        assert_eq!(shorten("新河化工", 2.0, 100.0), "新河化工");
        // Each CJK character is one em (2 mm): 5 mm holds one and the ellipsis.
        assert_eq!(shorten("新河化工", 2.0, 5.0), "新…");
    }
}
