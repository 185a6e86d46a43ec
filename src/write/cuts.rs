//! Values a format cannot hold whole: text past a DBF field's 254 bytes or an Excel cell's
//! 32,767 characters is cut to fit, and each cut column is reported once, with how many
//! values were cut and the first feature's id, so the user can find them.

use std::fmt;
use std::path::PathBuf;

use super::Cell;

/// The values of one column of one file that were cut to fit the format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The file written.
    pub file: PathBuf,
    /// The sheet, for a workbook.
    pub sheet: Option<String>,
    /// The column's key.
    pub column: String,
    /// What the format holds, in words ("254 bytes of a DBF text field").
    pub limit: &'static str,
    /// How many values were cut.
    pub values: usize,
    /// The id (first cell) of the first row cut.
    pub first_id: String,
}

impl fmt::Display for Cut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.file_name().map_or_else(
            || self.file.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let sheet = self
            .sheet
            .as_ref()
            .map(|s| format!(", sheet {s}"))
            .unwrap_or_default();
        let what = if self.values == 1 { "value" } else { "values" };
        write!(
            f,
            "{file}{sheet}: column {}: {} {what} longer than {} cut to fit (first: {})",
            self.column, self.values, self.limit, self.first_id
        )
    }
}

/// What a file writes besides its rows: the files and the cuts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Every file written, in a stable order.
    pub files: Vec<PathBuf>,
    /// The columns whose values were cut to fit a format.
    pub cuts: Vec<Cut>,
}

impl Written {
    /// Adds another writer's files and cuts after these.
    pub fn extend(&mut self, other: Written) {
        self.files.extend(other.files);
        self.cuts.extend(other.cuts);
    }
}

/// The running count of one column's cut values, while rows are written.
#[derive(Debug, Clone, Default)]
pub(crate) struct CutCount {
    /// How many values were cut.
    pub values: usize,
    /// The id of the first row cut.
    pub first_id: Option<String>,
}

impl CutCount {
    /// Counts a cut value of the row `cells`.
    pub fn add(&mut self, cells: &[Cell]) {
        self.values += 1;
        if self.first_id.is_none() {
            self.first_id = Some(cells.first().map(Cell::to_text).unwrap_or_default());
        }
    }

    /// The cut this count reports, when a value was cut.
    pub fn into_cut(
        self,
        file: PathBuf,
        sheet: Option<&str>,
        column: &str,
        limit: &'static str,
    ) -> Option<Cut> {
        (self.values > 0).then(|| Cut {
            file,
            sheet: sheet.map(str::to_owned),
            column: column.to_owned(),
            limit,
            values: self.values,
            first_id: self.first_id.unwrap_or_default(),
        })
    }
}
