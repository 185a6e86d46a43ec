//! Years of supply left (尚可供地年数, TD/T 1029): the land a park can still supply over the
//! mean annual supply of the complete calendar years before the as-of year.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::model::{Parcel, SupplyStatus};
use crate::units::AreaM2;

/// Land supplied per calendar year, by `supply_date`, up to the as-of date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SupplyByYear {
    /// Area supplied in each year that had a supply.
    pub years: BTreeMap<i32, AreaM2>,
}

impl SupplyByYear {
    /// Adds a parcel when it was supplied on or before `as_of` with a known date.
    pub fn add(&mut self, p: &Parcel, as_of: NaiveDate) {
        if p.status != Some(SupplyStatus::Supplied) {
            return;
        }
        if let Some(d) = p.supply_date.filter(|d| *d <= as_of) {
            *self.years.entry(d.year()).or_default() += p.area;
        }
    }
    /// The area supplied in one year (0 when none).
    pub fn in_year(&self, year: i32) -> AreaM2 {
        self.years.get(&year).copied().unwrap_or_default()
    }
    /// The mean annual supply over the `n` complete calendar years before `as_of`'s year.
    pub fn mean_before(&self, as_of: NaiveDate, n: u32) -> AreaM2 {
        let y = as_of.year();
        let total: AreaM2 = (y - n as i32..y).map(|year| self.in_year(year)).sum();
        AreaM2(total.m2() / f64::from(n.max(1)))
    }
    /// The years of the written series: from the first supply (or the first year of the
    /// mean's window, when earlier) through the as-of year.
    pub fn span(&self, as_of: NaiveDate, n: u32) -> std::ops::RangeInclusive<i32> {
        let y = as_of.year();
        let window = y - n as i32;
        let first = self.years.keys().next().copied().unwrap_or(window);
        first.min(window)..=y
    }
}

/// The supply outlook of one park.
#[derive(Debug, Clone, PartialEq)]
pub struct SupplyOutlook {
    /// Parcels not yet supplied (approved or unapproved, or supplied after the as-of
    /// date).
    pub suppliable: AreaM2,
    /// The mean annual supply over the window.
    pub per_year: AreaM2,
    /// suppliable / per_year; `None` when the mean is 0.
    pub years_left: Option<f64>,
    /// Supply per calendar year.
    pub by_year: SupplyByYear,
}

impl SupplyOutlook {
    /// The outlook from the suppliable area and the supply history.
    pub fn new(suppliable: AreaM2, by_year: SupplyByYear, as_of: NaiveDate, n: u32) -> Self {
        let per_year = by_year.mean_before(as_of, n);
        let years_left = (per_year.m2() > 0.0).then(|| suppliable.m2() / per_year.m2());
        SupplyOutlook {
            suppliable,
            per_year,
            years_left,
            by_year,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_of_the_complete_years_before_the_as_of_year() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let mut h = SupplyByYear::default();
        for (y, mu) in [(2019, 50.0), (2023, 30.0), (2025, 60.0), (2026, 99.0)] {
            h.years.insert(y, AreaM2::from_mu(mu));
        }
        // 2023–2025: (30 + 0 + 60) / 3 = 30 亩; 2026 itself is not complete.
        let mean = h.mean_before(d("2026-06-30"), 3).to_mu();
        assert!((mean - 30.0).abs() < 1e-9, "{mean}");
        let o = SupplyOutlook::new(AreaM2::from_mu(75.0), h.clone(), d("2026-06-30"), 3);
        assert!((o.years_left.unwrap() - 2.5).abs() < 1e-9);
        assert_eq!(h.span(d("2026-06-30"), 3), 2019..=2026);
        let none = SupplyOutlook::new(AreaM2::from_mu(75.0), h, d("2023-01-01"), 3);
        assert_eq!(none.years_left, None, "2020–2022 supplied nothing");
        assert_eq!(
            SupplyByYear::default().span(d("2026-06-30"), 3),
            2023..=2026
        );
    }
}
