//! `init` writes a project `check` accepts; `check` reports every layer, its fields and
//! their vocabularies, and says in one line when it is given a data file.

use crate::util::{run, shared, Project};

#[test]
fn init_on_the_hangzhou_osm_files_writes_a_project_check_accepts() {
    let Some(osm) = shared("real/osm-hangzhou-landuse") else {
        eprintln!("shared real data not beside the repository: skipped");
        return;
    };
    let out = tempfile::tempdir().expect("temp dir");
    let file = out.path().join("parkscope.toml");
    let r = run(&[
        "init",
        &osm.display().to_string(),
        "-o",
        &file.display().to_string(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let toml = std::fs::read_to_string(&file).unwrap();
    assert!(toml.contains("[layers.parcels]"), "{toml}");
    assert!(toml.contains("parcel_id = \"osm_id\""), "{toml}");
    assert!(toml.contains("land_use = \"fclass\""), "{toml}");
    assert!(
        toml.contains("# ? land_use holds OpenStreetMap words"),
        "{toml}"
    );
    // A second init keeps the file unless told to replace it.
    let again = run(&[
        "init",
        &osm.display().to_string(),
        "-o",
        &file.display().to_string(),
    ]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    let c = run(&["check", &file.display().to_string()]);
    assert_eq!(c.code, 0, "{}\n{}", c.stdout, c.stderr);
    assert!(
        c.stdout
            .contains("parcels: fields found: land_use ← fclass, name, parcel_id ← osm_id"),
        "{}",
        c.stdout
    );
    assert!(c.stdout.contains("OpenStreetMap words"), "{}", c.stdout);
}

#[test]
fn init_on_the_sample_finds_every_layer_and_its_fields() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");
    let p = Project::new();
    for f in [
        "parks",
        "parcels",
        "buildings",
        "approvals",
        "constraints",
        "infrastructure",
    ] {
        let src = format!("{sample}/{f}.geojson");
        p.file(&format!("{f}.geojson"), std::fs::read(src).unwrap());
    }
    p.file(
        "enterprises.csv",
        std::fs::read(format!("{sample}/enterprises.csv")).unwrap(),
    );
    let r = run(&["init", &p.path().display().to_string(), "--name", "样例"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let toml = std::fs::read_to_string(p.join("parkscope.toml")).unwrap();
    for layer in [
        "parks",
        "parcels",
        "buildings",
        "enterprises",
        "approvals",
        "constraints",
        "infrastructure",
    ] {
        assert!(
            toml.contains(&format!("[layers.{layer}]")),
            "{layer}:\n{toml}"
        );
    }
    // 地块代码 is no alias: init maps it as the parcels' id.
    assert!(toml.contains("parcel_id = \"地块代码\""), "{toml}");
    assert!(toml.contains("# ? geocoded by Amap or Tencent?"), "{toml}");
    let c = run(&["check", &p.path().display().to_string()]);
    assert_eq!(c.code, 0, "{}\n{}", c.stdout, c.stderr);
}

#[test]
fn check_reports_every_bad_layer_and_json_errors() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");
    let p = Project::new();
    p.file(
        "parkscope.toml",
        format!(
            "[layers.parcels]\npath = \"{sample}/parcels.geojson\"\n[layers.parks]\npath = \"{sample}/parks.geojson\"\n[layers.parks.fields]\npark_id = \"nope\"\n[layers.enterprises]\npath = \"missing.csv\"\n[policy]\nevaluation = \"nowhere-2030\"\n"
        ),
    );
    let r = run(&["check", &p.path().display().to_string(), "--json"]);
    assert_eq!(r.code, 2);
    let first = r.stdout.find('{').unwrap();
    let v: serde_json::Value = serde_json::from_str(
        r.stdout[first..]
            .lines()
            .collect::<Vec<_>>()
            .join("\n")
            .split("\n{\"error\"")
            .next()
            .unwrap(),
    )
    .unwrap();
    let layers = v["survey"]["layers"].as_array().unwrap();
    let with_error: Vec<&str> = layers
        .iter()
        .filter(|l| l["error"].is_string())
        .map(|l| l["layer"].as_str().unwrap())
        .collect();
    assert_eq!(
        with_error,
        ["parks", "parcels", "enterprises"],
        "{}",
        r.stdout
    );
    assert!(v["survey"]["policy"]["error"]
        .as_str()
        .unwrap()
        .contains("nowhere-2030"));
    assert!(
        r.stdout.contains("{\"error\":"),
        "the failure as JSON too: {}",
        r.stdout
    );
    // A data file where a project is expected: one line.
    let d = run(&["check", &format!("{sample}/parcels.geojson")]);
    assert_eq!(d.code, 2);
    assert_eq!(d.stderr.lines().count(), 1, "{}", d.stderr);
    assert!(
        d.stderr.contains("data file, not a project file"),
        "{}",
        d.stderr
    );
}
