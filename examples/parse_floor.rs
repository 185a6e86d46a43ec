//! The physical floor of a run: only parse a project folder's input files, one after
//! another on one thread — every GeoJSON with serde_json into geo geometries, every CSV
//! with the csv crate into records and f64 coordinates — with no validation, projection
//! or analysis. BENCHMARKS.md compares parkscope's end-to-end time with this.
//!
//! `cargo run --release --example parse_floor -- DIR`

use std::path::{Path, PathBuf};
use std::time::Instant;

use geo::CoordsIter;

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("{}: {e}", dir.display());
            std::process::exit(2);
        }
    };
    files.sort();
    let t = Instant::now();
    let (mut features, mut coords) = (0usize, 0usize);
    for path in &files {
        let counted = match path.extension().and_then(|e| e.to_str()) {
            Some("geojson") => geojson_file(path),
            Some("csv") => csv_file(path),
            _ => continue,
        };
        match counted {
            Ok((f, c)) => {
                features += f;
                coords += c;
            }
            Err(e) => {
                eprintln!("{}: {e}", path.display());
                std::process::exit(2);
            }
        }
    }
    println!(
        "parse_floor: {features} features, {coords} coordinates in {:.3} s",
        t.elapsed().as_secs_f64()
    );
}

/// Features and coordinates of a FeatureCollection parsed into geo geometries.
fn geojson_file(path: &Path) -> Result<(usize, usize), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let fc: geojson::FeatureCollection = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let mut coords = 0;
    for f in &fc.features {
        if let Some(g) = &f.geometry {
            if let Ok(g) = geo::Geometry::<f64>::try_from(&g.value) {
                coords += g.coords_count();
            }
        }
    }
    Ok((fc.features.len(), coords))
}

/// Rows of a CSV table read as records, its last two columns parsed as coordinates
/// (the ledger's longitude and latitude).
fn csv_file(path: &Path) -> Result<(usize, usize), String> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| e.to_string())?;
    let (mut rows, mut coords) = (0, 0);
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        let n = record.len();
        let xy = (n >= 2).then(|| (record[n - 2].parse::<f64>(), record[n - 1].parse::<f64>()));
        if let Some((Ok(_), Ok(_))) = xy {
            coords += 1;
        }
        rows += 1;
    }
    Ok((rows, coords))
}
