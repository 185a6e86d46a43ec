//! parkscope: a geospatial engine for industrial-park land planning in China.
pub mod analyse;
pub mod crs;
pub mod error;
pub mod index;
pub mod model;
pub mod project;
pub mod read;
pub mod render;
pub mod synth;
pub mod units;
pub mod write;
