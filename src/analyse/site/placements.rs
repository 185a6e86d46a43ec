//! The plan read as a map reads it: the sites feasible for someone, the placed moves, and
//! the protection ring around each placed site with whether it reaches a protected area.
//! The print map and the web viewer draw from these, so both show the same plan.

use geo::{BoundingRect, Buffer, Intersects, MultiPolygon};

use super::SitingResult;
use crate::model::Model;

impl SitingResult {
    /// The sites feasible for at least one mover, ascending.
    pub fn feasible_sites(&self) -> Vec<usize> {
        let mut feasible: Vec<usize> = self
            .options
            .iter()
            .flat_map(|o| o.iter().map(|s| s.site))
            .collect();
        feasible.sort_unstable();
        feasible.dedup();
        feasible
    }

    /// (mover, site) of every placed mover, in plan order.
    pub fn placements(&self) -> Vec<(usize, usize)> {
        self.plan
            .iter()
            .filter_map(|a| a.site.map(|s| (a.mover, s)))
            .collect()
    }

    /// Per factory site given to someone, its vacant floor area less what the plan gives
    /// out there, m².
    pub fn factory_remaining(&self) -> std::collections::BTreeMap<usize, f64> {
        let mut left = std::collections::BTreeMap::new();
        for (mv, s) in self.placements() {
            if let Some((_, vacant)) = self.sites[s].factory() {
                let need = self.movers[mv].floor_need_m2.unwrap_or(0.0);
                *left.entry(s).or_insert(vacant) -= need;
            }
        }
        left
    }

    /// The tenants the plan places in each factory site: (site, movers), ascending.
    pub fn factory_tenants(&self) -> Vec<(usize, Vec<usize>)> {
        let mut by: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for (mv, s) in self.placements() {
            if self.sites[s].factory().is_some() {
                by.entry(s).or_default().push(mv);
            }
        }
        by.into_iter().collect()
    }

    /// The protection ring of a placed move: its site buffered by the mover's protection
    /// distance.
    pub fn protection_ring(&self, mover: usize, site: usize) -> MultiPolygon<f64> {
        self.sites[site]
            .geometry
            .buffer(self.movers[mover].protection_m)
    }
}

/// True when a ring reaches a protected area (an ecological red line, basic farmland, a
/// water-source zone or a sensitive receptor): a placement the reviewer must see.
pub fn reaches_protected(model: &Model, ring: &MultiPolygon<f64>) -> bool {
    let Some(bounds) = ring.bounding_rect() else {
        return false;
    };
    model.constraints.iter().any(|c| {
        c.kind.is_protected()
            && c.geometry
                .bounding_rect()
                .is_some_and(|b| b.intersects(&bounds))
            && ring.intersects(&c.geometry)
    })
}
