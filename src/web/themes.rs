//! The parcel themes of the viewer, one per printed parcel map: land use (overview), FAR
//! in the standard classes (intensity), idle class (idle), evaluation class (evaluation) and
//! serviced land (serviced). Each gives every parcel a class and a legend of the classes in
//! the print map's colours and labels ([`crate::render::style`] and the maps' own tables),
//! counting parcels and 亩 as the print legend does.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::analyse::evaluate::EvalClass;
use crate::analyse::idle::IdleClass;
use crate::analyse::Analysis;
use crate::index::Index;
use crate::model::Model;
use crate::project::Lang;
use crate::render::maps::{
    evaluation_class_name, intensity_far_classes as far_classes, serviced_class_of,
    SERVICED_CLASSES,
};
use crate::render::style::{
    eval_color, idle_color, land_use_class, land_use_rank, land_use_style, NO_DATA,
};
use crate::render::MapContext;

/// One class of a theme.
#[derive(Debug, Clone, Serialize)]
pub struct Class {
    /// The legend label.
    pub label: String,
    /// Fill colour.
    pub color: String,
    /// "12 宗 · 345.6 亩".
    pub detail: String,
}

/// A way of colouring the parcels.
#[derive(Debug, Clone, Serialize)]
pub struct Theme {
    /// The parcels' attribute holding the class (its position in `classes`).
    pub key: String,
    /// The legend heading (the print map's).
    pub title: String,
    /// The classes, in legend order; classes no parcel has are kept (their index is
    /// the tile value) but have an empty detail.
    pub classes: Vec<Class>,
    /// The hatch drawn over the classes (parcels whose [`HATCH_KEY`] is 1), with its
    /// legend entry (`color` is the hatch's): the FAR theme's parcels below their
    /// required minimum, as on the print map.
    pub hatch: Option<Class>,
}

/// The parcels' attribute marking those below their required minimum FAR.
pub const HATCH_KEY: &str = "low";

/// The print intensity map's hatch of parcels below the required minimum FAR.
pub const BELOW_MINIMUM_HATCH: &str = "#b2182b";

/// Per parcel, 1 when its FAR is below the minimum its industry or planning conditions
/// require, else 0.
pub fn below_minimum(a: &Analysis) -> Vec<u32> {
    a.intensity
        .iter()
        .map(|i| u32::from(i.far_ok == Some(false)))
        .collect()
}

fn tr(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => en.to_owned(),
    }
}

fn detail(lang: Lang, n: usize, mu: f64) -> String {
    if n == 0 {
        return String::new();
    }
    match lang {
        Lang::Zh => format!("{n} 宗 · {mu:.1} 亩"),
        Lang::En => format!("{n} parcels · {mu:.1} mu"),
    }
}

/// Builds a theme from each parcel's class and the (label, colour) of each class.
fn theme(
    m: &Model,
    lang: Lang,
    key: &str,
    title: String,
    classes: Vec<(String, String)>,
    of: Vec<u32>,
) -> (Theme, Vec<u32>) {
    let mut counts = vec![(0usize, 0.0f64); classes.len()];
    for (i, &k) in of.iter().enumerate() {
        if let Some(c) = counts.get_mut(k as usize) {
            c.0 += 1;
            c.1 += m.parcels[i].area.to_mu();
        }
    }
    let classes = classes
        .into_iter()
        .zip(counts)
        .map(|((label, color), (n, mu))| Class {
            label,
            color,
            detail: detail(lang, n, mu),
        })
        .collect();
    (
        Theme {
            key: key.to_owned(),
            title,
            classes,
            hatch: None,
        },
        of,
    )
}

/// Every parcel theme with each parcel's class, in the order of [`Theme`]s returned.
pub fn parcel_themes(m: &Model, ix: &Index, a: &Analysis, lang: Lang) -> Vec<(Theme, Vec<u32>)> {
    let ctx = MapContext {
        model: m,
        index: ix,
        analysis: a,
        project: String::new(),
        lang,
        source: String::new(),
        credit: None,
        organisation: None,
        number_prefix: None,
        drawn_on: a.as_of,
        siting: None,
        wind_rose: None,
        // No parcel theme classes 批而未供 land by age.
        unsupplied_age_years: crate::project::policy::default_unsupplied_age_years(),
        parcel_labels: crate::project::ParcelLabels::default(),
    };
    vec![
        land_use(m, lang),
        intensity(&ctx),
        idle(m, a, lang),
        evaluation(m, ix, a, lang),
        serviced(m, a, lang),
    ]
}

/// Land use: the GB 50137 classes present, in GB 50137 order, as the overview's legend.
fn land_use(m: &Model, lang: Lang) -> (Theme, Vec<u32>) {
    let present: BTreeSet<(usize, &'static str)> = m
        .parcels
        .iter()
        .map(|p| {
            let c = land_use_class(p.land_use.as_deref());
            (land_use_rank(c), c)
        })
        .collect();
    let keys: Vec<&'static str> = present.iter().map(|(_, c)| *c).collect();
    let classes = keys
        .iter()
        .map(|c| {
            let (color, zh, en) = land_use_style(c);
            (tr(lang, zh, en), color.to_owned())
        })
        .collect();
    let of = m
        .parcels
        .iter()
        .map(|p| {
            let c = land_use_class(p.land_use.as_deref());
            keys.iter().position(|k| *k == c).unwrap_or(0) as u32
        })
        .collect();
    theme(m, lang, "lu", tr(lang, "用地性质", "Land use"), classes, of)
}

/// FAR in the intensity map's standard classes: fixed steps, land without buildings and
/// non-industrial land apart.
fn intensity(ctx: &MapContext<'_>) -> (Theme, Vec<u32>) {
    let (m, lang) = (ctx.model, ctx.lang);
    let all: Vec<usize> = (0..m.parcels.len()).collect();
    let (classes, of) = far_classes(ctx, &all);
    let classes = classes
        .into_iter()
        .map(|(label, color)| (label, color.to_owned()))
        .collect();
    let method = if ctx.analysis.intensity.iter().any(|i| i.industrial) {
        tr(lang, "工业用地固定分级", "industrial land, fixed steps")
    } else {
        tr(lang, "固定分级", "fixed steps")
    };
    let title = format!("{}（{method}）", tr(lang, "容积率", "Floor-area ratio"));
    let of = of.into_iter().map(|k| k as u32).collect();
    let (mut t, of) = theme(m, lang, "far", title, classes, of);
    let low = below_minimum(ctx.analysis);
    let (n, mu) = low
        .iter()
        .enumerate()
        .filter(|(_, &l)| l == 1)
        .fold((0, 0.0), |(n, mu), (i, _)| {
            (n + 1, mu + m.parcels[i].area.to_mu())
        });
    if n > 0 {
        t.hatch = Some(Class {
            label: tr(lang, "低于容积率控制下限", "Below the required minimum FAR"),
            color: BELOW_MINIMUM_HATCH.to_owned(),
            detail: detail(lang, n, mu),
        });
    }
    (t, of)
}

/// The idle classes in their order and Okabe–Ito colours.
fn idle(m: &Model, a: &Analysis, lang: Lang) -> (Theme, Vec<u32>) {
    let classes = IdleClass::ALL
        .iter()
        .map(|c| {
            let label = match lang {
                Lang::Zh => c.zh().to_owned(),
                Lang::En => c.name().replace('_', " "),
            };
            (label, idle_color(*c).to_owned())
        })
        .collect();
    let of = a
        .idle
        .iter()
        .map(|v| {
            IdleClass::ALL
                .iter()
                .position(|c| *c == v.class)
                .unwrap_or(0) as u32
        })
        .collect();
    theme(
        m,
        lang,
        "idle",
        tr(lang, "闲置低效类别", "Idle and inefficient land"),
        classes,
        of,
    )
}

/// The class of the enterprise holding most of each parcel (the worse on a tie), as the
/// evaluation map colours it; parcels without an enterprise last.
fn evaluation(m: &Model, ix: &Index, a: &Analysis, lang: Lang) -> (Theme, Vec<u32>) {
    let ev = &a.evaluation;
    let mut classes: Vec<(String, String)> = EvalClass::ALL
        .iter()
        .map(|c| (evaluation_class_name(*c, lang), eval_color(*c).to_owned()))
        .collect();
    classes.push((tr(lang, "无企业", "No enterprise"), NO_DATA.to_owned()));
    let none = EvalClass::ALL.len() as u32;
    let of = (0..m.parcels.len())
        .map(|i| {
            main_enterprise(ix, a, i)
                .map(|e| {
                    let c = ev.enterprises[e].class;
                    EvalClass::ALL.iter().position(|x| *x == c).unwrap_or(0) as u32
                })
                .unwrap_or(none)
        })
        .collect();
    let title = format!(
        "{}（{}）",
        tr(lang, "亩均效益评价", "Per-mu evaluation"),
        ev.preset
    );
    theme(m, lang, "ev", title, classes, of)
}

/// The enterprise with the most land on parcel `i` (the worse class on a tie).
pub fn main_enterprise(ix: &Index, a: &Analysis, i: usize) -> Option<usize> {
    let ev = &a.evaluation.enterprises;
    ix.enterprises_on[i]
        .iter()
        .map(|e| e.index())
        .max_by(|&x, &y| {
            ev[x]
                .land
                .m2()
                .total_cmp(&ev[y].land.m2())
                .then(ev[x].class.cmp(&ev[y].class))
        })
}

/// Serviced land: the serviced map's four classes.
fn serviced(m: &Model, a: &Analysis, lang: Lang) -> (Theme, Vec<u32>) {
    let classes = SERVICED_CLASSES
        .iter()
        .map(|(zh, en, c)| (tr(lang, zh, en), (*c).to_owned()))
        .collect();
    let s = &a.supply.serviced.parcels;
    let of = (0..m.parcels.len())
        .map(|i| s.get(i).copied().map_or(3, serviced_class_of) as u32)
        .collect();
    theme(
        m,
        lang,
        "srv",
        tr(lang, "熟地", "Serviced land"),
        classes,
        of,
    )
}
