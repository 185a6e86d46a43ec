//! The map inside its frame: the hatch patterns the layers use, the layers (one path per
//! style, outlines left out where they would only blur), point symbols and labels.

use std::fmt::Write;

use geo::{BoundingRect, Geometry};

use super::Sheet;
use crate::render::draw::{style_attrs, symbol, text};
use crate::render::labels::place;
use crate::render::scene::{SceneLayer, Style};
use crate::render::svg::{n, outline_data, path_data, ToPage};

/// Filled areas whose page size (bounding-box diagonal) averages under this many mm are
/// drawn without their outlines.
pub const FINE_MM: f64 = 1.0;

/// Writes `<defs>` (the frame's clip path and one hatch pattern per hatch colour) and
/// returns the hatch colours in pattern order.
pub(super) fn defs(out: &mut String, sheet: &Sheet) -> Vec<&'static str> {
    let f = sheet.frame;
    out.push_str("<defs>");
    let _ = write!(
        out,
        "<clipPath id=\"mapclip\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath>",
        n(f.x),
        n(f.y),
        n(f.w),
        n(f.h)
    );
    let mut hatches: Vec<&'static str> = Vec::new();
    for layer in &sheet.scene.layers {
        for st in &layer.styles {
            if let Some(hc) = st.hatch {
                if !hatches.contains(&hc) {
                    hatches.push(hc);
                }
            }
        }
    }
    for (i, hc) in hatches.iter().enumerate() {
        let _ = write!(out, "<pattern id=\"hatch{i}\" width=\"1.6\" height=\"1.6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"1.6\" stroke=\"{hc}\" stroke-width=\"0.4\"/></pattern>");
    }
    out.push_str("</defs>");
    hatches
}

/// Draws the layers and labels, clipped to the frame.
pub(super) fn draw(out: &mut String, sheet: &Sheet, hatches: &[&str]) {
    let f = sheet.frame;
    out.push_str("<g id=\"map\" clip-path=\"url(#mapclip)\">");
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fbfbf8\"/>",
        n(f.x),
        n(f.y),
        n(f.w),
        n(f.h)
    );
    for (li, layer) in sheet.scene.layers.iter().enumerate() {
        let _ = write!(out, "<g id=\"layer{li}\">");
        draw_layer(out, layer, &sheet.to_page, hatches);
        out.push_str("</g>");
    }
    labels(out, sheet);
    markers(out, sheet);
    out.push_str("</g>");
}

/// One layer: its items grouped by style, one path per style.
fn draw_layer(out: &mut String, layer: &SceneLayer, t: &ToPage, hatches: &[&str]) {
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
                    path_data(&mut d, other, t)
                }
            }
        }
        if !d.is_empty() {
            // Outlines of areas that are on average under FINE_MM on the page would only
            // blur their fill (and cost most of the drawing time): left out.
            let fine = areas > 0 && st.fill.is_some() && diagonal_mm / (areas as f64) < FINE_MM;
            let drawn = if fine {
                Style {
                    stroke: None,
                    ..st.clone()
                }
            } else {
                st.clone()
            };
            area_paths(out, &d, items, &drawn, t);
            if let Some(hc) = &st.hatch {
                let i = hatches.iter().position(|x| x == hc).unwrap_or(0);
                let _ = write!(out, "<path fill-rule=\"evenodd\" d=\"{d}\" fill=\"url(#hatch{i})\" stroke=\"none\"/>");
            }
        }
        for (x, y) in points {
            symbol(out, st, x, y);
        }
    }
}

/// The path of one style's areas and lines (`d`), stroked only where its rings can be
/// seen.
fn area_paths(out: &mut String, d: &str, items: &[&Geometry<f64>], drawn: &Style, t: &ToPage) {
    // Outlines of rings too small to see are left out, for the styles that still stroke
    // areas: the approvals' remainders hold a hole for every supplied parcel, and at city
    // scale their outlines painted whole parks blue.
    let mut outline = String::new();
    let mut dropped = 0usize;
    if drawn.fill.is_some() && drawn.stroke.is_some() {
        for g in items {
            dropped += outline_data(&mut outline, g, t, FINE_MM);
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
            style_attrs(drawn)
        );
    }
}

/// The numbered markers, each where it belongs (labels keep clear of them).
fn markers(out: &mut String, sheet: &Sheet) {
    if sheet.scene.markers.is_empty() {
        return;
    }
    out.push_str("<g id=\"markers\">");
    let placed = super::marker_layout::lay_out(sheet);
    // Leaders first, under every key: a number moved off its point points back to it.
    for m in placed.iter().filter(|m| m.at != m.anchor) {
        let _ = std::fmt::Write::write_fmt(
            out,
            format_args!(
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#7a0177\" stroke-width=\"{}\"/><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#7a0177\"/>",
                crate::render::svg::n(m.anchor.0),
                crate::render::svg::n(m.anchor.1),
                crate::render::svg::n(m.at.0),
                crate::render::svg::n(m.at.1),
                crate::render::svg::n(0.2 * sheet.u),
                crate::render::svg::n(m.anchor.0),
                crate::render::svg::n(m.anchor.1),
                crate::render::svg::n(0.45 * sheet.u)
            ),
        );
    }
    for m in &placed {
        crate::render::draw::key(out, m.number, m.at.0, m.at.1, sheet.u);
    }
    out.push_str("</g>");
}

/// The page boxes of the numbered markers.
pub(super) fn marker_boxes(sheet: &Sheet) -> Vec<crate::render::labels::PageBox> {
    let r = crate::render::draw::KEY_R * sheet.u;
    super::marker_layout::lay_out(sheet)
        .iter()
        .map(|m| {
            let (x, y) = m.at;
            (x - r, y - r, x + r, y + r)
        })
        .collect()
}

/// The labels that fit, never overlapping, with a white halo.
fn labels(out: &mut String, sheet: &Sheet) {
    let f = sheet.frame;
    out.push_str("<g id=\"labels\">");
    for p in place(
        &sheet.scene.labels,
        &sheet.to_page,
        (f.x, f.y, f.right(), f.bottom()),
        &super::furniture_boxes(sheet),
    ) {
        let weight = if p.label.major {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let halo = if p.label.major { "0.9" } else { "0.45" };
        text(
            out,
            p.x,
            p.y + p.label.size_mm * 0.36,
            p.label.size_mm,
            &p.label.text,
            &format!(" text-anchor=\"middle\"{weight} fill=\"#111\" stroke=\"#ffffff\" stroke-width=\"{halo}\" stroke-linejoin=\"round\" paint-order=\"stroke\""),
        );
    }
    out.push_str("</g>");
}
