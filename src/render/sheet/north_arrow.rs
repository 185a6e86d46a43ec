//! The north arrow: a split arrowhead with 北 / N above it.

use std::fmt::Write;

use super::Sheet;
use crate::render::draw::text;
use crate::render::svg::n;

/// Draws the north arrow with its tip at (x, y).
pub(super) fn draw(out: &mut String, sheet: &Sheet, x: f64, y: f64) {
    let u = sheet.u;
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
        sheet.tr("北", "N"),
        " text-anchor=\"middle\" font-weight=\"bold\"",
    );
    out.push_str("</g>");
}
