//! The working frame: a CGCS2000 3-degree Gauss-Krüger projection (transverse Mercator,
//! k = 1, false easting 500 000 m) centred on the zone of the data. Inside one 3° zone its
//! areas agree with the geodesic area to better than 0.1 % (DOMAIN.md "Areas").

use std::sync::Arc;

use proj4rs::Proj;

use super::{bd09_to_wgs84, gcj02_to_wgs84, Crs};

/// The metric frame all model geometry lives in. Cheap to clone.
#[derive(Clone)]
pub struct Frame {
    cm: f64,
    tm: Arc<Proj>,
    ll: Arc<Proj>,
}

impl std::fmt::Debug for Frame {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

impl Frame {
    /// The frame of a central meridian in degrees east.
    pub fn with_central_meridian(cm: f64) -> Frame {
        let tm = Proj::from_proj_string(&format!(
            "+proj=tmerc +lat_0=0 +lon_0={cm} +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs"
        ))
        .expect("a tmerc proj string with a numeric central meridian always parses");
        let ll = Proj::from_proj_string("+proj=longlat +ellps=GRS80 +no_defs")
            .expect("the longlat proj string is a constant that parses");
        Frame {
            cm,
            tm: Arc::new(tm),
            ll: Arc::new(ll),
        }
    }

    /// The frame of the 3-degree zone containing a longitude.
    pub fn for_longitude(lon: f64) -> Frame {
        Frame::with_central_meridian((lon / 3.0).round() * 3.0)
    }

    /// The central meridian in degrees east.
    pub fn central_meridian(&self) -> f64 {
        self.cm
    }

    /// The EPSG code of this frame (CGCS2000 3° GK, CM variant: 4534–4554).
    pub fn epsg(&self) -> Option<u32> {
        let k = (self.cm - 75.0) / 3.0;
        (k.fract() == 0.0 && (0.0..=20.0).contains(&k)).then(|| 4534 + k as u32)
    }

    /// The frame's name as shown on maps and reports.
    pub fn name(&self) -> String {
        match self.epsg() {
            Some(c) => format!(
                "CGCS2000 / 3-degree Gauss-Kruger CM {}E (EPSG:{c})",
                self.cm
            ),
            None => format!("CGCS2000 transverse Mercator CM {}E", self.cm),
        }
    }

    /// The frame's name in Chinese as survey sheets write it, e.g. "2000国家大地坐标系 3°带
    /// 中央经线 117°E（EPSG:4548）".
    pub fn name_zh(&self) -> String {
        match self.epsg() {
            Some(c) => format!("2000国家大地坐标系 3°带 中央经线 {}°E（EPSG:{c}）", self.cm),
            None => format!("2000国家大地坐标系 横轴墨卡托投影 中央经线 {}°E", self.cm),
        }
    }

    /// Lon/lat in degrees → frame metres.
    pub fn forward(&self, lon: f64, lat: f64) -> Option<(f64, f64)> {
        let mut p = (lon.to_radians(), lat.to_radians(), 0.0);
        proj4rs::transform::transform(&self.ll, &self.tm, &mut p).ok()?;
        (p.0.is_finite() && p.1.is_finite()).then_some((p.0, p.1))
    }

    /// Frame metres → lon/lat in degrees.
    pub fn inverse(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        let mut p = (x, y, 0.0);
        proj4rs::transform::transform(&self.tm, &self.ll, &mut p).ok()?;
        let (lon, lat) = (p.0.to_degrees(), p.1.to_degrees());
        (lon.is_finite() && lat.is_finite()).then_some((lon, lat))
    }

    /// A converter from coordinates in `crs` to this frame.
    pub fn converter(&self, crs: &Crs) -> ToFrame {
        match crs {
            Crs::LonLat => ToFrame::LonLat(self.clone()),
            Crs::Gcj02 => ToFrame::Gcj02(self.clone()),
            Crs::Bd09 => ToFrame::Bd09(self.clone()),
            Crs::Projected(p) => match p.tmerc_params() {
                // Same meridian, same ellipsoid, k = 1: the frame differs by its false origin.
                Some((cm, x0, y0, k)) if (cm - self.cm).abs() < 1e-9 && k == 1.0 => {
                    ToFrame::Shift {
                        dx: 500_000.0 - x0,
                        dy: -y0,
                    }
                }
                _ => ToFrame::Reproject {
                    src: p.proj.clone(),
                    frame: self.clone(),
                },
            },
        }
    }
}

/// Converts one layer's coordinates into the working frame.
#[derive(Clone)]
pub enum ToFrame {
    /// WGS84/CGCS2000 lon/lat.
    LonLat(Frame),
    /// GCJ-02 lon/lat.
    Gcj02(Frame),
    /// BD-09 lon/lat.
    Bd09(Frame),
    /// A Gauss-Krüger CRS on the frame's meridian: a shift of the false origin.
    Shift {
        /// Added to x.
        dx: f64,
        /// Added to y.
        dy: f64,
    },
    /// Any other projected CRS: inverse to lon/lat, then into the frame.
    Reproject {
        /// The source projection.
        src: Arc<Proj>,
        /// The frame.
        frame: Frame,
    },
}

impl ToFrame {
    /// Converts one coordinate; `None` when it cannot be projected.
    pub fn convert(&self, x: f64, y: f64) -> Option<(f64, f64)> {
        match self {
            ToFrame::LonLat(f) => f.forward(x, y),
            ToFrame::Gcj02(f) => {
                let (lon, lat) = gcj02_to_wgs84(x, y);
                f.forward(lon, lat)
            }
            ToFrame::Bd09(f) => {
                let (lon, lat) = bd09_to_wgs84(x, y);
                f.forward(lon, lat)
            }
            ToFrame::Shift { dx, dy } => Some((x + dx, y + dy)),
            ToFrame::Reproject { src, frame } => {
                let mut p = (x, y, 0.0);
                proj4rs::transform::transform(src, &frame.tm, &mut p).ok()?;
                (p.0.is_finite() && p.1.is_finite()).then_some((p.0, p.1))
            }
        }
    }
}

/// Lon/lat (WGS84) of a coordinate in any CRS, for choosing the frame and checking extents.
pub fn to_wgs84(crs: &Crs, x: f64, y: f64) -> Option<(f64, f64)> {
    match crs {
        Crs::LonLat => Some((x, y)),
        Crs::Gcj02 => Some(gcj02_to_wgs84(x, y)),
        Crs::Bd09 => Some(bd09_to_wgs84(x, y)),
        Crs::Projected(p) => {
            let ll = Proj::from_proj_string("+proj=longlat +ellps=GRS80 +no_defs").ok()?;
            let mut q = (x, y, 0.0);
            proj4rs::transform::transform(&p.proj, &ll, &mut q).ok()?;
            let (lon, lat) = (q.0.to_degrees(), q.1.to_degrees());
            (lon.is_finite() && lat.is_finite()).then_some((lon, lat))
        }
    }
}

/// A WGS84 lon/lat coordinate in any CRS (the inverse of [`to_wgs84`]).
pub fn from_wgs84(crs: &Crs, lon: f64, lat: f64) -> Option<(f64, f64)> {
    match crs {
        Crs::LonLat => Some((lon, lat)),
        Crs::Gcj02 => Some(super::wgs84_to_gcj02(lon, lat)),
        Crs::Bd09 => Some(super::wgs84_to_bd09(lon, lat)),
        Crs::Projected(p) => {
            let ll = Proj::from_proj_string("+proj=longlat +ellps=GRS80 +no_defs").ok()?;
            let mut q = (lon.to_radians(), lat.to_radians(), 0.0);
            proj4rs::transform::transform(&ll, &p.proj, &mut q).ok()?;
            (q.0.is_finite() && q.1.is_finite()).then_some((q.0, q.1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauss_kruger_matches_proj() {
        // DEPENDENCIES.md 2c: PROJ 9.5.1 gives (40500000.000000, 3320113.397845) for
        // (120E, 30N) in EPSG:4528; the CM frame is the same less 40 000 000 m.
        let f = Frame::for_longitude(120.4);
        assert_eq!(f.epsg(), Some(4549));
        let (x, y) = f.forward(120.0, 30.0).unwrap();
        assert!(
            (x - 500_000.0).abs() < 1e-6 && (y - 3_320_113.397845).abs() < 1e-6,
            "{x} {y}"
        );
        let (lon, lat) = f.inverse(x, y).unwrap();
        assert!((lon - 120.0).abs() < 1e-10 && (lat - 30.0).abs() < 1e-10);
    }

    #[test]
    fn zone_prefixed_gk_is_a_shift_and_4527_inverts() {
        let f = Frame::with_central_meridian(117.0);
        let c = f.converter(&Crs::from_epsg(4527).unwrap());
        assert!(matches!(c, ToFrame::Shift { .. }));
        assert_eq!(
            c.convert(39_500_100.0, 4_000_000.0),
            Some((500_100.0, 4_000_000.0))
        );
        // DOMAIN.md 8.2: some PROJ builds returned inf inverting EPSG:4527.
        let (lon, lat) =
            to_wgs84(&Crs::from_epsg(4527).unwrap(), 39_500_000.0, 4_000_000.0).unwrap();
        assert!(
            (lon - 117.0).abs() < 1e-9 && (36.0..37.0).contains(&lat),
            "{lon} {lat}"
        );
    }

    #[test]
    fn other_zone_reprojects() {
        let f = Frame::with_central_meridian(120.0);
        let c = f.converter(&Crs::from_epsg(4548).unwrap()); // CM 117E
        let (x, y) = c.convert(500_000.0, 3_320_000.0).unwrap();
        let (lon, _) = f.inverse(x, y).unwrap();
        assert!((lon - 117.0).abs() < 1e-9, "{lon}");
    }
}
