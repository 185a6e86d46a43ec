//! Page composition: the scene drawn into a map frame on an A4/A3 page, with the title,
//! legend (wrapping, shrinking, never overflowing), scale bar with round lengths, north
//! arrow, locator inset and title block. Units are millimetres throughout.

use std::fmt::Write;

use geo::{Coord, Geometry};

use super::labels::{place, text_width};
use super::scene::{LegendItem, Scene, Style, Swatch, Symbol};
use super::svg::{esc, n, path_data, ToPage};
use crate::project::Lang;

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 297 × 210 mm.
    A4,
    /// 420 × 297 mm.
    A3,
}

/// A page: paper and orientation.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// Paper size.
    pub paper: Paper,
    /// Landscape (default) or portrait.
    pub landscape: bool,
}

impl Default for Page {
    fn default() -> Page {
        Page {
            paper: Paper::A4,
            landscape: true,
        }
    }
}

impl Page {
    /// Width and height in mm.
    pub fn size_mm(&self) -> (f64, f64) {
        let (a, b) = match self.paper {
            Paper::A4 => (297.0, 210.0),
            Paper::A3 => (420.0, 297.0),
        };
        if self.landscape {
            (a, b)
        } else {
            (b, a)
        }
    }
}

/// Round scale-bar lengths: 1, 2, 5 × 10ⁿ metres.
pub fn round_length(target_m: f64) -> f64 {
    let mut best = 1.0;
    for e in 0..8 {
        for m in [1.0, 2.0, 5.0] {
            let l = m * 10f64.powi(e);
            if l <= target_m {
                best = l;
            }
        }
    }
    best
}

fn fmt_len(m: f64, lang: Lang) -> String {
    if m >= 1000.0 {
        format!(
            "{}{}",
            crate::write::format_number(m / 1000.0, 2),
            if lang == Lang::Zh { " 千米" } else { " km" }
        )
    } else {
        format!(
            "{}{}",
            crate::write::format_number(m, 0),
            if lang == Lang::Zh { " 米" } else { " m" }
        )
    }
}

fn style_attrs(s: &Style) -> String {
    let mut a = String::new();
    match &s.fill {
        Some(f) => {
            let _ = write!(a, " fill=\"{f}\"");
            if s.opacity < 1.0 {
                let _ = write!(a, " fill-opacity=\"{}\"", n(s.opacity));
            }
        }
        None => a.push_str(" fill=\"none\""),
    }
    match &s.stroke {
        Some(c) if s.stroke_mm > 0.0 => {
            let _ = write!(a, " stroke=\"{c}\" stroke-width=\"{}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"", n(s.stroke_mm));
            if let Some((on, off)) = s.dash {
                let _ = write!(a, " stroke-dasharray=\"{} {}\"", n(on), n(off));
            }
        }
        _ => a.push_str(" stroke=\"none\""),
    }
    a
}

fn symbol(out: &mut String, s: &Style, x: f64, y: f64) {
    let r = s.size_mm / 2.0;
    let attrs = style_attrs(s);
    match s.symbol {
        Symbol::Circle => {
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{attrs}/>",
                n(x),
                n(y),
                n(r)
            );
        }
        Symbol::Square => {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{attrs}/>",
                n(x - r),
                n(y - r),
                n(2.0 * r),
                n(2.0 * r)
            );
        }
        Symbol::Triangle => {
            let _ = write!(
                out,
                "<path d=\"M{} {}L{} {}L{} {}Z\"{attrs}/>",
                n(x),
                n(y - r * 1.15),
                n(x + r),
                n(y + r * 0.7),
                n(x - r),
                n(y + r * 0.7)
            );
        }
    }
}

fn text(out: &mut String, x: f64, y: f64, size: f64, s: &str, extra: &str) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{extra}>{}</text>",
        n(x),
        n(y),
        n(size),
        esc(s)
    );
}

/// Splits a text into lines no wider than `width` mm.
fn wrap(s: &str, size: f64, width: f64) -> Vec<String> {
    let mut lines = vec![String::new()];
    for ch in s.chars() {
        let cur = lines.last_mut().expect("lines starts non-empty");
        let mut trial = cur.clone();
        trial.push(ch);
        if text_width(&trial, size) > width && !cur.is_empty() {
            lines.push(ch.to_string().trim_start().to_owned());
        } else {
            *cur = trial;
        }
    }
    lines
}

/// Draws the scene on a page and returns the SVG document.
pub fn compose_svg(scene: &Scene, page: &Page, lang: Lang) -> String {
    let (w, h) = page.size_mm();
    let u = w.max(h) / 297.0;
    let m = 8.0 * u;
    let title_h = 15.0 * u;
    let landscape = page.landscape;
    let panel = if landscape { 70.0 * u } else { 0.0 };
    let bottom_panel = if landscape { 0.0 } else { 78.0 * u };
    let frame = (
        m,
        m + title_h,
        w - m - if landscape { panel + 4.0 * u } else { 0.0 },
        h - m - bottom_panel,
    );
    let (fw, fh) = (frame.2 - frame.0, frame.3 - frame.1);
    // World → page: fit the extent with a margin, keep the aspect ratio.
    let e = scene.extent;
    let (ew, eh) = (e.width().max(1.0), e.height().max(1.0));
    let s = (fw / (ew * 1.06)).min(fh / (eh * 1.06));
    let c = e.center();
    let t = ToPage {
        ox: frame.0 + fw / 2.0,
        oy: frame.1 + fh / 2.0,
        x0: c.x,
        y0: c.y,
        s,
    };

    let mut out = String::with_capacity(1 << 20);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}mm\" height=\"{h}mm\" viewBox=\"0 0 {w} {h}\" font-family=\"{}\">",
        super::fonts::FAMILY
    );
    out.push_str("<defs>");
    let _ = write!(
        out,
        "<clipPath id=\"mapclip\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>",
        n(frame.0),
        n(frame.1),
        n(fw),
        n(fh)
    );
    let mut hatches: Vec<String> = Vec::new();
    for layer in &scene.layers {
        for st in &layer.styles {
            if let Some(hc) = &st.hatch {
                if !hatches.contains(hc) {
                    hatches.push(hc.clone());
                }
            }
        }
    }
    for (i, hc) in hatches.iter().enumerate() {
        let _ = write!(out, "<pattern id=\"hatch{i}\" width=\"1.6\" height=\"1.6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1.6\" stroke=\"{hc}\" stroke-width=\"0.4\"/></pattern>");
    }
    out.push_str("</defs>");
    let _ = write!(out, "<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>");

    // Title.
    text(
        &mut out,
        (frame.0 + frame.2) / 2.0,
        m + 7.0 * u,
        6.2 * u,
        &scene.title,
        " text-anchor=\"middle\" font-weight=\"bold\" fill=\"#111\"",
    );
    text(
        &mut out,
        (frame.0 + frame.2) / 2.0,
        m + 12.5 * u,
        3.2 * u,
        &scene.subtitle,
        " text-anchor=\"middle\" fill=\"#444\"",
    );

    // Map content.
    out.push_str("<g id=\"map\" clip-path=\"url(#mapclip)\">");
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fbfbf8\"/>",
        n(frame.0),
        n(frame.1),
        n(fw),
        n(fh)
    );
    for (li, layer) in scene.layers.iter().enumerate() {
        let _ = write!(out, "<g id=\"layer{li}\">");
        for (si, st) in layer.styles.iter().enumerate() {
            let mut d = String::new();
            let mut points = Vec::new();
            for (g, sidx) in &layer.items {
                if *sidx != si {
                    continue;
                }
                match g {
                    Geometry::Point(p) => points.push(t.apply(p.0)),
                    Geometry::MultiPoint(mp) => points.extend(mp.0.iter().map(|p| t.apply(p.0))),
                    other => path_data(&mut d, other, &t),
                }
            }
            if !d.is_empty() {
                let _ = write!(
                    out,
                    "<path fill-rule=\"evenodd\" d=\"{d}\"{}/>",
                    style_attrs(st)
                );
                if let Some(hc) = &st.hatch {
                    let i = hatches.iter().position(|x| x == hc).unwrap_or(0);
                    let _ = write!(out, "<path fill-rule=\"evenodd\" d=\"{d}\" fill=\"url(#hatch{i})\" stroke=\"none\"/>");
                }
            }
            for (x, y) in points {
                symbol(&mut out, st, x, y);
            }
        }
        out.push_str("</g>");
    }
    // Labels.
    out.push_str("<g id=\"labels\">");
    for p in place(&scene.labels, &t, (frame.0, frame.1, frame.2, frame.3)) {
        let weight = if p.label.major {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let halo = if p.label.major { "0.9" } else { "0.45" };
        text(
            &mut out,
            p.x,
            p.y + p.label.size_mm * 0.36,
            p.label.size_mm,
            &p.label.text,
            &format!(" text-anchor=\"middle\"{weight} fill=\"#111\" stroke=\"#ffffff\" stroke-width=\"{halo}\" stroke-linejoin=\"round\" paint-order=\"stroke\""),
        );
    }
    out.push_str("</g></g>");
    let _ = write!(out, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333\" stroke-width=\"{}\"/>", n(frame.0), n(frame.1), n(fw), n(fh), n(0.35 * u));

    north_arrow(&mut out, frame.2 - 10.0 * u, frame.1 + 6.0 * u, u, lang);
    scale_bar(&mut out, &t, frame, u, lang);

    // Panel: legend, inset, title block.
    let (px0, py0, pw, ph) = if landscape {
        (frame.2 + 4.0 * u, frame.1, panel, frame.3 - frame.1)
    } else {
        (m, frame.3 + 4.0 * u, w - 2.0 * m, bottom_panel - 4.0 * u)
    };
    let block_h = 31.0 * u;
    let inset_h = if landscape { 42.0 * u } else { 0.0 };
    if landscape {
        legend(
            &mut out,
            scene,
            px0,
            py0,
            pw,
            ph - block_h - inset_h - 6.0 * u,
            u,
            lang,
            1,
        );
        inset(
            &mut out,
            scene,
            px0,
            py0 + ph - block_h - inset_h - 3.0 * u,
            pw,
            inset_h,
            u,
            lang,
        );
        title_block(
            &mut out,
            scene,
            px0,
            py0 + ph - block_h,
            pw,
            block_h,
            u,
            lang,
        );
    } else {
        let half = pw * 0.58;
        legend(&mut out, scene, px0, py0, half, ph, u, lang, 2);
        let rx = px0 + half + 4.0 * u;
        let rw = pw - half - 4.0 * u;
        inset(
            &mut out,
            scene,
            rx,
            py0,
            rw,
            ph - block_h - 3.0 * u,
            u,
            lang,
        );
        title_block(
            &mut out,
            scene,
            rx,
            py0 + ph - block_h,
            rw,
            block_h,
            u,
            lang,
        );
    }
    out.push_str("</svg>");
    out
}

fn north_arrow(out: &mut String, x: f64, y: f64, u: f64, lang: Lang) {
    let s = 4.0 * u;
    let _ = write!(
        out,
        "<g id=\"north\"><path d=\"M{} {}L{} {}L{} {}Z\" fill=\"#222\"/><path d=\"M{} {}L{} {}L{} {}Z\" fill=\"#ffffff\" stroke=\"#222\" stroke-width=\"{}\"/>",
        n(x), n(y), n(x - s / 2.0), n(y + 1.6 * s), n(x), n(y + 1.25 * s),
        n(x), n(y), n(x + s / 2.0), n(y + 1.6 * s), n(x), n(y + 1.25 * s), n(0.2 * u)
    );
    text(
        out,
        x,
        y - 1.2 * u,
        3.2 * u,
        if lang == Lang::Zh { "北" } else { "N" },
        " text-anchor=\"middle\" font-weight=\"bold\"",
    );
    out.push_str("</g>");
}

fn scale_bar(out: &mut String, t: &ToPage, frame: (f64, f64, f64, f64), u: f64, lang: Lang) {
    let fw = frame.2 - frame.0;
    let len_m = round_length(0.22 * fw / t.s);
    let len_mm = len_m * t.s;
    let x0 = frame.0 + 6.0 * u;
    let y0 = frame.3 - 7.0 * u;
    let hh = 1.4 * u;
    let _ = write!(
        out,
        "<g id=\"scalebar\" data-metres=\"{}\" data-mm=\"{}\" data-mm-per-m=\"{}\">",
        n(len_m),
        crate::write::format_number(len_mm, 4),
        crate::write::format_number(t.s, 8)
    );
    let _ = write!(out, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" fill-opacity=\"0.8\"/>", n(x0 - 2.0 * u), n(y0 - 5.0 * u), n(len_mm + 14.0 * u), n(9.5 * u));
    for i in 0..4 {
        let seg = len_mm / 4.0;
        let fill = if i % 2 == 0 { "#222" } else { "#ffffff" };
        let _ = write!(out, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#222\" stroke-width=\"{}\"/>", n(x0 + seg * i as f64), n(y0), n(seg), n(hh), n(0.2 * u));
    }
    let fs = 2.4 * u;
    text(out, x0, y0 - 0.8 * u, fs, "0", " text-anchor=\"middle\"");
    text(
        out,
        x0 + len_mm / 2.0,
        y0 - 0.8 * u,
        fs,
        &fmt_len(len_m / 2.0, lang).replace([' ', '米', 'm', '千', 'k'], ""),
        " text-anchor=\"middle\"",
    );
    text(
        out,
        x0 + len_mm,
        y0 - 0.8 * u,
        fs,
        &fmt_len(len_m, lang),
        " text-anchor=\"middle\"",
    );
    let denom = (1000.0 / t.s / 100.0).round() * 100.0;
    let ratio = format!(
        "{} 1:{}",
        if lang == Lang::Zh {
            "比例尺"
        } else {
            "Scale"
        },
        crate::write::format_number(denom, 0)
    );
    text(
        out,
        x0,
        y0 + hh + 2.8 * u,
        2.2 * u,
        &ratio,
        " fill=\"#333\"",
    );
    out.push_str("</g>");
}

#[allow(clippy::too_many_arguments)]
fn legend(
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

#[allow(clippy::too_many_arguments)]
fn inset(out: &mut String, scene: &Scene, x: f64, y: f64, w: f64, h: f64, u: f64, lang: Lang) {
    if h <= 0.0 {
        return;
    }
    let _ = write!(out, "<g id=\"inset\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f3f5f7\" stroke=\"#333\" stroke-width=\"{}\"/>", n(x), n(y), n(w), n(h), n(0.3 * u));
    text(
        out,
        x + 2.0 * u,
        y + 4.2 * u,
        2.6 * u,
        if lang == Lang::Zh {
            "位置示意"
        } else {
            "Locator"
        },
        " font-weight=\"bold\" fill=\"#333\"",
    );
    let ctx = scene.context;
    let (iw, ih) = (w - 4.0 * u, h - 8.0 * u);
    let s = (iw / ctx.width().max(1.0)).min(ih / ctx.height().max(1.0)) * 0.92;
    let c = ctx.center();
    let t = ToPage {
        ox: x + w / 2.0,
        oy: y + 5.5 * u + ih / 2.0,
        x0: c.x,
        y0: c.y,
        s,
    };
    let mut d = String::new();
    for g in &scene.context_shapes {
        path_data(&mut d, g, &t);
    }
    if !d.is_empty() {
        let _ = write!(
            out,
            "<path d=\"{d}\" fill=\"#c8ccd2\" stroke=\"#7a808a\" stroke-width=\"{}\"/>",
            n(0.15 * u)
        );
    }
    let e = scene.extent;
    let (ax, ay) = t.apply(Coord {
        x: e.min().x,
        y: e.max().y,
    });
    let (bx, by) = t.apply(Coord {
        x: e.max().x,
        y: e.min().y,
    });
    let _ = write!(out, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"{}\"/>", n(ax), n(ay), n((bx - ax).max(0.8)), n((by - ay).max(0.8)), n(0.45 * u));
    out.push_str("</g>");
}

#[allow(clippy::too_many_arguments)]
fn title_block(
    out: &mut String,
    scene: &Scene,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    u: f64,
    _lang: Lang,
) {
    let rows = &scene.title_block;
    let _ = write!(out, "<g id=\"titleblock\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#ffffff\" stroke=\"#333\" stroke-width=\"{}\"/>", n(x), n(y), n(w), n(h), n(0.3 * u));
    let rh = h / rows.len().max(1) as f64;
    let kw = 14.0 * u;
    for (i, (k, v)) in rows.iter().enumerate() {
        let ry = y + rh * i as f64;
        if i > 0 {
            let _ = write!(out, "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\" stroke-width=\"{}\"/>", n(x), n(ry), n(x + w), n(ry), n(0.15 * u));
        }
        let fs = (rh * 0.5).min(2.4 * u);
        text(out, x + 1.5 * u, ry + rh * 0.65, fs, k, " fill=\"#555\"");
        // Long values shrink to fit the cell.
        let avail = w - kw - 2.0 * u;
        let fv = if text_width(v, fs) > avail {
            fs * avail / text_width(v, fs)
        } else {
            fs
        };
        text(out, x + kw, ry + rh * 0.65, fv, v, " fill=\"#111\"");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_bar_lengths_are_round() {
        assert_eq!(round_length(730.0), 500.0);
        assert_eq!(round_length(1999.0), 1000.0);
        assert_eq!(round_length(2100.0), 2000.0);
        assert_eq!(round_length(60.0), 50.0);
    }

    #[test]
    fn wrapping_keeps_lines_within_width() {
        let lines = wrap("公共管理与公共服务设施用地 A 类", 3.0, 20.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 3.0) <= 20.0 + 3.0));
    }
}
