//! Independent cross-checks: the building–parcel overlay against shapely 2 + pyproj
//! (tests/crosscheck/overlay.py), on a synthetic city and on real Shanghai footprints.
//! Skipped when python3 with shapely and pyproj is not installed (.ci/run installs them).

use std::process::Command;

use crate::util::{run, shared};

fn python_ready() -> bool {
    Command::new("python3")
        .args(["-c", "import shapely, pyproj"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn crosscheck(
    parcels: &std::path::Path,
    buildings: &std::path::Path,
    out_csv: &std::path::Path,
    epsg: &str,
    id_field: &str,
) {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/crosscheck/overlay.py");
    let o = Command::new("python3")
        .args([
            script.as_ref(),
            parcels.as_os_str(),
            buildings.as_os_str(),
            out_csv.as_os_str(),
            epsg.as_ref(),
            id_field.as_ref(),
        ])
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.status.success(),
        "shapely disagrees beyond 0.5 %:\n{text}"
    );
}

#[test]
fn overlay_agrees_with_shapely_on_a_synthetic_city() {
    if !python_ready() {
        eprintln!("python3 with shapely and pyproj not found: cross-check skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let city = dir.path().join("city");
    assert_eq!(
        run(&[
            "synth",
            "--parcels",
            "300",
            "--seed",
            "3",
            "--out",
            city.to_str().unwrap(),
            "--quiet"
        ])
        .code,
        0
    );
    let out = dir.path().join("out");
    let r = run(&[
        "intensity",
        city.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    crosscheck(
        &city.join("parcels.geojson"),
        &city.join("buildings.geojson"),
        &out.join("parcels.csv"),
        "4549",
        "地块代码",
    );
}

#[test]
fn overlay_agrees_with_shapely_on_shanghai() {
    let Some(project) = shared("real/projects/shanghai") else {
        return;
    };
    if !python_ready() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let r = run(&[
        "intensity".as_ref(),
        project.as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
        "--quiet".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    crosscheck(
        &project.join("parcels.geojson"),
        &project.join("buildings.geojson"),
        &out.path().join("parcels.csv"),
        "4549",
        "parcel_id",
    );
}

#[test]
fn approved_not_supplied_agrees_with_shapely() {
    if !python_ready() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let city = dir.path().join("city");
    assert_eq!(
        run(&[
            "synth",
            "--parcels",
            "2000",
            "--seed",
            "11",
            "--out",
            city.to_str().unwrap(),
            "--quiet"
        ])
        .code,
        0
    );
    let out = dir.path().join("out");
    let r = run(&[
        "idle",
        city.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/crosscheck/ans.py");
    let o = Command::new("python3")
        .args([
            script.as_ref(),
            city.as_os_str(),
            out.join("approved_not_supplied.csv").as_os_str(),
        ])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
}
