//! The siting map: candidate sites, the sites assigned, the old sites to be released,
//! protection buffers around the new sites, red lines and sensitive receptors, and a line
//! from each old site to its new one.

use geo::{Centroid, Coord, Geometry, LineString};

use super::{tr, MapContext, MapRequest};
use crate::analyse::site::{reaches_protected, SitingResult};
use crate::error::{Error, Result};
use crate::project::Lang;
use crate::render::scene::{
    KeyStyle, LegendItem, Marker, Scene, SceneLayer, SheetTable, Style, Swatch, TablePlace,
};
use crate::render::style::PARCEL_EDGE;

/// The styles of the siting map.
#[derive(Debug, Clone)]
pub struct SitingStyles {
    /// A feasible candidate site not assigned.
    pub candidate: Style,
    /// A site assigned to a mover.
    pub assigned: Style,
    /// A placed mover's old site, to be released.
    pub old: Style,
    /// The old site of a mover not placed (it stays).
    pub stays: Style,
    /// The protection distance around an assigned site.
    pub buffer: Style,
    /// A protection ring reaching a red line, farmland, a water source or a receptor.
    pub conflict: Style,
    /// The line from an old site to its new one.
    pub arrow: Style,
    /// A standard factory with space given to tenants by the plan.
    pub factory: Style,
    /// A standard factory feasible for someone, not used by the plan.
    pub factory_candidate: Style,
}

impl SitingStyles {
    /// The styles of the printed siting map.
    pub fn new() -> SitingStyles {
        SitingStyles {
            candidate: Style::fill("#c7e9c0", "#41ab5d", 0.2),
            assigned: Style::fill("#238b45", "#00441b", 0.35),
            old: Style::fill("#fcbba1", "#cb181d", 0.35).hatched("#cb181d"),
            stays: Style::fill("#e5e5e5", "#737373", 0.3).hatched("#737373"),
            buffer: Style::line("#e6550d", 0.35).dashed(1.2, 0.8),
            conflict: Style::line("#b2182b", 0.5),
            arrow: Style::line("#7a0177", 0.6),
            factory: Style::fill("#6baed6", "#08306b", 0.45),
            factory_candidate: Style::fill("#deebf7", "#4292c6", 0.3),
        }
    }
}

impl Default for SitingStyles {
    fn default() -> SitingStyles {
        SitingStyles::new()
    }
}

/// Builds the siting map; returns the map title.
pub fn build(
    ctx: &MapContext,
    req: &MapRequest,
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
    let (mut n_base, mut base_mu) = (0usize, 0.0);
    for p in m.parcels.iter().filter(|p| in_view(&p.geometry)) {
        base.push(Geometry::MultiPolygon(p.geometry.clone()), &plain);
        n_base += 1;
        base_mu += p.area.to_mu();
    }
    scene.layers.push(base);
    super::overview::constraints_layer(ctx, scene);
    // Candidates feasible for someone, and the assigned sites.
    let feasible = r.feasible_sites();
    let assigned = r.placements();
    let mut sites = SceneLayer::default();
    let SitingStyles {
        candidate: cand,
        assigned: chosen,
        old,
        stays,
        buffer,
        conflict,
        arrow,
        factory,
        factory_candidate,
    } = SitingStyles::new();
    let tenants = r.factory_tenants();
    let mut factory_candidates = 0usize;
    for &s in &feasible {
        if !assigned.iter().any(|(_, a)| *a == s) {
            let style = if r.sites[s].factory().is_some() {
                factory_candidates += 1;
                &factory_candidate
            } else {
                &cand
            };
            sites.push(Geometry::MultiPolygon(r.sites[s].geometry.clone()), style);
        }
    }
    let land_feasible = feasible.len() - factory_candidates - tenants.len();
    for (_, s) in &assigned {
        let style = if r.sites[*s].factory().is_some() {
            &factory
        } else {
            &chosen
        };
        sites.push(Geometry::MultiPolygon(r.sites[*s].geometry.clone()), style);
    }
    // Old sites: released where the mover was placed, kept (and marked so) where not.
    // The legend's 亩 adds the movers' shares of their old parcels (a parcel several
    // enterprises share is split equally between them, as in the tables): a parcel shared
    // with a firm that stays is not wholly released.
    let (mut old_mu, mut stays_mu) = (0.0, 0.0);
    for (k, mv) in r.movers.iter().enumerate() {
        let placed = assigned.iter().any(|(a, _)| *a == k);
        for &p in &ctx.index.enterprise_parcels[mv.enterprise.index()] {
            let st = if placed { &old } else { &stays };
            sites.push(Geometry::MultiPolygon(m.parcels[p].geometry.clone()), st);
        }
        if placed {
            old_mu += mv.old_area.to_mu();
        } else {
            stays_mu += mv.old_area.to_mu();
        }
    }
    scene.layers.push(sites);
    // Protection buffers around the assigned sites, and the moves.
    let mut over = SceneLayer::default();
    let mut moves = Vec::new();
    let (mut rings, mut conflicts) = (0usize, 0usize);
    let number_origins = !origins_crowded(req, scene, &assigned, r);
    for (k, (mv, s)) in assigned.iter().enumerate() {
        let number = k as u16 + 1;
        // A ring that reaches a protected area is drawn solid red: the reviewer must see it.
        let ring = r.protection_ring(*mv, *s);
        if reaches_protected(m, &ring) {
            over.push(Geometry::MultiPolygon(ring), &conflict);
            conflicts += 1;
        } else {
            over.push(Geometry::MultiPolygon(ring), &buffer);
            rings += 1;
        }
        let to = r.sites[*s].geometry.centroid();
        if let (Some(from), Some(to)) = (r.movers[*mv].origin, to) {
            let line = curve(from.0, to.0);
            scene.keep_clear.push(line.clone());
            over.push(Geometry::LineString(line), &arrow);
            // The origin's number sits on the frame's edge when the old site is off it;
            // where the old sites crowd, only the new site is numbered.
            if number_origins {
                scene.markers.push(Marker {
                    at: clamp_into(from.0, &scene.extent),
                    number,
                });
            }
        }
        if let Some(to) = to {
            scene.markers.push(Marker { at: to.0, number });
        }
        moves.push(move_row(ctx, r, k, *mv, *s));
    }
    scene.layers.push(over);
    scene.wind_rose = ctx.wind_rose.clone();
    let placed = assigned.len();
    let in_factories: usize = tenants.iter().map(|(_, t)| t.len()).sum();
    let unplaced = r.movers.len() - placed;
    let land_placed = placed - in_factories;
    let mut items = vec![
        LegendItem {
            style: chosen,
            swatch: Swatch::Area,
            label: tr(l, "安置地块", "Assigned site"),
            detail: Some(count(l, land_placed, "家", "firms")),
        },
        LegendItem {
            style: cand,
            swatch: Swatch::Area,
            label: tr(l, "可行候选地块", "Feasible candidate"),
            detail: Some(count(
                l,
                land_feasible.saturating_sub(land_placed),
                "处",
                "sites",
            )),
        },
        LegendItem {
            style: old,
            swatch: Swatch::Area,
            label: tr(l, "原厂址（腾退）", "Old site (released)"),
            detail: Some(format!(
                "{} · {old_mu:.1} {}",
                count(l, placed, "家", "firms"),
                tr(l, "亩", "mu")
            )),
        },
        LegendItem {
            style: buffer.clone(),
            swatch: Swatch::Line,
            label: tr(l, "卫生防护距离", "Protection distance"),
            detail: None,
        },
        LegendItem {
            style: conflict.clone(),
            swatch: Swatch::Line,
            label: tr(
                l,
                "防护距离内有红线、基本农田、水源地或敏感点",
                "Protection ring reaches a red line, farmland, water source or receptor",
            ),
            detail: Some(count(l, conflicts, "处", "sites")),
        },
        LegendItem {
            style: arrow,
            swatch: Swatch::Line,
            label: if number_origins {
                tr(l, "搬迁去向", "Move")
            } else {
                tr(
                    l,
                    "搬迁去向（编号标于新址）",
                    "Move (numbered at the new site)",
                )
            },
            detail: Some(count(l, placed, "条", "moves")),
        },
    ];
    if !tenants.is_empty() || factory_candidates > 0 {
        items.insert(
            2,
            LegendItem {
                style: factory.clone(),
                swatch: Swatch::Area,
                label: tr(l, "标准厂房（入驻）", "Standard factory (tenants placed)"),
                detail: Some(format!(
                    "{} · {}",
                    count(l, tenants.len(), "栋", "buildings"),
                    count(l, in_factories, "家", "firms")
                )),
            },
        );
        items.insert(
            3,
            LegendItem {
                style: factory_candidate.clone(),
                swatch: Swatch::Area,
                label: tr(l, "可入驻标准厂房", "Feasible standard factory"),
                detail: Some(count(l, factory_candidates, "栋", "buildings")),
            },
        );
    }
    // Only the ring kinds drawn are listed, and factory kinds only when drawn.
    items.retain(|i| {
        (i.style != conflict || conflicts > 0)
            && (i.style != buffer || rings > 0)
            && (i.style != factory || !tenants.is_empty())
            && (i.style != factory_candidate || factory_candidates > 0)
    });
    if unplaced > 0 {
        items.insert(
            3,
            LegendItem {
                style: stays,
                swatch: Swatch::Area,
                label: tr(l, "原厂址（未安置）", "Old site (not placed)"),
                detail: Some(format!(
                    "{} · {stays_mu:.1} {}",
                    count(l, unplaced, "家", "firms"),
                    tr(l, "亩", "mu")
                )),
            },
        );
    }
    scene
        .legend
        .insert(0, (Some(tr(l, "退城入园选址", "Relocation siting")), items));
    if n_base > 0 {
        scene.legend.push((
            None,
            vec![LegendItem {
                style: plain,
                swatch: Swatch::Area,
                label: tr(l, "宗地", "Parcel"),
                detail: Some(super::count_detail(l, n_base, base_mu)),
            }],
        ));
    }
    if !moves.is_empty() {
        scene.table = Some(move_table(l, moves));
    }
    if !tenants.is_empty() {
        let entries = tenant_entries(ctx, r, &tenants, &factory);
        scene.legend.insert(
            1.min(scene.legend.len()),
            (
                Some(tr(l, "标准厂房入驻", "Standard factory tenants")),
                entries,
            ),
        );
    }
    Ok(tr(l, "退城入园选址方案图", "relocation siting plan"))
}

/// A move drawn as a gentle arc (a quadratic Bézier bowed to the left by a fifth of its
/// length), so moves that share a corridor part instead of stacking.
fn curve(a: Coord<f64>, b: Coord<f64>) -> LineString<f64> {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let c = Coord {
        x: (a.x + b.x) / 2.0 - dy * 0.2,
        y: (a.y + b.y) / 2.0 + dx * 0.2,
    };
    (0..=24)
        .map(|i| {
            let t = i as f64 / 24.0;
            let (p, q, w) = ((1.0 - t) * (1.0 - t), 2.0 * (1.0 - t) * t, t * t);
            Coord {
                x: p * a.x + q * c.x + w * b.x,
                y: p * a.y + q * c.y + w * b.y,
            }
        })
        .collect()
}

/// A point moved inside a rectangle (by 2 % of its size from the edge) when outside it.
fn clamp_into(p: Coord<f64>, r: &geo::Rect<f64>) -> Coord<f64> {
    let (mx, my) = (r.width() * 0.02, r.height() * 0.02);
    Coord {
        x: p.x.clamp(r.min().x + mx, r.max().x - mx),
        y: p.y.clamp(r.min().y + my, r.max().y - my),
    }
}

/// The move table's row of the `k`-th assignment: number, firm, old site and its 亩, new
/// site, park, new area (亩, or m² of a standard factory), protection distance, phase.
fn move_row(
    ctx: &MapContext,
    r: &SitingResult,
    k: usize,
    mover: usize,
    site: usize,
) -> Vec<String> {
    let (m, l) = (ctx.model, ctx.lang);
    let mv = &r.movers[mover];
    let e = &m.enterprises[mv.enterprise];
    let name = e.name.clone().unwrap_or_else(|| e.id.clone());
    let st = &r.sites[site];
    let park = m
        .parks
        .get(st.park)
        .map(|p| p.name.clone().unwrap_or_else(|| p.id.clone()))
        .unwrap_or_default();
    let old: Vec<&str> = ctx.index.enterprise_parcels[mv.enterprise.index()]
        .iter()
        .map(|&p| m.parcels[p].id.as_str())
        .collect();
    let old = match old.as_slice() {
        [] => tr(l, "未落宗", "not on a parcel"),
        [one] => (*one).to_owned(),
        [first, rest @ ..] => format!("{first} {}", count(l, rest.len() + 1, "宗", "parcels")),
    };
    // + 0.0 turns a negative zero (a mover without an old parcel) into 0.0, printed "0.0".
    let old_mu = mv.old_area.to_mu() + 0.0;
    let phase = r
        .plan
        .iter()
        .find(|a| a.mover == mover)
        .and_then(|a| a.phase)
        .map(|y| format!("{y}"))
        .unwrap_or_else(|| "—".into());
    let mu = tr(l, "亩", "mu");
    let (new_site, new_area) = if st.factory().is_some() {
        let need = mv.floor_need_m2.unwrap_or(0.0);
        (
            format!("{}{}", tr(l, "标准厂房 ", "factory "), st.id),
            format!("{need:.0} {}", tr(l, "平方米", "m²")),
        )
    } else {
        (st.id.clone(), format!("{:.1} {mu}", st.area.to_mu()))
    };
    let phase = match (l, phase.as_str()) {
        (Lang::Zh, y) if y != "—" => format!("{y} 年"),
        (_, y) => y.to_owned(),
    };
    let old_area = if ctx.index.enterprise_parcels[mv.enterprise.index()].is_empty() {
        "—".to_owned()
    } else {
        format!("{old_mu:.1} {mu}")
    };
    vec![
        (k + 1).to_string(),
        name,
        old,
        old_area,
        new_site,
        park,
        new_area,
        format!("{:.0} {}", mv.protection_m, tr(l, "米", "m")),
        phase,
    ]
}

/// Room on the page a move number takes, mm² on A4: its disc with a little space round it.
const KEY_ROOM_MM2: f64 = 16.0;

/// True when the old sites of the moves lie too close together on the page for a number
/// each (their bounding box holds fewer than four numbers' room per move): the old town
/// of a city sheet at 1:100 000 and smaller, where the numbers would cover each other and
/// the old sites under them.
fn origins_crowded(
    req: &MapRequest,
    scene: &Scene,
    assigned: &[(usize, usize)],
    r: &SitingResult,
) -> bool {
    let mm_per_m = crate::render::page::map_scale(&req.page, scene.extent);
    let u = req.page.unit();
    let pts: Vec<geo::Coord<f64>> = assigned
        .iter()
        .filter_map(|(mv, _)| r.movers[*mv].origin.map(|p| p.0))
        .collect();
    if pts.len() < 2 {
        return false;
    }
    let (x0, x1) = pts
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), c| (a.min(c.x), b.max(c.x)));
    let (y0, y1) = pts
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), c| (a.min(c.y), b.max(c.y)));
    // The box grown by a number's width each way: one old site still has room for one.
    let side = 2.0 * (KEY_ROOM_MM2.sqrt() * u);
    let area = ((x1 - x0) * mm_per_m + side) * ((y1 - y0) * mm_per_m + side);
    area < 4.0 * pts.len() as f64 * KEY_ROOM_MM2 * u * u
}

/// The move table of the sheet, from its rows.
fn move_table(l: Lang, rows: Vec<Vec<String>>) -> SheetTable {
    let header = match l {
        Lang::Zh => [
            "编号",
            "企业",
            "原址",
            "原址面积",
            "新址",
            "安置园区",
            "新址面积",
            "防护距离",
            "分期",
        ],
        Lang::En => [
            "No.",
            "Firm",
            "Old site",
            "Old area",
            "New site",
            "Park",
            "New area",
            "Protection",
            "Phase",
        ],
    };
    let more = rows.len().saturating_sub(SheetTable::MAX_ROWS);
    SheetTable {
        title: tr(l, "搬迁安置一览表", "Relocation moves"),
        header: header.iter().map(|h| (*h).to_owned()).collect(),
        widths: vec![5.0, 20.0, 15.0, 10.0, 18.0, 16.0, 12.0, 9.0, 8.0],
        numeric: vec![false, false, false, true, false, false, true, true, false],
        rows,
        more: match l {
            Lang::Zh => format!("另有 {more} 项见 siting.xlsx「安置方案」"),
            Lang::En => format!("{more} more in siting.xlsx, sheet plan"),
        },
        place: TablePlace::Below,
        keys: KeyStyle::Circled,
        corner_w_mm: 140.0,
        blocks: 1,
        held_rows: 0,
    }
}

/// One legend row per factory the plan uses: the factory and its tenants as the label,
/// the floor area given, the vacant area and what is left as the detail.
fn tenant_entries(
    ctx: &MapContext,
    r: &SitingResult,
    tenants: &[(usize, Vec<usize>)],
    style: &Style,
) -> Vec<LegendItem> {
    let (m, l) = (ctx.model, ctx.lang);
    let left = r.factory_remaining();
    tenants
        .iter()
        .map(|(s, movers)| {
            let st = &r.sites[*s];
            let vacant = st.factory().map_or(0.0, |(_, v)| v);
            let names: Vec<String> = movers
                .iter()
                .map(|&mv| {
                    let e = &m.enterprises[r.movers[mv].enterprise];
                    let name = e.name.clone().unwrap_or_else(|| e.id.clone());
                    name.trim_end_matches("有限公司").chars().take(8).collect()
                })
                .collect();
            let given = vacant - left.get(s).copied().unwrap_or(vacant);
            let rest = left.get(s).copied().unwrap_or(vacant);
            LegendItem {
                style: style.clone(),
                swatch: Swatch::Area,
                label: format!(
                    "{} · {}",
                    st.id,
                    names.join(if l == Lang::Zh { "、" } else { ", " })
                ),
                detail: Some(match l {
                    Lang::Zh => format!(
                        "入驻 {} 家，{given:.0} 平方米 · 空置 {vacant:.0} 平方米 · 剩余 {rest:.0} 平方米",
                        movers.len()
                    ),
                    Lang::En => format!(
                        "{}, {given:.0} m² · vacant {vacant:.0} m² · left {rest:.0} m²",
                        count(l, movers.len(), "家", "tenants")
                    ),
                }),
            }
        })
        .collect()
}

/// "3 家" / "3 firms", "1 firm": the English noun is given plural and made singular for one.
fn count(l: Lang, n: usize, zh: &str, en: &str) -> String {
    match l {
        Lang::Zh => format!("{n} {zh}"),
        Lang::En if n == 1 => format!("1 {}", en.strip_suffix('s').unwrap_or(en)),
        Lang::En => format!("{n} {en}"),
    }
}
