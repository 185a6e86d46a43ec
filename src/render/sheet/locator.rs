//! The locator inset: where the map's view lies in its surroundings — the built-up area,
//! every park (or the parcels), the main roads — with the view outlined in red. The inset
//! spans at least three times the view each way, so a city-wide map still shows what lies
//! around the city.

use std::fmt::Write;

use geo::{Coord, Geometry, Rect};

use super::Sheet;
use crate::render::draw::text;
use crate::render::page::BoxMm;
use crate::render::svg::{n, path_data, ToPage};

/// How many times the view's width and height the inset spans at least.
const CONTEXT_FACTOR: f64 = 3.0;

/// The world rectangle the inset shows: the project's extent and the view, grown about
/// their centre to at least [`CONTEXT_FACTOR`] times the view.
fn inset_extent(view: Rect<f64>, context: Rect<f64>) -> Rect<f64> {
    let lo = Coord {
        x: view.min().x.min(context.min().x),
        y: view.min().y.min(context.min().y),
    };
    let hi = Coord {
        x: view.max().x.max(context.max().x),
        y: view.max().y.max(context.max().y),
    };
    let c = Coord {
        x: (lo.x + hi.x) / 2.0,
        y: (lo.y + hi.y) / 2.0,
    };
    let hw = ((hi.x - lo.x) / 2.0).max(view.width() * CONTEXT_FACTOR / 2.0);
    let hh = ((hi.y - lo.y) / 2.0).max(view.height() * CONTEXT_FACTOR / 2.0);
    Rect::new(
        Coord {
            x: c.x - hw,
            y: c.y - hh,
        },
        Coord {
            x: c.x + hw,
            y: c.y + hh,
        },
    )
}

/// Path data of shapes through a transform.
fn paths(shapes: &[Geometry<f64>], t: &ToPage) -> String {
    let mut d = String::new();
    for g in shapes {
        path_data(&mut d, g, t);
    }
    d
}

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
    let ctx = inset_extent(scene.extent, scene.context);
    let (iw, ih) = (w - 4.0 * u, h - 8.0 * u);
    let s = (iw / ctx.width().max(1.0)).min(ih / ctx.height().max(1.0));
    let c = ctx.center();
    let (ox, oy) = (x + w / 2.0, y + 5.5 * u + ih / 2.0);
    let t = ToPage {
        ox,
        oy,
        x0: c.x,
        y0: c.y,
        s,
    };
    let _ = write!(
        out,
        "<clipPath id=\"insetclip\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath><g clip-path=\"url(#insetclip)\">",
        n(ox - iw / 2.0),
        n(oy - ih / 2.0),
        n(iw),
        n(ih)
    );
    let layers = [
        (&scene.context_built_up, "fill=\"#f1dccf\" stroke=\"none\""),
        (&scene.context_shapes, "fill=\"#a9b0ba\" stroke=\"#6b717b\""),
        (&scene.context_roads, "fill=\"none\" stroke=\"#8c8c8c\""),
    ];
    for (shapes, paint) in layers {
        let d = paths(shapes, &t);
        if !d.is_empty() {
            let _ = write!(
                out,
                "<path d=\"{d}\" {paint} stroke-width=\"{}\"/>",
                n(0.15 * u)
            );
        }
    }
    out.push_str("</g>");
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inset_spans_three_views_and_the_whole_project() {
        let r = |x0: f64, y0: f64, x1: f64, y1: f64| {
            Rect::new(Coord { x: x0, y: y0 }, Coord { x: x1, y: y1 })
        };
        let city = r(0.0, 0.0, 10_000.0, 8_000.0);
        let whole = inset_extent(city, city);
        assert!(whole.width() >= 30_000.0 - 1e-6 && whole.height() >= 24_000.0 - 1e-6);
        let park = r(9_000.0, 7_000.0, 9_500.0, 7_400.0);
        let e = inset_extent(park, city);
        assert!(e.min().x <= 0.0 && e.max().x >= 10_000.0);
        assert!(e.min().y <= 0.0 && e.max().y >= 8_000.0);
    }
}
