//! Page geometry: paper sizes, orientation, and where the map frame and its panel sit on
//! the page. Units are millimetres throughout.

/// Paper size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 297 × 210 mm.
    A4,
    /// 420 × 297 mm.
    A3,
}

/// A page: paper and orientation.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    /// Paper size.
    pub paper: Paper,
    /// Landscape (default) or portrait.
    pub landscape: bool,
}

impl Default for Page {
    fn default() -> Page {
        Page {
            paper: Paper::A4,
            landscape: true,
        }
    }
}

impl Page {
    /// Width and height in mm.
    pub fn size_mm(&self) -> (f64, f64) {
        let (a, b) = match self.paper {
            Paper::A4 => (297.0, 210.0),
            Paper::A3 => (420.0, 297.0),
        };
        if self.landscape {
            (a, b)
        } else {
            (b, a)
        }
    }
    /// The size unit: furniture is laid out for A4 and scaled by this (1 on A4).
    pub(crate) fn unit(&self) -> f64 {
        let (w, h) = self.size_mm();
        w.max(h) / 297.0
    }
}

/// A box on the page, mm from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BoxMm {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl BoxMm {
    /// The box between two corners.
    pub fn from_corners(x0: f64, y0: f64, x1: f64, y1: f64) -> BoxMm {
        BoxMm {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }
    }
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }
}

/// Width of the landscape side panel (legend, inset, title block), mm on A4.
pub(crate) const SIDE_PANEL: f64 = 70.0;
/// Gap between the map frame and its panel, mm on A4.
pub(crate) const PANEL_GAP: f64 = 4.0;
/// Height of the portrait bottom panel, mm on A4.
pub(crate) const BOTTOM_PANEL: f64 = 78.0;
/// Page margin, mm on A4.
pub(crate) const MARGIN: f64 = 8.0;
/// Height of the title above the frame, mm on A4.
pub(crate) const TITLE_H: f64 = 15.0;

/// The map frame on a page, beside the panel (landscape) or above it (portrait), below
/// the title.
pub(crate) fn map_frame(page: &Page) -> BoxMm {
    map_frame_above(page, 0.0)
}

/// The map frame when `table_mm` under it are kept for a table on the sheet (the siting
/// map's move table): the frame keeps its width and loses that height.
pub(crate) fn map_frame_above(page: &Page, table_mm: f64) -> BoxMm {
    let (w, h) = page.size_mm();
    let u = page.unit();
    let m = MARGIN * u;
    let title_h = TITLE_H * u;
    let f = if page.landscape {
        BoxMm::from_corners(m, m + title_h, w - m - (SIDE_PANEL + PANEL_GAP) * u, h - m)
    } else {
        BoxMm::from_corners(m, m + title_h, w - m, h - m - BOTTOM_PANEL * u)
    };
    // At most half the frame goes to the table.
    BoxMm {
        h: f.h - table_mm.clamp(0.0, f.h / 2.0),
        ..f
    }
}

/// The standard scale denominators of planning exhibits: {1, 2, 2.5, 5} × 10ⁿ (1:500,
/// 1:1000, 1:2000, 1:2500, 1:5000, 1:10000 …). The smallest at least `at_least`.
pub fn round_denominator(at_least: f64) -> f64 {
    let at_least = if at_least.is_finite() {
        at_least.max(1.0)
    } else {
        1.0
    };
    let mut e = at_least.log10().floor() as i32 - 1;
    loop {
        for m in [1.0, 2.0, 2.5, 5.0] {
            let d = m * 10f64.powi(e);
            // A relative tolerance keeps a fitted 1:5000.0000001 at 1:5000.
            if d >= at_least * (1.0 - 1e-9) {
                return d;
            }
        }
        e += 1;
    }
}

/// What a map frame shows: the largest standard round scale at which `extent` fits in the
/// frame, and the frame's whole world rectangle at that scale (the extent grown to the
/// frame's shape, same centre). The rounding itself leaves the margin: only an extent that
/// fits a standard scale exactly touches the frame.
pub(crate) fn fit_view(page: &Page, extent: geo::Rect<f64>, table_mm: f64) -> geo::Rect<f64> {
    let f = map_frame_above(page, table_mm);
    let (ew, eh) = (extent.width().max(1.0), extent.height().max(1.0));
    let fitted = (f.w / ew).min(f.h / eh);
    // 1 m on the ground is `s` mm on paper: the scale is 1 : 1000 / s.
    let s = 1000.0 / round_denominator(1000.0 / fitted);
    let c = extent.center();
    let (hw, hh) = (f.w / s / 2.0, f.h / s / 2.0);
    geo::Rect::new(
        geo::Coord {
            x: c.x - hw,
            y: c.y - hh,
        },
        geo::Coord {
            x: c.x + hw,
            y: c.y + hh,
        },
    )
}

/// Page millimetres per world metre when `view` (a [`fit_view`] rectangle) fills the map
/// frame. A frame shortened for a table keeps its width, and the view its shape, so the
/// full frame gives the same value.
pub(crate) fn map_scale(page: &Page, view: geo::Rect<f64>) -> f64 {
    let f = map_frame(page);
    (f.w / view.width().max(1e-9)).min(f.h / view.height().max(1e-9))
}

/// The scale denominator of a view on a page, rounded to the metre (a [`fit_view`]
/// rectangle gives a standard round value).
#[cfg(test)]
pub(crate) fn scale_denominator(page: &Page, view: geo::Rect<f64>) -> f64 {
    (1000.0 / map_scale(page, view)).round()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn denominators_are_standard_round_values() {
        assert_eq!(round_denominator(430.0), 500.0);
        assert_eq!(round_denominator(500.0), 500.0);
        assert_eq!(round_denominator(1001.0), 2000.0);
        assert_eq!(round_denominator(2100.0), 2500.0);
        assert_eq!(round_denominator(2600.0), 5000.0);
        assert_eq!(round_denominator(49_900.0), 50_000.0);
        assert_eq!(round_denominator(65_800.0), 100_000.0);
        assert_eq!(round_denominator(5_000.000_000_1), 5000.0);
    }

    #[test]
    fn the_view_holds_the_extent_at_a_round_scale_on_every_sheet() {
        let extent = geo::Rect::new(
            geo::Coord {
                x: 500_000.0,
                y: 3_400_000.0,
            },
            geo::Coord {
                x: 503_170.0,
                y: 3_401_890.0,
            },
        );
        for paper in [Paper::A4, Paper::A3] {
            for landscape in [true, false] {
                let page = Page { paper, landscape };
                let v = fit_view(&page, extent, 0.0);
                let d = scale_denominator(&page, v);
                assert_eq!(round_denominator(d), d, "{paper:?} {landscape}: 1:{d}");
                assert!(v.min().x <= extent.min().x && v.max().x >= extent.max().x);
                assert!(v.min().y <= extent.min().y && v.max().y >= extent.max().y);
                let f = map_frame(&page);
                assert!((v.width() / v.height() - f.w / f.h).abs() < 1e-9);
            }
        }
    }
}
