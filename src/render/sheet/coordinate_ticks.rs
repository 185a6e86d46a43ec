//! Coordinate ticks on the map frame: short marks at round survey coordinates on all four
//! edges, labelled along the top (easting) and the left (northing) edge inside the frame,
//! in the working frame's CGCS2000 Gauss-Krüger metres (X north, Y east, as Chinese survey
//! sheets write them; E/N in English).

use std::fmt::Write;

use super::Sheet;
use crate::render::draw::text;
use crate::render::page::BoxMm;
use crate::render::svg::n;

/// Tick intervals, metres: 1, 2, 5 × 10ⁿ.
fn interval(span_m: f64, at_most: usize) -> f64 {
    let mut e = 0;
    loop {
        for m in [1.0, 2.0, 5.0] {
            let step = m * 10f64.powi(e);
            if span_m / step <= at_most as f64 {
                return step;
            }
        }
        e += 1;
    }
}

/// The round coordinates strictly inside `lo..hi`, `step` apart.
fn ticks(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    let mut v = Vec::new();
    let mut t = (lo / step).floor() * step + step;
    while t < hi {
        v.push(t);
        t += step;
    }
    v
}

/// The page boxes the tick labels take (mm: x0, y0, x1, y1), so map labels keep off them.
pub(super) fn label_bands(sheet: &Sheet) -> [(f64, f64, f64, f64); 2] {
    let (f, u) = (sheet.frame, sheet.u);
    let band = 4.4 * u;
    [
        (f.x, f.y, f.right(), f.y + band),
        (f.x, f.y, f.x + band, f.bottom()),
    ]
}

/// Space kept free of tick labels at the frame's top-right (north arrow) and bottom-left
/// (scale bar) corners, mm on A4.
const CORNER_KEEP: f64 = 22.0;

/// Draws the ticks and their labels; returns how many labels were written.
pub(super) fn draw(out: &mut String, sheet: &Sheet) -> usize {
    let (f, u, t) = (sheet.frame, sheet.u, &sheet.to_page);
    let view = sheet.scene.extent;
    let step = interval(view.width().max(view.height()), 6);
    let tick = 1.6 * u;
    let fs = 6.0 * 25.4 / 72.0 * u; // 6 pt
    let zh = sheet.lang == crate::project::Lang::Zh;
    let _ = write!(
        out,
        "<g id=\"coordinate-ticks\" data-interval-m=\"{}\" font-size=\"{}\" fill=\"#333\">",
        n(step),
        n(fs)
    );
    let stroke = format!(" stroke=\"#333\" stroke-width=\"{}\"", n(0.2 * u));
    let mut written = 0;
    let BoxMm { x, y, w: _, h: _ } = f;
    for e in ticks(view.min().x, view.max().x, step) {
        let (px, _) = t.apply(geo::Coord {
            x: e,
            y: view.min().y,
        });
        for (y0, y1) in [(y, y + tick), (f.bottom() - tick, f.bottom())] {
            let _ = write!(
                out,
                "<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"{stroke}/>",
                n(px),
                n(y0),
                n(y1)
            );
        }
        if px > f.right() - CORNER_KEEP * u || px < f.x + 6.0 * u {
            continue;
        }
        let label = format!("{}{:.0}", if zh { "Y=" } else { "E " }, e);
        text(
            out,
            px,
            y + tick + fs * 1.05,
            fs,
            &label,
            &halo(u, "middle"),
        );
        written += 1;
    }
    for nth in ticks(view.min().y, view.max().y, step) {
        let (_, py) = t.apply(geo::Coord {
            x: view.min().x,
            y: nth,
        });
        for (x0, x1) in [(x, x + tick), (f.right() - tick, f.right())] {
            let _ = write!(
                out,
                "<line x1=\"{0}\" y1=\"{2}\" x2=\"{1}\" y2=\"{2}\"{stroke}/>",
                n(x0),
                n(x1),
                n(py)
            );
        }
        if py > f.bottom() - CORNER_KEEP * u || py < f.y + 6.0 * u {
            continue;
        }
        let label = format!("{}{:.0}", if zh { "X=" } else { "N " }, nth);
        let (lx, ly) = (x + tick + fs * 0.8, py);
        let _ = write!(
            out,
            "<text x=\"{0}\" y=\"{1}\" transform=\"rotate(-90 {0} {1})\"{2}>{3}</text>",
            n(lx),
            n(ly),
            halo(u, "middle"),
            crate::render::svg::esc(&label)
        );
        written += 1;
    }
    out.push_str("</g>");
    written
}

/// Text attributes with a white halo.
fn halo(u: f64, anchor: &str) -> String {
    format!(
        " text-anchor=\"{anchor}\" stroke=\"#ffffff\" stroke-width=\"{}\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
        n(0.5 * u)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_are_round_and_few() {
        assert_eq!(interval(3_170.0, 6), 1000.0);
        assert_eq!(interval(14_000.0, 6), 5000.0);
        assert_eq!(interval(900.0, 6), 200.0);
        assert_eq!(
            ticks(499_950.0, 502_100.0, 1000.0),
            vec![500_000.0, 501_000.0, 502_000.0]
        );
    }
}
