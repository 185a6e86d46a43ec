//! The approved-not-supplied map (批而未供分布图): each approval batch (农用地转用批次) outlined
//! and labelled with its number and date, the part of it no supplied parcel covers filled
//! by how long ago the batch was approved — by default under 2 years, 2 to 5, 5 and more
//! (the idle rules' `unsupplied_age_years`), date unknown — supplied parcels in grey.
//! 批而未供 land approved two and more years ago is what the disposal campaigns
//! (批而未供和闲置土地处置) count first; five years marks the oldest stock. The legend
//! counts pieces and 亩 in the frame.

use geo::{BoundingRect, Geometry, InteriorPoint};

use super::{count_detail, tr, MapContext, MapRequest};
use crate::model::SupplyStatus;
use crate::project::Lang;
use crate::render::scene::{Label, LegendItem, Scene, SceneLayer, Style, Swatch};
use crate::render::style::PARCEL_EDGE;

/// The fills of the three age classes, youngest first.
const AGE_FILLS: [&str; 3] = ["#fdcc8a", "#fc8d59", "#d7301f"];
/// The fill of land in a batch whose approval date is not known.
const UNKNOWN_AGE: &str = "#bdbdbd";

/// The class (0, 1, 2) of a batch approved `years` before the as-of date, with `breaks`
/// the idle rules' `unsupplied_age_years`: under the first, under the second, the rest. A
/// batch approved after the as-of date (a look back) is in the first class.
pub fn age_class(years: f64, breaks: [f64; 2]) -> usize {
    if years < breaks[0] {
        0
    } else if years < breaks[1] {
        1
    } else {
        2
    }
}

/// The legend label of age class `k` for `breaks`, in the project's language.
fn age_label(k: usize, [a, b]: [f64; 2], l: Lang) -> String {
    match (k, l) {
        (0, Lang::Zh) => format!("批准不满 {a} 年"),
        (1, Lang::Zh) => format!("批准 {a} 至 {b} 年"),
        (_, Lang::Zh) => format!("批准 {b} 年以上"),
        (0, Lang::En) => format!("Approved under {a} years ago"),
        (1, Lang::En) => format!("Approved {a} to {b} years ago"),
        (_, Lang::En) => format!("Approved {b} or more years ago"),
    }
}

/// Builds the approved-not-supplied map; returns the map title.
pub fn build(
    ctx: &MapContext,
    req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) -> String {
    let (m, a, l) = (ctx.model, ctx.analysis, ctx.lang);
    // Parcels: supplied in grey, the rest pale.
    let supplied_style = Style::fill("#d9d9d9", PARCEL_EDGE, 0.1);
    let other_style = Style::fill("#f7f7f4", PARCEL_EDGE, 0.1);
    let mut parcels = SceneLayer::default();
    let (mut supplied, mut other) = ((0usize, 0.0), (0usize, 0.0));
    for p in m.parcels.iter().filter(|p| in_view(&p.geometry)) {
        let is_supplied =
            p.status == Some(SupplyStatus::Supplied) && p.supply_date.is_none_or(|d| d <= a.as_of);
        let (style, tally) = if is_supplied {
            (&supplied_style, &mut supplied)
        } else {
            (&other_style, &mut other)
        };
        parcels.push(Geometry::MultiPolygon(p.geometry.clone()), style);
        tally.0 += 1;
        tally.1 += p.area.to_mu();
    }
    scene.layers.push(parcels);
    // What is left of each batch, by its age.
    let breaks = ctx.unsupplied_age_years;
    let styles: Vec<Style> = AGE_FILLS
        .iter()
        .map(|fill| Style::fill(fill, "#7f2704", 0.15))
        .chain(std::iter::once(Style::fill(UNKNOWN_AGE, "#555", 0.15)))
        .collect();
    let mut tally = vec![(0usize, 0.0f64); styles.len()];
    let mut pieces = SceneLayer::default();
    for piece in a.ans.iter().filter(|p| in_view(&p.geometry)) {
        let k = m.approvals[piece.approval]
            .approval_date
            .map_or(AGE_FILLS.len(), |d| {
                age_class((a.as_of - d).num_days() as f64 / 365.25, breaks)
            });
        pieces.push(Geometry::MultiPolygon(piece.geometry.clone()), &styles[k]);
        tally[k].0 += 1;
        tally[k].1 += piece.area.to_mu();
    }
    scene.layers.push(pieces);
    // Batch outlines, labelled with number and approval month where they fit.
    // Dark and wide enough to read on the red of the oldest class.
    // Short dashes: the park boundary has long ones.
    let outline = Style::line("#1a1a1a", 0.5).dashed(0.9, 0.7);
    let mut batches = SceneLayer::default();
    let mm_per_m = crate::render::page::map_scale(&req.page, scene.extent);
    let mut n_batches = 0usize;
    for b in m.approvals.iter().filter(|b| in_view(&b.geometry)) {
        batches.push(Geometry::MultiPolygon(b.geometry.clone()), &outline);
        n_batches += 1;
        let (Some(pt), Some(bb)) = (b.geometry.interior_point(), b.geometry.bounding_rect()) else {
            continue;
        };
        let id = b.id.clone().unwrap_or_default();
        let text = match b.approval_date {
            Some(d) => format!("{id} {}", d.format("%Y-%m")),
            None => id,
        };
        if text.trim().is_empty() {
            continue;
        }
        scene.labels.push(Label {
            text,
            at: pt.0,
            size_mm: 2.2,
            priority: bb.width() * bb.height(),
            // Bold with the wide halo: the labels sit on the red fills.
            major: true,
            max_width_m: Some(bb.width().max(4.0 / mm_per_m.max(1e-9))),
            also_at: vec![geo::Coord {
                x: bb.center().x,
                y: bb.max().y + 2.5 / mm_per_m.max(1e-9),
            }],
        });
    }
    scene.layers.push(batches);
    // The legend: the age classes that occur, then the batches and the parcels.
    let unit = |n: usize, mu: f64| match l {
        Lang::Zh => format!("{n} 片 · {mu:.1} 亩"),
        Lang::En => format!("{n} pieces · {mu:.1} mu"),
    };
    let mut items: Vec<LegendItem> = (0..AGE_FILLS.len())
        .map(|k| age_label(k, breaks, l))
        .chain(std::iter::once(tr(
            l,
            "批准日期不详",
            "Approval date unknown",
        )))
        .zip(styles)
        .zip(&tally)
        .filter(|(_, (n, _))| *n > 0)
        .map(|((label, style), (n, mu))| LegendItem {
            style,
            swatch: Swatch::Area,
            label,
            detail: Some(unit(*n, *mu)),
        })
        .collect();
    if items.is_empty() {
        items.push(LegendItem {
            style: Style::fill("#ffffff", "#7f2704", 0.15),
            swatch: Swatch::Area,
            label: tr(l, "无批而未供土地", "No approved land left unsupplied"),
            detail: None,
        });
    }
    scene.legend.push((
        Some(tr(
            l,
            "批而未供（批次减已供宗地，含道路等未划宗地的用地，按批准年限）",
            "Approved, not supplied (batch minus supplied parcels, roads and other land outside parcels included, by age)",
        )),
        items,
    ));
    scene.legend.push((
        None,
        vec![
            LegendItem {
                style: outline,
                swatch: Swatch::Line,
                label: tr(l, "批准用地批次界线", "Approval batch boundary"),
                detail: Some(match l {
                    Lang::Zh => format!("{n_batches} 批"),
                    Lang::En => format!("{n_batches} batches"),
                }),
            },
            LegendItem {
                style: supplied_style,
                swatch: Swatch::Area,
                label: tr(l, "已供宗地", "Supplied parcel"),
                detail: Some(count_detail(l, supplied.0, supplied.1)),
            },
            LegendItem {
                style: other_style,
                swatch: Swatch::Area,
                label: tr(
                    l,
                    "未供或供地状态不详的宗地",
                    "Parcel not supplied or of unknown status",
                ),
                detail: Some(count_detail(l, other.0, other.1)),
            },
        ],
    ));
    tr(l, "批而未供土地分布图", "approved but not supplied land")
}

#[cfg(test)]
mod tests {
    use super::{age_class, age_label};
    use crate::project::Lang;

    #[test]
    fn batches_fall_into_their_age_class_at_the_breaks() {
        let b = [2.0, 5.0];
        assert_eq!(age_class(0.0, b), 0);
        assert_eq!(age_class(1.99, b), 0);
        assert_eq!(age_class(2.0, b), 1);
        assert_eq!(age_class(4.99, b), 1);
        assert_eq!(age_class(5.0, b), 2);
        assert_eq!(age_class(30.0, b), 2);
        assert_eq!(age_class(-1.0, b), 0);
        // A province's own breaks, with the legend that names them.
        let b = [3.0, 10.0];
        assert_eq!(age_class(5.0, b), 1);
        assert_eq!(age_class(10.0, b), 2);
        assert_eq!(age_label(1, b, Lang::Zh), "批准 3 至 10 年");
        assert_eq!(age_label(2, b, Lang::En), "Approved 10 or more years ago");
        assert_eq!(age_label(0, [1.5, 4.0], Lang::Zh), "批准不满 1.5 年");
    }

    /// The legend of the whole sample counts every piece of the approved_not_supplied
    /// table and its 亩, each batch in the class its approval date gives at the as-of date.
    #[test]
    fn the_legend_counts_the_table_of_approved_not_supplied_land() {
        use crate::render::{build_scene, MapKind, MapRequest};
        let (ws, a) = crate::sample_for_tests::sample();
        let ctx = ws.map_context(&a, None);
        let scene = build_scene(&ctx, &MapRequest::new(MapKind::Unsupplied)).expect("scene");
        let (_, items) = &scene.legend[0];
        let (mut n, mut mu) = (0usize, 0.0f64);
        for it in items {
            let d = it.detail.as_deref().expect("a count");
            let nums: Vec<f64> = d
                .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                .filter_map(|t| t.parse().ok())
                .collect();
            n += nums[0] as usize;
            mu += nums[1];
        }
        let want_mu: f64 = a.ans.iter().map(|p| p.area.to_mu()).sum();
        assert_eq!(n, a.ans.len());
        assert!(
            (mu - want_mu).abs() < 0.05 * items.len() as f64,
            "{mu} vs {want_mu}"
        );
        // Every sample batch was approved in 2014–2016: over 5 years before 2026-06-30.
        assert_eq!(items.len(), 1);
        assert!(items[0].label.contains("5 年以上"));
    }
}
