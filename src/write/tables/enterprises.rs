//! enterprises.geojson / enterprises.csv: the per-mu evaluation per enterprise.

use geo::Geometry;

use crate::analyse::Analysis;
use crate::index::Index;
use crate::model::Model;
use crate::project::Lang;
use crate::words::Words;
use crate::write::{Cell, Column, LazyTable, Space};

/// The enterprises table, its rows made as they are written; reasons in `lang`.
pub fn enterprises_table<'a>(
    model: &'a Model,
    index: &'a Index,
    a: &'a Analysis,
    lang: Lang,
) -> LazyTable<'a> {
    let cols = [
        ("enterprise_id", "统一社会信用代码"),
        ("name", "企业名称"),
        ("industry", "行业代码"),
        ("parcel_ids", "宗地编号"),
        ("land_mu", "用地（亩）"),
        ("tax_per_mu", "亩均税收（万元/亩）"),
        ("revenue_per_mu", "亩均营业收入（万元/亩）"),
        ("value_added_per_mu", "亩均增加值（万元/亩）"),
        ("tax_per_tce", "单位能耗税收（万元/吨标煤）"),
        ("value_added_per_tce", "单位能耗增加值（万元/吨标煤）"),
        ("value_added_per_emission", "单位排放增加值（万元/吨）"),
        ("productivity", "全员劳动生产率（万元/人）"),
        ("rd_ratio", "研发投入占比"),
        ("score", "综合得分"),
        ("rank", "排名"),
        ("class", "分类"),
        ("class_reason", "分类理由"),
        ("preset", "评价办法"),
        ("placement", "定位问题"),
    ];
    let columns = cols.iter().map(|(k, z)| Column::new(k, z)).collect();
    let mut why = vec![None; model.enterprises.len()];
    for (e, u) in &index.unplaced {
        why[e.index()] = Some(u.words(lang));
    }
    LazyTable::new("enterprises", columns, model.enterprises.len(), move |i| {
        let e = &model.enterprises[i];
        let ev = &a.evaluation.enterprises[i];
        let v = |k: &str, d: u8| Cell::num(ev.value(k), d);
        vec![
            Cell::Text(e.id.clone()),
            Cell::text(e.name.clone()),
            Cell::text(e.industry.clone()),
            Cell::Text(
                ev.parcels
                    .iter()
                    .map(|&p| model.parcels[p].id.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            Cell::Number(ev.land.to_mu(), 4),
            v("tax_per_mu", 4),
            v("revenue_per_mu", 4),
            v("value_added_per_mu", 4),
            v("tax_per_tce", 4),
            v("value_added_per_tce", 4),
            v("value_added_per_emission", 4),
            v("productivity", 4),
            v("rd_ratio", 5),
            Cell::num(ev.score, 3),
            ev.rank.map(|r| Cell::Int(r as i64)).unwrap_or(Cell::Empty),
            Cell::Text(ev.class.name().to_owned()),
            Cell::Text(ev.evidence.words(lang)),
            Cell::Text(a.evaluation.preset.clone()),
            Cell::text(why[i].clone()),
        ]
    })
    .with_geometry(move |i| model.enterprises[i].location.map(Geometry::Point))
    .in_space(Space::Frame(model.frame.clone()))
}
