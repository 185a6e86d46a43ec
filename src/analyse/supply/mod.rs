//! Land supply: serviced land (熟地) per parcel not yet supplied, and per park the serviced
//! stock and the years of supply left (尚可供地年数). Rules from
//! [`crate::project::land::ServicedLandRules`].

mod serviced;
mod years;

pub use serviced::{
    serviced_land, unassessed_services, unsupplied_at, ParcelServices, ServiceSet, ServicedLand,
};
pub use years::{SupplyByYear, SupplyOutlook};

use chrono::NaiveDate;

use crate::index::Index;
use crate::model::Model;
use crate::project::land::ServicedLandRules;
use crate::units::AreaM2;

/// Serviced land and the supply outlook of one area (a park, or the whole project).
#[derive(Debug, Clone, PartialEq)]
pub struct AreaSupply {
    /// Σ serviced parcels not yet supplied; `None` when no service could be assessed.
    pub serviced_unsupplied: Option<AreaM2>,
    /// The largest serviced parcel not yet supplied (0 when none); `None` when no
    /// service could be assessed.
    pub largest_serviced: Option<AreaM2>,
    /// Suppliable land and its years left.
    pub outlook: SupplyOutlook,
}

/// Land supply of a project at one date.
#[derive(Debug, Clone)]
pub struct LandSupply {
    /// Per parcel services.
    pub serviced: ServicedLand,
    /// Per park, in the order of the parks layer.
    pub parks: Vec<AreaSupply>,
    /// The whole project (every parcel, in a park or not).
    pub all: AreaSupply,
    /// The window of the mean annual supply, in years.
    pub mean_over_years: u32,
}

/// Sums over a set of parcels.
struct Acc {
    assessed: bool,
    serviced: AreaM2,
    largest: AreaM2,
    suppliable: AreaM2,
    by_year: SupplyByYear,
}

impl Acc {
    fn new(assessed: bool) -> Acc {
        Acc {
            assessed,
            serviced: AreaM2::ZERO,
            largest: AreaM2::ZERO,
            suppliable: AreaM2::ZERO,
            by_year: SupplyByYear::default(),
        }
    }
    fn add(&mut self, model: &Model, land: &ServicedLand, i: usize, as_of: NaiveDate) {
        let p = &model.parcels[i];
        if unsupplied_at(p, as_of) {
            self.suppliable += p.area;
        }
        if land.parcels[i].serviced() == Some(true) {
            self.serviced += p.area;
            if p.area > self.largest {
                self.largest = p.area;
            }
        }
        self.by_year.add(p, as_of);
    }
    fn finish(self, as_of: NaiveDate, n: u32) -> AreaSupply {
        AreaSupply {
            serviced_unsupplied: self.assessed.then_some(self.serviced),
            largest_serviced: self.assessed.then_some(self.largest),
            outlook: SupplyOutlook::new(self.suppliable, self.by_year, as_of, n),
        }
    }
}

/// Serviced land per parcel, and per park and for the project the serviced stock and the
/// years of supply left, at `as_of`.
pub fn land_supply(
    model: &Model,
    index: &Index,
    rules: &ServicedLandRules,
    as_of: NaiveDate,
) -> LandSupply {
    let serviced = serviced_land(model, rules, as_of);
    let assessed = !serviced.assessed.is_empty();
    let mut parks: Vec<Acc> = model.parks.iter().map(|_| Acc::new(assessed)).collect();
    let mut all = Acc::new(assessed);
    for i in 0..model.parcels.len() {
        all.add(model, &serviced, i, as_of);
        if let Some(k) = index.parcel_park[i] {
            parks[k.index()].add(model, &serviced, i, as_of);
        }
    }
    let n = rules.supply.mean_over_years;
    LandSupply {
        serviced,
        parks: parks.into_iter().map(|a| a.finish(as_of, n)).collect(),
        all: all.finish(as_of, n),
        mean_over_years: n,
    }
}
