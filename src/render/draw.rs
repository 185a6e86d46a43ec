//! SVG element writing shared by the map and its furniture: style attributes, point
//! symbols and text. Every number goes out at 0.01 mm.

use std::fmt::Write;

use super::scene::{Style, Symbol};
use super::svg::{esc, n};

/// The fill and stroke attributes of a style.
pub(crate) fn style_attrs(s: &Style) -> String {
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

/// A point symbol of the style's shape and size, centred on (x, y).
pub(crate) fn symbol(out: &mut String, s: &Style, x: f64, y: f64) {
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

/// Radius of a numbered key on the page, mm on A4.
pub(crate) const KEY_R: f64 = 1.6;

/// A numbered key: a white disc ringed in purple with its number, centred on (x, y).
pub(crate) fn key(out: &mut String, number: u16, x: f64, y: f64, u: f64) {
    let r = KEY_R * u;
    let _ = write!(
        out,
        "<g class=\"key\" data-number=\"{number}\"><circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#ffffff\" stroke=\"#7a0177\" stroke-width=\"{}\"/>",
        n(x),
        n(y),
        n(r),
        n(0.35 * u)
    );
    text(
        out,
        x,
        y + r * 0.55,
        r * 1.4,
        &number.to_string(),
        " text-anchor=\"middle\" font-weight=\"bold\" fill=\"#7a0177\"",
    );
    out.push_str("</g>");
}

/// A `<text>` at (x, y) of `size` mm; `extra` holds further attributes.
pub(crate) fn text(out: &mut String, x: f64, y: f64, size: f64, s: &str, extra: &str) {
    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{extra}>{}</text>",
        n(x),
        n(y),
        n(size),
        esc(s)
    );
}
