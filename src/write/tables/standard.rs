//! standard_land.geojson / standard_land.csv: the indicator set ("3+X") an offer of each
//! serviced parcel not yet supplied would carry (标准地).

use geo::Geometry;

use crate::analyse::admit::{StandardLand, OFFER};
use crate::analyse::Analysis;
use crate::model::Model;
use crate::project::land::EntryIndicator;
use crate::project::Lang;
use crate::words::Words;
use crate::write::{Cell, Column, Space, Table};

/// The standard-land table; the basis in `lang`.
pub fn standard_land_table(
    model: &Model,
    a: &Analysis,
    offers: &[StandardLand],
    lang: Lang,
) -> Table {
    let mut cols = vec![
        Column::new("parcel_id", "宗地编号"),
        Column::new("park_id", "园区编号"),
        Column::new("level", "园区级别"),
        Column::new("industry", "规划产业"),
        Column::new("land_use", "土地用途"),
        Column::new("area_mu", "面积（亩）"),
        Column::new("services", "已通配套"),
    ];
    for i in OFFER {
        cols.push(match i {
            EntryIndicator::InvestmentPerMu => {
                Column::new("investment_per_mu_min", "投资强度下限（万元/亩）")
            }
            EntryIndicator::TaxPerMu => Column::new("tax_per_mu_min", "亩均税收下限（万元/亩）"),
            EntryIndicator::Far => Column::new("far_min", "容积率下限"),
            EntryIndicator::OutputPerMu => {
                Column::new("output_per_mu_min", "亩均产值下限（万元/亩）")
            }
            EntryIndicator::EnergyPerValueAdded => Column::new(
                "energy_per_value_added_max",
                "单位增加值能耗上限（吨标煤/万元）",
            ),
        });
    }
    cols.push(Column::new("basis", "指标依据"));
    let mut t = Table::new("standard_land", cols);
    let mut geoms = Vec::with_capacity(offers.len());
    for o in offers {
        let p = &model.parcels[o.parcel];
        let mut cells = vec![
            Cell::Text(p.id.clone()),
            Cell::Text(model.parks[o.park].id.clone()),
            Cell::text(o.level.clone()),
            Cell::text(o.industry.clone()),
            Cell::text(p.land_use.clone()),
            Cell::Number(p.area.to_mu(), 3),
            Cell::text(
                a.supply.serviced.parcels[o.parcel]
                    .present()
                    .map(|s| s.joined()),
            ),
        ];
        for (i, th) in &o.indicators {
            let d = if *i == EntryIndicator::InvestmentPerMu || *i == EntryIndicator::TaxPerMu {
                3
            } else {
                4
            };
            cells.push(Cell::num(th.as_ref().map(|t| t.value), d));
        }
        cells.push(Cell::Text(o.words(lang)));
        t.rows.push(cells);
        geoms.push(Some(Geometry::MultiPolygon(p.geometry.clone())));
    }
    t.geometries = Some(geoms);
    t.space = Space::Frame(model.frame.clone());
    t
}
