//! The park dossier (issue 17): its figures are the parks table's of the same run, it has
//! an outline and page numbers, and it says what it could not assess.

use std::path::Path;
use std::process::Command;

use crate::util::{read_csv, run, Project};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");

/// The PDF's text page by page (pdftotext -layout), or `None` when poppler is absent.
fn pages(pdf: &Path) -> Option<Vec<String>> {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        eprintln!("pdftotext not installed: dossier text checks skipped");
        return None;
    }
    let out = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// A figure as the dossier prints it: from the CSV text, at `d` decimals.
fn fixed(csv: &str, d: usize) -> String {
    match csv.parse::<f64>() {
        Ok(v) => {
            let s = format!("{v:.d$}");
            if s.trim_start_matches('-')
                .chars()
                .all(|c| c == '0' || c == '.')
            {
                format!("{:.d$}", 0.0)
            } else {
                s
            }
        }
        Err(_) => "—".to_owned(),
    }
}

fn pct(csv: &str) -> String {
    match csv.parse::<f64>() {
        Ok(v) => format!("{}%", fixed(&(v * 100.0).to_string(), 2)),
        Err(_) => "—".to_owned(),
    }
}

/// The lines of `text` that start with `label` (after indentation).
fn lines_with<'a>(text: &'a str, label: &str) -> Vec<&'a str> {
    text.lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with(label))
        .collect()
}

#[test]
fn issue_17_dossier_figures_are_the_parks_table() {
    let out = tempfile::tempdir().unwrap();
    let r = run(&[
        "run",
        SAMPLE,
        "-o",
        out.path().to_str().unwrap(),
        "--format",
        "csv",
        "--quiet",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pdf = out.path().join("report.pdf");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let manifest = std::fs::read_to_string(out.path().join("manifest.json")).unwrap();
    assert!(
        manifest.contains("report.pdf"),
        "the manifest lists the dossier"
    );
    let Some(pages) = pages(&pdf) else { return };
    let parks = read_csv(&out.path().join("parks.csv"));
    assert!(!parks.is_empty());
    for park in &parks {
        let (id, name) = (&park["park_id"], &park["name"]);
        let title = if name.is_empty() {
            id.clone()
        } else {
            format!("{name}（{id}）")
        };
        // The chapter: the pages whose running head names the park.
        let chapter: String = pages
            .iter()
            .filter(|p| {
                p.lines()
                    .next()
                    .is_some_and(|h| h.trim_end().ends_with(&title))
            })
            .cloned()
            .collect();
        assert!(!chapter.is_empty(), "no chapter headed {title}");
        let expect = [
            ("评价范围面积（亩）", fixed(&park["area_mu"], 2)),
            ("已供应（亩）", fixed(&park["supplied_mu"], 2)),
            ("已建成（亩）", fixed(&park["built_mu"], 2)),
            ("闲置土地（亩）", fixed(&park["idle_mu"], 2)),
            (
                "批而未供（亩）",
                fixed(&park["approved_not_supplied_mu"], 2),
            ),
            ("土地开发率", pct(&park["development_rate"])),
            ("土地供应率", pct(&park["supply_rate"])),
            ("土地建成率", pct(&park["built_rate"])),
            ("工业用地率", pct(&park["industrial_land_rate"])),
            ("综合容积率", fixed(&park["far"], 2)),
            ("工业用地综合容积率", fixed(&park["industrial_far"], 2)),
            (
                "工业用地亩均投资（万元/亩）",
                fixed(&park["investment_per_mu"], 2),
            ),
            ("工业用地亩均税收（万元/亩）", fixed(&park["tax_per_mu"], 2)),
            ("土地闲置率", pct(&park["idle_rate"])),
            ("最大纳税企业税收占比", pct(&park["top1_tax_share"])),
            ("尚可供地（亩）", fixed(&park["suppliable_mu"], 2)),
        ];
        for (label, value) in expect {
            let lines = lines_with(&chapter, label);
            assert!(!lines.is_empty(), "{title}: no line {label}");
            for l in lines {
                // The value is the first figure after the label.
                let first = l[label.len()..].split_whitespace().next().unwrap_or("");
                assert_eq!(first, value, "{title}: {label} in «{l}»");
            }
        }
        // The class counts, A to T, as the parks table's class_counts gives them.
        let counts: Vec<&str> = ["A", "B", "C", "D", "T"]
            .iter()
            .map(|k| {
                park["class_counts"]
                    .split_whitespace()
                    .find_map(|p| p.strip_prefix(k).and_then(|r| r.strip_prefix(':')))
                    .unwrap()
            })
            .collect();
        let line = lines_with(&chapter, "各类企业数（A/B/C/D/T）");
        assert_eq!(line.len(), 1, "{title}: one class count line");
        assert!(
            line[0].ends_with(&counts.join(" / ")),
            "{title}: «{}» vs {counts:?}",
            line[0]
        );
    }
}

#[test]
fn issue_17_dossier_has_an_outline_and_page_numbers() {
    let out = tempfile::tempdir().unwrap();
    let pdf = out.path().join("d.pdf");
    let r = run(&["report", SAMPLE, "-o", pdf.to_str().unwrap(), "--quiet"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bytes = std::fs::read(&pdf).unwrap();
    let has = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
    assert!(has("/Outlines"), "the PDF has bookmarks");
    assert!(has("/FontFile2"), "the font is embedded");
    // The same inputs give the same bytes.
    let again = out.path().join("e.pdf");
    assert_eq!(
        run(&["report", SAMPLE, "-o", again.to_str().unwrap(), "--quiet"]).code,
        0
    );
    assert!(
        bytes == std::fs::read(&again).unwrap(),
        "the dossier is reproducible"
    );
    let Some(pages) = pages(&pdf) else { return };
    let n = pages.len();
    assert!(n > 10, "{n} pages");
    for (k, p) in pages.iter().enumerate().skip(1) {
        assert!(
            p.contains(&format!("{} / {n}", k + 1)),
            "page {} has no number",
            k + 1
        );
    }
    // One park only: its chapter, no city summary.
    let one = out.path().join("one.pdf");
    let r = run(&[
        "report",
        SAMPLE,
        "-o",
        one.to_str().unwrap(),
        "--park",
        "P002",
        "--quiet",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text: String = pages_of(&one).concat();
    assert!(!text.contains("全市园区概况"));
    let r = run(&[
        "report",
        SAMPLE,
        "-o",
        one.to_str().unwrap(),
        "--park",
        "P0002",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean"), "{}", r.stderr);
}

fn pages_of(pdf: &Path) -> Vec<String> {
    pages(pdf).unwrap_or_default()
}

#[test]
fn issue_17_dossier_says_what_it_could_not_assess() {
    let p = Project::new();
    for f in [
        "parks.geojson",
        "parcels.geojson",
        "approvals.geojson",
        "constraints.geojson",
        "infrastructure.geojson",
        "factories.geojson",
        "siting-xinhe.toml",
    ] {
        p.file(f, std::fs::read(Path::new(SAMPLE).join(f)).unwrap());
    }
    let toml = std::fs::read_to_string(Path::new(SAMPLE).join("parkscope.toml")).unwrap();
    // Drop the buildings and enterprises layers; and name a park like markup.
    let mut kept = String::new();
    let mut skip = false;
    for line in toml.lines() {
        if line.starts_with('[') {
            skip = line.starts_with("[layers.buildings") || line.starts_with("[layers.enterprises");
        }
        if !skip {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    p.file("parkscope.toml", kept);
    let parks = std::fs::read_to_string(p.join("parks.geojson")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&parks).unwrap();
    let props = v["features"][0]["properties"].as_object_mut().unwrap();
    let key = props
        .keys()
        .find(|k| k.contains("名称") || k.as_str() == "name")
        .cloned()
        .unwrap();
    props.insert(key, serde_json::json!("#set page(width: 1cm) *粗* $x$"));
    p.file("parks.geojson", serde_json::to_string(&v).unwrap());
    let pdf = p.join("d.pdf");
    let r = run(&[
        "report",
        p.path().to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let Some(pages) = pages(&pdf) else { return };
    let flat: String = pages
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(flat.contains("项目未提供建筑物图层"), "says no buildings");
    assert!(
        flat.contains("未能评估企业亩均效益与分类"),
        "says no enterprise ledger"
    );
    assert!(flat.contains("未能评估搬迁安置"), "says no relocation");
    assert!(
        flat.contains("#setpage(width:1cm)*粗*$x$"),
        "a name is printed as text"
    );
}

#[test]
fn issue_17_dossier_of_a_project_without_parks() {
    let p = Project::new();
    p.file(
        "parcels.geojson",
        std::fs::read(Path::new(SAMPLE).join("parcels.geojson")).unwrap(),
    );
    p.file(
        "parkscope.toml",
        "name = \"无园区\"\nas_of = \"2026-06-30\"\nlang = \"zh\"\n[layers.parcels]\npath = \"parcels.geojson\"\n[layers.parcels.fields]\nparcel_id = \"地块代码\"\nland_use = \"用地类型\"\n",
    );
    let pdf = p.join("d.pdf");
    let r = run(&[
        "report",
        p.path().to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
        "--quiet",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&[
        "report",
        p.path().to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
        "--park",
        "P001",
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let Some(pages) = pages(&pdf) else { return };
    let flat: String = pages
        .concat()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(flat.contains("全部宗地评价"));
    assert!(flat.contains("未能评估园区级指标"), "says no parks");
    assert!(flat.contains("未提供企业台账"), "says no enterprise ledger");
    assert!(flat.contains("用地平衡表"));
}
