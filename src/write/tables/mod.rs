//! Result tables with the columns of INTERFACE.md (a contract: they may grow, never
//! silently change), geometry in the working frame's metres (each writer projects it
//! into its file's CRS).

mod admit;
mod enterprises;
mod idle;
mod parcels;
mod parks;
mod site;
mod standard;
mod summary;
mod supply;

pub use admit::admit_table;
pub use enterprises::enterprises_table;
pub use idle::{ans_table, upcoming_table};
pub use parcels::parcels_table;
pub use parks::parks_table;
pub use site::{moves_table, plan_table, rejected_table, sites_table};
pub use standard::standard_land_table;
pub use summary::idle_summary_table;
pub use supply::supply_by_year_table;
