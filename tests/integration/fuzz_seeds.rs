//! The fuzz targets' entry points (parkscope::fuzzing) on their seeds, cut short at many
//! points and with bytes flipped: whatever the bytes, nothing panics. A poor man's fuzzing
//! that runs on every `cargo test` (fuzz/ holds the coverage-guided targets).

use std::path::Path;

/// The seed itself, truncated at 16 points and with 16 single bytes changed (the same
/// every run: positions from a fixed stride).
fn variants(seed: &[u8]) -> Vec<Vec<u8>> {
    let mut out = vec![seed.to_vec()];
    let n = seed.len().max(1);
    for k in 1..=16 {
        out.push(seed[..seed.len() * k / 17].to_vec());
        let mut flipped = seed.to_vec();
        if !flipped.is_empty() {
            let at = (k * 7919) % n;
            flipped[at] = flipped[at].wrapping_add(0x55);
        }
        out.push(flipped);
    }
    out
}

fn seeds(pattern_ext: &str) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["data/sample"] {
        for e in std::fs::read_dir(root.join(dir)).unwrap() {
            files.push(e.unwrap().path());
        }
    }
    for e in std::fs::read_dir(root.join("tests/malformed")).unwrap() {
        for f in std::fs::read_dir(e.unwrap().path()).unwrap() {
            files.push(f.unwrap().path());
        }
    }
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == pattern_ext))
        .map(|p| std::fs::read(p).unwrap())
        .filter(|b| b.len() < 400_000)
        .collect()
}

#[test]
fn geojson_and_whole_loads_survive_cut_and_flipped_seeds() {
    for seed in seeds("geojson") {
        for v in variants(&seed) {
            parkscope::fuzzing::read_as("geojson", &v);
        }
    }
    for seed in seeds("geojson").into_iter().take(8) {
        for v in variants(&seed).into_iter().take(9) {
            parkscope::fuzzing::open_parcels("geojson", &v);
        }
    }
    parkscope::fuzzing::clean_scratch();
}

#[test]
fn csv_and_project_files_survive_cut_and_flipped_seeds() {
    for seed in seeds("csv") {
        for v in variants(&seed) {
            parkscope::fuzzing::read_as("csv", &v);
        }
    }
    for seed in seeds("toml") {
        for v in variants(&seed) {
            parkscope::fuzzing::parse_project(&v);
        }
    }
    for v in [
        &b"\xff\xfe"[..],
        b"[layers.parcels]\npath = 3",
        b"as_of = 2026-13-45",
    ] {
        assert!(!parkscope::fuzzing::parse_project(v));
    }
    parkscope::fuzzing::clean_scratch();
}

#[test]
fn shapefiles_and_workbooks_survive_cut_and_flipped_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let gj = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample/parks.geojson");
    let shp = dir.path().join("parks.shp");
    let r = crate::util::run(&["convert".as_ref(), gj.as_os_str(), shp.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (s, d) = (
        std::fs::read(&shp).unwrap(),
        std::fs::read(shp.with_extension("dbf")).unwrap(),
    );
    let mut seed = (s.len() as u32).to_le_bytes().to_vec();
    seed.extend_from_slice(&s);
    seed.extend_from_slice(&d);
    assert!(
        parkscope::fuzzing::read_shapefile(&seed),
        "the seed itself reads"
    );
    for v in variants(&seed) {
        parkscope::fuzzing::read_shapefile(&v);
    }
    let xlsx = dir.path().join("parks.xlsx");
    let r = crate::util::run(&["convert".as_ref(), gj.as_os_str(), xlsx.as_os_str()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let book = std::fs::read(&xlsx).unwrap();
    assert!(
        parkscope::fuzzing::read_as("xlsx", &book),
        "the seed itself reads"
    );
    for v in variants(&book) {
        parkscope::fuzzing::read_as("xlsx", &v);
    }
    parkscope::fuzzing::clean_scratch();
}
