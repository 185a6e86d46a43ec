//! The intensity map: a choropleth of FAR, coverage or money per 亩, classified by
//! natural breaks, quantiles or equal intervals.

use geo::Geometry;

use super::{count_detail, tr, MapContext, MapRequest};
use crate::error::{Error, Result};
use crate::render::classify::{breaks, class_of, Scheme};
use crate::render::scene::{LegendItem, Scene, SceneLayer, Style, Swatch};
use crate::render::style::{sequential, NO_DATA, PARCEL_EDGE};

/// The indicators the map can show: (key, Chinese title, English title, decimals).
pub const FIELDS: [(&str, &str, &str, usize); 6] = [
    ("far", "容积率", "floor-area ratio", 2),
    ("coverage", "建筑密度", "building coverage", 2),
    (
        "tax_per_mu",
        "亩均税收（万元/亩）",
        "tax per mu (10k CNY)",
        1,
    ),
    (
        "revenue_per_mu",
        "亩均营业收入（万元/亩）",
        "revenue per mu (10k CNY)",
        0,
    ),
    (
        "investment_per_mu",
        "亩均投资（万元/亩）",
        "investment per mu (10k CNY)",
        0,
    ),
    (
        "value_added_per_mu",
        "亩均增加值（万元/亩）",
        "value added per mu (10k CNY)",
        1,
    ),
];

/// Builds the choropleth; returns the map title.
pub fn build(
    ctx: &MapContext,
    req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) -> Result<String> {
    let key = req.field.as_deref().unwrap_or("far");
    let (_, zh, en, dec) = FIELDS.iter().find(|f| f.0 == key).copied().ok_or_else(|| {
        Error::invalid(
            "field",
            key,
            format!(
                "not a mapped indicator (use one of: {})",
                FIELDS.iter().map(|f| f.0).collect::<Vec<_>>().join(", ")
            ),
        )
    })?;
    let m = ctx.model;
    let a = ctx.analysis;
    let value = |i: usize| -> Option<f64> {
        let it = &a.intensity[i];
        let area = m.parcels[i].area;
        match key {
            "far" => Some(it.far),
            "coverage" => Some(it.coverage),
            "tax_per_mu" => it.per_mu(it.tax, area),
            "revenue_per_mu" => it.per_mu(it.revenue, area),
            "value_added_per_mu" => it.per_mu(it.value_added, area),
            _ => it.investment_per_mu,
        }
    };
    let visible: Vec<usize> = (0..m.parcels.len())
        .filter(|&i| in_view(&m.parcels[i].geometry))
        .collect();
    let vals: Vec<f64> = visible.iter().filter_map(|&i| value(i)).collect();
    let b = breaks(&vals, req.classes.clamp(2, 7), req.scheme);
    let colors = sequential(b.len());
    let mut layer = SceneLayer::default();
    let mut counts = vec![(0usize, 0.0f64); b.len() + 1];
    for &i in &visible {
        let p = &m.parcels[i];
        let (fill, k) = match value(i) {
            Some(v) if !b.is_empty() => {
                let k = class_of(v, &b);
                (colors[k.min(colors.len() - 1)], k)
            }
            _ => (NO_DATA, b.len()),
        };
        counts[k].0 += 1;
        counts[k].1 += p.area.to_mu();
        layer.push(
            Geometry::MultiPolygon(p.geometry.clone()),
            &Style::fill(fill, PARCEL_EDGE, 0.12),
        );
    }
    scene.layers.push(layer);
    let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
    let mut items = Vec::new();
    for (k, ub) in b.iter().enumerate() {
        let from = if k == 0 { lo } else { b[k - 1] };
        items.push(LegendItem {
            style: Style::fill(colors[k.min(colors.len() - 1)], PARCEL_EDGE, 0.12),
            swatch: Swatch::Area,
            label: format!("{from:.dec$} – {ub:.dec$}"),
            detail: Some(count_detail(ctx.lang, counts[k].0, counts[k].1)),
        });
    }
    if counts[b.len()].0 > 0 {
        items.push(LegendItem {
            style: Style::fill(NO_DATA, PARCEL_EDGE, 0.12),
            swatch: Swatch::Area,
            label: tr(ctx.lang, "无数据", "No data"),
            detail: Some(count_detail(ctx.lang, counts[b.len()].0, counts[b.len()].1)),
        });
    }
    let scheme = match req.scheme {
        Scheme::NaturalBreaks => tr(ctx.lang, "自然断点", "natural breaks"),
        Scheme::Quantiles => tr(ctx.lang, "分位数", "quantiles"),
        Scheme::EqualInterval => tr(ctx.lang, "等间距", "equal interval"),
    };
    scene
        .legend
        .push((Some(format!("{}（{scheme}）", tr(ctx.lang, zh, en))), items));
    super::overview::facilities_layer(ctx, scene);
    Ok(format!(
        "{}{}",
        tr(ctx.lang, zh, en),
        tr(ctx.lang, "分布图", " map")
    ))
}
