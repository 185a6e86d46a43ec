//! The intensity map: a choropleth of FAR, coverage or money per 亩, classified by
//! natural breaks, quantiles or equal intervals.

use geo::Geometry;

use super::{count_detail, tr, MapContext, MapRequest};
use crate::error::{Error, Result};
use crate::render::classify::{breaks, class_between, class_of, rounded_limits, Scheme};
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
    let l = ctx.lang;
    let far_standard = key == "far" && req.scheme == Scheme::Standard;
    // Classes in legend order: (label, fill); each visible parcel gets one of them.
    let (classes, class): (Vec<(String, &'static str)>, Vec<usize>) = if far_standard {
        far_classes(ctx, &visible)
    } else {
        value_classes(ctx, req, &visible, &value, dec)
    };
    let mut layer = SceneLayer::default();
    let mut counts = vec![(0usize, 0.0f64); classes.len()];
    for (&i, &k) in visible.iter().zip(&class) {
        let p = &m.parcels[i];
        counts[k].0 += 1;
        counts[k].1 += p.area.to_mu();
        layer.push(
            Geometry::MultiPolygon(p.geometry.clone()),
            &Style::fill(classes[k].1, PARCEL_EDGE, 0.12),
        );
    }
    scene.layers.push(layer);
    let mut items: Vec<LegendItem> = classes
        .iter()
        .zip(&counts)
        .filter(|(_, (n, _))| *n > 0)
        .map(|((label, fill), (n, mu))| LegendItem {
            style: Style::fill(fill, PARCEL_EDGE, 0.12),
            swatch: Swatch::Area,
            label: label.clone(),
            detail: Some(count_detail(l, *n, *mu)),
        })
        .collect();
    let method = match req.scheme {
        Scheme::Standard if far_standard => {
            if visible.iter().any(|&i| a.intensity[i].industrial) {
                tr(l, "工业用地固定分级", "industrial land, fixed steps")
            } else {
                tr(l, "固定分级", "fixed steps")
            }
        }
        Scheme::Standard => tr(l, "自然断点取整", "rounded natural breaks"),
        Scheme::NaturalBreaks => tr(l, "自然断点", "natural breaks"),
        Scheme::Quantiles => tr(l, "分位数", "quantiles"),
        Scheme::EqualInterval => tr(l, "等间距", "equal interval"),
    };
    if key == "far" {
        // The control line: parcels below the minimum FAR their industry (or planning
        // conditions) require, hatched over their class.
        let below = Style::fill("#ffffff", "#b2182b", 0.3)
            .with_opacity(0.0)
            .hatched("#b2182b");
        let mut over = SceneLayer::default();
        let mut mu = 0.0;
        for &i in &visible {
            if a.intensity[i].far_ok == Some(false) {
                let p = &m.parcels[i];
                over.push(Geometry::MultiPolygon(p.geometry.clone()), &below);
                mu += p.area.to_mu();
            }
        }
        if !over.items.is_empty() {
            items.push(LegendItem {
                style: below,
                swatch: Swatch::Area,
                label: tr(l, "低于容积率控制下限", "Below the required minimum FAR"),
                detail: Some(count_detail(l, over.items.len(), mu)),
            });
            scene.layers.push(over);
        }
    }
    scene.legend.push((
        Some(match l {
            crate::project::Lang::Zh => format!("{zh}（{method}）"),
            // English: ASCII brackets, so the line breaks before "(" and not before "）".
            crate::project::Lang::En => {
                let mut c = en.chars();
                let head: String = c
                    .next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default();
                format!("{head} ({method})")
            }
        }),
        items,
    ));
    super::overview::facilities_layer(ctx, scene);
    Ok(format!(
        "{}{}",
        tr(ctx.lang, zh, en),
        tr(ctx.lang, "分布图", " map")
    ))
}

/// The fixed FAR steps of the standard classes: [0, 0.5), [0.5, 1.0) … [5.0, ..).
const FAR_STEPS: [f64; 6] = [0.5, 1.0, 1.5, 2.0, 3.0, 5.0];

/// The standard FAR classes (the viewer's FAR theme too): non-industrial land and land
/// without buildings apart, the rest at fixed steps (0.5 up to 2.0, where the control minimums lie, then 3 and 5).
/// A view without industrial land grades every parcel. Returns the classes and each
/// visible parcel's class.
pub fn far_classes(
    ctx: &MapContext,
    visible: &[usize],
) -> (Vec<(String, &'static str)>, Vec<usize>) {
    let l = ctx.lang;
    let any_industrial = visible
        .iter()
        .any(|&i| ctx.analysis.intensity[i].industrial);
    let fills = sequential(FAR_STEPS.len() + 1);
    let mut classes = vec![
        (
            tr(l, "非工业用地（不分级）", "Not industrial land"),
            NON_INDUSTRIAL,
        ),
        (tr(l, "无建筑（容积率 0）", "No buildings (FAR 0)"), NO_DATA),
    ];
    for k in 0..=FAR_STEPS.len() {
        let label = match k {
            0 => format!("> 0 {} <{:.1}", tr(l, "且", "and"), FAR_STEPS[0]),
            k if k == FAR_STEPS.len() => format!("≥{:.1}", FAR_STEPS[k - 1]),
            k => half_open_label(
                l,
                &format!("{:.1}", FAR_STEPS[k - 1]),
                &format!("{:.1}", FAR_STEPS[k]),
            ),
        };
        classes.push((label, fills[k.min(fills.len() - 1)]));
    }
    let class = visible
        .iter()
        .map(|&i| {
            let it = &ctx.analysis.intensity[i];
            if any_industrial && !it.industrial {
                0
            } else if it.far <= 0.0 {
                1
            } else {
                2 + class_between(it.far, &FAR_STEPS)
            }
        })
        .collect();
    (classes, class)
}

/// Classes of an indicator's values by the requested scheme (rounded natural breaks by
/// default), with parcels without a value apart. Returns the classes and each visible
/// parcel's class.
fn value_classes(
    ctx: &MapContext,
    req: &MapRequest,
    visible: &[usize],
    value: &dyn Fn(usize) -> Option<f64>,
    dec: usize,
) -> (Vec<(String, &'static str)>, Vec<usize>) {
    let l = ctx.lang;
    let vals: Vec<f64> = visible.iter().filter_map(|&i| value(i)).collect();
    let k = req.classes.clamp(2, 7);
    let no_data = (tr(l, "无数据", "No data"), NO_DATA);
    if req.scheme == Scheme::Standard {
        let limits = rounded_limits(&vals, k);
        let fills = sequential(limits.len() + 1);
        let mut classes: Vec<(String, &'static str)> = (0..=limits.len())
            .map(|c| {
                let label = match c {
                    _ if limits.is_empty() => tr(l, "全部", "All"),
                    0 => format!("<{}", num(limits[0], dec)),
                    c if c == limits.len() => format!("≥{}", num(limits[c - 1], dec)),
                    c => half_open_label(l, &num(limits[c - 1], dec), &num(limits[c], dec)),
                };
                (label, fills[c.min(fills.len() - 1)])
            })
            .collect();
        classes.push(no_data);
        let none = classes.len() - 1;
        let class = visible
            .iter()
            .map(|&i| value(i).map_or(none, |v| class_between(v, &limits)))
            .collect();
        return (classes, class);
    }
    let b = breaks(&vals, k, req.scheme);
    let fills = sequential(b.len());
    let lo = vals.iter().copied().fold(f64::INFINITY, f64::min);
    let mut classes: Vec<(String, &'static str)> = b
        .iter()
        .enumerate()
        .map(|(c, ub)| {
            let from = if c == 0 { lo } else { b[c - 1] };
            (
                range_label(l, from, *ub, dec),
                fills[c.min(fills.len() - 1)],
            )
        })
        .collect();
    classes.push(no_data);
    let none = classes.len() - 1;
    let class = visible
        .iter()
        .map(|&i| match value(i) {
            Some(v) if !b.is_empty() => class_of(v, &b),
            _ => none,
        })
        .collect();
    (classes, class)
}

/// A limit with the indicator's decimals, rounded limits keeping the digits they have.
fn num(x: f64, dec: usize) -> String {
    crate::write::format_number(x, dec.max(2) as u8)
}

/// Fill of parcels that are not industrial land on the FAR map.
const NON_INDUSTRIAL: &str = "#ffffff";

/// A class from `lo` up to but not including `hi`: "≥0.5 且 <1.0" / "0.5 to under 1.0",
/// so neighbouring classes never share a bound.
fn half_open_label(lang: crate::project::Lang, lo: &str, hi: &str) -> String {
    match lang {
        crate::project::Lang::Zh => format!("≥{lo} 且 <{hi}"),
        crate::project::Lang::En => format!("{lo} to under {hi}"),
    }
}

/// A class's bounds as the legend prints them: "0.50～1.00" in Chinese, "0.50 to 1.00" in
/// English (the bundled font has no en dash).
fn range_label(lang: crate::project::Lang, from: f64, to: f64, dec: usize) -> String {
    match lang {
        crate::project::Lang::Zh => format!("{from:.dec$}～{to:.dec$}"),
        crate::project::Lang::En => format!("{from:.dec$} to {to:.dec$}"),
    }
}
