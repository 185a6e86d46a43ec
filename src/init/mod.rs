//! A first project in one step (`parkscope init PATH...`): look at the data files —
//! geometry, fields, values, CRS, encoding — guess which file is which layer and which
//! field is which canonical field, and write a commented `parkscope.toml`. What could not
//! be decided is written as a commented question, so the file loads as it is and says what
//! to look at. Also [`survey_project`], the field and vocabulary survey `check` prints.

mod guess;
mod inspect;
mod survey;
pub mod vocab;

pub use survey::{survey_project, LayerSurvey, PolicySurvey, ProjectSurvey};

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

use inspect::{data_files, inspect, Inspection, Shape};

use crate::error::{Error, Result};
use crate::model::fields::aliases;
use crate::project::{LayerKind, Project};

/// What `init` decided.
#[derive(Debug, Clone)]
pub struct Initialised {
    /// The project file's text.
    pub toml: String,
    /// The layers given, with their files.
    pub layers: Vec<(LayerKind, Vec<PathBuf>)>,
    /// Files read but given no layer, with why.
    pub unused: Vec<(PathBuf, String)>,
    /// How many questions the file asks.
    pub questions: usize,
}

/// Options of `init`.
#[derive(Debug, Clone, Default)]
pub struct InitOptions {
    /// The project's name. Default: the folder's name.
    pub name: Option<String>,
}

/// Looks at the data files in `inputs` (files or folders) and writes the text of a project
/// file to be saved as `project_file` (paths in it are relative to its folder).
///
/// # Errors
/// No data file found; no file that can be the parcels layer.
pub fn init_project(
    inputs: &[PathBuf],
    project_file: &Path,
    opts: &InitOptions,
) -> Result<Initialised> {
    let files = data_files(inputs);
    if files.is_empty() {
        return Err(Error::Missing(format!(
            "no data file (.geojson, .shp, .gpkg, .fgb, .csv, .xlsx) in {}",
            inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let mut seen = Vec::new();
    let mut unused = Vec::new();
    for f in &files {
        match inspect(f) {
            Ok(i) => seen.push(i),
            Err(e) => unused.push((f.clone(), e)),
        }
    }
    // Each file to its best layer; per layer, the largest file, the others as alternatives.
    let mut chosen: Vec<(LayerKind, Vec<&Inspection>)> = Vec::new();
    for f in &seen {
        let best = LayerKind::ALL
            .iter()
            .filter_map(|k| guess::score(*k, f).map(|s| (*k, s)))
            .filter(|(_, s)| *s > 0)
            .max_by_key(|(k, s)| (*s, std::cmp::Reverse(*k)));
        match best {
            Some((k, _)) => match chosen.iter_mut().find(|(c, _)| *c == k) {
                Some((_, v)) => v.push(f),
                None => chosen.push((k, vec![f])),
            },
            None => unused.push((f.path.clone(), "fits no layer".into())),
        }
    }
    chosen.sort_by_key(|(k, _)| *k);
    for (_, v) in &mut chosen {
        v.sort_by_key(|f| std::cmp::Reverse(f.features));
    }
    if !chosen.iter().any(|(k, _)| *k == LayerKind::Parcels) {
        return Err(Error::Missing(
            "no file can be the parcels layer (polygons): give the parcel file".into(),
        ));
    }
    let base = project_file.parent().unwrap_or(Path::new("."));
    let name = opts.name.clone().unwrap_or_else(|| {
        inputs
            .first()
            .map(|p| {
                if p.is_dir() {
                    p.clone()
                } else {
                    p.parent().map(Path::to_path_buf).unwrap_or_default()
                }
            })
            .and_then(|p| p.canonicalize().ok())
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| "parkscope".into())
    });
    let mut t = String::new();
    let mut questions = 0;
    let _ = writeln!(
        t,
        "# parkscope project written by `parkscope init` from {} file(s); check it with",
        files.len()
    );
    let _ = writeln!(
        t,
        "# `parkscope check`. Lines starting with `# ?` are questions init could not decide."
    );
    let _ = writeln!(t, "name = {}", quote(&name));
    let _ = writeln!(
        t,
        "# as_of = \"2026-06-30\"   # the date rules are judged at (default: today)"
    );
    let _ = writeln!(
        t,
        "lang = \"zh\"              # zh | en: tables, maps and reports"
    );
    let mut layers = Vec::new();
    for (kind, files) in &chosen {
        let main = files[0];
        let _ = writeln!(t);
        let _ = writeln!(t, "[layers.{kind}]");
        let _ = writeln!(
            t,
            "# {} features, {}{}{}",
            main.features,
            shape_name(main.shape),
            main.declared_crs
                .as_ref()
                .map(|c| format!(", declares {}", short(c)))
                .unwrap_or_default(),
            main.encoding
                .map(|e| format!(", text {e}"))
                .unwrap_or_default()
        );
        let _ = writeln!(t, "path = {}", quote(&relative(&main.path, base)));
        for alt in &files[1..] {
            let _ = writeln!(
                t,
                "# ? also looks like {kind}: {} ({} features). A layer may be a list of files of one kind (path = [\"a\", \"b\"]), but not overlapping copies of the same data.",
                relative(&alt.path, base),
                alt.features
            );
            questions += 1;
        }
        questions += crs_lines(&mut t, *kind, main);
        questions += field_lines(&mut t, *kind, main);
        layers.push((*kind, vec![main.path.clone()]));
    }
    let _ = writeln!(t);
    let _ = writeln!(
        t,
        "[policy]                 # rule editions (data/policy/), or paths to your own tables"
    );
    let _ = writeln!(t, "control_indicators = \"2008\"           # or \"2023\"");
    let _ = writeln!(
        t,
        "evaluation = \"jiangsu-huaian-2024\"    # or \"zhejiang-huangyan-2022\""
    );
    let _ = writeln!(
        t,
        "# far_requirement_fallback = \"enterprises\"  # FAR minimum from the tenants' industry when the holder gives none"
    );
    for (p, why) in &unused {
        let _ = writeln!(t, "# ? not used: {} ({why})", relative(p, base));
        questions += 1;
    }
    // The file must load as written.
    Project::parse(&t, project_file).map_err(|e| {
        Error::Internal(format!(
            "init wrote a project file that does not parse: {e}"
        ))
    })?;
    Ok(Initialised {
        toml: t,
        layers,
        unused,
        questions,
    })
}

fn shape_name(s: Shape) -> &'static str {
    match s {
        Shape::Point => "points",
        Shape::Line => "lines",
        Shape::Polygon => "polygons",
        Shape::Table => "a table without geometry",
    }
}

/// The CRS lines of a layer; returns the questions asked.
fn crs_lines(t: &mut String, kind: LayerKind, f: &Inspection) -> usize {
    let lonlat = f.looks_lonlat();
    match (&f.declared_crs, lonlat) {
        (Some(_), _) => 0,
        (None, true) => {
            let _ = writeln!(t, "# coordinates are longitude/latitude, read as WGS84 (CGCS2000 is the same to centimetres)");
            if matches!(kind, LayerKind::Enterprises) || f.shape == Shape::Table {
                let _ = writeln!(t, "# ? geocoded by Amap or Tencent? then: coords = \"gcj02\"; by Baidu: coords = \"bd09\"");
                return 1;
            }
            0
        }
        (None, false) => {
            let x = f.extent.map(|e| e[0]).unwrap_or_default();
            let guess = if (13.0e6..46.0e6).contains(&x) {
                let zone = (x / 1e6).floor() as u32;
                (25..=45)
                    .contains(&zone)
                    .then(|| format!("EPSG:{}", 4513 + zone - 25))
            } else {
                None
            };
            match guess {
                Some(code) => {
                    let _ = writeln!(t, "crs = \"{code}\"   # from the zone number in the x coordinates (CGCS2000 3-degree Gauss-Krüger)");
                    0
                }
                None => {
                    let _ = writeln!(t, "# ? the file declares no CRS and its coordinates are metres: which CGCS2000 Gauss-Krüger zone? e.g. crs = \"EPSG:4549\" (CM 120E)");
                    1
                }
            }
        }
    }
}

/// The field map of a layer; returns the questions asked.
fn field_lines(t: &mut String, kind: LayerKind, f: &Inspection) -> usize {
    let table = aliases(kind);
    let mut found = Vec::new();
    let mut mapped: Vec<(String, String, String)> = Vec::new();
    let mut missing = Vec::new();
    let mut questions = 0;
    for (canonical, alias) in table {
        if let Some(x) = f
            .fields
            .iter()
            .find(|x| guess::matches_name(&x.name, canonical, alias))
        {
            found.push(format!("{canonical} = {}", x.name));
            continue;
        }
        let guessed = match *canonical {
            c if c.ends_with("_id") && crate::model::fields::required(kind).contains(&c) => {
                guess::id_field(f).map(|x| (x.name.clone(), "distinct values".to_owned()))
            }
            "land_use" => guess::land_use_field(f).map(|x| {
                (
                    x.name.clone(),
                    format!(
                        "values such as {}",
                        x.samples
                            .iter()
                            .take(3)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            }),
            _ => None,
        };
        match guessed {
            Some((col, why)) => mapped.push(((*canonical).to_owned(), col, why)),
            None => missing.push(*canonical),
        }
    }
    if !found.is_empty() {
        let _ = writeln!(t, "# found by name: {}", found.join(", "));
    }
    if !mapped.is_empty() {
        let _ = writeln!(t, "[layers.{kind}.fields]");
        for (c, col, why) in &mapped {
            let _ = writeln!(t, "{c} = {}   # guessed from {why}", quote(col));
            if c == "land_use" {
                if let Some(x) = f.field(col) {
                    if let Some(w) = vocab::check_values(kind, "land_use", &x.distinct) {
                        let _ = writeln!(t, "# ? {w}");
                        questions += 1;
                    }
                }
            }
        }
    }
    let req = crate::model::fields::required(kind);
    for m in &missing {
        if req.contains(m) {
            let _ = writeln!(t, "# ? required field {m} not found: map it, e.g. {m} = \"…\" under [layers.{kind}.fields]");
            questions += 1;
        }
    }
    let optional: Vec<&str> = missing
        .iter()
        .filter(|m| !req.contains(m))
        .copied()
        .collect();
    if !optional.is_empty() {
        let _ = writeln!(t, "# not found (map them under [layers.{kind}.fields] if the file has them under other names): {}", optional.join(", "));
    }
    let unused: Vec<&str> = f
        .fields
        .iter()
        .map(|x| x.name.as_str())
        .filter(|n| {
            !found.iter().any(|s| s.ends_with(&format!(" = {n}")))
                && !mapped.iter().any(|(_, c, _)| c == n)
        })
        .collect();
    if !unused.is_empty() {
        let _ = writeln!(t, "# fields not used: {}", unused.join(", "));
    }
    questions
}

/// A TOML string literal.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// A CRS declaration shortened for a comment.
fn short(c: &str) -> String {
    let one = c.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.len() > 60 {
        format!(
            "{}…",
            &one[..one
                .char_indices()
                .take_while(|(i, _)| *i < 57)
                .last()
                .map(|(i, ch)| i + ch.len_utf8())
                .unwrap_or(0)]
        )
    } else {
        one
    }
}

/// `path` relative to the folder `base` (both made absolute), else absolute.
fn relative(path: &Path, base: &Path) -> String {
    let abs = |p: &Path| {
        std::path::absolute(p)
            .unwrap_or_else(|_| p.to_path_buf())
            .components()
            .fold(PathBuf::new(), |mut acc, c| {
                match c {
                    Component::ParentDir => {
                        acc.pop();
                    }
                    Component::CurDir => {}
                    other => acc.push(other),
                }
                acc
            })
    };
    let (p, b) = (abs(path), abs(base));
    let pc: Vec<_> = p.components().collect();
    let bc: Vec<_> = b.components().collect();
    let common = pc.iter().zip(&bc).take_while(|(a, b)| a == b).count();
    if common <= 1 {
        return p.display().to_string();
    }
    let mut r = PathBuf::new();
    for _ in common..bc.len() {
        r.push("..");
    }
    for c in &pc[common..] {
        r.push(c);
    }
    r.display().to_string()
}

impl Initialised {
    /// Writes the project file atomically; an existing file is kept unless `overwrite`.
    ///
    /// # Errors
    /// The file exists (and `overwrite` is false), or cannot be written.
    pub fn write(&self, path: &Path, overwrite: bool) -> Result<()> {
        if path.exists() && !overwrite {
            return Err(Error::invalid(
                "path",
                path.display().to_string(),
                "a project file is already there (overwrite it with force)",
            ));
        }
        crate::write::write_bytes(path, self.toml.as_bytes())
    }
}
