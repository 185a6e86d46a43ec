//! parkscope: a geospatial engine for industrial-park land planning in China — land-use
//! intensity and the per-mu (亩均) evaluation, idle and inefficient land, relocation
//! siting (退城入园), and map exhibits.
//!
//! # The front door
//!
//! A [`Workspace`] is a project opened for analysis. Everything starts there:
//!
//! ```
//! use parkscope::Workspace;
//!
//! fn main() -> Result<(), parkscope::Error> {
//!     # std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).unwrap();
//!     let ws = Workspace::open("data/sample")?;
//!     let analysis = ws.analyse();
//!     for (park, indicators) in ws.parks_with(&analysis) {
//!         println!("{} {:.1} 亩", park.id, indicators.area.to_mu());
//!     }
//!     Ok(())
//! }
//! ```
//!
//! | step | method | gives |
//! |---|---|---|
//! | open | [`Workspace::open`], [`OpenOptions`] | the project, its rule tables, the typed model, the index; every load invariant enforced |
//! | analyse | [`Workspace::analyse`] | [`analyse::Analysis`]: intensity per parcel and park, idle classes with their evidence, the per-mu evaluation |
//! | site | [`Workspace::site`] | [`analyse::site::SitingResult`]: movers, screened and scored sites, the optimal plan |
//! | tables | [`Workspace::write_tables`], [`Workspace::write_siting_tables`] | the tables of a [`TableSet`] in the [`Formats`] of [`OutputOptions`] |
//! | maps | [`Workspace::draw_map`], [`Workspace::draw_atlas`], then [`render::save_map`] | exhibits as SVG, PNG or PDF |
//!
//! Other entry points: [`convert::convert_layer`] (one layer between formats and CRSs) and
//! [`synth`] (seeded synthetic cities). Errors are [`Error`] values: [`Error::is_internal`]
//! tells a bug from bad input.
//!
//! # The data flow
//!
//! ```text
//! project::Project (parkscope.toml) ─┐
//! read              → RawLayer ──────┤ bytes → text values + geometry in the file's CRS
//! crs::Frame        → metres ────────┤ CGCS2000 Gauss-Krüger zone of the data
//! model             → Model ─────────┤ typed, valid, metric features + LoadReport
//! index             → Index ─────────┤ R-trees, parcel↔park, building∩parcel, enterprise→parcel
//! analyse           → Analysis ──────┤ intensity, idle, evaluate (+ analyse::site)
//! write, render     → files ─────────┘ GeoJSON/CSV/xlsx tables; SVG → PNG/PDF maps
//! ```
//!
//! # Modules
//!
//! | module | does |
//! |---|---|
//! | [`project`] | the project file and the versioned rule tables (`data/policy/`) |
//! | `read` (internal) | GeoJSON, Shapefile (GBK detection), CSV, Excel; value parsing |
//! | [`crs`] | CRS parsing, the working frame, GCJ-02/BD-09 |
//! | [`model`] | typed layers, field aliases, coordinate checks, repair |
//! | [`problems`] | what loading found: problems per feature, reports per layer |
//! | `index` (internal) | spatial joins computed once per run |
//! | [`analyse`] | one module per command: intensity, evaluate, idle, site |
//! | `write` (internal) | tables to GeoJSON, CSV (BOM), Excel, Shapefile, GeoPackage, FlatGeobuf, atomically ([`OutputOptions`]) |
//! | [`render`] | map exhibits: scene → SVG → PNG/PDF |
//! | `report` | the park dossier: the tables of a run typeset (typst) into one PDF (feature `report`) |
//! | [`words`] | evidence (rule, threshold, value, dates) into Chinese or English sentences |
//! | [`web`] | the offline web viewer: vector tiles (PMTiles), records, MapLibre page, `serve` |
//! | [`convert`], [`synth`] | layer conversion; seeded synthetic cities |
//! | [`init`] | a first project file from data files; the field survey of `check` |
//! | [`units`], [`error`] | areas in m² (亩 at the edges), errors with locations |

#![deny(unsafe_code)] // one exception: memory::release_free_memory
#![warn(missing_docs)]

pub mod analyse;
pub mod convert;
pub mod crs;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
mod index;
pub mod init;
mod memory;
pub mod model;
pub mod problems;
pub mod project;
mod read;
pub mod render;
#[cfg(feature = "report")]
mod report;
#[cfg(test)]
mod sample_for_tests;
pub mod synth;
pub mod units;
pub mod web;
pub mod words;
mod workspace;
mod write;

pub use error::{Error, Result};
pub use index::Unplaced;
pub use problems::{LayerReport, LoadReport, Location, Problem, Severity};
pub use project::{Lang, LayerKind, Project};
pub use read::value::parse_date_text;
#[cfg(feature = "report")]
pub use report::ReportOptions;
pub use workspace::{AtlasPage, OpenOptions, TableSet, Workspace};
pub use write::{
    prepare_out_dir, safe_file_part, write_manifest, CsvText, Cut, Format, Formats, ManifestInfo,
    OutputOptions, ShpEncoding, Written, MANIFEST,
};
