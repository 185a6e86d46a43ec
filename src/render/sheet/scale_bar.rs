//! The scale bar: four alternating segments of a round length, and the ratio scale.

use std::fmt::Write;

use super::Sheet;
use crate::project::Lang;
use crate::render::draw::text;
use crate::render::svg::n;

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

/// A length for the bar's ticks: metres below a kilometre, else kilometres.
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

/// The bar's length (metres and mm) and its left end on the page (x, y of the bar's top).
fn layout(sheet: &Sheet) -> (f64, f64, f64, f64) {
    let (t, f, u) = (&sheet.to_page, sheet.frame, sheet.u);
    let len_m = round_length(0.22 * f.w / t.s);
    (len_m, len_m * t.s, f.x + 6.0 * u, f.bottom() - 7.0 * u)
}

/// The page box the scale bar and its white backing take (mm: x0, y0, x1, y1).
pub(super) fn footprint(sheet: &Sheet) -> (f64, f64, f64, f64) {
    let u = sheet.u;
    let (_, len_mm, x0, y0) = layout(sheet);
    (
        x0 - 2.0 * u,
        y0 - 5.0 * u,
        x0 + len_mm + 12.0 * u,
        y0 + 4.5 * u,
    )
}

/// Draws the scale bar in the frame's lower-left corner.
pub(super) fn draw(out: &mut String, sheet: &Sheet) {
    let (t, u, lang) = (&sheet.to_page, sheet.u, sheet.lang);
    let (len_m, len_mm, x0, y0) = layout(sheet);
    let hh = 1.4 * u;
    let _ = write!(
        out,
        "<g id=\"scalebar\" data-denominator=\"{}\" data-metres=\"{}\" data-mm=\"{}\" data-mm-per-m=\"{}\">",
        (1000.0 / t.s).round(),
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
    // The view was fitted at a standard round scale (page::fit_view): this is that value.
    let denom = (1000.0 / t.s).round();
    let ratio = format!(
        "{} 1:{}",
        sheet.tr("比例尺", "Scale"),
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
}
