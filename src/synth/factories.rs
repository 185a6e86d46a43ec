//! Standard factories (标准厂房) and the small movers that may share them: each factory is
//! a multi-storey building on a supplied, producing park parcel, half of them with their
//! vacant floor area recorded and half with a tenant whose occupied floor area leaves the
//! rest vacant; one small old-town firm per factory must move and state a floor-area
//! need. Planted cases: a heavy polluter and an auto-painting firm (protection distance
//! 400 m from the table) that may not share a building, and a need for a floor load no
//! factory carries.

use geo::{Area, BoundingRect, Centroid, Point, Polygon, Scale};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::ledger::{credit_code, enterprise_name};
use super::types::{OldTown, SynthEnterprise, SynthFactory, SynthParcel, SynthPark};

/// (industry code, kind of firm) of the small movers, in turn.
const SMALL: [(&str, &str); 6] = [
    ("2319", "包装装潢印刷"),
    ("2231", "纸制品包装"),
    ("3982", "电子元件"),
    ("2319", "印刷"),
    ("3670", "汽车喷涂"),
    ("2929", "塑料包装"),
];

/// Adds `n` standard factories on producing park parcels and one small mover per factory
/// (and the existing tenant of each factory whose vacant area is not recorded) to
/// `enterprises`. Random draws come from a stream of their own (from `seed`).
pub fn add_factories(
    seed: u64,
    n: usize,
    parks: &[SynthPark],
    parcels: &[SynthParcel],
    town: &OldTown,
    enterprises: &mut Vec<SynthEnterprise>,
) -> Vec<SynthFactory> {
    if n == 0 {
        return vec![];
    }
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed_fac7_0e1e_u64);
    // Producing parcels of the parks that do not lead in chemicals.
    let hosts: Vec<usize> = (0..town.first_parcel.min(parcels.len()))
        .filter(|&i| {
            let p = &parcels[i];
            p.ledger.in_production == Some(true)
                && p.park.is_some_and(|k| parks[k].orientation != "chemical")
        })
        .collect();
    if hosts.is_empty() {
        return vec![];
    }
    let step = (hosts.len() / n).max(1);
    let mut out = Vec::new();
    for k in 0..n {
        let i = hosts[(k * step + step / 2) % hosts.len()];
        let p = &parcels[i];
        let Some(outline) = p.geometry.0.first() else {
            continue;
        };
        let Some(c) = outline.centroid() else {
            continue;
        };
        let footprint: Polygon<f64> = outline.scale_around_point(0.45, 0.45, c);
        let floors = rng.gen_range(3..=6u32);
        let total = footprint.unsigned_area() * floors as f64;
        let park = p.park.map(|k| parks[k].id.clone());
        let vacant_m2 = k
            .is_multiple_of(2)
            .then(|| (total * rng.gen_range(0.25..0.6) / 10.0).round() * 10.0);
        if vacant_m2.is_none() {
            // A tenant already there: the vacant area is the rest.
            let e = enterprises.len();
            let occupied = (total * rng.gen_range(0.3..0.6) / 10.0).round() * 10.0;
            enterprises.push(tenant(&mut rng, e, c, p, occupied));
        }
        out.push(SynthFactory {
            id: format!("BZCF-{:03}", k + 1),
            name: format!("{}标准厂房{}号楼", park.as_deref().unwrap_or(""), k + 1),
            floors,
            vacant_m2,
            floor_load: [5.0, 8.0, 10.0, 6.5][k % 4],
            clear_height: [4.5, 6.0, 8.0][k % 3],
            park_id: (!k.is_multiple_of(3)).then_some(park).flatten(),
            geometry: footprint,
        });
    }
    // One small mover per factory, in the old town.
    let Some(b) = town.boundary.bounding_rect() else {
        return out;
    };
    for j in 0..n {
        let (code, kind) = SMALL[j % SMALL.len()];
        let e = enterprises.len();
        let at = Point::new(
            rng.gen_range(b.min().x + 200.0..b.max().x - 200.0),
            rng.gen_range(b.min().y + 200.0..b.max().y - 200.0),
        );
        let revenue = rng.gen_range(800.0..6000.0f64);
        enterprises.push(SynthEnterprise {
            id: credit_code(&mut rng, e),
            name: enterprise_name(e + 11, kind),
            industry: code.to_owned(),
            parcel_id: None,
            location: Some(at),
            revenue,
            tax: revenue * rng.gen_range(0.03..0.07),
            value_added: revenue * rng.gen_range(0.18..0.3),
            employees: (revenue / rng.gen_range(40.0..90.0)).round().max(5.0),
            energy_tce: Some(revenue * rng.gen_range(0.02..0.1)),
            emissions: Some(rng.gen_range(0.5..5.0)),
            rd_expense: revenue * rng.gen_range(0.0..0.03),
            // One in seven a heavy polluter (planted: may not share a building).
            pollution: if j % 7 == 6 { "重" } else { "轻" },
            relocate: true,
            required_area_mu: Some(rng.gen_range(3.0..8.0f64).round()),
            // The auto-painting firm takes the table's 400 m (planted: too far to share).
            protection_distance_m: (code != "3670").then(|| [30.0, 50.0][j % 2]),
            floor_need_m2: Some((rng.gen_range(600.0..2500.0f64) / 50.0).round() * 50.0),
            // Every fifth needs a floor load no factory carries (planted).
            floor_load_need: Some(if j % 5 == 4 { 20.0 } else { 5.0 }),
            clear_height_need: (j % 3 == 1).then_some(6.0),
            occupied_m2: None,
        });
    }
    out
}

/// The tenant already in a factory, occupying `occupied` m².
fn tenant(
    rng: &mut StdRng,
    e: usize,
    at: Point<f64>,
    p: &SynthParcel,
    occupied: f64,
) -> SynthEnterprise {
    let revenue = rng.gen_range(1500.0..5000.0f64);
    SynthEnterprise {
        id: credit_code(rng, e),
        name: enterprise_name(e + 17, "精密机械"),
        industry: "3484".to_owned(),
        parcel_id: Some(p.id.clone()),
        location: Some(at),
        revenue,
        tax: revenue * 0.05,
        value_added: revenue * 0.22,
        employees: (revenue / 70.0).round(),
        energy_tce: Some(revenue * 0.05),
        emissions: Some(1.0),
        rd_expense: revenue * 0.02,
        pollution: "轻",
        relocate: false,
        required_area_mu: None,
        protection_distance_m: None,
        floor_need_m2: None,
        floor_load_need: None,
        clear_height_need: None,
        occupied_m2: Some(occupied),
    }
}
