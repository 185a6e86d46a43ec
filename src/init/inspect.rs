//! What one data file holds, as `init` sees it: geometry types, fields with sample values,
//! the CRS it declares or its coordinates suggest, the text encoding.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use geo::{BoundingRect, Geometry};

use crate::read::{read_layer, RawValue, ReadOptions};

/// The geometry a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    /// Points.
    Point,
    /// Lines.
    Line,
    /// Polygons.
    Polygon,
    /// No geometry (a table).
    Table,
}

/// One field: its name and what its values look like.
#[derive(Debug, Clone)]
pub struct FieldLook {
    /// The name in the file.
    pub name: String,
    /// Up to eight distinct values, in order of first appearance.
    pub samples: Vec<String>,
    /// True when every non-empty sampled value is distinct.
    pub unique: bool,
    /// Non-empty values sampled.
    pub filled: usize,
    /// Every distinct value sampled (up to 200).
    pub distinct: Vec<String>,
}

/// A data file inspected.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// The file.
    pub path: PathBuf,
    /// Features read.
    pub features: usize,
    /// The geometry most features have.
    pub shape: Shape,
    /// Fields in file order.
    pub fields: Vec<FieldLook>,
    /// The CRS the file declares, as text.
    pub declared_crs: Option<String>,
    /// The text encoding used.
    pub encoding: Option<&'static str>,
    /// The extent of the coordinates (min x, min y, max x, max y).
    pub extent: Option<[f64; 4]>,
}

impl Inspection {
    /// True when the coordinates are in the range of longitudes and latitudes.
    pub fn looks_lonlat(&self) -> bool {
        self.extent.is_some_and(|[x0, y0, x1, y1]| {
            x0 >= -180.0 && x1 <= 180.0 && y0 >= -90.0 && y1 <= 90.0
        })
    }

    /// The field of this name.
    pub fn field(&self, name: &str) -> Option<&FieldLook> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// How many features are sampled for values.
const SAMPLED: usize = 2_000;

/// Reads a file and describes it.
///
/// # Errors
/// The file cannot be read as a layer (the reason, as one line).
pub fn inspect(path: &Path) -> std::result::Result<Inspection, String> {
    let raw = read_layer(path, &ReadOptions::default()).map_err(|e| e.to_string())?;
    let mut shapes: BTreeMap<Shape, usize> = BTreeMap::new();
    let mut extent: Option<geo::Rect<f64>> = None;
    for f in &raw.features {
        let s = match &f.geometry {
            None => Shape::Table,
            Some(Geometry::Point(_) | Geometry::MultiPoint(_)) => Shape::Point,
            Some(Geometry::LineString(_) | Geometry::MultiLineString(_) | Geometry::Line(_)) => {
                Shape::Line
            }
            Some(_) => Shape::Polygon,
        };
        *shapes.entry(s).or_default() += 1;
        if let Some(r) = f.geometry.as_ref().and_then(|g| g.bounding_rect()) {
            extent = Some(match extent {
                None => r,
                Some(e) => geo::Rect::new(
                    geo::coord! { x: e.min().x.min(r.min().x), y: e.min().y.min(r.min().y) },
                    geo::coord! { x: e.max().x.max(r.max().x), y: e.max().y.max(r.max().y) },
                ),
            });
        }
    }
    let shape = shapes
        .iter()
        .max_by_key(|(s, n)| (**n, std::cmp::Reverse(**s)))
        .map(|(s, _)| *s)
        .unwrap_or(Shape::Table);
    let fields = raw
        .fields
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut distinct: Vec<String> = Vec::new();
            let mut filled = 0;
            let mut unique = true;
            for f in raw.features.iter().take(SAMPLED) {
                let Some(v) = f.values.get(i).and_then(text_of) else {
                    continue;
                };
                filled += 1;
                if distinct.contains(&v) {
                    unique = false;
                } else if distinct.len() < 200 {
                    distinct.push(v);
                }
            }
            FieldLook {
                name: name.clone(),
                samples: distinct.iter().take(8).cloned().collect(),
                unique: unique && filled > 0,
                filled,
                distinct,
            }
        })
        .collect();
    Ok(Inspection {
        path: path.to_path_buf(),
        features: raw.features.len(),
        shape,
        fields,
        declared_crs: raw.declared_crs,
        encoding: raw.encoding,
        extent: extent.map(|r| [r.min().x, r.min().y, r.max().x, r.max().y]),
    })
}

fn text_of(v: &RawValue) -> Option<String> {
    v.as_text().filter(|t| !t.trim().is_empty())
}

/// The data files in `inputs`: files as given, folders searched (three levels deep) for
/// the formats parkscope reads, in name order.
pub fn data_files(inputs: &[PathBuf]) -> Vec<PathBuf> {
    const EXT: &[&str] = &[
        "geojson", "json", "shp", "gpkg", "fgb", "csv", "xlsx", "xls",
    ];
    fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() && depth > 0 {
                walk(&p, depth - 1, out);
            } else if is_data(&p) {
                out.push(p);
            }
        }
    }
    fn is_data(p: &Path) -> bool {
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let ext = p
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        EXT.contains(&ext.as_str()) && !name.ends_with(".fields.csv") && !name.starts_with('.')
    }
    let mut out = Vec::new();
    for i in inputs {
        if i.is_dir() {
            walk(i, 3, &mut out);
        } else {
            out.push(i.clone());
        }
    }
    out.dedup();
    out
}
