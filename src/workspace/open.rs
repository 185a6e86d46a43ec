//! Opening a project: parse the project file and its rule tables, load every layer, build
//! the index, settle the date, and refuse what cannot be analysed.

use std::path::Path;
use std::time::Instant;

use chrono::NaiveDate;

use super::Workspace;
use crate::error::{Error, Result};
use crate::index::{build_index, parcel_cross_checks};
use crate::model;
use crate::project::policy::Policy;
use crate::project::{LayerKind, Project};

/// How to open a project: the date to judge at, and the date to fall back on.
///
/// ```
/// # fn main() -> parkscope::Result<()> {
/// use parkscope::OpenOptions;
/// let d = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
/// let ws = OpenOptions::new()
///     .as_of(d)
///     .open(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample"))?;
/// assert_eq!(ws.as_of(), d);
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default)]
pub struct OpenOptions {
    as_of: Option<NaiveDate>,
    today: Option<NaiveDate>,
}

impl OpenOptions {
    /// The defaults: judged at the project's `as_of`.
    pub fn new() -> OpenOptions {
        OpenOptions::default()
    }

    /// Judges the rules at this date instead of the project's `as_of`.
    /// Default: the project's `as_of`.
    pub fn as_of(mut self, date: NaiveDate) -> OpenOptions {
        self.as_of = Some(date);
        self
    }

    /// The date used when neither [`OpenOptions::as_of`] nor the project gives one (the
    /// library never reads the clock: a caller that wants "today" says so here).
    /// Default: none, and a project without `as_of` is refused.
    pub fn today(mut self, date: NaiveDate) -> OpenOptions {
        self.today = Some(date);
        self
    }

    /// Opens a project folder (holding `parkscope.toml`) or a project file.
    ///
    /// # Errors
    /// As [`Workspace::open`].
    pub fn open(&self, path: impl AsRef<Path>) -> Result<Workspace> {
        self.open_project(Project::load(path.as_ref())?)
    }

    /// Opens an already parsed project.
    ///
    /// # Errors
    /// As [`Workspace::open`], but for the project file itself.
    pub fn open_project(&self, project: Project) -> Result<Workspace> {
        let as_of = self
            .as_of
            .or(project.as_of)
            .or(self.today)
            .ok_or_else(|| Error::Project {
                path: project.file.clone(),
                reason:
                    "no as_of date: set as_of = \"YYYY-MM-DD\", the date the rules are judged at"
                        .into(),
            })?;
        let policy = Policy::load(&project.policy, project.folder())?;
        let mut timings = Vec::new();
        let t = Instant::now();
        let checks = model::Checks {
            bounds: &policy.plausibility,
            data_date: project.as_of.map_or(as_of, |d| d.max(as_of)),
        };
        let mut model = model::load(&project, &checks)?;
        let unassessed = crate::analyse::supply::unassessed_services(&model);
        if let Some(r) = model
            .report
            .layers
            .get_mut(LayerKind::Infrastructure.name())
        {
            r.problems.extend(unassessed);
        }
        timings.push(("load + validate", t.elapsed()));
        if let Some((layer, first)) = model.report.unusable_layer() {
            return Err(Error::Unusable {
                layer: layer.to_owned(),
                first,
                report: Box::new(model.report.clone()),
            });
        }
        let t = Instant::now();
        let index = build_index(&model);
        let doubts = parcel_cross_checks(&model, &index, &policy.plausibility);
        if let Some(r) = model.report.layers.get_mut(LayerKind::Parcels.name()) {
            r.problems.extend(doubts);
        }
        timings.push(("index + overlay joins", t.elapsed()));
        Ok(Workspace {
            project,
            policy,
            model,
            index,
            as_of,
            timings,
        })
    }
}
