//! The city's geometry: an old town (built-up area with housing, schools and old
//! factories) and industrial parks around it, each a rotated grid of road-bounded blocks
//! cut into parcels. Coordinates are metres in EPSG:4549 (CGCS2000 GK CM 120E).

use geo::{Coord, LineString, MultiPolygon, Point, Polygon, Rotate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::ledger::assign_ledger;
use super::types::{City, Ledger, OldTown, SynthParcel, SynthPark};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct SynthOptions {
    /// Parcels in the parks (the old town adds about 4 %).
    pub parcels: usize,
    /// Random seed.
    pub seed: u64,
    /// At most this many old-town factories must move (the rest are light industry that
    /// may stay). Default: every one.
    pub movers: Option<usize>,
    /// Standard factories in the parks, and as many small movers that may share them.
    pub factories: usize,
}

/// Half the width of the smallest old town, m.
const TOWN_HALF_MIN: f64 = 1_000.0;

/// Centre of the city in EPSG:4549 (about 120.2°E, 30.3°N).
pub const ORIGIN: (f64, f64) = (520_000.0, 3_352_000.0);

const ORIENTATIONS: [(&str, &[&str], &str); 4] = [
    ("化工新材料园", &["26", "28", "29"], "chemical"),
    ("装备制造园", &["33", "34", "35", "36", "38"], "general"),
    ("印刷包装园", &["22", "23", "29"], "printing"),
    ("电子信息园", &["39", "40", "38"], "general"),
];

fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Polygon<f64> {
    Polygon::new(
        LineString::from(vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]),
        vec![],
    )
}

/// Generates a city.
pub fn generate(opts: SynthOptions) -> City {
    let mut rng = StdRng::seed_from_u64(opts.seed);
    let n_parks = (opts.parcels / 2500).clamp(3, 400);
    let per_park = opts.parcels.div_ceil(n_parks);
    let mut parks = Vec::new();
    let mut parcels = Vec::new();
    let mut buildings = Vec::new();
    let mut infrastructure = Vec::new();
    let mut approvals = Vec::new();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("a valid constant date");
    // Parks sit on rings around the old town, each a rotated grid of blocks. About 3.6
    // parcels a block on average (1, 3, 4 or 6 lots, some split in two).
    let side = ((per_park as f64) / 3.6).sqrt().ceil().max(2.0);
    let block_w = 320.0;
    let extent = side * block_w;
    let radius_of =
        |ring: usize| TOWN_HALF_MIN * 2.0 + extent * 0.9 + ring as f64 * (extent * 1.6 + 2_000.0);
    // As many parks on a ring as fit without touching, rotated (×√2) plus a 500 m gap.
    let mut slots: Vec<(usize, usize, usize)> = Vec::with_capacity(n_parks);
    let mut ring = 0;
    while slots.len() < n_parks {
        let fit = (std::f64::consts::TAU * radius_of(ring)
            / (extent * std::f64::consts::SQRT_2 + 500.0))
            .floor() as usize;
        // Every slot of a ring is used before the next: a city of 400 parks on rings of
        // at most 8 spread 800 km and left the Gauss-Krüger zone (eastings past 1,000,000
        // read as a zone prefix: 8.5 % of the million-parcel city was rejected).
        let on_ring = (n_parks - slots.len()).min(fit.max(1));
        slots.extend((0..on_ring).map(|slot| (ring, slot, on_ring)));
        ring += 1;
    }
    for (k, &(ring, slot, on_ring)) in slots.iter().enumerate() {
        let radius = radius_of(ring);
        let angle =
            (slot as f64 + 0.5 * ring as f64) / on_ring as f64 * std::f64::consts::TAU + 0.3;
        let cx = ORIGIN.0 + radius * angle.cos();
        let cy = ORIGIN.1 + radius * angle.sin();
        let rot = rng.gen_range(-25.0..25.0);
        let (name, inds, orientation) = ORIENTATIONS[k % ORIENTATIONS.len()];
        let park_id = format!("P{:03}", k + 1);
        let centre = Point::new(cx, cy);
        let outline = rect(
            cx - extent / 2.0 - 20.0,
            cy - extent / 2.0 - 20.0,
            cx + extent / 2.0 + 20.0,
            cy + extent / 2.0 + 20.0,
        )
        .rotate_around_point(rot, centre);
        parks.push(SynthPark {
            id: park_id.clone(),
            name: format!(
                "{}{}",
                ["新河", "东湖", "临江", "北山", "南湾", "西岭"][k % 6],
                name
            ),
            level: ["国家级", "省级", "县级"][k % 3],
            industries: inds.to_vec(),
            orientation,
            geometry: outline,
            centre,
        });
        // Blocks and parcels.
        let mut count = 0usize;
        let mut blocks_used = 0usize;
        let side_i = side as usize;
        let x_start = cx - extent / 2.0;
        let y_start = cy - extent / 2.0;
        for by in 0..side_i {
            for bx in 0..side_i {
                if count >= per_park {
                    break;
                }
                blocks_used += 1;
                let road = 15.0;
                let (bx0, by0) = (
                    x_start + bx as f64 * block_w + road,
                    y_start + by as f64 * block_w + road,
                );
                let (bx1, by1) = (bx0 + block_w - 2.0 * road, by0 + block_w - 2.0 * road);
                let cuts = match rng.gen_range(0..10) {
                    0 => 1,
                    1..=5 => 3,
                    6..=8 => 4,
                    _ => 6,
                };
                let mut xs = vec![bx0];
                for c in 1..cuts {
                    let base = bx0 + (bx1 - bx0) * c as f64 / cuts as f64;
                    xs.push(base + rng.gen_range(-12.0..12.0));
                }
                xs.push(bx1);
                for c in 0..cuts {
                    if count >= per_park {
                        break;
                    }
                    count += 1;
                    let (x0, x1) = (xs[c], xs[c + 1]);
                    // A few lots split again across the block: the small 5–20 亩 plots.
                    let halves: Vec<(f64, f64)> = if cuts == 6 && rng.gen_bool(0.5) {
                        vec![(by0, (by0 + by1) / 2.0), ((by0 + by1) / 2.0, by1)]
                    } else {
                        vec![(by0, by1)]
                    };
                    for (hi, (y0, y1)) in halves.into_iter().enumerate() {
                        if hi == 1 {
                            count += 1;
                        }
                        let shape_roll = rng.gen_range(0..100);
                        let geometry = if shape_roll < 4 {
                            // A retained pond: a parcel with a hole.
                            let (mx, my) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
                            let hole = rect(mx - 12.0, my - 10.0, mx + 12.0, my + 10.0)
                                .exterior()
                                .clone();
                            MultiPolygon::new(vec![Polygon::new(
                                rect(x0, y0, x1, y1).exterior().clone(),
                                vec![hole],
                            )])
                        } else if shape_roll < 7 {
                            // Cut by a creek: two parts.
                            let ym = (y0 + y1) / 2.0;
                            MultiPolygon::new(vec![
                                rect(x0, y0, x1, ym - 4.0),
                                rect(x0, ym + 4.0, x1, y1),
                            ])
                        } else if shape_roll < 20 {
                            // A chamfered corner at the road junction.
                            let ch = ((x1 - x0).min(y1 - y0) * 0.2).min(15.0);
                            MultiPolygon::new(vec![Polygon::new(
                                LineString::from(vec![
                                    (x0 + ch, y0),
                                    (x1, y0),
                                    (x1, y1),
                                    (x0, y1),
                                    (x0, y0 + ch),
                                    (x0 + ch, y0),
                                ]),
                                vec![],
                            )])
                        } else {
                            MultiPolygon::new(vec![rect(x0, y0, x1, y1)])
                        };
                        let geometry = geometry.rotate_around_point(rot, centre);
                        let idx = parcels.len();
                        let land_use = match rng.gen_range(0..100) {
                            0..=59 => "M2",
                            60..=74 => "M1",
                            75..=84 => "M3",
                            85..=91 => "W1",
                            92..=95 => "B2",
                            _ => "U2",
                        };
                        parcels.push(SynthParcel {
                            id: format!("{}-{:05}", park_id, idx + 1),
                            park: Some(k),
                            geometry,
                            land_use,
                            ledger: Ledger::default(),
                        });
                    }
                }
                // Roads along the block's south and west edges.
                let road_class = if bx % 4 == 0 || by % 4 == 0 {
                    "主干路"
                } else {
                    "次干路"
                };
                if by == 0 || bx % 2 == 0 {
                    let line = LineString::from(vec![
                        Coord {
                            x: x_start + bx as f64 * block_w,
                            y: y_start + by as f64 * block_w,
                        },
                        Coord {
                            x: x_start + bx as f64 * block_w,
                            y: y_start + (by + 1) as f64 * block_w,
                        },
                    ])
                    .rotate_around_point(rot, centre);
                    infrastructure.push((
                        "道路",
                        Some(road_class),
                        format!("{park_id}纵{bx}路"),
                        geo::Geometry::LineString(line),
                    ));
                }
                if bx == 0 || by % 2 == 0 {
                    let line = LineString::from(vec![
                        Coord {
                            x: x_start + bx as f64 * block_w,
                            y: y_start + by as f64 * block_w,
                        },
                        Coord {
                            x: x_start + (bx + 1) as f64 * block_w,
                            y: y_start + by as f64 * block_w,
                        },
                    ])
                    .rotate_around_point(rot, centre);
                    infrastructure.push((
                        "道路",
                        Some(road_class),
                        format!("{park_id}横{by}路"),
                        geo::Geometry::LineString(line),
                    ));
                }
            }
        }
        // The park's boundary: the rows of blocks actually laid out.
        let rows_used = blocks_used.div_ceil(side_i).max(1) as f64;
        let top = y_start + rows_used * block_w;
        parks[k].geometry = rect(
            x_start - 20.0,
            y_start - 20.0,
            x_start + extent + 20.0,
            top + 20.0,
        )
        .rotate_around_point(rot, centre);
        let extent_y = rows_used * block_w;
        // One approval batch per quarter of the park (roads inside the batch included).
        for q in 0..4 {
            let (qx, qy) = ((q % 2) as f64, (q / 2) as f64);
            let poly = rect(
                x_start + qx * extent / 2.0,
                y_start + qy * extent_y / 2.0,
                x_start + (qx + 1.0) * extent / 2.0,
                y_start + (qy + 1.0) * extent_y / 2.0,
            )
            .rotate_around_point(rot, centre);
            let date = chrono::NaiveDate::from_ymd_opt(2014 + (k % 8) as i32, 3 + q as u32, 15)
                .expect("valid synthetic date");
            approvals.push((format!("{park_id}-PC{}", q + 1), date, poly));
        }
        // Wastewater plant and substation at the park's edge.
        let ww = Point::new(cx + extent / 2.0 + 60.0, cy).rotate_around_point(rot, centre);
        infrastructure.push((
            "污水处理厂",
            None,
            format!("{}污水处理厂", parks[k].name),
            geo::Geometry::Point(ww),
        ));
        let sub = Point::new(cx - extent / 2.0 - 60.0, cy).rotate_around_point(rot, centre);
        infrastructure.push((
            "变电站",
            None,
            format!("{}变电站", parks[k].name),
            geo::Geometry::Point(sub),
        ));
        // A gas gate station (燃气门站) at the south edge: serviced land assesses gas.
        let gas = Point::new(cx, cy - extent / 2.0 - 60.0).rotate_around_point(rot, centre);
        infrastructure.push((
            "燃气",
            None,
            format!("{}燃气门站", parks[k].name),
            geo::Geometry::Point(gas),
        ));
    }
    // The old town: housing, schools, hospitals and the old factories that must move.
    let old_town = old_town(&mut rng, &mut parcels, opts.parcels);
    let town_half = geo::BoundingRect::bounding_rect(&old_town.boundary)
        .map(|b| b.width() / 2.0)
        .unwrap_or(TOWN_HALF_MIN);
    // An expressway crossing the city west to east, and its interchanges.
    let span = parks
        .iter()
        .map(|p| (p.centre.x() - ORIGIN.0).abs())
        .fold(10_000.0, f64::max)
        + 3_000.0;
    infrastructure.push((
        "道路",
        Some("高速公路"),
        "沪杭高速".to_owned(),
        geo::Geometry::LineString(LineString::from(vec![
            (ORIGIN.0 - span, ORIGIN.1 - town_half - 500.0),
            (ORIGIN.0 + span, ORIGIN.1 - town_half - 500.0),
        ])),
    ));
    infrastructure.push((
        "高速出入口",
        None,
        "城东互通".to_owned(),
        geo::Geometry::Point(Point::new(
            ORIGIN.0 + town_half + 800.0,
            ORIGIN.1 - town_half - 500.0,
        )),
    ));
    // Buildings and the ledger.
    let ledger = assign_ledger(
        &mut rng,
        &mut parcels,
        &parks,
        as_of,
        &old_town,
        opts.movers,
    );
    for (i, p) in parcels.iter().enumerate() {
        super::ledger::place_buildings(&mut rng, p, i, &ledger.built_share[i], &mut buildings);
    }
    let constraints = constraints(&parks, &old_town);
    let mut enterprises = ledger.enterprises;
    // Standard factories from their own random stream: a city without them is the same
    // city as before they existed.
    let factories = super::factories::add_factories(
        opts.seed,
        opts.factories,
        &parks,
        &parcels,
        &old_town,
        &mut enterprises,
    );
    City {
        parks,
        parcels,
        buildings,
        enterprises,
        approvals,
        constraints,
        infrastructure,
        as_of,
        factories,
    }
}

/// The old town's extent and its sensitive points.
fn old_town(rng: &mut StdRng, parcels: &mut Vec<SynthParcel>, n: usize) -> OldTown {
    let first = parcels.len();
    let lots = (n / 25).clamp(16, 40_000);
    // City blocks of about 300 m.
    let half = (((lots as f64).sqrt().ceil()) * 150.0).max(TOWN_HALF_MIN);
    let boundary = rect(
        ORIGIN.0 - half,
        ORIGIN.1 - half,
        ORIGIN.0 + half,
        ORIGIN.1 + half,
    );
    let side = (lots as f64).sqrt().ceil() as usize;
    let step = 2.0 * half / side as f64;
    let mut sensitive = Vec::new();
    for j in 0..side {
        for i in 0..side {
            if parcels.len() - first >= lots {
                break;
            }
            let (x0, y0) = (
                ORIGIN.0 - half + i as f64 * step + 10.0,
                ORIGIN.1 - half + j as f64 * step + 10.0,
            );
            let (x1, y1) = (x0 + step - 20.0, y0 + step - 20.0);
            let idx = parcels.len() - first;
            let land_use = if idx % 3 == 2 {
                "M3"
            } else if idx % 7 == 3 {
                "A33"
            } else {
                "R2"
            };
            if land_use != "M3" && rng.gen_bool(0.5) {
                let kind = if land_use == "A33" {
                    "学校"
                } else {
                    ["居住区", "医院", "居住区"][idx % 3]
                };
                sensitive.push((
                    kind,
                    format!(
                        "{}{}",
                        ["和平", "解放", "人民", "建设", "中山"][idx % 5],
                        kind
                    ),
                    Point::new((x0 + x1) / 2.0, (y0 + y1) / 2.0),
                ));
            }
            parcels.push(SynthParcel {
                id: format!("OLD-{:05}", idx + 1),
                park: None,
                geometry: MultiPolygon::new(vec![rect(x0, y0, x1, y1)]),
                land_use,
                ledger: Ledger::default(),
            });
        }
    }
    OldTown {
        boundary,
        sensitive,
        first_parcel: first,
    }
}

fn constraints(
    parks: &[SynthPark],
    town: &OldTown,
) -> Vec<(&'static str, String, geo::Geometry<f64>)> {
    let mut out: Vec<(&'static str, String, geo::Geometry<f64>)> = vec![(
        "城市建成区",
        "中心城区建成区".to_owned(),
        geo::Geometry::Polygon(town.boundary.clone()),
    )];
    for (k, s, p) in &town.sensitive {
        out.push((k, s.clone(), geo::Geometry::Point(*p)));
    }
    for (k, park) in parks.iter().enumerate() {
        let c = park.centre;
        let b = geo::BoundingRect::bounding_rect(&park.geometry).expect("a park has a boundary");
        let w = b.width();
        match k % 3 {
            // A red line (river corridor) clipping the park's east edge.
            0 => out.push((
                "生态保护红线",
                format!("{}河道生态红线", park.name),
                geo::Geometry::Polygon(rect(
                    b.max().x - w * 0.12,
                    b.min().y - 300.0,
                    b.max().x + 400.0,
                    b.max().y + 300.0,
                )),
            )),
            // Basic farmland along the south edge.
            1 => out.push((
                "永久基本农田",
                format!("{}南侧基本农田", park.name),
                geo::Geometry::Polygon(rect(
                    b.min().x - 200.0,
                    b.min().y - 600.0,
                    b.max().x + 200.0,
                    b.min().y + w * 0.08,
                )),
            )),
            // A village school just north of the park.
            _ => out.push((
                "学校",
                format!("{}北村小学", park.name),
                geo::Geometry::Point(Point::new(c.x(), b.max().y + 250.0)),
            )),
        }
        if k == 1 {
            out.push((
                "饮用水水源保护区",
                "水库二级水源保护区".to_owned(),
                geo::Geometry::Polygon(rect(
                    b.min().x - 1_500.0,
                    b.min().y,
                    b.min().x - 100.0,
                    b.max().y,
                )),
            ));
        }
    }
    out
}
