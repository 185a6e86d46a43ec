//! The result tables of each command, written into a folder in the formats asked for:
//! GeoJSON, CSV, shapefile and FlatGeobuf per table, one workbook with a sheet per table,
//! one GeoPackage with a layer per table.

use std::path::Path;

use rayon::prelude::*;

use super::Workspace;
use crate::analyse::site::SitingResult;
use crate::analyse::Analysis;
use crate::error::Result;
use crate::project::{Lang, LayerKind};
use crate::write::tables::{
    ans_table, enterprises_table, idle_summary_table, moves_table, parcels_table, parks_table,
    plan_table, rejected_table, sites_table, supply_by_year_table, upcoming_table,
};
use crate::write::{
    write_geopackage, write_table_files, write_workbook, Format, OutputOptions, Rows, Written,
};

/// Which command's tables to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableSet {
    /// `intensity`: parcels, parks, enterprises, supply_by_year, standard_land;
    /// `intensity.xlsx`.
    Intensity,
    /// `evaluate`: enterprises; `evaluate.xlsx`.
    Evaluate,
    /// `idle`: parcels, upcoming, idle_summary, approved_not_supplied; `idle.xlsx`.
    Idle,
    /// `run`: every table of the three above; `parkscope.xlsx`.
    All,
}

impl TableSet {
    /// The base name of the command's workbook and GeoPackage.
    fn stem(self) -> &'static str {
        match self {
            TableSet::Intensity => "intensity",
            TableSet::Evaluate => "evaluate",
            TableSet::Idle => "idle",
            TableSet::All => "parkscope",
        }
    }
}

/// Writes the per-table files, the workbook and the GeoPackage of one command side by
/// side; returns every file written, in a stable order.
/// The workbook (and GeoPackage) of one command.
pub(super) struct Book<'a> {
    /// Base name of the workbook and the GeoPackage.
    stem: &'a str,
    sheets: &'a [(&'a str, &'a dyn Rows)],
    lang: crate::project::Lang,
    about: crate::write::About,
    /// The GeoPackage's `last_change`.
    stamp: String,
}

pub(super) fn write_all(
    out: &Path,
    tables: &[&dyn Rows],
    book: &Book<'_>,
    opts: &OutputOptions,
) -> Result<Written> {
    let (stem, sheets, lang, stamp, about) = (
        book.stem,
        book.sheets,
        book.lang,
        book.stamp.as_str(),
        &book.about,
    );
    let f = opts.formats;
    let book = out.join(format!("{stem}.xlsx"));
    let gpkg = out.join(format!("{stem}.gpkg"));
    let (per_table, (book_written, gpkg_written)) = rayon::join(
        || {
            tables
                .par_iter()
                .map(|t| write_table_files(out, *t, opts))
                .collect::<Result<Vec<_>>>()
        },
        || {
            rayon::join(
                || {
                    f.has(Format::Xlsx)
                        .then(|| write_workbook(&book, sheets, lang, Some(about)))
                        .transpose()
                },
                || {
                    f.has(Format::Gpkg)
                        .then(|| write_geopackage(&gpkg, tables, opts, stamp))
                        .transpose()
                },
            )
        },
    );
    let mut written = Written::default();
    for w in per_table? {
        written.extend(w);
    }
    if let Some(cuts) = book_written? {
        written.files.push(book);
        written.cuts.extend(cuts);
    }
    if gpkg_written?.is_some() {
        written.files.push(gpkg);
    }
    Ok(written)
}

pub(super) fn sheet_name(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

impl Workspace {
    /// Writes the tables of `set` into `out` in the formats of `opts`; returns the files
    /// written.
    ///
    /// # Errors
    /// [`crate::error::Error::Missing`] when `set` is [`TableSet::Evaluate`] and the project has
    /// no enterprises layer; a file that cannot be written.
    pub fn write_tables(
        &self,
        a: &Analysis,
        set: TableSet,
        out: &Path,
        opts: &OutputOptions,
    ) -> Result<Written> {
        let (m, ix) = (&self.model, &self.index);
        let has_enterprises = self.has_layer(LayerKind::Enterprises);
        if set == TableSet::Evaluate && !has_enterprises {
            return Err(crate::error::Error::Missing(format!(
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
        let supply = supply_by_year_table(m, a);
        let offers =
            crate::analyse::admit::standard_land(m, &ix.parcel_park, &self.policy, &a.supply);
        let standard = crate::write::tables::standard_land_table(m, a, &offers, lang);
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
        if intensity {
            files.push(&supply);
            if !m.parks.is_empty() {
                files.push(&standard);
            }
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
                (s("年度供地", "supply_by_year"), &supply),
                (s("标准地", "standard_land"), &standard),
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
                (s("年度供地", "supply_by_year"), &supply),
                (s("标准地", "standard_land"), &standard),
            ],
        };
        let book = self.book(set.stem(), &sheets);
        write_all(out, &files, &book, opts)
    }

    /// Writes the siting tables (sites, rejected, plan, moves; `siting.xlsx` and
    /// `siting.gpkg`) into `out` in the formats of `opts`; returns the files written.
    ///
    /// # Errors
    /// A file that cannot be written.
    pub fn write_siting_tables(
        &self,
        r: &SitingResult,
        out: &Path,
        opts: &OutputOptions,
    ) -> Result<Written> {
        let m = &self.model;
        let lang = self.lang();
        let sites = sites_table(m, r);
        let rejected = rejected_table(m, r, lang);
        let plan = plan_table(m, r, lang);
        let moves = moves_table(m, r);
        let tables: [&dyn Rows; 4] = [&sites, &rejected, &plan, &moves];
        let s = |zh, en| sheet_name(lang, zh, en);
        let sheets: [(&str, &dyn Rows); 3] = [
            (s("安置方案", "plan"), &plan),
            (s("候选地块", "sites"), &sites),
            (s("否决地块", "rejected"), &rejected),
        ];
        let book = self.book("siting", &sheets);
        write_all(out, &tables, &book, opts)
    }

    /// The workbook of `sheets`, with its notes sheet.
    pub(super) fn book<'a>(
        &self,
        stem: &'a str,
        sheets: &'a [(&'a str, &'a dyn Rows)],
    ) -> Book<'a> {
        let names: Vec<(&str, &str)> = sheets.iter().map(|(s, t)| (*s, t.name())).collect();
        Book {
            stem,
            sheets,
            lang: self.lang(),
            about: self.about(&names),
            stamp: self.stamp(),
        }
    }

    /// The time stamp written into files that carry one (GeoPackage `last_change`): the
    /// date the rules were judged at, so outputs do not depend on the clock.
    fn stamp(&self) -> String {
        format!("{}T00:00:00.000Z", self.as_of)
    }
}
