//! parkscope: a geospatial engine for industrial-park land planning in China — land-use
//! intensity and the per-mu (亩均) evaluation, idle and inefficient land, relocation
//! siting (退城入园), and map exhibits.
//!
//! # The data flow
//!
//! ```text
//! project::Project (parkscope.toml) ─┐
//! read::read_layer  → RawLayer ──────┤ bytes → text values + geometry in the file's CRS
//! crs::Frame        → metres ────────┤ CGCS2000 Gauss-Krüger zone of the data
//! model::load       → Model ─────────┤ typed, valid, metric features + LoadReport
//! index::build_index → Index ────────┤ R-trees, parcel↔park, building∩parcel, enterprise→parcel
//! analyse::analyse_all → Analysis ───┤ intensity, idle, evaluate (+ analyse::site)
//! write::*, render::*  → files ──────┘ GeoJSON/CSV/xlsx tables; SVG → PNG/PDF maps
//! ```
//!
//! # Modules
//!
//! | module | does |
//! |---|---|
//! | [`project`] | the project file and the versioned rule tables (`data/policy/`) |
//! | [`read`] | GeoJSON, Shapefile (GBK detection), CSV, Excel; value parsing |
//! | [`crs`] | CRS parsing, the working frame, GCJ-02/BD-09 |
//! | [`model`] | typed layers, field aliases, coordinate checks, repair, load report |
//! | [`index`] | spatial joins computed once per run |
//! | [`analyse`] | one module per command: intensity, evaluate, idle, site |
//! | [`write`](mod@write) | tables to GeoJSON, CSV (BOM) and Excel, atomically |
//! | [`render`] | map exhibits: scene → SVG → PNG/PDF |
//! | [`synth`] | seeded synthetic cities for tests and benchmarks |
//! | [`units`], [`error`] | areas in m² (亩 at the edges), errors with locations |

#![deny(unsafe_code)] // one exception: memory::release_free_memory
#![warn(missing_docs)]

pub mod analyse;
pub mod crs;
pub mod error;
pub mod index;
pub mod memory;
pub mod model;
pub mod project;
pub mod read;
pub mod render;
pub mod synth;
pub mod units;
pub mod write;
