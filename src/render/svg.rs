//! Small SVG writing helpers: escaping, numbers at 0.01 mm, path data from geometry
//! through a world → page transform.

use geo::{Coord, Geometry, LineString, Polygon};

/// Frame metres → page millimetres: x' = ox + (x − x0)·s, y' = oy − (y − y0)·s.
#[derive(Debug, Clone, Copy)]
pub struct ToPage {
    /// Page x of world x0.
    pub ox: f64,
    /// Page y of world y0.
    pub oy: f64,
    /// World origin x.
    pub x0: f64,
    /// World origin y.
    pub y0: f64,
    /// Millimetres per metre.
    pub s: f64,
}

impl ToPage {
    /// A coordinate on the page.
    pub fn apply(&self, c: Coord<f64>) -> (f64, f64) {
        (
            self.ox + (c.x - self.x0) * self.s,
            self.oy - (c.y - self.y0) * self.s,
        )
    }
}

/// Escapes text for XML. Control characters, which XML 1.0 does not allow, are left
/// out (a tab or line break becomes a space), so a name from the data cannot make the
/// SVG (or the PDF made from it) unreadable.
pub fn esc(s: &str) -> String {
    let s: std::borrow::Cow<str> = if s.chars().any(char::is_control) {
        s.chars()
            .filter_map(|c| match c {
                '\t' | '\n' | '\r' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect::<String>()
            .into()
    } else {
        s.into()
    };
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A number at 0.01 precision without trailing zeros.
pub fn n(x: f64) -> String {
    crate::write::format_number(x, 2)
}

fn ring(out: &mut String, ls: &LineString<f64>, t: &ToPage, close: bool) {
    let mut last: Option<(f64, f64)> = None;
    let mut first = true;
    for c in &ls.0 {
        let (x, y) = t.apply(*c);
        // Skip vertices closer than 0.05 mm to the previous one: invisible, and they
        // make city-wide maps heavy.
        if let Some((lx, ly)) = last {
            if (x - lx).abs() < 0.05 && (y - ly).abs() < 0.05 {
                continue;
            }
        }
        out.push(if first { 'M' } else { 'L' });
        crate::write::push_number(out, x, 2);
        out.push(' ');
        crate::write::push_number(out, y, 2);
        first = false;
        last = Some((x, y));
    }
    if close && !first {
        out.push('Z');
    }
}

fn polygon(out: &mut String, p: &Polygon<f64>, t: &ToPage) {
    ring(out, p.exterior(), t, true);
    for h in p.interiors() {
        ring(out, h, t, true);
    }
}

/// Appends path data for a polygonal or linear geometry (points are drawn as symbols).
pub fn path_data(out: &mut String, g: &Geometry<f64>, t: &ToPage) {
    match g {
        Geometry::Polygon(p) => polygon(out, p, t),
        Geometry::MultiPolygon(mp) => mp.0.iter().for_each(|p| polygon(out, p, t)),
        Geometry::LineString(ls) => ring(out, ls, t, false),
        Geometry::MultiLineString(m) => m.0.iter().for_each(|ls| ring(out, ls, t, false)),
        Geometry::Line(l) => ring(out, &LineString::from(vec![l.start, l.end]), t, false),
        Geometry::Rect(r) => polygon(out, &r.to_polygon(), t),
        Geometry::Triangle(tr) => polygon(out, &tr.to_polygon(), t),
        Geometry::GeometryCollection(gc) => gc.0.iter().for_each(|g| path_data(out, g, t)),
        Geometry::Point(_) | Geometry::MultiPoint(_) => {}
    }
}

/// Appends path data for the outlines worth stroking: like [`path_data`], but polygon
/// rings under `min_mm` across on the page are left out (a hole the size of a pen stroke
/// would only blot its neighbourhood). Returns how many rings were left out.
pub fn outline_data(out: &mut String, g: &Geometry<f64>, t: &ToPage, min_mm: f64) -> usize {
    let visible = |ls: &LineString<f64>| {
        use geo::BoundingRect;
        ls.bounding_rect()
            .is_some_and(|b| b.width().hypot(b.height()) * t.s >= min_mm)
    };
    let polygon_outline = |out: &mut String, p: &Polygon<f64>| {
        let mut dropped = 0;
        for r in std::iter::once(p.exterior()).chain(p.interiors()) {
            if visible(r) {
                ring(out, r, t, true);
            } else {
                dropped += 1;
            }
        }
        dropped
    };
    match g {
        Geometry::Polygon(p) => polygon_outline(out, p),
        Geometry::MultiPolygon(mp) => mp.0.iter().map(|p| polygon_outline(out, p)).sum(),
        Geometry::GeometryCollection(gc) => {
            gc.0.iter().map(|g| outline_data(out, g, t, min_mm)).sum()
        }
        // Points are symbols, drawn apart; lines are outlines whatever their size.
        other => {
            path_data(out, other, t);
            0
        }
    }
}
