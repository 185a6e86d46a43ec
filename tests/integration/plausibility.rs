//! Implausible values (`data/policy/plausibility-default.toml`): each is a warning naming the
//! feature, the field, the value and the bound; a value that cannot be true is read as
//! empty, a doubtful date or pairing is kept. Numbers worked by hand.

use serde_json::json;

use crate::util::{analyse, gk_collection, rect, run, Project};

/// Parcel P1: 100 × 100 m = 10 000 m² = 15 亩, as-of 2026-06-30.
/// - B1 20 × 20 m, floors 1e12 (outside [1, 200]: empty), height 30 m → round-half-up(30 / 3.5)
///   = 9 storeys → 400 × 9 = 3 600 m²
/// - B2 10 × 10 m, height 1e308 (outside [1, 700]: empty), no floors → 1 storey → 100 m²
/// - B3 10 × 10 m, floors 0 (empty), no height → 1 storey → 100 m²
/// - B4 10 × 10 m, 2 floors over 200 m: 100 m a storey, outside [1.5, 60] (kept, warned);
///   over 8 m a storey counts twice → 100 × 2 × 2 = 400 m²
///
/// Floor area 4 200 m², FAR 0.42. Agreed completion before agreed start; actual start after
/// the as-of date; planned investment 4 500 000 "万元" (yuan typed as 万元) is 300 000 万元/亩,
/// outside [0, 100 000]: empty.
///
/// Parcel P2, 100 × 100 m, supplied 2015-01-01 inside batch PC1 approved 2016-03-15: warned.
/// Parcel P3, 100 × 100 m, covered by one 150-storey building: FAR 150 > 30, warned (kept).
fn fixture() -> Project {
    let p = Project::new();
    p.file(
        "parcels.geojson",
        gk_collection(&[
            (
                json!({"parcel_id": "P1", "land_use": "M2", "status": "已供", "agreed_start": "2021-01-01", "agreed_completion": "2020-01-01", "actual_start": "2027-01-01", "planned_investment": 4_500_000}),
                vec![rect(0.0, 0.0, 100.0, 100.0)],
            ),
            (
                json!({"parcel_id": "P2", "land_use": "M2", "status": "已供", "supply_date": "2015-01-01"}),
                vec![rect(200.0, 0.0, 300.0, 100.0)],
            ),
            (
                json!({"parcel_id": "P3", "land_use": "M2", "status": "已供"}),
                vec![rect(400.0, 0.0, 500.0, 100.0)],
            ),
        ]),
    );
    p.file(
        "buildings.geojson",
        gk_collection(&[
            (
                json!({"building_id": "B1", "floors": 1e12, "height_m": 30}),
                vec![rect(10.0, 10.0, 30.0, 30.0)],
            ),
            (
                json!({"building_id": "B2", "height_m": 1e308}),
                vec![rect(50.0, 50.0, 60.0, 60.0)],
            ),
            (
                json!({"building_id": "B3", "floors": 0}),
                vec![rect(70.0, 70.0, 80.0, 80.0)],
            ),
            (
                json!({"building_id": "B4", "floors": 2, "height_m": 200}),
                vec![rect(10.0, 70.0, 20.0, 80.0)],
            ),
            (
                json!({"building_id": "B5", "floors": 150}),
                vec![rect(400.0, 0.0, 500.0, 100.0)],
            ),
        ]),
    );
    p.file(
        "approvals.geojson",
        gk_collection(&[(
            json!({"batch_id": "PC1", "approval_date": "2016-03-15"}),
            vec![rect(150.0, -50.0, 350.0, 150.0)],
        )]),
    );
    p.file(
        "parkscope.toml",
        "as_of = \"2026-06-30\"\n[layers.parcels]\npath = \"parcels.geojson\"\n[layers.buildings]\npath = \"buildings.geojson\"\n[layers.approvals]\npath = \"approvals.geojson\"\n",
    );
    p
}

/// Gives the project its own bounds table: the shipped one, edited.
fn with_bounds(p: &Project, edit: impl Fn(String) -> String) {
    let shipped = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/policy/plausibility-default.toml"
    );
    p.file(
        "bounds.toml",
        edit(std::fs::read_to_string(shipped).unwrap()),
    );
    let toml = std::fs::read_to_string(p.join("parkscope.toml")).unwrap();
    p.file(
        "parkscope.toml",
        format!("{toml}[policy]\nplausibility = \"bounds.toml\"\n"),
    );
}

#[test]
fn values_that_cannot_be_true_are_read_as_empty_and_reported_with_their_bound() {
    let p = fixture();
    let (ws, a) = analyse(p.path(), "2026-06-30");
    let model = ws.model();
    let i = model.parcels.iter().position(|p| p.id == "P1").unwrap();
    let floor = a.intensity[i].floor_area.m2();
    assert!((floor - 4_200.0).abs() < 1e-6, "{floor}");
    assert!((a.intensity[i].far - 0.42).abs() < 1e-9);
    assert_eq!(model.parcels[i].planned_investment, None);
    // Doubtful dates are kept.
    assert!(model.parcels[i].actual_start.is_some());
    assert!(model.parcels[i].agreed_completion.is_some());

    let r = run(&["check", p.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let out = format!("{}{}", r.stdout, r.stderr);
    let has = |needle: &str| {
        assert!(out.contains(needle), "«{needle}» not in:\n{out}");
    };
    has("(B1): field floors: 1e12 is outside the plausible range [1, 200] (plausibility-default buildings.floors): read as empty");
    has("(B2): field height_m: 1e308 is outside the plausible range [1, 700] (plausibility-default buildings.height_m): read as empty");
    has("(B3): field floors: 0 is outside the plausible range [1, 200]");
    has("(B4): field height_m: height 200 m over 2 storeys is 100.00 m a storey, outside the plausible range [1.5, 60]");
    has("(P1): field agreed_completion: agreed_completion 2020-01-01 is before agreed_start 2021-01-01: dates out of order (kept)");
    has("(P1): field actual_start: 2027-01-01 is after the project's as-of date 2026-06-30");
    has("(P1): field planned_investment: 300000 万元/亩 (4500000 万元 on 15.00 亩) is outside the plausible range [0, 100000] (plausibility-default parcels.investment_per_mu): read as empty");
    has("P2: field supply_date: supplied on 2015-01-01, before approval batch PC1 that it lies in was approved on 2016-03-15");
    has("P3: its 1 buildings give a FAR of 150.00, outside the plausible range [0, 30]");
}

#[test]
fn a_look_back_does_not_doubt_dates_the_ledger_holds() {
    // Judged at 2019-01-01, the project's own as-of (2026-06-30) is still the date the data
    // stand at: only the 2027 actual start is "after the as-of date".
    let p = fixture();
    let (ws, _) = analyse(p.path(), "2019-01-01");
    let after: Vec<String> = ws.load_report().layers["parcels"]
        .problems
        .iter()
        .map(|p| p.reason.to_string())
        .filter(|r| r.contains("is after the project's as-of date"))
        .collect();
    assert_eq!(after, ["2027-01-01 is after the project's as-of date 2026-06-30: what it dates cannot have happened yet (kept)"]);
}

#[test]
fn a_policy_table_with_a_reversed_bound_is_refused() {
    let p = fixture();
    with_bounds(&p, |t| {
        t.replace("floors = [1, 200]", "floors = [200, 1]")
            .replace("edition = \"default\"", "edition = \"ours\"")
    });
    let r = run(&["check", p.path().to_str().unwrap()]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    let line = r.stderr.trim();
    assert_eq!(line.lines().count(), 1, "{line}");
    assert!(line.contains("bounds.toml"), "{line}");
    assert!(line.contains("buildings.floors"), "{line}");
}

#[test]
fn a_wider_bound_in_the_projects_table_keeps_the_value() {
    // The same 1e12 floors under a table allowing [1, 1e13]: B1 counts 1e12 storeys, and
    // the parcel's buildings then give an implausible FAR (warned, kept).
    let p = fixture();
    with_bounds(&p, |t| {
        t.replacen("floors = [1, 200]", "floors = [1, 1e13]", 1)
    });
    let (ws, a) = analyse(p.path(), "2026-06-30");
    let i = ws
        .model()
        .parcels
        .iter()
        .position(|p| p.id == "P1")
        .unwrap();
    assert!(a.intensity[i].far > 1e8, "{}", a.intensity[i].far);
    let r = run(&["check", p.path().to_str().unwrap()]);
    assert!(
        format!("{}{}", r.stdout, r.stderr).contains("P1: its 4 buildings give a FAR of"),
        "{}",
        r.stdout
    );
}
