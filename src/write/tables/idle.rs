//! upcoming.csv (parcels about to become idle or recoverable) and
//! approved_not_supplied.geojson (approval batches minus supplied parcels).

use geo::Geometry;

use crate::analyse::Analysis;
use crate::model::Model;
use crate::project::Lang;
use crate::words::Words;
use crate::write::{Cell, Column, Space, Table};

/// The look-ahead table: which parcel changes class when, by window; descriptions in
/// `lang`.
pub fn upcoming_table(model: &Model, a: &Analysis, windows: &[i64], lang: Lang) -> Table {
    let cols = [
        ("parcel_id", "宗地编号"),
        ("holder", "土地使用权人"),
        ("event", "事项"),
        ("date", "日期"),
        ("days", "剩余天数"),
        ("within_days", "预警期（天）"),
        ("idle_class", "当前类别"),
        ("event_description", "事项说明"),
    ];
    let mut t = Table::new(
        "upcoming",
        cols.iter().map(|(k, z)| Column::new(k, z)).collect(),
    );
    let mut ws = windows.to_vec();
    ws.sort_unstable();
    for u in &a.upcoming {
        let p = &model.parcels[u.parcel];
        let window = ws.iter().copied().find(|w| u.days <= *w);
        t.rows.push(vec![
            Cell::Text(p.id.clone()),
            Cell::text(p.holder.clone()),
            Cell::Text(u.event.code().to_owned()),
            Cell::Date(u.date),
            Cell::Int(u.days),
            window.map(Cell::Int).unwrap_or(Cell::Empty),
            Cell::Text(a.idle[u.parcel.index()].class.name().to_owned()),
            Cell::Text(u.event.words(lang)),
        ]);
    }
    t
}

/// Approved-not-supplied land as polygons with areas.
pub fn ans_table(model: &Model, a: &Analysis) -> Table {
    let cols = [
        ("batch_id", "批次编号"),
        ("approval_date", "批准日期"),
        ("park_id", "园区编号"),
        ("area_m2", "面积（平方米）"),
        ("area_mu", "面积（亩）"),
    ];
    let mut t = Table::new(
        "approved_not_supplied",
        cols.iter().map(|(k, z)| Column::new(k, z)).collect(),
    );
    let mut geoms = Vec::new();
    for piece in &a.ans {
        let ap = &model.approvals[piece.approval];
        t.rows.push(vec![
            Cell::text(ap.id.clone()),
            Cell::date(ap.approval_date),
            Cell::text(piece.park.map(|k| model.parks[k].id.clone())),
            Cell::Number(piece.area.m2(), 2),
            Cell::Number(piece.area.to_mu(), 4),
        ]);
        geoms.push(Some(Geometry::MultiPolygon(piece.geometry.clone())));
    }
    t.geometries = Some(geoms);
    t.space = Space::Frame(model.frame.clone());
    t
}
