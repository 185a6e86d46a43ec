//! What every map draws under and over its own classes: the park boundaries with their
//! names, the roads, and the shapes of the locator inset.

use geo::{BoundingRect, Geometry, Intersects, Rect};

use super::{tr, MapContext, MapRequest};
use crate::model::{InfraKind, RoadClass};
use crate::project::Lang;
use crate::render::scene::{Label, Scene, SceneLayer, Style};
use crate::render::style;

/// Up to this many parcels are drawn one by one in the locator of a project without parks;
/// more are drawn as the hull of their extents (unreadable there anyway, and slow).
const LOCATOR_PARCELS: usize = 5_000;

/// What the locator inset draws: the parks; without parks, the parcels, or for a large
/// project the convex hull of their bounding boxes.
pub(super) fn locator_shapes(m: &crate::model::Model) -> Vec<Geometry<f64>> {
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

pub(super) fn add_parks(ctx: &MapContext, req: &MapRequest, scene: &mut Scene, zoomed: bool) {
    use geo::InteriorPoint;
    let mut layer = SceneLayer::default();
    let mm_per_m = crate::render::page::map_scale(&req.page, scene.extent);
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
            // Where the middle is taken (a move number, another label): just above the
            // park, then just below it, then its upper and lower quarters.
            let gap = 3.0 / mm_per_m.max(1e-9);
            let x = b.center().x;
            let also_at = vec![
                geo::Coord {
                    x,
                    y: b.max().y + gap,
                },
                geo::Coord {
                    x,
                    y: b.min().y - gap,
                },
                geo::Coord {
                    x,
                    y: b.max().y - b.height() / 4.0,
                },
                geo::Coord {
                    x,
                    y: b.min().y + b.height() / 4.0,
                },
            ];
            scene.labels.push(Label {
                text: name,
                at,
                size_mm: 3.4,
                priority: f64::MAX,
                major: true,
                max_width_m: None,
                also_at,
            });
        }
    }
    if !layer.items.is_empty() {
        scene.layers.push(layer);
        // The legend shows the edge most parks on the page have.
        let most = (0..3).max_by_key(|&t| (counts[t], t)).unwrap_or(2);
        let item = crate::render::scene::LegendItem {
            style: edges[most].clone(),
            swatch: crate::render::scene::Swatch::Line,
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

pub(super) fn add_roads(ctx: &MapContext, scene: &mut Scene, extent: &Rect<f64>) {
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
            legend.push(crate::render::scene::LegendItem {
                style: st.clone(),
                swatch: crate::render::scene::Swatch::Line,
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
