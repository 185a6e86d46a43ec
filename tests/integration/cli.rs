//! The binary as a user runs it: the demo, the real OpenStreetMap projects, convert, synth.

use crate::util::{read_csv, run, shared};

fn png_size(path: &std::path::Path) -> (u32, u32) {
    let b = std::fs::read(path).expect("png exists");
    assert_eq!(&b[..8], b"\x89PNG\r\n\x1a\n", "{} is a PNG", path.display());
    (
        u32::from_be_bytes([b[16], b[17], b[18], b[19]]),
        u32::from_be_bytes([b[20], b[21], b[22], b[23]]),
    )
}

#[test]
fn demo_writes_every_table_and_map() {
    let out = tempfile::tempdir().unwrap();
    let r = run(&["demo", "--out", out.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in [
        "parcels.geojson",
        "parcels.csv",
        "parks.csv",
        "enterprises.csv",
        "upcoming.csv",
        "idle_summary.csv",
        "approved_not_supplied.geojson",
        "parkscope.xlsx",
    ] {
        assert!(out.path().join(f).is_file(), "{f}");
    }
    for kind in ["overview", "intensity", "idle", "evaluation", "siting"] {
        let png = out.path().join(format!("map-{kind}.png"));
        // A4 landscape at 150 dpi: 297 × 210 mm → 1754 × 1240 px, rounded up.
        assert_eq!(png_size(&png), (1755, 1241), "{kind}");
        let pdf = std::fs::read(out.path().join(format!("map-{kind}.pdf"))).unwrap();
        assert!(pdf.starts_with(b"%PDF"), "{kind} pdf");
    }
    // Every idle class and every evaluation class shows in the sample city.
    let parcels = read_csv(&out.path().join("parcels.csv"));
    for class in [
        "idle",
        "approved_not_supplied",
        "supplied_not_used",
        "used_not_full",
        "built_not_producing",
        "producing_below_standard",
        "none",
    ] {
        assert!(
            parcels.iter().any(|p| p["idle_class"] == class),
            "class {class} missing from the sample city"
        );
    }
    assert!(parcels.iter().any(|p| p["recoverable"] == "true"));
    assert!(
        parcels.iter().any(|p| p["far_ok"] == "false")
            && parcels.iter().any(|p| p["far_ok"] == "true")
    );
    assert!(
        parcels.iter().any(|p| p["coverage_ok"] == "false")
            && parcels.iter().any(|p| p["coverage_ok"] == "true")
    );
    let ents = read_csv(&out.path().join("enterprises.csv"));
    for class in ["A", "B", "C", "D", "T"] {
        assert!(ents.iter().any(|e| e["class"] == class), "class {class}");
    }
    // CSV opens in Excel: UTF-8 with a BOM.
    assert!(std::fs::read(out.path().join("parcels.csv"))
        .unwrap()
        .starts_with(b"\xEF\xBB\xBF"));
    assert!(
        r.stdout.contains("闲置土地"),
        "the demo prints the counts per class"
    );
}

#[test]
fn real_osm_projects_load_and_measure() {
    for project in [
        "projects/xiasha",
        "projects/shanghai",
        "projects/xiasha-gbk",
        "projects/xiasha-gbk/parkscope-ldid.toml",
    ] {
        let Some(p) = shared(&format!("real/{project}")) else {
            return;
        };
        let out = tempfile::tempdir().unwrap();
        let r = run(&[
            "intensity".as_ref(),
            p.as_os_str(),
            "--out".as_ref(),
            out.path().as_os_str(),
        ]);
        assert_eq!(r.code, 0, "{project}: {}", r.stderr);
        let rows = read_csv(&out.path().join("parcels.csv"));
        assert!(!rows.is_empty());
        if project.contains("gbk") {
            // 320 of the 328 names are Chinese and must come out as UTF-8, byte-exact.
            let chinese = rows
                .iter()
                .filter(|r| {
                    r["name"]
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                })
                .count();
            assert_eq!((rows.len(), chinese), (328, 320), "{project}");
            assert!(rows.iter().any(|r| r["name"] == "林之语"), "{project}");
        }
        if project == "projects/xiasha" {
            // Geodesic total from pyproj (GRS80): 25 168 684.65 m² over 608 parcels.
            let total: f64 = rows
                .iter()
                .map(|r| r["area_m2"].parse::<f64>().unwrap())
                .sum();
            assert!(
                (total / 25_168_684.652_932_983 - 1.0).abs() < 1e-3,
                "{total}"
            );
        }
        if project == "projects/shanghai" {
            let total: f64 = rows
                .iter()
                .map(|r| r["area_m2"].parse::<f64>().unwrap())
                .sum();
            assert!(
                (total / 1_770_081.785_938_696_5 - 1.0).abs() < 1e-3,
                "{total}"
            );
            let floor: f64 = rows
                .iter()
                .map(|r| r["floor_area_m2"].parse::<f64>().unwrap())
                .sum();
            assert!(floor > 0.0);
        }
    }
}

#[test]
fn check_json_follows_the_interface() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");
    let r = run(&["check", sample, "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    let parcels = &v["layers"]["parcels"];
    assert_eq!(parcels["read"], 376);
    assert_eq!(parcels["rejected"], 0);
    assert!(parcels["problems"].as_array().is_some());
    assert_eq!(v["layers"]["enterprises"]["crs"], "GCJ-02");
}

#[test]
fn convert_gcj02_csv_to_gauss_kruger_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    // Hangzhou ETDZ (Xiasha): WGS84 (120.38, 30.30) is GCJ-02 (120.38459399579985, 30.297726602065115) (prcoords).
    std::fs::write(
        &input,
        "名称,经度,纬度\n下沙,120.38459399579985,30.297726602065115\n",
    )
    .unwrap();
    let gk = dir.path().join("gk.csv");
    let r = run(&[
        "convert".as_ref(),
        input.as_os_str(),
        gk.as_os_str(),
        "--from".as_ref(),
        "gcj02".as_ref(),
        "--to".as_ref(),
        "EPSG:4549".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = read_csv(&gk);
    assert_eq!(rows[0]["名称"], "下沙");
    // PROJ (pyproj 3.7): (120.38, 30.30) in EPSG:4549 → (536 554.1367705885, 3 353 431.048975997).
    let (x, y): (f64, f64) = (rows[0]["x"].parse().unwrap(), rows[0]["y"].parse().unwrap());
    assert!(
        (x - 536_554.136_770_588_5).abs() < 0.01 && (y - 3_353_431.048_975_997).abs() < 0.01,
        "{x} {y}"
    );
    let back = dir.path().join("back.geojson");
    let r = run(&[
        "convert".as_ref(),
        gk.as_os_str(),
        back.as_os_str(),
        "--from".as_ref(),
        "EPSG:4549".as_ref(),
        "--x".as_ref(),
        "x".as_ref(),
        "--y".as_ref(),
        "y".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
    let c = &v["features"][0]["geometry"]["coordinates"];
    assert!(
        (c[0].as_f64().unwrap() - 120.38).abs() < 1e-8
            && (c[1].as_f64().unwrap() - 30.30).abs() < 1e-8,
        "{c} from {x} {y}"
    );
}

#[test]
fn synth_is_deterministic_by_seed() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for d in [&a, &b] {
        let r = run(&[
            "synth",
            "--parcels",
            "200",
            "--seed",
            "5",
            "--out",
            d.path().to_str().unwrap(),
            "--quiet",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    for f in ["parcels.geojson", "buildings.geojson", "enterprises.csv"] {
        assert_eq!(
            std::fs::read(a.path().join(f)).unwrap(),
            std::fs::read(b.path().join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn excel_ledger_and_gbk_csv_are_read_like_any_layer() {
    use crate::util::{gk_collection, rect, Project};
    let p = Project::new();
    p.file(
        "parcels.geojson",
        gk_collection(&[(
            serde_json::json!({"宗地编号": "P1", "供地状态": "已供"}),
            vec![rect(0.0, 0.0, 100.0, 100.0)],
        )]),
    );
    // An enterprise ledger as bureaus keep it: Excel, Chinese headers, dates as Excel dates.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in [
        "统一社会信用代码",
        "企业名称",
        "行业代码",
        "宗地编号",
        "营业收入",
        "实缴税金",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "91330100716105852F").unwrap();
    ws.write_string(1, 1, "阿里巴巴（中国）有限公司").unwrap();
    ws.write_number(1, 2, 6432.0).unwrap();
    ws.write_string(1, 3, "P1").unwrap();
    ws.write_number(1, 4, 1500.0).unwrap();
    ws.write_number(1, 5, 150.0).unwrap();
    p.file("ledger.xlsx", wb.save_to_buffer().unwrap());
    // The same parcel's supply ledger as a CSV saved by Excel on a Chinese Windows (GBK).
    let (gbk, _, _) = encoding_rs::GBK.encode("批次编号,批准日期\n2024-01,2024年3月1日\n");
    p.file("batches.csv", gbk);
    p.file("parkscope.toml", "[layers.parcels]\npath = \"parcels.geojson\"\n[layers.enterprises]\npath = \"ledger.xlsx\"\n");
    let out = tempfile::tempdir().unwrap();
    let r = run(&[
        "evaluate".as_ref(),
        p.path().as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ents = read_csv(&out.path().join("enterprises.csv"));
    assert_eq!(ents[0]["name"], "阿里巴巴（中国）有限公司");
    assert_eq!(ents[0]["industry"], "6432");
    assert_eq!(ents[0]["tax_per_mu"], "10", "150 万元 on 15 亩");
    // The GBK CSV decodes byte-exact.
    let utf8 = out.path().join("batches-utf8.csv");
    let r = run(&[
        "convert".as_ref(),
        p.join("batches.csv").as_os_str(),
        utf8.as_os_str(),
        "--quiet".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = read_csv(&utf8);
    assert_eq!(rows[0]["批次编号"], "2024-01");
    assert_eq!(rows[0]["批准日期"], "2024年3月1日");
}

#[test]
fn completions_and_man_pages_come_from_the_same_flags() {
    let bash = run(&["completions", "bash"]);
    assert_eq!(bash.code, 0, "{}", bash.stderr);
    assert!(bash.stdout.contains("_parkscope()"));
    for flag in ["--format", "--as-of", "--encoding", "init", "convert"] {
        assert!(bash.stdout.contains(flag), "bash completion lacks {flag}");
    }
    let bad = run(&["completions", "cmd.exe"]);
    assert_eq!(bad.code, 2, "an unknown shell is a usage error");

    let dir = tempfile::tempdir().expect("tempdir");
    let man = run(&[
        "man".as_ref(),
        "--out".as_ref(),
        dir.path().as_os_str(),
        "-q".as_ref(),
    ]);
    assert_eq!(man.code, 0, "{}", man.stderr);
    let idle = std::fs::read_to_string(dir.path().join("parkscope-idle.1")).expect("idle page");
    assert!(idle.starts_with(".ie") || idle.contains(".TH"), "roff");
    assert!(idle.contains("parkscope\\-idle") && idle.contains("\\-\\-as\\-of"));
    assert!(dir.path().join("parkscope.1").exists());
    assert!(!dir.path().join("parkscope-help.1").exists());
}
