//! Typed access to one feature's values by canonical field name; a value of the wrong
//! type rejects the feature with the field named (DATA.md "Bad input").

use chrono::NaiveDate;

use super::fields::Columns;
use super::Checks;
use crate::error::{Problem, Severity};
use crate::problems::Reason;
use crate::project::plausibility::Bound;
use crate::read::value::{parse_bool, parse_date, parse_list, parse_number};
use crate::read::{RawFeature, RawValue};

/// One feature's values seen through the resolved columns.
pub struct Row<'a> {
    cols: &'a Columns,
    feature: &'a RawFeature,
    /// The bounds values must lie in and the as-of date.
    pub checks: &'a Checks<'a>,
    /// Problems met so far (a rejection makes the feature unusable).
    pub problems: Vec<Problem>,
}

impl<'a> Row<'a> {
    /// A row over a feature.
    pub fn new(cols: &'a Columns, feature: &'a RawFeature, checks: &'a Checks<'a>) -> Row<'a> {
        Row {
            cols,
            feature,
            checks,
            problems: Vec::new(),
        }
    }

    fn raw(&self, field: &str) -> Option<(&'a RawValue, usize)> {
        let c = self.cols.get(field)?;
        self.feature.values.get(c).map(|v| (v, c))
    }

    fn fail(&mut self, col: usize, severity: Severity, reason: impl Into<Reason>) {
        let name = self.cols.file_name(col).to_owned();
        self.problems
            .push(Problem::new(severity, Some(self.feature.number), reason).with_field(name));
    }

    /// True when a problem rejected the feature.
    pub fn rejected(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.severity == Severity::Rejected)
    }

    /// Text of a field; empty is `None`.
    pub fn text(&self, field: &str) -> Option<String> {
        self.raw(field).and_then(|(v, _)| v.as_text())
    }

    /// A number; a non-number rejects the feature.
    pub fn number(&mut self, field: &str) -> Option<f64> {
        let (v, c) = self.raw(field)?;
        match parse_number(v) {
            Ok(n) => n,
            Err(e) => {
                self.fail(c, Severity::Rejected, e);
                None
            }
        }
    }

    /// A number that must not be negative (money, areas, counts).
    pub fn amount(&mut self, field: &str) -> Option<f64> {
        let n = self.number(field)?;
        if n < 0.0 {
            let c = self.cols.get(field).unwrap_or_default();
            self.fail(c, Severity::Rejected, Reason::Negative { value: n });
            return None;
        }
        Some(n)
    }

    /// A number checked against its plausible bound, the key `{section}.{field}` of the
    /// policy table: a value outside is reported with the bound and read as empty.
    pub fn number_in(&mut self, field: &str, bound: Bound, section: &str) -> Option<f64> {
        let n = self.number(field)?;
        self.bounded(field, n, bound, section)
    }

    /// [`Row::amount`] checked against its plausible bound, as [`Row::number_in`].
    pub fn amount_in(&mut self, field: &str, bound: Bound, section: &str) -> Option<f64> {
        let n = self.amount(field)?;
        self.bounded(field, n, bound, section)
    }

    /// `n` when it lies in `bound`; the key is named only when it does not.
    fn bounded(&mut self, field: &str, n: f64, bound: Bound, section: &str) -> Option<f64> {
        if bound.holds(n) {
            return Some(n);
        }
        self.within(field, n, bound, &format!("{section}.{field}"), ("", ""))
    }

    /// `value` (read from `field`, or derived from it; the warning reads
    /// `{prefix}{value}{suffix} is outside …`) when it lies in `bound`; else a warning with
    /// the value and the bound, and `None`.
    pub fn within(
        &mut self,
        field: &str,
        value: f64,
        bound: Bound,
        key: &str,
        (prefix, suffix): (&str, &str),
    ) -> Option<f64> {
        if bound.holds(value) {
            return Some(value);
        }
        let edition = &self.checks.bounds.edition;
        let reason = Reason::Implausible(Box::new(crate::problems::Implausible {
            shown: format!("{prefix}{}{suffix}", plain_number(value)),
            range: bound.describe(),
            edition: edition.clone(),
            key: key.to_owned(),
        }));
        self.warn(field, reason);
        None
    }

    /// A date of something that has happened (a supply, a start, a completion): one after
    /// the as-of date is kept with a warning.
    pub fn past_date(&mut self, field: &str) -> Option<NaiveDate> {
        let d = self.date(field)?;
        let as_of = self.checks.data_date;
        if d > as_of {
            self.warn(field, Reason::AfterAsOf { date: d, as_of });
        }
        Some(d)
    }

    /// A warning when `later` (of `later_field`) comes before `earlier`: dates out of order.
    pub fn in_order(
        &mut self,
        earlier: (&str, Option<NaiveDate>),
        later: (&str, Option<NaiveDate>),
    ) {
        if let ((a_field, Some(a)), (b_field, Some(b))) = (earlier, later) {
            if b < a {
                let reason = Reason::OutOfOrder(Box::new(crate::problems::OutOfOrder {
                    earlier: (a_field.to_owned(), a),
                    later: (b_field.to_owned(), b),
                }));
                self.warn(b_field, reason);
            }
        }
    }

    /// A date; a non-date rejects the feature.
    pub fn date(&mut self, field: &str) -> Option<NaiveDate> {
        let (v, c) = self.raw(field)?;
        match parse_date(v) {
            Ok(d) => d,
            Err(e) => {
                self.fail(c, Severity::Rejected, e);
                None
            }
        }
    }

    /// A yes/no value; anything else rejects the feature.
    pub fn boolean(&mut self, field: &str) -> Option<bool> {
        let (v, c) = self.raw(field)?;
        match parse_bool(v) {
            Ok(b) => b,
            Err(e) => {
                self.fail(c, Severity::Rejected, e);
                None
            }
        }
    }

    /// A list of codes or ids.
    pub fn list(&self, field: &str) -> Vec<String> {
        self.raw(field)
            .map(|(v, _)| parse_list(v))
            .unwrap_or_default()
    }

    /// A text value parsed by `parse`; an unrecognised value rejects the feature.
    pub fn parsed<T>(
        &mut self,
        field: &str,
        parse: impl Fn(&str) -> Option<T>,
        accepted: &str,
    ) -> Option<T> {
        let (v, c) = self.raw(field)?;
        let text = v.as_text()?;
        match parse(&text) {
            Some(t) => Some(t),
            None => {
                let reason = Reason::NotOneOf {
                    text: text.to_string(),
                    accepted: accepted.to_owned(),
                };
                self.fail(c, Severity::Rejected, reason);
                None
            }
        }
    }

    /// A warning about a field, the feature kept.
    pub fn warn(&mut self, field: &str, reason: impl Into<Reason>) {
        if let Some(c) = self.cols.get(field) {
            self.fail(c, Severity::Warning, reason);
        }
    }

    /// A missing required value rejects the feature.
    pub fn require(&mut self, field: &str) -> Option<String> {
        let t = self.text(field);
        if t.is_none() {
            if let Some(c) = self.cols.get(field) {
                let reason = Reason::RequiredEmpty {
                    field: field.to_owned(),
                };
                self.fail(c, Severity::Rejected, reason);
            }
        }
        t
    }
}

/// A number as a user typed it: plain up to a billion, else in exponent form (1e12).
fn plain_number(v: f64) -> String {
    if v.is_finite() && v.abs() < 1e9 {
        let r = (v * 1e4).round() / 1e4;
        format!("{r}")
    } else {
        format!("{v:e}")
    }
}
