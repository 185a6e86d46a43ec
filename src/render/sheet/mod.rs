//! The sheet: the scene drawn into a map frame on an A4/A3 page, with the title, legend,
//! scale bar, north arrow, locator inset and title block. Each part of the sheet is drawn
//! by its own module from one [`Sheet`] context; units are millimetres throughout.

mod legend;
mod locator;
mod map_body;
mod north_arrow;
mod scale_bar;
mod title_block;

use std::fmt::Write;

use super::draw::text;
use super::page::{map_frame, map_scale, BoxMm, Page, BOTTOM_PANEL, MARGIN, PANEL_GAP, SIDE_PANEL};
use super::scene::Scene;
use super::svg::{n, ToPage};
use crate::project::Lang;

/// What every part of a sheet draws from: the scene, the language, the size unit (1 on
/// A4), the map frame and the world → page transform of the map.
pub(crate) struct Sheet<'a> {
    /// The map's content.
    pub scene: &'a Scene,
    /// The language of the furniture.
    pub lang: Lang,
    /// Furniture is laid out for A4 and scaled by this.
    pub u: f64,
    /// The map frame.
    pub frame: BoxMm,
    /// Frame metres → page millimetres inside the frame.
    pub to_page: ToPage,
}

impl<'a> Sheet<'a> {
    fn new(scene: &'a Scene, page: &Page, lang: Lang) -> Sheet<'a> {
        let frame = map_frame(page);
        let c = scene.extent.center();
        let to_page = ToPage {
            ox: frame.x + frame.w / 2.0,
            oy: frame.y + frame.h / 2.0,
            x0: c.x,
            y0: c.y,
            s: map_scale(page, scene.extent),
        };
        Sheet {
            scene,
            lang,
            u: page.unit(),
            frame,
            to_page,
        }
    }
    /// Chinese or English text, by the sheet's language.
    pub fn tr<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        if self.lang == Lang::Zh {
            zh
        } else {
            en
        }
    }
}

/// Draws the scene on a page and returns the SVG document.
pub fn compose_svg(scene: &Scene, page: &Page, lang: Lang) -> String {
    let sheet = Sheet::new(scene, page, lang);
    let (w, h) = page.size_mm();
    let mut out = String::with_capacity(1 << 20);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}mm\" height=\"{h}mm\" viewBox=\"0 0 {w} {h}\" font-family=\"{}\">",
        super::fonts::FAMILY
    );
    let hatches = map_body::defs(&mut out, &sheet);
    let _ = write!(out, "<rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>");
    title(&mut out, &sheet);
    map_body::draw(&mut out, &sheet, &hatches);
    let f = sheet.frame;
    let u = sheet.u;
    let _ = write!(out, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#333\" stroke-width=\"{}\"/>", n(f.x), n(f.y), n(f.w), n(f.h), n(0.35 * u));
    north_arrow::draw(&mut out, &sheet, f.right() - 10.0 * u, f.y + 6.0 * u);
    scale_bar::draw(&mut out, &sheet);
    panel(&mut out, &sheet, page);
    out.push_str("</svg>");
    out
}

/// The title and subtitle, centred over the frame.
fn title(out: &mut String, sheet: &Sheet) {
    let (f, u) = (sheet.frame, sheet.u);
    let cx = (f.x + f.right()) / 2.0;
    let m = MARGIN * u;
    text(
        out,
        cx,
        m + 7.0 * u,
        6.2 * u,
        &sheet.scene.title,
        " text-anchor=\"middle\" font-weight=\"bold\" fill=\"#111\"",
    );
    text(
        out,
        cx,
        m + 12.5 * u,
        3.2 * u,
        &sheet.scene.subtitle,
        " text-anchor=\"middle\" fill=\"#444\"",
    );
}

/// The panel beside (landscape) or below (portrait) the frame: legend, locator inset and
/// title block.
fn panel(out: &mut String, sheet: &Sheet, page: &Page) {
    let (w, _) = page.size_mm();
    let (f, u) = (sheet.frame, sheet.u);
    let m = MARGIN * u;
    let block_h = 31.0 * u;
    if page.landscape {
        let p = BoxMm {
            x: f.right() + PANEL_GAP * u,
            y: f.y,
            w: SIDE_PANEL * u,
            h: f.h,
        };
        let inset_h = 42.0 * u;
        let legend_box = BoxMm {
            h: p.h - block_h - inset_h - 6.0 * u,
            ..p
        };
        legend::draw(out, sheet, legend_box, 1);
        let inset_box = BoxMm {
            y: p.y + p.h - block_h - inset_h - 3.0 * u,
            h: inset_h,
            ..p
        };
        locator::draw(out, sheet, inset_box);
        let block = BoxMm {
            y: p.y + p.h - block_h,
            h: block_h,
            ..p
        };
        title_block::draw(out, sheet, block);
    } else {
        let p = BoxMm {
            x: m,
            y: f.bottom() + PANEL_GAP * u,
            w: w - 2.0 * m,
            h: BOTTOM_PANEL * u - PANEL_GAP * u,
        };
        let half = p.w * 0.58;
        legend::draw(out, sheet, BoxMm { w: half, ..p }, 2);
        let rx = p.x + half + 4.0 * u;
        let rw = p.w - half - 4.0 * u;
        let inset_box = BoxMm {
            x: rx,
            y: p.y,
            w: rw,
            h: p.h - block_h - 3.0 * u,
        };
        locator::draw(out, sheet, inset_box);
        let block = BoxMm {
            x: rx,
            y: p.y + p.h - block_h,
            w: rw,
            h: block_h,
        };
        title_block::draw(out, sheet, block);
    }
}
