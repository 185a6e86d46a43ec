//! A synthetic city of any size, deterministic by seed: parks of different orientations
//! and rotations, a road grid, parcels of varied shape and size (5–300 亩, some with holes,
//! some MultiPolygons), buildings inside and across parcel edges, enterprises with
//! lognormal revenue and tax, approvals, constraints and infrastructure — written as a
//! project folder. It exists for benchmarks, tests, training and bug reports, and it plants
//! every idle class, every evaluation class and relocation cases on purpose.
//!
//! `city` lays out the geometry and calls `ledger` for each parcel's records; both build
//! the data types of `types`, which `write` turns into files.

mod city;
mod factories;
mod ledger;
mod types;
mod write;

pub use city::{generate, SynthOptions};
pub use types::City;
pub use write::write_project;
