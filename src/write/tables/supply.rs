//! supply_by_year.csv: land supplied per park and calendar year (by `supply_date`), the
//! series behind `supply_mu_per_year`, plus the `(all)` rows of the whole project.

use crate::analyse::supply::AreaSupply;
use crate::analyse::Analysis;
use crate::model::Model;
use crate::write::{Cell, Column, Table};

/// The supply-by-year table: for each park (in the order of the parks layer), then
/// `(all)`, one row per year from its first supply (or the first year of the mean's
/// window, when earlier) through the as-of year, years without supply as 0.
pub fn supply_by_year_table(model: &Model, a: &Analysis) -> Table {
    let cols = [
        ("park_id", "园区编号"),
        ("year", "年度"),
        ("mu", "供地面积（亩）"),
    ];
    let mut t = Table::new(
        "supply_by_year",
        cols.iter().map(|(k, z)| Column::new(k, z)).collect(),
    );
    let n = a.supply.mean_over_years;
    let mut rows = |id: &str, s: &AreaSupply| {
        let h = &s.outlook.by_year;
        for year in h.span(a.as_of, n) {
            t.rows.push(vec![
                Cell::Text(id.to_owned()),
                Cell::Int(i64::from(year)),
                Cell::Number(h.in_year(year).to_mu(), 3),
            ]);
        }
    };
    for (park, s) in model.parks.iter().zip(&a.supply.parks) {
        rows(&park.id, s);
    }
    rows("(all)", &a.supply.all);
    t
}
