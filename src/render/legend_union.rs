//! One class list across an atlas: every page's legend lists each class any page of the
//! atlas shows, in the same order, with its own count (none: "0 宗 · 0.0 亩" or "—"), so
//! pages side by side read alike. Only groups whose heading is the same on every page are
//! joined; a page's own lists (its parcel list, 宗地清单) are left as they are.

use crate::project::Lang;
use crate::render::scene::{LegendItem, Scene, Swatch};

/// Gives every scene's legend the union of the atlas's entries, group by group. A group is
/// joined when its heading is the same on the pages that have it and at least one of its
/// entries is on all of them (a class list); lists of numbered keys or of one page's own
/// parcels share no entry and are left alone.
pub fn unify_legends(scenes: &mut [Scene], lang: Lang) {
    if scenes.len() < 2 {
        return;
    }
    let mut headings: Vec<Option<String>> = Vec::new();
    for scene in scenes.iter() {
        for (h, _) in &scene.legend {
            if !headings.contains(h) {
                headings.push(h.clone());
            }
        }
    }
    for heading in headings {
        let lists: Vec<&Vec<LegendItem>> = scenes
            .iter()
            .flat_map(|s| {
                s.legend
                    .iter()
                    .filter(|(h, _)| *h == heading)
                    .map(|(_, i)| i)
            })
            .collect();
        let keyed = lists
            .iter()
            .any(|l| l.iter().any(|i| matches!(i.swatch, Swatch::Key(_))));
        let common = lists[0]
            .iter()
            .any(|a| lists.iter().all(|l| l.iter().any(|i| same(a, i))));
        if keyed || !common {
            continue;
        }
        let mut all = lists[0].clone();
        for l in &lists[1..] {
            merge_into(&mut all, l);
        }
        for scene in scenes.iter_mut() {
            for (h, items) in scene.legend.iter_mut().filter(|(h, _)| *h == heading) {
                let _ = h;
                *items = all
                    .iter()
                    .map(|a| {
                        items
                            .iter()
                            .find(|i| same(a, i))
                            .cloned()
                            .unwrap_or_else(|| none_of(a, lang))
                    })
                    .collect();
            }
        }
    }
}

/// Two entries are the same class when they read and look alike (counts aside).
fn same(a: &LegendItem, b: &LegendItem) -> bool {
    a.label == b.label && a.style == b.style && a.swatch == b.swatch
}

/// Adds `items` missing from `list`, each after the entry it follows in `items`.
fn merge_into(list: &mut Vec<LegendItem>, items: &[LegendItem]) {
    let mut after: Option<usize> = None;
    for it in items {
        match list.iter().position(|l| same(l, it)) {
            Some(k) => after = Some(k),
            None => {
                let at = after.map_or(0, |k| k + 1);
                list.insert(at, it.clone());
                after = Some(at);
            }
        }
    }
}

/// The entry of a class this page does not show: its count is none.
fn none_of(template: &LegendItem, lang: Lang) -> LegendItem {
    let parcels = template
        .detail
        .as_deref()
        .is_some_and(|d| d.contains(" 宗 · ") || d.contains(" parcels · "));
    LegendItem {
        detail: template.detail.as_ref().map(|_| {
            if parcels {
                super::maps::count_detail(lang, 0, 0.0)
            } else {
                "—".to_owned()
            }
        }),
        ..template.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::scene::Style;

    fn item(label: &str, n: usize) -> LegendItem {
        LegendItem {
            style: Style::fill("#ff0000", "#000000", 0.1),
            swatch: Swatch::Area,
            label: label.to_owned(),
            detail: Some(crate::render::maps::count_detail(Lang::Zh, n, n as f64)),
        }
    }

    #[test]
    fn every_page_lists_every_class_in_one_order_with_its_own_counts() {
        let mut a = vec![item("闲置土地", 2), item("供而未用", 3)];
        merge_into(
            &mut a,
            &[
                item("闲置土地", 1),
                item("批而未供", 4),
                item("供而未用", 5),
            ],
        );
        let labels: Vec<_> = a.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(labels, ["闲置土地", "批而未供", "供而未用"]);
        let none = none_of(&item("批而未供", 4), Lang::Zh);
        assert_eq!(none.detail.as_deref(), Some("0 宗 · 0.0 亩"));
    }

    /// On the sample's park pages of each map kind, after joining, the class list names the
    /// same classes in the same order.
    #[test]
    fn the_sample_atlas_pages_share_their_class_lists() {
        use crate::render::{build_scene, MapKind, MapRequest};
        let (ws, a) = crate::sample_for_tests::sample();
        let ctx = ws.map_context(&a, None);
        let mut differed = 0;
        for kind in [
            MapKind::Idle,
            MapKind::Progress,
            MapKind::SupplyYears,
            MapKind::Serviced,
            MapKind::Overview,
        ] {
            let mut scenes: Vec<Scene> = ws
                .model()
                .parks
                .iter()
                .map(|p| {
                    let mut r = MapRequest::new(kind);
                    r.park = Some(p.id.clone());
                    build_scene(&ctx, &r).expect("scene")
                })
                .collect();
            let labels = |s: &Scene| -> Vec<Vec<String>> {
                s.legend
                    .iter()
                    .filter(|(h, _)| !h.as_deref().is_some_and(|h| h.starts_with("宗地清单")))
                    .map(|(_, items)| items.iter().map(|i| i.label.clone()).collect())
                    .collect()
            };
            differed += usize::from(scenes.windows(2).any(|w| labels(&w[0]) != labels(&w[1])));
            unify_legends(&mut scenes, Lang::Zh);
            // The class list (the first group) reads alike on every page.
            for w in scenes.windows(2) {
                assert_eq!(labels(&w[0])[0], labels(&w[1])[0], "{kind:?}");
            }
        }
        eprintln!("{differed} kinds had differing class lists before joining");
    }
}
