//! Siting evidence in words: why an enterprise moves, where its protection distance comes
//! from, why a site was rejected (measured value and threshold), why it was not placed,
//! and why an enterprise has no parcel.

use super::Words;
use crate::analyse::site::{
    Constraint, MoveReason, ProtectionSource, RejectionEvidence, UnplacedReason,
};
use crate::index::Unplaced;
use crate::model::ConstraintKind;
use crate::project::Lang;
use crate::units::M2_PER_MU;

fn mu(a: f64) -> String {
    format!("{:.2} 亩", a / M2_PER_MU)
}

/// A constraint's Chinese name.
fn zh_constraint(c: Constraint) -> &'static str {
    match c {
        Constraint::Industry => "产业准入",
        Constraint::Area => "用地规模",
        Constraint::Buffer => "卫生防护距离",
        Constraint::Exclusion => "管控区避让",
        Constraint::Pollution => "污染类别",
        Constraint::SharedProtection => "共享厂房防护距离",
        Constraint::FloorArea => "厂房空置面积",
        Constraint::FloorLoad => "楼面荷载",
        Constraint::ClearHeight => "厂房净高",
    }
}

/// An exclusion or constraint zone's Chinese name.
fn zh_zone(k: ConstraintKind) -> &'static str {
    match k {
        ConstraintKind::EcologicalRedline => "生态保护红线",
        ConstraintKind::BasicFarmland => "永久基本农田",
        ConstraintKind::WaterSource => "饮用水水源保护区",
        ConstraintKind::Sensitive => "环境敏感点",
        ConstraintKind::BuiltUp => "城市建成区",
        ConstraintKind::Flood => "洪涝风险区",
    }
}

/// What was measured for a rejected site (`measured`).
pub fn measured(e: &RejectionEvidence, lang: Lang) -> String {
    match (e, lang) {
        (RejectionEvidence::Industry { industry, .. }, Lang::En) => {
            format!("industry {}", industry.as_deref().unwrap_or("unknown"))
        }
        (RejectionEvidence::Industry { industry, .. }, Lang::Zh) => {
            format!("行业代码 {}", industry.as_deref().unwrap_or("不详"))
        }
        (RejectionEvidence::Area { area, .. }, _) => mu(area.m2()),
        (RejectionEvidence::Buffer { distance_m, .. }, Lang::En) => {
            format!("{distance_m:.1} m to the nearest sensitive receptor")
        }
        (RejectionEvidence::Buffer { distance_m, .. }, Lang::Zh) => {
            format!("距最近环境敏感点 {distance_m:.1} 米")
        }
        (
            RejectionEvidence::Exclusion {
                kind, overlap_m2, ..
            },
            Lang::En,
        ) => format!("{overlap_m2:.1} m² inside {}", kind.name()),
        (
            RejectionEvidence::Exclusion {
                kind, overlap_m2, ..
            },
            Lang::Zh,
        ) => format!("占用{} {overlap_m2:.1} 平方米", zh_zone(*kind)),
        (RejectionEvidence::Pollution, Lang::En) => "heavy polluter".to_owned(),
        (RejectionEvidence::Pollution, Lang::Zh) => "重污染企业".to_owned(),
        (
            RejectionEvidence::SharedProtection {
                protection_m,
                source,
                ..
            },
            Lang::En,
        ) => {
            format!(
                "protection distance {protection_m:.0} m ({})",
                source.words(lang)
            )
        }
        (
            RejectionEvidence::SharedProtection {
                protection_m,
                source,
                ..
            },
            Lang::Zh,
        ) => {
            format!(
                "卫生防护距离 {protection_m:.0} 米（{}）",
                source.words(lang)
            )
        }
        (RejectionEvidence::FloorArea { vacant_m2, .. }, Lang::En) => {
            format!("{vacant_m2:.0} m² vacant")
        }
        (RejectionEvidence::FloorArea { vacant_m2, .. }, Lang::Zh) => {
            format!("空置 {vacant_m2:.0} 平方米")
        }
        (RejectionEvidence::FloorLoad { load, .. }, Lang::En) => match load {
            Some(l) => format!("{l:.1} kN/m²"),
            None => "floor load not given".to_owned(),
        },
        (RejectionEvidence::FloorLoad { load, .. }, Lang::Zh) => match load {
            Some(l) => format!("{l:.1} kN/平方米"),
            None => "未给出楼面荷载".to_owned(),
        },
        (RejectionEvidence::ClearHeight { height, .. }, Lang::En) => match height {
            Some(h) => format!("{h:.1} m clear height"),
            None => "clear height not given".to_owned(),
        },
        (RejectionEvidence::ClearHeight { height, .. }, Lang::Zh) => match height {
            Some(h) => format!("净高 {h:.1} 米"),
            None => "未给出净高".to_owned(),
        },
    }
}

/// The threshold a rejected site failed (`threshold`).
pub fn threshold(e: &RejectionEvidence, lang: Lang) -> String {
    match (e, lang) {
        (
            RejectionEvidence::Industry {
                park_id, leading, ..
            },
            Lang::En,
        ) => format!("park {park_id} leading industries {}", leading.join(",")),
        (
            RejectionEvidence::Industry {
                park_id, leading, ..
            },
            Lang::Zh,
        ) => format!("园区 {park_id} 主导产业 {}", leading.join("、")),
        (RejectionEvidence::Area { required, .. }, _) => format!("≥ {}", mu(required.m2())),
        (
            RejectionEvidence::Buffer {
                protection_m,
                source,
                ..
            },
            Lang::En,
        ) => format!("≥ {protection_m:.0} m ({})", source.words(lang)),
        (
            RejectionEvidence::Buffer {
                protection_m,
                source,
                ..
            },
            Lang::Zh,
        ) => format!("≥ {protection_m:.0} 米（{}）", source.words(lang)),
        (RejectionEvidence::Exclusion { max_m2, .. }, Lang::En) => format!("≤ {max_m2} m²"),
        (RejectionEvidence::Exclusion { max_m2, .. }, Lang::Zh) => format!("≤ {max_m2} 平方米"),
        (RejectionEvidence::Pollution, Lang::En) => "not heavy (shared building)".to_owned(),
        (RejectionEvidence::Pollution, Lang::Zh) => "非重污染（共享厂房）".to_owned(),
        (RejectionEvidence::SharedProtection { max_m, .. }, Lang::En) => {
            format!("≤ {max_m:.0} m (shared building)")
        }
        (RejectionEvidence::SharedProtection { max_m, .. }, Lang::Zh) => {
            format!("≤ {max_m:.0} 米（共享厂房）")
        }
        (RejectionEvidence::FloorArea { required_m2, .. }, Lang::En) => {
            format!("≥ {required_m2:.0} m² needed")
        }
        (RejectionEvidence::FloorArea { required_m2, .. }, Lang::Zh) => {
            format!("≥ 需求 {required_m2:.0} 平方米")
        }
        (RejectionEvidence::FloorLoad { required, .. }, Lang::En) => {
            format!("≥ {required:.1} kN/m²")
        }
        (RejectionEvidence::FloorLoad { required, .. }, Lang::Zh) => {
            format!("≥ {required:.1} kN/平方米")
        }
        (RejectionEvidence::ClearHeight { required, .. }, Lang::En) => format!("≥ {required:.1} m"),
        (RejectionEvidence::ClearHeight { required, .. }, Lang::Zh) => {
            format!("≥ {required:.1} 米")
        }
    }
}

/// What the factories considered for an unplaced mover failed, appended to its reason:
/// `counts` in [`Constraint::SHARED`] order.
pub fn factory_failures(considered: usize, counts: &[usize; 8], lang: Lang) -> String {
    let parts: Vec<String> = Constraint::SHARED
        .iter()
        .zip(counts)
        .filter(|(_, n)| **n > 0)
        .map(|(c, n)| match lang {
            Lang::En => format!("{n} {}", c.code()),
            Lang::Zh => format!("{}不符 {n} 个", zh_constraint(*c)),
        })
        .collect();
    match lang {
        Lang::En => format!(
            "; of {considered} standard factories: {} failed",
            parts.join(", ")
        ),
        Lang::Zh => format!("；共 {considered} 个标准厂房：{}", parts.join("，")),
    }
}

impl Words for ProtectionSource {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (ProtectionSource::Eia, Lang::En) => "EIA approval of the enterprise".to_owned(),
            (ProtectionSource::Eia, Lang::Zh) => "企业环评批复".to_owned(),
            (ProtectionSource::Table { code, name }, Lang::En) => format!("table {code}: {name}"),
            (ProtectionSource::Table { code, name }, Lang::Zh) => {
                format!("防护距离表 {code}：{name}")
            }
            (ProtectionSource::Default { distance_m }, Lang::En) => {
                format!("default {distance_m} m (no EIA distance, no table row)")
            }
            (ProtectionSource::Default { distance_m }, Lang::Zh) => {
                format!("默认 {distance_m} 米（无环评批复距离，防护距离表无对应行业）")
            }
        }
    }
}

/// The protection distance's source with the fallback flagged (`protection_source`).
pub fn protection_with_flag(source: &ProtectionSource, lang: Lang) -> String {
    let flag = match (source.is_fallback(), lang) {
        (false, _) => "",
        (true, Lang::En) => " [fallback]",
        (true, Lang::Zh) => "［缺省值］",
    };
    format!("{}{flag}", source.words(lang))
}

impl Words for MoveReason {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (MoveReason::Flagged, Lang::En) => "flagged to relocate (搬迁)",
            (MoveReason::Flagged, Lang::Zh) => "台账标注搬迁",
            (MoveReason::HeavyPolluterInBuiltUp, Lang::En) => {
                "heavy polluter inside the built-up area (城市建成区)"
            }
            (MoveReason::HeavyPolluterInBuiltUp, Lang::Zh) => "位于城市建成区内的重污染企业",
        }
        .to_owned()
    }
}

impl Words for UnplacedReason {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                UnplacedReason::NoFeasibleSite {
                    last,
                    considered,
                    failed: [i, a, b, x],
                },
                Lang::En,
            ) => format!(
                "no feasible site: the last candidates failed the {} constraint (of {considered} candidates: {i} failed industry, {a} area, {b} buffer, {x} exclusion)",
                last.code()
            ),
            (
                UnplacedReason::NoFeasibleSite {
                    last,
                    considered,
                    failed: [i, a, b, x],
                },
                Lang::Zh,
            ) => format!(
                "无可行地块：最后的候选地块未通过{}条件（共 {considered} 个候选地块：产业准入不符 {i} 个，用地规模不足 {a} 个，卫生防护距离不足 {b} 个，占用管控区 {x} 个）",
                zh_constraint(*last)
            ),
            (UnplacedReason::NoCandidate, Lang::En) => "no candidate site in any park".to_owned(),
            (UnplacedReason::NoCandidate, Lang::Zh) => "各园区均无候选地块".to_owned(),
            (UnplacedReason::Outbid, Lang::En) => {
                "its feasible sites went to enterprises with a higher total score (see sites.csv)"
                    .to_owned()
            }
            (UnplacedReason::Outbid, Lang::Zh) => {
                "其可行地块已安排给总得分更高的企业（见 sites.csv）".to_owned()
            }
        }
    }
}

impl Words for Unplaced {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (Unplaced::UnknownParcel(ids), Lang::En) => {
                format!("parcel_id not found: {}", ids.join(","))
            }
            (Unplaced::UnknownParcel(ids), Lang::Zh) => {
                format!("未找到宗地编号：{}", ids.join("、"))
            }
            (Unplaced::OutsideParcels, Lang::En) => "located outside every parcel".to_owned(),
            (Unplaced::OutsideParcels, Lang::Zh) => "坐标不在任何宗地内".to_owned(),
            (Unplaced::NoLocation, Lang::En) => "no location and no parcel_id".to_owned(),
            (Unplaced::NoLocation, Lang::Zh) => "既无坐标也无宗地编号".to_owned(),
        }
    }
}

#[cfg(test)]
#[path = "site_tests.rs"]
mod tests;
