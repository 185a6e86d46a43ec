//! GCJ-02 (Amap, Tencent) and BD-09 (Baidu) to WGS84 and back.
//!
//! The public algorithm (DOMAIN.md 8.3) through the `coordtransform` crate, whose
//! inverse is refined iteratively (round trip ≤ 1.1e-4 m) and whose region test is a
//! mainland-China polygon: Hong Kong, Macau, Taiwan and neighbouring countries stay
//! unshifted, which a plain bounding box gets wrong.

/// True inside the region where GCJ-02 shifts apply (mainland China).
pub fn is_in_mainland(lon: f64, lat: f64) -> bool {
    coordtransform::is_in_gcj02_region(lon, lat)
}

/// WGS84 → GCJ-02; unchanged outside mainland China.
pub fn wgs84_to_gcj02(lon: f64, lat: f64) -> (f64, f64) {
    coordtransform::wgs84_to_gcj02(lon, lat)
}

/// GCJ-02 → WGS84, iterated to sub-millimetre accuracy; unchanged outside mainland China.
pub fn gcj02_to_wgs84(lon: f64, lat: f64) -> (f64, f64) {
    coordtransform::gcj02_to_wgs84(lon, lat)
}

/// WGS84 → BD-09; unchanged outside mainland China.
pub fn wgs84_to_bd09(lon: f64, lat: f64) -> (f64, f64) {
    coordtransform::wgs84_to_bd09(lon, lat)
}

/// BD-09 → WGS84; unchanged outside mainland China.
pub fn bd09_to_wgs84(lon: f64, lat: f64) -> (f64, f64) {
    coordtransform::bd09_to_wgs84(lon, lat)
}
