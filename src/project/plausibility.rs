//! Bounds of plausible values (`data/policy/plausibility-default.toml`): a value outside its
//! bound cannot be true of a real building, parcel or enterprise. Loading reports it with
//! the value and the bound and reads the field as empty.

use serde::Deserialize;

use crate::error::{Error, Result};

/// An inclusive range `[min, max]` a value must lie in.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(from = "[f64; 2]")]
pub struct Bound {
    /// The smallest plausible value.
    pub min: f64,
    /// The largest plausible value.
    pub max: f64,
}

impl From<[f64; 2]> for Bound {
    fn from([min, max]: [f64; 2]) -> Bound {
        Bound { min, max }
    }
}

impl Bound {
    /// True when `v` lies in the bound.
    pub fn holds(&self, v: f64) -> bool {
        v >= self.min && v <= self.max
    }

    /// The bound in words, `[1, 200]`.
    pub fn describe(&self) -> String {
        format!("[{}, {}]", self.min, self.max)
    }
}

/// Building values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildingBounds {
    /// Storeys (`floors`).
    pub floors: Bound,
    /// Height, metres.
    pub height_m: Bound,
    /// Storey height, metres (given, or height ÷ floors).
    pub storey_height_m: Bound,
}

/// Parcel values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParcelBounds {
    /// FAR: `far_min`, `far_max`, and planned or built floor area ÷ parcel area.
    pub far: Bound,
    /// Planned or actual investment per mu of the parcel, 万元/亩.
    pub investment_per_mu: Bound,
}

/// Enterprise values (万元 for money).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct EnterpriseBounds {
    pub revenue: Bound,
    pub tax: Bound,
    pub value_added: Bound,
    pub employees: Bound,
    pub energy_tce: Bound,
    pub rd_expense: Bound,
    pub required_area_mu: Bound,
    pub protection_distance_m: Bound,
    pub required_floor_area_m2: Bound,
    pub required_floor_load_kn_m2: Bound,
    pub required_clear_height_m: Bound,
}

/// Standard-factory values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactoryBounds {
    /// Storeys.
    pub floors: Bound,
    /// Floor load, kN/m².
    pub floor_load_kn_m2: Bound,
    /// Clear height, metres.
    pub clear_height_m: Bound,
}

/// Every bound of one table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plausibility {
    /// The table's name, e.g. `default`.
    pub edition: String,
    /// Its title.
    pub title: String,
    /// Buildings.
    pub buildings: BuildingBounds,
    /// Parcels.
    pub parcels: ParcelBounds,
    /// Enterprises.
    pub enterprises: EnterpriseBounds,
    /// Standard factories.
    pub factories: FactoryBounds,
}

impl Plausibility {
    /// The embedded default table.
    pub fn default_table() -> Plausibility {
        toml::from_str(include_str!("../../data/policy/plausibility-default.toml"))
            .expect("the embedded plausibility table parses")
    }

    /// Refuses a bound whose minimum is above its maximum or that is not a number.
    ///
    /// # Errors
    /// The first such bound, named by its key.
    pub fn check(&self) -> Result<()> {
        let b = &self.buildings;
        let p = &self.parcels;
        let e = &self.enterprises;
        let f = &self.factories;
        let all = [
            ("buildings.floors", b.floors),
            ("buildings.height_m", b.height_m),
            ("buildings.storey_height_m", b.storey_height_m),
            ("parcels.far", p.far),
            ("parcels.investment_per_mu", p.investment_per_mu),
            ("enterprises.revenue", e.revenue),
            ("enterprises.tax", e.tax),
            ("enterprises.value_added", e.value_added),
            ("enterprises.employees", e.employees),
            ("enterprises.energy_tce", e.energy_tce),
            ("enterprises.rd_expense", e.rd_expense),
            ("enterprises.required_area_mu", e.required_area_mu),
            ("enterprises.protection_distance_m", e.protection_distance_m),
            (
                "enterprises.required_floor_area_m2",
                e.required_floor_area_m2,
            ),
            (
                "enterprises.required_floor_load_kn_m2",
                e.required_floor_load_kn_m2,
            ),
            (
                "enterprises.required_clear_height_m",
                e.required_clear_height_m,
            ),
            ("factories.floors", f.floors),
            ("factories.floor_load_kn_m2", f.floor_load_kn_m2),
            ("factories.clear_height_m", f.clear_height_m),
        ];
        for (key, bound) in all {
            if bound.min.is_nan() || bound.max.is_nan() || bound.min > bound.max {
                return Err(Error::Policy {
                    name: format!("plausibility-{}", self.edition),
                    reason: format!(
                        "{key} = {}: the minimum must not exceed the maximum",
                        bound.describe()
                    ),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_table_parses_and_checks() {
        let t = Plausibility::default_table();
        t.check().unwrap();
        assert_eq!(
            t.buildings.floors,
            Bound {
                min: 1.0,
                max: 200.0
            }
        );
        assert!(t.parcels.far.holds(30.0) && !t.parcels.far.holds(30.01));
        assert!(!t.buildings.height_m.holds(1e308));
    }

    #[test]
    fn reversed_bound_is_refused() {
        let mut t = Plausibility::default_table();
        t.parcels.far = Bound { min: 5.0, max: 1.0 };
        let e = t.check().unwrap_err().to_string();
        assert!(e.contains("parcels.far = [5, 1]"), "{e}");
    }
}
