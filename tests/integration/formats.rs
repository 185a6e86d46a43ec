//! The GIS output formats read back by independent readers: GDAL (through pyogrio) for
//! shapefile, GeoPackage and FlatGeobuf — feature counts, CRS, decoded Chinese text —
//! and shapely for the validity of every polygon; Python's own GBK codec for the DBF
//! bytes. Skipped when python3 with pyogrio and shapely is missing (.ci/run installs them).

use std::path::Path;
use std::process::Command;

use crate::util::{read_csv, run};

fn pyogrio_ready() -> bool {
    Command::new("python3")
        .args(["-c", "import pyogrio, shapely"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

/// Runs a Python script with `argv[1]` = `dir`; returns its stdout, failing on an error.
fn python(script: &str, dir: &Path) -> String {
    let o = Command::new("python3")
        .args(["-c", script, &dir.display().to_string()])
        .output()
        .expect("python3 runs");
    assert!(
        o.status.success(),
        "python failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// For every GIS file of a run: layer, format, feature count, CRS, invalid polygons.
const INVENTORY: &str = r#"
import sys, glob, os, warnings
import pyogrio, shapely
warnings.simplefilter("ignore")
d = sys.argv[1]
def report(path, layer, label):
    info = pyogrio.read_info(path, layer=layer)
    meta, fids, geom, fields = pyogrio.raw.read(path, layer=layer)
    bad = 0
    if geom is not None:
        for g in shapely.from_wkb(geom):
            if g is not None and not g.is_empty and not shapely.is_valid(g):
                bad += 1
    print(label, info["features"], info["crs"], bad)
for p in sorted(glob.glob(d + "/*.shp")) + sorted(glob.glob(d + "/*.fgb")):
    name, ext = os.path.splitext(os.path.basename(p))
    report(p, None, f"{name} {ext[1:]}")
for p in sorted(glob.glob(d + "/*.gpkg")):
    for layer, _ in pyogrio.list_layers(p):
        report(p, layer, f"{layer} gpkg")
"#;

#[test]
fn shp_gpkg_and_fgb_open_in_gdal_with_counts_crs_and_valid_polygons() {
    if !pyogrio_ready() {
        eprintln!("python3 with pyogrio and shapely not found: GDAL round trip skipped");
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let dir = out.path();
    let r = run(&[
        "run",
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample"),
        "-o",
        &dir.display().to_string(),
        "--format",
        "csv,shp,gpkg,fgb",
        "-q",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !dir.join("parcels.geojson").exists(),
        "geojson was not asked for"
    );
    let text = python(INVENTORY, dir);
    let mut seen = 0;
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        let [name, _format, count, crs, bad] = parts[..] else {
            panic!("unexpected line {line}")
        };
        // The CSV of the same table holds every row.
        let rows = read_csv(&dir.join(format!("{name}.csv"))).len();
        assert_eq!(count.parse::<usize>().ok(), Some(rows), "{line}");
        let spatial = ![
            "upcoming",
            "idle_summary",
            "supply_by_year",
            "rejected",
            "plan",
        ]
        .contains(&name);
        if spatial {
            // The sample's survey CRS: CGCS2000 3-degree GK CM 120E.
            assert_eq!(crs, "EPSG:4549", "{line}");
        }
        assert_eq!(bad, "0", "invalid polygons: {line}");
        seen += 1;
    }
    // 7 spatial tables × (shp + fgb), 12 tables in two GeoPackages, 5 lone .dbf are not .shp.
    assert_eq!(seen, 7 * 2 + 12, "{text}");
}

#[test]
fn shapefile_text_is_gbk_by_default_and_utf8_on_request() {
    if !pyogrio_ready() {
        eprintln!("python3 with pyogrio not found: GBK check skipped");
        return;
    }
    let out = tempfile::tempdir().expect("temp dir");
    let gbk = out.path().join("gbk");
    let utf8 = out.path().join("utf8");
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");
    for (dir, enc) in [(&gbk, "gbk"), (&utf8, "utf-8")] {
        let r = run(&[
            "intensity",
            sample,
            "-o",
            &dir.display().to_string(),
            "--format",
            "shp",
            "--encoding",
            enc,
            "-q",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
    }
    assert_eq!(
        std::fs::read_to_string(gbk.join("parks.cpg")).unwrap(),
        "GBK"
    );
    assert_eq!(
        std::fs::read_to_string(utf8.join("parks.cpg")).unwrap(),
        "UTF-8"
    );
    // Python's own GBK codec finds the park name in the DBF bytes; GDAL decodes it from
    // the .cpg; the DBF language byte says code page 936.
    let script = r#"
import sys, pyogrio
d = sys.argv[1]
raw = open(d + "/gbk/parks.dbf", "rb").read()
print(raw[29])
print("新河化工新材料园".encode("gbk") in raw)
print("新河化工新材料园".encode("utf-8") in open(d + "/utf8/parks.dbf", "rb").read())
for sub in ["gbk", "utf8"]:
    meta, _, _, fields = pyogrio.raw.read(d + "/" + sub + "/parks.shp", read_geometry=False)
    print(list(fields[list(meta["fields"]).index("name")]))
"#;
    let text = python(script, out.path());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "122", "LDID 0x7A (code page 936)");
    assert_eq!(lines[1], "True");
    assert_eq!(lines[2], "True");
    assert!(lines[3].contains("新河化工新材料园"), "{text}");
    assert_eq!(lines[3], lines[4], "GBK and UTF-8 files decode alike");
}

#[test]
fn shapefile_field_names_follow_the_documented_mapping() {
    let out = tempfile::tempdir().expect("temp dir");
    let r = run(&[
        "intensity",
        concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample"),
        "-o",
        &out.path().display().to_string(),
        "--format",
        "shp",
        "-q",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let map = |t: &str| -> Vec<(String, String)> {
        read_csv(&out.path().join(format!("{t}.fields.csv")))
            .into_iter()
            .map(|r| (r["column"].clone(), r["dbf_field"].clone()))
            .collect()
    };
    let parcels = map("parcels");
    let enterprises = map("enterprises");
    let get = |m: &[(String, String)], k: &str| {
        m.iter()
            .find(|(c, _)| c == k)
            .map(|(_, f)| f.clone())
            .unwrap()
    };
    // The same column has the same short name in every table (docs/outputs.md lists them).
    assert_eq!(get(&parcels, "investment_per_mu"), "invest_mu");
    assert_eq!(get(&parcels, "value_added_per_mu"), "va_mu");
    assert_eq!(get(&enterprises, "value_added_per_mu"), "va_mu");
    assert_eq!(get(&enterprises, "enterprise_id"), "ent_id");
    assert_eq!(get(&parcels, "parcel_id"), "parcel_id");
    for (col, f) in parcels.iter().chain(&enterprises) {
        assert!(f.len() <= 10, "{col} → {f}");
    }
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/outputs.md"))
        .expect("docs/outputs.md");
    for (col, f) in parcels.iter().filter(|(c, f)| c != f) {
        assert!(
            docs.contains(&format!("| `{col}` | `{f}` |")),
            "docs/outputs.md does not list {col} → {f}"
        );
    }
}

#[test]
fn convert_reads_back_every_format_it_writes() {
    let out = tempfile::tempdir().expect("temp dir");
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample/parcels.geojson");
    let n = 376;
    for ext in ["csv", "xlsx", "shp", "gpkg", "fgb", "geojson"] {
        let written = out.path().join(format!("p.{ext}"));
        let back = out.path().join(format!("back-{ext}.geojson"));
        let r = run(&[
            "convert",
            src,
            &written.display().to_string(),
            "--to",
            "EPSG:4549",
        ]);
        assert_eq!(r.code, 0, "{ext}: {}", r.stderr);
        // CSV and Excel cannot say their CRS: it is given on the way back.
        let mut args = vec![
            "convert".to_owned(),
            written.display().to_string(),
            back.display().to_string(),
        ];
        if ext == "csv" || ext == "xlsx" {
            args.extend(["--from".to_owned(), "EPSG:4549".to_owned()]);
        }
        let r = run(&args);
        assert_eq!(r.code, 0, "{ext} back: {}", r.stderr);
        let fc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
        let feats = fc["features"].as_array().unwrap();
        assert_eq!(feats.len(), n, "{ext}");
        let nulls = feats.iter().filter(|f| f["geometry"].is_null()).count();
        assert_eq!(nulls, 0, "{ext}: null geometries after the round trip");
        assert!(
            feats.iter().any(|f| f["properties"]["供地状态"] == "已供"),
            "{ext}: Chinese field names and values kept"
        );
    }
    // A CSV of projected x/y without --from is refused, not read as degrees.
    let r = run(&[
        "convert",
        &out.path().join("p.csv").display().to_string(),
        &out.path().join("x.geojson").display().to_string(),
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--from"), "{}", r.stderr);
}
