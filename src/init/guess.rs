//! Which layer a file is, and which of its fields is which canonical field: by the
//! geometry it holds, the canonical names and Chinese aliases of its fields, the words in
//! its file name, and what its values look like.

use super::inspect::{FieldLook, Inspection, Shape};
use super::vocab::{is_land_use_code, is_osm_land_use};
use crate::model::fields::aliases;
use crate::model::{ConstraintKind, InfraKind};
use crate::project::LayerKind;

/// Words in file names that say which layer a file is.
const NAME_HINTS: &[(LayerKind, &[&str])] = &[
    (
        LayerKind::Parks,
        &["park", "园区", "开发区", "zone_boundary"],
    ),
    (
        LayerKind::Parcels,
        &[
            "parcel", "宗地", "地块", "landuse", "land_use", "用地", "zd",
        ],
    ),
    (LayerKind::Buildings, &["building", "建筑", "房屋", "jz"]),
    (
        LayerKind::Enterprises,
        &["enterprise", "企业", "company", "台账", "ledger"],
    ),
    (
        LayerKind::Approvals,
        &["approval", "批次", "农转用", "报批", "批准"],
    ),
    (
        LayerKind::Constraints,
        &["constraint", "红线", "基本农田", "水源", "敏感", "redline"],
    ),
    (
        LayerKind::Infrastructure,
        &["infra", "road", "道路", "污水", "变电", "管网"],
    ),
    (LayerKind::Factories, &["factor", "厂房"]),
];

/// How well a file fits a layer; `None` when its geometry cannot be that layer's.
pub fn score(kind: LayerKind, f: &Inspection) -> Option<i32> {
    use LayerKind::*;
    let fits = match f.shape {
        Shape::Polygon => matches!(
            kind,
            Parks | Parcels | Buildings | Approvals | Constraints | Factories
        ),
        Shape::Point => matches!(kind, Enterprises | Infrastructure | Constraints),
        Shape::Line => matches!(kind, Infrastructure | Constraints),
        Shape::Table => kind == Enterprises,
    };
    if !fits {
        return None;
    }
    let mut s = 0;
    for (canonical, alias) in aliases(kind) {
        if f.fields
            .iter()
            .any(|x| matches_name(&x.name, canonical, alias))
        {
            s += if *canonical == "name" { 2 } else { 10 };
        }
    }
    let file = f
        .path
        .file_stem()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if let Some((_, words)) = NAME_HINTS.iter().find(|(k, _)| *k == kind) {
        if words.iter().any(|w| file.contains(w)) {
            s += 15;
        }
    }
    let kind_values = |parse: fn(&str) -> bool| {
        f.fields
            .iter()
            .any(|x| x.filled > 0 && x.distinct.iter().all(|v| parse(v)))
    };
    match kind {
        Parcels if f.fields.iter().any(land_use_like) => s += 10,
        Constraints if kind_values(|v| ConstraintKind::parse(v).is_some()) => s += 25,
        Infrastructure if kind_values(|v| InfraKind::parse(v).is_some()) => s += 25,
        // Any polygon layer may be parcels, the one layer every project has.
        Parcels => s += 1,
        // Standard factories only by their id or their file's name: their other fields
        // (floors, name, park) are every polygon layer's.
        Factories
            if !f.fields.iter().any(|x| {
                matches_name(&x.name, "factory_id", &["厂房编号"])
                    || matches_name(&x.name, "vacant_floor_area_m2", &["空置面积"])
            }) && !NAME_HINTS
                .iter()
                .any(|(k, w)| *k == Factories && w.iter().any(|w| file.contains(w))) =>
        {
            s = 0
        }
        _ => {}
    }
    Some(s)
}

/// True when a file's column is this canonical field by name or alias.
pub fn matches_name(name: &str, canonical: &str, alias: &[&str]) -> bool {
    let n = name.trim();
    n == canonical || n.eq_ignore_ascii_case(canonical) || alias.contains(&n)
}

/// True when most values look like land-use codes or OpenStreetMap land-use words.
pub fn land_use_like(f: &FieldLook) -> bool {
    let hits = f
        .distinct
        .iter()
        .filter(|v| is_land_use_code(v) || is_osm_land_use(v))
        .count();
    !f.distinct.is_empty() && hits * 10 >= f.distinct.len() * 8 && !f.unique
}

/// The land-use field: one of codes, else one of OpenStreetMap land-use words.
pub fn land_use_field(f: &Inspection) -> Option<&FieldLook> {
    let share = |x: &FieldLook, test: fn(&str) -> bool| {
        let hits = x.distinct.iter().filter(|v| test(v)).count();
        !x.distinct.is_empty() && !x.unique && hits * 10 >= x.distinct.len() * 8
    };
    f.fields
        .iter()
        .find(|x| share(x, is_land_use_code))
        .or_else(|| f.fields.iter().find(|x| share(x, is_osm_land_use)))
}

/// The field that is most likely the layer's id: an id-like name with distinct values,
/// else the first field with distinct values.
pub fn id_field(f: &Inspection) -> Option<&FieldLook> {
    let id_name = |n: &str| {
        let l = n.to_lowercase();
        l == "id"
            || l.ends_with("_id")
            || l.ends_with("id")
            || ["编号", "代码", "编码", "标识码"]
                .iter()
                .any(|w| n.contains(w))
    };
    f.fields
        .iter()
        .find(|x| x.unique && id_name(&x.name))
        .or_else(|| {
            f.fields
                .iter()
                .find(|x| x.unique && x.filled == f.features.min(2_000))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(name: &str, values: &[&str], unique: bool) -> FieldLook {
        FieldLook {
            name: name.into(),
            samples: values.iter().map(|s| s.to_string()).collect(),
            unique,
            filled: values.len(),
            distinct: values.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn an_osm_landuse_file_is_parcels_with_osm_id_as_its_id() {
        let f = Inspection {
            path: "xiasha_etdz_landuse.geojson".into(),
            features: 3,
            shape: Shape::Polygon,
            fields: vec![
                look("osm_id", &["1", "2", "3"], true),
                look("fclass", &["industrial", "residential"], false),
                look("name", &["海康威视"], false),
            ],
            declared_crs: None,
            encoding: None,
            extent: Some([120.2, 30.2, 120.4, 30.4]),
        };
        let parcels = score(LayerKind::Parcels, &f).expect("fits");
        let parks = score(LayerKind::Parks, &f).expect("fits");
        assert!(parcels > parks, "{parcels} {parks}");
        assert_eq!(
            score(LayerKind::Enterprises, &f),
            None,
            "polygons are not points"
        );
        assert_eq!(id_field(&f).map(|x| x.name.as_str()), Some("osm_id"));
        assert!(land_use_like(&f.fields[1]));
    }
}
