//! What loading found, per layer: features read, rejected, repaired, and every problem.
//! `parkscope check` prints it; `check --json` prints it as INTERFACE.md specifies.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Problem, Severity};

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
    /// The first layer of which every feature was rejected, as one line naming the first
    /// problem: such a layer cannot be used.
    pub fn unusable_layer(&self) -> Option<String> {
        let (name, r) = self
            .layers
            .iter()
            .find(|(_, r)| r.read > 0 && r.rejected == r.read)?;
        let why = r
            .problems
            .first()
            .map(|p| p.describe(&r.path))
            .unwrap_or_default();
        Some(format!(
            "every feature of the {name} layer was rejected; the first: {why}"
        ))
    }
}
