//! Render: analysis results → a [`Scene`] (the map's content in frame metres) → an SVG
//! page with the cartographic furniture (title, legend with counts and 亩, scale bar,
//! north arrow, locator inset, title block) → PNG through resvg or PDF through svg2pdf.
//! One drawing path for every format; text in the bundled CJK font.
//!
//! The modules depend downwards only: `maps` builds scenes; `sheet` lays a scene out on
//! a page, one module per part of the sheet; `draw`, `text`, `page` and `svg` are the
//! primitives both use.

mod atlas;
mod classify;
mod draw;
mod fonts;
mod labels;
mod legend_union;
pub mod maps;
mod output;
mod page;
mod scene;
mod sheet;
pub mod style;
mod svg;
mod text;

pub use atlas::{atlas_pdf, save_atlas};
pub use classify::{breaks, Scheme};
pub use fonts::{FontSet, FAMILY};
pub use legend_union::unify_legends;
pub use maps::{build_scene, MapContext, MapKind, MapRequest};
pub use output::{save_map, to_pdf, to_png};
pub use page::{Page, Paper};
pub use scene::{
    Corner, KeyStyle, Label, LegendItem, Marker, ParcelList, ParcelListRow, Scene, SceneLayer,
    SheetTable, Style, Swatch, Symbol, TablePlace, WindRose,
};
pub use sheet::compose_svg;
pub(crate) use style::{eval_color, idle_color, land_use_class, land_use_rank, land_use_style};
pub use svg::esc;
