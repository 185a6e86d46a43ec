//! parks.geojson / parks.csv: TD/T 1029 indicators per park.

use geo::Geometry;

use crate::analyse::Analysis;
use crate::model::Model;
use crate::write::{Cell, Column, Space, Table};

/// The parks table.
pub fn parks_table(model: &Model, a: &Analysis) -> Table {
    let cols = [
        ("park_id", "园区编号"),
        ("name", "园区名称"),
        ("area_mu", "面积（亩）"),
        ("supplied_mu", "已供应（亩）"),
        ("built_mu", "已建成（亩）"),
        ("idle_mu", "闲置（亩）"),
        ("approved_not_supplied_mu", "批而未供（亩）"),
        ("development_rate", "土地开发率"),
        ("supply_rate", "土地供应率"),
        ("built_rate", "土地建成率"),
        ("industrial_land_rate", "工业用地率"),
        ("far", "综合容积率"),
        ("coverage", "建筑密度"),
        ("industrial_far", "工业用地综合容积率"),
        ("industrial_coverage", "工业用地建筑系数（下限）"),
        ("investment_per_mu", "工业用地亩均投资（万元/亩）"),
        ("tax_per_mu", "工业用地亩均税收（万元/亩）"),
        ("idle_rate", "土地闲置率"),
        ("park_type", "园区类型"),
        ("enterprises", "企业数"),
        ("class_counts", "评价分类"),
        ("top1_tax_share", "最大纳税企业占比"),
        ("top5_tax_share", "前五纳税企业占比"),
        ("serviced_unsupplied_mu", "未供熟地（亩）"),
        ("largest_serviced_mu", "最大单宗熟地（亩）"),
        ("suppliable_mu", "尚可供地（亩）"),
        ("supply_mu_per_year", "年均供地（亩）"),
        ("supply_years_left", "尚可供地年数"),
    ];
    let mut t = Table::new(
        "parks",
        cols.iter().map(|(k, z)| Column::new(k, z)).collect(),
    );
    let mut geoms = Vec::new();
    for (k, (park, pi)) in model.parks.iter().zip(&a.parks).enumerate() {
        let ls = &a.supply.parks[k];
        let counts = pi
            .class_counts
            .iter()
            .map(|(c, n)| format!("{}:{n}", c.name()))
            .collect::<Vec<_>>()
            .join(" ");
        t.rows.push(vec![
            Cell::Text(park.id.clone()),
            Cell::text(park.name.clone()),
            Cell::Number(pi.area.to_mu(), 3),
            Cell::Number(pi.supplied.to_mu(), 3),
            Cell::Number(pi.built.to_mu(), 3),
            Cell::Number(pi.idle.to_mu(), 3),
            Cell::Number(pi.approved_not_supplied.to_mu(), 3),
            Cell::num(pi.development_rate, 4),
            Cell::num(pi.supply_rate, 4),
            Cell::num(pi.built_rate, 4),
            Cell::num(pi.industrial_land_rate, 4),
            Cell::num(pi.far, 4),
            Cell::num(pi.coverage, 4),
            Cell::num(pi.industrial_far, 4),
            Cell::num(pi.industrial_coverage, 4),
            Cell::num(pi.investment_per_mu, 3),
            Cell::num(pi.tax_per_mu, 3),
            Cell::num(pi.idle_rate, 4),
            Cell::Text(pi.park_type.name().to_owned()),
            Cell::Int(pi.enterprises as i64),
            Cell::Text(counts),
            Cell::num(pi.top1_tax_share, 4),
            Cell::num(pi.top5_tax_share, 4),
            Cell::num(ls.serviced_unsupplied.map(|a| a.to_mu()), 3),
            Cell::num(ls.largest_serviced.map(|a| a.to_mu()), 3),
            Cell::Number(ls.outlook.suppliable.to_mu(), 3),
            Cell::Number(ls.outlook.per_year.to_mu(), 3),
            Cell::num(ls.outlook.years_left, 2),
        ]);
        geoms.push(Some(Geometry::MultiPolygon(park.geometry.clone())));
    }
    t.geometries = Some(geoms);
    t.space = Space::Frame(model.frame.clone());
    t
}
