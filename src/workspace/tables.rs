//! The result tables of each command, written into a folder: GeoJSON and CSV per table,
//! and one workbook with a sheet per table.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Workspace;
use crate::analyse::site::SitingResult;
use crate::analyse::Analysis;
use crate::error::Result;
use crate::project::{Lang, LayerKind};
use crate::write::tables::{
    ans_table, enterprises_table, idle_summary_table, moves_table, parcels_table, parks_table,
    plan_table, rejected_table, sites_table, upcoming_table,
};
use crate::write::{write_table, write_workbook, Rows};

/// Which command's tables to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableSet {
    /// `intensity`: parcels, parks, enterprises; `intensity.xlsx`.
    Intensity,
    /// `evaluate`: enterprises; `evaluate.xlsx`.
    Evaluate,
    /// `idle`: parcels, upcoming, idle_summary, approved_not_supplied; `idle.xlsx`.
    Idle,
    /// `run`: every table of the three above; `parkscope.xlsx`.
    All,
}

impl TableSet {
    fn workbook(self) -> &'static str {
        match self {
            TableSet::Intensity => "intensity.xlsx",
            TableSet::Evaluate => "evaluate.xlsx",
            TableSet::Idle => "idle.xlsx",
            TableSet::All => "parkscope.xlsx",
        }
    }
}

/// The files a table is written to in `dir`.
fn table_files(dir: &Path, t: &dyn Rows) -> Vec<PathBuf> {
    let mut v = Vec::new();
    if t.spatial() {
        v.push(dir.join(format!("{}.geojson", t.name())));
    }
    v.push(dir.join(format!("{}.csv", t.name())));
    v
}

fn sheet_name(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

impl Workspace {
    /// Writes the tables of `set` into `out` (which must exist); returns the files written.
    ///
    /// # Errors
    /// [`crate::Error::Missing`] when `set` is [`TableSet::Evaluate`] and the project has
    /// no enterprises layer; a file that cannot be written.
    pub fn write_tables(&self, a: &Analysis, set: TableSet, out: &Path) -> Result<Vec<PathBuf>> {
        let (m, ix) = (&self.model, &self.index);
        let has_enterprises = self.has_layer(LayerKind::Enterprises);
        if set == TableSet::Evaluate && !has_enterprises {
            return Err(crate::Error::Missing(format!(
                "{}: the per-mu evaluation needs an enterprises layer ([layers.enterprises] in the project file)",
                self.project.file.display()
            )));
        }
        let lang = self.lang();
        let parcels = parcels_table(m, ix, a, lang);
        let parks = parks_table(m, a);
        let enterprises = enterprises_table(m, ix, a, lang);
        let upcoming = upcoming_table(m, a, &self.policy.idle.warn_days, lang);
        let ans = ans_table(m, a);
        let summary = idle_summary_table(m, ix, a);
        let intensity = matches!(set, TableSet::Intensity | TableSet::All);
        let idle = matches!(set, TableSet::Idle | TableSet::All);
        let mut files: Vec<&dyn Rows> = Vec::new();
        if intensity || idle {
            files.push(&parcels);
        }
        if intensity && !m.parks.is_empty() {
            files.push(&parks);
        }
        if (intensity || set == TableSet::Evaluate) && has_enterprises {
            files.push(&enterprises);
        }
        if idle {
            files.push(&upcoming);
            files.push(&summary);
            if self.has_layer(LayerKind::Approvals) {
                files.push(&ans);
            }
        }
        let s = |zh, en| sheet_name(lang, zh, en);
        let sheets: Vec<(&str, &dyn Rows)> = match set {
            TableSet::Intensity => vec![
                (s("宗地", "parcels"), &parcels),
                (s("园区", "parks"), &parks),
                (s("企业", "enterprises"), &enterprises),
            ],
            TableSet::Evaluate => vec![(s("企业", "enterprises"), &enterprises)],
            TableSet::Idle => vec![
                (s("宗地", "parcels"), &parcels),
                (s("汇总", "summary"), &summary),
                (s("即将到期", "upcoming"), &upcoming),
                (s("批而未供", "approved_not_supplied"), &ans),
            ],
            TableSet::All => vec![
                (s("宗地", "parcels"), &parcels),
                (s("园区", "parks"), &parks),
                (s("企业", "enterprises"), &enterprises),
                (s("低效用地汇总", "idle_summary"), &summary),
                (s("即将到期", "upcoming"), &upcoming),
                (s("批而未供", "approved_not_supplied"), &ans),
            ],
        };
        let book = out.join(set.workbook());
        // The workbook and the GeoJSON/CSV files are independent: written side by side.
        let (written, book_written) = rayon::join(
            || files.par_iter().try_for_each(|t| write_table(out, *t)),
            || write_workbook(&book, &sheets, lang),
        );
        written.and(book_written)?;
        let mut paths: Vec<PathBuf> = files.iter().flat_map(|t| table_files(out, *t)).collect();
        paths.push(book);
        Ok(paths)
    }

    /// Writes the siting tables (sites, rejected, plan, moves and `siting.xlsx`) into
    /// `out`; returns the files written.
    ///
    /// # Errors
    /// A file that cannot be written.
    pub fn write_siting_tables(&self, r: &SitingResult, out: &Path) -> Result<Vec<PathBuf>> {
        let m = &self.model;
        let lang = self.lang();
        let sites = sites_table(m, r);
        let rejected = rejected_table(m, r, lang);
        let plan = plan_table(m, r, lang);
        let moves = moves_table(m, r);
        let tables: [&dyn Rows; 4] = [&sites, &rejected, &plan, &moves];
        for t in tables {
            write_table(out, t)?;
        }
        let s = |zh, en| sheet_name(lang, zh, en);
        let book = out.join("siting.xlsx");
        write_workbook(
            &book,
            &[
                (s("安置方案", "plan"), &plan),
                (s("候选地块", "sites"), &sites),
                (s("否决地块", "rejected"), &rejected),
            ],
            lang,
        )?;
        let mut paths: Vec<PathBuf> = tables.iter().flat_map(|t| table_files(out, *t)).collect();
        paths.push(book);
        Ok(paths)
    }
}
