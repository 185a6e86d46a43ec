//! Coordinates against independent implementations: GCJ-02/BD-09 against prcoords vectors,
//! Gauss-Krüger against PROJ, areas against pyproj's geodesic area.

use parkscope::crs::{
    bd09_to_wgs84, gcj02_to_wgs84, is_in_mainland, wgs84_to_bd09, wgs84_to_gcj02, Crs, Frame,
};

fn vectors() -> Vec<std::collections::HashMap<String, String>> {
    crate::util::read_csv(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/gcj02/prcoords_reference_vectors.csv"
    )))
}

#[test]
fn gcj02_and_bd09_match_prcoords_in_the_mainland() {
    let mut checked = 0;
    for row in vectors() {
        let f = |k: &str| row[k].parse::<f64>().unwrap();
        let (lon, lat) = (f("wgs_lon"), f("wgs_lat"));
        if row["in_prcoords_bbox"] != "true" || !is_in_mainland(lon, lat) {
            continue;
        }
        let (gx, gy) = wgs84_to_gcj02(lon, lat);
        assert!(
            (gx - f("gcj_lon")).abs() < 1e-9 && (gy - f("gcj_lat")).abs() < 1e-9,
            "{}: {gx} {gy}",
            row["case_id"]
        );
        let (bx, by) = wgs84_to_bd09(lon, lat);
        assert!(
            (bx - f("bd_lon")).abs() < 1e-7 && (by - f("bd_lat")).abs() < 1e-7,
            "{}: bd {bx} {by}",
            row["case_id"]
        );
        // The inverse, iterated: well under a metre (1e-8° ≈ 1 mm).
        let (wx, wy) = gcj02_to_wgs84(f("gcj_lon"), f("gcj_lat"));
        assert!(
            (wx - lon).abs() < 1e-8 && (wy - lat).abs() < 1e-8,
            "{}: inverse {wx} {wy}",
            row["case_id"]
        );
        let (vx, vy) = bd09_to_wgs84(f("bd_lon"), f("bd_lat"));
        assert!(
            (vx - lon).abs() < 1e-7 && (vy - lat).abs() < 1e-7,
            "{}: bd inverse",
            row["case_id"]
        );
        checked += 1;
    }
    assert!(checked > 80, "{checked} mainland vectors checked");
}

#[test]
fn hong_kong_macau_taiwan_and_neighbours_stay_unshifted() {
    // A plain bounding box wrongly shifts these; prcoords does (its vectors say so).
    for (name, lon, lat) in [
        ("hongkong", 114.17, 22.32),
        ("macau", 113.54, 22.19),
        ("taipei", 121.56, 25.04),
        ("seoul", 126.978, 37.5665),
        ("hanoi", 105.8342, 21.0278),
        ("tokyo", 139.6917, 35.6895),
    ] {
        assert_eq!(wgs84_to_gcj02(lon, lat), (lon, lat), "{name}");
        assert_eq!(gcj02_to_wgs84(lon, lat), (lon, lat), "{name}");
    }
}

#[test]
fn gauss_kruger_zones_match_proj() {
    // pyproj 3.7 / PROJ: (117.3E, 36.5N) in EPSG:4527 → (39 526 877.36641018, 4 041 066.34705792).
    let crs = Crs::from_epsg(4527).unwrap();
    let (x, y) = parkscope::crs::from_wgs84(&crs, 117.3, 36.5).unwrap();
    assert!(
        (x - 39_526_877.366_410_18).abs() < 1e-3 && (y - 4_041_066.347_057_92).abs() < 1e-3,
        "{x} {y}"
    );
    // (120.2E, 30.3N) in EPSG:4549 → (519 238.9689122639, 3 353 386.8317687022).
    let (x, y) = Frame::with_central_meridian(120.0)
        .forward(120.2, 30.3)
        .unwrap();
    assert!(
        (x - 519_238.968_912_263_9).abs() < 1e-3 && (y - 3_353_386.831_768_702).abs() < 1e-3,
        "{x} {y}"
    );
}

#[test]
fn planar_area_in_the_frame_agrees_with_the_geodesic_area() {
    use geo::{Area, MapCoords};
    // DEPENDENCIES.md 2c ring near (120E, 30N); pyproj Geod(GRS80) area 1 219 253.9951 m².
    use geo::polygon;
    let ring = polygon![(x: 120.000, y: 30.000), (x: 120.010, y: 30.000), (x: 120.012, y: 30.008), (x: 120.003, y: 30.011), (x: 119.998, y: 30.006)];
    let f = Frame::for_longitude(120.0);
    let planar = ring.map_coords(|c| {
        let (x, y) = f.forward(c.x, c.y).unwrap();
        geo::Coord { x, y }
    });
    let a = planar.unsigned_area();
    assert!((a / 1_219_253.995_109_677_3 - 1.0).abs() < 1e-6, "{a}");
    // Moved to the edge of the zone (1.4° off the meridian) it still agrees to 0.1 %.
    let edge = ring.map_coords(|c| {
        let (x, y) = Frame::with_central_meridian(118.6)
            .forward(c.x, c.y)
            .unwrap();
        geo::Coord { x, y }
    });
    assert!((edge.unsigned_area() / 1_219_253.995_109_677_3 - 1.0).abs() < 1e-3);
}
