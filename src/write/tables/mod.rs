//! Result tables with the columns of INTERFACE.md (a contract: they may grow, never
//! silently change), geometry in WGS84 lon/lat.

mod enterprises;
mod idle;
mod parcels;
mod parks;
mod site;
mod summary;

pub use enterprises::enterprises_table;
pub use idle::{ans_table, upcoming_table};
pub use parcels::parcels_table;
pub use parks::parks_table;
pub use site::{moves_table, plan_table, rejected_table, sites_table};
pub use summary::idle_summary_table;

use geo::{Coord, MapCoords};

use crate::crs::Frame;

/// A frame geometry in WGS84 lon/lat for output (NaN where a coordinate leaves the frame).
pub fn to_lonlat<G: MapCoords<f64, f64>>(frame: &Frame, g: &G) -> G::Output {
    g.map_coords(|c| match frame.inverse(c.x, c.y) {
        Some((x, y)) => Coord { x, y },
        None => Coord {
            x: f64::NAN,
            y: f64::NAN,
        },
    })
}
