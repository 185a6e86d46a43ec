//! The viewer's map style: the printed maps' [`Style`]s turned into MapLibre style layers
//! (fills, hatching, strokes and dashes, point symbols), and the switchable overlays with
//! their legends. Sizes on paper become screen pixels at 96 dpi.

use serde::Serialize;
use serde_json::{json, Value};

use crate::render::Style;

/// Screen pixels per millimetre on paper (96 dpi).
const PX_PER_MM: f64 = 96.0 / 25.4;
/// The thinnest stroke drawn, pixels.
const MIN_PX: f64 = 0.5;

/// A legend entry.
#[derive(Debug, Clone, Serialize)]
pub struct LegendEntry {
    /// The label.
    pub label: String,
    /// `area`, `line` or `point`.
    pub swatch: &'static str,
    /// Fill colour.
    pub fill: Option<String>,
    /// Stroke colour.
    pub stroke: Option<String>,
    /// Fill opacity.
    pub opacity: f64,
    /// Dashed stroke.
    pub dashed: bool,
    /// Hatching colour.
    pub hatch: Option<String>,
    /// A second line ("12 宗 · 345.6 亩").
    pub detail: String,
}

impl LegendEntry {
    /// The entry of a style.
    pub fn new(style: &Style, swatch: &'static str, label: String, detail: String) -> LegendEntry {
        LegendEntry {
            label,
            swatch,
            fill: style.fill.map(str::to_owned),
            stroke: style.stroke.map(str::to_owned),
            opacity: style.opacity,
            dashed: style.dash.is_some(),
            hatch: style.hatch.map(str::to_owned),
            detail,
        }
    }
}

/// A layer the user can switch on and off.
#[derive(Debug, Clone, Serialize)]
pub struct Overlay {
    /// Its id.
    pub id: String,
    /// Its name in the switcher and the legend.
    pub title: String,
    /// Shown when the viewer opens.
    pub on: bool,
    /// Its legend.
    pub legend: Vec<LegendEntry>,
    /// Its MapLibre style layers (ids start with the overlay's id).
    pub layers: Vec<Value>,
}

fn px(mm: f64) -> f64 {
    (mm * PX_PER_MM).max(MIN_PX)
}

/// MapLibre style layers drawing `source_layer` features matching `filter` in `style`:
/// a fill (and hatching) and an outline for areas, a line for lines, a circle for points.
pub fn style_layers(
    id: &str,
    source_layer: &str,
    style: &Style,
    swatch: &str,
    filter: Option<Value>,
) -> Vec<Value> {
    let mut out = Vec::new();
    let base = |suffix: &str, kind: &str, paint: Value| {
        let mut l = json!({
            "id": format!("{id}-{suffix}"),
            "type": kind,
            "source": "parkscope",
            "source-layer": source_layer,
            "paint": paint,
        });
        if let Some(f) = &filter {
            l["filter"] = f.clone();
        }
        l
    };
    match swatch {
        // Squares and triangles are drawn as circles too: MapLibre draws no other shape
        // without a sprite; the colour tells them apart.
        "point" => {
            // The printed size from zoom 15, a third of it at zoom 10 and out.
            let r = (style.size_mm * PX_PER_MM / 2.0).max(2.5);
            out.push(base(
                "circle",
                "circle",
                json!({
                    "circle-color": style.fill.unwrap_or("#333333"),
                    "circle-radius": ["interpolate", ["linear"], ["zoom"], 10, r / 3.0, 15, r],
                    "circle-stroke-color": style.stroke.unwrap_or("#ffffff"),
                    "circle-stroke-width": px(style.stroke_mm).min(1.5),
                }),
            ));
        }
        _ => {
            if let (Some(fill), "area") = (style.fill, swatch) {
                out.push(base(
                    "fill",
                    "fill",
                    json!({ "fill-color": fill, "fill-opacity": style.opacity }),
                ));
                if let Some(h) = style.hatch {
                    out.push(base(
                        "hatch",
                        "fill",
                        json!({ "fill-pattern": format!("hatch:{h}") }),
                    ));
                }
            }
            if let Some(stroke) = style.stroke {
                let w = px(style.stroke_mm);
                let mut paint = json!({ "line-color": stroke, "line-width": w });
                if let Some((on, off)) = style.dash {
                    let s = style.stroke_mm.max(0.05);
                    paint["line-dasharray"] = json!([on / s, off / s]);
                }
                out.push(base("line", "line", paint));
            }
        }
    }
    out
}

/// A filter on a class attribute.
pub fn class_filter(key: &str, value: usize) -> Value {
    json!(["==", ["get", key], value])
}
