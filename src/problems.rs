//! Problems found in the input, and what loading made of them: one [`Problem`] per bad
//! feature (rejected, repaired or warned about, with its [`Location`]), gathered per layer
//! in a [`LayerReport`] and per project in a [`LoadReport`]. `parkscope check` prints the
//! report; `check --json` prints it as the documented JSON.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

/// Where in the input something was found: file, feature (counted from 1), field.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Location {
    /// The file, as the user named it.
    pub file: String,
    /// The feature number, from 1 (for CSV and Excel: the data row number, from 1).
    pub feature: Option<usize>,
    /// The feature's id, when it has one.
    pub id: Option<String>,
    /// The field, under the name it has in the file.
    pub field: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(n) = self.feature {
            write!(f, ": feature {n}")?;
            if let Some(id) = &self.id {
                write!(f, " ({id})")?;
            }
        } else if let Some(id) = &self.id {
            write!(f, ": {id}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field {field}")?;
        }
        Ok(())
    }
}

/// What happened to a feature that had a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The feature was left out of the analysis.
    Rejected,
    /// The feature was repaired (its geometry made valid) and kept.
    Repaired,
    /// The feature was kept as it is; something about it is doubtful.
    Warning,
}

/// A problem with one feature (or one layer as a whole, when `feature` is empty).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Problem {
    /// What happened to the feature.
    pub severity: Severity,
    /// The feature number, from 1.
    pub feature: Option<usize>,
    /// The feature's id, when known.
    pub id: Option<String>,
    /// The field, under the name it has in the file.
    pub field: Option<String>,
    /// What was found and what was expected.
    pub reason: String,
}

impl Problem {
    /// A problem with a whole feature.
    pub fn new(severity: Severity, feature: Option<usize>, reason: impl Into<String>) -> Problem {
        Problem {
            severity,
            feature,
            id: None,
            field: None,
            reason: reason.into(),
        }
    }
    /// The same problem, tied to a field.
    pub fn with_field(mut self, field: impl Into<String>) -> Problem {
        self.field = Some(field.into());
        self
    }
    /// The same problem, tied to a feature id.
    pub fn with_id(mut self, id: Option<&str>) -> Problem {
        self.id = id.map(str::to_owned);
        self
    }
    /// The problem as one line, prefixed with the file.
    pub fn describe(&self, file: &str) -> String {
        let at = Location {
            file: file.to_owned(),
            feature: self.feature,
            id: self.id.clone(),
            field: self.field.clone(),
        };
        format!("{at}: {}", self.reason)
    }
}

/// The report of one layer.
#[derive(Debug, Clone, Serialize, Default)]
pub struct LayerReport {
    /// The file(s).
    pub path: String,
    /// The CRS the coordinates were read in.
    pub crs: String,
    /// The text encoding, when the format has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Features in the file(s).
    pub read: usize,
    /// Features left out.
    pub rejected: usize,
    /// Features repaired and kept.
    pub repaired: usize,
    /// Every problem, in feature order.
    pub problems: Vec<Problem>,
}

impl LayerReport {
    /// Adds problems and updates the counts. A feature counts once however many
    /// problems it has.
    pub fn add(&mut self, problems: Vec<Problem>) {
        let rejected = problems.iter().any(|p| p.severity == Severity::Rejected);
        let repaired = problems.iter().any(|p| p.severity == Severity::Repaired);
        if rejected {
            self.rejected += 1;
        } else if repaired {
            self.repaired += 1;
        }
        self.problems.extend(problems);
    }
    /// Warnings (features kept as they are).
    pub fn warnings(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Warning)
            .count()
    }
}

/// The report of a whole load.
#[derive(Debug, Clone, Serialize, Default)]
pub struct LoadReport {
    /// The working frame.
    pub frame: String,
    /// Per layer, by name.
    pub layers: BTreeMap<String, LayerReport>,
}

impl LoadReport {
    /// The first layer of which every feature was rejected, with its first problem as one
    /// line: such a layer cannot be used.
    pub fn unusable_layer(&self) -> Option<(&str, String)> {
        let (name, r) = self
            .layers
            .iter()
            .find(|(_, r)| r.read > 0 && r.rejected == r.read)?;
        let first = r
            .problems
            .first()
            .map(|p| p.describe(&r.path))
            .unwrap_or_default();
        Some((name.as_str(), first))
    }
}
