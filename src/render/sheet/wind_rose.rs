//! The wind rose (风玫瑰图) under the north arrow: the 16 compass points' frequencies as a
//! closed star, each point's distance from the centre its frequency relative to the
//! largest, over a cross of the four main directions and a ring at the largest; the
//! caption below says what it is and where the data come from.

use std::fmt::Write;

use super::Sheet;
use crate::render::draw::text;
use crate::render::labels::PageBox;
use crate::render::svg::n;

/// Radius of the rose at the largest frequency, mm on A4.
const RADIUS: f64 = 8.0;

/// The rose's centre and radius on the page: under the north arrow, in the frame's
/// top-right corner.
fn place(sheet: &Sheet) -> (f64, f64, f64) {
    let u = sheet.u;
    let (tip_x, tip_y) = super::north_arrow_tip(sheet);
    (tip_x, tip_y + 9.0 * u + RADIUS * u, RADIUS * u)
}

/// The box the rose and its caption take, for labels to keep off.
pub(super) fn footprint(sheet: &Sheet) -> Option<PageBox> {
    sheet.scene.wind_rose.as_ref()?;
    let (cx, cy, r) = place(sheet);
    let u = sheet.u;
    let right = sheet.frame.right() - 1.0 * u;
    let left = (cx - r - 1.0 * u).min(right - caption_width(sheet) - 0.5 * u);
    let lines = caption_lines(&sheet.scene.wind_rose.as_ref()?.caption).len() as f64;
    Some((
        left,
        cy - r - 1.0 * u,
        right,
        cy + r + (2.0 + CAPTION_LINE * lines) * u,
    ))
}

/// The caption's font size, mm on A4 (6 pt), and its line height.
const CAPTION_FONT: f64 = 6.0 * 25.4 / 72.0;
const CAPTION_LINE: f64 = CAPTION_FONT * 1.25;

/// The caption's lines: its parts (split at " · ").
fn caption_lines(caption: &str) -> Vec<&str> {
    caption.split(" · ").collect()
}

fn caption_width(sheet: &Sheet) -> f64 {
    sheet.scene.wind_rose.as_ref().map_or(0.0, |w| {
        caption_lines(&w.caption)
            .iter()
            .map(|l| crate::render::text::text_width(l, CAPTION_FONT * sheet.u))
            .fold(0.0, f64::max)
    })
}

/// The points of the star, page mm, from north clockwise.
fn star(freq: &[f64; 16], cx: f64, cy: f64, r: f64) -> Vec<(f64, f64)> {
    let max = freq
        .iter()
        .copied()
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    freq.iter()
        .enumerate()
        .map(|(k, f)| {
            let a = (k as f64 * 22.5).to_radians();
            let d = r * f / max;
            (cx + d * a.sin(), cy - d * a.cos())
        })
        .collect()
}

/// Draws the scene's wind rose, when it has one.
pub(super) fn draw(out: &mut String, sheet: &Sheet) {
    let Some(w) = &sheet.scene.wind_rose else {
        return;
    };
    let u = sheet.u;
    let (cx, cy, r) = place(sheet);
    let pts = star(&w.frequencies, cx, cy, r);
    let _ = write!(
        out,
        "<g id=\"wind-rose\"><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"#999\" stroke-width=\"{}\" stroke-dasharray=\"{} {}\"/>",
        n(cx),
        n(cy),
        n(r),
        n(0.15 * u),
        n(0.6 * u),
        n(0.4 * u)
    );
    for (dx, dy) in [(1.0, 0.0), (0.0, 1.0)] {
        let _ = write!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\" stroke-width=\"{}\"/>",
            n(cx - dx * r),
            n(cy - dy * r),
            n(cx + dx * r),
            n(cy + dy * r),
            n(0.15 * u)
        );
    }
    let path: Vec<String> = pts
        .iter()
        .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
        .collect();
    let _ = write!(
        out,
        "<polygon points=\"{}\" fill=\"#4a90c2\" fill-opacity=\"0.45\" stroke=\"#1f5f8b\" stroke-width=\"{}\" stroke-linejoin=\"round\"/>",
        path.join(" "),
        n(0.3 * u)
    );
    // The caption, a line per part, right-aligned inside the frame.
    let right = sheet.frame.right() - 1.5 * u;
    for (i, line) in caption_lines(&w.caption).iter().enumerate() {
        text(
            out,
            right,
            cy + r + 3.0 * u + i as f64 * CAPTION_LINE * u,
            CAPTION_FONT * u,
            line,
            " text-anchor=\"end\" fill=\"#333\"",
        );
    }
    out.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::star;

    #[test]
    fn each_point_lies_in_its_direction_at_its_share_of_the_largest() {
        let mut f = [0.0; 16];
        f[0] = 10.0; // from the north
        f[4] = 5.0; // from the east
        let p = star(&f, 0.0, 0.0, 8.0);
        // North is up the page (y decreases), east to the right.
        assert!((p[0].0).abs() < 1e-9 && (p[0].1 + 8.0).abs() < 1e-9);
        assert!((p[4].0 - 4.0).abs() < 1e-9 && (p[4].1).abs() < 1e-9);
        assert!(p[8].0.abs() < 1e-9 && p[8].1.abs() < 1e-9);
    }
}
