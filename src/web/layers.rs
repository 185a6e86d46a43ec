//! What the viewer shows, layer by layer: the features of each tile layer (world
//! coordinates, id = row of its record, classes for styling), the record sets, the search
//! index, the parcel themes and the overlays with their legends and styles.

use geo::{Geometry, Rect};
use rayon::prelude::*;
use serde::Serialize;

use super::overlays::{class_filter, style_layers, LegendEntry, Overlay};
use super::records::{Extra, RecordSet, SearchEntry};
use super::themes::{main_enterprise, parcel_themes, Theme};
use super::tiling::{Feature, Kind, TileLayer};
use super::world::{frame_to_world, world_to_lonlat};
use crate::analyse::evaluate::EvalClass;
use crate::analyse::idle::IdleClass;
use crate::analyse::site::SitingResult;
use crate::analyse::Analysis;
use crate::index::Index;
use crate::model::{ConstraintKind, InfraKind, Model};
use crate::project::Lang;
use crate::render::maps::{
    constraint_styles, evaluation_class_name, facility_styles, road_styles, sensitive_styles,
    SitingStyles,
};
use crate::render::style::{eval_color, idle_color, PARCEL_EDGE, PARK_EDGE};
use crate::render::Style;
use crate::words::Words;
use crate::write::{LazyTable, Rows, Table};

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
    let keys: Vec<&str> = themes.iter().map(|t| t.0.key.as_str()).collect();
    let fs = features(m.parcels.len(), |i| {
        let g = frame_to_world(
            &m.frame,
            &Geometry::MultiPolygon(m.parcels[i].geometry.clone()),
        )?;
        Feature::new(i as u64, g, themes.iter().map(|t| t.1[i]).collect())
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
                .reduce(|x, y| {
                    Rect::new(
                        geo::Coord {
                            x: x.min().x.min(y.min().x),
                            y: x.min().y.min(y.min().y),
                        },
                        geo::Coord {
                            x: x.max().x.max(y.max().x),
                            y: x.max().y.max(y.max().y),
                        },
                    )
                })
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
        layers: style_layers("ans", "ans", &st, "area", None),
    });
    push(b, layer("ans", Kind::Polygon, &[], fs), "ans");
    b.records
        .push(RecordSet::from_rows("ans", &t.ans, lang, Vec::new()));
}

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
        l["minzoom"] = serde_json::json!(13);
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
    push(b, layer("buildings", Kind::Polygon, &[], fs), "buildings");
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
                super::records::cell_text(&crate::write::Cell::Bool(x.tall_storeys), lang),
                x.use_.clone().unwrap_or_default(),
                format!("{:.1}", x.area.m2()),
            ]
        },
    ));
}

fn constraints<'a>(inp: &Input<'a>, b: &mut Built<'a>) {
    let (m, lang) = (inp.model, inp.lang);
    if m.constraints.is_empty() {
        return;
    }
    let styles = constraint_styles(lang);
    let kind_ix = |k: ConstraintKind| styles.iter().position(|s| s.0 == k);
    let of_kind = |want: Kind| {
        features(m.constraints.len(), |i| {
            let c = &m.constraints[i];
            let kind = match &c.geometry {
                Geometry::Point(_) | Geometry::MultiPoint(_) => Kind::Point,
                Geometry::LineString(_) | Geometry::MultiLineString(_) | Geometry::Line(_) => {
                    Kind::Line
                }
                _ => Kind::Polygon,
            };
            if kind != want {
                return None;
            }
            // Sensitive areas take the class after the five kinds.
            let k = match kind {
                Kind::Point => 0,
                _ if c.kind == ConstraintKind::Sensitive => styles.len() as u32,
                _ => kind_ix(c.kind)? as u32,
            };
            Feature::new(i as u64, frame_to_world(&m.frame, &c.geometry)?, vec![k])
        })
    };
    let (areas, lines, points) = (
        of_kind(Kind::Polygon),
        of_kind(Kind::Line),
        of_kind(Kind::Point),
    );
    let mut legend = Vec::new();
    let mut layers = Vec::new();
    for (k, (kind, st, name)) in styles.iter().enumerate() {
        let n = m.constraints.iter().filter(|c| c.kind == *kind).count();
        if n == 0 {
            continue;
        }
        let swatch = if st.fill.is_some() { "area" } else { "line" };
        layers.extend(style_layers(
            &format!("constraints-{k}"),
            "constraints",
            st,
            swatch,
            Some(class_filter("k", k)),
        ));
        layers.extend(style_layers(
            &format!("constraint-lines-{k}"),
            "constraint_lines",
            st,
            "line",
            Some(class_filter("k", k)),
        ));
        legend.push(LegendEntry::new(st, swatch, name.clone(), String::new()));
    }
    let (sens_point, sens_area) = sensitive_styles();
    let sensitive_areas = areas
        .iter()
        .filter(|f| f.attrs[0] == styles.len() as u32)
        .count();
    if sensitive_areas > 0 {
        layers.extend(style_layers(
            "constraints-sensitive",
            "constraints",
            &sens_area,
            "area",
            Some(class_filter("k", styles.len())),
        ));
        legend.push(LegendEntry::new(
            &sens_area,
            "area",
            tr(
                lang,
                "环境敏感区（居住区、学校、医院）",
                "Sensitive area (housing, school, hospital)",
            ),
            sensitive_areas.to_string(),
        ));
    }
    if !points.is_empty() {
        let st = sens_point;
        layers.extend(style_layers(
            "constraint-points",
            "constraint_points",
            &st,
            "point",
            None,
        ));
        legend.push(LegendEntry::new(
            &st,
            "point",
            tr(
                lang,
                "环境敏感点（居住、学校、医院）",
                "Sensitive receptor (housing, school, hospital)",
            ),
            points.len().to_string(),
        ));
    }
    b.overlays.push(Overlay {
        id: "constraints".into(),
        title: tr(lang, "管控要素", "Constraints"),
        on: true,
        legend,
        layers,
    });
    for (name, kind, fs) in [
        ("constraints", Kind::Polygon, areas),
        ("constraint_lines", Kind::Line, lines),
        ("constraint_points", Kind::Point, points),
    ] {
        if !fs.is_empty() {
            push(b, layer(name, kind, &["k"], fs), "constraints");
        }
    }
    let names: Vec<(ConstraintKind, String)> = styles.iter().map(|s| (s.0, s.2.clone())).collect();
    let labels = vec![tr(lang, "类别", "kind"), tr(lang, "名称", "name")];
    b.records.push(RecordSet::new(
        "constraints",
        labels,
        m.constraints.len(),
        move |i| {
            let c = &m.constraints[i];
            let kind = names
                .iter()
                .find(|n| n.0 == c.kind)
                .map(|n| n.1.clone())
                .unwrap_or_else(|| tr(lang, "环境敏感点", "sensitive receptor"));
            vec![kind, c.name.clone().unwrap_or_default()]
        },
    ));
}

fn infrastructure<'a>(inp: &Input<'a>, b: &mut Built<'a>) {
    let (m, lang) = (inp.model, inp.lang);
    if m.infrastructure.is_empty() {
        return;
    }
    let roads = road_styles(lang);
    let facilities = facility_styles(lang);
    let road_fs = features(m.infrastructure.len(), |i| {
        let f = &m.infrastructure[i];
        if f.kind != InfraKind::Road {
            return None;
        }
        let k = roads.iter().position(|r| r.0 == f.class)?;
        Feature::new(
            i as u64,
            frame_to_world(&m.frame, &f.geometry)?,
            vec![k as u32],
        )
    });
    let point_fs = features(m.infrastructure.len(), |i| {
        let f = &m.infrastructure[i];
        let k = facilities.iter().position(|r| r.0 == f.kind)?;
        Feature::new(
            i as u64,
            frame_to_world(&m.frame, &f.geometry)?,
            vec![k as u32],
        )
    });
    let mut legend = Vec::new();
    let mut layers = Vec::new();
    for (k, (class, st, name)) in roads.iter().enumerate() {
        if !m
            .infrastructure
            .iter()
            .any(|f| f.kind == InfraKind::Road && f.class == *class)
        {
            continue;
        }
        layers.extend(style_layers(
            &format!("roads-{k}"),
            "roads",
            st,
            "line",
            Some(class_filter("k", k)),
        ));
        legend.push(LegendEntry::new(st, "line", name.clone(), String::new()));
    }
    for (k, (kind, st, name)) in facilities.iter().enumerate() {
        if !m.infrastructure.iter().any(|f| f.kind == *kind) {
            continue;
        }
        layers.extend(style_layers(
            &format!("facilities-{k}"),
            "facilities",
            st,
            "point",
            Some(class_filter("k", k)),
        ));
        legend.push(LegendEntry::new(st, "point", name.clone(), String::new()));
    }
    b.overlays.push(Overlay {
        id: "infrastructure".into(),
        title: tr(lang, "交通与设施", "Transport and facilities"),
        on: true,
        legend,
        layers,
    });
    if !road_fs.is_empty() {
        push(
            b,
            layer("roads", Kind::Line, &["k"], road_fs),
            "infrastructure",
        );
    }
    if !point_fs.is_empty() {
        push(
            b,
            layer("facilities", Kind::Point, &["k"], point_fs),
            "infrastructure",
        );
    }
    let labels = vec![
        tr(lang, "类别", "kind"),
        tr(lang, "等级", "class"),
        tr(lang, "名称", "name"),
    ];
    b.records.push(RecordSet::new(
        "infrastructure",
        labels,
        m.infrastructure.len(),
        move |i| {
            let f = &m.infrastructure[i];
            let kind = facilities
                .iter()
                .find(|x| x.0 == f.kind)
                .map(|x| x.2.clone())
                .unwrap_or_else(|| f.kind.name().to_owned());
            let class = roads
                .iter()
                .find(|x| f.kind == InfraKind::Road && x.0 == f.class)
                .map(|x| x.2.clone())
                .unwrap_or_default();
            vec![kind, class, f.name.clone().unwrap_or_default()]
        },
    ));
}

/// (class, geometry, site, mover) of a siting shape: class 0 a candidate, 1 an assigned
/// site, 2 a placed mover's old site, 3 a protection distance, 4 the old site of a mover
/// not placed, 5 a protection distance reaching a guarded constraint.
type SitingShape = (u32, geo::MultiPolygon<f64>, Option<usize>, Option<usize>);

fn siting<'a>(inp: &Input<'a>, r: &'a SitingResult, t: &'a Tables<'a>, b: &mut Built<'a>) {
    use geo::Buffer;
    let (m, ix, lang) = (inp.model, inp.index, inp.lang);
    let st = SitingStyles::new();
    let mut feasible: Vec<usize> = r
        .options
        .iter()
        .flat_map(|o| o.iter().map(|s| s.site))
        .collect();
    feasible.sort_unstable();
    feasible.dedup();
    let assigned: Vec<(usize, usize)> = r
        .plan
        .iter()
        .filter_map(|a| a.site.map(|s| (a.mover, s)))
        .collect();
    let mut shapes: Vec<SitingShape> = Vec::new();
    for &s in &feasible {
        if !assigned.iter().any(|(_, a)| *a == s) {
            shapes.push((0, r.sites[s].geometry.clone(), Some(s), None));
        }
    }
    // As on the print map: a ring that reaches a red line, basic farmland, a water source
    // or a sensitive receptor is drawn in the conflict style.
    let guarded: Vec<&Geometry<f64>> = m
        .constraints
        .iter()
        .filter(|c| {
            matches!(
                c.kind,
                ConstraintKind::EcologicalRedline
                    | ConstraintKind::BasicFarmland
                    | ConstraintKind::WaterSource
                    | ConstraintKind::Sensitive
            )
        })
        .map(|c| &c.geometry)
        .collect();
    for &(mv, s) in &assigned {
        shapes.push((1, r.sites[s].geometry.clone(), Some(s), Some(mv)));
        let ring = r.sites[s].geometry.buffer(r.movers[mv].protection_m);
        let class = if guarded
            .iter()
            .any(|g| geo::Intersects::intersects(&ring, *g))
        {
            5
        } else {
            3
        };
        shapes.push((class, ring, Some(s), Some(mv)));
    }
    for (mv, mover) in r.movers.iter().enumerate() {
        let placed = assigned.iter().any(|(a, _)| *a == mv);
        for &p in &ix.enterprise_parcels[mover.enterprise.index()] {
            let class = if placed { 2 } else { 4 };
            shapes.push((class, m.parcels[p].geometry.clone(), None, Some(mv)));
        }
    }
    let fs = features(shapes.len(), |i| {
        let g = frame_to_world(&m.frame, &Geometry::MultiPolygon(shapes[i].1.clone()))?;
        Feature::new(i as u64, g, vec![shapes[i].0])
    });
    let names = [
        (
            &st.candidate,
            tr(lang, "可行候选地块", "Feasible candidate"),
            "area",
        ),
        (&st.assigned, tr(lang, "安置地块", "Assigned site"), "area"),
        (
            &st.old,
            tr(lang, "原厂址（腾退）", "Old site (released)"),
            "area",
        ),
        (
            &st.buffer,
            tr(lang, "卫生防护距离", "Protection distance"),
            "line",
        ),
        (
            &st.stays,
            tr(lang, "原厂址（未安置）", "Old site (not placed)"),
            "area",
        ),
        (
            &st.conflict,
            tr(
                lang,
                "防护距离内有红线、基本农田、水源地或敏感点",
                "Protection ring reaches a red line, farmland, water source or receptor",
            ),
            "line",
        ),
    ];
    let mut layers = Vec::new();
    let mut legend = Vec::new();
    for (k, (style, name, swatch)) in names.iter().enumerate() {
        layers.extend(style_layers(
            &format!("sites-{k}"),
            "sites",
            style,
            swatch,
            Some(class_filter("k", k)),
        ));
        legend.push(LegendEntry::new(style, swatch, name.clone(), String::new()));
    }
    if let Some(moves) = &t.moves {
        let mfs = features(moves.len(), |i| {
            Feature::new(
                i as u64,
                frame_to_world(&m.frame, moves.geometry(i)?.as_ref())?,
                vec![],
            )
        });
        layers.extend(style_layers("moves", "moves", &st.arrow, "line", None));
        legend.push(LegendEntry::new(
            &st.arrow,
            "line",
            tr(lang, "搬迁去向", "Move"),
            String::new(),
        ));
        if !mfs.is_empty() {
            push(b, layer("moves", Kind::Line, &[], mfs), "moves");
            b.records
                .push(RecordSet::from_rows("moves", moves, lang, Vec::new()));
        }
    }
    b.overlays.push(Overlay {
        id: "siting".into(),
        title: tr(lang, "退城入园选址", "Relocation siting"),
        on: false,
        legend,
        layers,
    });
    push(b, layer("sites", Kind::Polygon, &["k"], fs), "sites");
    let labels = vec![
        tr(lang, "类别", "kind"),
        tr(lang, "地块", "site_id"),
        tr(lang, "园区编号", "park_id"),
        tr(lang, "面积（亩）", "area_mu"),
        tr(lang, "搬迁企业", "enterprise"),
    ];
    let kinds: Vec<String> = names.iter().map(|n| n.1.clone()).collect();
    b.records
        .push(RecordSet::new("sites", labels, shapes.len(), move |i| {
            let (k, g, site, mover) = &shapes[i];
            let s = site.map(|s| &r.sites[s]);
            let e = mover.map(|mv| &m.enterprises[r.movers[mv].enterprise]);
            vec![
                kinds[*k as usize].clone(),
                s.map(|s| s.id.clone()).unwrap_or_default(),
                s.map(|s| m.parks[s.park].id.clone()).unwrap_or_default(),
                format!(
                    "{:.2}",
                    crate::units::AreaM2(geo::Area::unsigned_area(g)).to_mu()
                ),
                e.map(|e| e.name.clone().unwrap_or_else(|| e.id.clone()))
                    .unwrap_or_default(),
            ]
        }));
}

/// The union of the features' extents, world units.
pub fn extent(layers: &[TileLayer]) -> Option<Rect<f64>> {
    layers
        .iter()
        .flat_map(|l| l.features.iter().map(|f| f.bbox))
        .reduce(|a, b| {
            Rect::new(
                geo::Coord {
                    x: a.min().x.min(b.min().x),
                    y: a.min().y.min(b.min().y),
                },
                geo::Coord {
                    x: a.max().x.max(b.max().x),
                    y: a.max().y.max(b.max().y),
                },
            )
        })
}
