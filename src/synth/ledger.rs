//! The synthetic land ledger, buildings and enterprises: each parcel gets a scenario
//! (批而未供, idle by either case of Decree 53, 供而未用, 用而未尽, 建而未投, 投而未达标,
//! normal) with dates and figures that make it so at the city's as-of date.

use chrono::{Duration, NaiveDate};
use geo::{Area, BoundingRect, Centroid, Contains, LineString, Point, Polygon, Rotate};
use rand::rngs::StdRng;
use rand::Rng;
use rand_distr::{Distribution, LogNormal};

use super::types::{
    BuiltPlan, Ledger, LedgerResult, OldTown, SynthBuilding, SynthEnterprise, SynthParcel,
    SynthPark,
};
use crate::model::credit_check_char;

const SURNAMES: [&str; 12] = [
    "恒", "华", "鑫", "金", "永", "盛", "宏", "博", "新", "中", "东", "瑞",
];
const WORDS: [&str; 12] = [
    "达", "通", "源", "泰", "丰", "联", "力", "凯", "科", "创", "信", "安",
];
const KINDS: [(&str, &str); 12] = [
    ("2614", "化工"),
    ("2821", "化纤"),
    ("2922", "塑料制品"),
    ("3311", "金属结构"),
    ("3391", "铸造"),
    ("3411", "机械"),
    ("3511", "装备"),
    ("3670", "汽车零部件"),
    ("3823", "电气"),
    ("2231", "纸制品"),
    ("2319", "包装印刷"),
    ("3971", "电子元件"),
];

fn days(d: i64) -> Duration {
    Duration::days(d)
}

pub(super) fn credit_code(rng: &mut StdRng, n: usize) -> String {
    let alphabet: Vec<char> = "0123456789ABCDEFGHJKLMNPQRTUWXY".chars().collect();
    let mut s = String::from("91330100");
    s.push_str(&format!("{:06}", n % 1_000_000));
    for _ in 0..3 {
        s.push(alphabet[rng.gen_range(0..alphabet.len())]);
    }
    let check = credit_check_char(&s).unwrap_or('0');
    s.push(check);
    s
}

pub(super) fn enterprise_name(i: usize, kind: &str) -> String {
    format!(
        "{}{}{}有限公司",
        SURNAMES[i % 12],
        WORDS[(i / 12) % 12],
        kind
    )
}

/// Assigns a scenario and ledger row to every parcel and creates the enterprises.
pub fn assign_ledger(
    rng: &mut StdRng,
    parcels: &mut [SynthParcel],
    parks: &[SynthPark],
    as_of: NaiveDate,
    town: &OldTown,
    max_movers: Option<usize>,
) -> LedgerResult {
    let mut built = vec![BuiltPlan::default(); parcels.len()];
    let mut enterprises = Vec::new();
    let revenue_per_mu = LogNormal::new((220.0f64).ln(), 0.7).expect("valid lognormal");
    let mut old_factories = 0usize;
    for i in 0..parcels.len() {
        let mu = parcels[i].geometry.unsigned_area() * 15.0 / 10_000.0;
        let old = i >= town.first_parcel;
        let p = &mut parcels[i];
        let l = &mut p.ledger;
        if old {
            // Old town: long-built housing and public land, and old factories.
            l.status = Some("已供");
            l.supply_date = Some(as_of - days(365 * 25));
            l.actual_start = Some(as_of - days(365 * 24));
            l.actual_completion = Some(as_of - days(365 * 22));
            built[i] = BuiltPlan {
                coverage: 0.35,
                floors: if p.land_use == "M3" { 2 } else { 6 },
            };
            if p.land_use == "M3" {
                l.in_production = Some(true);
                // Industries the parks take (chemicals, foundry, printing, plastics) and two
                // no park takes (ready-mix concrete, ferroalloy): planted infeasible cases.
                let k = old_factories;
                old_factories += 1;
                let (code, kind) = [
                    ("2614", "化工"),
                    ("3391", "铸造"),
                    ("2319", "包装印刷"),
                    ("3021", "商品混凝土"),
                    ("2922", "塑料制品"),
                    ("3110", "铁合金"),
                    ("3360", "金属表面处理"),
                ][k % 7];
                let n = enterprises.len();
                let revenue = revenue_per_mu.sample(rng) * mu;
                let name = enterprise_name(n + 7, kind);
                l.holder = Some(name.clone());
                l.name = Some(format!("{name}老厂区"));
                enterprises.push(SynthEnterprise {
                    id: credit_code(rng, n),
                    name,
                    industry: code.to_owned(),
                    parcel_id: Some(p.id.clone()),
                    location: p.geometry.centroid(),
                    revenue,
                    tax: revenue * rng.gen_range(0.03..0.08),
                    value_added: revenue * rng.gen_range(0.18..0.3),
                    employees: (revenue / rng.gen_range(60.0..150.0)).round().max(5.0),
                    energy_tce: Some(revenue * rng.gen_range(0.05..0.3)),
                    emissions: Some(rng.gen_range(5.0..80.0)),
                    rd_expense: revenue * rng.gen_range(0.0..0.02),
                    pollution: if max_movers.is_some_and(|m| k >= m) {
                        "轻"
                    } else if k.is_multiple_of(3) {
                        "中"
                    } else {
                        "重"
                    },
                    relocate: k.is_multiple_of(3) && max_movers.is_none_or(|m| k < m),
                    // Moving into a park, a factory gets less land than its old town site;
                    // one asks for more than any park can offer (a planted area failure).
                    required_area_mu: Some(if k == 6 {
                        2_000.0
                    } else {
                        (mu * rng.gen_range(0.05..0.18)).clamp(15.0, 120.0).round()
                    }),
                    protection_distance_m: if k.is_multiple_of(2) {
                        Some([100.0, 200.0, 300.0][k % 3])
                    } else {
                        None
                    },
                    floor_need_m2: None,
                    floor_load_need: None,
                    clear_height_need: None,
                    occupied_m2: None,
                });
            }
            continue;
        }
        let park = &parks[p.park.unwrap_or(0)];
        let roll = rng.gen_range(0..1000);
        let supply = as_of - days(rng.gen_range(400..3600));
        let mut plan = BuiltPlan::default();
        let mut producing = false;
        let mut low_tax = false;
        match roll {
            0..=79 => {
                l.status = Some("已批");
            }
            80..=109 => {
                l.status = Some("未批");
            }
            110..=169 => {
                // Idle, case (a): not started over a year after the agreed start.
                let supply = as_of - days(rng.gen_range(730..2200));
                base(l, supply, mu, rng);
                if roll == 110 {
                    // A 29 February agreed start.
                    l.agreed_start = NaiveDate::from_ymd_opt(2024, 2, 29);
                }
            }
            170..=199 => {
                // Idle, case (b): halted over a year with little built.
                base(l, supply, mu, rng);
                l.actual_start = Some(supply + days(200));
                l.halted_since = Some(as_of - days(rng.gen_range(400..1200)));
                l.invested = l.planned_investment.map(|x| (x * 0.15).round());
                plan = BuiltPlan {
                    coverage: 0.06,
                    floors: 1,
                };
            }
            200..=229 => {
                // About to become idle: the agreed start was 1 year ago, give or take.
                let agreed = as_of - days(365 - rng.gen_range(10..360));
                base(l, agreed - days(180), mu, rng);
            }
            230..=279 => {
                // Supplied recently, not started.
                let supply = as_of - days(rng.gen_range(10..300));
                base(l, supply, mu, rng);
            }
            280..=399 => {
                // Started, too little built (用而未尽).
                base(l, supply, mu, rng);
                l.actual_start = Some(supply + days(200));
                l.invested = l
                    .planned_investment
                    .map(|x| (x * rng.gen_range(0.4..0.8)).round());
                plan = BuiltPlan {
                    coverage: rng.gen_range(0.12..0.26),
                    floors: 1,
                };
            }
            400..=449 => {
                // Completed over a year ago, not producing (建而未投).
                base(l, supply - days(900), mu, rng);
                l.actual_start = Some(supply - days(700));
                l.actual_completion = Some(as_of - days(rng.gen_range(400..900)));
                l.in_production = Some(false);
                l.invested = l.planned_investment;
                plan = BuiltPlan {
                    coverage: rng.gen_range(0.35..0.5),
                    floors: 2,
                };
            }
            _ => {
                base(l, supply - days(900), mu, rng);
                l.actual_start = Some(supply - days(700));
                l.actual_completion = Some(supply - days(100));
                l.in_production = Some(true);
                l.invested = l
                    .planned_investment
                    .map(|x| (x * rng.gen_range(0.9..1.3)).round());
                plan = BuiltPlan {
                    coverage: rng.gen_range(0.36..0.55),
                    floors: rng.gen_range(2..6),
                };
                producing = true;
                low_tax = roll < 620;
            }
        }
        if i % 17 == 0 {
            l.far_min = Some(1.2);
        }
        if l.status == Some("已供") {
            // The land user is on the contract whether or not the factory runs yet.
            l.holder = Some(enterprise_name(i + 500, "实业"));
        }
        built[i] = plan;
        if plan.coverage > 0.0 {
            let n = enterprises.len();
            let ind_code = park.industries[rng.gen_range(0..park.industries.len())];
            let (code, kind) = KINDS
                .iter()
                .find(|(c, _)| c.starts_with(ind_code))
                .copied()
                .unwrap_or(("4190", "制造"));
            let name = enterprise_name(n, kind);
            l.holder = Some(name.clone());
            l.name = Some(format!("{name}年产项目"));
            let revenue = revenue_per_mu.sample(rng) * mu;
            let tax = if low_tax {
                mu * rng.gen_range(1.0..9.0)
            } else {
                (revenue * rng.gen_range(0.04..0.09)).max(mu * 11.0)
            };
            let shared = producing && rng.gen_bool(0.08);
            let parts = if shared { 2 } else { 1 };
            for part in 0..parts {
                let n = enterprises.len();
                let located = rng.gen_bool(0.7);
                let share = 1.0 / parts as f64;
                enterprises.push(SynthEnterprise {
                    id: if n == 5 {
                        format!("{}0", &credit_code(rng, n)[..17])
                    } else {
                        credit_code(rng, n)
                    },
                    name: if part == 0 {
                        name.clone()
                    } else {
                        enterprise_name(n + 3, kind)
                    },
                    industry: code.to_owned(),
                    parcel_id: (!located || part == 1).then(|| p.id.clone()),
                    location: if located && part == 0 {
                        interior(&p.geometry)
                    } else {
                        None
                    },
                    revenue: if producing {
                        revenue * share
                    } else {
                        revenue * 0.05
                    },
                    tax: if producing { tax * share } else { tax * 0.05 },
                    value_added: revenue * share * rng.gen_range(0.18..0.32),
                    employees: (revenue * share / rng.gen_range(50.0..150.0))
                        .round()
                        .max(3.0),
                    energy_tce: (!rng.gen_bool(0.06))
                        .then(|| revenue * share * rng.gen_range(0.02..0.25)),
                    emissions: (!rng.gen_bool(0.1)).then(|| rng.gen_range(0.5..40.0)),
                    rd_expense: revenue * share * rng.gen_range(0.0..0.05),
                    pollution: if code.starts_with("26") || code.starts_with("33") {
                        "中"
                    } else {
                        "轻"
                    },
                    relocate: false,
                    required_area_mu: None,
                    protection_distance_m: None,
                    floor_need_m2: None,
                    floor_load_need: None,
                    clear_height_need: None,
                    occupied_m2: None,
                });
            }
        }
    }
    // Two enterprises whose Amap geocode fell on a road, outside every parcel.
    if let (Some(a), Some(b)) = (parks.first(), enterprises.first().cloned()) {
        let mut e = b;
        e.id = credit_code(rng, 999_990);
        e.name = "路边测绘地理信息有限公司".to_owned();
        e.parcel_id = None;
        e.location = Some(Point::new(a.centre.x(), a.centre.y() + 2_000.0));
        enterprises.push(e);
    }
    LedgerResult {
        built_share: built,
        enterprises,
    }
}

/// A supplied parcel's ledger: agreed start half a year after supply, completion two years
/// later, investment and floor area planned by the contract.
fn base(l: &mut Ledger, supply: NaiveDate, mu: f64, rng: &mut StdRng) {
    l.status = Some("已供");
    l.supply_date = Some(supply);
    l.agreed_start = Some(supply + days(180));
    l.agreed_completion = Some(supply + days(180 + 730));
    l.planned_investment = Some((mu * rng.gen_range(250.0..450.0)).round());
    l.planned_floor_area = Some((mu * 666.67 * rng.gen_range(0.9..1.6)).round());
}

fn interior(g: &geo::MultiPolygon<f64>) -> Option<Point<f64>> {
    use geo::InteriorPoint;
    g.interior_point()
}

/// Places rectangular footprints on a parcel to reach its planned coverage: a main
/// workshop, smaller buildings, some single-storey sheds over 8 m, some with only a
/// height, and now and then one crossing the parcel edge.
pub fn place_buildings(
    rng: &mut StdRng,
    p: &SynthParcel,
    i: usize,
    plan: &BuiltPlan,
    out: &mut Vec<SynthBuilding>,
) {
    if plan.coverage <= 0.0 {
        return;
    }
    let Some(part) = p
        .geometry
        .0
        .iter()
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
    else {
        return;
    };
    let Some(c) = part.centroid() else { return };
    // Work in the parcel's own axes: undo the park's rotation from its first edge.
    let ring = &part.exterior().0;
    let angle = (ring[1].y - ring[0].y)
        .atan2(ring[1].x - ring[0].x)
        .to_degrees();
    let local = part.rotate_around_point(-angle, c);
    let Some(b) = local.bounding_rect() else {
        return;
    };
    let (w, h) = (b.width(), b.height());
    let target = part.unsigned_area() * plan.coverage;
    let n = if target < 3_000.0 {
        1
    } else {
        rng.gen_range(2..5)
    };
    for k in 0..n {
        let share = if k == 0 {
            0.6
        } else {
            0.4 / (n - 1).max(1) as f64
        };
        let area = target * if n == 1 { 1.0 } else { share };
        let bw = (area.sqrt() * rng.gen_range(1.1..1.6)).min(w * 0.8);
        let bh = (area / bw).min(h * 0.8);
        let x0 = b.min().x + w * 0.1 + (w * 0.8 - bw) * if k % 2 == 0 { 0.05 } else { 0.9 };
        let y0 = b.min().y + h * 0.1 + (h * 0.8 - bh) * (k as f64 / n as f64);
        let mut poly = Polygon::new(
            LineString::from(vec![
                (x0, y0),
                (x0 + bw, y0),
                (x0 + bw, y0 + bh),
                (x0, y0 + bh),
                (x0, y0),
            ]),
            vec![],
        );
        if i.is_multiple_of(41) && k == 0 {
            // A building straddling the parcel edge.
            poly = Polygon::new(
                LineString::from(vec![
                    (b.max().x - 20.0, y0),
                    (b.max().x + 20.0, y0),
                    (b.max().x + 20.0, y0 + 30.0),
                    (b.max().x - 20.0, y0 + 30.0),
                    (b.max().x - 20.0, y0),
                ]),
                vec![],
            );
        }
        let poly = poly.rotate_around_point(angle, c);
        if !(part.contains(&poly) || i.is_multiple_of(41)) {
            continue;
        }
        let (floors, height) = match (i + k) % 7 {
            0 => (Some(1), Some(12.0)), // a tall single-storey shed: counts twice
            1 => (None, Some(plan.floors as f64 * 4.2)), // height only
            2 => (None, None),          // nothing recorded: one storey
            _ => (
                Some(if k == 0 {
                    plan.floors
                } else {
                    plan.floors.min(3)
                }),
                Some(plan.floors as f64 * 4.5),
            ),
        };
        out.push(SynthBuilding {
            id: format!("B{}-{}", i + 1, k + 1),
            geometry: poly,
            floors,
            height,
        });
    }
}
