//! Serviced land (熟地) and years of supply left, against a small project worked by hand.
//!
//! Parcels are 100 m squares (15 亩) in EPSG:4549 metres, offset as `util::rect`:
//! - A (0..100, 0..100, 未批): road 29.5 m away, substation 1 at 2,950 m, wastewater at
//!   3,911 m → road;power;wastewater, serviced.
//! - B (200..300, 已批): road 29.5 m, substation 1 at 3,150 m and 2 at 3,010 m (> 3,000)
//!   → road;wastewater, not serviced.
//! - C (400..600, 30 亩, 已批): road 2 crosses it (0 m), substation 2 at 2,990.4 m →
//!   road;power;wastewater, serviced.
//! - D (700..800, 已供 on 2026-08-01, after the as-of date: not supplied yet): road 3 is
//!   30.5 m away → power;wastewater, not serviced.
//! - I (900..1000, no status): not judged.
//! - E, F (30 亩), G, H, J (row y 300..400) supplied on 2023-05-01, 2025-03-01, 2022-12-31,
//!   2026-01-15 and without a date.
//!
//! No gas feature: gas is not assessed. As of 2026-06-30: serviced unsupplied A + C = 45 亩,
//! largest 30; suppliable A + B + C + D = 75 亩; supply 2023–2025 = 15 + 0 + 30 = 45 亩,
//! 15 亩/year; 75 / 15 = 5 years left.

use serde_json::{json, Value};

use crate::util::{analyse, gk_collection, read_csv, rect, run, Project};

const OX: f64 = 520_000.0;
const OY: f64 = 3_352_000.0;

fn pt(x: f64, y: f64) -> [f64; 2] {
    [OX + x, OY + y]
}

/// An infrastructure collection in EPSG:4549 from (properties, geometry) pairs.
fn infrastructure(features: &[(Value, Value)]) -> String {
    let feats: Vec<Value> = features
        .iter()
        .map(|(p, g)| json!({"type": "Feature", "properties": p, "geometry": g}))
        .collect();
    json!({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4549"}}, "features": feats}).to_string()
}

fn line(a: (f64, f64), b: (f64, f64)) -> Value {
    json!({"type": "LineString", "coordinates": [pt(a.0, a.1), pt(b.0, b.1)]})
}

fn point(x: f64, y: f64) -> Value {
    json!({"type": "Point", "coordinates": pt(x, y)})
}

fn fixture(gas: bool, with_infrastructure: bool) -> Project {
    let p = Project::new();
    let sq = |x: f64, y: f64, w: f64| vec![rect(x, y, x + w, y + 100.0)];
    let parcels = vec![
        (
            json!({"parcel_id": "A", "status": "未批"}),
            sq(0.0, 0.0, 100.0),
        ),
        (
            json!({"parcel_id": "B", "status": "已批"}),
            sq(200.0, 0.0, 100.0),
        ),
        (
            json!({"parcel_id": "C", "status": "已批"}),
            sq(400.0, 0.0, 200.0),
        ),
        (
            json!({"parcel_id": "D", "status": "已供", "supply_date": "2026-08-01"}),
            sq(700.0, 0.0, 100.0),
        ),
        (json!({"parcel_id": "I"}), sq(900.0, 0.0, 100.0)),
        (
            json!({"parcel_id": "E", "status": "已供", "supply_date": "2023-05-01"}),
            sq(0.0, 300.0, 100.0),
        ),
        (
            json!({"parcel_id": "F", "status": "已供", "supply_date": "2025年3月1日"}),
            sq(200.0, 300.0, 200.0),
        ),
        (
            json!({"parcel_id": "G", "status": "已供", "supply_date": "2022-12-31"}),
            sq(500.0, 300.0, 100.0),
        ),
        (
            json!({"parcel_id": "H", "status": "已供", "supply_date": "2026-01-15"}),
            sq(700.0, 300.0, 100.0),
        ),
        (
            json!({"parcel_id": "J", "status": "已供"}),
            sq(900.0, 300.0, 100.0),
        ),
    ];
    p.file("parcels.geojson", gk_collection(&parcels));
    p.file(
        "parks.geojson",
        gk_collection(&[
            (
                json!({"park_id": "P", "level": "国家级"}),
                vec![rect(-10.0, -10.0, 1010.0, 410.0)],
            ),
            (
                json!({"park_id": "EMPTY", "level": "县级"}),
                vec![rect(5000.0, 5000.0, 6000.0, 6000.0)],
            ),
        ]),
    );
    let mut infra = vec![
        (
            json!({"kind": "道路", "class": "支路"}),
            line((-50.0, 129.5), (350.0, 129.5)),
        ),
        (json!({"kind": "road"}), line((450.0, -50.0), (450.0, 50.0))),
        (
            json!({"kind": "road"}),
            line((700.0, -30.5), (800.0, -30.5)),
        ),
        (json!({"kind": "变电站"}), point(-2950.0, 50.0)),
        (json!({"kind": "substation"}), point(650.0, -2990.0)),
        (json!({"kind": "污水处理厂"}), point(400.0, 4000.0)),
    ];
    if gas {
        // 1,900 m from A, 2,300 m from C.
        infra.push((json!({"kind": "燃气"}), point(-1900.0, 50.0)));
    }
    p.file("infrastructure.geojson", infrastructure(&infra));
    let mut toml = String::from(
        "as_of = \"2026-06-30\"\nlang = \"en\"\n[layers.parcels]\npath = \"parcels.geojson\"\n[layers.parks]\npath = \"parks.geojson\"\n",
    );
    if with_infrastructure {
        toml.push_str("[layers.infrastructure]\npath = \"infrastructure.geojson\"\n");
    }
    p.file("parkscope.toml", toml);
    p
}

fn parcel_index(ws: &parkscope::Workspace, id: &str) -> usize {
    ws.model()
        .parcels
        .iter()
        .position(|p| p.id == id)
        .expect("parcel")
}

fn services(
    ws: &parkscope::Workspace,
    a: &parkscope::analyse::Analysis,
    id: &str,
) -> (Option<String>, Option<bool>) {
    let v = a.supply.serviced.parcels[parcel_index(ws, id)];
    (v.present().map(|s| s.joined()), v.serviced())
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn services_of_each_unsupplied_parcel_by_hand() {
    let p = fixture(false, true);
    let (ws, a) = analyse(p.path(), "2026-06-30");
    let s = |id| services(&ws, &a, id);
    assert_eq!(s("A"), (Some("road;power;wastewater".into()), Some(true)));
    assert_eq!(s("B"), (Some("road;wastewater".into()), Some(false)));
    assert_eq!(
        s("C"),
        (Some("road;power;wastewater".into()), Some(true)),
        "a road crossing the parcel is 0 m away"
    );
    assert_eq!(
        s("D"),
        (Some("power;wastewater".into()), Some(false)),
        "supplied after the as-of date; road 30.5 m away"
    );
    assert_eq!(s("I"), (None, None), "status unknown: not judged");
    for id in ["E", "F", "G", "H", "J"] {
        assert_eq!(s(id), (None, None), "{id} is supplied");
    }
    assert_eq!(a.supply.serviced.assessed.joined(), "road;power;wastewater");
    let report = &ws.load_report().layers["infrastructure"];
    let notes: Vec<String> = report
        .problems
        .iter()
        .map(|p| p.reason.to_string())
        .collect();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("gas") && notes[0].contains("not assessed"),
        "{notes:?}"
    );
    assert_eq!(report.rejected, 0);

    let park = &a.supply.parks[0];
    assert!(close(park.serviced_unsupplied.unwrap().to_mu(), 45.0));
    assert!(close(park.largest_serviced.unwrap().to_mu(), 30.0));
    assert!(close(park.outlook.suppliable.to_mu(), 75.0));
    assert!(close(park.outlook.per_year.to_mu(), 15.0));
    assert!(close(park.outlook.years_left.unwrap(), 5.0));
    let empty = &a.supply.parks[1];
    assert_eq!(empty.serviced_unsupplied.map(|x| x.m2()), Some(0.0));
    assert_eq!(empty.largest_serviced.map(|x| x.m2()), Some(0.0));
    assert_eq!(empty.outlook.years_left, None, "no supply in 2023–2025");
}

#[test]
fn gas_counts_once_the_layer_holds_it() {
    let p = fixture(true, true);
    let (ws, a) = analyse(p.path(), "2026-06-30");
    let s = |id| services(&ws, &a, id);
    assert_eq!(
        s("A"),
        (Some("road;power;wastewater;gas".into()), Some(true))
    );
    assert_eq!(
        s("C"),
        (Some("road;power;wastewater".into()), Some(false)),
        "gas 2,300 m away"
    );
    assert!(ws.load_report().layers["infrastructure"]
        .problems
        .is_empty());
    let park = &a.supply.parks[0];
    assert!(close(park.serviced_unsupplied.unwrap().to_mu(), 15.0));
    assert!(close(park.largest_serviced.unwrap().to_mu(), 15.0));
}

#[test]
fn without_infrastructure_nothing_is_assessed() {
    let p = fixture(false, false);
    let (ws, a) = analyse(p.path(), "2026-06-30");
    assert_eq!(services(&ws, &a, "A"), (Some(String::new()), None));
    assert_eq!(a.supply.parks[0].serviced_unsupplied, None);
    assert_eq!(a.supply.parks[0].largest_serviced, None);
    assert!(
        close(a.supply.parks[0].outlook.years_left.unwrap(), 5.0),
        "supply years need no infrastructure"
    );
}

#[test]
fn the_years_follow_the_as_of_date() {
    let p = fixture(false, true);
    // D's supply of 2026-08-01 has happened: 60 亩 left; the window is still 2023–2025.
    let (ws, a) = analyse(p.path(), "2026-09-01");
    assert_eq!(services(&ws, &a, "D"), (None, None));
    let o = &a.supply.parks[0].outlook;
    assert!(close(o.suppliable.to_mu(), 60.0));
    assert!(close(o.years_left.unwrap(), 4.0));
    assert!(close(o.by_year.in_year(2026).to_mu(), 30.0), "H and D");
    // As of 2025-01-01 the window is 2022–2024: G (2022-12-31) + E = 30 亩, 10 亩/year;
    // F, H and D are still to be supplied: 75 + 30 + 15 = 120 亩, 12 years.
    let (_, a) = analyse(p.path(), "2025-01-01");
    let o = &a.supply.parks[0].outlook;
    assert!(close(o.per_year.to_mu(), 10.0));
    assert!(close(o.suppliable.to_mu(), 120.0));
    assert!(close(o.years_left.unwrap(), 12.0));
    // As of 2022-06-30 nothing was supplied in 2019–2021: no years-left figure.
    let (_, a) = analyse(p.path(), "2022-06-30");
    let o = &a.supply.parks[0].outlook;
    assert_eq!(o.per_year.m2(), 0.0);
    assert_eq!(o.years_left, None);
}

#[test]
fn tables_carry_the_new_columns_last() {
    let p = fixture(false, true);
    let out = p.join("out");
    let r = run(&[
        "intensity".as_ref(),
        p.path().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        "geojson,csv".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("not assessed gas"), "{}", r.stdout);
    assert!(
        r.stdout.contains("years of supply left 5.0"),
        "{}",
        r.stdout
    );

    let header = |name: &str| {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        text.trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap()
            .to_owned()
    };
    assert!(header("parcels.csv").ends_with(",cross_check,services,serviced"));
    assert!(header("parks.csv").ends_with(
        ",top5_tax_share,serviced_unsupplied_mu,largest_serviced_mu,suppliable_mu,supply_mu_per_year,supply_years_left"
    ));
    let parcels = read_csv(&out.join("parcels.csv"));
    let row = |id: &str| parcels.iter().find(|r| r["parcel_id"] == id).unwrap();
    assert_eq!(row("B")["services"], "road;wastewater");
    assert_eq!(row("B")["serviced"], "false");
    assert_eq!(row("C")["serviced"], "true");
    assert_eq!(row("E")["services"], "");
    assert_eq!(row("E")["serviced"], "");
    let parks = read_csv(&out.join("parks.csv"));
    let park = parks.iter().find(|r| r["park_id"] == "P").unwrap();
    assert_eq!(park["serviced_unsupplied_mu"], "45");
    assert_eq!(park["largest_serviced_mu"], "30");
    assert_eq!(park["suppliable_mu"], "75");
    assert_eq!(park["supply_mu_per_year"], "15");
    assert_eq!(park["supply_years_left"], "5");
    let empty = parks.iter().find(|r| r["park_id"] == "EMPTY").unwrap();
    assert_eq!(empty["supply_years_left"], "");

    let years = read_csv(&out.join("supply_by_year.csv"));
    let series: Vec<(String, String, String)> = years
        .iter()
        .map(|r| (r["park_id"].clone(), r["year"].clone(), r["mu"].clone()))
        .collect();
    let want = |park: &str, rows: &[(&str, &str)]| -> Vec<(String, String, String)> {
        rows.iter()
            .map(|(y, m)| (park.to_owned(), (*y).to_owned(), (*m).to_owned()))
            .collect()
    };
    let mut expected = want(
        "P",
        &[
            ("2022", "15"),
            ("2023", "15"),
            ("2024", "0"),
            ("2025", "30"),
            ("2026", "15"),
        ],
    );
    expected.extend(want(
        "EMPTY",
        &[("2023", "0"), ("2024", "0"), ("2025", "0"), ("2026", "0")],
    ));
    expected.extend(want(
        "(all)",
        &[
            ("2022", "15"),
            ("2023", "15"),
            ("2024", "0"),
            ("2025", "30"),
            ("2026", "15"),
        ],
    ));
    assert_eq!(series, expected);
    assert!(
        !out.join("supply_by_year.geojson").exists(),
        "no geometry, no GeoJSON"
    );
}

#[test]
fn a_serviced_land_table_of_its_own_is_used() {
    let p = fixture(false, true);
    // Roads must touch: A and B (29.5 m) lose theirs; C keeps the crossing road.
    p.file(
        "my-serviced.toml",
        r#"name = "strict"
title = "strict"
[within_m]
road = 0.0
power = { value = 3000.0 }
wastewater = { value = 5000.0 }
gas = { value = 2000.0 }
[supply]
mean_over_years = 2
"#,
    );
    let toml = std::fs::read_to_string(p.join("parkscope.toml")).unwrap();
    p.file(
        "parkscope.toml",
        format!("{toml}[policy]\nserviced_land = \"my-serviced.toml\"\n"),
    );
    let (ws, a) = analyse(p.path(), "2026-06-30");
    assert_eq!(
        services(&ws, &a, "A"),
        (Some("power;wastewater".into()), Some(false))
    );
    assert_eq!(
        services(&ws, &a, "C"),
        (Some("road;power;wastewater".into()), Some(true))
    );
    // 2024–2025: 30 / 2 = 15 亩 a year.
    assert!(close(a.supply.parks[0].outlook.per_year.to_mu(), 15.0));
    // A negative distance is refused when the project opens.
    p.file(
        "my-serviced.toml",
        "name = \"bad\"\ntitle = \"bad\"\n[within_m]\nroad = { value = -1.0 }\npower = { value = 1.0 }\nwastewater = { value = 1.0 }\ngas = { value = 1.0 }\n[supply]\nmean_over_years = 3\n",
    );
    let e = parkscope::Workspace::open(p.path()).unwrap_err();
    assert!(
        !e.is_internal() && e.to_string().contains("within_m.road"),
        "{e}"
    );
}

#[test]
fn a_synthetic_city_agrees_with_its_own_parcel_rows() {
    let dir = tempfile::tempdir().unwrap();
    let city = dir.path().join("city");
    let out = dir.path().join("out");
    let r = run(&[
        "synth".as_ref(),
        "--parcels".as_ref(),
        "600".as_ref(),
        "--seed".as_ref(),
        "7".as_ref(),
        "--out".as_ref(),
        city.as_os_str(),
        "--quiet".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ws = parkscope::Workspace::open(&city).unwrap();
    assert_eq!(
        ws.analyse().supply.serviced.assessed.joined(),
        "road;power;wastewater;gas",
        "synth cities carry every service"
    );
    let r = run(&[
        "intensity".as_ref(),
        city.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--quiet".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let parcels = read_csv(&out.join("parcels.csv"));
    let years = read_csv(&out.join("supply_by_year.csv"));
    let num = |r: &std::collections::HashMap<String, String>, k: &str| -> f64 {
        r[k].parse::<f64>().unwrap_or(0.0)
    };
    let as_of = ws.as_of();
    use chrono::Datelike;
    let window: Vec<String> = (as_of.year() - 3..as_of.year())
        .map(|y| y.to_string())
        .collect();
    let mut serviced_somewhere = false;
    for park in read_csv(&out.join("parks.csv")) {
        let id = &park["park_id"];
        let mine: Vec<_> = parcels.iter().filter(|r| &r["park_id"] == id).collect();
        let unsupplied = |r: &&&std::collections::HashMap<String, String>| {
            r["status"] == "approved" || r["status"] == "unapproved"
        };
        let suppliable: f64 = mine
            .iter()
            .filter(unsupplied)
            .map(|r| num(r, "area_mu"))
            .sum();
        let serviced: Vec<f64> = mine
            .iter()
            .filter(|r| r["serviced"] == "true")
            .map(|r| num(r, "area_mu"))
            .collect();
        serviced_somewhere |= !serviced.is_empty();
        assert!(mine
            .iter()
            .filter(|r| !r["serviced"].is_empty())
            .all(|r| unsupplied(&r)));
        let near = |a: f64, b: f64| (a - b).abs() < 0.01 + 1e-6 * b.abs();
        assert!(near(num(&park, "suppliable_mu"), suppliable), "{id}");
        assert!(
            near(num(&park, "serviced_unsupplied_mu"), serviced.iter().sum()),
            "{id}"
        );
        assert!(near(
            num(&park, "largest_serviced_mu"),
            serviced.iter().copied().fold(0.0, f64::max)
        ));
        let mean: f64 = years
            .iter()
            .filter(|r| &r["park_id"] == id && window.contains(&r["year"]))
            .map(|r| num(r, "mu"))
            .sum::<f64>()
            / 3.0;
        assert!(near(num(&park, "supply_mu_per_year"), mean), "{id}");
        if mean > 0.0 {
            assert!(
                (num(&park, "supply_years_left") - suppliable / mean).abs() < 0.01,
                "{id}"
            );
        }
    }
    assert!(
        serviced_somewhere,
        "some land in a synthetic park is serviced"
    );
}
