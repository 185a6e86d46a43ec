//! admit.geojson / admit.csv: the entry check of proposed projects, one row per proposal
//! and park, with the park's boundary as geometry.

use geo::Geometry;

use crate::analyse::admit::AdmitResult;
use crate::model::Model;
use crate::project::land::EntryIndicator;
use crate::project::Lang;
use crate::words::Words;
use crate::write::{Cell, Column, Space, Table};

/// The admit table; reasons in `lang`.
pub fn admit_table(model: &Model, r: &AdmitResult, lang: Lang) -> Table {
    let mut cols = vec![
        Column::new("proposal_id", "项目编号"),
        Column::new("park_id", "园区编号"),
        Column::new("level", "园区级别"),
        Column::new("pass", "达到门槛"),
        Column::new("failed", "未达指标"),
    ];
    let zh = |i: EntryIndicator| match i {
        EntryIndicator::InvestmentPerMu => ("投资强度（万元/亩）", "投资强度要求（万元/亩）"),
        EntryIndicator::OutputPerMu => ("亩均产值（万元/亩）", "亩均产值要求（万元/亩）"),
        EntryIndicator::TaxPerMu => ("亩均税收（万元/亩）", "亩均税收要求（万元/亩）"),
        EntryIndicator::Far => ("容积率", "容积率要求"),
        EntryIndicator::EnergyPerValueAdded => ("单位增加值能耗", "单位增加值能耗上限"),
    };
    for i in EntryIndicator::ALL {
        let (v, q) = zh(i);
        cols.push(Column::new(&format!("{}_value", i.name()), v));
        cols.push(Column::new(&format!("{}_required", i.name()), q));
    }
    cols.extend([
        Column::new("fits_leading_industry", "符合主导产业"),
        Column::new("largest_serviced_mu", "最大单宗熟地（亩）"),
        Column::new("recommended", "推荐"),
        Column::new("reason", "审查意见"),
        Column::new("rank", "推荐顺位"),
    ]);
    let mut t = Table::new("admit", cols);
    let mut geoms = Vec::with_capacity(r.rows.len());
    for row in &r.rows {
        let park = &model.parks[row.park];
        let failed: Vec<&str> = row.failed().iter().map(|i| i.name()).collect();
        let mut cells = vec![
            Cell::Text(r.proposals[row.proposal].id.clone()),
            Cell::Text(park.id.clone()),
            Cell::text(row.level.clone()),
            Cell::Bool(row.pass()),
            Cell::Text(failed.join(";")),
        ];
        for c in &row.checks {
            let d = if c.indicator == EntryIndicator::Far {
                2
            } else {
                3
            };
            cells.push(Cell::num(c.value, d));
            cells.push(Cell::num(c.required.as_ref().map(|t| t.value), d));
        }
        cells.extend([
            Cell::Bool(row.industry.fits()),
            Cell::num(row.largest_serviced.map(|a| a.to_mu()), 3),
            Cell::Bool(row.recommended()),
            Cell::Text(row.words(lang)),
            row.rank.map_or(Cell::Empty, |k| Cell::Int(k as i64)),
        ]);
        t.rows.push(cells);
        geoms.push(Some(Geometry::MultiPolygon(park.geometry.clone())));
    }
    t.geometries = Some(geoms);
    t.space = Space::Frame(model.frame.clone());
    t
}
