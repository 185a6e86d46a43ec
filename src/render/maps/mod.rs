//! The map kinds: what each exhibit shows, built as a [`Scene`]. Shared here: the
//! extent (a park or the whole project), the base layers (parks, roads, labels) and the
//! title block.

mod buildings;
mod evaluation;
mod idle;
mod intensity;
mod overview;
mod progress;
mod serviced;
mod siting;

pub use evaluation::class_name as evaluation_class_name;
pub use intensity::far_classes as intensity_far_classes;
pub use overview::{constraint_styles, facility_styles, sensitive_styles};
pub use serviced::{class_of as serviced_class_of, CLASSES as SERVICED_CLASSES};
pub use siting::SitingStyles;

use geo::{BoundingRect, Geometry, Intersects, Rect};

use super::classify::Scheme;
use super::page::Page;
use super::scene::{Label, LegendItem, Scene, SceneLayer, Style, Swatch};
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
}

impl MapKind {
    /// Every kind.
    pub const ALL: [MapKind; 9] = [
        MapKind::Overview,
        MapKind::Intensity,
        MapKind::Idle,
        MapKind::Evaluation,
        MapKind::Siting,
        MapKind::Serviced,
        MapKind::Progress,
        MapKind::SupplyYears,
        MapKind::Buildings,
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
    if lang == Lang::Zh {
        format!("{n} 宗 · {mu:.1} 亩")
    } else {
        format!("{n} parcels · {mu:.1} mu")
    }
}

fn union_rect(a: Option<Rect<f64>>, b: Option<Rect<f64>>) -> Option<Rect<f64>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(Rect::new(
            geo::Coord {
                x: a.min().x.min(b.min().x),
                y: a.min().y.min(b.min().y),
            },
            geo::Coord {
                x: a.max().x.max(b.max().x),
                y: a.max().y.max(b.max().y),
            },
        )),
        (a, None) => a,
        (None, b) => b,
    }
}

/// Builds the scene of a map.
///
/// # Errors
/// An unknown park id or indicator.
pub fn build_scene(ctx: &MapContext, req: &MapRequest) -> Result<Scene> {
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
    let (extent, park_name) = match &req.park {
        None => (context, None),
        Some(id) => {
            let park = m.parks.iter().find(|p| &p.id == id).ok_or_else(|| {
                let hint = suggest(id, m.parks.iter().map(|p| p.id.as_str()))
                    .map(|s| format!(" (did you mean {s}?)"))
                    .unwrap_or_default();
                Error::invalid("park", id.as_str(), format!("no such park{hint}"))
            })?;
            (
                park.geometry.bounding_rect().unwrap_or(context),
                Some(park.name.clone().unwrap_or_else(|| park.id.clone())),
            )
        }
    };
    // The frame shows the extent at a standard round scale, grown to the frame's shape:
    // what is drawn and counted is what lies in that view.
    let view = super::page::fit_view(&req.page, extent);
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

/// An English title in title case: every word capitalised but the short function words
/// inside it ("Idle and Inefficient Land", "Floor-Area Ratio Map").
fn title_case(s: &str) -> String {
    const SMALL: [&str; 9] = ["a", "an", "and", "by", "for", "in", "of", "per", "the"];
    s.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(&w) {
                return w.to_owned();
            }
            w.split('-')
                .map(|part| {
                    let mut c = part.chars();
                    match c.next() {
                        Some(f) => f.to_uppercase().chain(c).collect(),
                        None => String::new(),
                    }
                })
                .collect::<Vec<String>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
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
    let sep = if ctx.lang == Lang::Zh { "；" } else { "; " };
    scene.stamp = Some(
        lacking
            .iter()
            .map(|i| crate::words::not_assessed(*i, ctx.lang))
            .collect::<Vec<_>>()
            .join(sep),
    );
}

/// The drawing number (图号) of a sheet: the prefix, the kind's place among the kinds
/// (01 overview … 06 serviced land) and, for a park's sheet, the park's place in the parks
/// layer (-01, -02 …).
fn drawing_number(ctx: &MapContext, req: &MapRequest) -> String {
    let kind = MapKind::ALL
        .iter()
        .position(|k| *k == req.kind)
        .unwrap_or(0)
        + 1;
    let park = req
        .park
        .as_ref()
        .and_then(|id| ctx.model.parks.iter().position(|p| &p.id == id))
        .map(|i| format!("-{:02}", i + 1))
        .unwrap_or_default();
    format!(
        "{}{kind:02}{park}",
        ctx.number_prefix.as_deref().unwrap_or("")
    )
}

/// The title block's rows: project, map, drawing number, who made it, the status date,
/// the drawing date, the coordinate system, the data source and the licence's credit.
fn title_block(ctx: &MapContext, req: &MapRequest, map_title: String) -> Vec<(String, String)> {
    let l = ctx.lang;
    let crs = match l {
        Lang::Zh => ctx.model.frame.name_zh(),
        Lang::En => ctx.model.frame.name(),
    };
    let mut rows = vec![
        (tr(l, "项目", "Project"), ctx.project.clone()),
        (tr(l, "图名", "Map"), map_title),
        (tr(l, "图号", "Drawing no."), drawing_number(ctx, req)),
        (
            tr(l, "编制单位", "Prepared by"),
            ctx.organisation.clone().unwrap_or_default(),
        ),
        (
            tr(l, "现状基准日", "Status as of"),
            ctx.analysis.as_of.to_string(),
        ),
        (tr(l, "制图日期", "Drawn"), ctx.drawn_on.to_string()),
        (tr(l, "坐标系", "CRS"), crs),
        (tr(l, "数据来源", "Source"), ctx.source.clone()),
    ];
    if let Some(credit) = &ctx.credit {
        rows.push((tr(l, "版权", "Credits"), credit.clone()));
    }
    rows
}

/// The line at the foot of the sheet: the licence's credit and the software that drew it.
fn footer(ctx: &MapContext) -> String {
    let made = format!(
        "{} parkscope {}",
        tr(ctx.lang, "制图软件", "Drawn with"),
        env!("CARGO_PKG_VERSION")
    );
    match &ctx.credit {
        Some(c) => format!("{c} · {made}"),
        None => made,
    }
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

/// Font size of parcel labels, mm: 6 pt, the smallest a printer accepts.
const PARCEL_LABEL_MM: f64 = 6.0 * 25.4 / 72.0;

/// Parcel labels — the parcel's name where the data has one, else its id — where they fit
/// inside their parcel. Parcels too narrow on the page for their label are skipped before
/// their interior point is computed.
pub(crate) fn parcel_labels(
    ctx: &MapContext,
    req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) {
    use geo::InteriorPoint;
    let mm_per_m = super::page::map_scale(&req.page, scene.extent);
    for p in &ctx.model.parcels {
        if !in_view(&p.geometry) {
            continue;
        }
        let Some(b) = p.geometry.bounding_rect() else {
            continue;
        };
        let text = p
            .name
            .as_deref()
            .filter(|n| !n.trim().is_empty())
            .unwrap_or(&p.id);
        if super::text::text_width(text, PARCEL_LABEL_MM) > b.width() * 0.9 * mm_per_m {
            continue;
        }
        let Some(pt) = p.geometry.interior_point() else {
            continue;
        };
        scene.labels.push(Label {
            text: text.to_owned(),
            at: pt.0,
            size_mm: PARCEL_LABEL_MM,
            priority: p.area.m2(),
            major: false,
            max_width_m: Some(b.width().min(b.height() * 3.0) * 0.9),
        });
    }
}

/// A parcel's label: its name where the data has one, else its id.
fn parcel_label_text(p: &crate::model::Parcel) -> &str {
    p.name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or(&p.id)
}

/// True when a label of `text` at 6 pt fits across a parcel of bounding box `b`.
fn label_fits(text: &str, b: &Rect<f64>, mm_per_m: f64) -> bool {
    super::text::text_width(text, PARCEL_LABEL_MM) <= b.width() * 0.9 * mm_per_m
}

/// At most this many parcels of an A4 sheet get a numbered key (the list is on the
/// sheet's legend); twice as many on A3.
const MAX_KEYS_A4: usize = 12;

/// Short keys for the parcels of interest whose label does not fit: a number inside the
/// parcel, tied to a parcel list (宗地清单: key, id, class, 亩) in the legend. `interest`
/// gives a parcel's rank (lower first; `None`: no key) and its class label and fill. The
/// most important parcels get keys first; a note counts the rest.
pub(crate) fn parcel_keys(
    ctx: &MapContext,
    req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
    interest: &dyn Fn(usize) -> Option<(usize, String, &'static str)>,
) {
    use geo::InteriorPoint;
    let mm_per_m = super::page::map_scale(&req.page, scene.extent);
    let mut wanted: Vec<(usize, f64, usize, String, &'static str)> = Vec::new();
    for (i, p) in ctx.model.parcels.iter().enumerate() {
        if !in_view(&p.geometry) {
            continue;
        }
        let Some(b) = p.geometry.bounding_rect() else {
            continue;
        };
        if label_fits(parcel_label_text(p), &b, mm_per_m) || !label_fits("99", &b, mm_per_m) {
            continue;
        }
        if let Some((rank, class, fill)) = interest(i) {
            wanted.push((rank, -p.area.m2(), i, class, fill));
        }
    }
    if wanted.is_empty() {
        return;
    }
    wanted.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
    let cap = match req.page.paper {
        super::page::Paper::A4 => MAX_KEYS_A4,
        super::page::Paper::A3 => 2 * MAX_KEYS_A4,
    };
    let left = wanted.len().saturating_sub(cap);
    wanted.truncate(cap);
    // Keys run in id order, so the list reads like a ledger.
    wanted.sort_by(|a, b| ctx.model.parcels[a.2].id.cmp(&ctx.model.parcels[b.2].id));
    let mut items = Vec::new();
    for (k, (_, _, i, class, fill)) in wanted.into_iter().enumerate() {
        let p = &ctx.model.parcels[i];
        let (Some(pt), Some(b)) = (p.geometry.interior_point(), p.geometry.bounding_rect()) else {
            continue;
        };
        let key = (k + 1).to_string();
        scene.labels.push(Label {
            text: key.clone(),
            at: pt.0,
            size_mm: PARCEL_LABEL_MM,
            // Above the ids, below the park names.
            priority: f64::MAX / 2.0,
            major: false,
            max_width_m: Some(b.width().min(b.height() * 3.0) * 0.9),
        });
        items.push(LegendItem {
            style: Style::fill(fill, PARCEL_EDGE, 0.12),
            swatch: Swatch::Area,
            label: format!("{key}  {}", p.id),
            detail: Some(format!(
                "{class} · {:.1} {}",
                p.area.to_mu(),
                tr(ctx.lang, "亩", "mu")
            )),
        });
    }
    let heading = match (ctx.lang, left) {
        (Lang::Zh, 0) => "宗地清单（编号、宗地代码、类别、面积）".to_owned(),
        (Lang::Zh, n) => format!("宗地清单（另有 {n} 宗见台账）"),
        (Lang::En, 0) => "Parcel list (key, id, class, area)".to_owned(),
        (Lang::En, n) => format!("Parcel list ({n} more in the ledger)"),
    };
    scene.legend.push((Some(heading), items));
}

/// Up to this many parcels are drawn one by one in the locator of a project without parks;
/// more are drawn as the hull of their extents (unreadable there anyway, and slow).
const LOCATOR_PARCELS: usize = 5_000;

/// What the locator inset draws: the parks; without parks, the parcels, or for a large
/// project the convex hull of their bounding boxes.
fn locator_shapes(m: &crate::model::Model) -> Vec<Geometry<f64>> {
    use geo::ConvexHull;
    if !m.parks.is_empty() {
        return m
            .parks
            .iter()
            .map(|p| Geometry::MultiPolygon(p.geometry.clone()))
            .collect();
    }
    if m.parcels.len() <= LOCATOR_PARCELS {
        return m
            .parcels
            .iter()
            .map(|p| Geometry::MultiPolygon(p.geometry.clone()))
            .collect();
    }
    let corners: geo::MultiPoint<f64> = m
        .parcels
        .iter()
        .filter_map(|p| p.geometry.bounding_rect())
        .flat_map(|b| {
            let (lo, hi) = (b.min(), b.max());
            [(lo.x, lo.y), (hi.x, lo.y), (hi.x, hi.y), (lo.x, hi.y)]
        })
        .map(geo::Point::from)
        .collect();
    vec![Geometry::Polygon(corners.convex_hull())]
}

/// Parks smaller than this on the page (bounding-box diagonal, mm) get a thin solid edge:
/// a dashed edge would cover them.
const SMALL_PARK_MM: f64 = 8.0;
/// Parks at least this big on the page get the full 0.7 mm dashed edge; between the two, a
/// finer dash (at city scale a 0.7 mm dash drew parks of a few mm as black squares).
const LARGE_PARK_MM: f64 = 40.0;

fn add_parks(ctx: &MapContext, req: &MapRequest, scene: &mut Scene, zoomed: bool) {
    use geo::InteriorPoint;
    let mut layer = SceneLayer::default();
    let mm_per_m = super::page::map_scale(&req.page, scene.extent);
    let edges = [
        Style::line(style::PARK_EDGE, 0.2),
        Style::line(style::PARK_EDGE, 0.35).dashed(1.2, 0.5),
        Style::line(style::PARK_EDGE, 0.7).dashed(2.2, 0.8),
    ];
    let mut counts = [0usize; 3];
    for p in &ctx.model.parks {
        let on_page = p
            .geometry
            .bounding_rect()
            .map_or(0.0, |b| b.width().hypot(b.height()) * mm_per_m);
        let tier = if on_page < SMALL_PARK_MM {
            0
        } else if on_page < LARGE_PARK_MM {
            1
        } else {
            2
        };
        counts[tier] += 1;
        layer.push(Geometry::MultiPolygon(p.geometry.clone()), &edges[tier]);
        if let (Some(pt), Some(b)) = (p.geometry.interior_point(), p.geometry.bounding_rect()) {
            let name = p.name.clone().unwrap_or_else(|| p.id.clone());
            let at = if zoomed {
                geo::Coord {
                    x: pt.x(),
                    y: b.max().y - b.height() * 0.04,
                }
            } else {
                pt.0
            };
            scene.labels.push(Label {
                text: name,
                at,
                size_mm: 3.4,
                priority: f64::MAX,
                major: true,
                max_width_m: None,
            });
        }
    }
    if !layer.items.is_empty() {
        scene.layers.push(layer);
        // The legend shows the edge most parks on the page have.
        let most = (0..3).max_by_key(|&t| (counts[t], t)).unwrap_or(2);
        let item = super::scene::LegendItem {
            style: edges[most].clone(),
            swatch: super::scene::Swatch::Line,
            label: tr(ctx.lang, "园区边界", "Park boundary"),
            detail: None,
        };
        scene.legend.push((None, vec![item]));
    }
}

/// The road classes (None: a road of no class), in legend order, with their line style and
/// name in `l`.
pub fn road_styles(l: Lang) -> [(Option<RoadClass>, Style, String); 5] {
    [
        (
            Some(RoadClass::Expressway),
            Style::line("#e08a2e", 1.1),
            tr(l, "高速公路", "Expressway"),
        ),
        (
            Some(RoadClass::Arterial),
            Style::line("#8c8c8c", 0.55),
            tr(l, "主干路", "Arterial road"),
        ),
        (
            Some(RoadClass::Collector),
            Style::line("#b5b5b5", 0.35),
            tr(l, "次干路", "Collector road"),
        ),
        (
            Some(RoadClass::Local),
            Style::line("#cfcfcf", 0.25),
            tr(l, "支路", "Local road"),
        ),
        (None, Style::line("#b5b5b5", 0.3), tr(l, "道路", "Road")),
    ]
}

fn add_roads(ctx: &MapContext, scene: &mut Scene, extent: &Rect<f64>) {
    let mut layer = SceneLayer::default();
    let mut legend = Vec::new();
    let styles = road_styles(ctx.lang);
    for (class, st, name) in &styles {
        let mut any = false;
        for f in ctx
            .model
            .infrastructure
            .iter()
            .filter(|f| f.kind == InfraKind::Road && f.class == *class)
        {
            if f.geometry
                .bounding_rect()
                .is_some_and(|b| b.intersects(extent))
            {
                layer.push(f.geometry.clone(), st);
                any = true;
            }
        }
        if any {
            legend.push(super::scene::LegendItem {
                style: st.clone(),
                swatch: super::scene::Swatch::Line,
                label: name.clone(),
                detail: None,
            });
        }
    }
    // Roads go under parcels' outlines but over nothing else: insert first.
    if !layer.items.is_empty() {
        scene.layers.insert(0, layer);
        scene
            .legend
            .push((Some(tr(ctx.lang, "交通", "Transport")), legend));
    }
}
