//! The sheet: the scene drawn into a map frame on an A4/A3 page, with the title, legend,
//! scale bar, north arrow, locator inset and title block. Each part of the sheet is drawn
//! by its own module from one [`Sheet`] context; units are millimetres throughout.

mod coordinate_ticks;
mod legend;
mod locator;
mod map_body;
mod marker_layout;
mod north_arrow;
mod scale_bar;
mod sheet_table;

pub(crate) use sheet_table::clear_corner;
mod title_block;
mod wind_rose;

use std::fmt::Write;

use super::draw::text;
use super::page::{
    map_frame_above, map_scale, BoxMm, Page, BOTTOM_PANEL, MARGIN, PANEL_GAP, SIDE_PANEL,
};
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
        let table_mm = scene
            .table
            .as_ref()
            .map_or(0.0, |t| t.height_mm(page.unit()));
        let frame = map_frame_above(page, table_mm);
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
    coordinate_ticks::draw(&mut out, &sheet);
    stamp(&mut out, &sheet);
    let (nx, ny) = north_arrow_tip(&sheet);
    north_arrow::draw(&mut out, &sheet, nx, ny);
    wind_rose::draw(&mut out, &sheet);
    scale_bar::draw(&mut out, &sheet);
    panel(&mut out, &sheet, page);
    sheet_table::draw(&mut out, &sheet);
    footer(&mut out, &sheet, page);
    out.push_str("</svg>");
    out
}

/// Where the north arrow's tip sits: the frame's top-right corner, below the tick labels.
fn north_arrow_tip(sheet: &Sheet) -> (f64, f64) {
    let (f, u) = (sheet.frame, sheet.u);
    (f.right() - 10.0 * u, f.y + 9.0 * u)
}

/// The labels of `scene` that its sheet prints: the others would overlap a label of
/// higher priority or the furniture, and are left out.
pub(crate) fn placed_labels(
    scene: &Scene,
    page: &Page,
    lang: Lang,
) -> Vec<crate::render::labels::Placed> {
    let sheet = Sheet::new(scene, page, lang);
    let f = sheet.frame;
    crate::render::labels::place(
        &scene.labels,
        &sheet.to_page,
        (f.x, f.y, f.right(), f.bottom()),
        &furniture_boxes(&sheet),
    )
}

/// The page boxes inside the frame that map labels keep off: the coordinate labels' bands,
/// the north arrow, the scale bar, the move numbers and a table in a corner of the frame.
pub(crate) fn furniture_boxes(sheet: &Sheet) -> Vec<crate::render::labels::PageBox> {
    let mut boxes = fixed_furniture(sheet);
    if let Some(t) = &sheet.scene.table {
        if matches!(t.place, crate::render::scene::TablePlace::Corner(_)) {
            boxes.extend(sheet_table::table_box(sheet).map(|b| (b.x, b.y, b.right(), b.bottom())));
        }
    }
    boxes
}

/// The furniture in the frame besides a table.
fn fixed_furniture(sheet: &Sheet) -> Vec<crate::render::labels::PageBox> {
    let u = sheet.u;
    let (nx, ny) = north_arrow_tip(sheet);
    let mut boxes = coordinate_ticks::label_bands(sheet).to_vec();
    boxes.push((nx - 4.0 * u, ny - 5.0 * u, nx + 4.0 * u, ny + 7.0 * u));
    boxes.push(scale_bar::footprint(sheet));
    boxes.extend(wind_rose::footprint(sheet));
    boxes.extend(map_body::marker_boxes(sheet));
    boxes.extend(line_boxes(sheet));
    boxes
}

/// Small page boxes along the lines no label may cross, a box every 1.5 mm of line, as
/// wide as a move line with a little room.
fn line_boxes(sheet: &Sheet) -> Vec<crate::render::labels::PageBox> {
    let half = 0.6 * sheet.u;
    let step = 1.5 * sheet.u;
    let mut boxes = Vec::new();
    for line in &sheet.scene.keep_clear {
        let pts: Vec<(f64, f64)> = line.coords().map(|c| sheet.to_page.apply(*c)).collect();
        for w in pts.windows(2) {
            let (a, b) = (w[0], w[1]);
            let len = (b.0 - a.0).hypot(b.1 - a.1);
            let n = (len / step).ceil().max(1.0) as usize;
            for k in 0..=n {
                let t = k as f64 / n as f64;
                let (x, y) = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
                boxes.push((x - half, y - half, x + half, y + half));
            }
        }
    }
    boxes
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

/// The not-assessed stamp across the middle of the frame, when the scene has one.
fn stamp(out: &mut String, sheet: &Sheet) {
    let Some(s) = &sheet.scene.stamp else {
        return;
    };
    let (f, u) = (sheet.frame, sheet.u);
    let fs = 5.0 * u;
    let w = (crate::render::text::text_width(s, fs) + 10.0 * u).min(f.w * 0.9);
    let fs = fs.min(fs * (w - 10.0 * u) / crate::render::text::text_width(s, fs));
    let (cx, cy) = (f.x + f.w / 2.0, f.y + f.h / 2.0);
    let _ = write!(
        out,
        "<g id=\"stamp\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"#b03030\" stroke-width=\"{}\"/>",
        n(cx - w / 2.0),
        n(cy - 6.0 * u),
        n(w),
        n(12.0 * u),
        n(1.5 * u),
        n(0.5 * u)
    );
    text(
        out,
        cx,
        cy + fs * 0.36,
        fs,
        s,
        " text-anchor=\"middle\" font-weight=\"bold\" fill=\"#b03030\"",
    );
    out.push_str("</g>");
}

/// Font size of the footer, mm on A4: 6 pt.
const FOOTER_FONT: f64 = 6.0 * 25.4 / 72.0;

/// The foot of the sheet, in the bottom margin under the frame's right edge: the data's
/// credit and the software.
fn footer(out: &mut String, sheet: &Sheet, page: &Page) {
    let (w, h) = page.size_mm();
    let u = sheet.u;
    text(
        out,
        w - MARGIN * u,
        h - MARGIN * u * 0.3,
        FOOTER_FONT * u,
        &sheet.scene.footer,
        " id=\"footer\" text-anchor=\"end\" fill=\"#555\"",
    );
}

/// Whether the scene's whole legend fits its panel at its least size (6 pt), the locator
/// inset at its least height beside it (a legend that does not would lose entries).
pub(crate) fn legend_fits(scene: &Scene, page: &Page, lang: Lang) -> bool {
    let sheet = Sheet::new(scene, page, lang);
    let (w, _) = page.size_mm();
    let (f, u) = (map_frame_above(page, 0.0), sheet.u);
    if page.landscape {
        let block_h = title_block::height(&sheet, SIDE_PANEL * u);
        let b = BoxMm {
            x: f.right() + PANEL_GAP * u,
            y: f.y,
            w: SIDE_PANEL * u,
            h: f.h - block_h - INSET_MIN_H * u - 6.0 * u,
        };
        legend::fits_at_least_size(&sheet, b, 1)
    } else {
        let m = MARGIN * u;
        let b = BoxMm {
            x: m,
            y: f.bottom() + PANEL_GAP * u,
            w: (w - 2.0 * m) * 0.58,
            h: BOTTOM_PANEL * u - PANEL_GAP * u,
        };
        legend::fits_at_least_size(&sheet, b, 2)
    }
}

/// Height of the locator inset beside a landscape frame, mm on A4, and the least it
/// shrinks to for a long legend (a legend that needs more takes the inset's place).
const INSET_H: f64 = 42.0;
const INSET_MIN_H: f64 = 22.0;

/// The panel beside (landscape) or below (portrait) the frame: legend, locator inset and
/// title block.
fn panel(out: &mut String, sheet: &Sheet, page: &Page) {
    let (w, _) = page.size_mm();
    // The panel keeps to the whole frame's height: a table under the frame takes room from
    // the map, not from the legend.
    let (f, u) = (map_frame_above(page, 0.0), sheet.u);
    let m = MARGIN * u;
    if page.landscape {
        let block_h = title_block::height(sheet, SIDE_PANEL * u);
        let p = BoxMm {
            x: f.right() + PANEL_GAP * u,
            y: f.y,
            w: SIDE_PANEL * u,
            h: f.h,
        };
        // The locator gives the legend up to half its height when the legend would
        // otherwise shrink; a legend that would still lose entries at its least size
        // takes the locator's place (the legend is the sheet, the locator a help).
        let room = |inset_h: f64| p.h - block_h - inset_h - 6.0 * u;
        let wanted = legend::height_wanted(
            sheet,
            BoxMm {
                h: room(INSET_H * u),
                ..p
            },
            1,
        );
        let short = (wanted - room(INSET_H * u)).max(0.0);
        let least = INSET_MIN_H * u;
        let inset_h = if short <= (INSET_H - INSET_MIN_H) * u {
            Some(INSET_H * u - short)
        } else {
            legend::fits_at_least_size(
                sheet,
                BoxMm {
                    h: room(least),
                    ..p
                },
                1,
            )
            .then_some(least)
        };
        let legend_box = BoxMm {
            h: inset_h.map_or(p.h - block_h - 3.0 * u, room),
            ..p
        };
        legend::draw(out, sheet, legend_box, 1);
        if let Some(inset_h) = inset_h {
            let inset_box = BoxMm {
                y: p.y + p.h - block_h - inset_h - 3.0 * u,
                h: inset_h,
                ..p
            };
            locator::draw(out, sheet, inset_box);
        }
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
        let block_h = title_block::height(sheet, rw);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::labels::place;
    use crate::render::{build_scene, MapKind, MapRequest};

    /// On every sheet of the sample, no two placed labels overlap and none lies over the
    /// furniture in the frame (coordinate labels, north arrow, scale bar, move numbers).
    #[test]
    fn placed_labels_never_overlap_each_other_or_the_furniture() {
        let (ws, a) = crate::sample_for_tests::sample();
        let siting = ws.site(&a, &Default::default()).expect("siting");
        let ctx = ws.map_context(&a, Some(&siting));
        let mut checked = 0;
        for kind in MapKind::ALL {
            for park in
                std::iter::once(None).chain(ws.model().parks.iter().map(|p| Some(p.id.clone())))
            {
                let mut req = MapRequest::new(kind);
                req.park = park;
                let scene = build_scene(&ctx, &req).expect("scene");
                let sheet = Sheet::new(&scene, &req.page, ws.lang());
                let f = sheet.frame;
                let keep_off = furniture_boxes(&sheet);
                let placed = place(
                    &scene.labels,
                    &sheet.to_page,
                    (f.x, f.y, f.right(), f.bottom()),
                    &keep_off,
                );
                let b = |p: &crate::render::labels::Placed| {
                    (
                        p.x - p.w / 2.0,
                        p.y - p.h / 2.0,
                        p.x + p.w / 2.0,
                        p.y + p.h / 2.0,
                    )
                };
                let hit = |a: (f64, f64, f64, f64), c: (f64, f64, f64, f64)| {
                    a.0 < c.2 && c.0 < a.2 && a.1 < c.3 && c.1 < a.3
                };
                for (i, p) in placed.iter().enumerate() {
                    assert!(
                        p.label.size_mm >= 6.0 * 25.4 / 72.0 - 1e-9 || p.label.major,
                        "6 pt at least"
                    );
                    for q in &placed[i + 1..] {
                        assert!(!hit(b(p), b(q)), "{} over {}", p.label.text, q.label.text);
                    }
                    for k in &keep_off {
                        assert!(!hit(b(p), *k), "{} over the furniture", p.label.text);
                    }
                }
                checked += placed.len();
            }
        }
        assert!(
            checked > 20,
            "{checked} labels placed on the sample's sheets"
        );
    }

    /// The siting sheet of the sample lists every move in its table (none cut), the table
    /// sits under the frame or in a corner of it clear of the furniture, and every park is
    /// named although move numbers sit on their middles.
    #[test]
    fn the_siting_sheet_tables_every_move_and_names_every_park() {
        use crate::render::scene::TablePlace;
        let (ws, a) = crate::sample_for_tests::sample();
        let siting = ws.site(&a, &Default::default()).expect("siting");
        let ctx = ws.map_context(&a, Some(&siting));
        for page in [
            Page::default(),
            Page {
                paper: crate::render::Paper::A3,
                landscape: false,
            },
        ] {
            let mut req = MapRequest::new(MapKind::Siting);
            req.page = page;
            let scene = build_scene(&ctx, &req).expect("scene");
            let t = scene.table.as_ref().expect("a move table");
            assert_eq!(t.rows.len(), siting.placements().len());
            assert!(t.rows.len() <= crate::render::scene::SheetTable::MAX_ROWS);
            for (k, row) in t.rows.iter().enumerate() {
                assert_eq!(row[0], (k + 1).to_string());
                assert_eq!(row.len(), t.header.len());
            }
            let sheet = Sheet::new(&scene, &page, ws.lang());
            let b = sheet_table::table_box(&sheet).expect("a box");
            let f = sheet.frame;
            let (_, h) = page.size_mm();
            match t.place {
                TablePlace::Below => {
                    assert!(b.y >= f.bottom() && b.bottom() <= h, "{b:?} under {f:?}")
                }
                TablePlace::Corner(_) => {
                    assert!(
                        b.x >= f.x
                            && b.right() <= f.right()
                            && b.y >= f.y
                            && b.bottom() <= f.bottom()
                    )
                }
            }
            let svg = compose_svg(&scene, &page, ws.lang());
            assert!(svg.contains("<g id=\"sheet-table\">"));
            // The sample's siting rules give a wind rose: drawn, and kept clear by labels.
            assert!(svg.contains("<g id=\"wind-rose\">"));
            assert!(wind_rose::footprint(&sheet).is_some());
            let placed = place(
                &scene.labels,
                &sheet.to_page,
                (f.x, f.y, f.right(), f.bottom()),
                &furniture_boxes(&sheet),
            );
            for park in &ws.model().parks {
                let name = park.name.clone().unwrap_or_else(|| park.id.clone());
                assert!(
                    placed.iter().any(|p| p.label.text == name),
                    "{name} not named on {page:?}"
                );
            }
        }
    }
}
