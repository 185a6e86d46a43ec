//! Hand-worked intensity and evaluation examples (DOMAIN.md "Default rules, exactly").

use serde_json::json;

use parkscope::project::Lang;
use parkscope::words::Words;

use crate::util::{analyse, gk_collection, rect, Project};

/// Parcel P1: 100 m × 100 m = 10 000 m² = 15 亩, industry 33 (FAR ≥ 0.7).
/// - B1: 20 × 20 m inside, 3 floors → 400 × 3 = 1 200 m²
/// - B2: 20 × 10 m crossing the east edge, half inside (100 m²), 2 floors → 200 m²
/// - B3: 10 × 10 m inside, 1 floor of 9 m (> 8 m counts twice) → 100 × 2 = 200 m²
/// - B4: 10 × 10 m inside B1 (overlapping footprints), 1 floor, height 12 m (storeys =
///   round-half-up(12 / 3.5) = 3) → 300 m²; its footprint is not counted twice in coverage.
///   Floor area 1 900 m², FAR 0.19; coverage (400 + 100 + 100) / 10 000 = 0.06.
///
/// Parcel P2: 100 × 50 m = 5 000 m² = 7.5 亩, shared by E2 (tax 30) and E3 (tax 60):
/// each gets 3.75 亩; parcel tax 90 → 12 万元/亩; E2 8 万元/亩, E3 16 万元/亩.
fn fixture() -> Project {
    let p = Project::new();
    p.file(
        "parcels.geojson",
        gk_collection(&[
            (json!({"parcel_id": "P1", "land_use": "M2", "status": "已供", "holder": "甲公司", "actual_start": "2020-01-01", "built_floor_area": 99999}), vec![rect(0.0, 0.0, 100.0, 100.0)]),
            (json!({"parcel_id": "P2", "land_use": "M2", "status": "supplied", "built_floor_area": 1234}), vec![rect(200.0, 0.0, 300.0, 50.0)]),
        ]),
    );
    p.file(
        "buildings.geojson",
        gk_collection(&[
            (
                json!({"building_id": "B1", "floors": 3}),
                vec![rect(10.0, 10.0, 30.0, 30.0)],
            ),
            (
                json!({"building_id": "B2", "floors": 2}),
                vec![rect(90.0, 50.0, 110.0, 60.0)],
            ),
            (
                json!({"building_id": "B3", "floors": 1, "height_m": 9}),
                vec![rect(50.0, 50.0, 60.0, 60.0)],
            ),
            (
                json!({"building_id": "B4", "height_m": 12}),
                vec![rect(15.0, 15.0, 25.0, 25.0)],
            ),
        ]),
    );
    p.file(
        "enterprises.csv",
        "企业编号,企业名称,行业代码,宗地编号,营业收入,实缴税金\nE1,甲公司,3311,P1,1000,45\nE2,乙公司,3912,P2,500,30\nE3,丙公司,3912,P2,800,60\n",
    );
    p.file(
        "parkscope.toml",
        "as_of = \"2026-06-30\"\n[layers.parcels]\npath = \"parcels.geojson\"\n[layers.buildings]\npath = \"buildings.geojson\"\n[layers.enterprises]\npath = \"enterprises.csv\"\n",
    );
    p
}

#[test]
fn floor_area_far_and_coverage_by_hand() {
    let p = fixture();
    let (ws, a) = analyse(p.path(), "2026-06-30");
    let model = ws.model();
    let i = model.parcels.iter().position(|p| p.id == "P1").unwrap();
    let it = &a.intensity[i];
    assert!((model.parcels[i].area.m2() - 10_000.0).abs() < 1e-6);
    assert!((model.parcels[i].area.to_mu() - 15.0).abs() < 1e-9);
    assert!(
        (it.floor_area.m2() - 1_900.0).abs() < 1e-6,
        "{}",
        it.floor_area.m2()
    );
    assert!((it.far - 0.19).abs() < 1e-9);
    assert!((it.coverage - 0.06).abs() < 1e-9, "{}", it.coverage);
    // FAR requirement from the holder's industry (33 metal products, 0.7) and the 30 % test.
    assert_eq!(it.far_min_required, Some(0.7));
    assert_eq!(it.far_ok, Some(false));
    assert_eq!(it.coverage_ok, Some(false));
    assert!(it
        .far_rule
        .as_ref()
        .unwrap()
        .words(Lang::En)
        .contains("2008"));
    // A parcel no footprint touches uses its ledger's built floor area.
    let j = model.parcels.iter().position(|p| p.id == "P2").unwrap();
    assert!((a.intensity[j].floor_area.m2() - 1_234.0).abs() < 1e-9);
}

#[test]
fn shared_parcel_is_split_equally() {
    let p = fixture();
    let (ws, a) = analyse(p.path(), "2026-06-30");
    let model = ws.model();
    let j = model.parcels.iter().position(|p| p.id == "P2").unwrap();
    let it = &a.intensity[j];
    assert!((it.per_mu(it.tax, model.parcels[j].area).unwrap() - 12.0).abs() < 1e-9);
    let e = |id: &str| {
        &a.evaluation.enterprises[model.enterprises.iter().position(|e| e.id == id).unwrap()]
    };
    assert!((e("E2").land.to_mu() - 3.75).abs() < 1e-9);
    assert!((e("E2").value("tax_per_mu").unwrap() - 8.0).abs() < 1e-9);
    assert!((e("E3").value("tax_per_mu").unwrap() - 16.0).abs() < 1e-9);
    assert!((e("E1").value("tax_per_mu").unwrap() - 3.0).abs() < 1e-9);
}

#[test]
fn huaian_scores_ranks_and_classes_by_hand() {
    // Three enterprises, indicators tax/mu (45), revenue/mu (35), tax/tce (20, missing for all
    // here → every one scores the mean, 0, so it drops out).
    // tax/mu: E1 3, E2 8, E3 16 → mean 9, benchmark 18; revenue/mu: 66.67, 133.33, 213.33 →
    // mean 137.78, benchmark 275.56.
    // E3: 45·16/18 + 35·213.33/275.56 = 40 + 27.10 = 67.10 (rank 1); n = 3: A when 5r ≤ 3
    // (none), B when 5r ≤ 9 (r = 1), C when 20r ≤ 57 (r = 2), else D (r = 3).
    let p = fixture();
    let (ws, a) = analyse(p.path(), "2026-06-30");
    let model = ws.model();
    let e = |id: &str| {
        &a.evaluation.enterprises[model.enterprises.iter().position(|e| e.id == id).unwrap()]
    };
    let s3 = 45.0 * 16.0 / 18.0
        + 35.0 * (800.0 / 3.75) / (2.0 * (1000.0 / 15.0 + 500.0 / 3.75 + 800.0 / 3.75) / 3.0);
    assert!(
        (e("E3").score.unwrap() - s3).abs() < 1e-9,
        "{:?}",
        e("E3").score
    );
    assert_eq!(
        (e("E3").rank, e("E2").rank, e("E1").rank),
        (Some(1), Some(2), Some(3))
    );
    use parkscope::analyse::evaluate::EvalClass::*;
    assert_eq!((e("E3").class, e("E2").class, e("E1").class), (B, C, D));
    let reason = e("E3").evidence.words(Lang::En);
    assert!(reason.contains("rank 1 of 3"), "{reason}");
    assert!(reason.contains("mean score"), "{reason}");
}

/// The FAR requirement comes from the holder's industry alone (DOMAIN rule 4):
/// - H1 is held by 甲公司 (3311 → 33, FAR ≥ 0.7);
/// - H2 is held by 无名公司, not in the ledger, and 乙公司 (2651 → 26, 0.6) sits on it: no
///   requirement by default, 0.6 with `far_requirement_fallback = "enterprises"`;
/// - H3 has no holder; 丙公司 (3912 → 39, 1.0) sits on it: likewise none, or 1.0;
/// - H4 is held by 丁公司 (4320 → 43, a row by analogy tagged U): no requirement either way.
fn holder_fixture(fallback: bool) -> Project {
    let p = Project::new();
    let parcel = |id: &str, holder: Option<&str>, x: f64| {
        let mut props = json!({"parcel_id": id, "land_use": "M1", "status": "已供", "actual_start": "2020-01-01"});
        if let Some(h) = holder {
            props["holder"] = json!(h);
        }
        (props, vec![rect(x, 0.0, x + 100.0, 100.0)])
    };
    p.file(
        "parcels.geojson",
        gk_collection(&[
            parcel("H1", Some("甲公司"), 0.0),
            parcel("H2", Some("无名公司"), 200.0),
            parcel("H3", None, 400.0),
            parcel("H4", Some("丁公司"), 600.0),
        ]),
    );
    p.file(
        "enterprises.csv",
        "企业编号,企业名称,行业代码,宗地编号\nE1,甲公司,3311,H1\nE2,乙公司,2651,H2\nE3,丙公司,3912,H3\nE4,丁公司,4320,H4\n",
    );
    let policy = if fallback {
        "[policy]\nfar_requirement_fallback = \"enterprises\"\n"
    } else {
        ""
    };
    p.file(
        "parkscope.toml",
        format!("as_of = \"2026-06-30\"\n[layers.parcels]\npath = \"parcels.geojson\"\n[layers.enterprises]\npath = \"enterprises.csv\"\n{policy}"),
    );
    p
}

#[test]
fn far_requirement_follows_the_holder_alone() {
    for (fallback, want) in [
        (false, [Some(0.7), None, None, None]),
        (true, [Some(0.7), Some(0.6), Some(1.0), None]),
    ] {
        let p = holder_fixture(fallback);
        let (ws, a) = analyse(p.path(), "2026-06-30");
        let got: Vec<Option<f64>> = ["H1", "H2", "H3", "H4"]
            .iter()
            .map(|id| {
                let i = ws.model().parcels.iter().position(|p| p.id == *id).unwrap();
                a.intensity[i].far_min_required
            })
            .collect();
        assert_eq!(got, want, "fallback = {fallback}");
    }
}
