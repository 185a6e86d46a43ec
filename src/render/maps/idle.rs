//! The idle-land map: every parcel in its idle class, approved-not-supplied land hatched.

use geo::Geometry;

use super::{classed_parcels, parcel_keys, parcel_labels, tr, MapContext, MapRequest};
use crate::analyse::idle::IdleClass;
use crate::project::Lang;
use crate::render::scene::{LegendItem, Scene, SceneLayer, Style, Swatch};
use crate::render::style::idle_color;

/// Builds the idle map; returns the map title.
pub fn build(
    ctx: &MapContext,
    req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) -> String {
    let a = ctx.analysis;
    let classes: Vec<(String, &'static str)> = IdleClass::ALL
        .iter()
        .map(|c| {
            let label = if ctx.lang == Lang::Zh {
                c.zh().to_owned()
            } else {
                c.en().to_owned()
            };
            (label, idle_color(*c))
        })
        .collect();
    let items = classed_parcels(ctx, scene, in_view, &classes, |i| {
        IdleClass::ALL
            .iter()
            .position(|x| *x == a.idle[i].class)
            .unwrap_or(0)
    });
    scene.legend.push((
        Some(tr(ctx.lang, "闲置低效类别", "Idle and inefficient land")),
        items,
    ));
    // Like the parcel classes, the legend counts what the map shows.
    let shown: Vec<_> = a.ans.iter().filter(|p| in_view(&p.geometry)).collect();
    if !shown.is_empty() {
        let st = Style::fill("#56b4e9", "#0072b2", 0.25)
            .with_opacity(0.25)
            .hatched("#0072b2");
        let mut l2 = SceneLayer::default();
        let mut mu = 0.0;
        for piece in &shown {
            l2.push(Geometry::MultiPolygon(piece.geometry.clone()), &st);
            mu += piece.area.to_mu();
        }
        scene.layers.push(l2);
        let detail = if ctx.lang == Lang::Zh {
            format!("{} 片 · {mu:.1} 亩", shown.len())
        } else {
            format!("{} pieces · {mu:.1} mu", shown.len())
        };
        scene.legend.push((
            None,
            vec![LegendItem {
                style: st,
                swatch: Swatch::Area,
                label: tr(
                    ctx.lang,
                    "批次内未供范围（批准用地减已供宗地，含道路等未划宗地的用地）",
                    "Batch land not yet supplied (approved minus supplied parcels, roads and other land outside parcels included)",
                ),
                detail: Some(detail),
            }],
        ));
    }
    parcel_labels(ctx, req, scene, in_view);
    // Idle and inefficient parcels too small for their id get a numbered key and a line
    // of the sheet's parcel list, idle land first.
    parcel_keys(ctx, req, scene, in_view, &|i| {
        let c = a.idle[i].class;
        let rank = IdleClass::ALL.iter().position(|x| *x == c)?;
        (c != IdleClass::None).then(|| (rank, classes[rank].0.clone(), classes[rank].1))
    });
    tr(ctx.lang, "闲置低效用地图", "idle and inefficient land")
}
