//! Writes the sample city's standard factories and small firms (data/sample/factories.geojson
//! and data/sample/small_firms.csv) from its parks and parcels, deterministically:
//!
//!     cargo run --example sample_factories [-- data/sample]
//!
//! Three standard factories (标准厂房) stand on producing parcels: two in the printing and
//! packaging park (one with its vacant floor area recorded, one whose vacant area is its
//! floor area less what its present tenant occupies, found by location) and one in the
//! equipment park. Seven small firms of the old town must move and state a floor-area need
//! (three printers no land need: floor space is what they ask for). Planted: a capacity
//! that holds two of the three printers, a heavy polluter and an auto-painting firm (400 m
//! protection distance from the table) that may not share a building, and needs for more
//! floor load, clear height or floor space than a factory has.

use std::error::Error;
use std::fmt::Write as _;
use std::path::PathBuf;

use geo::{Area, Centroid, Contains, MultiPolygon, Point, Polygon, Scale};
use serde_json::{json, Value};

/// (factory id, name, park id, the parcel it stands near, which of the park's producing
/// parcels nearest that one it stands on (0 = nearest), floors, vacant m² (None: derived),
/// floor load kN/m², clear height m, `park_id` written).
type FactorySpec = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    usize,
    u32,
    Option<f64>,
    f64,
    f64,
    bool,
);

#[rustfmt::skip]
const FACTORIES: [FactorySpec; 3] = [
    ("BZCF-001", "临江印刷包装园标准厂房1号楼", "P003", "P003-00322", 0, 4, Some(2_000.0), 5.0, 4.5, true),
    ("BZCF-002", "临江印刷包装园标准厂房2号楼", "P003", "P003-00322", 1, 5, None, 6.5, 6.0, false),
    ("BZCF-003", "东湖装备制造园标准厂房1号楼", "P002", "P002-00167", 0, 3, Some(2_500.0), 8.0, 6.0, true),
];

/// (credit-code serial, name, industry, pollution, relocate, land 亩, EIA protection m,
/// floor need m², floor load need, clear height need, occupied m², offset of its point
/// from the first old-town factory in 0.001°, factory it sits in).
type FirmSpec = (
    u32,
    &'static str,
    &'static str,
    &'static str,
    bool,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    Option<f64>,
    (f64, f64),
    Option<usize>,
);

#[rustfmt::skip]
const FIRMS: [FirmSpec; 8] = [
    // Floor space is all the three printers ask for (no land need). BZCF-001 (2,000 m²)
    // holds one of the first two, BZCF-002 (2,200 m²) the third and neither other.
    (901, "精彩包装印刷有限公司", "2319", "轻", true, None, Some(30.0), Some(1_200.0), Some(3.0), Some(4.0), None, (1.0, 2.0), None),
    (902, "彩虹纸品包装有限公司", "2231", "轻", true, None, Some(50.0), Some(1_000.0), None, None, None, (-1.5, 3.0), None),
    // Planted: needs 6 kN/m², more than BZCF-001 carries.
    (903, "华美塑料包装有限公司", "2929", "轻", true, None, Some(40.0), Some(1_500.0), Some(6.0), Some(5.5), None, (2.5, -1.0), None),
    // Planted: needs a clear height of 7 m, more than BZCF-003 has.
    (904, "恒力五金制品有限公司", "3484", "轻", true, Some(4.0), Some(30.0), Some(900.0), Some(6.5), Some(7.0), None, (-2.0, -2.0), None),
    // Planted: 400 m from the table (automobiles) is too far to share a building.
    (905, "鑫达汽车喷涂有限公司", "3670", "中", true, Some(3.0), None, Some(800.0), None, None, None, (3.0, 3.0), None),
    // Planted: a heavy polluter may not share a building.
    (906, "东方彩印有限公司", "2319", "重", true, Some(4.0), Some(50.0), Some(1_100.0), None, None, None, (-3.0, 1.0), None),
    // Planted: more floor space than BZCF-003 has vacant.
    (907, "远大精密机械有限公司", "3484", "轻", true, Some(6.0), Some(30.0), Some(2_600.0), Some(5.0), None, None, (0.5, -3.0), None),
    // The present tenant of BZCF-002 (not moving): it occupies all but 2,200 m² (written
    // from the footprint's floor area).
    (908, "临江彩盒包装有限公司", "2231", "轻", false, None, None, None, None, None, Some(2_200.0), (0.0, 0.0), Some(1)),
];

fn polygons(g: &Value) -> Option<MultiPolygon<f64>> {
    let ring = |r: &Value| -> Option<geo::LineString<f64>> {
        r.as_array()?
            .iter()
            .map(|c| Some((c.get(0)?.as_f64()?, c.get(1)?.as_f64()?)))
            .collect::<Option<Vec<_>>>()
            .map(geo::LineString::from)
    };
    let poly = |p: &Value| -> Option<Polygon<f64>> {
        let rings = p.as_array()?;
        let outer = ring(rings.first()?)?;
        let inner = rings[1..].iter().filter_map(ring).collect();
        Some(Polygon::new(outer, inner))
    };
    match g.get("type")?.as_str()? {
        "Polygon" => Some(MultiPolygon::new(vec![poly(g.get("coordinates")?)?])),
        "MultiPolygon" => g
            .get("coordinates")?
            .as_array()?
            .iter()
            .map(poly)
            .collect::<Option<Vec<_>>>()
            .map(MultiPolygon::new),
        _ => None,
    }
}

/// The check character of a unified social credit code (GB 32100-2015).
fn credit_code(serial: u32) -> String {
    let base = format!("91330100{serial:06}XCF");
    let check = parkscope::model::credit_check_char(&base).unwrap_or('0');
    format!("{base}{check}")
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("data/sample"));
    let parks: Value = serde_json::from_str(&std::fs::read_to_string(dir.join("parks.geojson"))?)?;
    let parcels: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("parcels.geojson"))?)?;
    let features = |v: &Value| v["features"].as_array().cloned().unwrap_or_default();
    let park_shape = |id: &str| {
        features(&parks)
            .iter()
            .find(|f| f["properties"]["园区编号"] == id)
            .and_then(|f| polygons(&f["geometry"]))
    };
    let mut out = Vec::new();
    let mut centres: Vec<Point<f64>> = Vec::new();
    let mut totals: Vec<f64> = Vec::new();
    let centre_of = |id: &str| {
        features(&parcels)
            .iter()
            .find(|f| f["properties"]["地块代码"] == id)
            .and_then(|f| polygons(&f["geometry"]))
            .and_then(|g| g.centroid())
    };
    for (id, name, park, near, nth, floors, vacant, load, height, write_park) in FACTORIES {
        let shape = park_shape(park).ok_or(format!("no park {park}"))?;
        let near = centre_of(near).ok_or(format!("no parcel {near}"))?;
        // The park's producing parcels, nearest `near` first (then by id).
        let mut hosts: Vec<(String, MultiPolygon<f64>)> = features(&parcels)
            .iter()
            .filter(|f| f["properties"]["是否投产"] == "是")
            .filter_map(|f| {
                let g = polygons(&f["geometry"])?;
                let c = g.centroid()?;
                shape.contains(&c).then(|| {
                    (
                        f["properties"]["地块代码"]
                            .as_str()
                            .unwrap_or("")
                            .to_owned(),
                        g,
                    )
                })
            })
            .collect();
        let d = |g: &MultiPolygon<f64>| {
            g.centroid().map_or(f64::INFINITY, |c| {
                (c.x() - near.x()).hypot(c.y() - near.y())
            })
        };
        hosts.sort_by(|a, b| d(&a.1).total_cmp(&d(&b.1)).then(a.0.cmp(&b.0)));
        let (_, host) = hosts
            .get(nth)
            .ok_or(format!("park {park} has no parcel {nth}"))?;
        let outline = host.0.first().ok_or("an empty parcel")?;
        let c = outline.centroid().ok_or("a parcel without a centroid")?;
        // In the parcel's corner nearest the parcel it stands near (on the road side).
        let corner = outline
            .exterior()
            .coords()
            .min_by(|a, b| {
                let d = |p: &&geo::Coord<f64>| (p.x - near.x()).hypot(p.y - near.y());
                d(a).total_cmp(&d(b))
            })
            .copied()
            .ok_or("an empty parcel")?;
        let footprint = outline.scale_around_point(0.5, 0.5, corner);
        let round = |x: f64| (x * 1000.0).round() / 1000.0;
        let coords: Vec<Vec<f64>> = footprint
            .exterior()
            .coords()
            .map(|p| vec![round(p.x), round(p.y)])
            .collect();
        eprintln!(
            "{id}: on a parcel of {park}, footprint {:.0} m² × {floors} floors",
            footprint.unsigned_area()
        );
        centres.push(footprint.centroid().unwrap_or(c));
        totals.push(footprint.unsigned_area() * floors as f64);
        out.push(json!({
            "type": "Feature",
            "properties": {
                "厂房编号": id,
                "厂房名称": name,
                "层数": floors,
                "空置面积": vacant,
                "楼面荷载": load,
                "净高": height,
                "园区编号": if write_park { Some(park) } else { None },
            },
            "geometry": {"type": "Polygon", "coordinates": [coords]},
        }));
    }
    let collection = json!({
        "type": "FeatureCollection",
        "name": "factories",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4549"}},
        "features": out,
    });
    let mut text = String::from("{\"type\":\"FeatureCollection\",\"name\":\"factories\",\"crs\":");
    text.push_str(&collection["crs"].to_string());
    text.push_str(",\"features\":[\n");
    let rows: Vec<String> = out.iter().map(Value::to_string).collect();
    text.push_str(&rows.join(",\n"));
    text.push_str("\n]}\n");
    std::fs::write(dir.join("factories.geojson"), text)?;

    // The small firms' points: offsets from the first old-town factory of the ledger, in
    // its GCJ-02 lon/lat; the present tenant at its factory's centre.
    let ledger = std::fs::read_to_string(dir.join("enterprises.csv"))?;
    let first_old = ledger
        .lines()
        .find(|l| l.contains("OLD-"))
        .ok_or("no old-town factory in the ledger")?;
    let cells: Vec<&str> = first_old.split(',').collect();
    let (lon0, lat0): (f64, f64) = (
        cells[cells.len() - 2].parse()?,
        cells[cells.len() - 1].parse()?,
    );
    let frame = parkscope::crs::Frame::with_central_meridian(120.0);
    let mut csv = String::from(
        "\u{feff}统一社会信用代码,企业名称,行业代码,宗地编号,营业收入,实缴税金,工业增加值,从业人员,综合能耗,主要污染物排放当量,研发经费,污染类别,搬迁,需求用地,卫生防护距离,经度,纬度,需求厂房面积,楼面荷载要求,净高要求,占用厂房面积\n",
    );
    let opt = |v: Option<f64>| v.map(|x| format!("{x}")).unwrap_or_default();
    for (
        k,
        (
            serial,
            name,
            industry,
            pollution,
            relocate,
            mu,
            eia,
            floor,
            load,
            height,
            occupied,
            (dx, dy),
            inside,
        ),
    ) in FIRMS.iter().enumerate()
    {
        let (lon, lat) = match inside {
            Some(f) => {
                let c = centres[*f];
                let (lon, lat) = frame
                    .inverse(c.x(), c.y())
                    .ok_or("a factory off the frame")?;
                parkscope::crs::wgs84_to_gcj02(lon, lat)
            }
            None => (lon0 + dx / 1000.0, lat0 + dy / 1000.0),
        };
        let revenue = 1_200.0 + 350.0 * k as f64;
        // A present tenant occupies its factory's floor area less the given amount.
        let occupied = match (inside, occupied) {
            (Some(f), Some(left)) => Some((totals[*f] - left).round().max(0.0)),
            _ => *occupied,
        };
        writeln!(
            csv,
            "{},{name},{industry},,{revenue:.1},{:.1},{:.1},{},{:.1},{:.2},{:.1},{pollution},{},{},{},{lon:.7},{lat:.7},{},{},{},{}",
            credit_code(*serial),
            revenue * 0.05,
            revenue * 0.22,
            18 + 4 * k,
            revenue * 0.04,
            1.0 + k as f64 * 0.3,
            revenue * 0.02,
            if *relocate { "是" } else { "否" },
            opt(*mu),
            opt(*eia),
            opt(*floor),
            opt(*load),
            opt(*height),
            opt(occupied),
        )?;
    }
    std::fs::write(dir.join("small_firms.csv"), csv)?;
    eprintln!(
        "wrote {} and {}",
        dir.join("factories.geojson").display(),
        dir.join("small_firms.csv").display()
    );
    Ok(())
}
