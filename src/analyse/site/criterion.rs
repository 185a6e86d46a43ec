//! The five soft siting criteria (DOMAIN.md "Soft criteria") by name, and a value per
//! criterion ([`PerCriterion`]): weights, raw values, normalised values and points travel
//! as one, indexed by [`Criterion`] rather than by position.

use std::ops::{Index, IndexMut};

use serde::Serialize;

use crate::project::policy::SitingWeights;

/// A soft siting criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Criterion {
    /// Distance from the old location, m (lower better).
    DistanceOld,
    /// Distance to the nearest expressway or arterial road, m (lower better).
    Road,
    /// Distance to the nearest wastewater plant, m (lower better).
    Wastewater,
    /// Enterprises of the same 2-digit industry within the cluster radius (higher better).
    Cluster,
    /// Surplus area ratio, site / required − 1 (lower better).
    Surplus,
}

impl Criterion {
    /// Every criterion, in the order of the output columns and the AHP matrix.
    pub const ALL: [Criterion; 5] = [
        Criterion::DistanceOld,
        Criterion::Road,
        Criterion::Wastewater,
        Criterion::Cluster,
        Criterion::Surplus,
    ];
    /// The name in the policy file, `--weights` and the output columns.
    pub fn key(self) -> &'static str {
        match self {
            Criterion::DistanceOld => "distance_old",
            Criterion::Road => "road",
            Criterion::Wastewater => "wastewater",
            Criterion::Cluster => "cluster",
            Criterion::Surplus => "surplus",
        }
    }
    /// The criterion of a name (`distance_old`, `road`, …).
    pub fn from_key(key: &str) -> Option<Criterion> {
        Criterion::ALL.into_iter().find(|c| c.key() == key)
    }
    /// True when a lower raw value is better.
    pub fn is_lower_better(self) -> bool {
        !matches!(self, Criterion::Cluster)
    }
    fn index(self) -> usize {
        self as usize
    }
}

impl std::fmt::Display for Criterion {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// One value per criterion, indexed by [`Criterion`]; serialised as an array in
/// [`Criterion::ALL`] order.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
#[serde(transparent)]
pub struct PerCriterion<T>([T; 5]);

impl<T> PerCriterion<T> {
    /// A value for each criterion.
    pub fn from_fn(mut f: impl FnMut(Criterion) -> T) -> PerCriterion<T> {
        PerCriterion(Criterion::ALL.map(&mut f))
    }
    /// The criteria with their values, in [`Criterion::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Criterion, &T)> {
        Criterion::ALL.into_iter().zip(&self.0)
    }
    /// The values, in [`Criterion::ALL`] order.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter()
    }
    /// The values, mutably.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.0.iter_mut()
    }
    /// Each value mapped, criterion by criterion.
    pub fn map<U>(&self, mut f: impl FnMut(Criterion, &T) -> U) -> PerCriterion<U> {
        PerCriterion::from_fn(|c| f(c, &self[c]))
    }
}

impl<T> Index<Criterion> for PerCriterion<T> {
    type Output = T;
    fn index(&self, c: Criterion) -> &T {
        &self.0[c.index()]
    }
}

impl<T> IndexMut<Criterion> for PerCriterion<T> {
    fn index_mut(&mut self, c: Criterion) -> &mut T {
        &mut self.0[c.index()]
    }
}

impl From<SitingWeights> for PerCriterion<f64> {
    fn from(w: SitingWeights) -> PerCriterion<f64> {
        PerCriterion::from_fn(|c| match c {
            Criterion::DistanceOld => w.distance_old,
            Criterion::Road => w.road,
            Criterion::Wastewater => w.wastewater,
            Criterion::Cluster => w.cluster,
            Criterion::Surplus => w.surplus,
        })
    }
}

impl From<PerCriterion<f64>> for SitingWeights {
    fn from(w: PerCriterion<f64>) -> SitingWeights {
        SitingWeights {
            distance_old: w[Criterion::DistanceOld],
            road: w[Criterion::Road],
            wastewater: w[Criterion::Wastewater],
            cluster: w[Criterion::Cluster],
            surplus: w[Criterion::Surplus],
        }
    }
}

/// Weights parsed from `distance_old=2,road=1,…` over `base` (criteria not named keep
/// their weight).
///
/// # Errors
/// A part that is not `name=value`, an unknown criterion (the message lists them), a value
/// that is not a number.
pub fn parse_weights(text: &str, base: PerCriterion<f64>) -> Result<PerCriterion<f64>, String> {
    let mut w = base;
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (k, v) = part
            .split_once('=')
            .ok_or_else(|| format!("\"{part}\" is not name=value"))?;
        let c = Criterion::from_key(k.trim()).ok_or_else(|| {
            let names: Vec<&str> = Criterion::ALL.iter().map(|c| c.key()).collect();
            format!("unknown criterion {k} (criteria: {})", names.join(", "))
        })?;
        w[c] = v
            .trim()
            .parse()
            .map_err(|_| format!("{v} is not a number"))?;
    }
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_by_name_in_column_order() {
        let w = PerCriterion::from_fn(|c| c as usize as f64);
        assert_eq!(w[Criterion::Cluster], 3.0);
        let keys: Vec<&str> = w.iter().map(|(c, _)| c.key()).collect();
        assert_eq!(
            keys,
            ["distance_old", "road", "wastewater", "cluster", "surplus"]
        );
        assert_eq!(serde_json::to_string(&w).unwrap(), "[0.0,1.0,2.0,3.0,4.0]");
        assert!(!Criterion::Cluster.is_lower_better() && Criterion::Road.is_lower_better());
    }

    #[test]
    fn weights_by_name() {
        let base = PerCriterion::from_fn(|_| 1.0);
        let w = parse_weights("distance_old=2, surplus=0.5", base).unwrap();
        assert_eq!(w[Criterion::DistanceOld], 2.0);
        assert_eq!(w[Criterion::Surplus], 0.5);
        assert_eq!(w[Criterion::Road], 1.0);
        assert!(parse_weights("roads=1", base)
            .unwrap_err()
            .contains("criteria: distance_old, road, wastewater, cluster, surplus"));
        assert!(parse_weights("road", base).is_err());
        assert!(parse_weights("road=x", base).is_err());
    }
}
