//! Reasons follow the project's language: a `lang = "zh"` run writes Chinese in every
//! reason column of every table and workbook, `lang = "en"` keeps the English; the code
//! columns keep their contract codes in both.

use std::collections::HashMap;
use std::path::Path;

use calamine::{open_workbook, Reader, Xlsx};

use crate::util::{read_csv, run};

/// (table, reason columns, code column, its codes).
const REASONS: &[(&str, &[&str], &str, &[&str])] = &[
    (
        "parcels",
        &["idle_reason", "far_rule", "cross_check"],
        "idle_class",
        &[
            "idle",
            "approved_not_supplied",
            "supplied_not_used",
            "used_not_full",
            "built_not_producing",
            "producing_below_standard",
            "none",
        ],
    ),
    (
        "enterprises",
        &["class_reason", "placement"],
        "class",
        &["A", "B", "C", "D", "T"],
    ),
    (
        "upcoming",
        &["event_description"],
        "event",
        &[
            "becomes_idle",
            "becomes_recoverable",
            "becomes_built_not_producing",
        ],
    ),
    (
        "rejected",
        &["measured", "threshold"],
        "excluded_by",
        &[
            "industry",
            "area",
            "buffer",
            "exclusion",
            "pollution",
            "shared_protection",
            "floor_area",
            "floor_load",
            "clear_height",
        ],
    ),
    (
        "plan",
        &["why", "protection_source", "unplaced_reason"],
        "",
        &[],
    ),
];

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// English words of three letters or more, outside parentheses that quote a Chinese term.
fn english_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_owned)
        .collect()
}

/// Runs intensity, idle and site on the sample (copied, with `lang` set) into one folder.
fn outputs(lang: &str) -> (tempfile::TempDir, tempfile::TempDir) {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    let project = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(&sample).unwrap() {
        let f = f.unwrap().path();
        let name = f.file_name().unwrap();
        if name == "parkscope.toml" {
            let text = std::fs::read_to_string(&f).unwrap();
            assert!(
                text.contains("lang = \"zh\""),
                "the sample is a Chinese project"
            );
            let text = text.replace("lang = \"zh\"", &format!("lang = \"{lang}\""));
            std::fs::write(project.path().join(name), text).unwrap();
        } else if f.is_file() {
            std::fs::copy(&f, project.path().join(name)).unwrap();
        }
    }
    let out = tempfile::tempdir().unwrap();
    for cmd in ["intensity", "idle", "site"] {
        let r = run(&[
            cmd,
            project.path().to_str().unwrap(),
            "--out",
            out.path().to_str().unwrap(),
            "--quiet",
        ]);
        assert_eq!(r.code, 0, "{cmd}: {}", r.stderr);
    }
    (project, out)
}

/// Every non-empty reason cell of every table, with the table's code column checked.
fn reasons(out: &Path) -> Vec<(String, String, String)> {
    let mut cells = Vec::new();
    for (table, cols, code, codes) in REASONS {
        let rows: Vec<HashMap<String, String>> = read_csv(&out.join(format!("{table}.csv")));
        assert!(!rows.is_empty(), "{table} has rows");
        for row in &rows {
            if !code.is_empty() {
                assert!(
                    codes.contains(&row[*code].as_str()),
                    "{table}.{code} = {}",
                    row[*code]
                );
            }
            for col in *cols {
                let v = &row[*col];
                if !v.is_empty() {
                    cells.push((table.to_string(), col.to_string(), v.clone()));
                }
            }
        }
    }
    cells
}

#[test]
fn chinese_project_writes_chinese_reasons_in_every_table() {
    let (_p, out) = outputs("zh");
    let cells = reasons(out.path());
    let mut columns: Vec<(String, String)> = cells
        .iter()
        .map(|(t, c, _)| (t.clone(), c.clone()))
        .collect();
    columns.dedup();
    // Every reason column has something to say in the sample city.
    for (table, cols, _, _) in REASONS {
        for col in *cols {
            assert!(
                cells.iter().any(|(t, c, _)| t == table && c == col),
                "{table}.{col} is empty everywhere"
            );
        }
    }
    // No English sentence left: each cell holds Chinese, and the only Latin words are
    // codes and standards (GB/T, sites.csv).
    let allowed = ["GB", "sites", "csv"];
    for (table, col, v) in &cells {
        let stray: Vec<String> = english_words(v)
            .into_iter()
            .filter(|w| !allowed.contains(&w.as_str()))
            .collect();
        assert!(
            has_cjk(v) && stray.is_empty(),
            "{table}.{col}: {v:?} (English words {stray:?})"
        );
    }
    // The workbook's reason column is Chinese too.
    let mut book: Xlsx<_> = open_workbook(out.path().join("idle.xlsx")).unwrap();
    let sheet = book.worksheet_range("宗地").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = header
        .iter()
        .position(|h| h == "认定理由")
        .expect("认定理由 column");
    let reasons: Vec<String> = sheet.rows().skip(1).map(|r| r[col].to_string()).collect();
    assert!(
        !reasons.is_empty() && reasons.iter().all(|r| has_cjk(r)),
        "{reasons:?}"
    );
    assert!(reasons
        .iter()
        .any(|r| r.starts_with("闲置土地：约定开工日期")));
}

#[test]
fn english_project_keeps_english_reasons() {
    let (_p, out) = outputs("en");
    let cells = reasons(out.path());
    for (table, col, v) in &cells {
        // English clauses: Chinese appears only as quoted terms and units (批而未供, 亩,
        // 万元) or names from the data, never with Chinese punctuation.
        assert!(
            !v.contains(['：', '，', '；', '（', '）']),
            "{table}.{col}: {v:?}"
        );
    }
    let parcels = read_csv(&out.path().join("parcels.csv"));
    assert!(parcels
        .iter()
        .any(|p| p["idle_class"] == "idle" && p["idle_reason"].contains("idle fee due")));
    let ents = read_csv(&out.path().join("enterprises.csv"));
    assert!(ents.iter().any(|e| e["class_reason"].contains(": rank ")));
}
