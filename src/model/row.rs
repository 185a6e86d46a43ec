//! Typed access to one feature's values by canonical field name; a value of the wrong
//! type rejects the feature with the field named (DATA.md "Bad input").

use chrono::NaiveDate;

use super::fields::Columns;
use crate::error::{Problem, Severity};
use crate::read::value::{parse_bool, parse_date, parse_list, parse_number};
use crate::read::{RawFeature, RawValue};

/// One feature's values seen through the resolved columns.
pub struct Row<'a> {
    cols: &'a Columns,
    feature: &'a RawFeature,
    /// Problems met so far (a rejection makes the feature unusable).
    pub problems: Vec<Problem>,
}

impl<'a> Row<'a> {
    /// A row over a feature.
    pub fn new(cols: &'a Columns, feature: &'a RawFeature) -> Row<'a> {
        Row {
            cols,
            feature,
            problems: Vec::new(),
        }
    }

    fn raw(&self, field: &str) -> Option<(&'a RawValue, usize)> {
        let c = self.cols.get(field)?;
        self.feature.values.get(c).map(|v| (v, c))
    }

    fn fail(&mut self, col: usize, severity: Severity, reason: String) {
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
            self.fail(c, Severity::Rejected, format!("{n} is negative"));
            return None;
        }
        Some(n)
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
                self.fail(
                    c,
                    Severity::Rejected,
                    format!("\"{text}\" is not one of: {accepted}"),
                );
                None
            }
        }
    }

    /// A warning about a field, the feature kept.
    pub fn warn(&mut self, field: &str, reason: String) {
        if let Some(c) = self.cols.get(field) {
            self.fail(c, Severity::Warning, reason);
        }
    }

    /// A missing required value rejects the feature.
    pub fn require(&mut self, field: &str) -> Option<String> {
        let t = self.text(field);
        if t.is_none() {
            if let Some(c) = self.cols.get(field) {
                self.fail(
                    c,
                    Severity::Rejected,
                    format!("the required field {field} is empty"),
                );
            }
        }
        t
    }
}
