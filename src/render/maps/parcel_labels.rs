//! Parcel labels: the parcel's name or id where it fits at 6 pt, and for the parcels of
//! interest too small for theirs, a numbered key tied to the sheet's parcel list.

use geo::{BoundingRect, Rect};

use super::{tr, MapContext, MapRequest};
use crate::project::Lang;
use crate::render::page::Page;
use crate::render::scene::{
    KeyStyle, Label, LegendItem, ParcelList, ParcelListRow, Scene, SheetTable, Style, Swatch,
    TablePlace,
};
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
        let Some(text) = parcel_label_text(ctx, p) else {
            continue;
        };
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

/// A parcel's label as `[map] parcel_labels` asks: its name where the data has one, else
/// its id; or its name only; or none.
fn parcel_label_text<'a>(ctx: &MapContext, p: &'a crate::model::Parcel) -> Option<&'a str> {
    use crate::project::ParcelLabels;
    let name = p.name.as_deref().filter(|n| !n.trim().is_empty());
    match ctx.parcel_labels {
        ParcelLabels::NameOrId => Some(name.unwrap_or(&p.id)),
        ParcelLabels::Name => name,
        ParcelLabels::None => None,
    }
}

/// True when a label of `text` at 6 pt fits across a parcel of bounding box `b`.
fn label_fits(text: &str, b: &Rect<f64>, mm_per_m: f64) -> bool {
    crate::render::text::text_width(text, PARCEL_LABEL_MM) <= b.width() * 0.9 * mm_per_m
}

/// At most this many parcels of an A4 sheet get a numbered key; on A3 as many as a sheet
/// table holds.
const MAX_KEYS_A4: usize = 12;

/// Short keys for the parcels of interest whose label does not fit: a number inside the
/// parcel, tied to the sheet's parcel list (宗地清单: key, id, class, 亩), which
/// [`place_parcel_list`] puts on the sheet. `interest` gives a parcel's rank (lower first;
/// `None`: no key) and its class label and fill. The most important parcels get keys
/// first; the heading counts the rest, with the parcels too small for a key at the
/// sheet's scale.
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
        if parcel_label_text(ctx, p).is_some_and(|t| label_fits(t, &b, mm_per_m)) {
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
        // No list, but parcels of interest too small for even a number: said in the
        // legend, so that none goes unmentioned.
        if too_small > 0 {
            let note = match ctx.lang {
                Lang::Zh => format!("{too_small} 宗闲置低效宗地过小未标注，见台账"),
                Lang::En => format!(
                    "{too_small} idle or inefficient parcels too small to mark: see the ledger"
                ),
            };
            scene.legend.push((Some(note), Vec::new()));
        }
        return;
    }
    wanted.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
    let cap = match req.page.paper {
        crate::render::page::Paper::A4 => MAX_KEYS_A4,
        crate::render::page::Paper::A3 => SheetTable::MAX_ROWS,
    };
    let left = wanted.len().saturating_sub(cap) + too_small;
    wanted.truncate(cap);
    // Keys run in id order, so the list reads like a ledger.
    wanted.sort_by(|a, b| ctx.model.parcels[a.2].id.cmp(&ctx.model.parcels[b.2].id));
    let mut rows = Vec::new();
    for (_, _, i, class, fill) in wanted {
        let p = &ctx.model.parcels[i];
        let (Some(pt), Some(b)) = (p.geometry.interior_point(), p.geometry.bounding_rect()) else {
            continue;
        };
        let key = rows.len() + 1;
        scene.labels.push(Label {
            text: key.to_string(),
            at: pt.0,
            size_mm: PARCEL_LABEL_MM,
            priority: KEY_PRIORITY,
            major: false,
            max_width_m: Some(b.width().min(b.height() * 3.0) * 0.9),
            also_at: Vec::new(),
        });
        rows.push(ParcelListRow {
            key,
            id: p.id.clone(),
            class,
            fill,
            mu: p.area.to_mu(),
        });
    }
    scene.parcel_list = Some(ParcelList { left, rows });
}

/// The list's heading: 宗地清单, with how many parcels it leaves to the ledger.
fn list_heading(lang: Lang, left: usize) -> String {
    match (lang, left) {
        (Lang::Zh, 0) => "宗地清单".to_owned(),
        (Lang::Zh, n) => format!("宗地清单（另有 {n} 宗见台账）"),
        (Lang::En, 0) => "Parcel list".to_owned(),
        (Lang::En, n) => format!("Parcel list ({n} more in the ledger)"),
    }
}

/// Priority of the keys among the labels: above the ids, below the park names.
const KEY_PRIORITY: f64 = f64::MAX / 2.0;

/// True for a parcel key among the scene's labels.
fn is_key(l: &Label) -> bool {
    l.priority == KEY_PRIORITY && l.size_mm == PARCEL_LABEL_MM
}

/// Takes out of `list` the keys the sheet as it now stands cannot print (a park name,
/// the furniture or the table in its corner took their place): their labels go, their
/// parcels are counted with those left to the ledger, and the keys left are numbered
/// 1, 2, 3 … again, so that every row of the list has its number on the map.
fn drop_unprinted_keys(scene: &mut Scene, list: &mut ParcelList, page: &Page, lang: Lang) {
    let printed: std::collections::HashSet<String> =
        crate::render::sheet::placed_labels(scene, page, lang)
            .into_iter()
            .filter(|p| is_key(&p.label))
            .map(|p| p.label.text)
            .collect();
    if list
        .rows
        .iter()
        .all(|r| printed.contains(&r.key.to_string()))
    {
        return;
    }
    let mut renumbered = std::collections::HashMap::new();
    let before = list.rows.len();
    list.rows.retain(|r| printed.contains(&r.key.to_string()));
    list.left += before - list.rows.len();
    for (k, r) in list.rows.iter_mut().enumerate() {
        renumbered.insert(r.key.to_string(), (k + 1).to_string());
        r.key = k + 1;
    }
    scene.labels.retain_mut(|l| {
        if !is_key(l) {
            return true;
        }
        match renumbered.get(&l.text) {
            Some(new) => {
                l.text.clone_from(new);
                true
            }
            None => false,
        }
    });
}

/// Puts the scene's parcel list on the sheet where it takes nothing from the map: as a
/// table in a corner of the frame the map leaves clear, or, on a sheet that already has
/// a table, as a group of the legend. Returns the list's rows when it needs room under
/// the frame instead (the list is left in the scene for [`parcel_list_below`]).
pub(crate) fn place_parcel_list(scene: &mut Scene, page: &Page, lang: Lang) -> Option<usize> {
    let mut list = scene.parcel_list.take()?;
    if scene.table.is_some() {
        drop_unprinted_keys(scene, &mut list, page, lang);
        let heading = list_heading(lang, list.left);
        scene.legend.push((Some(heading), list_legend(&list, lang)));
        return None;
    }
    scene.table = Some(list_table(&list, lang));
    if crate::render::sheet::clear_corner(scene, page, lang) {
        let place = scene.table.as_ref().map(|t| t.place);
        drop_unprinted_keys(scene, &mut list, page, lang);
        let mut t = list_table(&list, lang);
        t.place = place.unwrap_or(TablePlace::Below);
        scene.table = Some(t);
        return None;
    }
    scene.table = None;
    let rows = list.rows.len();
    scene.parcel_list = Some(list);
    Some(rows)
}

/// Puts the scene's parcel list into the legend when the whole legend then still fits at
/// 6 pt; returns false (the list left in the scene) when it would not.
pub(crate) fn parcel_list_in_legend(scene: &mut Scene, page: &Page, lang: Lang) -> bool {
    let Some(mut list) = scene.parcel_list.take() else {
        return false;
    };
    let group = (
        Some(list_heading(lang, list.left)),
        list_legend(&list, lang),
    );
    scene.legend.push(group);
    let fits = crate::render::sheet::legend_fits(scene, page, lang);
    scene.legend.pop();
    if !fits {
        scene.parcel_list = Some(list);
        return false;
    }
    drop_unprinted_keys(scene, &mut list, page, lang);
    scene.legend.push((
        Some(list_heading(lang, list.left)),
        list_legend(&list, lang),
    ));
    true
}

/// Puts the scene's parcel list under the frame, in two blocks side by side; the table
/// keeps the height the frame was fitted to when keys have to go.
pub(crate) fn parcel_list_below(scene: &mut Scene, page: &Page, lang: Lang) {
    if let Some(mut list) = scene.parcel_list.take() {
        let mut t = list_table(&list, lang);
        t.place = TablePlace::Below;
        let held = t.block_rows();
        scene.table = Some(t);
        drop_unprinted_keys(scene, &mut list, page, lang);
        let mut t = list_table(&list, lang);
        t.place = TablePlace::Below;
        t.held_rows = held;
        scene.table = Some(t);
    }
}

/// Blocks the parcel list is drawn in under the frame.
pub(crate) const LIST_BLOCKS: usize = 2;

/// The parcel list as a sheet table: 编号, 宗地代码, 类别, 面积（亩）.
fn list_table(list: &ParcelList, lang: Lang) -> SheetTable {
    // English class names are longer: the class column and the table are wider.
    let (header, widths, corner_w) = match lang {
        Lang::Zh => (
            ["编号", "宗地代码", "类别", "面积（亩）"],
            [4.0, 11.0, 10.0, 7.0],
            82.0,
        ),
        Lang::En => (
            ["Key", "Parcel", "Class", "Area (mu)"],
            [3.5, 9.0, 15.0, 6.0],
            104.0,
        ),
    };
    SheetTable {
        title: list_heading(lang, list.left),
        header: header.iter().map(|h| (*h).to_owned()).collect(),
        widths: widths.to_vec(),
        numeric: vec![false, false, false, true],
        rows: list
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.key.to_string(),
                    r.id.clone(),
                    r.class.clone(),
                    format!("{:.1}", r.mu),
                ]
            })
            .collect(),
        more: String::new(),
        place: TablePlace::Below,
        keys: KeyStyle::Plain,
        corner_w_mm: corner_w,
        blocks: LIST_BLOCKS,
        held_rows: 0,
    }
}

/// The parcel list as legend entries: the class's swatch, "key  id", class and 亩.
fn list_legend(list: &ParcelList, lang: Lang) -> Vec<LegendItem> {
    list.rows
        .iter()
        .map(|r| LegendItem {
            style: Style::fill(r.fill, PARCEL_EDGE, 0.12),
            swatch: Swatch::Area,
            label: format!("{}  {}", r.key, r.id),
            detail: Some(format!(
                "{} · {:.1} {}",
                r.class,
                r.mu,
                tr(lang, "亩", "mu")
            )),
        })
        .collect()
}
