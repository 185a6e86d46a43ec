//! The legend: grouped entries with swatches, counts and 亩 on the label's line when they
//! fit, wrapping, shrinking to fit its box, and saying how many entries it had to leave out.

use std::fmt::Write;

use super::compose::{style_attrs, symbol, text, wrap};
use super::labels::text_width;
use super::scene::{LegendItem, Scene, Style, Swatch};
use super::svg::{esc, n};
use crate::project::Lang;

#[allow(clippy::too_many_arguments)]
pub(super) fn legend(
    out: &mut String,
    scene: &Scene,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    u: f64,
    lang: Lang,
    columns: usize,
) {
    // Lay out at full size; shrink until it fits; drop what still does not, saying so.
    struct Row<'a> {
        col: usize,
        y: f64,
        lines: Vec<String>,
        detail: Vec<String>,
        inline: bool,
        item: Option<&'a LegendItem>,
    }
    let layout = |scale: f64| -> (Vec<Row>, f64) {
        let fs = 2.7 * u * scale;
        let col_w = (w - 4.0 * u) / columns as f64;
        let text_w = col_w - 10.0 * u * scale;
        let mut rows = Vec::new();
        let mut col = 0;
        let mut cy = 8.5 * u;
        let col_h = h - 2.0 * u;
        for (heading, items) in &scene.legend {
            if let Some(hd) = heading {
                let lines = wrap(hd, fs, col_w);
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
                // The count goes on the label's line, right-aligned, when both fit.
                let inline = item.detail.as_ref().is_some_and(|d| {
                    text_width(&item.label, fs) + 2.0 * u + text_width(d, fs * 0.82) <= text_w
                });
                let lines = if inline {
                    vec![item.label.clone()]
                } else {
                    wrap(&item.label, fs, text_w)
                };
                let detail = match &item.detail {
                    Some(d) if inline => vec![d.clone()],
                    Some(d) => wrap(d, fs * 0.82, text_w),
                    None => vec![],
                };
                let extra = if inline {
                    0.0
                } else {
                    detail.len() as f64 * fs * 1.05
                };
                let hgt =
                    (lines.len() as f64 * fs * 1.25 + extra + 1.4 * u * scale).max(5.0 * u * scale);
                if cy + hgt > col_h && col + 1 < columns {
                    col += 1;
                    cy = 8.5 * u;
                }
                rows.push(Row {
                    col,
                    y: cy,
                    lines,
                    detail,
                    inline,
                    item: Some(item),
                });
                cy += hgt;
            }
        }
        (rows, cy)
    };
    let mut scale = 1.0;
    let (mut rows, mut used) = layout(scale);
    while used > h - 2.0 * u && scale > 0.62 {
        scale -= 0.06;
        (rows, used) = layout(scale);
    }
    let fs = 2.7 * u * scale;
    let col_w = (w - 4.0 * u) / columns as f64;
    let _ = write!(out, "<g id=\"legend\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"#333\" stroke-width=\"{}\"/>", n(x), n(y), n(w), n(h), n(0.3 * u));
    text(
        out,
        x + 2.0 * u,
        y + 5.5 * u,
        3.4 * u,
        if lang == Lang::Zh { "图例" } else { "Legend" },
        " font-weight=\"bold\"",
    );
    let mut dropped = 0;
    for row in &rows {
        let bx = x + 2.0 * u + row.col as f64 * col_w;
        let by = y + row.y;
        let item_h = row.lines.len() as f64 * fs * 1.25
            + if row.inline {
                0.0
            } else {
                row.detail.len() as f64 * fs * 1.05
            };
        if by + item_h > y + h - 1.0 * u {
            if row.item.is_some() {
                dropped += 1;
            }
            continue;
        }
        match row.item {
            None => {
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
            Some(it) => {
                let (sw, sh) = (7.0 * u * scale, 4.2 * u * scale);
                let sy = by + 0.2 * u;
                let _ = write!(
                    out,
                    "<g class=\"legend-item\" data-label=\"{}\">",
                    esc(&it.label)
                );
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
                let tx = bx + sw + 2.0 * u * scale;
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
                            bx + col_w - 2.5 * u,
                            by + fs,
                            fs * 0.82,
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
                            base + fs * 1.05 * k as f64,
                            fs * 0.82,
                            l,
                            " fill=\"#555\"",
                        );
                    }
                }
                out.push_str("</g>");
            }
        }
    }
    if dropped > 0 {
        let msg = if lang == Lang::Zh {
            format!("另有 {dropped} 项未列出")
        } else {
            format!("{dropped} more not shown")
        };
        text(
            out,
            x + 2.0 * u,
            y + h - 1.5 * u,
            2.2 * u,
            &msg,
            " fill=\"#777\"",
        );
    }
    out.push_str("</g>");
}
