//! Test helpers: temporary projects written inline, and the built binary run as a user would.

#![allow(dead_code, clippy::type_complexity)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The output of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `parkscope` with arguments.
pub fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_parkscope"))
        .args(args)
        .output()
        .expect("the parkscope binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A temporary project folder, removed on drop.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// An empty project folder.
    pub fn new() -> Project {
        Project {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }
    /// Writes a file in the project.
    pub fn file(&self, name: &str, content: impl AsRef<[u8]>) -> &Project {
        let p = self.dir.path().join(name);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).expect("mkdir");
        }
        std::fs::write(p, content).expect("write");
        self
    }
    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }
    /// A path inside the folder.
    pub fn join(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The shared real data beside the repository, when it is there.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    p.exists().then_some(p)
}

/// A GeoJSON FeatureCollection in EPSG:4549 from (properties, rings in metres) pairs.
pub fn gk_collection(features: &[(serde_json::Value, Vec<Vec<(f64, f64)>>)]) -> String {
    let feats: Vec<serde_json::Value> = features
        .iter()
        .map(|(props, rings)| {
            let coords: Vec<Vec<[f64; 2]>> = rings.iter().map(|r| r.iter().map(|(x, y)| [*x, *y]).collect()).collect();
            serde_json::json!({"type": "Feature", "properties": props, "geometry": {"type": "Polygon", "coordinates": coords}})
        })
        .collect();
    serde_json::json!({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::4549"}}, "features": feats}).to_string()
}

/// A closed rectangle ring in metres, offset from (520 000, 3 352 000) in EPSG:4549.
pub fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<(f64, f64)> {
    let (ox, oy) = (520_000.0, 3_352_000.0);
    vec![
        (ox + x0, oy + y0),
        (ox + x1, oy + y0),
        (ox + x1, oy + y1),
        (ox + x0, oy + y1),
        (ox + x0, oy + y0),
    ]
}

/// Reads a CSV written by parkscope (with BOM) into rows of (column → value).
pub fn read_csv(path: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let text = std::fs::read_to_string(path).expect("csv exists");
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let headers = r.headers().expect("header").clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .zip(rec.expect("row").iter())
                .map(|(h, v)| (h.to_owned(), v.to_owned()))
                .collect()
        })
        .collect()
}

/// Opens a project folder through the front door and runs every analysis at a date.
pub fn analyse(dir: &Path, as_of: &str) -> (parkscope::Workspace, parkscope::analyse::Analysis) {
    let d = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").expect("date");
    let ws = parkscope::OpenOptions::new()
        .as_of(d)
        .open(dir)
        .expect("project opens");
    let a = ws.analyse();
    (ws, a)
}
