//! The evaluation map: parcels by the class of the enterprise holding most of them,
//! enterprises as points in their class colour.

use geo::{Geometry, Intersects};

use super::{tr, MapContext, MapRequest};
use crate::analyse::evaluate::EvalClass;
use crate::project::Lang;
use crate::render::scene::{LegendItem, Scene, SceneLayer, Style, Swatch, Symbol};
use crate::render::style::{eval_color, NO_DATA, PARCEL_EDGE};

/// The legend label of an evaluation class in `lang`.
pub fn class_name(c: EvalClass, lang: Lang) -> String {
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

/// Size of an enterprise's point on the page, mm.
const ENTERPRISE_MM: f64 = 1.6;

/// Builds the evaluation map; returns the map title.
pub fn build(
    ctx: &MapContext,
    _req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) -> String {
    let m = ctx.model;
    let ev = &ctx.analysis.evaluation;
    let view = scene.extent;
    let mut layer = SceneLayer::default();
    // Per class (EvalClass::ALL order, then "no enterprise"): parcels drawn, their 亩, and
    // the enterprises whose point is in the frame.
    let none = EvalClass::ALL.len();
    let mut parcels = vec![(0usize, 0.0f64); none + 1];
    let mut firms = vec![0usize; none];
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
        let k = class
            .and_then(|c| EvalClass::ALL.iter().position(|x| *x == c))
            .unwrap_or(none);
        parcels[k].0 += 1;
        parcels[k].1 += p.area.to_mu();
        let fill = class.map(eval_color).unwrap_or(NO_DATA);
        layer.push(
            Geometry::MultiPolygon(p.geometry.clone()),
            &Style::fill(fill, PARCEL_EDGE, 0.12),
        );
    }
    scene.layers.push(layer);
    let mut points = SceneLayer::default();
    for (e, ent) in m.enterprises.iter().enumerate() {
        let Some(pt) = ent.location.filter(|pt| view.intersects(pt)) else {
            continue;
        };
        let c = ev.enterprises[e].class;
        let k = EvalClass::ALL.iter().position(|x| *x == c).unwrap_or(0);
        firms[k] += 1;
        points.push(
            Geometry::Point(pt),
            &Style::point(Symbol::Circle, eval_color(c), ENTERPRISE_MM),
        );
    }
    let drawn_points = points.items.len();
    scene.layers.push(points);
    let zh = ctx.lang == Lang::Zh;
    let mut items: Vec<LegendItem> = EvalClass::ALL
        .iter()
        .enumerate()
        .filter(|(k, _)| parcels[*k].0 > 0 || firms[*k] > 0)
        .map(|(k, c)| LegendItem {
            style: Style::fill(eval_color(*c), PARCEL_EDGE, 0.12),
            swatch: Swatch::Area,
            label: class_name(*c, ctx.lang),
            detail: Some(if zh {
                format!(
                    "{} 家 · {} 宗 · {:.1} 亩",
                    firms[k], parcels[k].0, parcels[k].1
                )
            } else {
                format!(
                    "{} firms · {} parcels · {:.1} mu",
                    firms[k], parcels[k].0, parcels[k].1
                )
            }),
        })
        .collect();
    if parcels[none].0 > 0 {
        items.push(LegendItem {
            style: Style::fill(NO_DATA, PARCEL_EDGE, 0.12),
            swatch: Swatch::Area,
            label: tr(ctx.lang, "无企业宗地", "Parcel without enterprise"),
            detail: Some(super::count_detail(
                ctx.lang,
                parcels[none].0,
                parcels[none].1,
            )),
        });
    }
    if drawn_points > 0 {
        items.push(LegendItem {
            style: Style::point(Symbol::Circle, "#777777", ENTERPRISE_MM),
            swatch: Swatch::Point,
            label: tr(
                ctx.lang,
                "企业位置（按类别着色）",
                "Enterprise (class colour)",
            ),
            detail: Some(if zh {
                format!("{drawn_points} 家")
            } else {
                format!("{drawn_points} firms")
            }),
        });
    }
    // The policy by its own title (its code in English, the title being Chinese).
    let heading = match ctx.lang {
        Lang::Zh => format!("亩均效益评价：{}", ev.preset_title),
        Lang::En => format!("Per-mu evaluation ({})", ev.preset),
    };
    scene.legend.push((Some(heading), items));
    tr(ctx.lang, "亩均效益评价图", "per-mu evaluation")
}
