//! Relocation siting: each hard constraint failing by a hair and passing by a hair, the
//! score breakdown, AHP refusal, and the command's tables.

use serde_json::json;

use crate::util::{analyse, gk_collection, rect, Project};
use parkscope::analyse::site::SiteOptions;

const OX: f64 = 520_000.0;
const OY: f64 = 3_352_000.0;

/// One chemical park; P1 is 100 × 100 m (15 亩) with a school 301 m east of its edge;
/// P2 and P3 lie far away, P2 overlapping a red line by 2 m², P3 by 0.5 m².
fn fixture(movers: &str) -> Project {
    let p = Project::new();
    p.file(
        "parks.geojson",
        gk_collection(&[(
            json!({"park_id": "K1", "name": "化工园", "leading_industries": "26、28"}),
            vec![rect(-100.0, -100.0, 5_000.0, 300.0)],
        )]),
    );
    p.file(
        "parcels.geojson",
        gk_collection(&[
            (
                json!({"parcel_id": "P1", "status": "已批"}),
                vec![rect(0.0, 0.0, 100.0, 100.0)],
            ),
            (
                json!({"parcel_id": "P2", "status": "已批"}),
                vec![rect(2_000.0, 0.0, 2_100.0, 100.0)],
            ),
            (
                json!({"parcel_id": "P3", "status": "未批"}),
                vec![rect(4_000.0, 0.0, 4_100.0, 100.0)],
            ),
        ]),
    );
    let constraints = json!({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4549"}}, "features": [
        {"type": "Feature", "properties": {"kind": "学校", "name": "东村小学"}, "geometry": {"type": "Point", "coordinates": [OX + 401.0, OY + 50.0]}},
        {"type": "Feature", "properties": {"kind": "生态保护红线", "name": "河道"}, "geometry": {"type": "Polygon", "coordinates": [[[OX + 2_099.0, OY + 10.0], [OX + 2_101.0, OY + 10.0], [OX + 2_101.0, OY + 12.0], [OX + 2_099.0, OY + 12.0], [OX + 2_099.0, OY + 10.0]]]}},
        {"type": "Feature", "properties": {"kind": "ecological_redline", "name": "河道二"}, "geometry": {"type": "Polygon", "coordinates": [[[OX + 4_099.5, OY + 10.0], [OX + 4_101.0, OY + 10.0], [OX + 4_101.0, OY + 11.0], [OX + 4_099.5, OY + 11.0], [OX + 4_099.5, OY + 10.0]]]}},
    ]});
    p.file("constraints.geojson", constraints.to_string());
    p.file("enterprises.csv", format!("enterprise_id,name,industry,relocate,required_area_mu,protection_distance_m,x,y\n{movers}"));
    p.file(
        "parkscope.toml",
        "as_of = \"2026-06-30\"\n[layers.parks]\npath = \"parks.geojson\"\n[layers.parcels]\npath = \"parcels.geojson\"\n[layers.constraints]\npath = \"constraints.geojson\"\n[layers.enterprises]\npath = \"enterprises.csv\"\ncrs = \"EPSG:4549\"\n",
    );
    p
}

fn outcome(p: &Project, id: &str) -> Vec<(String, String, String)> {
    let (ws, a) = analyse(p.path(), "2026-06-30");
    let model = ws.model();
    let r = ws.site(&a, &SiteOptions::default()).unwrap();
    let mi = r
        .movers
        .iter()
        .position(|m| model.enterprises[m.enterprise].id == id)
        .unwrap();
    let mut out: Vec<(String, String, String)> = r.options[mi]
        .iter()
        .map(|o| {
            (
                r.sites[o.site].id.clone(),
                "feasible".to_owned(),
                String::new(),
            )
        })
        .collect();
    out.extend(r.rejected[mi].kept.iter().map(|x| {
        (
            r.sites[x.site].id.clone(),
            x.excluded_by().code().to_owned(),
            parkscope::words::measured(&x.evidence, parkscope::project::Lang::En),
        )
    }));
    out.sort();
    out
}

fn status<'a>(o: &'a [(String, String, String)], site: &str) -> &'a str {
    o.iter()
        .find(|x| x.0 == site)
        .map(|x| x.1.as_str())
        .unwrap_or("absent")
}

#[test]
fn buffer_passes_by_one_metre_and_fails_by_one_metre() {
    let p = fixture(&format!(
        "OK,甲,2614,是,10,300,{},{}\nNEAR,乙,2614,是,10,302,{},{}\n",
        OX - 3000.0,
        OY,
        OX - 3000.0,
        OY
    ));
    assert_eq!(status(&outcome(&p, "OK"), "P1"), "feasible");
    let near = outcome(&p, "NEAR");
    assert_eq!(status(&near, "P1"), "buffer");
    assert!(
        near.iter()
            .any(|x| x.0 == "P1" && x.2.starts_with("301.0 m")),
        "{near:?}"
    );
}

#[test]
fn area_passes_at_the_requirement_and_fails_just_above() {
    let p = fixture(&format!(
        "FIT,甲,2614,是,15,10,{},{}\nBIG,乙,2614,是,15.01,10,{},{}\n",
        OX - 3000.0,
        OY,
        OX - 3000.0,
        OY
    ));
    assert_eq!(status(&outcome(&p, "FIT"), "P1"), "feasible");
    assert_eq!(status(&outcome(&p, "BIG"), "P1"), "area");
}

#[test]
fn industry_and_red_line_overlap() {
    let p = fixture(&format!(
        "CHEM,甲,2614,是,10,10,{},{}\nFOUNDRY,乙,3391,是,10,10,{},{}\n",
        OX - 3000.0,
        OY,
        OX - 3000.0,
        OY
    ));
    let chem = outcome(&p, "CHEM");
    // 2 m² inside the red line excludes P2; 0.5 m² does not exclude P3 (threshold 1 m²).
    assert_eq!(status(&chem, "P2"), "exclusion");
    assert!(
        chem.iter()
            .any(|x| x.0 == "P2" && x.2.starts_with("2.0 m² inside ecological_redline")),
        "{chem:?}"
    );
    assert_eq!(status(&chem, "P3"), "feasible");
    let foundry = outcome(&p, "FOUNDRY");
    assert!(foundry.iter().all(|x| x.1 == "industry"), "{foundry:?}");
}

#[test]
fn site_command_writes_plan_sites_rejected_and_refuses_inconsistent_ahp() {
    let p = fixture(&format!(
        "A1,甲,2614,是,10,300,{},{}\nA2,乙,2614,是,10,10,{},{}\nX1,丙,3391,是,10,10,{},{}\n",
        OX - 3000.0,
        OY,
        OX - 2500.0,
        OY,
        OX - 3000.0,
        OY
    ));
    let out = tempfile::tempdir().unwrap();
    let r = crate::util::run(&[
        "site".as_ref(),
        p.path().as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let plan = crate::util::read_csv(&out.path().join("plan.csv"));
    assert_eq!(plan.len(), 3);
    let x1 = plan.iter().find(|r| r["enterprise_id"] == "X1").unwrap();
    assert!(
        // The fixture has no `lang`: Chinese, the default.
        x1["site_id"].is_empty() && x1["unplaced_reason"].contains("产业准入"),
        "{x1:?}"
    );
    let placed: Vec<&str> = plan
        .iter()
        .filter(|r| !r["site_id"].is_empty())
        .map(|r| r["site_id"].as_str())
        .collect();
    assert_eq!(placed.len(), 2, "{plan:?}");
    assert_ne!(placed[0], placed[1], "one site per enterprise");
    assert!(plan
        .iter()
        .filter(|r| !r["site_id"].is_empty())
        .all(|r| r["phase"] == "2027"));
    // Points per criterion add up to the score.
    let sites = crate::util::read_csv(&out.path().join("sites.csv"));
    for s in &sites {
        let pts: f64 = [
            "distance_old_pts",
            "road_pts",
            "wastewater_pts",
            "cluster_pts",
            "surplus_pts",
        ]
        .iter()
        .map(|k| s[*k].parse::<f64>().unwrap())
        .sum();
        assert!(
            (pts - s["score"].parse::<f64>().unwrap()).abs() < 0.05,
            "{s:?}"
        );
    }
    assert!(
        out.path().join("rejected.csv").is_file()
            && out.path().join("moves.geojson").is_file()
            && out.path().join("siting.xlsx").is_file()
    );
    // `site` on the sample with extra arguments.
    let site_with = |extra: &[&std::ffi::OsStr]| {
        let mut args = vec![
            "site".as_ref(),
            p.path().as_os_str(),
            "--out".as_ref(),
            out.path().as_os_str(),
        ];
        args.extend_from_slice(extra);
        crate::util::run(&args)
    };
    // An inconsistent AHP matrix (A > B > C > A) is refused with its consistency ratio.
    let ahp = p.join("ahp.csv");
    std::fs::write(
        &ahp,
        "1,9,1/9,1,1\n1/9,1,9,1,1\n9,1/9,1,1,1\n1,1,1,1,1\n1,1,1,1,1\n",
    )
    .unwrap();
    let r = site_with(&["--ahp".as_ref(), ahp.as_os_str()]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr.contains("consistency ratio") && r.stderr.contains("≥ 0.1"),
        "{}",
        r.stderr
    );
    let r = site_with(&["--weights".as_ref(), "distance_old=3,roads=1".as_ref()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown criterion roads"), "{}", r.stderr);
    // Weights and a matrix together: which one was meant is not guessed.
    std::fs::write(
        &ahp,
        "1,1,1,1,1\n1,1,1,1,1\n1,1,1,1,1\n1,1,1,1,1\n1,1,1,1,1\n",
    )
    .unwrap();
    let r = site_with(&[
        "--ahp".as_ref(),
        ahp.as_os_str(),
        "--weights".as_ref(),
        "distance_old=3".as_ref(),
    ]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(r.stderr.contains("not both"), "{}", r.stderr);
}

/// A weight change re-ranks every feasible site, not only the ones kept under the old
/// weights: re-weighting gives exactly what a fresh run with the new weights gives.
#[test]
fn reweighting_equals_a_fresh_run_with_the_new_weights() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let (ws, a) = analyse(&dir, "2026-06-30");
    let mut policy = ws.policy().clone();
    // Keep one site per enterprise: re-ranking only the kept sites would miss every rise.
    policy.siting.assignment_candidates = 1;
    policy.siting.max_sites_written = 1;
    let ws = ws.with_policy(policy);
    let (model, policy) = (ws.model(), ws.policy());
    let skewed = parkscope::project::policy::SitingWeights {
        distance_old: 0.1,
        road: 0.1,
        wastewater: 0.1,
        cluster: 0.1,
        surplus: 5.0,
    };
    let base = ws.site(&a, &SiteOptions::default()).unwrap();
    let mut again = base.clone();
    let skewed = parkscope::analyse::site::PerCriterion::from(skewed);
    again.reweight(model, &policy.siting, skewed, a.as_of);
    let opts = SiteOptions {
        weights: Some(skewed),
        ..Default::default()
    };
    let fresh = ws.site(&a, &opts).unwrap();
    let ranked = |r: &parkscope::analyse::site::SitingResult| -> Vec<Vec<(usize, String)>> {
        r.options
            .iter()
            .map(|o| {
                o.iter()
                    .map(|s| (s.site, format!("{:.9}", s.score)))
                    .collect()
            })
            .collect()
    };
    let firsts = |r: &parkscope::analyse::site::SitingResult| -> Vec<Option<usize>> {
        r.options
            .iter()
            .map(|o| o.first().map(|s| s.site))
            .collect()
    };
    assert_ne!(
        firsts(&base),
        firsts(&fresh),
        "the weights must change some best site"
    );
    assert_eq!(ranked(&again), ranked(&fresh));
    let plan = |r: &parkscope::analyse::site::SitingResult| -> Vec<(Option<usize>, Option<i32>)> {
        r.plan.iter().map(|p| (p.site, p.phase)).collect()
    };
    assert_eq!(plan(&again), plan(&fresh));
    assert_eq!(again.stability, fresh.stability);
}
