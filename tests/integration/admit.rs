//! The entry check (入园门槛) against a project and a threshold table worked by hand.
//!
//! Parks (each its own 2 km square; only roads in the infrastructure layer, so a parcel is
//! serviced when a road is within 30 m):
//! - XH-KF national, leading 39 and 40: K1 30 亩 serviced, K2 60 亩 not → largest 30, spare 30.
//! - NAT2 national, no list: N1 15 亩 and N2 30 亩 serviced → largest 30, spare 45.
//! - PV provincial, no list: P1 60 亩 serviced → largest 60, spare 60.
//! - CT county, leading 13: C1 15 亩 serviced → largest 15, spare 15.
//!
//! Thresholds (the issue's example table): national 350 / 300 / 25 / FAR 1.0, industry 39
//! investment 400; provincial investment 250, tax 15; county tax 10, industry 13 tax 6;
//! park XH-KF tax 30. FAR without an entry value falls back on the 2008 control indicators
//! (39 → 1.0, 13 → 1.0).

use serde_json::json;

use crate::util::{analyse, gk_collection, read_csv, rect, run, Project};

const TABLE: &str = r#"
edition = "test"
title = "测试门槛"
[levels.national]
investment_per_mu = 350
output_per_mu = 300
tax_per_mu = 25
far = 1.0
[levels.national.industries."39"]
investment_per_mu = 400
[levels.provincial]
investment_per_mu = 250
tax_per_mu = 15
energy_per_value_added = { value = 0.5, tag = "U" }
[levels.county]
tax_per_mu = 10
[levels.county.industries."13"]
tax_per_mu = { value = 6.0, tag = "C", source = "S12" }
[parks."XH-KF"]
tax_per_mu = 30
"#;

fn fixture() -> Project {
    let p = Project::new();
    // Park k occupies x in [3000 k, 3000 k + 2000], y in [0, 2000].
    let park = |k: usize, id: &str, level: &str, leading: &str| {
        let x = 3000.0 * k as f64;
        (
            json!({"park_id": id, "level": level, "leading_industries": leading}),
            vec![rect(x, 0.0, x + 2000.0, 2000.0)],
        )
    };
    p.file(
        "parks.geojson",
        gk_collection(&[
            park(0, "XH-KF", "国家级", "39、40"),
            park(1, "NAT2", "national", ""),
            park(2, "PV", "省级", ""),
            park(3, "CT", "县级", "13"),
        ]),
    );
    // Parcels 100 m deep at y 100..200 (serviced: a road along y = 90) or y 1000..1100 (not).
    let parcel = |id: &str, k: usize, x0: f64, mu: f64, serviced: bool| {
        let x = 3000.0 * k as f64 + x0;
        let w = mu / 15.0 * 100.0;
        let y = if serviced { 100.0 } else { 1000.0 };
        // P1's planning conditions set its own FAR minimum (standard land).
        let props = if id == "P1" {
            json!({"parcel_id": id, "status": "未批", "far_min": 1.5})
        } else {
            json!({"parcel_id": id, "status": "未批"})
        };
        (props, vec![rect(x, y, x + w, y + 100.0)])
    };
    p.file(
        "parcels.geojson",
        gk_collection(&[
            parcel("K1", 0, 100.0, 30.0, true),
            parcel("K2", 0, 100.0, 60.0, false),
            parcel("N1", 1, 100.0, 15.0, true),
            parcel("N2", 1, 400.0, 30.0, true),
            parcel("P1", 2, 100.0, 60.0, true),
            parcel("C1", 3, 100.0, 15.0, true),
        ]),
    );
    let road = serde_json::json!({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4549"}}, "features": [
        {"type": "Feature", "properties": {"kind": "road"}, "geometry": {"type": "LineString", "coordinates": [[520_000.0, 3_352_090.0], [532_000.0, 3_352_090.0]]}}
    ]});
    p.file("infrastructure.geojson", road.to_string());
    p.file("entry.toml", TABLE);
    p.file(
        "parkscope.toml",
        "as_of = \"2026-06-30\"\nlang = \"en\"\n[layers.parks]\npath = \"parks.geojson\"\n[layers.parcels]\npath = \"parcels.geojson\"\n[layers.infrastructure]\npath = \"infrastructure.geojson\"\n[policy]\nentry = \"entry.toml\"\n",
    );
    p.file(
        "proposals.csv",
        "项目编号,项目名称,行业代码,意向园区,用地面积,总投资,年产值,年税收,容积率,从业人员\n\
         EQ,等于门槛,3911,,20,8000,6000,600,1.0,50\n\
         LOW,低于门槛,2614,XH-KF,10,3600,,290,1.2,20\n\
         NOLAND,无用地面积,1310,CT,,1000,,100,,5\n\
         BIG,用地过大,3911,PV,100,30000,,2000,1.5,200\n",
    );
    p
}

type Row = std::collections::HashMap<String, String>;

fn rows_of<'a>(rows: &'a [Row], id: &str) -> Vec<&'a Row> {
    rows.iter().filter(|r| r["proposal_id"] == id).collect()
}

fn admit_csv(p: &Project) -> Vec<Row> {
    let out = p.join("out");
    let r = run(&[
        "admit".as_ref(),
        p.path().as_os_str(),
        "--proposals".as_ref(),
        p.join("proposals.csv").as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        "csv,geojson".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains("EQ 等于门槛: recommended PV, NAT2, XH-KF"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("BIG 用地过大: no park recommended"),
        "{}",
        r.stdout
    );
    read_csv(&out.join("admit.csv"))
}

#[test]
fn values_exactly_at_the_minimum_pass_and_parks_rank_by_spare_serviced_land() {
    let p = fixture();
    let rows = admit_csv(&p);
    let eq = rows_of(&rows, "EQ");
    let order: Vec<(&str, &str, &str)> = eq
        .iter()
        .map(|r| {
            (
                r["park_id"].as_str(),
                r["recommended"].as_str(),
                r["rank"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("PV", "true", "1"),
            ("NAT2", "true", "2"),
            ("XH-KF", "true", "3"),
            ("CT", "false", "")
        ]
    );
    let get = |park: &str| *eq.iter().find(|r| r["park_id"] == park).unwrap();
    let xh = get("XH-KF");
    // 8000 / 20 = 400 against the industry-39 override, 300 = 300, 30 = the park's own 30, FAR 1 = 1.
    for (k, v) in [
        ("level", "national"),
        ("pass", "true"),
        ("failed", ""),
        ("investment_per_mu_value", "400"),
        ("investment_per_mu_required", "400"),
        ("output_per_mu_value", "300"),
        ("output_per_mu_required", "300"),
        ("tax_per_mu_value", "30"),
        ("tax_per_mu_required", "30"),
        ("far_value", "1"),
        ("far_required", "1"),
        ("fits_leading_industry", "true"),
        ("largest_serviced_mu", "30"),
    ] {
        assert_eq!(xh[k], v, "XH-KF {k}");
    }
    assert!(xh["reason"].starts_with("recommended (rank 3): investment 400 万元/亩 ≥ 400 (national-level parks, industry 39)"), "{}", xh["reason"]);
    assert!(
        xh["reason"].contains("tax 30 万元/亩 a year ≥ 30 (park XH-KF's own threshold)"),
        "{}",
        xh["reason"]
    );
    // NAT2: the same level without the park override: tax 25.
    assert_eq!(get("NAT2")["tax_per_mu_required"], "25");
    assert_eq!(get("NAT2")["investment_per_mu_required"], "400");
    // PV: provincial 250 / 15, no output minimum, FAR from the control indicators (39 → 1.0).
    let pv = get("PV");
    assert_eq!(pv["investment_per_mu_required"], "250");
    assert_eq!(pv["output_per_mu_required"], "");
    assert_eq!(pv["output_per_mu_value"], "300");
    assert_eq!(pv["far_required"], "1");
    assert!(
        pv["reason"].contains("FAR 1 ≥ 1 (control indicators 2008, industry 39)"),
        "{}",
        pv["reason"]
    );
    // CT: passes its county minimum (tax 30 ≥ 10) but 39 is not among its leading industries.
    let ct = get("CT");
    assert_eq!(
        (ct["pass"].as_str(), ct["fits_leading_industry"].as_str()),
        ("true", "false")
    );
    assert!(
        ct["reason"].contains("industry 39 is not a leading industry of the park (13)"),
        "{}",
        ct["reason"]
    );
}

#[test]
fn a_missing_value_fails_as_not_given_and_the_park_overrides_its_level() {
    let p = fixture();
    let rows = admit_csv(&p);
    let low = rows_of(&rows, "LOW");
    assert_eq!(low.len(), 1, "a park_id checks one park");
    let low = low[0];
    // 3600 / 10 = 360 ≥ 350 (26 has no override); output missing; 29 < the park's 30
    // although it meets the national 25.
    assert_eq!(low["pass"], "false");
    assert_eq!(low["failed"], "output_per_mu;tax_per_mu");
    assert_eq!(low["output_per_mu_value"], "");
    assert_eq!(low["output_per_mu_required"], "300");
    assert_eq!(low["tax_per_mu_value"], "29");
    assert_eq!(low["tax_per_mu_required"], "30");
    assert_eq!(low["recommended"], "false");
    assert!(
        low["reason"].starts_with(
            "below the entry thresholds: investment 360 万元/亩 ≥ 350 (national-level parks)"
        ),
        "{}",
        low["reason"]
    );
    assert!(
        low["reason"]
            .contains("output not given (required ≥ 300 万元/亩 a year, national-level parks)"),
        "{}",
        low["reason"]
    );
    assert!(
        low["reason"].contains("tax 29 万元/亩 a year < 30 (park XH-KF's own threshold)"),
        "{}",
        low["reason"]
    );

    // Without land nothing per 亩 can be computed: the county's industry-13 tax minimum (6)
    // and the control-indicator FAR (13 → 1.0) are not given.
    let noland = rows_of(&rows, "NOLAND")[0];
    assert_eq!(noland["failed"], "tax_per_mu;far");
    assert_eq!(noland["tax_per_mu_required"], "6");
    assert_eq!(noland["investment_per_mu_required"], "");
    assert_eq!(noland["fits_leading_industry"], "true");
    assert!(
        noland["reason"].contains("land area not given"),
        "{}",
        noland["reason"]
    );

    // Passing and fitting, but 100 亩 does not fit PV's largest serviced parcel of 60.
    let big = rows_of(&rows, "BIG")[0];
    assert_eq!(
        (big["pass"].as_str(), big["recommended"].as_str()),
        ("true", "false")
    );
    assert!(
        big["reason"].starts_with("meets the entry thresholds, not recommended"),
        "{}",
        big["reason"]
    );
    assert!(
        big["reason"].contains("largest serviced parcel 60 亩 < the 100 亩 asked for"),
        "{}",
        big["reason"]
    );
}

#[test]
fn the_table_has_the_documented_columns_and_the_park_geometry() {
    let p = fixture();
    admit_csv(&p);
    let text = std::fs::read_to_string(p.join("out/admit.csv")).unwrap();
    let header = text.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(
        header,
        "proposal_id,park_id,level,pass,failed,investment_per_mu_value,investment_per_mu_required,output_per_mu_value,output_per_mu_required,tax_per_mu_value,tax_per_mu_required,far_value,far_required,fits_leading_industry,largest_serviced_mu,recommended,reason,rank"
    );
    let g: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p.join("out/admit.geojson")).unwrap())
            .unwrap();
    let feats = g["features"].as_array().unwrap();
    assert_eq!(feats.len(), 4 + 1 + 1 + 1);
    assert_eq!(feats[0]["geometry"]["type"], "MultiPolygon");
}

#[test]
fn chinese_reasons_and_an_excel_list_through_the_library() {
    let p = fixture();
    let toml = std::fs::read_to_string(p.join("parkscope.toml")).unwrap();
    p.file(
        "parkscope.toml",
        toml.replace("lang = \"en\"", "lang = \"zh\""),
    );
    let xlsx = p.join("proposals.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in [
        "项目编号",
        "行业代码",
        "意向园区",
        "用地面积",
        "总投资",
        "年税收",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "Z1").unwrap();
    sheet.write_string(1, 1, "1320").unwrap();
    sheet.write_string(1, 2, "CT").unwrap();
    sheet.write_number(1, 3, 10.0).unwrap();
    sheet.write_number(1, 4, 1500.0).unwrap();
    sheet.write_number(1, 5, 60.0).unwrap();
    book.save(&xlsx).unwrap();
    let (ws, a) = analyse(p.path(), "2026-06-30");
    let proposals = ws.read_proposals(&xlsx).unwrap();
    let r = ws.admit(&a, proposals, "proposals.xlsx").unwrap();
    assert_eq!(r.rows.len(), 1);
    let row = &r.rows[0];
    // Tax 60 / 10 = 6: exactly the county's industry-13 minimum; FAR not given (13 → 1.0).
    use parkscope::words::Words;
    assert_eq!(
        row.words(parkscope::Lang::Zh),
        "未达入园门槛：亩均税收 6 万元/亩·年 ≥ 6（县级园区行业 13 标准）；未提供容积率（要求 ≥ 1，《工业项目建设用地控制指标》2008 年版行业 13）；行业 13 属园区主导产业；最大单宗熟地 15 亩 ≥ 拟用地 10 亩"
    );
    assert_eq!(row.failed().len(), 1);
}

#[test]
fn an_unknown_park_and_a_missing_parks_layer_are_refused() {
    let p = fixture();
    p.file("bad.csv", "proposal_id,park_id,land_mu\nQ1,NOPE,10\n");
    let r = run(&[
        "admit".as_ref(),
        p.path().as_os_str(),
        "--proposals".as_ref(),
        p.join("bad.csv").as_os_str(),
        "--out".as_ref(),
        p.join("out").as_os_str(),
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("Q1") && r.stderr.contains("NOPE"),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr
            .trim()
            .lines()
            .filter(|l| l.contains("NOPE"))
            .count(),
        1
    );
    let toml = std::fs::read_to_string(p.join("parkscope.toml")).unwrap();
    p.file(
        "parkscope.toml",
        toml.replace("[layers.parks]\npath = \"parks.geojson\"\n", ""),
    );
    let (ws, a) = analyse(p.path(), "2026-06-30");
    let e = ws.admit(&a, vec![], "x.csv").unwrap_err();
    assert!(
        !e.is_internal() && e.to_string().contains("parks layer"),
        "{e}"
    );
}

#[test]
fn the_shipped_thresholds_carry_their_sources() {
    let ws =
        parkscope::Workspace::open(concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample")).unwrap();
    let e = &ws.policy().entry;
    assert_eq!(e.edition, "default");
    for level in ["national", "provincial", "county"] {
        let t = &e.levels[level];
        for m in [&t.investment_per_mu, &t.tax_per_mu] {
            match m {
                Some(parkscope::project::land::RuleValue::Tagged(t)) => {
                    assert!(t.source.is_some(), "{level}")
                }
                other => panic!("{level}: untagged {other:?}"),
            }
        }
    }
}

#[test]
fn standard_land_offers_carry_the_parks_thresholds() {
    let p = fixture();
    let out = p.join("std");
    let r = run(&[
        "intensity".as_ref(),
        p.path().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "-q".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = read_csv(&out.join("standard_land.csv"));
    let ids: Vec<&str> = rows.iter().map(|r| r["parcel_id"].as_str()).collect();
    assert_eq!(
        ids,
        ["K1", "N1", "N2", "P1", "C1"],
        "serviced parcels only (K2 has no road)"
    );
    let get = |id: &str| rows.iter().find(|r| r["parcel_id"] == id).unwrap();
    let cols = |id: &str| {
        let r = get(id);
        [
            "industry",
            "investment_per_mu_min",
            "tax_per_mu_min",
            "far_min",
            "output_per_mu_min",
            "energy_per_value_added_max",
        ]
        .map(|k| r[k].clone())
    };
    // XH-KF lists two industries: no planned industry; national 350 / park tax 30 / FAR 1 / 300.
    assert_eq!(cols("K1"), ["", "350", "30", "1", "300", ""]);
    assert_eq!(cols("N1"), ["", "350", "25", "1", "300", ""]);
    // PV: provincial 250 / 15, the parcel's own FAR 1.5, energy ≤ 0.5 (unconfirmed).
    assert_eq!(cols("P1"), ["", "250", "15", "1.5", "", "0.5"]);
    assert!(
        get("P1")["basis"].contains("FAR ≥ 1.5 (planning conditions of the parcel)"),
        "{}",
        get("P1")["basis"]
    );
    assert!(
        get("P1")["basis"].contains(
            "energy per value added ≤ 0.5 tce/万元 (provincial-level parks [unconfirmed])"
        ),
        "{}",
        get("P1")["basis"]
    );
    // CT lists only 13: its county override tax 6 and the control-indicator FAR of 13.
    assert_eq!(cols("C1"), ["13", "", "6", "1", "", ""]);
    assert!(get("C1")["basis"].starts_with("planned industry 13 (the park's only leading industry); tax ≥ 6 万元/亩 a year (county-level parks, industry 13)"), "{}", get("C1")["basis"]);
}
