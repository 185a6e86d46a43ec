//! The front door: a [`Workspace`] is one project opened and made ready for analysis — the
//! project file, its rule tables, the typed model of every layer and the spatial index —
//! with every load invariant enforced. The analyses, siting, tables and maps are its
//! methods; the CLI, the tests and the examples use nothing else to get there.
//!
//! ```
//! use parkscope::Workspace;
//!
//! # fn main() -> parkscope::Result<()> {
//! let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");
//! let ws = Workspace::open(sample)?;
//! let analysis = ws.analyse();
//! for (park, indicators) in ws.parks_with(&analysis) {
//!     println!("{} {:.1} 亩", park.id, indicators.area.to_mu());
//! }
//! # Ok(())
//! # }
//! ```

mod about;
mod admit;
mod maps;
mod open;
#[cfg(feature = "report")]
mod report;
mod tables;
mod web;

pub use maps::AtlasPage;
pub use open::OpenOptions;
pub use tables::TableSet;

use std::time::Duration;

use chrono::NaiveDate;

use crate::analyse::intensity::ParkIntensity;
use crate::analyse::site::{plan_relocation, SiteOptions, SitingResult};
use crate::analyse::{analyse_all, Analysis};
use crate::error::Result;
use crate::index::{Index, Unplaced};
use crate::model::{EnterpriseIx, Model, Park};
use crate::problems::LoadReport;
use crate::project::policy::Policy;
use crate::project::{Lang, LayerKind, Project};

/// A project opened for analysis.
///
/// # Invariants
/// Once a `Workspace` exists, its data is valid: every layer it holds was read, typed and
/// checked (geometry valid and in metres in the working frame, ids unique, required fields
/// present), no given layer has had every feature rejected, the rule tables parsed, and the
/// date rules are judged at is known. Analyses on it cannot fail on data.
#[derive(Debug)]
pub struct Workspace {
    project: Project,
    policy: Policy,
    model: Model,
    index: Index,
    as_of: NaiveDate,
    timings: Vec<(&'static str, Duration)>,
}

impl Workspace {
    /// Opens a project folder (holding `parkscope.toml`) or a project file, judged at the
    /// project's `as_of` date.
    ///
    /// # Errors
    /// A project file that cannot be read or parsed, a rule table that does not parse, a
    /// layer file that cannot be read, an unknown CRS, a missing required layer or field,
    /// a layer whose every feature was rejected ([`crate::error::Error::Unusable`], carrying the
    /// load report), or no `as_of` date in the project (use [`OpenOptions`] to give one).
    pub fn open(path: impl AsRef<std::path::Path>) -> Result<Workspace> {
        OpenOptions::new().open(path)
    }

    /// The project file as parsed.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The same workspace under other rule tables (e.g. a policy edited in code); the
    /// data is untouched.
    pub fn with_policy(mut self, policy: Policy) -> Workspace {
        self.policy = policy;
        self
    }

    /// The rule tables in force.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Every layer, typed and in the working frame.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The date rules are judged at.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The language of labels, reasons and reports.
    pub fn lang(&self) -> Lang {
        self.project.lang
    }

    /// What loading found, per layer.
    pub fn load_report(&self) -> &LoadReport {
        &self.model.report
    }

    /// Doubts about the data that are not tied to one feature (a layer that looks shifted
    /// or in the wrong CRS), as sentences.
    pub fn warnings(&self) -> &[String] {
        &self.index.crs_hints
    }

    /// True when the project gave this layer.
    pub fn has_layer(&self, kind: LayerKind) -> bool {
        self.model.given.contains(&kind)
    }

    /// The enterprises that could not be tied to a parcel (by enterprise index), and why.
    pub fn unplaced_enterprises(&self) -> &[(EnterpriseIx, Unplaced)] {
        &self.index.unplaced
    }

    /// How long opening took, by stage (load + validate, index).
    pub fn timings(&self) -> &[(&'static str, Duration)] {
        &self.timings
    }

    /// Runs intensity, the idle classification and the per-mu evaluation at the
    /// workspace's date.
    pub fn analyse(&self) -> Analysis {
        analyse_all(&self.model, &self.index, &self.policy, self.as_of)
    }

    /// The same analyses judged at another date (facts dated after it count as not yet
    /// happened, so the past can be replayed).
    pub fn analyse_at(&self, as_of: NaiveDate) -> Analysis {
        analyse_all(&self.model, &self.index, &self.policy, as_of)
    }

    /// Relocation siting: who must move, every candidate site screened and scored, the
    /// optimal assignment and its phases.
    ///
    /// # Errors
    /// An unknown enterprise in `options`, an enterprise that need not move, weights that
    /// are negative or all zero, an AHP matrix that is not square, positive and
    /// consistent ([`crate::error::Error::Invalid`]).
    pub fn site(&self, analysis: &Analysis, options: &SiteOptions) -> Result<SitingResult> {
        plan_relocation(&self.model, &self.index, &self.policy, analysis, options)
    }

    /// Each park with its indicators, in the order of the parks layer.
    pub fn parks_with<'a>(
        &'a self,
        analysis: &'a Analysis,
    ) -> impl Iterator<Item = (&'a Park, &'a ParkIntensity)> + 'a {
        self.model.parks.iter().zip(&analysis.parks)
    }
}
