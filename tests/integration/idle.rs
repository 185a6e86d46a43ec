//! Idle and inefficient land, table-driven: each class and each boundary date (the day
//! before, the day of, the day after), including a 29 February agreed start.

use serde_json::json;

use parkscope::project::Lang;
use parkscope::words::Words;

use crate::util::{analyse, gk_collection, rect, Project};

fn fixture() -> Project {
    let p = Project::new();
    let parcels = vec![
        // Case 2(a) with a leap-day agreed start: idle from 2025-02-28, recoverable from 2026-02-28.
        json!({"parcel_id": "A", "status": "已供", "supply_date": "2023-12-01", "agreed_start": "2024年2月29日"}),
        // Case 2(b): halted 2024-05-10, built 999 of 3000 m² planned (3 × 999 < 3000).
        json!({"parcel_id": "B", "land_use": "B1", "status": "已供", "agreed_start": "2021-06-01", "actual_start": "2022-01-01", "halted_since": "2024/5/10", "planned_floor_area": 3000, "built_floor_area": 999}),
        // Exactly a third built is not idle (strict comparison).
        json!({"parcel_id": "B2", "land_use": "B1", "status": "已供", "agreed_start": "2021-06-01", "actual_start": "2022-01-01", "halted_since": "2024-05-10", "planned_floor_area": 3000, "built_floor_area": 1000}),
        // Invested exactly a quarter: not idle; a 万元 less: idle.
        json!({"parcel_id": "B3", "land_use": "B1", "status": "已供", "agreed_start": "2021-06-01", "actual_start": "2022-01-01", "halted_since": "2024-05-10", "planned_investment": 1000, "invested": 250}),
        json!({"parcel_id": "B4", "land_use": "B1", "status": "已供", "agreed_start": "2021-06-01", "actual_start": "2022-01-01", "halted_since": "2024-05-10", "planned_investment": 1000, "invested": 249}),
        // Completed 2024-06-30, not producing: 建而未投 from 2025-06-30.
        json!({"parcel_id": "C", "land_use": "B1", "status": "已供", "agreed_start": "2021-06-01", "actual_start": "2022-01-01", "actual_completion": "2024-06-30", "in_production": "否"}),
        // Producing with no enterprise: tax 0 < 10.
        json!({"parcel_id": "D", "land_use": "B1", "status": "已供", "agreed_start": "2021-06-01", "actual_start": "2022-01-01", "in_production": "是"}),
        // Industrial, started, FAR far below the planning condition.
        json!({"parcel_id": "E", "land_use": "M2", "status": "已供", "agreed_start": "2021-06-01", "actual_start": "2022-01-01", "far_min": 1.0, "built_floor_area": 100}),
        json!({"parcel_id": "F", "status": "已批"}),
        json!({"parcel_id": "G", "status": "已供"}),
        // A start recorded after the judging date has not happened yet.
        json!({"parcel_id": "H", "status": "已供", "agreed_start": "2024-01-01", "actual_start": "2027-01-01"}),
    ];
    let feats: Vec<_> = parcels
        .into_iter()
        .enumerate()
        .map(|(i, props)| {
            (
                props,
                vec![rect(i as f64 * 200.0, 0.0, i as f64 * 200.0 + 100.0, 100.0)],
            )
        })
        .collect();
    p.file("parcels.geojson", gk_collection(&feats));
    p.file(
        "parkscope.toml",
        "[layers.parcels]\npath = \"parcels.geojson\"\n",
    );
    p
}

struct Case {
    parcel: &'static str,
    as_of: &'static str,
    class: &'static str,
    since: Option<&'static str>,
    recoverable: bool,
    reason_has: &'static str,
}

#[test]
fn every_class_and_boundary_date() {
    let cases = [
        Case {
            parcel: "A",
            as_of: "2023-11-30",
            class: "approved_not_supplied",
            since: None,
            recoverable: false,
            reason_has: "supplied later, on 2023-12-01",
        },
        Case {
            parcel: "A",
            as_of: "2025-02-27",
            class: "supplied_not_used",
            since: None,
            recoverable: false,
            reason_has: "becomes idle on 2025-02-28",
        },
        Case {
            parcel: "A",
            as_of: "2025-02-28",
            class: "idle",
            since: Some("2025-02-28"),
            recoverable: false,
            reason_has: "recoverable free of charge from 2026-02-28",
        },
        Case {
            parcel: "A",
            as_of: "2025-03-01",
            class: "idle",
            since: Some("2025-02-28"),
            recoverable: false,
            reason_has: "not started 366 days after the agreed start of 2024-02-29",
        },
        Case {
            parcel: "A",
            as_of: "2026-02-27",
            class: "idle",
            since: Some("2025-02-28"),
            recoverable: false,
            reason_has: "20 % idle fee due",
        },
        Case {
            parcel: "A",
            as_of: "2026-02-28",
            class: "idle",
            since: Some("2025-02-28"),
            recoverable: true,
            reason_has: "recoverable free of charge since 2026-02-28",
        },
        Case {
            parcel: "B",
            as_of: "2025-05-09",
            class: "none",
            since: None,
            recoverable: false,
            reason_has: "no rule applies",
        },
        Case {
            parcel: "B",
            as_of: "2025-05-10",
            class: "idle",
            since: Some("2025-05-10"),
            recoverable: false,
            reason_has: "built 999 m² of 3000 m² planned (< 1/3)",
        },
        Case {
            parcel: "B",
            as_of: "2026-05-10",
            class: "idle",
            since: Some("2025-05-10"),
            recoverable: true,
            reason_has: "halted since 2024-05-10",
        },
        Case {
            parcel: "B2",
            as_of: "2026-06-30",
            class: "none",
            since: None,
            recoverable: false,
            reason_has: "",
        },
        Case {
            parcel: "B3",
            as_of: "2026-06-30",
            class: "none",
            since: None,
            recoverable: false,
            reason_has: "",
        },
        Case {
            parcel: "B4",
            as_of: "2026-06-30",
            class: "idle",
            since: Some("2025-05-10"),
            recoverable: true,
            reason_has: "invested 249 of 1000 万元 planned (< 1/4)",
        },
        Case {
            parcel: "C",
            as_of: "2025-06-29",
            class: "none",
            since: None,
            recoverable: false,
            reason_has: "",
        },
        Case {
            parcel: "C",
            as_of: "2025-06-30",
            class: "built_not_producing",
            since: Some("2025-06-30"),
            recoverable: false,
            reason_has: "completed on 2024-06-30",
        },
        Case {
            parcel: "D",
            as_of: "2026-06-30",
            class: "producing_below_standard",
            since: None,
            recoverable: false,
            reason_has: "no enterprise located on the parcel: tax taken as 0",
        },
        Case {
            parcel: "E",
            as_of: "2026-06-30",
            class: "used_not_full",
            since: None,
            recoverable: false,
            reason_has: "FAR 0.01 below the required 1",
        },
        Case {
            parcel: "F",
            as_of: "2026-06-30",
            class: "approved_not_supplied",
            since: None,
            recoverable: false,
            reason_has: "批而未供",
        },
        Case {
            parcel: "G",
            as_of: "2026-06-30",
            class: "supplied_not_used",
            since: None,
            recoverable: false,
            reason_has: "agreed start unknown",
        },
        Case {
            parcel: "H",
            as_of: "2026-06-30",
            class: "idle",
            since: Some("2025-01-01"),
            recoverable: true,
            reason_has: "not started",
        },
    ];
    let p = fixture();
    let mut failures = Vec::new();
    for c in &cases {
        let (ws, a) = analyse(p.path(), c.as_of);
        let model = ws.model();
        let i = model.parcels.iter().position(|p| p.id == c.parcel).unwrap();
        let v = &a.idle[i];
        let since = v.since.map(|d| d.to_string());
        if v.class.name() != c.class
            || since.as_deref() != c.since
            || v.recoverable != c.recoverable
            || v.fee_due != (c.class == "idle")
            || !v.evidence.words(Lang::En).contains(c.reason_has)
        {
            failures.push(format!(
                "{} at {}: got {} since {:?} recoverable {} fee {} — {}",
                c.parcel,
                c.as_of,
                v.class.name(),
                since,
                v.recoverable,
                v.fee_due,
                v.evidence.words(Lang::En)
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn look_ahead_lists_what_changes_and_when() {
    let p = fixture();
    let (ws, a) = analyse(p.path(), "2025-01-01");
    let model = ws.model();
    let events: Vec<(String, &str, String, i64)> = a
        .upcoming
        .iter()
        .map(|u| {
            (
                model.parcels[u.parcel].id.clone(),
                u.event.code(),
                u.date.to_string(),
                u.days,
            )
        })
        .collect();
    assert!(
        events.contains(&("A".into(), "becomes_idle", "2025-02-28".into(), 58)),
        "{events:?}"
    );
    assert!(
        events.contains(&("B".into(), "becomes_idle", "2025-05-10".into(), 129)),
        "{events:?}"
    );
    assert!(
        events.contains(&(
            "C".into(),
            "becomes_built_not_producing",
            "2025-06-30".into(),
            180
        )),
        "{events:?}"
    );
}

#[test]
fn idle_command_writes_the_tables_with_as_of() {
    let p = fixture();
    let out = tempfile::tempdir().unwrap();
    let r = crate::util::run(&[
        "idle".as_ref(),
        p.path().as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
        "--as-of".as_ref(),
        "2025-02-28".as_ref(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = crate::util::read_csv(&out.path().join("parcels.csv"));
    let a = rows.iter().find(|r| r["parcel_id"] == "A").unwrap();
    assert_eq!(
        (
            a["idle_class"].as_str(),
            a["idle_since"].as_str(),
            a["idle_fee_due"].as_str(),
            a["recoverable"].as_str()
        ),
        ("idle", "2025-02-28", "true", "false")
    );
    assert!(out.path().join("idle.xlsx").is_file() && out.path().join("upcoming.csv").is_file());
    let bad = crate::util::run(&[
        "idle".as_ref(),
        p.path().as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
        "--as-of".as_ref(),
        "2025-02-30".as_ref(),
    ]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("--as-of") && bad.stderr.contains("not a date"),
        "{}",
        bad.stderr
    );
}
