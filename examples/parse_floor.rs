//! The physical floor of a run: only parse a project's GeoJSON files with serde_json into
//! geo geometries (no validation, no projection, no analysis). BENCHMARKS.md compares
//! parkscope's end-to-end time with this.
//!
//! `cargo run --release --example parse_floor -- DIR`

use std::time::Instant;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let t = Instant::now();
    let mut features = 0usize;
    let mut coords = 0usize;
    for name in [
        "parcels.geojson",
        "buildings.geojson",
        "parks.geojson",
        "approvals.geojson",
    ] {
        let Ok(text) = std::fs::read_to_string(std::path::Path::new(&dir).join(name)) else {
            continue;
        };
        let fc: geojson::FeatureCollection = match serde_json::from_str(&text) {
            Ok(fc) => fc,
            Err(e) => {
                eprintln!("{name}: {e}");
                std::process::exit(2);
            }
        };
        for f in fc.features {
            if let Some(g) = f.geometry {
                if let Ok(g) = geo::Geometry::<f64>::try_from(&g.value) {
                    use geo::CoordsIter;
                    coords += g.coords_count();
                }
            }
            features += 1;
        }
    }
    println!(
        "parse_floor: {features} features, {coords} coordinates in {:.3} s",
        t.elapsed().as_secs_f64()
    );
}
