//! Map furniture around the frame: north arrow, scale bar with round lengths, locator
//! inset and title block.

use std::fmt::Write;

use geo::Coord;

use super::compose::{fmt_len, round_length, text};
use super::labels::text_width;
use super::scene::Scene;
use super::svg::{n, path_data, ToPage};
use crate::project::Lang;

pub(super) fn north_arrow(out: &mut String, x: f64, y: f64, u: f64, lang: Lang) {
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

pub(super) fn scale_bar(
    out: &mut String,
    t: &ToPage,
    frame: (f64, f64, f64, f64),
    u: f64,
    lang: Lang,
) {
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
pub(super) fn inset(
    out: &mut String,
    scene: &Scene,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    u: f64,
    lang: Lang,
) {
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
pub(super) fn title_block(
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
