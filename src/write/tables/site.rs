//! sites, rejected, plan and moves: the siting tables of INTERFACE.md.

use geo::{Centroid, Geometry, LineString};

use crate::analyse::site::{Criterion, SitingResult};
use crate::model::Model;
use crate::project::Lang;
use crate::words::{self, Words};
use crate::write::{Cell, Column, Space, Table};

fn cols(c: &[(&str, &str)]) -> Vec<Column> {
    c.iter().map(|(k, z)| Column::new(k, z)).collect()
}

/// A criterion's two columns in `sites` (raw value with its unit, points), with their
/// Chinese headers, and the raw value's decimals.
fn criterion_columns(
    c: Criterion,
) -> (
    (&'static str, &'static str),
    (&'static str, &'static str),
    u8,
) {
    match c {
        Criterion::DistanceOld => (
            ("distance_old_m", "距原址（米）"),
            ("distance_old_pts", "距原址得分"),
            1,
        ),
        Criterion::Road => (
            ("road_m", "距高速/主干路（米）"),
            ("road_pts", "交通得分"),
            1,
        ),
        Criterion::Wastewater => (
            ("wastewater_m", "距污水处理厂（米）"),
            ("wastewater_pts", "污水处理得分"),
            1,
        ),
        Criterion::Cluster => (
            ("cluster_n", "1公里内同行业企业数"),
            ("cluster_pts", "产业集聚得分"),
            1,
        ),
        Criterion::Surplus => (
            ("surplus_ratio", "面积富余率"),
            ("surplus_pts", "面积匹配得分"),
            3,
        ),
    }
}

/// Every feasible site of every moving enterprise, ranked, with the score breakdown.
pub fn sites_table(model: &Model, r: &SitingResult) -> Table {
    let mut c = vec![
        ("enterprise_id", "统一社会信用代码"),
        ("name", "企业名称"),
        ("rank", "排序"),
        ("site_id", "地块"),
        ("park_id", "园区编号"),
        ("area_mu", "面积（亩）"),
        ("score", "综合得分"),
        ("requires_approval", "需办理农转用审批"),
        ("requires_recovery", "需先收回闲置土地"),
    ];
    for k in Criterion::ALL {
        let ((raw, raw_zh), (pts, pts_zh), _) = criterion_columns(k);
        c.extend([(raw, raw_zh), (pts, pts_zh)]);
    }
    c.extend([
        ("wind_penalty", "上风向扣分"),
        ("nearest_sensitive_m", "距最近敏感点（米）"),
        ("protection_m", "防护距离（米）"),
        ("top_stability", "首选稳定性"),
        ("site_kind", "选址类型"),
        ("floor_area_m2", "厂房面积（平方米）"),
    ]);
    let mut t = Table::new("sites", cols(&c));
    let mut geoms = Vec::new();
    for (mi, m) in r.movers.iter().enumerate() {
        let e = &model.enterprises[m.enterprise];
        for (rank, o) in r.options[mi].iter().enumerate() {
            let s = &r.sites[o.site];
            let mut row = vec![
                Cell::Text(e.id.clone()),
                Cell::text(e.name.clone()),
                Cell::Int(rank as i64 + 1),
                Cell::Text(s.id.clone()),
                Cell::Text(model.parks[s.park].id.clone()),
                Cell::Number(s.area.to_mu(), 3),
                Cell::Number(o.score, 2),
                Cell::Bool(s.requires_approval),
                Cell::Bool(s.requires_recovery),
            ];
            for (k, raw) in o.raw.iter() {
                row.push(Cell::num(*raw, criterion_columns(k).2));
                row.push(Cell::Number(o.points[k], 2));
            }
            row.push(Cell::Number(o.wind_penalty, 1));
            row.push(Cell::num(r.facts[o.site].sensitive_m, 1));
            row.push(Cell::Number(m.protection_m, 0));
            row.push(if rank == 0 {
                Cell::num(r.stability[mi], 3)
            } else {
                Cell::Empty
            });
            row.push(Cell::Text(s.kind.code().into()));
            row.push(Cell::num(s.factory().and(m.floor_need_m2), 1));
            t.rows.push(row);
            geoms.push(Some(Geometry::MultiPolygon(s.geometry.clone())));
        }
    }
    t.geometries = Some(geoms);
    t.space = Space::Frame(model.frame.clone());
    t
}

/// The sites ruled out, with the first constraint failed, measured value and threshold
/// (in `lang`).
pub fn rejected_table(model: &Model, r: &SitingResult, lang: Lang) -> Table {
    let mut t = Table::new(
        "rejected",
        cols(&[
            ("enterprise_id", "统一社会信用代码"),
            ("site_id", "地块"),
            ("park_id", "园区编号"),
            ("excluded_by", "否决条件"),
            ("measured", "实测值"),
            ("threshold", "限值"),
        ]),
    );
    for (mi, m) in r.movers.iter().enumerate() {
        let e = &model.enterprises[m.enterprise];
        for rej in &r.rejected[mi].kept {
            let s = &r.sites[rej.site];
            t.rows.push(vec![
                Cell::Text(e.id.clone()),
                Cell::Text(s.id.clone()),
                Cell::Text(model.parks[s.park].id.clone()),
                Cell::Text(rej.excluded_by().code().into()),
                Cell::Text(words::measured(&rej.evidence, lang)),
                Cell::Text(words::threshold(&rej.evidence, lang)),
            ]);
        }
    }
    t
}

/// The plan: where each enterprise goes, when, and the land it releases; reasons in `lang`.
pub fn plan_table(model: &Model, r: &SitingResult, lang: Lang) -> Table {
    let mut t = Table::new(
        "plan",
        cols(&[
            ("enterprise_id", "统一社会信用代码"),
            ("name", "企业名称"),
            ("industry", "行业代码"),
            ("why", "搬迁原因"),
            ("site_id", "新址地块"),
            ("park_id", "园区编号"),
            ("score", "得分"),
            ("choice", "志愿序号"),
            ("phase", "搬迁批次（年）"),
            ("released_mu", "腾退用地（亩）"),
            ("required_mu", "需求用地（亩）"),
            ("protection_m", "防护距离（米）"),
            ("protection_source", "防护距离依据"),
            ("unplaced_reason", "未安置原因"),
            ("site_kind", "选址类型"),
            ("floor_area_m2", "厂房面积（平方米）"),
            ("factory_remaining_m2", "厂房剩余面积（平方米）"),
        ]),
    );
    let remaining = r.factory_remaining();
    let mut order: Vec<&crate::analyse::site::Assignment> = r.plan.iter().collect();
    order.sort_by_key(|a| {
        (
            a.phase.unwrap_or(i32::MAX),
            model.enterprises[r.movers[a.mover].enterprise].id.clone(),
        )
    });
    for a in order {
        let m = &r.movers[a.mover];
        let e = &model.enterprises[m.enterprise];
        let site = a.site.map(|s| &r.sites[s]);
        t.rows.push(vec![
            Cell::Text(e.id.clone()),
            Cell::text(e.name.clone()),
            Cell::text(e.industry.clone()),
            Cell::Text(m.why.words(lang)),
            Cell::text(site.map(|s| s.id.clone())),
            Cell::text(site.map(|s| model.parks[s.park].id.clone())),
            Cell::num(a.score, 2),
            a.choice.map(|c| Cell::Int(c as i64)).unwrap_or(Cell::Empty),
            a.phase.map(|p| Cell::Int(p as i64)).unwrap_or(Cell::Empty),
            Cell::Number(a.released.to_mu(), 3),
            Cell::Number(m.required.to_mu(), 3),
            Cell::Number(m.protection_m, 0),
            Cell::Text(words::protection_with_flag(&m.protection_source, lang)),
            Cell::text(a.unplaced_reason.as_ref().map(|u| {
                let rej = &r.rejected[a.mover];
                let mut w = u.words(lang);
                if rej.factories_considered > 0
                    && matches!(
                        u,
                        crate::analyse::site::UnplacedReason::NoFeasibleSite { .. }
                    )
                {
                    w.push_str(&words::factory_failures(
                        rej.factories_considered,
                        &rej.factory_counts,
                        lang,
                    ));
                }
                w
            })),
            Cell::text(site.map(|s| s.kind.code().to_owned())),
            Cell::num(site.and_then(|s| s.factory()).and(m.floor_need_m2), 1),
            Cell::num(a.site.and_then(|s| remaining.get(&s).copied()), 1),
        ]);
    }
    t
}

/// Lines from each old site to its new site, for maps.
pub fn moves_table(model: &Model, r: &SitingResult) -> Table {
    let mut t = Table::new(
        "moves",
        cols(&[
            ("enterprise_id", "统一社会信用代码"),
            ("name", "企业名称"),
            ("site_id", "新址地块"),
            ("phase", "搬迁批次（年）"),
            ("length_m", "距离（米）"),
        ]),
    );
    let mut geoms = Vec::new();
    for a in &r.plan {
        let m = &r.movers[a.mover];
        let (Some(site), Some(from)) = (a.site, m.origin) else {
            continue;
        };
        let Some(to) = r.sites[site].geometry.centroid() else {
            continue;
        };
        let e = &model.enterprises[m.enterprise];
        let line = LineString::from(vec![from.0, to.0]);
        t.rows.push(vec![
            Cell::Text(e.id.clone()),
            Cell::text(e.name.clone()),
            Cell::Text(r.sites[site].id.clone()),
            a.phase.map(|p| Cell::Int(p as i64)).unwrap_or(Cell::Empty),
            Cell::Number((to.x() - from.x()).hypot(to.y() - from.y()), 0),
        ]);
        geoms.push(Some(Geometry::LineString(line)));
    }
    t.geometries = Some(geoms);
    t.space = Space::Frame(model.frame.clone());
    t
}
