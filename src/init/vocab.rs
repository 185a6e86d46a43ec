//! Value vocabularies: whether a field's values are the ones the rules understand. A
//! land-use field of OpenStreetMap words (`industrial`, `residential`) where a GB 50137
//! code (`M2`, `R2`) is expected loads without error, but no industrial-land rule applies
//! to any parcel: the kind of silent miss `check` and `init` must say out loud.

use crate::model::{ConstraintKind, SupplyStatus};
use crate::project::LayerKind;

/// OpenStreetMap `landuse` words and the GB 50137 code a planner would give them.
const OSM_LANDUSE: &[(&str, &str)] = &[
    ("industrial", "M"),
    ("residential", "R"),
    ("commercial", "B"),
    ("retail", "B"),
    ("construction", ""),
    ("farmland", "E"),
    ("farm", "E"),
    ("grass", "G"),
    ("forest", "E"),
    ("park", "G1"),
    ("meadow", "E"),
    ("recreation_ground", "G"),
    ("military", "H"),
    ("cemetery", ""),
    ("quarry", ""),
    ("scrub", "E"),
    ("heath", "E"),
    ("allotments", "E"),
    ("orchard", "E"),
    ("vineyard", "E"),
    ("nature_reserve", "E"),
    ("railway", "S"),
    ("brownfield", ""),
    ("greenfield", ""),
];

/// True for a GB 50137 land-use code (`M2`, `R21`, `B1`, `W1`, `G1` …) or a 用地用海
/// classification code (`10`, `1001`, `100101`: 2, 4 or 6 digits, first level 01–24).
pub fn is_land_use_code(v: &str) -> bool {
    let v = v.trim();
    let gb = {
        let mut c = v.chars();
        matches!(
            c.next(),
            Some('R' | 'A' | 'B' | 'M' | 'W' | 'S' | 'U' | 'G' | 'H' | 'E')
        ) && v.len() <= 4
            && v[1..]
                .chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
    };
    let yd = matches!(v.len(), 2 | 4 | 6)
        && v.chars().all(|c| c.is_ascii_digit())
        && v[..2].parse::<u32>().is_ok_and(|l| (1..=24).contains(&l));
    gb || yd
}

/// True for an OpenStreetMap land-use word.
pub fn is_osm_land_use(v: &str) -> bool {
    OSM_LANDUSE
        .iter()
        .any(|(w, _)| v.trim().eq_ignore_ascii_case(w))
}

/// What is wrong with the values of a field, as one sentence, when something is.
/// `values` are the field's distinct values (a sample).
pub fn check_values(kind: LayerKind, field: &str, values: &[String]) -> Option<String> {
    let shown = |v: &[&String]| {
        v.iter()
            .take(5)
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (kind, field) {
        (LayerKind::Parcels, "land_use") => {
            let osm: Vec<&String> = values.iter().filter(|v| is_osm_land_use(v)).collect();
            let other: Vec<&String> = values
                .iter()
                .filter(|v| !is_osm_land_use(v) && !is_land_use_code(v))
                .collect();
            if !osm.is_empty() {
                let codes: Vec<String> = osm
                    .iter()
                    .take(5)
                    .filter_map(|w| {
                        OSM_LANDUSE
                            .iter()
                            .find(|(o, c)| w.eq_ignore_ascii_case(o) && !c.is_empty())
                            .map(|(o, c)| format!("{o} → {c}"))
                    })
                    .collect();
                Some(format!(
                    "land_use holds OpenStreetMap words ({}) where a GB 50137 code (M1, M2, R2, …) or a 用地用海 code is expected: no industrial-land rule (用而未尽, 工业用地率) applies to them; recode them ({})",
                    shown(&osm),
                    codes.join(", ")
                ))
            } else if !other.is_empty() {
                Some(format!(
                    "land_use has values that are not GB 50137 or 用地用海 codes ({}): rules keyed on land use skip those parcels",
                    shown(&other)
                ))
            } else {
                None
            }
        }
        (LayerKind::Parcels, "status") => {
            let bad: Vec<&String> = values
                .iter()
                .filter(|v| SupplyStatus::parse(v).is_none())
                .collect();
            (!bad.is_empty()).then(|| {
                format!(
                    "status has values that are not 已供/已批/未批 (supplied/approved/unapproved): {}",
                    shown(&bad)
                )
            })
        }
        (LayerKind::Constraints, "kind") => {
            let bad: Vec<&String> = values
                .iter()
                .filter(|v| ConstraintKind::parse(v).is_none())
                .collect();
            (!bad.is_empty()).then(|| {
                format!(
                    "kind has values that are not constraint kinds (生态保护红线, 永久基本农田, 饮用水水源保护区, 环境敏感点, 城市建成区, 洪涝风险区): {}",
                    shown(&bad)
                )
            })
        }
        (LayerKind::Enterprises, "industry") => {
            let bad: Vec<&String> = values
                .iter()
                .filter(|v| {
                    let t = v.trim();
                    !((2..=4).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit()))
                })
                .collect();
            (!bad.is_empty()).then(|| {
                format!(
                    "industry has values that are not GB/T 4754 codes (2 to 4 digits): {}",
                    shown(&bad)
                )
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn osm_words_in_land_use_are_named_with_their_codes() {
        let w = check_values(
            LayerKind::Parcels,
            "land_use",
            &v(&["industrial", "residential"]),
        )
        .expect("a warning");
        assert!(
            w.contains("OpenStreetMap words (industrial, residential)"),
            "{w}"
        );
        assert!(w.contains("industrial → M"), "{w}");
        assert!(
            check_values(LayerKind::Parcels, "land_use", &v(&["M2", "R2", "100101"])).is_none()
        );
        assert!(check_values(LayerKind::Parcels, "land_use", &v(&["工业"])).is_some());
        // Geofabrik class numbers are not 用地用海 codes.
        assert!(!is_land_use_code("7204") && is_land_use_code("1001") && is_land_use_code("M2"));
    }

    #[test]
    fn statuses_and_kinds() {
        assert!(check_values(LayerKind::Parcels, "status", &v(&["已供", "approved"])).is_none());
        assert!(check_values(LayerKind::Parcels, "status", &v(&["sold"])).is_some());
        assert!(check_values(LayerKind::Constraints, "kind", &v(&["学校"])).is_none());
        assert!(check_values(LayerKind::Enterprises, "industry", &v(&["2614", "C26"])).is_some());
    }
}
