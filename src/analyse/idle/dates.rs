//! Calendar arithmetic of the idle-land rules: "+ 1 year" is the same calendar date a
//! year later, 29 February → 28 February (DOMAIN.md "Default rules, exactly").

use chrono::{Datelike, NaiveDate};

/// The same calendar date `years` later; 29 February becomes 28 February in a common year.
pub fn add_years(d: NaiveDate, years: i32) -> NaiveDate {
    let y = d.year() + years;
    NaiveDate::from_ymd_opt(y, d.month(), d.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, d.month(), d.day() - 1))
        .unwrap_or(d)
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

/// A fact dated after `as_of` has not happened yet at `as_of`.
pub fn known_at(d: Option<NaiveDate>, as_of: NaiveDate) -> Option<NaiveDate> {
    d.filter(|d| *d <= as_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn leap_day_goes_to_28_february() {
        assert_eq!(add_years(d(2024, 2, 29), 1), d(2025, 2, 28));
        assert_eq!(add_years(d(2024, 2, 29), 4), d(2028, 2, 29));
        assert_eq!(add_years(d(2023, 3, 1), 2), d(2025, 3, 1));
    }

    #[test]
    fn later_facts_are_unknown() {
        assert_eq!(known_at(Some(d(2026, 1, 2)), d(2026, 1, 1)), None);
        assert_eq!(
            known_at(Some(d(2026, 1, 1)), d(2026, 1, 1)),
            Some(d(2026, 1, 1))
        );
    }
}
