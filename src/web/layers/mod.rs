//! What the viewer shows, layer by layer: the features of each tile layer (world
//! coordinates, id = row of its record, classes for styling), the record sets, the search
//! index, the parcel themes and the overlays with their legends and styles.

use geo::{Geometry, Rect};
use rayon::prelude::*;
use serde::Serialize;

use crate::analyse::evaluate::EvalClass;
use crate::analyse::idle::IdleClass;
use crate::analyse::site::SitingResult;
use crate::analyse::Analysis;
use crate::index::Index;
use crate::model::geometry::rect_union;
use crate::model::Model;
use crate::project::Lang;
use crate::render::maps::evaluation_class_name;
use crate::render::style::{eval_color, idle_color, PARCEL_EDGE, PARK_EDGE};
use crate::render::Style;
use crate::web::overlays::{class_filter, style_layers, LegendEntry, Overlay};
use crate::web::records::{Extra, RecordSet, SearchEntry};
use crate::web::themes::{below_minimum, main_enterprise, parcel_themes, Theme, HATCH_KEY};
use crate::web::tiling::{Feature, Kind, TileLayer};
use crate::web::world::{frame_to_world, world_to_lonlat};
use crate::words::Words;
use crate::write::{LazyTable, Rows, Table};

mod context;

use context::{constraints, infrastructure, siting};

/// The result tables whose rows are the records.
pub struct Tables<'a> {
    /// parcels.
    pub parcels: LazyTable<'a>,
    /// enterprises.
    pub enterprises: LazyTable<'a>,
    /// parks.
    pub parks: Table,
    /// approved_not_supplied.
    pub ans: Table,
    /// moves, when siting ran.
    pub moves: Option<Table>,
}

/// A park in the viewer's selector.
#[derive(Debug, Clone, Serialize)]
pub struct ParkEntry {
    /// park_id.
    pub id: String,
    /// Its name, else its id.
    pub name: String,
    /// West, south, east, north, degrees.
    pub bbox: [f64; 4],
}

/// Everything the viewer is made of, before it is written.
pub struct Built<'a> {
    /// The tile layers.
    pub layers: Vec<TileLayer>,
    /// Per tile layer, the record set its ids index.
    pub record_of: Vec<String>,
    /// The record sets.
    pub records: Vec<RecordSet<'a>>,
    /// The search index.
    pub search: Vec<SearchEntry>,
    /// The parcel themes.
    pub themes: Vec<Theme>,
    /// The overlays, bottom first.
    pub overlays: Vec<Overlay>,
    /// The parks, for the selector.
    pub parks: Vec<ParkEntry>,
}

/// What the layers are made from.
pub struct Input<'a> {
    /// The model.
    pub model: &'a Model,
    /// Its index.
    pub index: &'a Index,
    /// The analyses.
    pub analysis: &'a Analysis,
    /// The siting result, when siting ran.
    pub siting: Option<&'a SitingResult>,
    /// The project's language.
    pub lang: Lang,
}

fn tr(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// The world bounding box as degrees: west, south, east, north (6 decimals).
pub fn lonlat_box(r: &Rect<f64>) -> [f64; 4] {
    let (w, s) = world_to_lonlat(r.min().x, r.max().y);
    let (e, n) = world_to_lonlat(r.max().x, r.min().y);
    let q = |v: f64| (v * 1e6).round() / 1e6;
    [q(w), q(s), q(e), q(n)]
}

/// Features of a layer made in parallel from `n` sources; `None` ones are left out.
fn features(n: usize, make: impl Fn(usize) -> Option<Feature> + Sync + Send) -> Vec<Feature> {
    (0..n).into_par_iter().filter_map(make).collect()
}

fn layer(name: &str, kind: Kind, keys: &[&str], features: Vec<Feature>) -> TileLayer {
    TileLayer {
        name: name.to_owned(),
        kind,
        keys: keys.iter().map(|k| (*k).to_owned()).collect(),
        features,
        minzoom: 0,
    }
}

/// Builds every layer of the viewer.
pub fn build<'a>(inp: &Input<'a>, t: &'a Tables<'a>) -> Built<'a> {
    let mut b = Built {
        layers: Vec::new(),
        record_of: Vec::new(),
        records: Vec::new(),
        search: Vec::new(),
        themes: Vec::new(),
        overlays: Vec::new(),
        parks: Vec::new(),
    };
    parcels(inp, t, &mut b);
    approved_not_supplied(inp, t, &mut b);
    buildings(inp, &mut b);
    constraints(inp, &mut b);
    infrastructure(inp, &mut b);
    if let Some(r) = inp.siting {
        siting(inp, r, t, &mut b);
    }
    enterprises(inp, t, &mut b);
    parks(inp, t, &mut b);
    b
}

fn push(b: &mut Built<'_>, l: TileLayer, records: &str) {
    b.layers.push(l);
    b.record_of.push(records.to_owned());
}

fn parcels<'a>(inp: &Input<'a>, t: &'a Tables<'a>, b: &mut Built<'a>) {
    let (m, ix, a, lang) = (inp.model, inp.index, inp.analysis, inp.lang);
    let themes = parcel_themes(m, ix, a, lang);
    let low = below_minimum(a);
    let mut keys: Vec<&str> = themes.iter().map(|t| t.0.key.as_str()).collect();
    keys.push(HATCH_KEY);
    let fs = features(m.parcels.len(), |i| {
        let g = frame_to_world(
            &m.frame,
            &Geometry::MultiPolygon(m.parcels[i].geometry.clone()),
        )?;
        let mut attrs: Vec<u32> = themes.iter().map(|t| t.1[i]).collect();
        attrs.push(low.get(i).copied().unwrap_or(0));
        Feature::new(i as u64, g, attrs)
    });
    b.search.par_extend(fs.par_iter().map(|f| SearchEntry {
        layer: "parcels".into(),
        id: f.id,
        keys: vec![m.parcels[f.id as usize].id.clone()],
        bbox: lonlat_box(&f.bbox),
    }));
    push(b, layer("parcels", Kind::Polygon, &keys, fs), "parcels");
    let extra: Vec<Extra<'a>> = vec![
        (
            tr(lang, "主要企业", "main enterprise"),
            Box::new(move |i| {
                main_enterprise(ix, a, i)
                    .map(|e| {
                        let ent = &m.enterprises[e];
                        match &ent.name {
                            Some(n) => format!("{n}（{}）", ent.id),
                            None => ent.id.clone(),
                        }
                    })
                    .unwrap_or_default()
            }),
        ),
        (
            tr(lang, "评价分类", "evaluation class"),
            Box::new(move |i| {
                main_enterprise(ix, a, i)
                    .map(|e| evaluation_class_name(a.evaluation.enterprises[e].class, lang))
                    .unwrap_or_default()
            }),
        ),
        (
            tr(lang, "分类理由", "evaluation reason"),
            Box::new(move |i| {
                main_enterprise(ix, a, i)
                    .map(|e| a.evaluation.enterprises[e].evidence.words(lang))
                    .unwrap_or_default()
            }),
        ),
    ];
    b.records
        .push(RecordSet::from_rows("parcels", &t.parcels, lang, extra));
    b.themes = themes.into_iter().map(|t| t.0).collect();
}

fn enterprises<'a>(inp: &Input<'a>, t: &'a Tables<'a>, b: &mut Built<'a>) {
    let (m, a, lang) = (inp.model, inp.analysis, inp.lang);
    if m.enterprises.is_empty() {
        return;
    }
    let ev = &a.evaluation.enterprises;
    let class_ix = |i: usize| {
        EvalClass::ALL
            .iter()
            .position(|c| *c == ev[i].class)
            .unwrap_or(0)
    };
    let fs = features(m.enterprises.len(), |i| {
        let g = frame_to_world(&m.frame, &Geometry::Point(m.enterprises[i].location?))?;
        Feature::new(i as u64, g, vec![class_ix(i) as u32])
    });
    let mut located = vec![None; m.enterprises.len()];
    for f in &fs {
        located[f.id as usize] = Some(f.bbox);
    }
    let parcel_boxes: Vec<Option<Rect<f64>>> = b
        .layers
        .first()
        .map(|l| {
            let mut v = vec![None; m.parcels.len()];
            for f in &l.features {
                v[f.id as usize] = Some(f.bbox);
            }
            v
        })
        .unwrap_or_default();
    for (i, e) in m.enterprises.iter().enumerate() {
        let bbox = located[i].or_else(|| {
            ev[i]
                .parcels
                .iter()
                .filter_map(|p| parcel_boxes.get(p.index()).copied().flatten())
                .reduce(rect_union)
        });
        if let Some(bbox) = bbox {
            let mut keys = vec![e.id.clone()];
            keys.extend(e.name.clone());
            b.search.push(SearchEntry {
                layer: "enterprises".into(),
                id: i as u64,
                keys,
                bbox: lonlat_box(&bbox),
            });
        }
    }
    let mut counts = vec![0usize; EvalClass::ALL.len()];
    for i in 0..m.enterprises.len() {
        counts[class_ix(i)] += 1;
    }
    let mut legend = Vec::new();
    let mut styles = Vec::new();
    for (k, c) in EvalClass::ALL.iter().enumerate() {
        let st = Style::point(crate::render::Symbol::Circle, eval_color(*c), 1.6);
        styles.extend(style_layers(
            &format!("enterprises-{k}"),
            "enterprises",
            &st,
            "point",
            Some(class_filter("ev", k)),
        ));
        if counts[k] > 0 {
            let detail = match lang {
                Lang::Zh => format!("{} 家", counts[k]),
                Lang::En => format!("{} firms", counts[k]),
            };
            legend.push(LegendEntry::new(
                &st,
                "point",
                evaluation_class_name(*c, lang),
                detail,
            ));
        }
    }
    b.overlays.push(Overlay {
        id: "enterprises".into(),
        title: tr(lang, "企业", "Enterprises"),
        on: m.enterprises.len() <= 20_000,
        legend,
        layers: styles,
    });
    push(
        b,
        layer("enterprises", Kind::Point, &["ev"], fs),
        "enterprises",
    );
    b.records.push(RecordSet::from_rows(
        "enterprises",
        &t.enterprises,
        lang,
        Vec::new(),
    ));
}

fn parks<'a>(inp: &Input<'a>, t: &'a Tables<'a>, b: &mut Built<'a>) {
    let (m, lang) = (inp.model, inp.lang);
    if m.parks.is_empty() {
        return;
    }
    let fs = features(m.parks.len(), |i| {
        let g = frame_to_world(
            &m.frame,
            &Geometry::MultiPolygon(m.parks[i].geometry.clone()),
        )?;
        Feature::new(i as u64, g, vec![])
    });
    for f in &fs {
        let p = &m.parks[f.id as usize];
        let name = p.name.clone().unwrap_or_else(|| p.id.clone());
        b.parks.push(ParkEntry {
            id: p.id.clone(),
            name: name.clone(),
            bbox: lonlat_box(&f.bbox),
        });
        b.search.push(SearchEntry {
            layer: "parks".into(),
            id: f.id,
            keys: vec![p.id.clone(), name],
            bbox: lonlat_box(&f.bbox),
        });
    }
    let st = Style::line(PARK_EDGE, 0.7).dashed(2.2, 0.8);
    b.overlays.push(Overlay {
        id: "parks".into(),
        title: tr(lang, "园区边界", "Park boundary"),
        on: true,
        legend: vec![LegendEntry::new(
            &st,
            "line",
            tr(lang, "园区边界", "Park boundary"),
            String::new(),
        )],
        layers: style_layers("parks", "parks", &st, "line", None),
    });
    push(b, layer("parks", Kind::Polygon, &[], fs), "parks");
    b.records
        .push(RecordSet::from_rows("parks", &t.parks, lang, Vec::new()));
}

/// Approved-not-supplied pieces are filled and hatched from this zoom and outlined below
/// it: a piece is its batch less the supplied parcels, a polygon of hundreds of holes, and
/// triangulating them for the whole-city view was most of the viewer's first draw.
const ANS_FILLED_FROM: u8 = 10;

/// `layers` with their fills (and hatching) drawn only from zoom `z`; lines and points stay.
fn filled_from(mut layers: Vec<serde_json::Value>, z: u8) -> Vec<serde_json::Value> {
    for l in &mut layers {
        if l["type"] == "fill" {
            l["minzoom"] = serde_json::json!(z);
        }
    }
    layers
}

fn approved_not_supplied<'a>(inp: &Input<'a>, t: &'a Tables<'a>, b: &mut Built<'a>) {
    let (m, a, lang) = (inp.model, inp.analysis, inp.lang);
    if a.ans.is_empty() {
        return;
    }
    let fs = features(t.ans.len(), |i| {
        let g = frame_to_world(&m.frame, t.ans.geometry(i)?.as_ref())?;
        Feature::new(i as u64, g, vec![])
    });
    // The idle map's hatching: the approved-not-supplied blue edged in the deeper blue.
    let (light, deep) = (
        idle_color(IdleClass::ApprovedNotSupplied),
        idle_color(IdleClass::ProducingBelowStandard),
    );
    let st = Style::fill(light, deep, 0.25)
        .with_opacity(0.25)
        .hatched(deep);
    let mu: f64 = a.ans.iter().map(|p| p.area.to_mu()).sum();
    let detail = match lang {
        Lang::Zh => format!("{} 片 · {mu:.1} 亩", a.ans.len()),
        Lang::En => format!("{} pieces · {mu:.1} mu", a.ans.len()),
    };
    let label = tr(
        lang,
        "批而未供范围（批次减已供）",
        "Approved, not supplied (batches − supplied)",
    );
    b.overlays.push(Overlay {
        id: "ans".into(),
        title: tr(lang, "批而未供", "Approved, not supplied"),
        on: true,
        legend: vec![LegendEntry::new(&st, "area", label, detail)],
        layers: filled_from(
            style_layers("ans", "ans", &st, "area", None),
            ANS_FILLED_FROM,
        ),
    });
    push(b, layer("ans", Kind::Polygon, &[], fs), "ans");
    b.records
        .push(RecordSet::from_rows("ans", &t.ans, lang, Vec::new()));
}

/// Buildings are drawn, and cut into tiles, from this zoom.
const BUILDINGS_FROM: u8 = 13;

fn buildings<'a>(inp: &Input<'a>, b: &mut Built<'a>) {
    let (m, lang) = (inp.model, inp.lang);
    if m.buildings.is_empty() {
        return;
    }
    let fs = features(m.buildings.len(), |i| {
        let g = frame_to_world(
            &m.frame,
            &Geometry::MultiPolygon(m.buildings[i].geometry.clone()),
        )?;
        Feature::new(i as u64, g, vec![])
    });
    let st = Style::fill(PARCEL_EDGE, PARCEL_EDGE, 0.1).with_opacity(0.45);
    let mut layers = style_layers("buildings", "buildings", &st, "area", None);
    for l in &mut layers {
        l["minzoom"] = serde_json::json!(BUILDINGS_FROM);
    }
    b.overlays.push(Overlay {
        id: "buildings".into(),
        title: tr(lang, "建筑", "Buildings"),
        on: true,
        legend: vec![LegendEntry::new(
            &st,
            "area",
            tr(lang, "建筑物（13 级起显示）", "Building (from zoom 13)"),
            String::new(),
        )],
        layers,
    });
    let mut l = layer("buildings", Kind::Polygon, &[], fs);
    l.minzoom = BUILDINGS_FROM;
    push(b, l, "buildings");
    let labels = vec![
        tr(lang, "建筑编号", "building_id"),
        tr(lang, "层数", "storeys"),
        tr(lang, "层高超过 8 米", "storey over 8 m"),
        tr(lang, "用途", "use"),
        tr(lang, "基底面积（平方米）", "footprint_m2"),
    ];
    b.records.push(RecordSet::new(
        "buildings",
        labels,
        m.buildings.len(),
        move |i| {
            let x = &m.buildings[i];
            vec![
                x.id.clone().unwrap_or_default(),
                x.storeys.to_string(),
                crate::web::records::cell_text(&crate::write::Cell::Bool(x.tall_storeys), lang),
                x.use_.clone().unwrap_or_default(),
                format!("{:.1}", x.area.m2()),
            ]
        },
    ));
}

/// The union of the features' extents, world units.
pub fn extent(layers: &[TileLayer]) -> Option<Rect<f64>> {
    layers
        .iter()
        .flat_map(|l| l.features.iter().map(|f| f.bbox))
        .reduce(rect_union)
}
