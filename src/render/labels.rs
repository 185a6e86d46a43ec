//! Label placement: greedy by priority, each label kept only where its box overlaps no
//! label already placed nor the sheet furniture inside the frame (coordinate labels, scale
//! bar, north arrow) and lies inside the map frame, so labels never overlap.

use super::scene::Label;
use super::svg::ToPage;
use super::text::text_width;

/// A placed label on the page, mm.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The label.
    pub label: Label,
    /// Centre x, mm.
    pub x: f64,
    /// Centre y, mm.
    pub y: f64,
    /// Width, mm.
    pub w: f64,
    /// Height, mm.
    pub h: f64,
}

/// A box on the page, mm: (x0, y0, x1, y1).
pub type PageBox = (f64, f64, f64, f64);

/// Places labels inside the frame, never overlapping each other or a box of `keep_off`.
pub fn place(labels: &[Label], t: &ToPage, frame: PageBox, keep_off: &[PageBox]) -> Vec<Placed> {
    let mut order: Vec<&Label> = labels.iter().collect();
    order.sort_by(|a, b| b.priority.total_cmp(&a.priority).then(a.text.cmp(&b.text)));
    let mut placed: Vec<Placed> = Vec::new();
    for l in order {
        let w = text_width(&l.text, l.size_mm) + 0.6;
        let h = l.size_mm * 1.25;
        if let Some(max_m) = l.max_width_m {
            if w > max_m * t.s {
                continue;
            }
        }
        let fits = |(x, y): (f64, f64)| {
            let (bx0, by0, bx1, by1) = (x - w / 2.0, y - h / 2.0, x + w / 2.0, y + h / 2.0);
            if bx0 < frame.0 || by0 < frame.1 || bx1 > frame.2 || by1 > frame.3 {
                return false;
            }
            let overlaps = |(x0, y0, x1, y1): PageBox| bx0 < x1 && x0 < bx1 && by0 < y1 && y0 < by1;
            !(keep_off.iter().any(|b| overlaps(*b))
                || placed.iter().any(|p| {
                    overlaps((
                        p.x - p.w / 2.0,
                        p.y - p.h / 2.0,
                        p.x + p.w / 2.0,
                        p.y + p.h / 2.0,
                    ))
                }))
        };
        let spot = std::iter::once(l.at)
            .chain(l.also_at.iter().copied())
            .map(|c| t.apply(c))
            .find(|&p| fits(p));
        if let Some((x, y)) = spot {
            placed.push(Placed {
                label: l.clone(),
                x,
                y,
                w,
                h,
            });
        }
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_labels_keep_the_higher_priority() {
        let t = ToPage {
            ox: 0.0,
            oy: 100.0,
            x0: 0.0,
            y0: 0.0,
            s: 1.0,
        };
        let mk = |text: &str, x: f64, p: f64| Label {
            text: text.into(),
            at: geo::Coord { x, y: 50.0 },
            size_mm: 3.0,
            priority: p,
            major: false,
            max_width_m: None,
            also_at: Vec::new(),
        };
        let placed = place(
            &[
                mk("低", 50.0, 1.0),
                mk("高优先", 51.0, 2.0),
                mk("远处", 90.0, 0.5),
            ],
            &t,
            (0.0, 0.0, 100.0, 100.0),
            &[],
        );
        let names: Vec<&str> = placed.iter().map(|p| p.label.text.as_str()).collect();
        assert_eq!(names, vec!["高优先", "远处"]);
    }
}
