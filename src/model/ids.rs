//! Positions of features in the model as types: a parcel's position cannot be used where an
//! enterprise's is meant. The joins of the index ([`crate::index::Index`]) and the results
//! that point at features carry these, and the model's feature lists can be indexed by them.

use super::{Building, Enterprise, Parcel, Park};

macro_rules! feature_index {
    ($(#[$doc:meta])* $name:ident, $feature:ty) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub usize);

        impl $name {
            /// The position in the model's list.
            pub fn index(self) -> usize {
                self.0
            }
        }

        impl std::ops::Index<$name> for [$feature] {
            type Output = $feature;
            fn index(&self, i: $name) -> &$feature {
                &self[i.0]
            }
        }

        impl std::ops::Index<$name> for Vec<$feature> {
            type Output = $feature;
            fn index(&self, i: $name) -> &$feature {
                &self[i.0]
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

feature_index!(
    /// A parcel's position in `Model::parcels`.
    ParcelIx,
    Parcel
);
feature_index!(
    /// An enterprise's position in `Model::enterprises`.
    EnterpriseIx,
    Enterprise
);
feature_index!(
    /// A park's position in `Model::parks`.
    ParkIx,
    Park
);
feature_index!(
    /// A building's position in `Model::buildings`.
    BuildingIx,
    Building
);
