//! Canonical field names of DATA.md with their Chinese aliases, and their resolution
//! against a file's columns through the project's field map.

use std::collections::BTreeMap;

use crate::error::{suggest, Error, Location, Result};
use crate::project::LayerKind;

/// (canonical name, aliases) of every field of a layer.
pub fn aliases(kind: LayerKind) -> &'static [(&'static str, &'static [&'static str])] {
    match kind {
        LayerKind::Parks => &[
            ("park_id", &["园区编号", "园区代码"]),
            ("name", &["园区名称", "名称"]),
            ("level", &["级别"]),
            ("leading_industries", &["主导产业"]),
            ("orientation", &["园区定位"]),
            ("approved_area_ha", &["核准面积"]),
        ],
        LayerKind::Parcels => &[
            ("parcel_id", &["宗地编号", "地块编号"]),
            ("name", &["名称", "项目名称"]),
            ("land_use", &["土地用途", "用地性质"]),
            ("status", &["供地状态"]),
            ("supply_type", &["供地方式"]),
            ("holder", &["土地使用权人"]),
            ("supply_date", &["供地日期", "合同签订日期"]),
            ("agreed_start", &["约定开工日期"]),
            ("agreed_completion", &["约定竣工日期"]),
            ("actual_start", &["实际开工日期"]),
            ("actual_completion", &["实际竣工日期"]),
            ("planned_investment", &["计划投资", "合同投资额"]),
            ("invested", &["已完成投资"]),
            ("planned_floor_area", &["规划建筑面积"]),
            ("built_floor_area", &["已建建筑面积"]),
            ("far_min", &["容积率下限"]),
            ("far_max", &["容积率上限"]),
            ("halted_since", &["停工日期"]),
            ("in_production", &["是否投产"]),
        ],
        LayerKind::Buildings => &[
            ("building_id", &["建筑编号"]),
            ("floors", &["层数"]),
            ("storey_height_m", &["层高"]),
            ("height_m", &["高度"]),
            ("use", &["用途"]),
        ],
        LayerKind::Enterprises => &[
            ("enterprise_id", &["统一社会信用代码", "企业编号"]),
            ("name", &["企业名称", "名称"]),
            ("industry", &["行业代码"]),
            ("parcel_id", &["宗地编号"]),
            ("revenue", &["营业收入"]),
            ("tax", &["税收", "实缴税金"]),
            ("value_added", &["工业增加值"]),
            ("employees", &["从业人员"]),
            ("energy_tce", &["综合能耗"]),
            ("emissions", &["主要污染物排放当量"]),
            ("rd_expense", &["研发经费"]),
            ("pollution_class", &["污染类别"]),
            ("relocate", &["搬迁"]),
            ("required_area_mu", &["需求用地"]),
            ("protection_distance_m", &["卫生防护距离"]),
            ("required_floor_area_m2", &["需求厂房面积"]),
            (
                "required_floor_load_kn_m2",
                &["楼面荷载要求", "需求楼面荷载"],
            ),
            ("required_clear_height_m", &["净高要求", "需求净高"]),
            ("occupied_floor_area_m2", &["占用厂房面积"]),
        ],
        LayerKind::Approvals => &[
            ("batch_id", &["批次编号"]),
            ("approval_date", &["批准日期"]),
        ],
        LayerKind::Constraints => &[("kind", &["类型"]), ("name", &["名称"])],
        LayerKind::Infrastructure => &[
            ("kind", &["类型"]),
            ("class", &["等级"]),
            ("name", &["名称"]),
        ],
        LayerKind::Factories => &[
            ("factory_id", &["厂房编号"]),
            ("name", &["厂房名称", "名称"]),
            ("floors", &["层数"]),
            ("vacant_floor_area_m2", &["空置面积"]),
            ("floor_load_kn_m2", &["楼面荷载"]),
            ("clear_height_m", &["净高"]),
            ("park_id", &["园区编号"]),
        ],
    }
}

/// The fields a layer cannot be used without.
pub fn required(kind: LayerKind) -> &'static [&'static str] {
    match kind {
        LayerKind::Parks => &["park_id"],
        LayerKind::Parcels => &["parcel_id"],
        LayerKind::Factories => &["factory_id"],
        LayerKind::Enterprises => &["enterprise_id"],
        LayerKind::Constraints | LayerKind::Infrastructure => &["kind"],
        LayerKind::Buildings | LayerKind::Approvals => &[],
    }
}

/// Column of each canonical field found in a file.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    map: BTreeMap<&'static str, usize>,
    names: Vec<String>,
}

impl Columns {
    /// The column of a canonical field.
    pub fn get(&self, canonical: &str) -> Option<usize> {
        self.map.get(canonical).copied()
    }
    /// The file's name of a column.
    pub fn file_name(&self, col: usize) -> &str {
        &self.names[col]
    }
}

/// Resolves every canonical field of a layer against a file's columns: the project's
/// mapping first (the named column must exist), else the canonical name or an alias.
///
/// # Errors
/// A mapping to an absent column, a mapping of an unknown canonical field, or a missing
/// required field, each with the closest column names.
pub fn resolve(
    kind: LayerKind,
    file: &str,
    names: &[String],
    mapping: &BTreeMap<String, String>,
) -> Result<Columns> {
    let table = aliases(kind);
    let at = |field: &str| Location {
        file: file.to_owned(),
        field: Some(field.to_owned()),
        ..Location::default()
    };
    for key in mapping.keys() {
        if !table.iter().any(|(c, _)| c == key) {
            let hint = suggest(key, table.iter().map(|(c, _)| *c))
                .map(|s| format!(" (did you mean {s}?)"))
                .unwrap_or_default();
            return Err(Error::Input {
                at: at(key),
                reason: format!("[layers.{kind}.fields] names an unknown field {key}{hint}"),
            });
        }
    }
    let mut map = BTreeMap::new();
    for (canonical, alias) in table {
        let col = match mapping.get(*canonical) {
            Some(file_name) => {
                Some(names.iter().position(|n| n == file_name).ok_or_else(|| {
                    let hint = suggest(file_name, names.iter().map(String::as_str))
                        .map(|s| format!(" (similar: {s})"))
                        .unwrap_or_default();
                    Error::Input {
                        at: at(file_name),
                        reason: format!("no such field for {canonical}{hint}"),
                    }
                })?)
            }
            None => names
                .iter()
                .position(|n| n.trim() == *canonical)
                .or_else(|| {
                    names
                        .iter()
                        .position(|n| n.trim().eq_ignore_ascii_case(canonical))
                })
                .or_else(|| {
                    names
                        .iter()
                        .position(|n| alias.iter().any(|a| n.trim() == *a))
                }),
        };
        if let Some(c) = col {
            map.insert(*canonical, c);
        }
    }
    for req in required(kind) {
        if !map.contains_key(req) {
            let alias = table
                .iter()
                .find(|(c, _)| c == req)
                .map(|(_, a)| a.join(", "))
                .unwrap_or_default();
            let near = table
                .iter()
                .find(|(c, _)| c == req)
                .map(|(_, a)| *a)
                .unwrap_or(&[]);
            let hint = std::iter::once(*req)
                .chain(near.iter().copied())
                .find_map(|n| suggest(n, names.iter().map(String::as_str)))
                .map(|s| format!("; similar: {s}, map it in [layers.{kind}.fields]"))
                .unwrap_or_default();
            return Err(Error::Input {
                at: Location {
                    file: file.to_owned(),
                    ..Location::default()
                },
                reason: format!("the {kind} layer has no {req} field (nor {alias}){hint}"),
            });
        }
    }
    Ok(Columns {
        map,
        names: names.to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn aliases_resolve_without_mapping() {
        let c = resolve(
            LayerKind::Parcels,
            "p.shp",
            &names(&["宗地编号", "供地状态", "x"]),
            &BTreeMap::new(),
        )
        .unwrap();
        assert_eq!(
            (c.get("parcel_id"), c.get("status"), c.get("holder")),
            (Some(0), Some(1), None)
        );
    }

    #[test]
    fn missing_required_field_names_the_similar_one() {
        let e = resolve(
            LayerKind::Parcels,
            "p.shp",
            &names(&["宗地编码"]),
            &BTreeMap::new(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("no parcel_id") && e.contains("similar: 宗地编码"),
            "{e}"
        );
    }

    #[test]
    fn mapping_to_absent_column_is_an_error() {
        let m = BTreeMap::from([("parcel_id".to_string(), "DKBH".to_string())]);
        let e = resolve(LayerKind::Parcels, "p.shp", &names(&["DKBM"]), &m)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("field DKBH") && e.contains("similar: DKBM"),
            "{e}"
        );
    }
}
