//! Outputs whole and safe: file names from ids stay inside --out, every file is replaced
//! atomically and listed in a manifest written last, stale temporary files are cleaned,
//! an unwritable folder is one line and exit 2, two runs give the same bytes in every
//! format, CSV text cannot run as a formula, names with control characters keep the maps
//! well-formed, and no table holds NaN or infinity.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::{read_csv, run};

/// A copy of the sample project in `dir`, with `edit` applied to each file's text.
pub(crate) fn sample_copy(dir: &Path, edit: impl Fn(&str, String) -> String) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    std::fs::create_dir_all(dir).unwrap();
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(e.path()).unwrap();
        std::fs::write(dir.join(&name), edit(&name, text)).unwrap();
    }
    dir.to_path_buf()
}

/// Every file under `dir`, by path relative to it.
fn tree(dir: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, d: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(p.strip_prefix(base).unwrap().to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Every file of a folder with its bytes.
fn contents(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    // Every file, sub-folders (the web viewer's) included.
    tree(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(dir.join(&p)).unwrap();
            (p.to_string_lossy().into_owned(), bytes)
        })
        .collect()
}

#[test]
fn hostile_park_ids_and_names_never_leave_out_nor_break_the_maps() {
    let root = tempfile::tempdir().unwrap();
    let abs = root.path().join("abs-target");
    let long = "长".repeat(300);
    let ids = [
        "../../x".to_owned(),
        abs.display().to_string(),
        format!("a\\u0000b\\u0001/{long}"),
    ];
    let deep = root.path().join("a/b/c");
    let project = sample_copy(&deep.join("project"), |name, text| {
        if name != "parks.geojson" {
            return text;
        }
        let mut t = text;
        for (n, id) in ids.iter().enumerate() {
            let id = id.replace('\\', "\\\\").replace("\\\\u", "\\u");
            t = t.replace(
                &format!("\"园区编号\":\"P00{}\"", n + 1),
                &format!("\"园区编号\":\"{id}\""),
            );
        }
        t.replace("新河化工新材料园", "新河\\u0007化工\\u001b园 <&> \\u0000")
    });
    let before = tree(root.path());
    let out = deep.join("out");
    let r = run(&[
        "run",
        project.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let atlas = deep.join("atlas/pages.svg");
    let r = run(&[
        "render",
        project.to_str().unwrap(),
        "--map",
        "idle",
        "--atlas",
        "--out",
        atlas.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Nothing appeared but the files inside the two output folders, and none in a
    // sub-folder of them but the web viewer's.
    let after = tree(root.path());
    let new: Vec<&PathBuf> = after.iter().filter(|p| !before.contains(p)).collect();
    for p in &new {
        let parent = p.parent().unwrap();
        assert!(
            parent == Path::new("a/b/c/out")
                || parent == Path::new("a/b/c/atlas")
                || parent.starts_with("a/b/c/out/web"),
            "written outside --out: {}",
            p.display()
        );
        assert!(p.file_name().unwrap().len() < 200, "{}", p.display());
    }
    assert!(!abs.exists() && !root.path().join("a/x.png").exists());
    // One close-up for the first park and one atlas page per park, names made safe.
    let pages: Vec<_> = new
        .iter()
        .filter(|p| p.starts_with("a/b/c/atlas"))
        .collect();
    assert_eq!(pages.len(), 3, "{pages:?}");
    let closeups: Vec<_> = new
        .iter()
        .filter(|p| p.to_string_lossy().contains("map-idle-"))
        .collect();
    assert_eq!(closeups.len(), 2, "{closeups:?}"); // .png and .pdf
                                                   // Every SVG page is XML without the control characters XML 1.0 forbids.
    for p in pages {
        let svg = std::fs::read_to_string(root.path().join(p)).unwrap();
        assert!(
            svg.starts_with("<svg") || svg.starts_with("<?xml"),
            "{}",
            p.display()
        );
        assert!(
            !svg.chars()
                .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')),
            "{}",
            p.display()
        );
    }
    let overview = deep.join("overview.svg");
    let r = run(&[
        "render",
        project.to_str().unwrap(),
        "--map",
        "overview",
        "--out",
        overview.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let svg = std::fs::read_to_string(&overview).unwrap();
    assert!(
        svg.contains("新河化工园 &lt;&amp;&gt;"),
        "the name, escaped, controls left out"
    );
    assert!(!svg
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')));
}

#[test]
fn two_runs_give_the_same_bytes_in_every_format() {
    let root = tempfile::tempdir().unwrap();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");
    let mut sets = Vec::new();
    for n in 0..2 {
        let out = root.path().join(format!("run{n}"));
        let r = run(&[
            "-q",
            "run",
            sample,
            "--out",
            out.to_str().unwrap(),
            "--format",
            "geojson,csv,xlsx,shp,gpkg,fgb",
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        sets.push(contents(&out));
    }
    assert_eq!(
        sets[0].keys().collect::<Vec<_>>(),
        sets[1].keys().collect::<Vec<_>>()
    );
    for ext in [
        "geojson", "csv", "xlsx", "shp", "dbf", "gpkg", "fgb", "png", "pdf",
    ] {
        assert!(sets[0].keys().any(|k| k.ends_with(ext)), "{ext}");
    }
    for (name, bytes) in &sets[0] {
        assert!(bytes == &sets[1][name], "{name} differs between two runs");
    }
    // The workbook's creation time is the as-of date, not the clock.
    let core = std::process::Command::new("unzip")
        .args(["-p"])
        .arg(root.path().join("run0/parkscope.xlsx"))
        .arg("docProps/core.xml")
        .output();
    if let Some(core) = core.ok().filter(|o| o.status.success()) {
        let core = String::from_utf8_lossy(&core.stdout);
        assert!(
            core.contains(">2026-06-30T00:00:00Z</dcterms:created>"),
            "{core}"
        );
    }
}

#[test]
fn the_manifest_lists_every_file_with_size_and_sha256() {
    let out = tempfile::tempdir().unwrap();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");
    let r = run(&["-q", "idle", sample, "--out", out.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let m: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(m["parkscope"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["command"], "idle");
    assert_eq!(m["as_of"], "2026-06-30");
    assert_eq!(m["project"], "新河市产业园区（示例数据）");
    let files = m["files"].as_array().unwrap();
    let mut on_disk: Vec<String> = contents(out.path()).into_keys().collect();
    on_disk.retain(|n| n != "manifest.json");
    let listed: Vec<String> = files
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(listed, on_disk, "every file, sorted, nothing else");
    // Sizes and checksums against coreutils' sha256sum.
    for f in files {
        let p = out.path().join(f["name"].as_str().unwrap());
        assert_eq!(f["bytes"], std::fs::metadata(&p).unwrap().len());
        if let Ok(o) = std::process::Command::new("sha256sum").arg(&p).output() {
            let sum = String::from_utf8_lossy(&o.stdout);
            assert_eq!(
                sum.split_whitespace().next(),
                f["sha256"].as_str(),
                "{}",
                p.display()
            );
        }
    }
}

#[test]
fn temporary_files_of_killed_runs_are_cleaned_and_the_old_manifest_goes_first() {
    let out = tempfile::tempdir().unwrap();
    let dead = out.path().join(".parcels.csv.99999999.tmp"); // above any pid_max
    let dead_db = out.path().join(".idle.gpkg.99999998.tmp-journal");
    let live = out
        .path()
        .join(format!(".other.csv.{}.tmp", std::process::id()));
    let mine = out.path().join("notes.txt");
    for p in [&dead, &dead_db, &live, &mine] {
        std::fs::write(p, b"half").unwrap();
    }
    std::fs::write(out.path().join("manifest.json"), b"{\"stale\": true}").unwrap();
    // A project that cannot be opened: the folder was readied, no new set was written,
    // and no stale manifest claims the old files are whole.
    let r = run(&[
        "idle",
        "/nonexistent/project",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        !dead.exists() && !dead_db.exists(),
        "stale temporary files removed"
    );
    assert!(
        live.exists(),
        "a running process's temporary file is left alone"
    );
    assert!(mine.exists(), "other files are left alone");
    assert!(!out.path().join("manifest.json").exists());
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");
    let r = run(&["-q", "idle", sample, "--out", out.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let names: Vec<String> = contents(out.path()).into_keys().collect();
    assert!(
        names
            .iter()
            .all(|n| !n.ends_with(".tmp") || *n == live.file_name().unwrap().to_string_lossy()),
        "{names:?}"
    );
    assert!(names.contains(&"manifest.json".to_owned()));
}

#[test]
fn an_output_folder_that_cannot_be_written_stops_with_exit_2_and_one_line() {
    let root = tempfile::tempdir().unwrap();
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");
    let locked = root.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
    std::fs::set_permissions(&locked, perms).unwrap();
    // root ignores the mode: then a folder no one may create files in stands in.
    let blocked = std::fs::write(locked.join("probe"), b"").is_err();
    let file = root.path().join("a-file");
    std::fs::write(&file, b"").unwrap();
    let mut cases = vec![file.join("out")];
    if blocked {
        cases.push(locked.join("out"));
        cases.push(locked.clone());
    } else if Path::new("/sys/fs").is_dir() {
        cases.push(PathBuf::from("/sys/fs/parkscope-out"));
    }
    for out in cases {
        let r = run(&["run", sample, "--out", out.to_str().unwrap()]);
        assert_eq!(r.code, 2, "{}: {}", out.display(), r.stderr);
        assert_eq!(r.stderr.trim().lines().count(), 1, "{}", r.stderr);
        assert!(r.stderr.contains("cannot write"), "{}", r.stderr);
        assert!(r.stdout.is_empty(), "stopped before any work: {}", r.stdout);
    }
}

#[test]
fn csv_text_that_would_run_as_a_formula_is_guarded_unless_raw() {
    let root = tempfile::tempdir().unwrap();
    let project = sample_copy(&root.path().join("p"), |name, text| {
        if name != "enterprises.csv" {
            return text;
        }
        text.replace(
            "恒达化工有限公司",
            "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
        )
        .replace("华达塑料制品有限公司", "+cmd|' /C calc'!A0")
        .replace("鑫达化工有限公司", "@SUM(A1)")
        .replace("金达塑料制品有限公司", "-12.5")
    });
    let names = |raw: bool| {
        let out = root.path().join(if raw { "raw" } else { "guarded" });
        let mut args = vec![
            "-q".to_owned(),
            "evaluate".into(),
            project.display().to_string(),
            "--out".into(),
            out.display().to_string(),
        ];
        if raw {
            args.push("--csv-raw".into());
        }
        let r = run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let rows = read_csv(&out.join("enterprises.csv"));
        let key = rows[0]
            .keys()
            .find(|k| k.as_str() == "name")
            .cloned()
            .expect("a name column");
        let mut v: Vec<String> = rows.iter().map(|r| r[&key].clone()).collect();
        v.sort();
        v
    };
    let guarded = names(false);
    for want in [
        "'=HYPERLINK(\"http://x\",\"y\")",
        "'+cmd|' /C calc'!A0",
        "'@SUM(A1)",
        "-12.5",
    ] {
        assert!(guarded.contains(&want.to_owned()), "{want} in {guarded:?}");
    }
    assert!(!guarded.iter().any(|n| n.starts_with(['=', '+', '@'])));
    let raw = names(true);
    assert!(raw.contains(&"=HYPERLINK(\"http://x\",\"y\")".to_owned()));
    assert!(raw.contains(&"@SUM(A1)".to_owned()));
}

#[test]
fn no_table_holds_nan_or_infinity() {
    let root = tempfile::tempdir().unwrap();
    // Money and floors past f64's range read as infinity.
    let project = sample_copy(&root.path().join("p"), |name, text| match name {
        "enterprises.csv" => text.replacen(",4154.5,412.1,", ",1e309,-1e309,", 1),
        _ => text,
    });
    let out = root.path().join("out");
    let r = run(&[
        "-q",
        "run",
        project.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(r.code == 0 || r.code == 2, "{}", r.stderr);
    if r.code == 0 {
        for (name, bytes) in contents(&out) {
            if name.ends_with(".csv") || name.ends_with(".geojson") {
                let t = String::from_utf8_lossy(&bytes);
                for bad in ["NaN", "inf", "Infinity"] {
                    assert!(!t.contains(bad), "{name} holds {bad}");
                }
            }
        }
    }
}

#[test]
fn a_name_longer_than_a_cell_holds_is_cut_and_the_workbook_written() {
    let root = tempfile::tempdir().unwrap();
    let long = "长".repeat(40_000);
    let project = sample_copy(&root.path().join("p"), |name, text| match name {
        "enterprises.csv" => text.replace("恒达化工有限公司", &long),
        _ => text,
    });
    let out = root.path().join("out");
    let r = run(&[
        "evaluate",
        project.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--format",
        "xlsx,csv,shp",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Each cut is named once, by file, column, count and the first feature's id.
    let warned = |what: &str| {
        assert!(
            r.stderr
                .lines()
                .any(|l| l.starts_with("parkscope: warning: ")
                    && l.contains(what)
                    && l.contains("column name: 1 value longer than")
                    && l.ends_with("(first: 913301000000005CB4)")),
            "no cut warning for {what} in:\n{}",
            r.stderr
        )
    };
    warned("evaluate.xlsx, sheet ");
    warned("enterprises.shp: ");
    assert!(
        !r.stderr.contains("enterprises.csv: column"),
        "CSV holds any length"
    );
    use calamine::Reader as _;
    let mut wb = calamine::open_workbook_auto(out.join("evaluate.xlsx")).unwrap();
    let sheet = wb.sheet_names()[1].clone();
    let range = wb.worksheet_range(&sheet).unwrap();
    let cut = range
        .rows()
        .flat_map(|r| r.iter())
        .filter_map(|c| match c {
            calamine::Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .find(|s| s.starts_with("长长长"))
        .expect("the long name");
    assert_eq!(cut.chars().count(), 32_767);
    assert!(cut.ends_with("长…"));
    // The CSV keeps the whole name.
    let rows = read_csv(&out.join("enterprises.csv"));
    assert!(rows.iter().any(|r| r.get("name") == Some(&long)));
}
