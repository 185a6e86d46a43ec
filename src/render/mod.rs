//! Render: analysis results → a [`Scene`] (the map's content in frame metres) → an SVG
//! page with the cartographic furniture (title, legend with counts and 亩, scale bar,
//! north arrow, locator inset, title block) → PNG through resvg or PDF through svg2pdf.
//! One drawing path for every format; text in the bundled CJK font.

mod atlas;
mod classify;
mod compose;
mod fonts;
mod furniture;
mod labels;
mod legend;
pub mod maps;
mod output;
mod scene;
mod style;
mod svg;

pub use atlas::atlas_pdf;
pub use classify::{breaks, Scheme};
pub use compose::{compose_svg, Page, Paper};
pub use fonts::FontSet;
pub use maps::{build_scene, MapContext, MapKind, MapRequest};
pub use output::{save_map, to_pdf, to_png};
pub use scene::{Label, LegendItem, Scene, SceneLayer, Style, Swatch, Symbol};
