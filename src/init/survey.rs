//! What `check` says about a project before loading it: per layer, which canonical fields
//! were found (and in which column) and which were not, values of a vocabulary the rules
//! do not know, a required field or file that is missing; and whether the `[policy]`
//! editions load. Every layer is surveyed, so one bad layer does not hide the others.

use std::collections::BTreeSet;

use serde::Serialize;

use super::vocab::check_values;
use crate::model::fields::{aliases, required, resolve};
use crate::project::policy::Policy;
use crate::project::{LayerKind, Project};
use crate::read::{read_layer, RawLayer};

/// One layer surveyed.
#[derive(Debug, Clone, Serialize)]
pub struct LayerSurvey {
    /// The layer.
    pub layer: String,
    /// Canonical fields found, with the file's column name.
    pub found: Vec<(String, String)>,
    /// Canonical fields the files do not have.
    pub missing: Vec<String>,
    /// Why the layer cannot be loaded (an unreadable file, a missing required field).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Values the rules do not understand.
    pub warnings: Vec<String>,
}

/// The whole project surveyed.
#[derive(Debug, Clone, Serialize)]
pub struct ProjectSurvey {
    /// Every layer of the project file, in load order.
    pub layers: Vec<LayerSurvey>,
    /// The rule editions chosen (or the defaults) and whether they load.
    pub policy: PolicySurvey,
}

/// The `[policy]` editions.
#[derive(Debug, Clone, Serialize)]
pub struct PolicySurvey {
    /// Edition names as chosen, defaults filled in.
    pub editions: Vec<(String, String)>,
    /// Why they do not load.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl ProjectSurvey {
    /// True when a layer or the policy cannot be used.
    pub fn has_errors(&self) -> bool {
        self.policy.error.is_some() || self.layers.iter().any(|l| l.error.is_some())
    }
}

/// Fields whose values are checked against a vocabulary.
const CHECKED: &[&str] = &["land_use", "status", "kind", "industry"];

/// Surveys every layer and the policy of a project (reads every file once).
pub fn survey_project(project: &Project) -> ProjectSurvey {
    let layers = LayerKind::ALL
        .iter()
        .filter_map(|k| project.layers.get(k).map(|spec| (*k, spec)))
        .map(|(kind, spec)| {
            let mut s = LayerSurvey {
                layer: kind.name().to_owned(),
                found: Vec::new(),
                missing: Vec::new(),
                error: None,
                warnings: Vec::new(),
            };
            let mut found: BTreeSet<(String, String)> = BTreeSet::new();
            for path in &spec.paths {
                let raw = match read_layer(path, &spec.read) {
                    Ok(r) => r,
                    Err(e) => {
                        s.error.get_or_insert(e.to_string());
                        continue;
                    }
                };
                let file = raw.display_name();
                if raw.features.is_empty() {
                    if let Some(p) = raw.problems.first() {
                        s.error.get_or_insert(format!(
                            "every feature of the {kind} layer was rejected; the first: {}",
                            p.describe(&file)
                        ));
                        continue;
                    }
                }
                match resolve(kind, &file, &raw.fields, &spec.fields) {
                    Ok(cols) => {
                        for (canonical, _) in aliases(kind) {
                            if let Some(c) = cols.get(canonical) {
                                found.insert((
                                    (*canonical).to_owned(),
                                    cols.file_name(c).to_owned(),
                                ));
                                if CHECKED.contains(canonical) {
                                    let values = distinct(&raw, c);
                                    if let Some(w) = check_values(kind, canonical, &values) {
                                        s.warnings.push(format!("{file}: {w}"));
                                    }
                                }
                            }
                        }
                    }
                    Err(e) => {
                        s.error.get_or_insert(e.to_string());
                    }
                }
            }
            s.found = found.into_iter().collect();
            s.missing = aliases(kind)
                .iter()
                .map(|(c, _)| *c)
                .filter(|c| !s.found.iter().any(|(f, _)| f == c))
                .map(str::to_owned)
                .collect();
            if s.error.is_none() {
                if let Some(r) = required(kind)
                    .iter()
                    .find(|r| s.missing.iter().any(|m| m == *r))
                {
                    s.error = Some(format!("the {kind} layer has no {r} field"));
                }
            }
            s
        })
        .collect();
    let base = project.file.parent().unwrap_or(std::path::Path::new("."));
    let c = &project.policy;
    let editions = vec![
        (
            "control_indicators".to_owned(),
            c.control_indicators
                .clone()
                .unwrap_or_else(|| "2008".into()),
        ),
        (
            "evaluation".to_owned(),
            c.evaluation
                .clone()
                .unwrap_or_else(|| "jiangsu-huaian-2024".into()),
        ),
        (
            "idle".to_owned(),
            c.idle.clone().unwrap_or_else(|| "decree53-2012".into()),
        ),
        (
            "siting".to_owned(),
            c.siting.clone().unwrap_or_else(|| "default".into()),
        ),
        (
            "serviced_land".to_owned(),
            c.serviced_land.clone().unwrap_or_else(|| "default".into()),
        ),
        (
            "entry".to_owned(),
            c.entry.clone().unwrap_or_else(|| "default".into()),
        ),
        (
            "plausibility".to_owned(),
            c.plausibility.clone().unwrap_or_else(|| "default".into()),
        ),
    ];
    let policy = PolicySurvey {
        editions,
        error: Policy::load(&project.policy, base)
            .err()
            .map(|e| e.to_string()),
    };
    ProjectSurvey { layers, policy }
}

/// The distinct non-empty values of a column (at most 200).
fn distinct(raw: &RawLayer, col: usize) -> Vec<String> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for f in &raw.features {
        if let Some(t) = f.values.get(col).and_then(|v| v.as_text()) {
            if !t.trim().is_empty() {
                seen.insert(t);
                if seen.len() >= 200 {
                    break;
                }
            }
        }
    }
    seen.into_iter().collect()
}
