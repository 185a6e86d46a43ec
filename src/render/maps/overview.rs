//! The overview: parcels in the customary GB 50137 land-use colours, constraints and
//! infrastructure.

use std::collections::BTreeMap;

use geo::{BoundingRect, Geometry, Intersects};

use super::{count_detail, parcel_labels, tr, MapContext, MapRequest};
use crate::model::{ConstraintKind, InfraKind};
use crate::project::Lang;
use crate::render::scene::{LegendItem, Scene, SceneLayer, Style, Swatch, Symbol};
use crate::render::style::{land_use_class, land_use_rank, land_use_style, PARCEL_EDGE};

/// Builds the overview; returns the map title.
pub fn build(
    ctx: &MapContext,
    req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) -> String {
    let m = ctx.model;
    // Under the parcels: the land of each park no parcel covers (its roads, greens and
    // water), filled so the park reads whole instead of holed.
    let (gaps, gap_mu) = park_land_between_parcels(ctx, in_view);
    let gap_style = Style::fill("#e4e1da", "#e4e1da", 0.0);
    if !gaps.is_empty() {
        let mut under = SceneLayer::default();
        for g in gaps {
            under.push(Geometry::MultiPolygon(g), &gap_style);
        }
        scene.layers.push(under);
    }
    let mut layer = SceneLayer::default();
    // Per class, in GB 50137 order: parcels and 亩 in the frame.
    let mut classes: BTreeMap<(usize, &'static str), (usize, f64)> = BTreeMap::new();
    for p in &m.parcels {
        if !in_view(&p.geometry) {
            continue;
        }
        let class = land_use_class(p.land_use.as_deref());
        let (color, _, _) = land_use_style(class);
        layer.push(
            Geometry::MultiPolygon(p.geometry.clone()),
            &Style::fill(color, PARCEL_EDGE, 0.12),
        );
        let e = classes.entry((land_use_rank(class), class)).or_default();
        e.0 += 1;
        e.1 += p.area.to_mu();
    }
    scene.layers.push(layer);
    // The legend is the sheet's land-use balance (用地平衡表): class, parcels, 亩, share.
    let total: f64 = classes.values().map(|(_, mu)| mu).sum();
    let items: Vec<LegendItem> = classes
        .into_iter()
        .map(|((_, class), (n, mu))| {
            let (color, zh, en) = land_use_style(class);
            let share = if total > 0.0 { 100.0 * mu / total } else { 0.0 };
            LegendItem {
                style: Style::fill(color, PARCEL_EDGE, 0.12),
                swatch: Swatch::Area,
                label: tr(ctx.lang, zh, en),
                detail: Some(format!("{} · {share:.1}%", count_detail(ctx.lang, n, mu))),
            }
        })
        .collect();
    scene.legend.push((
        Some(tr(ctx.lang, "用地性质（用地平衡）", "Land use (balance)")),
        items,
    ));
    if gap_mu > 0.0 {
        scene.legend.push((
            None,
            vec![LegendItem {
                style: gap_style,
                swatch: Swatch::Area,
                label: tr(
                    ctx.lang,
                    "园区内未划宗地的用地（道路、绿地、水域等，不计入用地平衡）",
                    "Park land outside parcels (roads, greens, water; not in the balance)",
                ),
                detail: Some(format!("{gap_mu:.1} {}", tr(ctx.lang, "亩", "mu"))),
            }],
        ));
    }
    constraints_layer(ctx, scene);
    facilities_layer(ctx, scene);
    parcel_labels(ctx, req, scene, in_view);
    tr(ctx.lang, "用地现状图", "land use")
}

/// Each park in view minus every parcel that touches it (one difference per park, as for
/// 批而未供 land), and the 亩 of what is left; slivers under 1 m² are dropped.
fn park_land_between_parcels(
    ctx: &MapContext,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) -> (Vec<geo::MultiPolygon<f64>>, f64) {
    use geo::algorithm::bool_ops::FillRule;
    use geo::{Area, BooleanOps};
    use rayon::prelude::*;
    let (m, ix) = (ctx.model, ctx.index);
    let shown: Vec<&crate::model::Park> = m.parks.iter().filter(|p| in_view(&p.geometry)).collect();
    let rests: Vec<geo::MultiPolygon<f64>> = shown
        .par_iter()
        .filter_map(|park| {
            let bbox = park.geometry.bounding_rect()?;
            let mut near: Vec<usize> = ix
                .parcels
                .locate_in_envelope_intersecting(&crate::index::envelope(bbox))
                .map(|e| e.data)
                .collect();
            near.sort_unstable();
            let cover = geo::MultiPolygon::new(
                near.iter()
                    .flat_map(|&i| m.parcels[i].geometry.0.iter().cloned())
                    .collect(),
            );
            let rest = crate::index::repaired(
                park.geometry
                    .difference_with_fill_rule(&cover, FillRule::NonZero),
            );
            (rest.unsigned_area() > 1.0).then_some(rest)
        })
        .collect();
    let mu = rests
        .iter()
        .map(|r| crate::units::AreaM2(r.unsigned_area()).to_mu())
        .sum();
    (rests, mu)
}

/// The constraint kinds drawn as areas or lines, in legend order, with their style and
/// name in `l` (sensitive receptors: [`sensitive_styles`]).
pub fn constraint_styles(l: Lang) -> [(ConstraintKind, Style, String); 5] {
    [
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
    ]
}

/// The symbols of sensitive receptors: points as a red dot, areas (a housing estate, a
/// campus) as a red outline with a light red hatch, so neither reads as commercial land
/// (B, red).
pub fn sensitive_styles() -> (Style, Style) {
    (
        Style::point(Symbol::Circle, "#d62728", 1.8),
        Style::fill("#ffffff", "#d62728", 0.35)
            .with_opacity(0.0)
            .hatched("#f08080"),
    )
}

/// Constraint polygons and sensitive receptors, with their legend.
pub(crate) fn constraints_layer(ctx: &MapContext, scene: &mut Scene) {
    let l = ctx.lang;
    let kinds = constraint_styles(l);
    let mut layer = SceneLayer::default();
    let mut legend = Vec::new();
    let view = scene.extent;
    let seen = |g: &Geometry<f64>| g.bounding_rect().is_some_and(|b| b.intersects(&view));
    for (kind, st, name) in &kinds {
        let fs: Vec<&Geometry<f64>> = ctx
            .model
            .constraints
            .iter()
            .filter(|c| c.kind == *kind && seen(&c.geometry))
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
    let (sens_point, sens_area) = sensitive_styles();
    let (mut n_points, mut n_areas) = (0usize, 0usize);
    for c in ctx
        .model
        .constraints
        .iter()
        .filter(|c| c.kind == ConstraintKind::Sensitive && seen(&c.geometry))
    {
        if matches!(c.geometry, Geometry::Point(_) | Geometry::MultiPoint(_)) {
            layer.push(c.geometry.clone(), &sens_point);
            n_points += 1;
        } else {
            layer.push(c.geometry.clone(), &sens_area);
            n_areas += 1;
        }
    }
    let sens_name = tr(
        l,
        "环境敏感点（居住、学校、医院）",
        "Sensitive receptor (housing, school, hospital)",
    );
    for (n, st, swatch) in [
        (n_areas, sens_area, Swatch::Area),
        (n_points, sens_point, Swatch::Point),
    ] {
        if n > 0 {
            legend.push(LegendItem {
                style: st,
                swatch,
                label: sens_name.clone(),
                detail: Some(format!("{n} {}", tr(l, "处", "sites"))),
            });
        }
    }
    if !layer.items.is_empty() {
        scene.layers.push(layer);
        scene
            .legend
            .push((Some(tr(l, "管控要素", "Constraints")), legend));
    }
}

/// The point facilities, in legend order, with their symbol and name in `l`.
pub fn facility_styles(l: Lang) -> [(InfraKind, Style, String); 4] {
    [
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
    ]
}

/// Point facilities: wastewater plants, substations, gas, interchanges.
pub(crate) fn facilities_layer(ctx: &MapContext, scene: &mut Scene) {
    let l = ctx.lang;
    let kinds = facility_styles(l);
    let mut layer = SceneLayer::default();
    let mut legend = Vec::new();
    let view = scene.extent;
    for (kind, st, name) in &kinds {
        let mut any = false;
        for f in ctx.model.infrastructure.iter().filter(|f| {
            f.kind == *kind
                && f.geometry
                    .bounding_rect()
                    .is_some_and(|b| b.intersects(&view))
        }) {
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

#[cfg(test)]
mod tests {
    /// On the sample, the park land outside parcels and the parcels' land inside the parks
    /// add up to the parks' area (the parcels do not overlap).
    #[test]
    fn park_land_outside_parcels_and_parcels_make_the_parks() {
        use geo::Area;
        let (ws, a) = crate::sample_for_tests::sample();
        let ctx = ws.map_context(&a, None);
        let m = ws.model();
        let (_, gap_mu) = super::park_land_between_parcels(&ctx, &|_| true);
        let parks_m2: f64 = m.parks.iter().map(|p| p.geometry.unsigned_area()).sum();
        let inside_m2: f64 = m
            .parks
            .iter()
            .map(|park| {
                m.parcels
                    .iter()
                    .map(|p| crate::index::clipped_area(&p.geometry, &park.geometry))
                    .sum::<f64>()
            })
            .sum();
        let gap_m2 = gap_mu * 2000.0 / 3.0;
        assert!(gap_m2 > 0.0);
        let rel = (gap_m2 + inside_m2 - parks_m2).abs() / parks_m2;
        assert!(rel < 1e-6, "{gap_m2} + {inside_m2} vs {parks_m2}: {rel}");
    }
}
