//! The dossier's charts as small vector SVGs (typst embeds them as vector graphics): the
//! FAR histogram with its control line, the stacked bar of the idle-land stages, the bars
//! of the evaluation classes, and the locator of a park among the others.

use std::fmt::Write;

use geo::{BoundingRect, MultiPolygon};

use crate::render::{esc, FAMILY};

/// An SVG document of `w` × `h` px holding `body`.
fn svg(w: f64, h: f64, body: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FAMILY}">{body}</svg>"#
    )
}

/// The horizontal grid of a bar chart: a line and its count every `step` up to `top`,
/// between `x0` and `x1`; `y` maps a count to its height.
fn y_grid(b: &mut String, (x0, x1): (f64, f64), top: f64, step: f64, y: &dyn Fn(f64) -> f64) {
    let mut tick = 0.0;
    while tick <= top + 1e-9 {
        let _ = write!(
            b,
            r##"<line x1="{x0}" x2="{x1}" y1="{0:.1}" y2="{0:.1}" stroke="#e3e3e3"/>"##,
            y(tick)
        );
        label(b, x0 - 6.0, y(tick) + 4.0, 11.0, "end", &format!("{tick}"));
        tick += step;
    }
}

fn label(out: &mut String, x: f64, y: f64, size: f64, anchor: &str, s: &str) {
    let _ = write!(
        out,
        r##"<text x="{x:.1}" y="{y:.1}" font-size="{size}" text-anchor="{anchor}" fill="#333">{}</text>"##,
        esc(s)
    );
}

/// One bin of the FAR histogram: parcels meeting their minimum, below it, not judged.
#[derive(Debug, Clone, Copy, Default)]
pub struct Bin {
    /// Meeting the FAR minimum.
    pub ok: usize,
    /// Below it.
    pub below: usize,
    /// No minimum for the parcel's industry.
    pub unjudged: usize,
}

/// The FAR histogram's bins: width 0.2 from 0, the last open (≥ 2.0).
pub const BIN_WIDTH: f64 = 0.2;
/// Number of bins.
pub const BINS: usize = 11;

/// Bins parcels by FAR: (far, far_ok).
pub fn far_bins(values: impl IntoIterator<Item = (f64, Option<bool>)>) -> [Bin; BINS] {
    let mut bins = [Bin::default(); BINS];
    for (far, ok) in values {
        let i = ((far / BIN_WIDTH).floor().max(0.0) as usize).min(BINS - 1);
        match ok {
            Some(true) => bins[i].ok += 1,
            Some(false) => bins[i].below += 1,
            None => bins[i].unjudged += 1,
        }
    }
    bins
}

/// The FAR histogram: parcels per FAR bin, stacked by whether they meet their minimum,
/// with a dashed control line at `control` (labelled `control_label`). `legend` names the
/// three stacks; `axis` the x axis and y axis.
pub fn far_histogram(
    bins: &[Bin; BINS],
    control: Option<f64>,
    control_label: &str,
    legend: [&str; 3],
    axis: [&str; 2],
) -> String {
    let (w, h) = (640.0, 300.0);
    let (x0, y0, x1, y1) = (50.0, 30.0, 620.0, 250.0);
    let max = bins
        .iter()
        .map(|b| b.ok + b.below + b.unjudged)
        .max()
        .unwrap_or(0)
        .max(1);
    let step = nice_step(max as f64);
    let top = (max as f64 / step).ceil() * step;
    let bw = (x1 - x0) / BINS as f64;
    let y = |n: f64| y1 - (y1 - y0) * n / top;
    let colours = ["#4d9221", "#c51b7d", "#bdbdbd"];
    let mut b = String::new();
    y_grid(&mut b, (x0, x1), top, step, &y);
    for (i, bin) in bins.iter().enumerate() {
        let mut base = 0.0;
        for (k, n) in [bin.ok, bin.below, bin.unjudged].into_iter().enumerate() {
            if n == 0 {
                continue;
            }
            let (ya, yb) = (y(base + n as f64), y(base));
            let _ = write!(
                b,
                r#"<rect x="{:.1}" y="{ya:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"#,
                x0 + bw * i as f64 + 2.0,
                bw - 4.0,
                yb - ya,
                colours[k]
            );
            base += n as f64;
        }
        let total = bin.ok + bin.below + bin.unjudged;
        if total > 0 {
            label(
                &mut b,
                x0 + bw * (i as f64 + 0.5),
                y(total as f64) - 4.0,
                10.0,
                "middle",
                &total.to_string(),
            );
        }
        let text = if i + 1 == BINS {
            format!("≥{:.1}", BIN_WIDTH * i as f64)
        } else {
            format!("{:.1}", BIN_WIDTH * i as f64)
        };
        label(&mut b, x0 + bw * i as f64, y1 + 15.0, 11.0, "middle", &text);
    }
    let _ = write!(
        b,
        r##"<line x1="{x0}" x2="{x1}" y1="{y1}" y2="{y1}" stroke="#333"/>"##
    );
    if let Some(c) = control {
        let x = x0 + bw * (c / BIN_WIDTH).min(BINS as f64);
        let _ = write!(
            b,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{y0}" y2="{y1}" stroke="#b2182b" stroke-width="2" stroke-dasharray="6 4"/>"##
        );
        label(&mut b, x + 4.0, y0 + 2.0, 11.0, "start", control_label);
    }
    label(&mut b, (x0 + x1) / 2.0, y1 + 34.0, 11.0, "middle", axis[0]);
    label(&mut b, 8.0, 18.0, 11.0, "start", axis[1]);
    let mut lx = x1 - 330.0;
    for (k, name) in legend.iter().enumerate() {
        let _ = write!(
            b,
            r#"<rect x="{lx:.1}" y="8" width="12" height="12" fill="{}"/>"#,
            colours[k]
        );
        label(&mut b, lx + 16.0, 18.5, 11.0, "start", name);
        lx += 16.0 + 11.0 * name.chars().count() as f64 * 0.9 + 14.0;
    }
    svg(w, h, &b)
}

/// 1, 2, 5 × 10ⁿ: a tick step giving at most about five gridlines up to `max`.
fn nice_step(max: f64) -> f64 {
    let raw = (max / 5.0).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag)
}

/// One horizontal bar split into `segments` (label, value, colour), with a legend giving
/// each segment's value and `unit`. Segments of zero are left out of the bar, not the
/// legend.
pub fn stacked_bar(segments: &[(String, f64, &str)], unit: &str) -> String {
    let (x0, x1) = (10.0, 630.0);
    let total: f64 = segments.iter().map(|s| s.1.max(0.0)).sum();
    let rows = segments.len().div_ceil(2);
    let h = 60.0 + 20.0 * rows as f64;
    let mut b = String::new();
    let mut x = x0;
    if total > 0.0 {
        for (_, v, c) in segments {
            let wv = (x1 - x0) * v.max(0.0) / total;
            if wv > 0.0 {
                let _ = write!(
                    b,
                    r##"<rect x="{x:.2}" y="8" width="{wv:.2}" height="28" fill="{c}" stroke="#fff" stroke-width="0.5"/>"##
                );
            }
            x += wv;
        }
    } else {
        let _ = write!(
            b,
            r##"<rect x="{x0}" y="8" width="{}" height="28" fill="#f0f0f0"/>"##,
            x1 - x0
        );
    }
    for (k, (name, v, c)) in segments.iter().enumerate() {
        let (col, row) = (k % 2, k / 2);
        let (lx, ly) = (x0 + 310.0 * col as f64, 58.0 + 20.0 * row as f64);
        let _ = write!(
            b,
            r#"<rect x="{lx}" y="{}" width="12" height="12" fill="{c}"/>"#,
            ly - 10.0
        );
        label(
            &mut b,
            lx + 17.0,
            ly,
            11.0,
            "start",
            &format!("{name}  {v:.2} {unit}"),
        );
    }
    svg(640.0, h, &b)
}

/// Vertical bars of counts (label, count, colour).
pub fn count_bars(bars: &[(String, usize, &str)], axis: &str) -> String {
    let (w, h) = (640.0, 220.0);
    let (x0, y0, x1, y1) = (40.0, 24.0, 620.0, 180.0);
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let step = nice_step(max as f64);
    let top = (max as f64 / step).ceil() * step;
    let y = |n: f64| y1 - (y1 - y0) * n / top;
    let bw = (x1 - x0) / bars.len().max(1) as f64;
    let mut b = String::new();
    y_grid(&mut b, (x0, x1), top, step, &y);
    for (i, (name, n, c)) in bars.iter().enumerate() {
        let xa = x0 + bw * i as f64 + bw * 0.2;
        let _ = write!(
            b,
            r#"<rect x="{xa:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{c}"/>"#,
            y(*n as f64),
            bw * 0.6,
            y1 - y(*n as f64)
        );
        let mid = x0 + bw * (i as f64 + 0.5);
        label(
            &mut b,
            mid,
            y(*n as f64) - 4.0,
            11.0,
            "middle",
            &n.to_string(),
        );
        label(&mut b, mid, y1 + 16.0, 11.0, "middle", name);
    }
    let _ = write!(
        b,
        r##"<line x1="{x0}" x2="{x1}" y1="{y1}" y2="{y1}" stroke="#333"/>"##
    );
    label(&mut b, 8.0, 14.0, 11.0, "start", axis);
    svg(w, h, &b)
}

/// Every park's outline, `highlight` filled: where the park lies in the city. Outlines
/// are simplified to the drawing's resolution.
pub fn locator(parks: &[&MultiPolygon<f64>], highlight: usize, names: &[String]) -> String {
    let rect = parks
        .iter()
        .filter_map(|g| g.bounding_rect())
        .reduce(|a, b| {
            geo::Rect::new(
                geo::coord! { x: a.min().x.min(b.min().x), y: a.min().y.min(b.min().y) },
                geo::coord! { x: a.max().x.max(b.max().x), y: a.max().y.max(b.max().y) },
            )
        });
    let Some(rect) = rect else {
        return svg(400.0, 300.0, "");
    };
    let (w, h) = (400.0, 300.0);
    let pad = 16.0;
    let s = ((w - 2.0 * pad) / rect.width().max(1.0)).min((h - 2.0 * pad) / rect.height().max(1.0));
    let ox = pad + ((w - 2.0 * pad) - rect.width() * s) / 2.0;
    let oy = pad + ((h - 2.0 * pad) - rect.height() * s) / 2.0;
    let px = |c: &geo::Coord<f64>| (ox + (c.x - rect.min().x) * s, oy + (rect.max().y - c.y) * s);
    let mut b = String::new();
    let _ = write!(
        b,
        r##"<rect x="0" y="0" width="{w}" height="{h}" fill="#fafafa" stroke="#999"/>"##
    );
    let mut order: Vec<usize> = (0..parks.len()).filter(|i| *i != highlight).collect();
    order.push(highlight);
    for i in order {
        let mut d = String::new();
        for poly in &parks[i].0 {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                let mut last: Option<(f64, f64)> = None;
                for (k, c) in ring.coords().enumerate() {
                    let (x, y) = px(c);
                    if last.is_some_and(|(lx, ly)| (lx - x).abs() + (ly - y).abs() < 0.5) {
                        continue;
                    }
                    let _ = write!(d, "{}{x:.1} {y:.1}", if k == 0 { "M" } else { "L" });
                    last = Some((x, y));
                }
                d.push('Z');
            }
        }
        let (fill, stroke, width) = if i == highlight {
            ("#d55e00", "#7a2f00", 1.5)
        } else {
            ("#e6e6e6", "#888", 0.8)
        };
        let _ = write!(
            b,
            r#"<path d="{d}" fill="{fill}" stroke="{stroke}" stroke-width="{width}" fill-rule="evenodd"/>"#
        );
    }
    if let Some(c) = parks[highlight].bounding_rect().map(|r| r.center()) {
        let (x, y) = px(&c);
        if let Some(n) = names.get(highlight) {
            label(&mut b, x, y - 4.0, 12.0, "middle", n);
        }
    }
    svg(w, h, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bins_count_every_parcel_once() {
        // 0.1 → bin 0, 0.2 → bin 1 (bins are [a, b)), 5.0 → the open last bin.
        let bins = far_bins([
            (0.1, Some(true)),
            (0.2, Some(false)),
            (5.0, None),
            (-1.0, None),
        ]);
        assert_eq!(bins[0].ok, 1);
        assert_eq!(bins[0].unjudged, 1);
        assert_eq!(bins[1].below, 1);
        assert_eq!(bins[BINS - 1].unjudged, 1);
        let n: usize = bins.iter().map(|b| b.ok + b.below + b.unjudged).sum();
        assert_eq!(n, 4);
    }

    #[test]
    fn text_is_escaped() {
        let s = count_bars(&[("<A&B>\u{7}".into(), 3, "#000")], "n");
        assert!(s.contains("&lt;A&amp;B&gt;<"));
    }
}
