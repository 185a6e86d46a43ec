//! The legend: grouped entries with swatches, counts and 亩 on the label's line when they
//! fit, wrapping, shrinking to fit its box, and saying how many entries it had to leave out.

use std::fmt::Write;

use super::Sheet;
use crate::render::draw::{key, style_attrs, symbol, text};
use crate::render::page::BoxMm;
use crate::render::scene::{LegendItem, Style, Swatch};
use crate::render::svg::{esc, n};
use crate::render::text::{text_width, wrap};

/// One laid-out row: a group heading (no item) or an entry.
struct Row<'a> {
    /// Column.
    col: usize,
    /// Top, mm below the legend box's top.
    y: f64,
    /// The label's lines.
    lines: Vec<String>,
    /// The detail's lines (one when inline).
    detail: Vec<String>,
    /// The detail sits right-aligned on the label's line.
    inline: bool,
    /// The entry; `None` for a heading.
    item: Option<&'a LegendItem>,
}

/// The legend laid out at one scale: its rows and the height they take.
struct Layout<'a> {
    rows: Vec<Row<'a>>,
    used: f64,
}

/// 6 pt in mm: no legend text is smaller on the printed sheet, the least a printer accepts.
const SIX_PT_MM: f64 = 6.0 * 25.4 / 72.0;

/// Sizes the legend lays out with, for a box, a column count and a scale.
#[derive(Clone, Copy)]
struct Metrics {
    u: f64,
    scale: f64,
    /// Font size, mm.
    fs: f64,
    /// Column width, mm.
    col_w: f64,
}

impl Metrics {
    fn new(u: f64, b: BoxMm, columns: usize, scale: f64) -> Metrics {
        Metrics {
            u,
            scale,
            fs: 2.7 * u * scale,
            col_w: (b.w - 4.0 * u) / columns as f64,
        }
    }
    /// Font size of an entry's detail (its count and 亩), mm: smaller than the label's,
    /// never below 6 pt.
    fn detail_fs(&self) -> f64 {
        (self.fs * 0.82).max(SIX_PT_MM)
    }
    /// Line height of an entry's detail lines, mm.
    fn detail_lh(&self) -> f64 {
        self.detail_fs() * 1.28
    }
    /// Width left for an entry's text beside its swatch.
    fn text_w(&self) -> f64 {
        self.col_w - 10.0 * self.u * self.scale
    }
}

/// The height the legend takes in a box as wide as `b` at full size, mm.
pub(super) fn height_wanted(sheet: &Sheet, b: BoxMm, columns: usize) -> f64 {
    let m = Metrics::new(sheet.u, b, columns, 1.0);
    lay_out(sheet, b, columns, m).used + 2.0 * sheet.u
}

/// Whether the whole legend fits in `b` at its least size (labels at 6 pt).
pub(super) fn fits_at_least_size(sheet: &Sheet, b: BoxMm, columns: usize) -> bool {
    let m = Metrics::new(sheet.u, b, columns, min_scale(sheet.u));
    lay_out(sheet, b, columns, m).used <= b.h - 2.0 * sheet.u
}

/// The least scale of the legend: labels at 6 pt on the printed sheet (details neither:
/// see `detail_fs`).
fn min_scale(u: f64) -> f64 {
    SIX_PT_MM / (2.7 * u)
}

/// Draws the legend in `b` in `columns` columns.
pub(super) fn draw(out: &mut String, sheet: &Sheet, b: BoxMm, columns: usize) {
    let u = sheet.u;
    // Lay out at full size; shrink until it fits; drop what still does not, saying so.
    let mut scale = 1.0;
    let mut layout = lay_out(sheet, b, columns, Metrics::new(u, b, columns, scale));
    let min_scale = min_scale(u);
    while layout.used > b.h - 2.0 * u && scale > min_scale {
        scale = (scale - 0.06).max(min_scale);
        layout = lay_out(sheet, b, columns, Metrics::new(u, b, columns, scale));
    }
    let m = Metrics::new(u, b, columns, scale);
    let _ = write!(out, "<g id=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"#333\" stroke-width=\"{}\"/>", n(b.x), n(b.y), n(b.w), n(b.h), n(0.3 * u));
    text(
        out,
        b.x + 2.0 * u,
        b.y + 5.5 * u,
        3.4 * u,
        sheet.tr("图例", "Legend"),
        " font-weight=\"bold\"",
    );
    let bottom = |row: &Row<'_>| {
        b.y + row.y
            + row.lines.len() as f64 * m.fs * 1.25
            + if row.inline {
                0.0
            } else {
                row.detail.len() as f64 * m.detail_lh()
            }
    };
    // Entries end above the box's edge, or above the "… more not shown" note when some
    // must be left out (it was drawn over the last entry).
    let mut limit = b.y + b.h - 1.0 * u;
    if layout
        .rows
        .iter()
        .any(|row| row.item.is_some() && bottom(row) > limit)
    {
        limit = b.y + b.h - 4.5 * u;
    }
    let mut dropped = 0;
    for row in &layout.rows {
        let bx = b.x + 2.0 * u + row.col as f64 * m.col_w;
        let by = b.y + row.y;
        if bottom(row) > limit {
            if row.item.is_some() {
                dropped += 1;
            }
            continue;
        }
        match row.item {
            None => heading(out, row, bx, by, m.fs),
            Some(it) => entry(out, row, it, bx, by, m),
        }
    }
    if dropped > 0 {
        let msg = match sheet.lang {
            crate::project::Lang::Zh => format!("另有 {dropped} 项未列出"),
            crate::project::Lang::En => format!("{dropped} more not shown"),
        };
        text(
            out,
            b.x + 2.0 * u,
            b.y + b.h - 1.5 * u,
            2.2 * u,
            &msg,
            " fill=\"#777\"",
        );
    }
    out.push_str("</g>");
}

/// Lays the groups out in columns, moving to the next column when one is full.
fn lay_out<'a>(sheet: &Sheet<'a>, b: BoxMm, columns: usize, m: Metrics) -> Layout<'a> {
    let (u, fs) = (m.u, m.fs);
    let mut rows = Vec::new();
    let mut col = 0;
    let mut cy = 8.5 * u;
    let col_h = b.h - 2.0 * u;
    let groups = &sheet.scene.legend;
    let group_h = |k: usize| {
        let (heading, items) = &groups[k];
        heading.as_ref().map_or(0.0, |hd| {
            wrap(hd, fs, m.col_w).len() as f64 * fs * 1.3 + 1.0 * u
        }) + items
            .iter()
            .map(|it| row_height(&entry_row(it, 0, 0.0, m), m))
            .sum::<f64>()
    };
    for (k, (heading, items)) in groups.iter().enumerate() {
        // A group that would run over into the next column starts there when it fits in
        // one whole: a heading stays with its entries, and with the groups without a
        // heading that follow it (they carry on its list: the park boundary after the
        // roads).
        if heading.is_some() || k == 0 {
            let block_h: f64 = group_h(k)
                + (k + 1..groups.len())
                    .take_while(|&j| groups[j].0.is_none())
                    .map(group_h)
                    .sum::<f64>();
            if cy > 8.5 * u
                && cy + block_h > col_h
                && block_h <= col_h - 8.5 * u
                && col + 1 < columns
            {
                col += 1;
                cy = 8.5 * u;
            }
        }
        if let Some(hd) = heading {
            let lines = wrap(hd, fs, m.col_w);
            let hgt = lines.len() as f64 * fs * 1.3 + 1.0 * u;
            if cy + hgt > col_h && col + 1 < columns {
                col += 1;
                cy = 8.5 * u;
            }
            rows.push(Row {
                col,
                y: cy,
                lines,
                detail: vec![],
                inline: false,
                item: None,
            });
            cy += hgt;
        }
        for item in items {
            let row = entry_row(item, col, cy, m);
            let hgt = row_height(&row, m);
            let row = if cy + hgt > col_h && col + 1 < columns {
                col += 1;
                cy = 8.5 * u;
                Row { col, y: cy, ..row }
            } else {
                row
            };
            rows.push(row);
            cy += hgt;
        }
    }
    Layout { rows, used: cy }
}

/// An entry's lines: the count on the label's line, right-aligned, when both fit.
fn entry_row(item: &LegendItem, col: usize, y: f64, m: Metrics) -> Row<'_> {
    let (fs, text_w) = (m.fs, m.text_w());
    let inline = item.detail.as_ref().is_some_and(|d| {
        text_width(&item.label, fs) + 2.0 * m.u + text_width(d, m.detail_fs()) <= text_w
    });
    let lines = if inline {
        vec![item.label.clone()]
    } else {
        wrap(&item.label, fs, text_w)
    };
    let detail = match &item.detail {
        Some(d) if inline => vec![d.clone()],
        Some(d) => wrap(d, m.detail_fs(), text_w),
        None => vec![],
    };
    Row {
        col,
        y,
        lines,
        detail,
        inline,
        item: Some(item),
    }
}

/// The height an entry takes, with its gap below.
fn row_height(row: &Row, m: Metrics) -> f64 {
    let extra = if row.inline {
        0.0
    } else {
        row.detail.len() as f64 * m.detail_lh()
    };
    (row.lines.len() as f64 * m.fs * 1.25 + extra + 1.4 * m.u * m.scale).max(5.0 * m.u * m.scale)
}

/// A group heading.
fn heading(out: &mut String, row: &Row, bx: f64, by: f64, fs: f64) {
    for (k, l) in row.lines.iter().enumerate() {
        text(
            out,
            bx,
            by + fs * (1.0 + 1.3 * k as f64),
            fs,
            l,
            " font-weight=\"bold\" fill=\"#333\"",
        );
    }
}

/// An entry: swatch, label lines and detail.
fn entry(out: &mut String, row: &Row, it: &LegendItem, bx: f64, by: f64, m: Metrics) {
    let (u, fs) = (m.u, m.fs);
    let (sw, sh) = (7.0 * u * m.scale, 4.2 * u * m.scale);
    let sy = by + 0.2 * u;
    let _ = write!(
        out,
        "<g class=\"legend-item\" data-label=\"{}\">",
        esc(&it.label)
    );
    swatch(
        out,
        it,
        BoxMm {
            x: bx,
            y: sy,
            w: sw,
            h: sh,
        },
        u,
    );
    let tx = bx + sw + 2.0 * u * m.scale;
    for (k, l) in row.lines.iter().enumerate() {
        text(
            out,
            tx,
            by + fs * (1.0 + 1.25 * k as f64),
            fs,
            l,
            " fill=\"#111\"",
        );
    }
    if row.inline {
        if let Some(d) = row.detail.first() {
            text(
                out,
                bx + m.col_w - 2.5 * u,
                by + fs,
                m.detail_fs(),
                d,
                " text-anchor=\"end\" fill=\"#555\"",
            );
        }
    } else {
        let base = by + fs * (1.0 + 1.25 * row.lines.len() as f64) - 0.2 * fs;
        for (k, l) in row.detail.iter().enumerate() {
            text(
                out,
                tx,
                base + m.detail_lh() * k as f64,
                m.detail_fs(),
                l,
                " fill=\"#555\"",
            );
        }
    }
    out.push_str("</g>");
}

/// An entry's swatch in box `s`: a filled box, a line or a point symbol.
fn swatch(out: &mut String, it: &LegendItem, s: BoxMm, u: f64) {
    let BoxMm {
        x: bx,
        y: sy,
        w: sw,
        h: sh,
    } = s;
    match it.swatch {
        Swatch::Area => {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}/>",
                n(bx),
                n(sy),
                n(sw),
                n(sh),
                style_attrs(&Style {
                    stroke_mm: it.style.stroke_mm.max(0.15),
                    ..it.style.clone()
                })
            );
            if let Some(hc) = &it.style.hatch {
                for k in 0..4 {
                    let xx = bx + sw * k as f64 / 4.0;
                    let _ = write!(out, "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{hc}\" stroke-width=\"0.35\"/>", n(xx), n(sy + sh), n(xx + sh.min(sw / 4.0 + 1.0)), n(sy));
                }
            }
        }
        Swatch::Line => {
            let _ = write!(
                out,
                "<path d=\"M{} {}L{} {}\"{}/>",
                n(bx),
                n(sy + sh / 2.0),
                n(bx + sw),
                n(sy + sh / 2.0),
                style_attrs(&it.style)
            );
        }
        Swatch::Key(number) => key(out, number, bx + sw / 2.0, sy + sh / 2.0, u),
        Swatch::Point => symbol(
            out,
            &Style {
                size_mm: it.style.size_mm.max(2.2 * u),
                ..it.style.clone()
            },
            bx + sw / 2.0,
            sy + sh / 2.0,
        ),
    }
}
