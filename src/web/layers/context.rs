//! The context layers: constraints, infrastructure (roads and facilities) and the
//! relocation siting, in the print maps' styles.

use geo::Geometry;

use super::{features, layer, push, tr, Built, Input, Tables};
use crate::analyse::site::{reaches_protected, SitingResult};
use crate::model::{ConstraintKind, InfraKind};
use crate::render::maps::{
    constraint_styles, facility_styles, road_styles, sensitive_styles, SitingStyles,
};
use crate::web::overlays::{class_filter, style_layers, LegendEntry, Overlay};
use crate::web::records::RecordSet;
use crate::web::tiling::{Feature, Kind};
use crate::web::world::frame_to_world;
use crate::write::Rows;

pub(super) fn constraints<'a>(inp: &Input<'a>, b: &mut Built<'a>) {
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

pub(super) fn infrastructure<'a>(inp: &Input<'a>, b: &mut Built<'a>) {
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
/// not placed, 5 a protection distance reaching a guarded constraint, 6 a standard factory
/// given to tenants, 7 a feasible standard factory not used.
type SitingShape = (u32, geo::MultiPolygon<f64>, Option<usize>, Option<usize>);

pub(super) fn siting<'a>(
    inp: &Input<'a>,
    r: &'a SitingResult,
    t: &'a Tables<'a>,
    b: &mut Built<'a>,
) {
    let (m, ix, lang) = (inp.model, inp.index, inp.lang);
    let st = SitingStyles::new();
    let feasible = r.feasible_sites();
    let assigned = r.placements();
    let mut shapes: Vec<SitingShape> = Vec::new();
    let factory = |s: usize, yes: u32, no: u32| {
        if r.sites[s].factory().is_some() {
            yes
        } else {
            no
        }
    };
    for &s in &feasible {
        if !assigned.iter().any(|(_, a)| *a == s) {
            shapes.push((factory(s, 7, 0), r.sites[s].geometry.clone(), Some(s), None));
        }
    }
    // As on the print map: a ring that reaches a protected area is drawn in the conflict
    // style.
    for &(mv, s) in &assigned {
        shapes.push((
            factory(s, 6, 1),
            r.sites[s].geometry.clone(),
            Some(s),
            Some(mv),
        ));
        let ring = r.protection_ring(mv, s);
        let class = if reaches_protected(m, &ring) { 5 } else { 3 };
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
    let mut names = vec![
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
    // The factory classes only where the project has standard factories.
    if r.sites.iter().any(|s| s.factory().is_some()) {
        names.push((
            &st.factory,
            tr(
                lang,
                "标准厂房（入驻）",
                "Standard factory (tenants placed)",
            ),
            "area",
        ));
        names.push((
            &st.factory_candidate,
            tr(lang, "可入驻标准厂房", "Feasible standard factory"),
            "area",
        ));
    }
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
