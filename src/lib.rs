//! parkscope: a geospatial engine for industrial-park land planning in China.
pub mod crs;
pub mod error;
pub mod read;
pub mod units;
pub mod project;
pub mod model;
pub mod write;
pub mod index;
pub mod analyse;
pub mod synth;
