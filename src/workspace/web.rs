//! The offline web viewer of a workspace.

use std::path::Path;

use super::Workspace;
use crate::analyse::site::SitingResult;
use crate::analyse::Analysis;
use crate::error::Result;
use crate::project::Lang;
use crate::web::{write_viewer, Input, WebOptions, WebSummary};

impl Workspace {
    /// The viewer's options for this project: titled with its name and the date judged at.
    pub fn web_options(&self, a: &Analysis) -> WebOptions {
        let sub = match self.lang() {
            Lang::Zh => format!("评价日期 {}", a.as_of),
            Lang::En => format!("as of {}", a.as_of),
        };
        let mut opts = WebOptions::new(&self.project.name, &sub);
        opts.credit = self.project.credit();
        opts
    }

    /// Writes the offline web viewer into `out` (`index.html`, `tiles.pmtiles`, records,
    /// the vendored scripts); returns what was written.
    ///
    /// # Errors
    /// A file that cannot be written; nothing that can be projected to show.
    pub fn write_web(
        &self,
        a: &Analysis,
        siting: Option<&SitingResult>,
        out: &Path,
        opts: &WebOptions,
    ) -> Result<WebSummary> {
        let input = Input {
            model: &self.model,
            index: &self.index,
            analysis: a,
            siting,
            lang: self.lang(),
        };
        write_viewer(out, &input, opts)
    }
}
