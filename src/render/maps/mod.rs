//! The map kinds: what each exhibit shows, built as a [`Scene`]. Shared here: the
//! extent (a park or the whole project), the base layers (parks, roads, labels) and the
//! title block.

mod base_layers;
mod buildings;
mod evaluation;
mod idle;
mod intensity;
mod overview;
mod parcel_labels;
mod progress;
mod serviced;
mod sheet_text;
mod siting;
mod unsupplied;

pub use base_layers::road_styles;
pub use evaluation::class_name as evaluation_class_name;
pub use intensity::far_classes as intensity_far_classes;
pub use overview::{constraint_styles, facility_styles, sensitive_styles};
pub use serviced::{class_of as serviced_class_of, CLASSES as SERVICED_CLASSES};
pub use siting::SitingStyles;

use base_layers::{add_parks, add_roads, locator_shapes};
pub(crate) use parcel_labels::{
    parcel_keys, parcel_labels, parcel_list_below, parcel_list_in_legend, place_parcel_list,
    LIST_BLOCKS,
};
use sheet_text::{footer, title_block, title_case};

use geo::{BoundingRect, Geometry, Intersects, Rect};

use super::classify::Scheme;
use super::page::Page;
use super::scene::{LegendItem, Scene, SceneLayer, Style, Swatch};
use super::style;
use super::style::PARCEL_EDGE;
use crate::analyse::Analysis;
use crate::error::{suggest, Error, Result};
use crate::index::Index;
use crate::model::{InfraKind, Input, Model, RoadClass};
use crate::project::Lang;

/// What an exhibit shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapKind {
    /// Parks, parcels by land use, roads, constraints.
    Overview,
    /// A choropleth of FAR or another per-parcel indicator.
    Intensity,
    /// The idle classes.
    Idle,
    /// Enterprises by evaluation class.
    Evaluation,
    /// Candidate and assigned relocation sites, protection buffers, old → new lines.
    Siting,
    /// Serviced land (熟地): unsupplied parcels by the services that reach them.
    Serviced,
    /// Development progress: parcels by stage (批而未供, 供而未开工, 在建, 竣工, 投产).
    Progress,
    /// Land supply by year (供地时序).
    SupplyYears,
    /// Building footprints by storeys.
    Buildings,
    /// Approved-not-supplied land (批而未供) by batch and how long ago it was approved.
    Unsupplied,
}

impl MapKind {
    /// Every kind.
    pub const ALL: [MapKind; 10] = [
        MapKind::Overview,
        MapKind::Intensity,
        MapKind::Idle,
        MapKind::Evaluation,
        MapKind::Siting,
        MapKind::Serviced,
        MapKind::Progress,
        MapKind::SupplyYears,
        MapKind::Buildings,
        MapKind::Unsupplied,
    ];
    /// Parses a kind name.
    pub fn parse(s: &str) -> Option<MapKind> {
        MapKind::ALL.into_iter().find(|k| k.name() == s)
    }
    /// The inputs a map of this kind rests on (`field`: the intensity map's indicator).
    /// Without them the map shows no finding and is stamped as not assessed.
    pub fn needs(self, field: Option<&str>) -> Vec<Input> {
        match self {
            MapKind::Overview => vec![],
            MapKind::Intensity => match field.unwrap_or("far") {
                "far" | "coverage" => vec![Input::Buildings],
                "tax_per_mu" | "revenue_per_mu" | "value_added_per_mu" => {
                    vec![Input::Enterprises]
                }
                _ => vec![],
            },
            MapKind::Idle => vec![Input::SupplyRecords],
            MapKind::Evaluation | MapKind::Siting => vec![Input::Enterprises],
            MapKind::Serviced => vec![Input::Infrastructure],
            MapKind::Progress | MapKind::SupplyYears => vec![Input::SupplyRecords],
            MapKind::Buildings => vec![Input::Buildings],
            MapKind::Unsupplied => vec![Input::Approvals],
        }
    }
    /// The kind's name.
    pub fn name(self) -> &'static str {
        match self {
            MapKind::Overview => "overview",
            MapKind::Intensity => "intensity",
            MapKind::Idle => "idle",
            MapKind::Evaluation => "evaluation",
            MapKind::Siting => "siting",
            MapKind::Serviced => "serviced",
            MapKind::Progress => "progress",
            MapKind::SupplyYears => "supply-years",
            MapKind::Buildings => "buildings",
            MapKind::Unsupplied => "unsupplied",
        }
    }
}

/// Everything a map draws from.
pub struct MapContext<'a> {
    /// The model.
    pub model: &'a Model,
    /// Its index.
    pub index: &'a Index,
    /// The analyses.
    pub analysis: &'a Analysis,
    /// The project's name.
    pub project: String,
    /// Label language.
    pub lang: Lang,
    /// The data source line of the title block.
    pub source: String,
    /// The credit line the data's licence requires (e.g. © OpenStreetMap contributors).
    pub credit: Option<String>,
    /// 编制单位: who made the exhibits (blank cell when none).
    pub organisation: Option<String>,
    /// Prefix of the drawing numbers (图号).
    pub number_prefix: Option<String>,
    /// 制图日期: the drawing date.
    pub drawn_on: chrono::NaiveDate,
    /// The siting result, for the siting map.
    pub siting: Option<&'a crate::analyse::site::SitingResult>,
    /// The siting rules' wind rose, drawn on the siting map.
    pub wind_rose: Option<crate::render::scene::WindRose>,
    /// The idle rules' ages (years since approval) that class 批而未供 land on its map.
    pub unsupplied_age_years: [f64; 2],
    /// What parcels are labelled with (`[map] parcel_labels`).
    pub parcel_labels: crate::project::ParcelLabels,
}

/// What to draw.
#[derive(Debug, Clone)]
pub struct MapRequest {
    /// The kind.
    pub kind: MapKind,
    /// Zoom to this park.
    pub park: Option<String>,
    /// Indicator of the intensity map: far (default), coverage, tax_per_mu,
    /// investment_per_mu, revenue_per_mu.
    pub field: Option<String>,
    /// Classification scheme of the intensity map. Default: standard (FAR at steps of
    /// 0.5, other indicators at rounded natural breaks).
    pub scheme: Scheme,
    /// Number of classes. Default: 5.
    pub classes: usize,
    /// Paper. Default: A4 landscape.
    pub page: Page,
}

impl MapRequest {
    /// A request with the defaults.
    pub fn new(kind: MapKind) -> MapRequest {
        MapRequest {
            kind,
            park: None,
            field: None,
            scheme: Scheme::Standard,
            classes: 5,
            page: Page::default(),
        }
    }
}

/// Picks the Chinese or English text.
pub(crate) fn tr(lang: Lang, zh: &str, en: &str) -> String {
    if lang == Lang::Zh {
        zh.to_owned()
    } else {
        en.to_owned()
    }
}

/// "12 宗 · 345.6 亩" / "12 parcels · 345.6 mu".
pub(crate) fn count_detail(lang: Lang, n: usize, mu: f64) -> String {
    match lang {
        Lang::Zh => format!("{n} 宗 · {mu:.1} 亩"),
        Lang::En if n == 1 => format!("1 parcel · {mu:.1} mu"),
        Lang::En => format!("{n} parcels · {mu:.1} mu"),
    }
}

fn union_rect(a: Option<Rect<f64>>, b: Option<Rect<f64>>) -> Option<Rect<f64>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(crate::model::geometry::rect_union(a, b)),
        (a, None) => a,
        (None, b) => b,
    }
}

/// Builds the scene of a map.
///
/// # Errors
/// An unknown park id or indicator.
pub fn build_scene(ctx: &MapContext, req: &MapRequest) -> Result<Scene> {
    use super::scene::SheetTable;
    let rows = match (req.kind, ctx.siting) {
        (MapKind::Siting, Some(r)) => r.placements().len(),
        _ => 0,
    };
    if rows == 0 {
        // A parcel list goes into a corner the map leaves clear, else under the frame, the
        // map refitted above it (its keys drawn again at that scale).
        let mut scene = scene_above(ctx, req, 0.0)?;
        let Some(listed) = place_parcel_list(&mut scene, &req.page, ctx.lang) else {
            return Ok(scene);
        };
        // Under the frame when the map keeps its scale there; else in the legend when it
        // fits there at 6 pt; else under the frame at the next scale.
        let (extent, _, _) = base_extent(ctx, req)?;
        let denominator =
            |v: geo::Rect<f64>| (1000.0 / super::page::map_scale(&req.page, v)).round();
        let below = SheetTable::height_for(listed.div_ceil(LIST_BLOCKS), req.page.unit());
        let keeps_scale = denominator(super::page::fit_view(&req.page, extent, 0.0))
            == denominator(super::page::fit_view(&req.page, extent, below));
        if !keeps_scale && parcel_list_in_legend(&mut scene, &req.page, ctx.lang) {
            return Ok(scene);
        }
        // The map above the list may come out at another scale, with other keys: room is
        // made again until the list fits (it has at most as many rows as a sheet holds).
        let mut rows = listed.div_ceil(LIST_BLOCKS);
        loop {
            let below = SheetTable::height_for(rows, req.page.unit());
            let mut scene = scene_above(ctx, req, below)?;
            let wanted = scene
                .parcel_list
                .as_ref()
                .map_or(0, |l| l.rows.len().div_ceil(LIST_BLOCKS));
            if wanted <= rows {
                parcel_list_below(&mut scene, &req.page, ctx.lang);
                return Ok(scene);
            }
            rows = wanted;
        }
    }
    // The move table goes under the frame when the map keeps its scale there; else into a
    // corner the map leaves clear; else under the frame at the next scale.
    let below = SheetTable::height_for(rows, req.page.unit());
    let (extent, _, _) = base_extent(ctx, req)?;
    let denominator = |v: geo::Rect<f64>| (1000.0 / super::page::map_scale(&req.page, v)).round();
    let keeps_scale = denominator(super::page::fit_view(&req.page, extent, 0.0))
        == denominator(super::page::fit_view(&req.page, extent, below));
    if !keeps_scale {
        let mut scene = scene_above(ctx, req, 0.0)?;
        if crate::render::sheet::clear_corner(&mut scene, &req.page, ctx.lang) {
            // The move table holds the corner: a parcel list joins the legend.
            place_parcel_list(&mut scene, &req.page, ctx.lang);
            return Ok(scene);
        }
    }
    let mut scene = scene_above(ctx, req, below)?;
    place_parcel_list(&mut scene, &req.page, ctx.lang);
    Ok(scene)
}

/// What the map frame is fitted to: the whole project, or the park asked for (and its name).
/// The project's whole extent (parcels and parks, for the locator) comes with it.
fn base_extent(ctx: &MapContext, req: &MapRequest) -> Result<BaseExtent> {
    let m = ctx.model;
    let all_parcels = m
        .parcels
        .iter()
        .fold(None, |r, p| union_rect(r, p.geometry.bounding_rect()));
    let all_parks = m
        .parks
        .iter()
        .fold(None, |r, p| union_rect(r, p.geometry.bounding_rect()));
    let context = union_rect(all_parcels, all_parks)
        .ok_or_else(|| Error::Missing("nothing to draw: the project has no parcels".into()))?;
    match &req.park {
        None => Ok((context, None, context)),
        Some(id) => {
            let park = m.parks.iter().find(|p| &p.id == id).ok_or_else(|| {
                let hint = suggest(id, m.parks.iter().map(|p| p.id.as_str()))
                    .map(|s| format!(" (did you mean {s}?)"))
                    .unwrap_or_default();
                Error::invalid("park", id.as_str(), format!("no such park{hint}"))
            })?;
            Ok((
                park.geometry.bounding_rect().unwrap_or(context),
                Some(park.name.clone().unwrap_or_else(|| park.id.clone())),
                context,
            ))
        }
    }
}

/// What a frame is fitted to, the park's name when zoomed, and the whole project's extent.
type BaseExtent = (geo::Rect<f64>, Option<String>, geo::Rect<f64>);

/// The scene with `table_mm` kept under the frame for a table.
fn scene_above(ctx: &MapContext, req: &MapRequest, table_mm: f64) -> Result<Scene> {
    let m = ctx.model;
    let (extent, park_name, context) = base_extent(ctx, req)?;
    // The frame shows the extent at a standard round scale, grown to the frame's shape:
    // what is drawn and counted is what lies in that view.
    let view = super::page::fit_view(&req.page, extent, table_mm);
    let in_view = |g: &geo::MultiPolygon<f64>| {
        req.park.is_none() || g.bounding_rect().is_some_and(|b| b.intersects(&view))
    };
    let mut scene = Scene {
        title: String::new(),
        subtitle: String::new(),
        layers: Vec::new(),
        legend: Vec::new(),
        labels: Vec::new(),
        markers: Vec::new(),
        extent: view,
        context,
        context_shapes: locator_shapes(m),
        context_built_up: m
            .constraints
            .iter()
            .filter(|c| c.kind == crate::model::ConstraintKind::BuiltUp)
            .map(|c| c.geometry.clone())
            .collect(),
        context_roads: m
            .infrastructure
            .iter()
            .filter(|f| {
                f.kind == InfraKind::Road
                    && matches!(f.class, Some(RoadClass::Expressway | RoadClass::Arterial))
            })
            .map(|f| f.geometry.clone())
            .collect(),
        title_block: Vec::new(),
        footer: String::new(),
        stamp: None,
        table: None,
        wind_rose: None,
        keep_clear: Vec::new(),
        parcel_list: None,
    };
    let map_title = match req.kind {
        MapKind::Overview => overview::build(ctx, req, &mut scene, &in_view),
        MapKind::Intensity => intensity::build(ctx, req, &mut scene, &in_view)?,
        MapKind::Idle => idle::build(ctx, req, &mut scene, &in_view),
        MapKind::Evaluation => evaluation::build(ctx, req, &mut scene, &in_view),
        MapKind::Siting => siting::build(ctx, req, &mut scene, &in_view)?,
        MapKind::Serviced => serviced::build(ctx, req, &mut scene, &in_view),
        MapKind::Progress => progress::build_stages(ctx, req, &mut scene, &in_view),
        MapKind::SupplyYears => progress::build_years(ctx, req, &mut scene, &in_view),
        MapKind::Buildings => buildings::build(ctx, req, &mut scene, &in_view),
        MapKind::Unsupplied => unsupplied::build(ctx, req, &mut scene, &in_view),
    };
    let lacking = m.lacking(&req.kind.needs(req.field.as_deref()));
    if !lacking.is_empty() {
        not_assessed(ctx, &mut scene, &in_view, &lacking);
    }
    add_roads(ctx, &mut scene, &view);
    add_parks(ctx, req, &mut scene, req.park.is_some());
    let place = park_name.clone().unwrap_or_else(|| ctx.project.clone());
    let map_title = match ctx.lang {
        Lang::Zh => map_title,
        Lang::En => title_case(&map_title),
    };
    scene.title = format!("{place} {map_title}");
    scene.title_block = title_block(ctx, req, map_title);
    scene.footer = footer(ctx);
    Ok(scene)
}

/// A map whose input is missing shows no finding: its classes give way to the parcels in
/// grey, and the sheet is stamped with what was not given (未提供…，未评价).
fn not_assessed(
    ctx: &MapContext,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
    lacking: &[Input],
) {
    scene.layers.clear();
    scene.legend.clear();
    let label = tr(ctx.lang, "宗地（未评价）", "Parcels (not assessed)");
    let items = classed_parcels(ctx, scene, in_view, &[(label, style::NO_DATA)], |_| 0);
    scene.legend.push((None, items));
    scene.stamp = Some(crate::words::not_assessed_all(lacking, ctx.lang));
}

/// The parcels in view filled by class, as one layer, and a legend item per class that
/// occurs, counting the parcels and 亩 the map shows. `classes` are (label, fill colour) in
/// legend order; `class_of` gives a parcel's position in it.
pub(crate) fn classed_parcels(
    ctx: &MapContext,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
    classes: &[(String, &'static str)],
    class_of: impl Fn(usize) -> usize,
) -> Vec<LegendItem> {
    let mut layer = SceneLayer::default();
    let mut counts = vec![(0usize, 0.0f64); classes.len()];
    for (i, p) in ctx.model.parcels.iter().enumerate() {
        if !in_view(&p.geometry) {
            continue;
        }
        let k = class_of(i).min(classes.len().saturating_sub(1));
        layer.push(
            Geometry::MultiPolygon(p.geometry.clone()),
            &Style::fill(classes[k].1, PARCEL_EDGE, 0.12),
        );
        counts[k].0 += 1;
        counts[k].1 += p.area.to_mu();
    }
    scene.layers.push(layer);
    classes
        .iter()
        .zip(&counts)
        .filter(|(_, (n, _))| *n > 0)
        .map(|((label, colour), (n, mu))| LegendItem {
            style: Style::fill(colour, PARCEL_EDGE, 0.12),
            swatch: Swatch::Area,
            label: label.clone(),
            detail: Some(count_detail(ctx.lang, *n, *mu)),
        })
        .collect()
}
