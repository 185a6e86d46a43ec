//! The development-progress maps: every parcel by the stage its land has reached (未批,
//! 批而未供, 供而未开工, 在建, 竣工未投产, 已投产), and by the year it was supplied (供地时序).
//! The stages read the parcel's own records: status, supply date, actual start and
//! completion, in production.

use super::{classed_parcels, parcel_labels, tr, MapContext, MapRequest};
use crate::model::{Parcel, SupplyStatus};
use crate::render::scene::Scene;

/// The stages, in legend order: (zh, en, fill).
const STAGES: [(&str, &str, &str); 7] = [
    ("已投产", "In production", "#1a9850"),
    ("竣工未投产", "Completed, not in production", "#91cf60"),
    ("在建（已开工未竣工）", "Under construction", "#fee08b"),
    ("已供未开工", "Supplied, not started", "#fc8d59"),
    ("批而未供", "Approved, not supplied", "#91bfdb"),
    ("未批", "Not approved", "#e0e0e0"),
    ("无供地记录", "No supply record", "#f7f7f7"),
];

/// The stage of a parcel: its position in [`STAGES`].
fn stage(p: &Parcel) -> usize {
    let supplied = p.status == Some(SupplyStatus::Supplied) || p.supply_date.is_some();
    if supplied {
        if p.in_production == Some(true) {
            0
        } else if p.actual_completion.is_some() {
            1
        } else if p.actual_start.is_some() {
            2
        } else {
            3
        }
    } else {
        match p.status {
            Some(SupplyStatus::Approved) => 4,
            Some(SupplyStatus::Unapproved) => 5,
            _ => 6,
        }
    }
}

/// Builds the development-progress map; returns the map title.
pub fn build_stages(
    ctx: &MapContext,
    req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) -> String {
    let classes: Vec<(String, &'static str)> = STAGES
        .iter()
        .map(|(zh, en, fill)| (tr(ctx.lang, zh, en), *fill))
        .collect();
    let parcels = &ctx.model.parcels;
    let items = classed_parcels(ctx, scene, in_view, &classes, |i| stage(&parcels[i]));
    scene.legend.push((
        Some(tr(
            ctx.lang,
            "开发进度（开工、竣工、投产）",
            "Development stage",
        )),
        items,
    ));
    parcel_labels(ctx, req, scene, in_view);
    tr(ctx.lang, "开发进度图", "development progress")
}

/// Fills of the supply-year classes, oldest first (ColorBrewer PuBu).
const YEAR_FILLS: [&str; 6] = [
    "#d0d1e6", "#a6bddb", "#74a9cf", "#3690c0", "#0570b0", "#034e7b",
];

/// Builds the supply-year map (供地时序): supplied parcels by the year they were supplied —
/// the last five years each a class, earlier years together — and the rest apart; returns
/// the map title.
pub fn build_years(
    ctx: &MapContext,
    req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) -> String {
    use chrono::Datelike;
    let l = ctx.lang;
    let last = ctx.analysis.as_of.year();
    let first = last - 4;
    let mut classes: Vec<(String, &'static str)> = vec![(
        if l == crate::project::Lang::Zh {
            format!("{} 年及以前", first - 1)
        } else {
            format!("{} and before", first - 1)
        },
        YEAR_FILLS[0],
    )];
    for (k, y) in (first..=last).enumerate() {
        classes.push((
            if l == crate::project::Lang::Zh {
                format!("{y} 年")
            } else {
                y.to_string()
            },
            YEAR_FILLS[k + 1],
        ));
    }
    classes.push((
        tr(l, "已供，供地日期不详", "Supplied, date unknown"),
        "#bdbdbd",
    ));
    classes.push((tr(l, "未供", "Not supplied"), "#f7f7f7"));
    let parcels = &ctx.model.parcels;
    let n = classes.len();
    let items = classed_parcels(ctx, scene, in_view, &classes, |i| {
        let p = &parcels[i];
        match p.supply_date {
            Some(d) => (d.year().clamp(first - 1, last) - (first - 1)) as usize,
            None if p.status == Some(SupplyStatus::Supplied) => n - 2,
            None => n - 1,
        }
    });
    scene
        .legend
        .push((Some(tr(l, "供地时序（按供地年份）", "Supply year")), items));
    parcel_labels(ctx, req, scene, in_view);
    tr(l, "供地时序图", "land supply by year")
}
