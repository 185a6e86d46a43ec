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
    pub reason: Reason,
}

/// What is wrong with a feature, as data: the values, dates and bounds involved. The
/// words are written at the edge, in the project's language ([`crate::words::Words`]);
/// its `Display` and the JSON of `check --json` are the English words.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// A value not of the type its field needs.
    NotA(NotA),
    /// A number that must not be negative.
    Negative {
        /// The value.
        value: f64,
    },
    /// A value outside the plausibility table's bound, read as empty.
    Implausible(Box<Implausible>),
    /// A date of something that has happened, after the as-of date (kept).
    AfterAsOf {
        /// The date.
        date: chrono::NaiveDate,
        /// The project's as-of date.
        as_of: chrono::NaiveDate,
    },
    /// Two dates of one feature out of order (kept).
    OutOfOrder(Box<OutOfOrder>),
    /// A text that is not one of the field's words.
    NotOneOf {
        /// The text.
        text: String,
        /// The words accepted, as the message lists them.
        accepted: String,
    },
    /// A required field is empty (the feature is rejected).
    RequiredEmpty {
        /// The canonical field.
        field: String,
    },
    /// A parcel supplied before the approval batch it lies in was approved (kept).
    SuppliedBeforeApproval {
        /// The supply date.
        supplied: chrono::NaiveDate,
        /// The batch's id.
        batch: Option<String>,
        /// Its approval date.
        approved: chrono::NaiveDate,
    },
    /// A feature without geometry where its layer needs one (rejected).
    NoGeometry {
        /// A polygon is what the layer needs.
        polygon: bool,
    },
    /// An invalid polygon made valid (kept, repaired).
    Repaired {
        /// What was invalid, in the validity check's words.
        why: String,
        /// Its area before and after, m².
        area_m2: (f64, f64),
    },
    /// An id an earlier feature of the layer has (rejected).
    DuplicateId {
        /// The id.
        id: String,
    },
    /// A unified social credit code (统一社会信用代码) that fails GB 32100 (kept).
    CreditCode {
        /// The code.
        code: String,
        /// What is wrong with it.
        fault: CreditCodeFault,
    },
    /// Coordinates given latitude first (rejected).
    LatitudeFirst {
        /// The first position, as read.
        at: (f64, f64),
    },
    /// A lon/lat position outside China (rejected).
    OutsideChina {
        /// The position.
        at: (f64, f64),
    },
    /// Degrees in a layer declared metric (rejected).
    DegreesInMetricLayer {
        /// The position.
        at: (f64, f64),
        /// The layer's declared CRS.
        crs: String,
    },
    /// A geometry of another kind than the layer needs: its name ("point", "line").
    WrongGeometry {
        /// The kind found.
        found: String,
        /// A polygon is needed (rejected); else a point, and the centroid is used (kept).
        polygon: bool,
    },
    /// An enterprise with neither a location nor a parcel (kept, placed on no parcel).
    Unplaced,
    /// No infrastructure feature of a kind: that service of serviced land is not assessed.
    ServiceNotAssessed(Box<MissingService>),
    /// Any other problem, in English words.
    Other(String),
}

/// A value outside its plausible bound (a [`Reason`]; boxed, the rare case, so that every
/// problem stays small).
#[derive(Debug, Clone, PartialEq)]
pub struct Implausible {
    /// The value as it is shown ("12 storeys", "1e12").
    pub shown: String,
    /// The bound ("[1, 60]").
    pub range: String,
    /// The plausibility table's edition.
    pub edition: String,
    /// Its key (`buildings.height_m`).
    pub key: String,
}

/// A service of serviced land (熟地) that no infrastructure feature brings (a [`Reason`]).
#[derive(Debug, Clone, PartialEq)]
pub struct MissingService {
    /// The infrastructure kind's word (`gas`).
    pub kind: String,
    /// The service's name, English (`gas`) and Chinese (燃气).
    pub service: (String, String),
}

/// Two dates of one feature out of order (a [`Reason`]).
#[derive(Debug, Clone, PartialEq)]
pub struct OutOfOrder {
    /// The field that should come first, and its date.
    pub earlier: (String, chrono::NaiveDate),
    /// The field that should come later, and its date.
    pub later: (String, chrono::NaiveDate),
}

impl From<String> for Reason {
    fn from(s: String) -> Reason {
        Reason::Other(s)
    }
}

impl From<&str> for Reason {
    fn from(s: &str) -> Reason {
        Reason::Other(s.to_owned())
    }
}

impl From<NotA> for Reason {
    fn from(e: NotA) -> Reason {
        Reason::NotA(e)
    }
}

impl Serialize for Reason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What is wrong with a credit code (GB 32100-2015).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditCodeFault {
    /// It has this many characters, not 18.
    Length(usize),
    /// A character outside the code's alphabet.
    Character(char),
    /// The check character is wrong.
    Check {
        /// As written.
        found: char,
        /// As computed from the first 17.
        expected: char,
    },
}

/// A value that is not of the type its field needs: what was found, what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotA {
    /// The value as found: text in quotes, else as read (true, 2024-03-01, a list).
    pub found: String,
    /// What the field needs.
    pub expected: Expected,
}

/// The type a field needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A number.
    Number,
    /// A finite number (not NaN or infinite).
    FiniteNumber,
    /// Yes or no (是/否 …).
    YesNo,
    /// A date (2024-03-01 …).
    Date,
}

impl Problem {
    /// A problem with a whole feature.
    pub fn new(severity: Severity, feature: Option<usize>, reason: impl Into<Reason>) -> Problem {
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
