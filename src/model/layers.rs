//! One builder per layer: a feature's values and frame geometry → a typed feature, or
//! problems. The rules of DATA.md for each field live here.

use geo::{Area, Geometry, Point};

use super::geometry::{geometry_name, valid_multipolygon};
use super::row::Row;
use super::types::*;
use crate::error::{Problem, Severity};
use crate::project::LayerKind;
use crate::units::{AreaM2, WanYuan};

/// Storey height (m) per storey when only a building's height is known (DATA.md).
pub const METRES_PER_STOREY: f64 = 3.5;
/// A storey higher than this (strictly) counts twice in floor area (control indicators).
pub const TALL_STOREY_M: f64 = 8.0;

/// The field that identifies a feature of a layer, for messages.
pub fn id_field(kind: LayerKind) -> &'static str {
    match kind {
        LayerKind::Parks => "park_id",
        LayerKind::Parcels => "parcel_id",
        LayerKind::Buildings => "building_id",
        LayerKind::Enterprises => "enterprise_id",
        LayerKind::Approvals => "batch_id",
        LayerKind::Constraints | LayerKind::Infrastructure => "name",
        LayerKind::Factories => "factory_id",
    }
}

fn polygon(
    row: &mut Row,
    g: Option<Geometry<f64>>,
    number: usize,
) -> Option<geo::MultiPolygon<f64>> {
    let Some(g) = g else {
        row.problems.push(Problem::new(
            Severity::Rejected,
            Some(number),
            crate::problems::Reason::NoGeometry { polygon: true },
        ));
        return None;
    };
    match valid_multipolygon(g, number) {
        Ok((mp, repair)) => {
            row.problems.extend(repair);
            // One orientation everywhere (exteriors counter-clockwise), so that overlays
            // with the non-zero fill rule can take many polygons at once.
            Some(geo::Orient::orient(&mp, geo::orient::Direction::Default))
        }
        Err(p) => {
            row.problems.push(p);
            None
        }
    }
}

/// A park from its row.
pub fn park(row: &mut Row, g: Option<Geometry<f64>>, number: usize) -> Option<Park> {
    let id = row.require("park_id");
    let level = row.parsed(
        "level",
        |s| match s.trim().to_lowercase().as_str() {
            "national" | "国家级" => Some("national".to_owned()),
            "provincial" | "省级" => Some("provincial".to_owned()),
            "county" | "县级" | "市级" | "city" => Some("county".to_owned()),
            _ => None,
        },
        "national/国家级, provincial/省级, county/县级",
    );
    let approved_area_ha = row.amount("approved_area_ha");
    let geometry = polygon(row, g, number)?;
    let area = AreaM2(geometry.unsigned_area());
    Some(Park {
        id: id?,
        name: row.text("name"),
        level,
        leading_industries: row
            .list("leading_industries")
            .into_iter()
            .map(|c| c.chars().filter(char::is_ascii_digit).take(2).collect())
            .filter(|c: &String| c.len() == 2)
            .collect(),
        orientation: row.text("orientation"),
        approved_area_ha,
        geometry,
        area,
    })
}

/// A parcel from its row. Values outside their plausible bounds are read as empty and
/// dates out of order or after the as-of date are reported (both with a warning).
pub fn parcel(row: &mut Row, g: Option<Geometry<f64>>, number: usize) -> Option<Parcel> {
    let bounds = &row.checks.bounds.parcels;
    let id = row.require("parcel_id");
    let status = row.parsed(
        "status",
        SupplyStatus::parse,
        "approved/已批, supplied/已供, unapproved/未批",
    );
    let mut p = Parcel {
        id: id.clone().unwrap_or_default(),
        name: row.text("name"),
        land_use: row.text("land_use"),
        status,
        supply_type: row.text("supply_type"),
        holder: row.text("holder"),
        supply_date: row.past_date("supply_date"),
        agreed_start: row.date("agreed_start"),
        agreed_completion: row.date("agreed_completion"),
        actual_start: row.past_date("actual_start"),
        actual_completion: row.past_date("actual_completion"),
        planned_investment: row.amount("planned_investment").map(WanYuan),
        invested: row.amount("invested").map(WanYuan),
        planned_floor_area: row.amount("planned_floor_area").map(AreaM2),
        built_floor_area: row.amount("built_floor_area").map(AreaM2),
        far_min: row
            .amount("far_min")
            .and_then(|v| row.within("far_min", v, bounds.far, "parcels.far", ("", ""))),
        far_max: row
            .amount("far_max")
            .and_then(|v| row.within("far_max", v, bounds.far, "parcels.far", ("", ""))),
        halted_since: row.past_date("halted_since"),
        in_production: row.boolean("in_production"),
        geometry: geo::MultiPolygon::new(vec![]),
        area: AreaM2::ZERO,
    };
    if let (Some(a), Some(b)) = (p.agreed_start, p.supply_date) {
        if a < b {
            row.warn(
                "agreed_start",
                format!("agreed start {a} is before the supply date {b}"),
            );
        }
    }
    if let (Some(lo), Some(hi)) = (p.far_min, p.far_max) {
        if lo > hi {
            row.warn(
                "far_max",
                format!("far_max {hi} is below far_min {lo}: out of order (kept)"),
            );
        }
    }
    row.in_order(
        ("agreed_start", p.agreed_start),
        ("agreed_completion", p.agreed_completion),
    );
    row.in_order(
        ("actual_start", p.actual_start),
        ("actual_completion", p.actual_completion),
    );
    row.in_order(
        ("supply_date", p.supply_date),
        ("actual_start", p.actual_start),
    );
    p.geometry = polygon(row, g, number)?;
    p.area = AreaM2(p.geometry.unsigned_area());
    if p.area.m2() > 0.0 {
        let area = p.area.m2();
        let mu = p.area.to_mu();
        let far = |row: &mut Row, field: &str, v: Option<AreaM2>| {
            let v = v?;
            row.within(
                field,
                v.m2() / area,
                bounds.far,
                "parcels.far",
                ("a FAR of ", &format!(" ({} m² on {area:.0} m²)", v.m2())),
            )
            .map(|_| v)
        };
        p.planned_floor_area = far(row, "planned_floor_area", p.planned_floor_area);
        p.built_floor_area = far(row, "built_floor_area", p.built_floor_area);
        let per_mu = |row: &mut Row, field: &str, v: Option<WanYuan>| {
            let v = v?;
            row.within(
                field,
                v.0 / mu,
                bounds.investment_per_mu,
                "parcels.investment_per_mu",
                ("", &format!(" 万元/亩 ({} 万元 on {mu:.2} 亩)", v.0)),
            )
            .map(|_| v)
        };
        p.planned_investment = per_mu(row, "planned_investment", p.planned_investment);
        p.invested = per_mu(row, "invested", p.invested);
    }
    id?;
    Some(p)
}

/// A building from its row, its storeys resolved by the rule of DOMAIN.md.
pub fn building(row: &mut Row, g: Option<Geometry<f64>>, number: usize) -> Option<Building> {
    let bounds = &row.checks.bounds.buildings;
    let floors = row.amount_in("floors", bounds.floors, "buildings");
    let height = row.amount_in("height_m", bounds.height_m, "buildings");
    let storey_h = row.amount_in("storey_height_m", bounds.storey_height_m, "buildings");
    let storeys_given = floors.is_some_and(|f| f >= 1.0) || height.is_some();
    let storeys = match (floors, height) {
        (Some(f), _) if f >= 1.0 => f.round() as u32,
        // round-half-up(h / 3.5), at least 1.
        (_, Some(h)) => ((h / METRES_PER_STOREY + 0.5).floor() as u32).max(1),
        _ => 1,
    };
    let storey_height = storey_h.or_else(|| match (height, floors) {
        (Some(h), Some(f)) if f >= 1.0 => {
            let derived = h / f;
            if !bounds.storey_height_m.holds(derived) {
                row.warn(
                    "height_m",
                    format!(
                        "height {h} m over {f} storeys is {derived:.2} m a storey, outside the plausible range {} (plausibility-{} buildings.storey_height_m): one of the two is wrong (kept)",
                        bounds.storey_height_m.describe(),
                        row.checks.bounds.edition
                    ),
                );
            }
            Some(derived)
        }
        _ => None,
    });
    let geometry = polygon(row, g, number)?;
    let area = AreaM2(geometry.unsigned_area());
    Some(Building {
        id: row.text("building_id"),
        storeys,
        storeys_given,
        tall_storeys: storey_height.is_some_and(|h| h > TALL_STOREY_M),
        use_: row.text("use"),
        geometry,
        area,
    })
}

/// An enterprise from its row. Its location is optional when it names its parcels.
pub fn enterprise(row: &mut Row, g: Option<Geometry<f64>>, number: usize) -> Option<Enterprise> {
    let bounds = &row.checks.bounds.enterprises;
    let id = row.require("enterprise_id");
    if let Some(code) = &id {
        if code.len() == 18
            && code
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
        {
            if let Err(fault) = super::credit_code::check_credit_code(code) {
                let reason = crate::problems::Reason::CreditCode {
                    code: code.clone(),
                    fault,
                };
                row.warn("enterprise_id", reason);
            }
        }
    }
    let location = match g {
        None => None,
        Some(Geometry::Point(p)) => Some(p),
        Some(Geometry::MultiPoint(mp)) if mp.0.len() == 1 => Some(mp.0[0]),
        Some(other) => {
            use geo::Centroid;
            let c: Option<Point<f64>> = other.centroid();
            row.problems.push(Problem::new(
                Severity::Warning,
                Some(number),
                crate::problems::Reason::WrongGeometry {
                    found: geometry_name(&other).to_owned(),
                    polygon: false,
                },
            ));
            c
        }
    };
    let e = Enterprise {
        id: id.clone().unwrap_or_default(),
        name: row.text("name"),
        industry: row
            .text("industry")
            .map(|s| s.trim_start_matches(['C', 'c']).to_owned()),
        parcel_ids: row.list("parcel_id"),
        location,
        revenue: row.amount_in("revenue", bounds.revenue, "enterprises"),
        tax: row.number_in("tax", bounds.tax, "enterprises"),
        value_added: row.number_in("value_added", bounds.value_added, "enterprises"),
        employees: row.amount_in("employees", bounds.employees, "enterprises"),
        energy_tce: row.amount_in("energy_tce", bounds.energy_tce, "enterprises"),
        emissions: row.amount("emissions"),
        rd_expense: row.amount_in("rd_expense", bounds.rd_expense, "enterprises"),
        pollution_class: row.parsed(
            "pollution_class",
            |s| match s.trim().to_lowercase().as_str() {
                "heavy" | "重" | "重度" | "重污染" => Some(PollutionClass::Heavy),
                "medium" | "中" | "中度" => Some(PollutionClass::Medium),
                "light" | "轻" | "轻度" => Some(PollutionClass::Light),
                _ => None,
            },
            "heavy/重, medium/中, light/轻",
        ),
        relocate: row.boolean("relocate"),
        required_area_mu: row.amount_in("required_area_mu", bounds.required_area_mu, "enterprises"),
        protection_distance_m: row.amount_in(
            "protection_distance_m",
            bounds.protection_distance_m,
            "enterprises",
        ),
        required_floor_area_m2: row.amount_in(
            "required_floor_area_m2",
            bounds.required_floor_area_m2,
            "enterprises",
        ),
        required_floor_load_kn_m2: row.amount_in(
            "required_floor_load_kn_m2",
            bounds.required_floor_load_kn_m2,
            "enterprises",
        ),
        required_clear_height_m: row.amount_in(
            "required_clear_height_m",
            bounds.required_clear_height_m,
            "enterprises",
        ),
        occupied_floor_area_m2: row.amount("occupied_floor_area_m2"),
    };
    if e.location.is_none() && e.parcel_ids.is_empty() && !row.rejected() {
        row.problems.push(Problem::new(
            Severity::Warning,
            Some(number),
            crate::problems::Reason::Unplaced,
        ));
    }
    id?;
    Some(e)
}

/// A standard factory from its row.
pub fn factory(row: &mut Row, g: Option<Geometry<f64>>, number: usize) -> Option<Factory> {
    let bounds = &row.checks.bounds.factories;
    let id = row.require("factory_id");
    let floors = row
        .amount_in("floors", bounds.floors, "factories")
        .filter(|f| *f >= 1.0)
        .map_or(1, |f| f.round() as u32);
    let f = Factory {
        id: id.clone().unwrap_or_default(),
        name: row.text("name"),
        floors,
        vacant_floor_area_m2: row.amount("vacant_floor_area_m2"),
        floor_load_kn_m2: row.amount_in("floor_load_kn_m2", bounds.floor_load_kn_m2, "factories"),
        clear_height_m: row.amount_in("clear_height_m", bounds.clear_height_m, "factories"),
        park_id: row.text("park_id"),
        geometry: geo::MultiPolygon::new(vec![]),
        area: AreaM2::ZERO,
    };
    let geometry = polygon(row, g, number)?;
    id?;
    Some(Factory {
        area: AreaM2(geometry.unsigned_area()),
        geometry,
        ..f
    })
}

/// An approval batch from its row.
pub fn approval(row: &mut Row, g: Option<Geometry<f64>>, number: usize) -> Option<Approval> {
    let approval_date = row.past_date("approval_date");
    let geometry = polygon(row, g, number)?;
    Some(Approval {
        id: row.text("batch_id"),
        approval_date,
        geometry,
    })
}

fn any_geometry(row: &mut Row, g: Option<Geometry<f64>>, number: usize) -> Option<Geometry<f64>> {
    match g {
        None => {
            row.problems.push(Problem::new(
                Severity::Rejected,
                Some(number),
                crate::problems::Reason::NoGeometry { polygon: false },
            ));
            None
        }
        Some(g @ (Geometry::Polygon(_) | Geometry::MultiPolygon(_))) => {
            polygon(row, Some(g), number).map(Geometry::MultiPolygon)
        }
        Some(g) => Some(g),
    }
}

/// A constraint from its row.
pub fn constraint(row: &mut Row, g: Option<Geometry<f64>>, number: usize) -> Option<Constraint> {
    let kind = row.parsed(
        "kind",
        ConstraintKind::parse,
        "ecological_redline/生态保护红线, basic_farmland/永久基本农田, water_source/饮用水水源保护区, sensitive/环境敏感点, built_up/城市建成区, flood/洪涝风险区",
    );
    if kind.is_none() && !row.rejected() {
        row.problems.push(Problem::new(
            Severity::Rejected,
            Some(number),
            "the required field kind is empty",
        ));
    }
    let geometry = any_geometry(row, g, number)?;
    Some(Constraint {
        kind: kind?,
        name: row.text("name"),
        geometry,
    })
}

/// An infrastructure feature from its row.
pub fn infrastructure(
    row: &mut Row,
    g: Option<Geometry<f64>>,
    number: usize,
) -> Option<Infrastructure> {
    let kind = row.parsed(
        "kind",
        InfraKind::parse,
        "road/道路, rail/铁路, wastewater_plant/污水处理厂, substation/变电站, gas/燃气, interchange/高速出入口",
    );
    if kind.is_none() && !row.rejected() {
        row.problems.push(Problem::new(
            Severity::Rejected,
            Some(number),
            "the required field kind is empty",
        ));
    }
    let class = row.parsed(
        "class",
        RoadClass::parse,
        "expressway/高速公路, arterial/主干路, collector/次干路, local/支路",
    );
    let geometry = any_geometry(row, g, number)?;
    Some(Infrastructure {
        kind: kind?,
        class,
        name: row.text("name"),
        geometry,
    })
}
