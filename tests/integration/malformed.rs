//! The malformed-input corpus: each folder under tests/malformed/ is a project and an
//! `expect.txt` (the command, the exit code, a text the output must contain). Every case
//! must end without a panic, with a message that names the file, the feature and the field.

use std::path::Path;

use crate::util::run;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/malformed");

fn case(name: &str) {
    let dir = Path::new(DIR).join(name);
    let expect = std::fs::read_to_string(dir.join("expect.txt")).expect("expect.txt");
    let mut lines = expect.lines();
    let cmd = lines.next().expect("command");
    let code: i32 = lines
        .next()
        .and_then(|l| l.parse().ok())
        .expect("exit code");
    let text = lines.next().expect("expected text");
    let r = run(&[cmd.as_ref(), dir.as_os_str()]);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(!all.contains("internal error"), "{name} panicked: {all}");
    assert_eq!(r.code, code, "{name}: exit code; output:\n{all}");
    assert!(all.contains(text), "{name}: expected «{text}» in:\n{all}");
    if code == 2 {
        let line = r.stderr.trim();
        assert_eq!(
            line.lines().count(),
            1,
            "{name}: one line on stderr: {line}"
        );
        assert!(line.starts_with("parkscope: "), "{name}: {line}");
    }
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        $(#[test] fn $name() { case(stringify!($name)); })*
        const LISTED: &[&str] = &[$(stringify!($name)),*];
    };
}

cases!(
    bad_boolean,
    bad_toml,
    csv_ragged_row,
    csv_stray_quote,
    csv_mixed_encoding,
    xlsx_reversed_dimension,
    xlsx_dimension_overflow,
    xlsx_cell_ref_overflow,
    xlsx_shifted_directory,
    xlsx_shared_string_count,
    bad_date,
    duplicate_ids,
    empty_file,
    huge_coordinates,
    lonlat_in_metric,
    mapped_field_absent,
    missing_file,
    missing_required_field,
    nan_coordinates,
    no_parcels_layer,
    projected_as_lonlat,
    self_intersecting,
    short_position,
    short_ring,
    string_coordinates,
    string_coordinates_only,
    swapped_lonlat,
    truncated_json,
    unknown_crs,
    unknown_key,
    zone_prefix,
);

#[test]
fn every_case_folder_is_listed() {
    let mut on_disk: Vec<String> = std::fs::read_dir(DIR)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = LISTED.iter().map(|s| s.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn real_broken_outline_is_reported_never_taken() {
    // china-outline-wgii: every coordinate of the GCJ-02 file is a JSON string.
    let Some(f) =
        crate::util::shared("real/china-outline-wgii/china_outline_sparse20_gcj02.geojson")
    else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let r = run(&[
        "convert".as_ref(),
        f.as_os_str(),
        out.path().join("o.geojson").as_os_str(),
        "--from".as_ref(),
        "gcj02".as_ref(),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("coordinates are text"), "{}", r.stderr);
}

#[test]
fn undeclared_gcj02_enterprise_layer_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(&[
        "synth",
        "--parcels",
        "120",
        "--out",
        dir.path().to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(r.code, 0);
    let toml = std::fs::read_to_string(dir.path().join("parkscope.toml"))
        .unwrap()
        .replace("coords = \"gcj02\"\n", "");
    std::fs::write(dir.path().join("parkscope.toml"), toml).unwrap();
    let r = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("declare coords = \"gcj02\""),
        "{}",
        r.stdout
    );
}

#[test]
fn gbk_shapefile_without_cpg_decodes_from_the_language_byte() {
    let Some(p) = crate::util::shared("real/projects/xiasha-gbk/parkscope-ldid.toml") else {
        return;
    };
    let r = run(&["check".as_ref(), p.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("[GBK]"), "{}", r.stdout);
}

/// A project of `n` square parcels in a shapefile made by `parkscope convert`.
fn shapefile_project(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let features: Vec<String> = (0..n)
        .map(|i| {
            let (x, y) = (120.3 + 0.002 * i as f64, 30.3);
            format!(
                r#"{{"type":"Feature","properties":{{"parcel_id":"G{i}","land_use":"M1"}},"geometry":{{"type":"Polygon","coordinates":[[[{x},{y}],[{},{y}],[{},{}],[{x},{}],[{x},{y}]]]}}}}"#,
                x + 0.001,
                x + 0.001,
                y + 0.001,
                y + 0.001
            )
        })
        .collect();
    let gj = dir.path().join("in.geojson");
    std::fs::write(
        &gj,
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        ),
    )
    .unwrap();
    let shp = dir.path().join("parcels.shp");
    let r = run(&["convert".as_ref(), gj.as_os_str(), shp.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    std::fs::write(
        dir.path().join("parkscope.toml"),
        "[layers.parcels]\npath = \"parcels.shp\"\n",
    )
    .unwrap();
    dir
}

/// The byte offsets of a .shp file's records.
fn record_offsets(shp: &[u8]) -> Vec<usize> {
    let mut at = 100;
    let mut out = Vec::new();
    while at + 8 <= shp.len() {
        out.push(at);
        let words = i32::from_be_bytes(shp[at + 4..at + 8].try_into().unwrap());
        at += 8 + 2 * words as usize;
    }
    out
}

fn check(dir: &Path) -> crate::util::Run {
    let r = run(&["check".as_ref(), dir.as_os_str()]);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(!all.contains("internal error"), "{all}");
    r
}

#[test]
fn shapefile_records_that_lie_are_cut_and_reported_never_looped_over() {
    let p = shapefile_project(20);
    let shp_path = p.path().join("parcels.shp");
    let shp = std::fs::read(&shp_path).unwrap();
    let offsets = record_offsets(&shp);
    assert_eq!(offsets.len(), 20);
    // Truncated in the middle of record 11.
    std::fs::write(&shp_path, &shp[..offsets[10] + 30]).unwrap();
    let r = check(p.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("record 11 (byte"), "{}", r.stdout);
    assert!(r.stdout.contains("were not read"), "{}", r.stdout);
    assert!(r.stdout.contains("parcels  "), "{}", r.stdout);
    // Record 3 claims 2^31-1 points (about 32 GiB).
    let mut huge = shp.clone();
    let at = offsets[2] + 8 + 40;
    huge[at..at + 4].copy_from_slice(&i32::MAX.to_le_bytes());
    std::fs::write(&shp_path, &huge).unwrap();
    let r = check(p.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("record 3 (byte"), "{}", r.stdout);
    assert!(r.stdout.contains("needs 34359738"), "{}", r.stdout);
    // A part index beyond the points.
    let mut bad = shp.clone();
    let at = offsets[4] + 8 + 36;
    bad[at..at + 4].copy_from_slice(&2i32.to_le_bytes());
    std::fs::write(&shp_path, &bad).unwrap();
    let r = check(p.path());
    assert!(
        r.stdout.contains("record 5 (byte"),
        "{}{}",
        r.stdout,
        r.stderr
    );
    // Not a shapefile at all: one line, exit 2.
    std::fs::write(&shp_path, b"PK\x03\x04 not a shapefile, a zip").unwrap();
    let r = check(p.path());
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("not a valid shapefile"), "{}", r.stderr);
}

#[test]
fn a_dbf_with_fewer_records_than_shapes_is_reported() {
    let p = shapefile_project(12);
    let dbf_path = p.path().join("parcels.dbf");
    let mut dbf = std::fs::read(&dbf_path).unwrap();
    let header = u16::from_le_bytes([dbf[8], dbf[9]]) as usize;
    let record = u16::from_le_bytes([dbf[10], dbf[11]]) as usize;
    dbf[4..8].copy_from_slice(&5u32.to_le_bytes());
    dbf.truncate(header + 5 * record);
    std::fs::write(&dbf_path, &dbf).unwrap();
    let r = check(p.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("parcels.dbf has 5 records for 12 shapes: shapes 6–12 have no attributes and were not read"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_prj_that_is_some_other_file_is_named_not_printed() {
    let p = shapefile_project(3);
    let secret =
        "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
    std::fs::write(p.path().join("parcels.prj"), secret.repeat(100)).unwrap();
    let r = check(p.path());
    assert_eq!(r.code, 2, "{}", r.stderr);
    let line = r.stderr.trim();
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(line.contains("parcels.shp: the declared CRS"), "{line}");
    assert!(
        !line.contains("daemon") && !line.contains("nologin"),
        "{line}"
    );
    assert!(line.chars().count() < 400, "{line}");
}

#[test]
fn a_toml_error_names_line_and_column_and_prints_no_line_of_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let secret = format!("password = {}\n", "hunter2-".repeat(25_000));
    std::fs::write(
        dir.path().join("parkscope.toml"),
        format!("[layers.parcels]\npath = \"p.geojson\"\n{secret}"),
    )
    .unwrap();
    let r = check(dir.path());
    assert_eq!(r.code, 2, "{}", r.stderr);
    let line = r.stderr.trim();
    assert!(line.contains("parkscope.toml: line 3, column 12"), "{line}");
    assert!(
        line.chars().count() < 400,
        "{} characters",
        line.chars().count()
    );
}

/// A project whose enterprises layer is a workbook with a header, two rows and whatever
/// `extra` writes.
fn workbook_project(extra: impl Fn(&mut rust_xlsxwriter::Worksheet)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("parcels.geojson"),
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"parcel_id":"G1","land_use":"M1"},"geometry":{"type":"Polygon","coordinates":[[[120.3,30.3],[120.301,30.3],[120.301,30.301],[120.3,30.301],[120.3,30.3]]]}}]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("parkscope.toml"),
        "[layers.parcels]\npath = \"parcels.geojson\"\n[layers.enterprises]\npath = \"e.xlsx\"\n",
    )
    .unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["enterprise_id", "name", "lon", "lat", "revenue"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..3u32 {
        ws.write_string(r, 0, format!("E{r}")).unwrap();
        ws.write_string(r, 1, "甲").unwrap();
        ws.write_number(r, 2, 120.3005).unwrap();
        ws.write_number(r, 3, 30.3005).unwrap();
        ws.write_number(r, 4, 100.0).unwrap();
    }
    extra(ws);
    wb.save(dir.path().join("e.xlsx")).unwrap();
    dir
}

#[test]
fn a_stray_cell_at_the_sheets_far_corner_costs_nothing() {
    let p = workbook_project(|ws| {
        ws.write_string(1_048_575, 16_383, "stray").unwrap();
    });
    let r = check(p.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("enterprises             2"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "1 cell(s) right of the header's last column (as far as column XFD) were not read"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn a_workbook_that_inflates_too_far_is_refused_before_it_is_unpacked() {
    let p = workbook_project(|_| {});
    let path = p.path().join("e.xlsx");
    let mut b = std::fs::read(&path).unwrap();
    // Declare 900 MB for the sheet in the central directory.
    let name = b"xl/worksheets/sheet1.xml";
    let at = (0..b.len() - name.len())
        .rev()
        .find(|&i| &b[i..i + name.len()] == name && b[i - 46..i - 42] == [0x50, 0x4b, 1, 2])
        .expect("the sheet's directory entry")
        - 46;
    b[at + 24..at + 28].copy_from_slice(&900_000_000u32.to_le_bytes());
    std::fs::write(&path, &b).unwrap();
    let r = check(p.path());
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("e.xlsx: not read: the part xl/worksheets/sheet1.xml inflates from"),
        "{}",
        r.stderr
    );
}

#[test]
fn features_that_each_carry_new_property_names_are_refused_not_tabled() {
    let dir = tempfile::tempdir().unwrap();
    let features: Vec<String> = (0..6_000)
        .map(|i| {
            format!(
                r#"{{"type":"Feature","properties":{{"parcel_id":"G{i}","k{i}":1}},"geometry":{{"type":"Point","coordinates":[120.3,30.3]}}}}"#
            )
        })
        .collect();
    std::fs::write(
        dir.path().join("parcels.geojson"),
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("parkscope.toml"),
        "[layers.parcels]\npath = \"parcels.geojson\"\n",
    )
    .unwrap();
    let r = check(dir.path());
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr
            .contains("6000 features carry 6001 distinct property names (limits: 5000 names"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_layer_in_the_wrong_gauss_kruger_zone_is_refused() {
    // The sample's buildings are in CGCS2000 GK zone 40 (EPSG:4549, 120°E); declared as
    // zone 39 (EPSG:4548, 117°E) every coordinate is still plausible on its own, but the
    // layer lands about 290 km west of the parcels: refused, naming the file, distance
    // and direction, exit 2.
    let tmp = tempfile::tempdir().unwrap();
    let project = super::outputs::sample_copy(tmp.path(), |name, text| {
        if name == "buildings.geojson" {
            text.replacen("EPSG::4549", "EPSG::4548", 1)
        } else {
            text
        }
    });
    let r = run(&["check", project.to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    let line = r.stderr.trim();
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(line.contains("buildings.geojson"), "{line}");
    assert!(line.contains("km west of the parcels"), "{line}");
    let km: f64 = line
        .split("lies ")
        .nth(1)
        .and_then(|t| t.split(" km").next())
        .and_then(|t| t.parse().ok())
        .unwrap();
    // 3° of longitude at the sample's latitude (about 30.3°N) is 288 km; the layer's and
    // the parcels' extents are a few km across, so the gap between them is a little less.
    assert!((250.0..300.0).contains(&km), "{km}");
    assert!(
        line.contains("limit 100 km, [limits] layer_gap_km"),
        "{line}"
    );
    // A project that means its layers to lie far apart raises the bound, and passes.
    let toml = project.join("parkscope.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}\n[limits]\nlayer_gap_km = 400\n")).unwrap();
    let wide = run(&["check", project.to_str().unwrap()]);
    assert_eq!(wide.code, 0, "{}", wide.stderr);
    std::fs::write(&toml, format!("{text}\n[limits]\nlayer_gap_km = 0\n")).unwrap();
    let zero = run(&["check", project.to_str().unwrap()]);
    assert_eq!(zero.code, 2, "{}", zero.stderr);
    assert!(
        zero.stderr
            .contains("limits.layer_gap_km must be a positive number"),
        "{}",
        zero.stderr
    );
    // The sample as shipped passes.
    let ok = run(&["check", concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample")]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
}
