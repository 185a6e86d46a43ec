//! Standard factories (标准厂房): a hand-worked capacity case, each sharing constraint's
//! measured value in `rejected`, and the sample city's plan within every factory's space.

use serde_json::json;

use crate::util::{gk_collection, read_csv, rect, run, Project};

const OX: f64 = 520_000.0;
const OY: f64 = 3_352_000.0;

/// One printing park (22, 23); a 1-亩 parcel too small for anyone's 5 亩; F1 with 2,000 m²
/// vacant, 5 kN/m², 4.5 m; F2 with no vacant area recorded: 40 × 50 m × 2 floors less the
/// 3,000 m² its tenant T occupies = 1,000 m², no floor load or clear height given.
fn fixture() -> Project {
    let p = Project::new();
    p.file(
        "parks.geojson",
        gk_collection(&[(
            json!({"park_id": "K1", "name": "印刷包装园", "leading_industries": "22、23"}),
            vec![rect(-100.0, -100.0, 2_000.0, 500.0)],
        )]),
    );
    p.file(
        "parcels.geojson",
        gk_collection(&[(
            json!({"parcel_id": "P1", "status": "已批"}),
            vec![rect(0.0, 0.0, 25.0, 26.0)],
        )]),
    );
    p.file(
        "factories.geojson",
        gk_collection(&[
            (
                json!({"厂房编号": "F1", "层数": 4, "空置面积": 2000, "楼面荷载": 5, "净高": 4.5, "园区编号": "K1"}),
                vec![rect(500.0, 0.0, 540.0, 50.0)],
            ),
            (
                json!({"厂房编号": "F2", "层数": 2}),
                vec![rect(1_000.0, 0.0, 1_040.0, 50.0)],
            ),
        ]),
    );
    let firm = |id: &str,
                industry: &str,
                pollution: &str,
                eia: &str,
                need: &str,
                load: &str,
                height: &str| {
        format!(
            "{id},{id},{industry},{pollution},是,5,{eia},{need},{load},{height},,{},{}\n",
            OX - 3_000.0,
            OY
        )
    };
    let mut csv = String::from("enterprise_id,name,industry,pollution_class,relocate,required_area_mu,protection_distance_m,需求厂房面积,楼面荷载要求,净高要求,占用厂房面积,x,y\n");
    csv += &firm("A", "2319", "轻", "30", "1200", "", "");
    csv += &firm("B", "2231", "轻", "30", "1000", "", "");
    csv += &firm("C", "2319", "重", "30", "900", "", "");
    csv += &firm("D", "2319", "轻", "80", "800", "", "");
    csv += &firm("E", "2319", "轻", "30", "2500", "", "");
    csv += &firm("G", "2319", "轻", "30", "600", "6", "");
    csv += &firm("H", "2319", "轻", "30", "500", "", "5");
    csv += &firm("X", "3484", "轻", "30", "500", "", "");
    // F2's present tenant (not moving).
    csv += &format!("T,T,2231,轻,否,,,,,,3000,{},{}\n", OX + 1_020.0, OY + 25.0);
    p.file("enterprises.csv", csv);
    p.file(
        "parkscope.toml",
        "as_of = \"2026-06-30\"\n[layers.parks]\npath = \"parks.geojson\"\n[layers.parcels]\npath = \"parcels.geojson\"\n[layers.factories]\npath = \"factories.geojson\"\n[layers.enterprises]\npath = \"enterprises.csv\"\ncrs = \"EPSG:4549\"\n",
    );
    p
}

#[test]
fn capacity_is_kept_and_each_failure_is_measured() {
    let p = fixture();
    let out = tempfile::tempdir().unwrap();
    let r = run(&[
        "site".as_ref(),
        p.path().as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let plan = read_csv(&out.path().join("plan.csv"));
    let row = |id: &str| plan.iter().find(|r| r["enterprise_id"] == id).unwrap();
    // A (1,200 m²) and B (1,000 m²) do not both fit F1's 2,000 m²; A does not fit F2's
    // 1,000 m²: A takes F1 (800 left), B takes F2 (0 left). The parcel is too small for all.
    assert_eq!(
        (row("A")["site_id"].as_str(), row("A")["site_kind"].as_str()),
        ("F1", "factory")
    );
    assert_eq!(row("A")["floor_area_m2"].parse::<f64>().unwrap(), 1200.0);
    assert_eq!(
        row("A")["factory_remaining_m2"].parse::<f64>().unwrap(),
        800.0
    );
    assert_eq!(row("B")["site_id"], "F2");
    assert_eq!(
        row("B")["factory_remaining_m2"].parse::<f64>().unwrap(),
        0.0
    );
    for id in ["C", "D", "E", "G", "H", "X"] {
        assert!(row(id)["site_id"].is_empty(), "{:?}", row(id));
    }
    // The unplaced reason counts the factories too.
    assert!(
        row("C")["unplaced_reason"].contains("共 2 个标准厂房"),
        "{:?}",
        row("C")
    );
    let rejected = read_csv(&out.path().join("rejected.csv"));
    let rej = |id: &str, site: &str| {
        rejected
            .iter()
            .find(|r| r["enterprise_id"] == id && r["site_id"] == site)
            .map(|r| {
                (
                    r["excluded_by"].clone(),
                    r["measured"].clone(),
                    r["threshold"].clone(),
                )
            })
            .unwrap_or_else(|| panic!("no rejection of {site} for {id}: {rejected:?}"))
    };
    let s = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    assert_eq!(
        rej("C", "F1"),
        s("pollution", "重污染企业", "非重污染（共享厂房）")
    );
    assert_eq!(
        rej("D", "F1"),
        s(
            "shared_protection",
            "卫生防护距离 80 米（企业环评批复）",
            "≤ 50 米（共享厂房）"
        )
    );
    assert_eq!(
        rej("E", "F1"),
        s("floor_area", "空置 2000 平方米", "≥ 需求 2500 平方米")
    );
    assert_eq!(
        rej("E", "F2"),
        s("floor_area", "空置 1000 平方米", "≥ 需求 2500 平方米")
    );
    assert_eq!(
        rej("G", "F1"),
        s("floor_load", "5.0 kN/平方米", "≥ 6.0 kN/平方米")
    );
    assert_eq!(
        rej("G", "F2"),
        s("floor_load", "未给出楼面荷载", "≥ 6.0 kN/平方米")
    );
    assert_eq!(rej("H", "F1"), s("clear_height", "净高 4.5 米", "≥ 5.0 米"));
    assert_eq!(rej("X", "F1").0, "industry");
    // Every land site failed on area; the sites table marks the kinds.
    assert_eq!(rej("A", "P1").0, "area");
    let sites = read_csv(&out.path().join("sites.csv"));
    assert!(sites
        .iter()
        .filter(|r| r["site_id"].starts_with('F'))
        .all(|r| r["site_kind"] == "factory" && !r["floor_area_m2"].is_empty()));
}

#[test]
fn the_sample_plan_keeps_every_factory_within_its_space() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let out = tempfile::tempdir().unwrap();
    let r = run(&[
        "site".as_ref(),
        dir.as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--json".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let summary: serde_json::Value = serde_json::from_str(r.stdout.trim()).unwrap();
    assert_eq!(summary["solver"]["proven_optimal"], true, "{summary}");
    let plan = read_csv(&out.path().join("plan.csv"));
    let tenants: Vec<_> = plan
        .iter()
        .filter(|r| r["site_kind"] == "factory")
        .collect();
    assert!(tenants.len() >= 2, "{plan:?}");
    // Vacant floor area of each factory from the layer (BZCF-002's is derived: its
    // remaining space plus what the plan gives out must not exceed its floor area).
    let mut given: std::collections::BTreeMap<String, f64> = Default::default();
    for t in &tenants {
        *given.entry(t["site_id"].clone()).or_default() +=
            t["floor_area_m2"].parse::<f64>().unwrap();
    }
    for t in &tenants {
        let left: f64 = t["factory_remaining_m2"].parse().unwrap();
        assert!(left >= -1e-6, "{t:?}");
        if t["site_id"] == "BZCF-001" {
            assert!((left + given["BZCF-001"] - 2_000.0).abs() < 0.05, "{t:?}");
        }
    }
}
