//! parcels.geojson / parcels.csv: intensity and idle land per parcel.

use geo::Geometry;

use crate::analyse::Analysis;
use crate::index::Index;
use crate::model::Model;
use crate::project::Lang;
use crate::words::{self, Words};
use crate::write::{Cell, Column, LazyTable, Space};

/// The parcels table, its rows made as they are written; reasons in `lang`.
pub fn parcels_table<'a>(
    model: &'a Model,
    index: &'a Index,
    a: &'a Analysis,
    lang: Lang,
) -> LazyTable<'a> {
    let cols = [
        ("parcel_id", "宗地编号"),
        ("park_id", "园区编号"),
        ("name", "名称"),
        ("holder", "土地使用权人"),
        ("land_use", "土地用途"),
        ("status", "供地状态"),
        ("area_m2", "面积（平方米）"),
        ("area_mu", "面积（亩）"),
        ("area_ha", "面积（公顷）"),
        ("floor_area_m2", "建筑面积（平方米）"),
        ("far", "容积率"),
        ("coverage", "建筑密度"),
        ("investment_per_mu", "亩均投资（万元/亩）"),
        ("tax_per_mu", "亩均税收（万元/亩）"),
        ("revenue_per_mu", "亩均营收（万元/亩）"),
        ("value_added_per_mu", "亩均增加值（万元/亩）"),
        ("employees_per_ha", "每公顷从业人员"),
        ("enterprises", "企业数"),
        ("industry", "行业代码"),
        ("far_min_required", "容积率下限要求"),
        ("far_rule", "容积率依据"),
        ("far_ok", "容积率达标"),
        ("coverage_ok", "建筑系数达标"),
        ("idle_class", "低效类别"),
        ("idle_class_zh", "低效类别（中文）"),
        ("idle_reason", "认定理由"),
        ("idle_since", "认定起始日"),
        ("idle_fee_due", "应缴闲置费"),
        ("recoverable", "可无偿收回"),
        ("cross_check", "台账与现状不符"),
        ("services", "已通配套"),
        ("serviced", "熟地"),
    ];
    let columns = cols.iter().map(|(k, z)| Column::new(k, z)).collect();
    LazyTable::new("parcels", columns, model.parcels.len(), move |i| {
        let p = &model.parcels[i];
        let it = &a.intensity[i];
        let v = &a.idle[i];
        let mu = p.area.to_mu();
        let park = index.parcel_park[i].map(|k| model.parks[k].id.clone());
        vec![
            Cell::Text(p.id.clone()),
            Cell::text(park),
            Cell::text(p.name.clone()),
            Cell::text(p.holder.clone()),
            Cell::text(p.land_use.clone()),
            Cell::text(p.status.map(|s| s.name())),
            Cell::Number(p.area.m2(), 2),
            Cell::Number(mu, 4),
            Cell::Number(p.area.to_ha(), 4),
            Cell::Number(it.floor_area.m2(), 2),
            Cell::Number(it.far, 4),
            Cell::Number(it.coverage, 4),
            Cell::num(it.investment_per_mu, 3),
            Cell::num(it.per_mu(it.tax, p.area), 3),
            Cell::num(it.per_mu(it.revenue, p.area), 3),
            Cell::num(it.per_mu(it.value_added, p.area), 3),
            Cell::num(
                (it.enterprises > 0).then(|| it.employees / p.area.to_ha()),
                3,
            ),
            Cell::Int(it.enterprises as i64),
            Cell::text(it.industry.clone()),
            Cell::num(it.far_min_required, 3),
            Cell::text(it.far_rule.as_ref().map(|r| r.words(lang))),
            Cell::bool(it.far_ok),
            Cell::bool(it.coverage_ok),
            Cell::Text(v.class.name().to_owned()),
            Cell::Text(v.class.zh().to_owned()),
            Cell::Text(v.evidence.words(lang)),
            Cell::date(v.since),
            Cell::Bool(v.fee_due),
            Cell::Bool(v.recoverable),
            Cell::Text(words::cross_checks(&v.cross_checks, lang)),
            Cell::text(a.supply.serviced.parcels[i].present().map(|s| s.joined())),
            Cell::bool(a.supply.serviced.parcels[i].serviced()),
        ]
    })
    .with_geometry(move |i| Some(Geometry::MultiPolygon(model.parcels[i].geometry.clone())))
    .in_space(Space::Frame(model.frame.clone()))
}
