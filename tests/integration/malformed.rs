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
    bad_date,
    duplicate_ids,
    empty_file,
    huge_coordinates,
    mapped_field_absent,
    missing_file,
    missing_required_field,
    nan_coordinates,
    no_parcels_layer,
    projected_as_lonlat,
    self_intersecting,
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
