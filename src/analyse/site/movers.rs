//! Who moves: enterprises flagged `relocate`, and heavy polluters located inside the
//! built-up area (城市建成区).

use geo::{Centroid, Contains, Point};

use crate::index::Index;
use crate::model::{ConstraintKind, Model, PollutionClass};
use crate::project::policy::Policy;
use crate::units::AreaM2;

/// Why an enterprise must move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveReason {
    /// Flagged `relocate` in the ledger (搬迁).
    Flagged,
    /// A heavy polluter located inside the built-up area (城市建成区).
    HeavyPolluterInBuiltUp,
}

/// Where an enterprise's protection distance comes from.
#[derive(Debug, Clone, PartialEq)]
pub enum ProtectionSource {
    /// The enterprise's own EIA approval (`protection_distance_m`).
    Eia,
    /// A row of the siting policy's protection table.
    Table {
        /// The row's industry code.
        code: String,
        /// What the row is.
        name: String,
    },
    /// Neither: the policy's default distance (flagged).
    Default {
        /// The default, m.
        distance_m: f64,
    },
}

impl ProtectionSource {
    /// True when the default distance was used (no EIA value, no table row).
    pub fn is_fallback(&self) -> bool {
        matches!(self, ProtectionSource::Default { .. })
    }
}

/// An enterprise that must move, with what it needs.
#[derive(Debug, Clone)]
pub struct Mover {
    /// The enterprise.
    pub enterprise: crate::model::EnterpriseIx,
    /// Why it moves.
    pub why: MoveReason,
    /// Where it is now (its point, else the centroid of its parcels).
    pub origin: Option<Point<f64>>,
    /// The land it releases (its apportioned share of its parcels).
    pub old_area: AreaM2,
    /// The land it needs: required_area_mu, else its current land.
    pub required: AreaM2,
    /// Protection distance, m.
    pub protection_m: f64,
    /// Where the protection distance came from.
    pub protection_source: ProtectionSource,
    /// 2-digit industry code.
    pub industry2: Option<String>,
    /// Floor space it could take in a standard factory, m² (`None`: land only).
    pub floor_need_m2: Option<f64>,
    /// The floor load it needs, kN/m².
    pub floor_load_need: Option<f64>,
    /// The clear height it needs, m.
    pub clear_height_need: Option<f64>,
    /// A heavy polluter (重污染).
    pub heavy: bool,
}

/// Finds the enterprises that must move.
pub fn find_movers(model: &Model, index: &Index, policy: &Policy) -> Vec<Mover> {
    let built_up: Vec<&geo::Geometry<f64>> = model
        .constraints
        .iter()
        .filter(|c| c.kind == ConstraintKind::BuiltUp)
        .map(|c| &c.geometry)
        .collect();
    let land = crate::analyse::intensity::parcel::enterprise_land(model, index);
    let mut out = Vec::new();
    for (i, e) in model.enterprises.iter().enumerate() {
        let origin = e.location.or_else(|| {
            let parts: Vec<geo::Polygon<f64>> = index.enterprise_parcels[i]
                .iter()
                .flat_map(|&p| model.parcels[p].geometry.0.clone())
                .collect();
            geo::MultiPolygon::new(parts).centroid()
        });
        let inside_built_up = origin.is_some_and(|p| built_up.iter().any(|g| g.contains(&p)));
        let why = if e.relocate == Some(true) {
            MoveReason::Flagged
        } else if e.pollution_class == Some(PollutionClass::Heavy) && inside_built_up {
            MoveReason::HeavyPolluterInBuiltUp
        } else {
            continue;
        };
        let old_area = land[i].0;
        let required = e.required_area_mu.map(AreaM2::from_mu).unwrap_or(old_area);
        let rules = &policy.siting;
        let (protection_m, protection_source) = match e.protection_distance_m {
            Some(d) => (d, ProtectionSource::Eia),
            None => match rules.protection_row(e.industry.as_deref()) {
                Some(r) => (
                    r.distance_m,
                    ProtectionSource::Table {
                        code: r.code.clone(),
                        name: r.name.clone(),
                    },
                ),
                None => (
                    rules.default_protection_m,
                    ProtectionSource::Default {
                        distance_m: rules.default_protection_m,
                    },
                ),
            },
        };
        out.push(Mover {
            enterprise: crate::model::EnterpriseIx(i),
            why,
            origin,
            old_area,
            required,
            protection_m,
            protection_source,
            industry2: e
                .industry
                .as_deref()
                .map(|c| c.chars().filter(char::is_ascii_digit).take(2).collect()),
            floor_need_m2: e.required_floor_area_m2.filter(|a| *a > 0.0),
            floor_load_need: e.required_floor_load_kn_m2,
            clear_height_need: e.required_clear_height_m,
            heavy: e.pollution_class == Some(PollutionClass::Heavy),
        });
    }
    out
}
