//! The library's front door as an outside crate sees it: the README's example is the
//! example program, and that program runs.

use std::path::Path;

/// The ```rust block under "Use as a library" in README.md.
fn readme_example() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    let section = readme
        .split("## Use as a library")
        .nth(1)
        .expect("a \"Use as a library\" section");
    let code = section
        .split("```rust\n")
        .nth(1)
        .and_then(|c| c.split("\n```").next())
        .expect("a rust block");
    code.to_owned()
}

#[test]
fn readme_library_example_is_the_example_program() {
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/park_areas.rs"),
    )
    .expect("examples/park_areas.rs");
    let body: String = example
        .lines()
        .skip_while(|l| l.starts_with("//!") || l.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(body.trim(), readme_example().trim());
}

#[test]
fn front_door_opens_the_sample_and_gives_every_park_its_area() {
    let ws = parkscope::Workspace::open(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample"))
        .unwrap();
    let a = ws.analyse();
    let parks: Vec<_> = ws.parks_with(&a).collect();
    assert_eq!(parks.len(), ws.model().parks.len());
    assert!(parks.iter().all(|(_, i)| i.area.to_mu() > 0.0));
}

#[test]
fn a_project_without_a_date_is_refused_unless_one_is_given() {
    let p = crate::util::Project::new();
    p.file(
        "parcels.geojson",
        crate::util::gk_collection(&[(
            serde_json::json!({"parcel_id": "P1"}),
            vec![crate::util::rect(0.0, 0.0, 100.0, 100.0)],
        )]),
    );
    p.file(
        "parkscope.toml",
        "[layers.parcels]\npath = \"parcels.geojson\"\n",
    );
    let e = parkscope::Workspace::open(p.path()).unwrap_err();
    assert!(!e.is_internal());
    assert!(e.to_string().contains("as_of"), "{e}");
    let d = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let ws = parkscope::OpenOptions::new()
        .today(d)
        .open(p.path())
        .unwrap();
    assert_eq!(ws.as_of(), d);
}

#[test]
fn a_layer_with_every_feature_rejected_is_refused_with_its_report() {
    let p = crate::util::Project::new();
    // The parcels are fine; every enterprise lacks its id.
    p.file(
        "parcels.geojson",
        crate::util::gk_collection(&[(
            serde_json::json!({"parcel_id": "P1"}),
            vec![crate::util::rect(0.0, 0.0, 100.0, 100.0)],
        )]),
    );
    p.file(
        "enterprises.csv",
        "enterprise_id,name,tax,x,y\n,甲,1,520050,3352050\n,乙,2,520050,3352050\n",
    );
    p.file(
        "parkscope.toml",
        "as_of = \"2026-06-30\"\n[layers.parcels]\npath = \"parcels.geojson\"\n[layers.enterprises]\npath = \"enterprises.csv\"\ncrs = \"EPSG:4549\"\n",
    );
    match parkscope::Workspace::open(p.path()) {
        Err(parkscope::Error::Unusable { layer, report, .. }) => {
            assert_eq!(layer, "enterprises");
            assert_eq!(report.layers["enterprises"].rejected, 2);
        }
        other => panic!("expected Unusable, got {other:?}"),
    }
}
