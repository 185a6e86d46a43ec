//! The overview: parcels in the customary GB 50137 land-use colours, constraints and
//! infrastructure.

use std::collections::BTreeMap;

use geo::Geometry;

use super::{count_detail, parcel_labels, tr, MapContext, MapRequest};
use crate::model::{ConstraintKind, InfraKind};
use crate::render::scene::{LegendItem, Scene, SceneLayer, Style, Swatch, Symbol};
use crate::render::style::{land_use_color, PARCEL_EDGE};

/// Builds the overview; returns the map title.
pub fn build(
    ctx: &MapContext,
    req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) -> String {
    let m = ctx.model;
    let mut layer = SceneLayer::default();
    let mut classes: BTreeMap<&'static str, (String, usize, f64)> = BTreeMap::new();
    for p in &m.parcels {
        if !in_view(&p.geometry) {
            continue;
        }
        let (color, zh, en) = land_use_color(p.land_use.as_deref());
        layer.push(
            Geometry::MultiPolygon(p.geometry.clone()),
            &Style::fill(color, PARCEL_EDGE, 0.12),
        );
        let e = classes
            .entry(color)
            .or_insert_with(|| (tr(ctx.lang, zh, en), 0, 0.0));
        e.1 += 1;
        e.2 += p.area.to_mu();
    }
    scene.layers.push(layer);
    let mut items: Vec<LegendItem> = classes
        .into_iter()
        .map(|(color, (label, n, mu))| LegendItem {
            style: Style::fill(color, PARCEL_EDGE, 0.12),
            swatch: Swatch::Area,
            label,
            detail: Some(count_detail(ctx.lang, n, mu)),
        })
        .collect();
    items.sort_by(|a, b| a.label.cmp(&b.label));
    scene
        .legend
        .push((Some(tr(ctx.lang, "用地性质", "Land use")), items));
    constraints_layer(ctx, scene);
    facilities_layer(ctx, scene);
    parcel_labels(ctx, req, scene, in_view);
    tr(ctx.lang, "用地现状图", "land use")
}

/// Constraint polygons and sensitive receptors, with their legend.
pub(crate) fn constraints_layer(ctx: &MapContext, scene: &mut Scene) {
    let l = ctx.lang;
    let kinds = [
        (
            ConstraintKind::EcologicalRedline,
            Style::fill("#2e7d32", "#1b5e20", 0.3)
                .with_opacity(0.18)
                .hatched("#2e7d32"),
            tr(l, "生态保护红线", "Ecological red line"),
        ),
        (
            ConstraintKind::BasicFarmland,
            Style::fill("#c0ca33", "#827717", 0.3)
                .with_opacity(0.2)
                .hatched("#9e9d24"),
            tr(l, "永久基本农田", "Permanent basic farmland"),
        ),
        (
            ConstraintKind::WaterSource,
            Style::fill("#4fc3f7", "#0277bd", 0.3)
                .with_opacity(0.2)
                .hatched("#0277bd"),
            tr(l, "饮用水水源保护区", "Drinking-water source zone"),
        ),
        (
            ConstraintKind::Flood,
            Style::fill("#90caf9", "#1565c0", 0.25).with_opacity(0.2),
            tr(l, "洪涝风险区", "Flood risk zone"),
        ),
        (
            ConstraintKind::BuiltUp,
            Style::line("#c62828", 0.5).dashed(1.5, 1.0),
            tr(l, "城市建成区", "Built-up area"),
        ),
    ];
    let mut layer = SceneLayer::default();
    let mut legend = Vec::new();
    for (kind, st, name) in &kinds {
        let fs: Vec<&Geometry<f64>> = ctx
            .model
            .constraints
            .iter()
            .filter(|c| c.kind == *kind)
            .map(|c| &c.geometry)
            .collect();
        if fs.is_empty() {
            continue;
        }
        for g in fs {
            layer.push(g.clone(), st);
        }
        let swatch = if st.fill.is_some() {
            Swatch::Area
        } else {
            Swatch::Line
        };
        legend.push(LegendItem {
            style: st.clone(),
            swatch,
            label: name.clone(),
            detail: None,
        });
    }
    let sens = Style::point(Symbol::Circle, "#d62728", 1.8);
    let mut n_sens = 0;
    for c in ctx
        .model
        .constraints
        .iter()
        .filter(|c| c.kind == ConstraintKind::Sensitive)
    {
        layer.push(c.geometry.clone(), &sens);
        n_sens += 1;
    }
    if n_sens > 0 {
        legend.push(LegendItem {
            style: sens,
            swatch: Swatch::Point,
            label: tr(
                l,
                "环境敏感点（居住、学校、医院）",
                "Sensitive receptor (housing, school, hospital)",
            ),
            detail: Some(format!("{n_sens}")),
        });
    }
    if !layer.items.is_empty() {
        scene.layers.push(layer);
        scene
            .legend
            .push((Some(tr(l, "管控要素", "Constraints")), legend));
    }
}

/// Point facilities: wastewater plants, substations, gas, interchanges.
pub(crate) fn facilities_layer(ctx: &MapContext, scene: &mut Scene) {
    let l = ctx.lang;
    let kinds = [
        (
            InfraKind::WastewaterPlant,
            Style::point(Symbol::Triangle, "#1565c0", 2.6),
            tr(l, "污水处理厂", "Wastewater plant"),
        ),
        (
            InfraKind::Substation,
            Style::point(Symbol::Square, "#6a1b9a", 2.0),
            tr(l, "变电站", "Substation"),
        ),
        (
            InfraKind::Gas,
            Style::point(Symbol::Square, "#ef6c00", 2.0),
            tr(l, "燃气", "Gas"),
        ),
        (
            InfraKind::Interchange,
            Style::point(Symbol::Circle, "#e08a2e", 2.2),
            tr(l, "高速出入口", "Interchange"),
        ),
    ];
    let mut layer = SceneLayer::default();
    let mut legend = Vec::new();
    for (kind, st, name) in &kinds {
        let mut any = false;
        for f in ctx.model.infrastructure.iter().filter(|f| f.kind == *kind) {
            layer.push(f.geometry.clone(), st);
            any = true;
        }
        if any {
            legend.push(LegendItem {
                style: st.clone(),
                swatch: Swatch::Point,
                label: name.clone(),
                detail: None,
            });
        }
    }
    if !layer.items.is_empty() {
        scene.layers.push(layer);
        scene
            .legend
            .push((Some(tr(l, "设施", "Facilities")), legend));
    }
}
