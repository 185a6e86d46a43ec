//! The evaluation map: parcels by the class of the enterprise holding most of them,
//! enterprises as points in their class colour.

use geo::Geometry;

use super::{tr, MapContext, MapRequest};
use crate::analyse::evaluate::EvalClass;
use crate::project::Lang;
use crate::render::scene::{LegendItem, Scene, SceneLayer, Style, Swatch, Symbol};
use crate::render::style::{eval_color, NO_DATA, PARCEL_EDGE};

fn class_name(c: EvalClass, lang: Lang) -> String {
    let zh = match c {
        EvalClass::A => "A 类（优先发展）",
        EvalClass::B => "B 类（鼓励提升）",
        EvalClass::C => "C 类（监管调控）",
        EvalClass::D => "D 类（落后整治）",
        EvalClass::T => "T 类（不参评）",
    };
    let en = match c {
        EvalClass::A => "A (priority)",
        EvalClass::B => "B (encouraged)",
        EvalClass::C => "C (regulated)",
        EvalClass::D => "D (remediation)",
        EvalClass::T => "T (not evaluated)",
    };
    tr(lang, zh, en)
}

/// Builds the evaluation map; returns the map title.
pub fn build(
    ctx: &MapContext,
    _req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) -> String {
    let m = ctx.model;
    let ev = &ctx.analysis.evaluation;
    let mut layer = SceneLayer::default();
    let mut counts = vec![(0usize, 0.0f64); EvalClass::ALL.len()];
    for (i, p) in m.parcels.iter().enumerate() {
        if !in_view(&p.geometry) {
            continue;
        }
        // The enterprise with the most land on the parcel (the worse class on a tie).
        let class = ctx.index.enterprises_on[i]
            .iter()
            .map(|&e| &ev.enterprises[e.index()])
            .max_by(|a, b| {
                a.land
                    .m2()
                    .total_cmp(&b.land.m2())
                    .then(a.class.cmp(&b.class))
            })
            .map(|e| e.class);
        let fill = class.map(eval_color).unwrap_or(NO_DATA);
        layer.push(
            Geometry::MultiPolygon(p.geometry.clone()),
            &Style::fill(fill, PARCEL_EDGE, 0.12),
        );
    }
    scene.layers.push(layer);
    let mut points = SceneLayer::default();
    for (e, ent) in m.enterprises.iter().enumerate() {
        let c = ev.enterprises[e].class;
        let k = EvalClass::ALL.iter().position(|x| *x == c).unwrap_or(0);
        counts[k].0 += 1;
        counts[k].1 += ev.enterprises[e].land.to_mu();
        if let Some(pt) = ent.location {
            points.push(
                Geometry::Point(pt),
                &Style::point(Symbol::Circle, eval_color(c), 1.6),
            );
        }
    }
    scene.layers.push(points);
    let items = EvalClass::ALL
        .iter()
        .zip(&counts)
        .filter(|(_, (n, _))| *n > 0)
        .map(|(c, (n, mu))| LegendItem {
            style: Style::fill(eval_color(*c), PARCEL_EDGE, 0.12),
            swatch: Swatch::Area,
            label: class_name(*c, ctx.lang),
            detail: Some(if ctx.lang == Lang::Zh {
                format!("{n} 家 · {mu:.1} 亩")
            } else {
                format!("{n} firms · {mu:.1} mu")
            }),
        })
        .chain(std::iter::once(LegendItem {
            style: Style::fill(NO_DATA, PARCEL_EDGE, 0.12),
            swatch: Swatch::Area,
            label: tr(ctx.lang, "无企业", "No enterprise"),
            detail: None,
        }))
        .collect();
    let heading = format!(
        "{}（{}）",
        tr(ctx.lang, "亩均效益评价", "Per-mu evaluation"),
        ev.preset
    );
    scene.legend.push((Some(heading), items));
    tr(ctx.lang, "亩均效益评价图", "per-mu evaluation")
}
