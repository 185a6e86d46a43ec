//! Errors as values with context: which file, which feature, which field, and why.
//!
//! Two kinds of failure exist. A hard [`Error`] stops a command (a file that cannot be
//! read, an unknown CRS, a missing required layer or field, a bad project file). A bad
//! feature is a soft [`Problem`]: it is rejected, repaired or warned about in the
//! per-layer [`crate::model::LoadReport`], and the run goes on.

use std::path::PathBuf;

use crate::problems::LoadReport;
pub use crate::problems::{Location, Problem, Severity};

/// Everything that stops a command. Each message is one line naming the place and the
/// reason, so a caller can print it as it is.
///
/// Two families: the input, the request or the environment is wrong (every variant but
/// [`Error::Internal`]; the CLI exits 2), or parkscope has a bug ([`Error::Internal`]; the
/// CLI exits 1 and asks for a report). [`Error::is_internal`] tells them apart. Messages
/// name files, features, fields and parameters, never command-line flags: the CLI words
/// [`Error::Invalid`] as a flag.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
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
    /// Every feature of a layer was rejected: the layer cannot be used. The load report
    /// says why, feature by feature.
    #[error("every feature of the {layer} layer was rejected; the first: {first}")]
    Unusable {
        /// The layer's name.
        layer: String,
        /// The first problem, as one line.
        first: String,
        /// The whole load report.
        report: Box<LoadReport>,
    },
    /// A command needs a layer or field the project does not have.
    #[error("{0}")]
    Missing(String),
    /// A request parameter has a value the library cannot use: an unknown park or
    /// enterprise id, a weight, a resolution. `parameter` is the parameter's name as the
    /// library API spells it (`park`, `enterprise`, `field`, `weights`, `dpi`, …).
    #[error("{parameter} {value}: {reason}")]
    Invalid {
        /// The parameter's name.
        parameter: &'static str,
        /// The value given.
        value: String,
        /// Why it cannot be used, with a suggestion where one exists.
        reason: String,
    },
    /// A usage error already worded by the caller (the CLI's own flags).
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
    /// A bug in parkscope: an invariant did not hold, or a step that cannot fail on valid
    /// data failed. Not the user's fault; worth a report.
    #[error("{0}")]
    Internal(String),
}

impl Error {
    /// True for a bug in parkscope, false for bad input, a bad request or an environment
    /// that stopped the work (a file that cannot be read or written).
    pub fn is_internal(&self) -> bool {
        matches!(self, Error::Internal(_))
    }

    /// A request parameter that cannot be used.
    pub fn invalid(
        parameter: &'static str,
        value: impl Into<String>,
        reason: impl Into<String>,
    ) -> Error {
        Error::Invalid {
            parameter,
            value: value.into(),
            reason: reason.into(),
        }
    }

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
