//! Page composition: the scene drawn into a map frame on an A4/A3 page, with the title,
//! legend (wrapping, shrinking, never overflowing), scale bar with round lengths, north
//! arrow, locator inset and title block. Units are millimetres throughout.

use std::fmt::Write;

use geo::{BoundingRect, Geometry};

use super::furniture::{inset, north_arrow, scale_bar, title_block};
use super::labels::{place, text_width};
use super::legend::legend;
use super::scene::{Scene, Style, Symbol};
use super::svg::{esc, n, outline_data, path_data, ToPage};
use crate::project::Lang;

/// Filled areas whose page size (bounding-box diagonal) averages under this many mm are
/// drawn without their outlines.
pub const FINE_MM: f64 = 1.0;

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

pub(super) fn fmt_len(m: f64, lang: Lang) -> String {
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

pub(super) fn style_attrs(s: &Style) -> String {
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

pub(super) fn symbol(out: &mut String, s: &Style, x: f64, y: f64) {
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

pub(super) fn text(out: &mut String, x: f64, y: f64, size: f64, s: &str, extra: &str) {
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
pub(super) fn wrap(s: &str, size: f64, width: f64) -> Vec<String> {
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

/// Width of the landscape side panel (legend, inset, title block), mm on A4.
const SIDE_PANEL: f64 = 70.0;
/// Gap between the map frame and its panel, mm on A4.
const PANEL_GAP: f64 = 4.0;
/// Height of the portrait bottom panel, mm on A4.
const BOTTOM_PANEL: f64 = 78.0;

/// The map frame on a page: (x0, y0, x1, y1) in mm, beside the panel (landscape) or above
/// it (portrait), below the title.
fn map_frame(page: &Page) -> (f64, f64, f64, f64) {
    let (w, h) = page.size_mm();
    let u = w.max(h) / 297.0;
    let m = 8.0 * u;
    let title_h = 15.0 * u;
    if page.landscape {
        (m, m + title_h, w - m - (SIDE_PANEL + PANEL_GAP) * u, h - m)
    } else {
        (m, m + title_h, w - m, h - m - BOTTOM_PANEL * u)
    }
}

/// Page millimetres per world metre when `extent` is fitted into the map frame with a 3 %
/// margin on each side, aspect ratio kept.
pub fn map_scale(page: &Page, extent: geo::Rect<f64>) -> f64 {
    let (x0, y0, x1, y1) = map_frame(page);
    let (ew, eh) = (extent.width().max(1.0), extent.height().max(1.0));
    ((x1 - x0) / (ew * 1.06)).min((y1 - y0) / (eh * 1.06))
}

/// Draws the scene on a page and returns the SVG document.
pub fn compose_svg(scene: &Scene, page: &Page, lang: Lang) -> String {
    let (w, h) = page.size_mm();
    let u = w.max(h) / 297.0;
    let m = 8.0 * u;
    let landscape = page.landscape;
    let panel = if landscape { SIDE_PANEL * u } else { 0.0 };
    let bottom_panel = if landscape { 0.0 } else { BOTTOM_PANEL * u };
    let frame = map_frame(page);
    let (fw, fh) = (frame.2 - frame.0, frame.3 - frame.1);
    let e = scene.extent;
    let s = map_scale(page, e);
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
    let mut hatches: Vec<&str> = Vec::new();
    for layer in &scene.layers {
        for st in &layer.styles {
            if let Some(hc) = &st.hatch {
                if !hatches.contains(hc) {
                    hatches.push(hc);
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
        // Items by style, in one pass.
        let mut by_style: Vec<Vec<&Geometry<f64>>> = vec![Vec::new(); layer.styles.len()];
        for (g, sidx) in &layer.items {
            by_style[*sidx].push(g);
        }
        for (st, items) in layer.styles.iter().zip(&by_style) {
            let mut d = String::new();
            let mut points = Vec::new();
            let (mut areas, mut diagonal_mm) = (0usize, 0.0);
            for g in items {
                match g {
                    Geometry::Point(p) => points.push(t.apply(p.0)),
                    Geometry::MultiPoint(mp) => points.extend(mp.0.iter().map(|p| t.apply(p.0))),
                    other => {
                        if matches!(other, Geometry::Polygon(_) | Geometry::MultiPolygon(_)) {
                            if let Some(b) = other.bounding_rect() {
                                areas += 1;
                                diagonal_mm += b.width().hypot(b.height()) * t.s;
                            }
                        }
                        path_data(&mut d, other, &t)
                    }
                }
            }
            if !d.is_empty() {
                // Outlines of areas that are on average under FINE_MM on the page would
                // only blur their fill (and cost most of the drawing time): left out.
                let fine = areas > 0 && st.fill.is_some() && diagonal_mm / (areas as f64) < FINE_MM;
                let drawn = if fine {
                    Style {
                        stroke: None,
                        ..st.clone()
                    }
                } else {
                    st.clone()
                };
                // Outlines of rings too small to see are left out too, for the styles
                // that still stroke areas: the approvals' remainders hold a hole for every
                // supplied parcel, and at city scale their outlines painted whole parks blue.
                let mut outline = String::new();
                let mut dropped = 0usize;
                if drawn.fill.is_some() && drawn.stroke.is_some() {
                    for g in items {
                        dropped += outline_data(&mut outline, g, &t, FINE_MM);
                    }
                }
                if dropped > 0 {
                    // Fill every ring, stroke only the rings big enough to see.
                    let fill = Style {
                        stroke: None,
                        ..drawn.clone()
                    };
                    let line = Style {
                        fill: None,
                        ..drawn.clone()
                    };
                    let _ = write!(
                        out,
                        "<path fill-rule=\"evenodd\" d=\"{d}\"{}/><path d=\"{outline}\"{}/>",
                        style_attrs(&fill),
                        style_attrs(&line)
                    );
                } else {
                    let _ = write!(
                        out,
                        "<path fill-rule=\"evenodd\" d=\"{d}\"{}/>",
                        style_attrs(&drawn)
                    );
                }
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
        (frame.2 + PANEL_GAP * u, frame.1, panel, frame.3 - frame.1)
    } else {
        (
            m,
            frame.3 + PANEL_GAP * u,
            w - 2.0 * m,
            bottom_panel - PANEL_GAP * u,
        )
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
