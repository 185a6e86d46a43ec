//! Errors as values with context: which file, which feature, which field, and why.
//!
//! Two kinds of failure exist. A hard [`Error`] stops a command (a file that cannot be
//! read, an unknown CRS, a missing required layer or field, a bad project file). A bad
//! feature is a soft [`Problem`]: it is rejected, repaired or warned about in the
//! per-layer [`crate::model::LoadReport`], and the run goes on.

use std::fmt;
use std::path::PathBuf;

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
        }
        if let Some(field) = &self.field {
            write!(f, ": field {field}")?;
        }
        Ok(())
    }
}

/// Everything that stops a command. Each message is one line naming the place and the
/// reason, so the CLI can print it as it is.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be opened or read.
    #[error("cannot read {}: {source}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// Input that cannot be used, with where it is.
    #[error("{at}: {reason}")]
    Input {
        /// Where the problem is.
        at: Location,
        /// What was found and what was expected.
        reason: String,
    },
    /// The project file is wrong (unknown key, bad value, missing layer).
    #[error("{}: {reason}", .path.display())]
    Project {
        /// The project file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A policy table is wrong.
    #[error("policy {name}: {reason}")]
    Policy {
        /// The table's name or path.
        name: String,
        /// What is wrong.
        reason: String,
    },
    /// A command needs a layer or field the project does not have.
    #[error("{0}")]
    Missing(String),
    /// A command-line value is wrong (a date, a CRS name, a size).
    #[error("{0}")]
    Usage(String),
    /// An output could not be written.
    #[error("cannot write {}: {reason}", .path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
}

impl Error {
    /// An input error at a file, with no feature or field.
    pub fn in_file(file: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::Input {
            at: Location {
                file: file.into(),
                ..Location::default()
            },
            reason: reason.into(),
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

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

/// The closest of `candidates` to `name`, for "did you mean" hints.
pub fn suggest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let name_l = name.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&name_l, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(2) / 2).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_similar_chinese_field() {
        assert_eq!(suggest("宗地编码", ["名称", "宗地编号"]), Some("宗地编号"));
        assert_eq!(
            suggest("parcle_id", ["parcel_id", "name"]),
            Some("parcel_id")
        );
        assert_eq!(suggest("zzz", ["parcel_id"]), None);
    }

    #[test]
    fn location_reads_as_one_line() {
        let at = Location {
            file: "parcels.shp".into(),
            feature: Some(118),
            id: Some("3301-07".into()),
            field: Some("供地日期".into()),
        };
        assert_eq!(
            at.to_string(),
            "parcels.shp: feature 118 (3301-07): field 供地日期"
        );
    }
}
