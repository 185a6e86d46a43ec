//! `[limits]` of the project file: how much a file may make parkscope take before it is
//! refused, and how far a layer may lie from the parcels. Defaults fit any real project;
//! a bureau with a bigger ledger raises one bound instead of waiting for a release.

use serde::Deserialize;

use crate::read::ReadLimits;

/// The project's bounds on reading and on where layers may lie.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// What each reader takes before it refuses a file.
    pub read: ReadLimits,
    /// How far (m) a layer's extent may lie from the parcels' before the layer is refused
    /// as in the wrong CRS or zone. `[limits] layer_gap_km`, default 100 km: a city's
    /// roads, red lines or enterprises reach beyond its parks, but not by 100 km, while 3°
    /// Gauss-Krüger zones are about 290 km apart at 30°N.
    pub layer_gap_m: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            read: ReadLimits::default(),
            layer_gap_m: 100_000.0,
        }
    }
}

/// `[limits]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LimitsToml {
    geojson_property_names: Option<u64>,
    geojson_values: Option<u64>,
    sheet_cells: Option<u64>,
    workbook_inflated_mib: Option<u64>,
    workbook_inflate_ratio: Option<u64>,
    layer_gap_km: Option<f64>,
}

impl LimitsToml {
    /// The limits, each given one replacing its default; `Err` names the key of a bound
    /// that is zero, negative or not a number.
    pub(super) fn resolve(self) -> Result<Limits, String> {
        let mut l = Limits::default();
        let count = |key: &str, v: Option<u64>, default: usize| -> Result<usize, String> {
            match v {
                None => Ok(default),
                Some(0) => Err(format!("limits.{key} must be at least 1")),
                Some(n) => Ok(usize::try_from(n).unwrap_or(usize::MAX)),
            }
        };
        l.read.property_names = count(
            "geojson_property_names",
            self.geojson_property_names,
            l.read.property_names,
        )?;
        l.read.property_values = count(
            "geojson_values",
            self.geojson_values,
            l.read.property_values,
        )?;
        l.read.sheet_cells = count("sheet_cells", self.sheet_cells, l.read.sheet_cells)?;
        if let Some(mib) = self.workbook_inflated_mib {
            l.read.inflated_bytes =
                count("workbook_inflated_mib", Some(mib), 0)? as u64 * (1 << 20);
        }
        l.read.inflate_ratio = count(
            "workbook_inflate_ratio",
            self.workbook_inflate_ratio,
            l.read.inflate_ratio as usize,
        )? as u64;
        if let Some(km) = self.layer_gap_km {
            if !(km.is_finite() && km > 0.0) {
                return Err(format!(
                    "limits.layer_gap_km must be a positive number of km, not {km}"
                ));
            }
            l.layer_gap_m = km * 1000.0;
        }
        Ok(l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Limits, String> {
        toml::from_str::<LimitsToml>(text)
            .map_err(|e| e.to_string())?
            .resolve()
    }

    #[test]
    fn each_key_replaces_its_default_only() {
        let l = parse("sheet_cells = 50000000\nlayer_gap_km = 250\nworkbook_inflated_mib = 4096")
            .unwrap();
        assert_eq!(l.read.sheet_cells, 50_000_000);
        assert_eq!(l.layer_gap_m, 250_000.0);
        assert_eq!(l.read.inflated_bytes, 4096 << 20);
        assert_eq!(l.read.property_names, 5_000);
        assert_eq!(l.read.inflate_ratio, 200);
        assert_eq!(parse("").unwrap(), Limits::default());
    }

    #[test]
    fn a_zero_or_negative_bound_is_refused_by_its_key() {
        assert!(parse("sheet_cells = 0")
            .unwrap_err()
            .contains("limits.sheet_cells"));
        assert!(parse("layer_gap_km = -5")
            .unwrap_err()
            .contains("limits.layer_gap_km"));
        assert!(parse("sheet_cells = -5").is_err());
        assert!(parse("cells = 5").is_err());
    }
}
