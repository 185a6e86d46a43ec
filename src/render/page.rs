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
    let (w, h) = page.size_mm();
    let u = page.unit();
    let m = MARGIN * u;
    let title_h = TITLE_H * u;
    if page.landscape {
        BoxMm::from_corners(m, m + title_h, w - m - (SIDE_PANEL + PANEL_GAP) * u, h - m)
    } else {
        BoxMm::from_corners(m, m + title_h, w - m, h - m - BOTTOM_PANEL * u)
    }
}

/// Page millimetres per world metre when `extent` is fitted into the map frame with a 3 %
/// margin on each side, aspect ratio kept.
pub(crate) fn map_scale(page: &Page, extent: geo::Rect<f64>) -> f64 {
    let f = map_frame(page);
    let (ew, eh) = (extent.width().max(1.0), extent.height().max(1.0));
    (f.w / (ew * 1.06)).min(f.h / (eh * 1.06))
}
