//! The entry check of proposed projects through the front door: read the proposals, check
//! them against the park's thresholds, leading industries and serviced land, and write
//! `admit` (GeoJSON, CSV, a sheet of `admit.xlsx`).

use std::path::Path;

use super::tables::{sheet_name, write_all};
use super::Workspace;
use crate::analyse::admit::{admit, AdmitResult};
use crate::analyse::Analysis;
use crate::error::{Error, Result};
use crate::model::proposals::{read_proposals, Proposal};
use crate::project::LayerKind;
use crate::write::tables::admit_table;
use crate::write::{OutputOptions, Rows};

impl Workspace {
    /// Reads proposed projects from a `.csv` or `.xlsx` file (fields `proposal_id` 项目编号,
    /// `name`, `industry`, `park_id`, `land_mu`, `investment`, `output`, `tax`, `far`,
    /// `jobs`, or their Chinese names).
    ///
    /// # Errors
    /// A file that cannot be read; no id column; a repeated id; a value that is not a
    /// number or is negative (each with the file, row and field).
    pub fn read_proposals(&self, path: &Path) -> Result<Vec<Proposal>> {
        read_proposals(path)
    }

    /// Checks each proposal against its `park_id`, or every park when it names none: the
    /// entry thresholds of the park (by level, industry and park), its leading
    /// industries and its largest serviced parcel; ranks the recommended parks.
    ///
    /// # Errors
    /// [`Error::Missing`] without a parks layer; a proposal naming an unknown park.
    pub fn admit(
        &self,
        analysis: &Analysis,
        proposals: Vec<Proposal>,
        source: &str,
    ) -> Result<AdmitResult> {
        if !self.has_layer(LayerKind::Parks) || self.model.parks.is_empty() {
            return Err(Error::Missing(format!(
                "{}: the entry check needs a parks layer ([layers.parks] in the project file)",
                self.project.file.display()
            )));
        }
        admit(
            &self.model,
            &self.policy,
            &analysis.supply,
            proposals,
            source,
        )
    }

    /// Writes the `admit` table (and `admit.xlsx`, `admit.gpkg`) into `out` in the formats
    /// of `opts`; returns the files written.
    ///
    /// # Errors
    /// A file that cannot be written.
    pub fn write_admit_tables(
        &self,
        r: &AdmitResult,
        out: &Path,
        opts: &OutputOptions,
    ) -> Result<crate::write::Written> {
        let lang = self.lang();
        let table = admit_table(&self.model, r, lang);
        let tables: [&dyn Rows; 1] = [&table];
        let sheets: [(&str, &dyn Rows); 1] = [(sheet_name(lang, "入园审查", "admit"), &table)];
        let book = self.book("admit", &sheets);
        write_all(out, &tables, &book, opts)
    }
}
