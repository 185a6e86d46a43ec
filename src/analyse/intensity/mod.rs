//! Land-use intensity (DOMAIN.md "Default rules, exactly"): per parcel floor area, FAR,
//! coverage, money and jobs per unit of land, compliance with the control indicators;
//! per park the TD/T 1029 indicators.

pub(crate) mod parcel;
mod park;

pub use parcel::{parcel_intensity, FarRule, ParcelIntensity};
pub use park::{park_intensity, ParkInputs, ParkIntensity, ParkType};
