//! The serviced-land map (熟地分布图): every parcel not yet supplied by whether the services
//! of the serviced-land rules reach it (熟地), some are missing, or none could be assessed;
//! supplied parcels in grey. The legend counts what the map shows.

use super::{classed_parcels, parcel_labels, tr, MapContext, MapRequest};
use crate::analyse::supply::ParcelServices;
use crate::project::land::Service;
use crate::render::scene::Scene;

/// The classes of the map, in legend order: (zh, en, fill colour).
pub const CLASSES: [(&str, &str, &str); 4] = [
    (
        "熟地（配套齐全，未供）",
        "Serviced, not supplied",
        "#1a9850",
    ),
    (
        "配套不全（未供）",
        "Services missing, not supplied",
        "#fdae61",
    ),
    (
        "配套未评估（未供）",
        "Services not assessed, not supplied",
        "#fee08b",
    ),
    ("已供或未判定", "Supplied or not judged", "#ececec"),
];

/// The position of a parcel's services in [`CLASSES`].
pub fn class_of(s: ParcelServices) -> usize {
    match s {
        ParcelServices::Unsupplied {
            serviced: Some(true),
            ..
        } => 0,
        ParcelServices::Unsupplied {
            serviced: Some(false),
            ..
        } => 1,
        ParcelServices::Unsupplied { serviced: None, .. } => 2,
        ParcelServices::NotJudged => 3,
    }
}

/// Builds the serviced-land map; returns the map title.
pub fn build(
    ctx: &MapContext,
    req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) -> String {
    let services = &ctx.analysis.supply.serviced.parcels;
    let classes: Vec<(String, &'static str)> = CLASSES
        .iter()
        .map(|(zh, en, colour)| (tr(ctx.lang, zh, en), *colour))
        .collect();
    let items = classed_parcels(ctx, scene, in_view, &classes, |i| {
        services.get(i).copied().map_or(3, class_of)
    });
    let assessed = ctx.analysis.supply.serviced.assessed;
    let heading = if assessed.is_empty() {
        tr(
            ctx.lang,
            "熟地（无配套设施数据）",
            "Serviced land (no infrastructure data)",
        )
    } else {
        let names: Vec<String> = assessed
            .iter()
            .map(|s| tr(ctx.lang, service_zh(s), s.name()))
            .collect();
        let sep = tr(ctx.lang, "、", ", ");
        format!(
            "{}{}",
            tr(ctx.lang, "熟地：评估 ", "Serviced land, assessed: "),
            names.join(&sep)
        )
    };
    scene.legend.push((Some(heading), items));
    parcel_labels(ctx, req, scene, in_view);
    tr(ctx.lang, "熟地分布图", "serviced land")
}

/// The service's name on a Chinese map.
fn service_zh(s: Service) -> &'static str {
    match s {
        Service::Road => "道路",
        Service::Power => "供电",
        Service::Wastewater => "污水处理",
        Service::Gas => "燃气",
    }
}
