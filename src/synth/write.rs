//! Writes a synthetic city as a project folder shaped like a bureau's data: parcels,
//! parks, buildings and approvals in CGCS2000 Gauss-Krüger GeoJSON with Chinese field
//! names, enterprises as a GCJ-02 CSV (as geocoded by Amap), constraints and
//! infrastructure in WGS84, and a parkscope.toml mapping the non-standard field names.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use geo::{Coord, Geometry, MapCoords};

use super::types::City;
use crate::crs::{wgs84_to_gcj02, Frame};
use crate::error::Result;
use crate::write::{write_bytes, write_csv, write_geojson, Cell, Column, Space, Table};

/// The Gauss-Krüger CRS the synthetic layers are written in.
pub const SYNTH_EPSG: &str = "EPSG:4549";

/// The space of the synthetic layers written in [`SYNTH_EPSG`].
fn synth_space() -> Space {
    Space::Crs(crate::crs::Crs::parse(SYNTH_EPSG).expect("EPSG:4549 is in the registry"))
}

fn cols(names: &[&str]) -> Vec<Column> {
    names.iter().map(|n| Column::new(n, n)).collect()
}

fn slash_date(d: Option<NaiveDate>) -> Cell {
    d.map(|d| Cell::Text(format!("{}/{}/{}", d.year(), d.month(), d.day())))
        .unwrap_or(Cell::Empty)
}

fn chinese_date(d: Option<NaiveDate>) -> Cell {
    d.map(|d| Cell::Text(format!("{}年{}月{}日", d.year(), d.month(), d.day())))
        .unwrap_or(Cell::Empty)
}

fn yes_no(b: Option<bool>) -> Cell {
    b.map(|b| Cell::Text(if b { "是" } else { "否" }.into()))
        .unwrap_or(Cell::Empty)
}

/// Writes the city into `dir` as a project (parkscope.toml and its layers).
///
/// # Errors
/// A file cannot be written.
pub fn write_project(city: &City, dir: &Path, name: &str) -> Result<()> {
    let frame = Frame::with_central_meridian(120.0);
    let to_ll = |g: &Geometry<f64>| {
        g.map_coords(|c| {
            frame
                .inverse(c.x, c.y)
                .map(|(x, y)| Coord { x, y })
                .unwrap_or(c)
        })
    };

    let mut parks = Table::new(
        "parks",
        cols(&[
            "园区编号",
            "园区名称",
            "级别",
            "主导产业",
            "园区定位",
            "核准面积",
        ]),
    );
    for p in &city.parks {
        use geo::Area;
        parks.rows.push(vec![
            Cell::Text(p.id.clone()),
            Cell::Text(p.name.clone()),
            Cell::Text(p.level.into()),
            Cell::Text(p.industries.join("、")),
            Cell::Text(p.orientation.into()),
            Cell::Number((p.geometry.unsigned_area() / 10_000.0).round(), 0),
        ]);
    }
    parks.geometries = Some(
        city.parks
            .iter()
            .map(|p| Some(Geometry::Polygon(p.geometry.clone())))
            .collect(),
    );
    parks.space = synth_space();
    write_geojson(&dir.join("parks.geojson"), &parks)?;

    let mut parcels = Table::new(
        "parcels",
        cols(&[
            "地块代码",
            "项目名称",
            "用地类型",
            "供地状态",
            "供地方式",
            "土地使用权人",
            "合同签订日期",
            "约定开工日期",
            "约定竣工日期",
            "实际开工日期",
            "实际竣工日期",
            "合同投资额",
            "已完成投资",
            "规划建筑面积",
            "容积率下限",
            "停工日期",
            "是否投产",
        ]),
    );
    for p in &city.parcels {
        let l = &p.ledger;
        parcels.rows.push(vec![
            Cell::Text(p.id.clone()),
            Cell::text(l.name.clone()),
            Cell::Text(p.land_use.into()),
            Cell::text(l.status),
            Cell::text(l.status.filter(|s| *s == "已供").map(|_| "出让")),
            Cell::text(l.holder.clone()),
            slash_date(l.supply_date),
            chinese_date(l.agreed_start),
            Cell::date(l.agreed_completion),
            Cell::date(l.actual_start),
            Cell::date(l.actual_completion),
            Cell::num(l.planned_investment, 0),
            Cell::num(l.invested, 0),
            Cell::num(l.planned_floor_area, 0),
            Cell::num(l.far_min, 2),
            Cell::date(l.halted_since),
            yes_no(l.in_production),
        ]);
    }
    parcels.geometries = Some(
        city.parcels
            .iter()
            .map(|p| Some(Geometry::MultiPolygon(p.geometry.clone())))
            .collect(),
    );
    parcels.space = synth_space();
    write_geojson(&dir.join("parcels.geojson"), &parcels)?;

    let mut buildings = Table::new("buildings", cols(&["建筑编号", "层数", "高度"]));
    for b in &city.buildings {
        buildings.rows.push(vec![
            Cell::Text(b.id.clone()),
            b.floors.map(|f| Cell::Int(f as i64)).unwrap_or(Cell::Empty),
            Cell::num(b.height, 1),
        ]);
    }
    buildings.geometries = Some(
        city.buildings
            .iter()
            .map(|b| Some(Geometry::Polygon(b.geometry.clone())))
            .collect(),
    );
    buildings.space = synth_space();
    write_geojson(&dir.join("buildings.geojson"), &buildings)?;

    let mut approvals = Table::new("approvals", cols(&["批次编号", "批准日期"]));
    for (id, d, _) in &city.approvals {
        approvals
            .rows
            .push(vec![Cell::Text(id.clone()), Cell::Date(*d)]);
    }
    approvals.geometries = Some(
        city.approvals
            .iter()
            .map(|(_, _, g)| Some(Geometry::Polygon(g.clone())))
            .collect(),
    );
    approvals.space = synth_space();
    write_geojson(&dir.join("approvals.geojson"), &approvals)?;

    let mut constraints = Table::new("constraints", cols(&["类型", "名称"]));
    for (k, n, _) in &city.constraints {
        constraints
            .rows
            .push(vec![Cell::Text((*k).into()), Cell::Text(n.clone())]);
    }
    constraints.geometries = Some(
        city.constraints
            .iter()
            .map(|(_, _, g)| Some(to_ll(g)))
            .collect(),
    );
    write_geojson(&dir.join("constraints.geojson"), &constraints)?;

    let mut infra = Table::new("infrastructure", cols(&["类型", "等级", "名称"]));
    for (k, c, n, _) in &city.infrastructure {
        infra.rows.push(vec![
            Cell::Text((*k).into()),
            Cell::text(*c),
            Cell::Text(n.clone()),
        ]);
    }
    infra.geometries = Some(
        city.infrastructure
            .iter()
            .map(|(_, _, _, g)| Some(to_ll(g)))
            .collect(),
    );
    write_geojson(&dir.join("infrastructure.geojson"), &infra)?;

    // The standard factories' columns only when the city has factories: a city without
    // them is written as before.
    let shared = !city.factories.is_empty();
    let mut ents = Table::new(
        "enterprises",
        cols(&[
            "统一社会信用代码",
            "企业名称",
            "行业代码",
            "宗地编号",
            "营业收入",
            "实缴税金",
            "工业增加值",
            "从业人员",
            "综合能耗",
            "主要污染物排放当量",
            "研发经费",
            "污染类别",
            "搬迁",
            "需求用地",
            "卫生防护距离",
            "经度",
            "纬度",
        ]),
    );
    if shared {
        ents.columns.extend(cols(&[
            "需求厂房面积",
            "楼面荷载要求",
            "净高要求",
            "占用厂房面积",
        ]));
    }
    for e in &city.enterprises {
        let gcj = e
            .location
            .and_then(|p| frame.inverse(p.x(), p.y()))
            .map(|(lon, lat)| wgs84_to_gcj02(lon, lat));
        ents.rows.push(vec![
            Cell::Text(e.id.clone()),
            Cell::Text(e.name.clone()),
            Cell::Text(e.industry.clone()),
            Cell::text(e.parcel_id.clone()),
            Cell::Number(e.revenue, 1),
            Cell::Number(e.tax, 1),
            Cell::Number(e.value_added, 1),
            Cell::Number(e.employees, 0),
            Cell::num(e.energy_tce, 1),
            Cell::num(e.emissions, 2),
            Cell::Number(e.rd_expense, 1),
            Cell::Text(e.pollution.into()),
            Cell::Text(if e.relocate { "是" } else { "否" }.into()),
            Cell::num(e.required_area_mu, 0),
            Cell::num(e.protection_distance_m, 0),
            gcj.map(|(x, _)| Cell::Number(x, 7)).unwrap_or(Cell::Empty),
            gcj.map(|(_, y)| Cell::Number(y, 7)).unwrap_or(Cell::Empty),
        ]);
        if shared {
            if let Some(r) = ents.rows.last_mut() {
                r.extend([
                    Cell::num(e.floor_need_m2, 0),
                    Cell::num(e.floor_load_need, 1),
                    Cell::num(e.clear_height_need, 1),
                    Cell::num(e.occupied_m2, 0),
                ]);
            }
        }
    }
    write_csv(&dir.join("enterprises.csv"), &ents)?;
    let factories_layer = if shared {
        let mut t = Table::new(
            "factories",
            cols(&[
                "厂房编号",
                "厂房名称",
                "层数",
                "空置面积",
                "楼面荷载",
                "净高",
                "园区编号",
            ]),
        );
        for f in &city.factories {
            t.rows.push(vec![
                Cell::Text(f.id.clone()),
                Cell::Text(f.name.clone()),
                Cell::Int(f.floors as i64),
                Cell::num(f.vacant_m2, 0),
                Cell::Number(f.floor_load, 1),
                Cell::Number(f.clear_height, 1),
                Cell::text(f.park_id.clone()),
            ]);
        }
        t.geometries = Some(
            city.factories
                .iter()
                .map(|f| Some(Geometry::Polygon(f.geometry.clone())))
                .collect(),
        );
        t.space = synth_space();
        write_geojson(&dir.join("factories.geojson"), &t)?;
        "\n[layers.factories]\npath = \"factories.geojson\"\n"
    } else {
        ""
    };

    let toml = format!(
        r#"# A parkscope project written by `parkscope synth` (synthetic data, seed-deterministic).
# Layers are shaped like a land bureau's: Gauss-Krüger GeoJSON with Chinese field names,
# an enterprise ledger geocoded by Amap (GCJ-02), constraints and infrastructure in WGS84.
name = "{name}"
as_of = "{as_of}"
lang = "zh"

[layers.parks]
path = "parks.geojson"

[layers.parcels]
path = "parcels.geojson"
[layers.parcels.fields]
parcel_id = "地块代码"      # not one of the built-in aliases, so it is mapped here
land_use = "用地类型"

[layers.buildings]
path = "buildings.geojson"

[layers.enterprises]
path = "enterprises.csv"
coords = "gcj02"
x = "经度"
y = "纬度"

[layers.approvals]
path = "approvals.geojson"

[layers.constraints]
path = "constraints.geojson"

[layers.infrastructure]
path = "infrastructure.geojson"
{factories_layer}
[policy]
control_indicators = "2008"
evaluation = "jiangsu-huaian-2024"

[map]
organisation = "parkscope 合成数据（非真实编制单位）"   # 编制单位 of every map sheet
"#,
        as_of = city.as_of
    );
    write_bytes(&dir.join("parkscope.toml"), toml.as_bytes())
}
