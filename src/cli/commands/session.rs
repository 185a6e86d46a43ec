//! What every analysing command does first: load the project, its policy and its layers,
//! build the index, and settle the date rules are judged at.

use std::path::Path;

use chrono::NaiveDate;
use parkscope::error::{Error, Result};
use parkscope::index::{build_index, Index};
use parkscope::model::{self, Model};
use parkscope::project::policy::Policy;
use parkscope::project::Project;
use parkscope::read::value::{parse_date, RawValue};

use super::Flags;
use crate::cli::progress::Progress;

/// A loaded project, ready to analyse.
pub struct Session {
    pub project: Project,
    pub policy: Policy,
    pub model: Model,
    pub index: Index,
    pub as_of: NaiveDate,
}

/// The as-of date: the flag, else the project's, else today (the only place the clock is read).
pub fn resolve_as_of(flag: Option<&str>, project: &Project) -> Result<NaiveDate> {
    match flag {
        Some(s) => parse_date(&RawValue::Text(s.into()))
            .map_err(|e| Error::Usage(format!("--as-of: {e}")))?
            .ok_or_else(|| Error::Usage("--as-of: empty date".into())),
        None => Ok(project
            .as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive())),
    }
}

impl Session {
    /// Loads everything, printing load problems as warnings (unless quiet).
    pub fn open(path: &Path, as_of: Option<&str>, flags: Flags) -> Result<Session> {
        let project = Project::load(path)?;
        let as_of = resolve_as_of(as_of, &project)?;
        let policy = Policy::load(&project.policy, project.folder())?;
        let progress = Progress::new(flags.quiet);
        progress.step("loading layers");
        let t = std::time::Instant::now();
        let model = model::load(&project)?;
        super::timing(flags, "load + validate", t.elapsed());
        progress.step("indexing");
        let t = std::time::Instant::now();
        let index = build_index(&model);
        super::timing(flags, "index + overlay joins", t.elapsed());
        drop(progress);
        if !flags.quiet {
            for (name, r) in &model.report.layers {
                if r.rejected + r.repaired + r.warnings() > 0 {
                    eprintln!(
                        "parkscope: {name}: {} read, {} rejected, {} repaired, {} warnings (parkscope check lists them)",
                        r.read,
                        r.rejected,
                        r.repaired,
                        r.warnings()
                    );
                }
            }
        }
        if let Some(line) = model.report.unusable_layer() {
            return Err(Error::Missing(line));
        }
        if !flags.quiet {
            for h in &index.crs_hints {
                eprintln!("parkscope: warning: {h}");
            }
        }
        Ok(Session {
            project,
            policy,
            model,
            index,
            as_of,
        })
    }
}
