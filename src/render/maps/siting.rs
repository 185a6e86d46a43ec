//! The siting map: candidate sites, the sites assigned, the old sites to be released,
//! protection buffers around the new sites, red lines and sensitive receptors, and a line
//! from each old site to its new one.

use geo::{Buffer, Centroid, Geometry, LineString};

use super::{tr, MapContext, MapRequest};
use crate::error::{Error, Result};
use crate::project::Lang;
use crate::render::scene::{Label, LegendItem, Scene, SceneLayer, Style, Swatch};
use crate::render::style::PARCEL_EDGE;

/// Builds the siting map; returns the map title.
pub fn build(
    ctx: &MapContext,
    _req: &MapRequest,
    scene: &mut Scene,
    in_view: &dyn Fn(&geo::MultiPolygon<f64>) -> bool,
) -> Result<String> {
    let r = ctx.siting.ok_or_else(|| {
        Error::Missing("the siting map needs the siting analysis (parkscope site)".into())
    })?;
    let m = ctx.model;
    let l = ctx.lang;
    let mut base = SceneLayer::default();
    let plain = Style::fill("#f1f1ee", PARCEL_EDGE, 0.1);
    for p in m.parcels.iter().filter(|p| in_view(&p.geometry)) {
        base.push(Geometry::MultiPolygon(p.geometry.clone()), &plain);
    }
    scene.layers.push(base);
    super::overview::constraints_layer(ctx, scene);
    // Candidates feasible for someone, and the assigned sites.
    let mut feasible: Vec<usize> = r
        .options
        .iter()
        .flat_map(|o| o.iter().map(|s| s.site))
        .collect();
    feasible.sort_unstable();
    feasible.dedup();
    let assigned: Vec<(usize, usize)> = r
        .plan
        .iter()
        .filter_map(|a| a.site.map(|s| (a.mover, s)))
        .collect();
    let mut sites = SceneLayer::default();
    let cand = Style::fill("#c7e9c0", "#41ab5d", 0.2);
    let chosen = Style::fill("#238b45", "#00441b", 0.35);
    let old = Style::fill("#fcbba1", "#cb181d", 0.35).hatched("#cb181d");
    for &s in &feasible {
        if !assigned.iter().any(|(_, a)| *a == s) {
            sites.push(Geometry::MultiPolygon(r.sites[s].geometry.clone()), &cand);
        }
    }
    for (_, s) in &assigned {
        sites.push(
            Geometry::MultiPolygon(r.sites[*s].geometry.clone()),
            &chosen,
        );
    }
    let mut old_mu = 0.0;
    for mv in &r.movers {
        for &p in &ctx.index.enterprise_parcels[mv.enterprise.index()] {
            sites.push(Geometry::MultiPolygon(m.parcels[p].geometry.clone()), &old);
        }
        old_mu += mv.old_area.to_mu();
    }
    scene.layers.push(sites);
    // Protection buffers around the assigned sites, and the moves.
    let mut over = SceneLayer::default();
    let buffer = Style::line("#e6550d", 0.35).dashed(1.2, 0.8);
    let arrow = Style::line("#7a0177", 0.6);
    for (mv, s) in &assigned {
        let d = r.movers[*mv].protection_m;
        over.push(
            Geometry::MultiPolygon(r.sites[*s].geometry.buffer(d)),
            &buffer,
        );
        if let (Some(from), Some(to)) = (r.movers[*mv].origin, r.sites[*s].geometry.centroid()) {
            over.push(
                Geometry::LineString(LineString::from(vec![from.0, to.0])),
                &arrow,
            );
            over.push(
                Geometry::Point(to),
                &Style::point(crate::render::scene::Symbol::Triangle, "#7a0177", 2.2),
            );
        }
        let e = &m.enterprises[r.movers[*mv].enterprise];
        if let Some(c) = r.sites[*s].geometry.centroid() {
            let name = e.name.clone().unwrap_or_else(|| e.id.clone());
            let short: String = name.trim_end_matches("有限公司").chars().take(8).collect();
            scene.labels.push(Label {
                text: short,
                at: c.0,
                size_mm: 2.2,
                priority: 1e12,
                major: false,
                max_width_m: None,
            });
        }
    }
    scene.layers.push(over);
    let placed = assigned.len();
    let items = vec![
        LegendItem {
            style: chosen,
            swatch: Swatch::Area,
            label: tr(l, "安置地块", "Assigned site"),
            detail: Some(count(l, placed, "家", "firms")),
        },
        LegendItem {
            style: cand,
            swatch: Swatch::Area,
            label: tr(l, "可行候选地块", "Feasible candidate"),
            detail: Some(count(
                l,
                feasible.len().saturating_sub(placed),
                "处",
                "sites",
            )),
        },
        LegendItem {
            style: old,
            swatch: Swatch::Area,
            label: tr(l, "原厂址（腾退）", "Old site (released)"),
            detail: Some(format!("{old_mu:.1} {}", tr(l, "亩", "mu"))),
        },
        LegendItem {
            style: buffer,
            swatch: Swatch::Line,
            label: tr(l, "卫生防护距离", "Protection distance"),
            detail: None,
        },
        LegendItem {
            style: arrow,
            swatch: Swatch::Line,
            label: tr(l, "搬迁去向", "Move"),
            detail: Some(count(l, r.movers.len() - placed, "家未安置", "not placed")),
        },
    ];
    scene
        .legend
        .insert(0, (Some(tr(l, "退城入园选址", "Relocation siting")), items));
    Ok(tr(l, "退城入园选址方案图", "relocation siting plan"))
}

fn count(l: Lang, n: usize, zh: &str, en: &str) -> String {
    if l == Lang::Zh {
        format!("{n} {zh}")
    } else {
        format!("{n} {en}")
    }
}
