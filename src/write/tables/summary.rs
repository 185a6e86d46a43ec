//! idle_summary.csv: idle and inefficient land per park and class — parcels, 亩, and the
//! areas on which the idle fee is due and which are recoverable.

use std::collections::BTreeMap;

use crate::analyse::idle::IdleClass;
use crate::analyse::Analysis;
use crate::index::Index;
use crate::model::Model;
use crate::write::{Cell, Column, Table};

/// The idle summary: one row per (park, class), plus the `(all)` rows of the project.
pub fn idle_summary_table(model: &Model, index: &Index, a: &Analysis) -> Table {
    let cols = [
        ("park_id", "园区编号"),
        ("idle_class", "类别"),
        ("idle_class_zh", "类别（中文）"),
        ("parcels", "宗数"),
        ("area_mu", "面积（亩）"),
        ("fee_due_mu", "应缴闲置费面积（亩）"),
        ("recoverable_mu", "可收回面积（亩）"),
    ];
    let mut t = Table::new(
        "idle_summary",
        cols.iter().map(|(k, z)| Column::new(k, z)).collect(),
    );
    let mut acc: BTreeMap<(String, IdleClass), (usize, f64, f64, f64)> = BTreeMap::new();
    for (i, p) in model.parcels.iter().enumerate() {
        let v = &a.idle[i];
        let park = index.parcel_park[i]
            .map(|k| model.parks[k].id.clone())
            .unwrap_or_default();
        for key in [(park, v.class), ("(all)".to_owned(), v.class)] {
            let e = acc.entry(key).or_default();
            e.0 += 1;
            e.1 += p.area.to_mu();
            if v.fee_due {
                e.2 += p.area.to_mu();
            }
            if v.recoverable {
                e.3 += p.area.to_mu();
            }
        }
    }
    for ((park, class), (n, mu, fee, rec)) in acc {
        t.rows.push(vec![
            Cell::Text(park),
            Cell::Text(class.name().into()),
            Cell::Text(class.zh().into()),
            Cell::Int(n as i64),
            Cell::Number(mu, 3),
            Cell::Number(fee, 3),
            Cell::Number(rec, 3),
        ]);
    }
    t
}
