//! The locator inset: the project's context shapes with the map's extent outlined in red.

use std::fmt::Write;

use geo::Coord;

use super::Sheet;
use crate::render::draw::text;
use crate::render::page::BoxMm;
use crate::render::svg::{n, path_data, ToPage};

/// Draws the locator inset in `b`.
pub(super) fn draw(out: &mut String, sheet: &Sheet, b: BoxMm) {
    let (u, scene) = (sheet.u, sheet.scene);
    let BoxMm { x, y, w, h } = b;
    if h <= 0.0 {
        return;
    }
    let _ = write!(out, "<g id=\"inset\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f3f5f7\" stroke=\"#333\" stroke-width=\"{}\"/>", n(x), n(y), n(w), n(h), n(0.3 * u));
    text(
        out,
        x + 2.0 * u,
        y + 4.2 * u,
        2.6 * u,
        sheet.tr("位置示意", "Locator"),
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
