//! Serviced land (熟地): which services reach each parcel not yet supplied, from the
//! infrastructure layer — a feature of the service's kind within the policy distance of
//! the parcel polygon (0 when they touch). A service whose kind the layer does not hold at
//! all is not assessed and counts against no parcel.

use geo::{BoundingRect, Distance, Euclidean, Geometry};
use rayon::prelude::*;
use rstar::{RTree, AABB};

use crate::index::{tree_of_boxes, BoxEntry};
use crate::model::{Model, Parcel, SupplyStatus};
use crate::project::land::{Service, ServicedLandRules};

/// A set of services, printed in the order road;power;wastewater;gas.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ServiceSet(u8);

impl ServiceSet {
    /// No service.
    pub const EMPTY: ServiceSet = ServiceSet(0);

    fn bit(s: Service) -> u8 {
        1 << (s as u8)
    }
    /// The set with `s` added.
    pub fn with(self, s: Service) -> ServiceSet {
        ServiceSet(self.0 | Self::bit(s))
    }
    /// True when `s` is in the set.
    pub fn contains(self, s: Service) -> bool {
        self.0 & Self::bit(s) != 0
    }
    /// True when every service of `other` is in the set.
    pub fn covers(self, other: ServiceSet) -> bool {
        self.0 & other.0 == other.0
    }
    /// True when the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The services, in column order.
    pub fn iter(self) -> impl Iterator<Item = Service> {
        Service::ALL.into_iter().filter(move |s| self.contains(*s))
    }
    /// The `;`-joined names (`road;power`), empty for no service.
    pub fn joined(self) -> String {
        self.iter().map(Service::name).collect::<Vec<_>>().join(";")
    }
}

impl FromIterator<Service> for ServiceSet {
    fn from_iter<I: IntoIterator<Item = Service>>(iter: I) -> ServiceSet {
        iter.into_iter().fold(ServiceSet::EMPTY, ServiceSet::with)
    }
}

/// The serviced-land verdict of one parcel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParcelServices {
    /// Supplied by the as-of date, or its status is unknown: not judged.
    NotJudged,
    /// Not yet supplied: the services that reach it, and whether every assessed service
    /// does (`None` when no service could be assessed).
    Unsupplied {
        /// The services present.
        present: ServiceSet,
        /// True when every assessed service is present.
        serviced: Option<bool>,
    },
}

impl ParcelServices {
    /// The services present (empty when not judged).
    pub fn present(self) -> Option<ServiceSet> {
        match self {
            ParcelServices::NotJudged => None,
            ParcelServices::Unsupplied { present, .. } => Some(present),
        }
    }
    /// Whether the parcel is serviced land (`None` when not judged or nothing assessed).
    pub fn serviced(self) -> Option<bool> {
        match self {
            ParcelServices::NotJudged => None,
            ParcelServices::Unsupplied { serviced, .. } => serviced,
        }
    }
}

/// Serviced land of a project at one date.
#[derive(Debug, Clone)]
pub struct ServicedLand {
    /// The services whose kind occurs in the infrastructure layer.
    pub assessed: ServiceSet,
    /// Per parcel, in the order of the parcels layer.
    pub parcels: Vec<ParcelServices>,
}

/// True when a parcel is not yet supplied at `as_of`: status approved or unapproved, or
/// supplied on a date after `as_of` (a supply dated later has not happened yet).
pub fn unsupplied_at(p: &Parcel, as_of: chrono::NaiveDate) -> bool {
    match p.status {
        Some(SupplyStatus::Approved) | Some(SupplyStatus::Unapproved) => true,
        Some(SupplyStatus::Supplied) => p.supply_date.is_some_and(|d| d > as_of),
        None => false,
    }
}

/// The services whose kind the infrastructure layer does not hold at all (not assessed),
/// as the load report's layer-wide warnings.
pub fn unassessed_services(model: &Model) -> Vec<crate::problems::Problem> {
    Service::ALL
        .into_iter()
        .filter(|s| !model.infrastructure.iter().any(|f| f.kind == s.kind()))
        .map(|s| {
            crate::problems::Problem::new(
                crate::problems::Severity::Warning,
                None,
                crate::problems::Reason::ServiceNotAssessed(Box::new(
                    crate::problems::MissingService {
                        kind: s.kind().name().to_owned(),
                        service: (s.name().to_owned(), s.zh().to_owned()),
                    },
                )),
            )
        })
        .collect()
}

/// The features of one service's kind, indexed.
struct Features<'a> {
    tree: RTree<BoxEntry>,
    geoms: Vec<&'a Geometry<f64>>,
}

impl<'a> Features<'a> {
    fn of(model: &'a Model, s: Service) -> Features<'a> {
        let geoms: Vec<&Geometry<f64>> = model
            .infrastructure
            .iter()
            .filter(|f| f.kind == s.kind())
            .map(|f| &f.geometry)
            .collect();
        let tree = tree_of_boxes(geoms.iter().map(|g| g.bounding_rect()));
        Features { tree, geoms }
    }
    /// True when a feature lies within `limit` metres of the parcel.
    fn within(&self, parcel: &Geometry<f64>, limit: f64) -> bool {
        let Some(b) = parcel.bounding_rect() else {
            return false;
        };
        let env = AABB::from_corners(
            [b.min().x - limit, b.min().y - limit],
            [b.max().x + limit, b.max().y + limit],
        );
        self.tree
            .locate_in_envelope_intersecting(&env)
            .any(|e| Euclidean.distance(parcel, self.geoms[e.data]) <= limit)
    }
}

/// The services of every parcel not yet supplied at `as_of`.
pub fn serviced_land(
    model: &Model,
    rules: &ServicedLandRules,
    as_of: chrono::NaiveDate,
) -> ServicedLand {
    let layers: Vec<(Service, Features, f64)> = Service::ALL
        .into_iter()
        .map(|s| (s, Features::of(model, s), rules.within_m.of(s).value()))
        .filter(|(_, f, _)| !f.geoms.is_empty())
        .collect();
    let assessed: ServiceSet = layers.iter().map(|(s, _, _)| *s).collect();
    let parcels = model
        .parcels
        .par_iter()
        .map(|p| {
            if !unsupplied_at(p, as_of) {
                return ParcelServices::NotJudged;
            }
            let g = Geometry::MultiPolygon(p.geometry.clone());
            let present: ServiceSet = layers
                .iter()
                .filter(|(_, f, limit)| f.within(&g, *limit))
                .map(|(s, _, _)| *s)
                .collect();
            ParcelServices::Unsupplied {
                present,
                serviced: (!assessed.is_empty()).then_some(present.covers(assessed)),
            }
        })
        .collect();
    ServicedLand { assessed, parcels }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_print_in_column_order() {
        let s: ServiceSet = [Service::Gas, Service::Road, Service::Wastewater]
            .into_iter()
            .collect();
        assert_eq!(s.joined(), "road;wastewater;gas");
        assert!(s.covers([Service::Road].into_iter().collect()));
        assert!(!s.covers([Service::Power].into_iter().collect()));
        assert!(s.covers(ServiceSet::EMPTY));
        assert_eq!(ServiceSet::EMPTY.joined(), "");
    }
}
