//! Coordinate reference systems: what a layer's numbers mean, and the metric working
//! [`Frame`] every area and distance is measured in.
//!
//! Supported: WGS84 and CGCS2000 lon/lat (EPSG:4326, 4490; treated as equal, they differ
//! at the centimetre level), GCJ-02 and BD-09 lon/lat (converted to WGS84 on load, only
//! inside mainland China), and every projected CRS of the EPSG registry that proj4rs can
//! run: CGCS2000 Gauss-Krüger 3° and 6° zones (EPSG:4491–4554), Xian 1980, Beijing 1954,
//! UTM. Shapefile `.prj` WKT is read by its EPSG authority or its parameters.

mod chinese;
mod frame;
mod wkt;

use std::fmt;
use std::sync::Arc;

pub use chinese::{bd09_to_wgs84, gcj02_to_wgs84, is_in_mainland, wgs84_to_bd09, wgs84_to_gcj02};
pub use frame::{from_wgs84, to_wgs84, Frame, ToFrame};

/// A coordinate reference system a layer may be given in.
#[derive(Clone)]
pub enum Crs {
    /// Longitude/latitude in degrees, WGS84 or CGCS2000.
    LonLat,
    /// GCJ-02 longitude/latitude (Amap, Tencent).
    Gcj02,
    /// BD-09 longitude/latitude (Baidu).
    Bd09,
    /// A projected CRS in metres.
    Projected(Projected),
}

/// A projected CRS, run through proj4rs.
#[derive(Clone)]
pub struct Projected {
    /// The EPSG code, when known.
    pub epsg: Option<u32>,
    /// The proj string.
    pub proj4: String,
    pub(crate) proj: Arc<proj4rs::Proj>,
}

impl Crs {
    /// Parses a CRS name: `EPSG:4528`, `4528`, `urn:ogc:def:crs:EPSG::4528`, `CRS84`,
    /// `wgs84`, `cgcs2000`, `gcj02`, `bd09`, or WKT (a shapefile `.prj`).
    ///
    /// # Errors
    /// An unknown name or code, or a WKT projection proj4rs cannot run.
    pub fn parse(s: &str) -> Result<Crs, String> {
        let t = s.trim();
        if t.starts_with("GEOGCS")
            || t.starts_with("PROJCS")
            || t.starts_with("GEOGCRS")
            || t.starts_with("PROJCRS")
            || t.starts_with("GEODCRS")
        {
            return wkt::parse_wkt(t);
        }
        let l = t.to_lowercase().replace(['-', '_', ' '], "");
        match l.as_str() {
            "wgs84"
            | "cgcs2000"
            | "crs84"
            | "urn:ogc:def:crs:ogc:1.3:crs84"
            | "urn:ogc:def:crs:ogc::crs84"
            | "lonlat"
            | "longlat" => return Ok(Crs::LonLat),
            "gcj02" | "gcj" | "amap" | "gaode" | "mars" | "tencent" => return Ok(Crs::Gcj02),
            "bd09" | "bd09ll" | "baidu" => return Ok(Crs::Bd09),
            _ => {}
        }
        let code = l
            .trim_start_matches("urn:ogc:def:crs:")
            .trim_start_matches("epsg")
            .trim_start_matches(':')
            .trim_start_matches(':')
            .trim_start_matches(|c: char| !c.is_ascii_digit())
            .to_owned();
        match code.parse::<u32>() {
            Ok(c) => Crs::from_epsg(c),
            Err(_) => Err(format!(
                "unknown coordinate system \"{t}\" (accepted: EPSG:NNNN, wgs84, cgcs2000, gcj02, bd09)"
            )),
        }
    }

    /// The CRS of an EPSG code.
    ///
    /// # Errors
    /// A code not in the registry, or one proj4rs cannot run.
    pub fn from_epsg(code: u32) -> Result<Crs, String> {
        if code == 4326 || code == 4490 || code == 4283 || code == 4167 {
            return Ok(Crs::LonLat);
        }
        let def = u16::try_from(code)
            .ok()
            .and_then(crs_definitions::from_code)
            .ok_or_else(|| format!("unknown EPSG code {code}"))?;
        if def.proj4.contains("+proj=longlat") {
            return Ok(Crs::LonLat);
        }
        Crs::from_proj4(def.proj4, Some(code))
    }

    /// A projected CRS from a proj string.
    ///
    /// # Errors
    /// A string proj4rs cannot parse.
    pub fn from_proj4(proj4: &str, epsg: Option<u32>) -> Result<Crs, String> {
        let proj = proj4rs::Proj::from_proj_string(proj4)
            .map_err(|e| format!("cannot use projection \"{proj4}\": {e}"))?;
        if proj.is_latlong() {
            return Ok(Crs::LonLat);
        }
        Ok(Crs::Projected(Projected {
            epsg,
            proj4: proj4.to_owned(),
            proj: Arc::new(proj),
        }))
    }

    /// True for the lon/lat systems (WGS84/CGCS2000, GCJ-02, BD-09).
    pub fn is_lonlat(&self) -> bool {
        !matches!(self, Crs::Projected(_))
    }

    /// A short name: `EPSG:4528`, `WGS84`, `GCJ-02`, `BD-09`.
    pub fn name(&self) -> String {
        match self {
            Crs::LonLat => "WGS84/CGCS2000 lon/lat".into(),
            Crs::Gcj02 => "GCJ-02".into(),
            Crs::Bd09 => "BD-09".into(),
            Crs::Projected(p) => match p.epsg {
                Some(c) => format!("EPSG:{c}"),
                None => p.proj4.clone(),
            },
        }
    }
}

impl Projected {
    /// The Gauss-Krüger / transverse Mercator parameters (central meridian in degrees,
    /// false easting, false northing, scale), when this is such a projection on a
    /// GRS80/WGS84-sized ellipsoid: the case that maps to the working frame by a shift.
    pub fn tmerc_params(&self) -> Option<(f64, f64, f64, f64)> {
        let p = &self.proj;
        let (a, _) = p.ellipse_parameters();
        let is_tm = matches!(p.projname(), "tmerc" | "etmerc" | "utm");
        (is_tm && (a - 6_378_137.0).abs() < 1e-3 && p.latitude_of_origin() == 0.0).then(|| {
            (
                (p.longitude_of_origin().to_degrees() * 1e9).round() / 1e9,
                p.false_easting(),
                p.false_northing(),
                p.scaling_factor(),
            )
        })
    }
}

impl fmt::Debug for Crs {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_spelling() {
        assert!(matches!(Crs::parse("EPSG:4326"), Ok(Crs::LonLat)));
        assert!(matches!(
            Crs::parse("urn:ogc:def:crs:OGC:1.3:CRS84"),
            Ok(Crs::LonLat)
        ));
        assert!(matches!(Crs::parse("cgcs2000"), Ok(Crs::LonLat)));
        assert!(matches!(Crs::parse("GCJ-02"), Ok(Crs::Gcj02)));
        assert!(matches!(Crs::parse("bd09"), Ok(Crs::Bd09)));
        let c = Crs::parse("urn:ogc:def:crs:EPSG::4528").unwrap();
        assert_eq!(c.name(), "EPSG:4528");
        let Crs::Projected(p) = c else { panic!() };
        assert_eq!(p.tmerc_params(), Some((120.0, 40_500_000.0, 0.0, 1.0)));
        assert!(Crs::parse("EPSG:99999").is_err());
        assert!(Crs::parse("mars2000x")
            .unwrap_err()
            .contains("unknown coordinate system"));
    }
}
