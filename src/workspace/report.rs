//! The park dossier of a workspace: the tables the run writes, typeset into one PDF.

use std::path::Path;

use super::Workspace;
use crate::analyse::site::SitingResult;
use crate::analyse::Analysis;
use crate::error::Result;
use crate::project::LayerKind;
use crate::report::{dossier_pdf, ReportOptions, Sources};
use crate::write::tables::{
    enterprises_table, idle_summary_table, parcels_table, parks_table, plan_table,
};
use crate::write::write_bytes;

impl Workspace {
    /// The park dossier as PDF bytes: the city summary and every park's chapter (or one
    /// park's, see [`ReportOptions`]), each figure taken from the same tables
    /// [`Workspace::write_tables`] writes; `siting` adds the moves into each park.
    ///
    /// The same inputs give the same bytes (the PDF is dated at the workspace's date).
    ///
    /// # Errors
    /// [`crate::Error::Invalid`] for an unknown park (a project without parks gets one
    /// chapter on every parcel); [`crate::Error::Internal`] when
    /// typesetting fails (a bug).
    ///
    /// # Examples
    /// ```
    /// # fn main() -> parkscope::Result<()> {
    /// let ws = parkscope::Workspace::open(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample"))?;
    /// let a = ws.analyse();
    /// let pdf = ws.report(&a, None, &parkscope::ReportOptions::default())?;
    /// assert!(pdf.starts_with(b"%PDF-"));
    /// # Ok(())
    /// # }
    /// ```
    pub fn report(
        &self,
        a: &Analysis,
        siting: Option<&SitingResult>,
        options: &ReportOptions,
    ) -> Result<Vec<u8>> {
        let (m, ix, lang) = (&self.model, &self.index, self.lang());
        let parks = parks_table(m, a);
        let parcels = parcels_table(m, ix, a, lang);
        let enterprises = enterprises_table(m, ix, a, lang);
        let summary = idle_summary_table(m, ix, a);
        let plan = siting.map(|r| plan_table(m, r, lang));
        let about = self.about(&[]);
        let sources = Sources {
            ctx: self.map_context(a, siting),
            policy: &self.policy,
            parks: &parks,
            parcels: &parcels,
            enterprises: self
                .has_layer(LayerKind::Enterprises)
                .then_some(&enterprises as &dyn crate::write::Rows),
            idle_summary: &summary,
            plan: plan.as_ref().map(|p| p as &dyn crate::write::Rows),
            about: about.rows,
            as_of: self.as_of,
        };
        dossier_pdf(&sources, options)
    }

    /// Writes the park dossier to `path` (atomically: a failure leaves no file).
    ///
    /// # Errors
    /// As [`Workspace::report`]; a file that cannot be written.
    pub fn write_report(
        &self,
        a: &Analysis,
        siting: Option<&SitingResult>,
        options: &ReportOptions,
        path: &Path,
    ) -> Result<()> {
        let pdf = self.report(a, siting, options)?;
        write_bytes(path, &pdf)
    }
}
