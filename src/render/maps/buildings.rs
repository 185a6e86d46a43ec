//! The building map: every footprint by its storeys (1-2, 3-4, 5-8, 9 and more, or not
//! given: counted as 1 storey by the rule, drawn apart so that it does not pass for a
//! low building; tall storeys over 8 m, which count twice in the floor area, outlined
//! apart) over the parcels in grey.

use geo::Geometry;

use super::{count_detail, tr, MapContext, MapRequest};
use crate::render::scene::{LegendItem, Scene, SceneLayer, Style, Swatch};
use crate::render::style::PARCEL_EDGE;

/// Storey classes, in legend order: (lowest storeys, zh, en, fill), ColorBrewer PuRd.
const STOREYS: [(u32, &str, &str, &str); 4] = [
    (1, "1～2 层", "1-2 storeys", "#d7b5d8"),
    (3, "3～4 层", "3-4 storeys", "#df65b0"),
    (5, "5～8 层", "5-8 storeys", "#dd1c77"),
    (9, "9 层及以上", "9 storeys and more", "#980043"),
];

/// The class of footprints whose data give neither floors nor height (zh, en, fill).
const NOT_GIVEN: (&str, &str, &str) = (
    "层数不详（按 1 层计）",
    "Storeys not given (counted as 1)",
    "#ffffff",
);

/// Builds the building map; returns the map title.
pub fn build(
    ctx: &MapContext,
    _req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) -> String {
    let (m, l) = (ctx.model, ctx.lang);
    let base_style = Style::fill("#f1f1ee", PARCEL_EDGE, 0.1);
    let mut base = SceneLayer::default();
    let (mut n_base, mut base_mu) = (0usize, 0.0);
    for p in m.parcels.iter().filter(|p| in_view(&p.geometry)) {
        base.push(Geometry::MultiPolygon(p.geometry.clone()), &base_style);
        n_base += 1;
        base_mu += p.area.to_mu();
    }
    scene.layers.push(base);
    let mut layer = SceneLayer::default();
    let mut counts = [(0usize, 0.0f64); STOREYS.len()];
    let (mut tall, mut tall_m2) = (0usize, 0.0);
    let tall_style = Style::line("#222222", 0.3);
    let mut outlines = SceneLayer::default();
    let mut not_given = (0usize, 0.0f64);
    let not_given_style = Style::fill(NOT_GIVEN.2, "#5a0030", 0.12);
    for b in m.buildings.iter().filter(|b| in_view(&b.geometry)) {
        if !b.storeys_given {
            layer.push(Geometry::MultiPolygon(b.geometry.clone()), &not_given_style);
            not_given.0 += 1;
            not_given.1 += b.area.m2();
            continue;
        }
        let k = STOREYS
            .iter()
            .rposition(|(lo, ..)| b.storeys >= *lo)
            .unwrap_or(0);
        layer.push(
            Geometry::MultiPolygon(b.geometry.clone()),
            &Style::fill(STOREYS[k].3, "#5a0030", 0.08),
        );
        counts[k].0 += 1;
        counts[k].1 += b.area.m2();
        if b.tall_storeys {
            outlines.push(Geometry::MultiPolygon(b.geometry.clone()), &tall_style);
            tall += 1;
            tall_m2 += b.area.m2();
        }
    }
    scene.layers.push(layer);
    let footprints = |n: usize, m2: f64| {
        if l == crate::project::Lang::Zh {
            format!("{n} 栋 · 占地 {:.1} 亩", crate::units::AreaM2(m2).to_mu())
        } else {
            format!(
                "{n} buildings · {:.1} mu footprint",
                crate::units::AreaM2(m2).to_mu()
            )
        }
    };
    let mut items: Vec<LegendItem> = STOREYS
        .iter()
        .zip(&counts)
        .filter(|(_, (n, _))| *n > 0)
        .map(|((_, zh, en, fill), (n, m2))| LegendItem {
            style: Style::fill(fill, "#5a0030", 0.08),
            swatch: Swatch::Area,
            label: tr(l, zh, en),
            detail: Some(footprints(*n, *m2)),
        })
        .collect();
    if not_given.0 > 0 {
        items.push(LegendItem {
            style: not_given_style,
            swatch: Swatch::Area,
            label: tr(l, NOT_GIVEN.0, NOT_GIVEN.1),
            detail: Some(footprints(not_given.0, not_given.1)),
        });
    }
    if tall > 0 {
        scene.layers.push(outlines);
        items.push(LegendItem {
            style: tall_style,
            swatch: Swatch::Line,
            label: tr(
                l,
                "层高超过 8 米（计两层）",
                "Storey height over 8 m (floor area counted twice)",
            ),
            detail: Some(footprints(tall, tall_m2)),
        });
    }
    if n_base > 0 {
        items.push(LegendItem {
            style: base_style,
            swatch: Swatch::Area,
            label: tr(l, "宗地", "Parcel"),
            detail: Some(count_detail(l, n_base, base_mu)),
        });
    }
    scene
        .legend
        .push((Some(tr(l, "建筑层数", "Building storeys")), items));
    tr(l, "建筑现状图", "buildings")
}
