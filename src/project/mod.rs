//! The project file (`parkscope.toml`, INTERFACE.md): which layers, in which files, in
//! which CRS, with which field names, judged at which date, under which policy editions.
//!
//! Parsed once into a [`Project`]; an unknown key is an error (a typo must not silently
//! change a legal verdict), and so is an unknown layer, CRS or language.

pub mod land;
pub mod limits;
pub mod plausibility;
pub mod policy;
pub mod tagged;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Deserialize;

use crate::crs::Crs;
use crate::error::{suggest, Error, Result};
use crate::read::value::{parse_date, RawValue};
use crate::read::ReadOptions;

/// The layers of DATA.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LayerKind {
    /// 园区: park boundaries.
    Parks,
    /// 宗地: land parcels (required).
    Parcels,
    /// 建筑: building footprints.
    Buildings,
    /// 企业: enterprises (points or a table).
    Enterprises,
    /// 批准用地: approved construction land.
    Approvals,
    /// Red lines, farmland, water sources, sensitive receptors, built-up area, flood zones.
    Constraints,
    /// Roads, rail, wastewater plants, substations, gas, interchanges.
    Infrastructure,
    /// 标准厂房: standard factory buildings whose floor space small enterprises share.
    Factories,
}

impl LayerKind {
    /// Every layer, in load order.
    pub const ALL: [LayerKind; 8] = [
        LayerKind::Parks,
        LayerKind::Parcels,
        LayerKind::Buildings,
        LayerKind::Enterprises,
        LayerKind::Approvals,
        LayerKind::Constraints,
        LayerKind::Infrastructure,
        LayerKind::Factories,
    ];
    /// The layer's name in the project file.
    pub fn name(self) -> &'static str {
        match self {
            LayerKind::Parks => "parks",
            LayerKind::Parcels => "parcels",
            LayerKind::Buildings => "buildings",
            LayerKind::Enterprises => "enterprises",
            LayerKind::Approvals => "approvals",
            LayerKind::Constraints => "constraints",
            LayerKind::Infrastructure => "infrastructure",
            LayerKind::Factories => "factories",
        }
    }
    fn from_name(s: &str) -> Option<LayerKind> {
        LayerKind::ALL.into_iter().find(|k| k.name() == s)
    }
}

impl fmt::Display for LayerKind {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Language of labels on maps and in reports. Default: `zh`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Chinese.
    #[default]
    Zh,
    /// English.
    En,
}

/// One layer of the project: its files and how to read them.
#[derive(Debug, Clone)]
pub struct LayerSpec {
    /// The files (one or more of one kind), resolved against the project folder.
    pub paths: Vec<PathBuf>,
    /// The CRS of the coordinates, overriding what the file says.
    pub crs: Option<Crs>,
    /// Reading options (coordinate columns, encoding, sheet).
    pub read: ReadOptions,
    /// Field map: canonical name → name in the file.
    pub fields: BTreeMap<String, String>,
}

/// Which editions of the rule tables to use (names under `data/policy/`, or paths).
#[derive(Debug, Clone, Default)]
pub struct PolicyChoice {
    /// Control-indicator edition. Default: `2008`.
    pub control_indicators: Option<String>,
    /// Per-mu evaluation preset. Default: `jiangsu-huaian-2024`.
    pub evaluation: Option<String>,
    /// Idle-land rules. Default: `decree53-2012`.
    pub idle: Option<String>,
    /// Relocation-siting rules. Default: `default`.
    pub siting: Option<String>,
    /// Serviced-land (熟地) and land-supply rules. Default: `default`.
    pub serviced_land: Option<String>,
    /// Entry thresholds of new projects (入园门槛). Default: `default`.
    pub entry: Option<String>,
    /// Bounds of plausible input values. Default: `default`.
    pub plausibility: Option<String>,
    /// Where a parcel's FAR requirement may come from when its holder gives none.
    /// Default: nowhere (the holder alone decides).
    pub far_requirement_fallback: FarFallback,
}

/// Where a parcel's FAR requirement comes from when its holder is not found among the
/// enterprises or has no industry (`[policy] far_requirement_fallback`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FarFallback {
    /// No requirement: the holder alone decides (DOMAIN rule 4, the default).
    #[default]
    None,
    /// The single industry shared by every enterprise located on the parcel (opt-in; a
    /// lessor's tenants then set the lessor's requirement).
    Enterprises,
}

/// The credit the Open Database License asks maps of OpenStreetMap data to carry.
pub const OSM_CREDIT: &str = "© OpenStreetMap contributors, ODbL 1.0";

/// A parsed project file.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project file.
    pub file: PathBuf,
    /// The project's name, shown on maps. Default: the folder name.
    pub name: String,
    /// The date rules are judged at. Default (resolved by the CLI): today.
    pub as_of: Option<NaiveDate>,
    /// Default CRS of layers that declare none.
    pub crs: Option<Crs>,
    /// Label language. Default: zh.
    pub lang: Lang,
    /// The credit line the data's licence asks maps to carry (e.g. "© OpenStreetMap
    /// contributors"). Default: that OpenStreetMap credit when the project's name or a layer's
    /// path says OSM, else none ([`Project::credit`]).
    pub attribution: Option<String>,
    /// The layers given.
    pub layers: BTreeMap<LayerKind, LayerSpec>,
    /// Policy editions.
    pub policy: PolicyChoice,
    /// What the title block of every map sheet says (`[map]`).
    pub map: MapSheet,
    /// How much a file may make parkscope take, and how far a layer may lie from the
    /// parcels (`[limits]`).
    pub limits: limits::Limits,
}

/// The title-block entries of the project's map sheets (`[map]` in the project file).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MapSheet {
    /// 编制单位: who made the exhibits. Default: none (the row is left blank to fill in).
    pub organisation: Option<String>,
    /// Prefix of the drawing numbers (图号), e.g. "XH-2026-"; the sheets number on from it
    /// (…01 overview, …02 intensity, …; an atlas page adds -NN). Default: none.
    pub number_prefix: Option<String>,
    /// 数据来源: where the data came from. Default: the layers the project names.
    pub source: Option<String>,
    /// 制图日期: the drawing date. Default: the day the map is drawn.
    pub date: Option<NaiveDate>,
    /// What parcels are labelled with on the sheets. Default: their name, else their id.
    pub parcel_labels: ParcelLabels,
}

/// What parcels are labelled with on the map sheets (`[map] parcel_labels`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ParcelLabels {
    /// The parcel's name where the data has one, else its id (宗地代码): `"id"`.
    #[default]
    NameOrId,
    /// Only names; parcels without one are not labelled (ids that mean nothing to a
    /// reader, such as OpenStreetMap's): `"name"`.
    Name,
    /// No parcel labels: `"none"`. The numbered keys of the idle map stay.
    None,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectToml {
    name: Option<String>,
    as_of: Option<toml::Value>,
    crs: Option<String>,
    lang: Option<String>,
    attribution: Option<String>,
    #[serde(default)]
    layers: BTreeMap<String, LayerToml>,
    #[serde(default)]
    policy: Option<PolicyToml>,
    #[serde(default)]
    map: Option<MapToml>,
    #[serde(default)]
    limits: limits::LimitsToml,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MapToml {
    organisation: Option<String>,
    number_prefix: Option<String>,
    source: Option<String>,
    date: Option<toml::Value>,
    parcel_labels: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LayerToml {
    path: OneOrMany,
    crs: Option<String>,
    coords: Option<String>,
    x: Option<String>,
    y: Option<String>,
    encoding: Option<String>,
    sheet: Option<String>,
    #[serde(default)]
    fields: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyToml {
    control_indicators: Option<String>,
    evaluation: Option<String>,
    idle: Option<String>,
    siting: Option<String>,
    serviced_land: Option<String>,
    entry: Option<String>,
    plausibility: Option<String>,
    #[serde(default)]
    far_requirement_fallback: FarFallback,
}

impl Project {
    /// Loads a project from a folder holding `parkscope.toml`, or from the file itself.
    ///
    /// # Errors
    /// A missing or unreadable file, TOML errors, unknown keys or layers, a bad CRS or
    /// date, a layer without files.
    pub fn load(path: &Path) -> Result<Project> {
        let file = if path.is_dir() {
            path.join("parkscope.toml")
        } else {
            path.to_path_buf()
        };
        let ext = file
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        const DATA: &[&str] = &[
            "geojson", "json", "shp", "dbf", "gpkg", "fgb", "csv", "txt", "xlsx", "xls",
        ];
        if DATA.contains(&ext.as_str()) {
            return Err(Error::Project {
                path: file,
                reason: format!("this is a .{ext} data file, not a project file: give the folder holding parkscope.toml, or write one for this data with `parkscope init`"),
            });
        }
        let text = std::fs::read_to_string(&file).map_err(|source| Error::Read {
            path: file.clone(),
            source,
        })?;
        Project::parse(&text, &file)
    }

    /// Parses a project file's text; `file` resolves relative paths and names errors.
    ///
    /// # Errors
    /// As [`Project::load`].
    pub fn parse(text: &str, file: &Path) -> Result<Project> {
        let err = |reason: String| Error::Project {
            path: file.to_path_buf(),
            reason,
        };
        let raw: ProjectToml = toml::from_str(text).map_err(|e| err(toml_error(&e, text)))?;
        let base = file.parent().unwrap_or(Path::new("."));
        let name = raw.name.unwrap_or_else(|| {
            base.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "parkscope".into())
        });
        let date_key = |key: &str, v: Option<toml::Value>| -> Result<Option<NaiveDate>> {
            match v {
                None => Ok(None),
                Some(toml::Value::Datetime(d)) => parse_date(&RawValue::Text(d.to_string().into()))
                    .map_err(|e| err(format!("{key}: {e}"))),
                Some(toml::Value::String(s)) => {
                    parse_date(&RawValue::Text(s.into())).map_err(|e| err(format!("{key}: {e}")))
                }
                Some(other) => Err(err(format!("{key}: {other} is not a date"))),
            }
        };
        let as_of = date_key("as_of", raw.as_of)?;
        let limits = raw.limits.resolve().map_err(err)?;
        let text_key = |v: Option<String>| v.filter(|t| !t.trim().is_empty());
        let map = match raw.map {
            None => MapSheet::default(),
            Some(m) => MapSheet {
                organisation: text_key(m.organisation),
                number_prefix: text_key(m.number_prefix),
                source: text_key(m.source),
                date: date_key("map.date", m.date)?,
                parcel_labels: match m.parcel_labels.as_deref() {
                    None | Some("id") => ParcelLabels::NameOrId,
                    Some("name") => ParcelLabels::Name,
                    Some("none") => ParcelLabels::None,
                    Some(other) => {
                        return Err(err(format!(
                            "map.parcel_labels: \"{other}\" is not one of id, name, none"
                        )))
                    }
                },
            },
        };
        let crs = raw
            .crs
            .as_deref()
            .map(Crs::parse)
            .transpose()
            .map_err(|e| err(format!("crs: {e}")))?;
        let lang = match raw.lang.as_deref() {
            None | Some("zh") | Some("zh-CN") | Some("cn") => Lang::Zh,
            Some("en") => Lang::En,
            Some(o) => return Err(err(format!("lang: \"{o}\" is not zh or en"))),
        };
        let mut layers = BTreeMap::new();
        for (lname, l) in raw.layers {
            let kind = LayerKind::from_name(&lname).ok_or_else(|| {
                let hint = suggest(&lname, LayerKind::ALL.iter().map(|k| k.name()))
                    .map(|s| format!(" (did you mean {s}?)"))
                    .unwrap_or_default();
                err(format!("unknown layer [layers.{lname}]{hint}; layers are parks, parcels, buildings, enterprises, approvals, constraints, infrastructure"))
            })?;
            let paths: Vec<PathBuf> = match l.path {
                OneOrMany::One(p) => vec![base.join(p)],
                OneOrMany::Many(v) => v.into_iter().map(|p| base.join(p)).collect(),
            };
            if paths.is_empty() {
                return Err(err(format!("layers.{lname}.path names no file")));
            }
            let crs = match (l.crs, l.coords) {
                (_, Some(c)) | (Some(c), None) => {
                    Some(Crs::parse(&c).map_err(|e| err(format!("layers.{lname}: {e}")))?)
                }
                (None, None) => None,
            };
            layers.insert(
                kind,
                LayerSpec {
                    paths,
                    crs,
                    read: ReadOptions {
                        x: l.x,
                        y: l.y,
                        encoding: l.encoding,
                        sheet: l.sheet,
                        limits: limits.read,
                    },
                    fields: l.fields,
                },
            );
        }
        let policy = raw
            .policy
            .map(|p| PolicyChoice {
                control_indicators: p.control_indicators,
                evaluation: p.evaluation,
                idle: p.idle,
                siting: p.siting,
                serviced_land: p.serviced_land,
                entry: p.entry,
                plausibility: p.plausibility,
                far_requirement_fallback: p.far_requirement_fallback,
            })
            .unwrap_or_default();
        Ok(Project {
            file: file.to_path_buf(),
            name,
            as_of,
            crs,
            lang,
            attribution: raw.attribution.filter(|a| !a.trim().is_empty()),
            layers,
            policy,
            map,
            limits,
        })
    }

    /// The credit line maps of this project carry: `attribution` when given, else the
    /// OpenStreetMap credit its licence (ODbL) requires when the project's name or one of its
    /// layer paths names OSM or OpenStreetMap, else none.
    pub fn credit(&self) -> Option<String> {
        if let Some(a) = &self.attribution {
            return Some(a.clone());
        }
        let says_osm = |s: &str| {
            let s = s.to_lowercase();
            s.contains("openstreetmap")
                || s.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|w| w == "osm")
        };
        let osm = says_osm(&self.name)
            || self
                .layers
                .values()
                .flat_map(|l| &l.paths)
                .any(|p| says_osm(&p.to_string_lossy()));
        osm.then(|| OSM_CREDIT.to_owned())
    }

    /// The folder the project file is in.
    pub fn folder(&self) -> &Path {
        self.file.parent().unwrap_or(Path::new("."))
    }
}

/// A TOML error as one line: the line and column, what is wrong, and at most 40
/// characters of the offending text. The file's lines are never printed whole: a project
/// or rule file can point anywhere (a symlink to a password file printed it).
pub fn toml_error(e: &toml::de::Error, text: &str) -> String {
    let message = short(&one_line(e.message()), 200);
    let Some(span) = e.span().filter(|s| s.start <= text.len()) else {
        return message;
    };
    let before = &text[..floor_char(text, span.start)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let token = &text[floor_char(text, span.start)..floor_char(text, span.end.min(text.len()))];
    let token = short(&token.replace(|c: char| c.is_control(), " "), 40);
    if token.trim().is_empty() {
        format!("line {line}, column {column}: {message}")
    } else {
        format!("line {line}, column {column} (at `{token}`): {message}")
    }
}

/// The largest char boundary at or before `i`.
fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// At most `n` characters of `s`, with … when cut.
fn short(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_errors_name_line_and_column_and_never_print_the_file() {
        let secret = "root:x:0:0:root:/root:/bin/bash-and-a-very-long-tail-".repeat(50);
        let text = format!("name = \"x\"\n{secret}\n");
        let e = toml::from_str::<toml::Table>(&text).expect_err("not TOML");
        let m = toml_error(&e, &text);
        assert!(m.starts_with("line 2, column "), "{m}");
        assert!(m.chars().count() < 320, "{m}");
        assert!(!m.contains("/bin/bash"), "{m}");
    }

    #[test]
    fn parses_the_interface_example() {
        let text = r#"
name = "Xinhe industrial parks"
as_of = "2026-06-30"
crs = "EPSG:4527"
lang = "zh"
[layers.parcels]
path = "parcels.geojson"
crs = "EPSG:4527"
[layers.parcels.fields]
parcel_id = "宗地编号"
[layers.enterprises]
path = "enterprises.csv"
coords = "gcj02"
x = "经度"
y = "纬度"
[policy]
control_indicators = "2008"
evaluation = "zhejiang-huangyan-2022"
"#;
        let p = Project::parse(text, Path::new("/p/parkscope.toml")).unwrap();
        assert_eq!(p.as_of, NaiveDate::from_ymd_opt(2026, 6, 30));
        assert_eq!(
            p.layers[&LayerKind::Parcels].fields["parcel_id"],
            "宗地编号"
        );
        assert!(matches!(
            p.layers[&LayerKind::Enterprises].crs,
            Some(Crs::Gcj02)
        ));
        assert_eq!(
            p.layers[&LayerKind::Enterprises].read.x.as_deref(),
            Some("经度")
        );
        assert_eq!(
            p.layers[&LayerKind::Parcels].paths[0],
            Path::new("/p/parcels.geojson")
        );
    }

    #[test]
    fn unknown_keys_and_layers_are_errors() {
        let e = Project::parse("nme = 1", Path::new("parkscope.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("nme"), "{e}");
        let e = Project::parse(
            "[layers.parcles]\npath='a.geojson'",
            Path::new("parkscope.toml"),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("did you mean parcels"), "{e}");
    }
}
