//! Web: the offline viewer. Every layer (parks, parcels with their land-use, FAR, idle,
//! evaluation and serviced-land classes, buildings, enterprises, constraints,
//! infrastructure, siting, 批而未供 pieces) is projected to Web Mercator, cut into vector
//! tiles ([`tiling`], [`encode`]) and archived as one PMTiles file ([`archive`]); the full
//! record of every feature and the search index are gzipped chunks beside it
//! ([`records`]); MapLibre GL JS draws them in the printed maps' colours ([`themes`],
//! [`overlays`]), from a folder that opens from `file://` or through `parkscope serve`
//! ([`serve`]).
//!
//! The module sits above `write` and `render`: it reads their tables and styles and
//! neither imports it.

pub mod archive;
pub mod encode;
pub mod layers;
pub mod overlays;
pub mod records;
pub mod serve;
pub mod themes;
pub mod tiling;
pub mod viewer;
pub mod world;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::Serialize;
use serde_json::{json, Value};

use crate::error::{Error, Result};
use crate::project::Lang;
use crate::render::style::PARCEL_EDGE;
use crate::write::tables::{ans_table, enterprises_table, moves_table, parcels_table, parks_table};
pub use archive::ZoomStats;
pub use layers::Input;

/// The archive's file name.
pub const TILES: &str = "tiles.pmtiles";

/// How the viewer is made.
#[derive(Debug, Clone)]
pub struct WebOptions {
    /// The page title (the project's name).
    pub title: String,
    /// The line under it (the date judged at).
    pub subtitle: String,
    /// The deepest zoom cut; the viewer zooms further by scaling those tiles.
    /// Default: 15 (a tile coordinate is then about 0.3 m).
    pub max_zoom: u8,
    /// Archives up to this size are also embedded in `tiles.js`, so the page opens from
    /// `file://`; larger ones need `parkscope serve`. Default: 24 MiB.
    pub embed_limit: u64,
    /// At most this many features of a polygon layer in one tile above the deepest zoom;
    /// denser tiles have their small features coalesced ([`tiling`]). Default:
    /// [`MAX_TILE_FEATURES`].
    pub max_tile_features: usize,
    /// The credit the data's licence asks maps to carry (e.g. "© OpenStreetMap
    /// contributors"), shown in the map's corner. Default: none.
    pub credit: Option<String>,
}

/// The default cap of features of a layer in a tile.
pub const MAX_TILE_FEATURES: usize = 5_000;

impl WebOptions {
    /// The defaults, titled.
    pub fn new(title: &str, subtitle: &str) -> WebOptions {
        WebOptions {
            title: title.to_owned(),
            subtitle: subtitle.to_owned(),
            max_zoom: 15,
            embed_limit: 24 << 20,
            max_tile_features: MAX_TILE_FEATURES,
            credit: None,
        }
    }
}

/// What was written.
#[derive(Debug, Clone)]
pub struct WebSummary {
    /// Every file, in a stable order.
    pub files: Vec<PathBuf>,
    /// What each zoom holds.
    pub zooms: Vec<ZoomStats>,
    /// Size of `tiles.pmtiles`, bytes.
    pub tiles_bytes: u64,
    /// True when the archive is embedded (`tiles.js`).
    pub embedded: bool,
    /// Features per tile layer.
    pub layers: Vec<(String, usize)>,
    /// How long each stage took.
    pub timings: Vec<(&'static str, Duration)>,
}

#[derive(Serialize)]
struct OverlayMeta<'a> {
    id: &'a str,
    title: &'a str,
    on: bool,
    legend: &'a [overlays::LegendEntry],
    #[serde(rename = "layerIds")]
    layer_ids: Vec<String>,
}

#[derive(Serialize)]
struct RecordMeta<'a> {
    title: String,
    labels: &'a [String],
}

fn record_title(set: &str, lang: Lang) -> String {
    let (zh, en) = match set {
        "parcels" => ("宗地", "Parcel"),
        "enterprises" => ("企业", "Enterprise"),
        "parks" => ("园区", "Park"),
        "ans" => ("批而未供", "Approved, not supplied"),
        "buildings" => ("建筑", "Building"),
        "constraints" => ("管控要素", "Constraint"),
        "infrastructure" => ("交通与设施", "Infrastructure"),
        "sites" => ("选址", "Siting"),
        "moves" => ("搬迁去向", "Move"),
        other => (other, other),
    };
    match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// The zooms to cut for an extent `span` world units across: from the zoom at which it
/// fills about half a tile, to `max_zoom`.
pub fn zoom_range(span: f64, max_zoom: u8) -> std::ops::RangeInclusive<u8> {
    let fit = if span > 0.0 {
        (1.0 / span).log2().floor()
    } else {
        f64::from(max_zoom)
    };
    let min = (fit - 1.0).clamp(0.0, f64::from(max_zoom)) as u8;
    min..=max_zoom
}

/// Writes the viewer of `inp` into `dir`.
///
/// # Errors
/// Nothing to show (no feature could be projected); a file that cannot be written.
pub fn write_viewer(dir: &Path, inp: &Input<'_>, opts: &WebOptions) -> Result<WebSummary> {
    let (m, ix, a, lang) = (inp.model, inp.index, inp.analysis, inp.lang);
    let mut timings = Vec::new();
    let mut t = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Vec<(&'static str, Duration)>| {
        timings.push((name, t.elapsed()));
        t = Instant::now();
    };
    let tables = layers::Tables {
        parcels: parcels_table(m, ix, a, lang),
        enterprises: enterprises_table(m, ix, a, lang),
        parks: parks_table(m, a),
        ans: ans_table(m, a),
        moves: inp.siting.map(|r| moves_table(m, r)),
    };
    let built = layers::build(inp, &tables);
    let extent = layers::extent(&built.layers).ok_or_else(|| {
        Error::Missing("nothing to show on the web: no feature could be projected".into())
    })?;
    let zooms = zoom_range(
        extent.width().max(extent.height()),
        opts.max_zoom.clamp(1, 20),
    );
    let bounds = layers::lonlat_box(&extent);
    lap("web: layers", &mut timings);

    std::fs::create_dir_all(dir).map_err(|e| Error::Write {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    let vector_layers: Vec<Value> = built
        .layers
        .iter()
        .map(|l| {
            let fields: BTreeMap<&str, &str> = l.keys.iter().map(|k| (k.as_str(), "Number")).collect();
            json!({"id": l.name, "fields": fields, "minzoom": l.minzoom.max(*zooms.start()), "maxzoom": zooms.end()})
        })
        .collect();
    let metadata = json!({
        "name": opts.title,
        "format": "pbf",
        "generator": format!("parkscope {}", env!("CARGO_PKG_VERSION")),
        "vector_layers": vector_layers,
        "attribution": opts.credit,
    })
    .to_string();
    let archive_path = dir.join(TILES);
    let zoom_stats = archive::write_archive(
        &archive_path,
        &built.layers,
        &archive::ArchiveInfo {
            zooms: zooms.clone(),
            bounds,
            metadata,
            max_features: opts.max_tile_features.max(1),
        },
    )?;
    let tiles_bytes = std::fs::metadata(&archive_path)
        .map(|x| x.len())
        .unwrap_or(0);
    lap("web: tiles", &mut timings);

    let mut files = vec![archive_path.clone()];
    let embedded = tiles_bytes <= opts.embed_limit;
    if embedded {
        files.push(viewer::write_embedded_tiles(dir, &archive_path)?);
    } else {
        // A tiles.js from an earlier, smaller set would shadow the new archive.
        let _ = std::fs::remove_file(dir.join("tiles.js"));
    }
    let _ = std::fs::remove_dir_all(dir.join("records"));
    for set in &built.records {
        files.extend(records::write_records(dir, set)?);
    }
    files.push(records::write_search(dir, &built.search)?);
    lap("web: records", &mut timings);

    files.extend(viewer::write_static(
        dir,
        lang,
        &opts.title,
        &opts.subtitle,
        embedded,
    )?);
    files.push(viewer::write_meta(
        dir,
        &meta(&built, lang, bounds, &zooms, opts.credit.as_deref()),
    )?);
    lap("web: viewer", &mut timings);
    files.sort();
    Ok(WebSummary {
        files,
        zooms: zoom_stats,
        tiles_bytes,
        embedded,
        layers: built
            .layers
            .iter()
            .map(|l| (l.name.clone(), l.features.len()))
            .collect(),
        timings,
    })
}

fn meta(
    built: &layers::Built<'_>,
    lang: Lang,
    bounds: [f64; 4],
    zooms: &std::ops::RangeInclusive<u8>,
    credit: Option<&str>,
) -> Value {
    let mut style_layers: Vec<Value> = vec![
        json!({"id": "parcels-fill", "type": "fill", "source": "parkscope", "source-layer": "parcels",
               "paint": {"fill-color": "#e9e9e9"}}),
        // The theme's hatch (FAR below the required minimum), shown with its theme.
        json!({"id": "parcels-hatch", "type": "fill", "source": "parkscope", "source-layer": "parcels",
               "filter": ["==", ["get", themes::HATCH_KEY], 1], "layout": {"visibility": "none"},
               "paint": {"fill-pattern": format!("hatch:{}", themes::BELOW_MINIMUM_HATCH)}}),
        json!({"id": "parcels-line", "type": "line", "source": "parkscope", "source-layer": "parcels",
               "minzoom": 12, "paint": {"line-color": PARCEL_EDGE, "line-width": 0.5}}),
    ];
    let mut overlays = Vec::new();
    for o in &built.overlays {
        let ids: Vec<String> = o
            .layers
            .iter()
            .filter_map(|l| l["id"].as_str().map(str::to_owned))
            .collect();
        style_layers.extend(o.layers.iter().cloned());
        overlays.push(OverlayMeta {
            id: &o.id,
            title: &o.title,
            on: o.on,
            legend: &o.legend,
            layer_ids: ids,
        });
    }
    let clickable: Vec<String> = style_layers
        .iter()
        .filter_map(|l| l["id"].as_str())
        .filter(|id| !id.ends_with("-hatch"))
        .map(str::to_owned)
        .collect();
    let records: BTreeMap<&str, RecordMeta<'_>> = built
        .records
        .iter()
        .map(|r| {
            (
                r.layer.as_str(),
                RecordMeta {
                    title: record_title(&r.layer, lang),
                    labels: &r.labels,
                },
            )
        })
        .collect();
    let record_of: BTreeMap<&str, &str> = built
        .layers
        .iter()
        .zip(&built.record_of)
        .map(|(l, r)| (l.name.as_str(), r.as_str()))
        .collect();
    let selectable: Vec<&str> = built.layers.iter().map(|l| l.name.as_str()).collect();
    json!({
        "lang": if lang == Lang::Zh { "zh" } else { "en" },
        "bounds": bounds,
        "minzoom": zooms.start(),
        "maxzoom": zooms.end(),
        "chunk": records::CHUNK,
        "themes": built.themes,
        "overlays": overlays,
        "layers": style_layers,
        "clickable": clickable,
        "selectable": selectable,
        "records": records,
        "recordOf": record_of,
        "parks": built.parks,
        "words": viewer::Words::new(lang),
        "credit": credit,
    })
}
