//! Parcel labels: the parcel's name or id where it fits at 6 pt, and for the parcels of
//! interest too small for theirs, a numbered key tied to the sheet's parcel list.

use geo::{BoundingRect, Rect};

use super::{tr, MapContext, MapRequest};
use crate::project::Lang;
use crate::render::scene::{Label, LegendItem, Scene, Style, Swatch};
use crate::render::style::PARCEL_EDGE;

/// Font size of parcel labels, mm: 6 pt, the smallest a printer accepts.
const PARCEL_LABEL_MM: f64 = 6.0 * 25.4 / 72.0;

/// Parcel labels — the parcel's name where the data has one, else its id — where they fit
/// inside their parcel. Parcels too narrow on the page for their label are skipped before
/// their interior point is computed.
pub(crate) fn parcel_labels(
    ctx: &MapContext,
    req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) {
    use geo::InteriorPoint;
    let mm_per_m = crate::render::page::map_scale(&req.page, scene.extent);
    for p in &ctx.model.parcels {
        if !in_view(&p.geometry) {
            continue;
        }
        let Some(b) = p.geometry.bounding_rect() else {
            continue;
        };
        let text = parcel_label_text(p);
        if !label_fits(text, &b, mm_per_m) {
            continue;
        }
        let Some(pt) = p.geometry.interior_point() else {
            continue;
        };
        scene.labels.push(Label {
            text: text.to_owned(),
            at: pt.0,
            size_mm: PARCEL_LABEL_MM,
            priority: p.area.m2(),
            major: false,
            max_width_m: Some(b.width().min(b.height() * 3.0) * 0.9),
            also_at: Vec::new(),
        });
    }
}

/// A parcel's label: its name where the data has one, else its id.
fn parcel_label_text(p: &crate::model::Parcel) -> &str {
    p.name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(&p.id)
}

/// True when a label of `text` at 6 pt fits across a parcel of bounding box `b`.
fn label_fits(text: &str, b: &Rect<f64>, mm_per_m: f64) -> bool {
    crate::render::text::text_width(text, PARCEL_LABEL_MM) <= b.width() * 0.9 * mm_per_m
}

/// At most this many parcels of an A4 sheet get a numbered key (the list is on the
/// sheet's legend); twice as many on A3.
const MAX_KEYS_A4: usize = 12;

/// Short keys for the parcels of interest whose label does not fit: a number inside the
/// parcel, tied to a parcel list (宗地清单: key, id, class, 亩) in the legend. `interest`
/// gives a parcel's rank (lower first; `None`: no key) and its class label and fill. The
/// most important parcels get keys first; the heading counts the rest, with the parcels
/// too small for a key at the sheet's scale.
pub(crate) fn parcel_keys(
    ctx: &MapContext,
    req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
    interest: &dyn Fn(usize) -> Option<(usize, String, &'static str)>,
) {
    use geo::InteriorPoint;
    let mm_per_m = crate::render::page::map_scale(&req.page, scene.extent);
    let mut wanted: Vec<(usize, f64, usize, String, &'static str)> = Vec::new();
    let mut too_small = 0usize;
    for (i, p) in ctx.model.parcels.iter().enumerate() {
        if !in_view(&p.geometry) {
            continue;
        }
        let Some(b) = p.geometry.bounding_rect() else {
            continue;
        };
        if label_fits(parcel_label_text(p), &b, mm_per_m) {
            continue;
        }
        if !label_fits("99", &b, mm_per_m) {
            // Too small even for a key at this scale: counted with the ones left out.
            too_small += usize::from(interest(i).is_some());
            continue;
        }
        if let Some((rank, class, fill)) = interest(i) {
            wanted.push((rank, -p.area.m2(), i, class, fill));
        }
    }
    if wanted.is_empty() {
        return;
    }
    wanted.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
    let cap = match req.page.paper {
        crate::render::page::Paper::A4 => MAX_KEYS_A4,
        crate::render::page::Paper::A3 => 2 * MAX_KEYS_A4,
    };
    let left = wanted.len().saturating_sub(cap) + too_small;
    wanted.truncate(cap);
    // Keys run in id order, so the list reads like a ledger.
    wanted.sort_by(|a, b| ctx.model.parcels[a.2].id.cmp(&ctx.model.parcels[b.2].id));
    let mut items = Vec::new();
    for (k, (_, _, i, class, fill)) in wanted.into_iter().enumerate() {
        let p = &ctx.model.parcels[i];
        let (Some(pt), Some(b)) = (p.geometry.interior_point(), p.geometry.bounding_rect()) else {
            continue;
        };
        let key = (k + 1).to_string();
        scene.labels.push(Label {
            text: key.clone(),
            at: pt.0,
            size_mm: PARCEL_LABEL_MM,
            // Above the ids, below the park names.
            priority: f64::MAX / 2.0,
            major: false,
            max_width_m: Some(b.width().min(b.height() * 3.0) * 0.9),
            also_at: Vec::new(),
        });
        items.push(LegendItem {
            style: Style::fill(fill, PARCEL_EDGE, 0.12),
            swatch: Swatch::Area,
            label: format!("{key}  {}", p.id),
            detail: Some(format!(
                "{class} · {:.1} {}",
                p.area.to_mu(),
                tr(ctx.lang, "亩", "mu")
            )),
        });
    }
    let heading = match (ctx.lang, left) {
        (Lang::Zh, 0) => "宗地清单（编号、宗地代码、类别、面积）".to_owned(),
        (Lang::Zh, n) => format!("宗地清单（另有 {n} 宗见台账）"),
        (Lang::En, 0) => "Parcel list (key, id, class, area)".to_owned(),
        (Lang::En, n) => format!("Parcel list ({n} more in the ledger)"),
    };
    scene.legend.push((Some(heading), items));
}
