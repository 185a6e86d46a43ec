//! Problems found in the input ([`Reason`]) in words: English for `check`, its JSON and
//! the one-line refusals; the project's language in the report's problem table.

use std::fmt;

use crate::problems::{CreditCodeFault, Expected, NotA, Reason};
use crate::project::Lang;

use super::Words;

impl Words for NotA {
    fn words(&self, lang: Lang) -> String {
        let found = &self.found;
        match (self.expected, lang) {
            (Expected::Number, Lang::En) => format!("{found} is not a number"),
            (Expected::FiniteNumber, Lang::En) => format!("{found} is not a finite number"),
            (Expected::YesNo, Lang::En) => {
                format!("{found} is not a yes/no value (accepted: 是/否, true/false, 1/0, Y/N)")
            }
            (Expected::Date, Lang::En) => format!(
                "{found} is not a date (accepted: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日)"
            ),
            (Expected::Number, Lang::Zh) => format!("{} 不是数字", zh_quoted(found)),
            (Expected::FiniteNumber, Lang::Zh) => format!("{found} 不是有限数值"),
            (Expected::YesNo, Lang::Zh) => format!(
                "{} 不是“是/否”值（可填：是/否、true/false、1/0、Y/N）",
                zh_quoted(found)
            ),
            (Expected::Date, Lang::Zh) => format!(
                "{} 不是日期（可填：2024-03-01、2024/3/1、2024.3.1、2024年3月1日）",
                zh_quoted(found)
            ),
        }
    }
}

/// A value shown in "…" by the readers, in Chinese quotation marks.
fn zh_quoted(found: &str) -> String {
    match found.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        Some(inner) => format!("“{inner}”"),
        None => found.to_owned(),
    }
}

impl Words for Reason {
    fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (Reason::NotA(e), _) => e.words(lang),
            (Reason::Negative { value }, Lang::En) => format!("{value} is negative"),
            (Reason::Negative { value }, Lang::Zh) => format!("{value} 为负数"),
            (Reason::Implausible(i), Lang::En) => format!(
                "{} is outside the plausible range {} (plausibility-{} {}): read as empty",
                i.shown, i.range, i.edition, i.key
            ),
            (Reason::Implausible(i), Lang::Zh) => format!(
                "{} 超出合理范围 {}（plausibility-{} {}），按空值处理",
                i.shown, i.range, i.edition, i.key
            ),
            (Reason::AfterAsOf { date, as_of }, Lang::En) => format!(
                "{date} is after the project's as-of date {as_of}: what it dates cannot have happened yet (kept)"
            ),
            (Reason::AfterAsOf { date, as_of }, Lang::Zh) => format!(
                "{date} 晚于现状基准日 {as_of}，所记事项不应已发生（保留）"
            ),
            (Reason::OutOfOrder(o), Lang::En) => format!(
                "{} {} is before {} {}: dates out of order (kept)",
                o.later.0, o.later.1, o.earlier.0, o.earlier.1
            ),
            (Reason::OutOfOrder(o), Lang::Zh) => format!(
                "{} {} 早于 {} {}，日期先后颠倒（保留）",
                o.later.0, o.later.1, o.earlier.0, o.earlier.1
            ),
            (Reason::NotOneOf { text, accepted }, Lang::En) => {
                format!("\"{text}\" is not one of: {accepted}")
            }
            (Reason::NotOneOf { text, accepted }, Lang::Zh) => {
                format!("“{text}”不是可用取值之一：{accepted}")
            }
            (Reason::RequiredEmpty { field }, Lang::En) => {
                format!("the required field {field} is empty")
            }
            (Reason::RequiredEmpty { field }, Lang::Zh) => format!("必填字段 {field} 为空"),
            (
                Reason::SuppliedBeforeApproval {
                    supplied,
                    batch,
                    approved,
                },
                Lang::En,
            ) => format!(
                "supplied on {supplied}, before approval batch {} that it lies in was approved on {approved}: one of the two dates is wrong (kept)",
                batch.as_deref().unwrap_or("(no id)")
            ),
            (
                Reason::SuppliedBeforeApproval {
                    supplied,
                    batch,
                    approved,
                },
                Lang::Zh,
            ) => format!(
                "供地日期 {supplied} 早于所在批次 {} 的批准日期 {approved}，两个日期必有一误（保留）",
                batch.as_deref().unwrap_or("（无编号）")
            ),
            (Reason::NoGeometry { polygon: true }, Lang::En) => {
                "no geometry (a polygon is required)".to_owned()
            }
            (Reason::NoGeometry { polygon: false }, Lang::En) => "no geometry".to_owned(),
            (Reason::NoGeometry { polygon: true }, Lang::Zh) => "无几何图形（须为面）".to_owned(),
            (Reason::NoGeometry { polygon: false }, Lang::Zh) => "无几何图形".to_owned(),
            (Reason::Repaired { why, area_m2 }, Lang::En) => format!(
                "invalid polygon ({why}) repaired: area {:.1} m² → {:.1} m²",
                area_m2.0, area_m2.1
            ),
            (Reason::Repaired { why, area_m2 }, Lang::Zh) => format!(
                "无效多边形（{why}）已修复：面积 {:.1} 平方米 → {:.1} 平方米",
                area_m2.0, area_m2.1
            ),
            (Reason::DuplicateId { id }, Lang::En) => {
                format!("duplicate id {id}: an earlier feature has it")
            }
            (Reason::DuplicateId { id }, Lang::Zh) => format!("编号 {id} 重复：前面已有要素使用"),
            (Reason::CreditCode { code, fault }, Lang::En) => {
                format!("credit code {code}: {} (kept)", fault.words(lang))
            }
            (Reason::CreditCode { code, fault }, Lang::Zh) => {
                format!("统一社会信用代码 {code}：{}（保留）", fault.words(lang))
            }
            (Reason::LatitudeFirst { at }, Lang::En) => format!(
                "coordinates ({:.6}, {:.6}) look like latitude, longitude: GeoJSON and parkscope expect longitude first",
                at.0, at.1
            ),
            (Reason::LatitudeFirst { at }, Lang::Zh) => format!(
                "坐标 ({:.6}, {:.6}) 像是纬度在前：GeoJSON 与 parkscope 要求经度在前",
                at.0, at.1
            ),
            (Reason::OutsideChina { at }, Lang::En) => format!(
                "coordinate ({:.6}, {:.6}) lies outside China's extent (lon 73–136, lat 3–54)",
                at.0, at.1
            ),
            (Reason::OutsideChina { at }, Lang::Zh) => format!(
                "坐标 ({:.6}, {:.6}) 在中国范围之外（经度 73–136，纬度 3–54）",
                at.0, at.1
            ),
            (Reason::DegreesInMetricLayer { at, crs }, Lang::En) => format!(
                "coordinate ({:.6}, {:.6}) is longitude/latitude in degrees, but the layer is declared {crs} in metres: declare its crs as \"EPSG:4490\" (CGCS2000) or \"wgs84\"",
                at.0, at.1
            ),
            (Reason::DegreesInMetricLayer { at, crs }, Lang::Zh) => format!(
                "坐标 ({:.6}, {:.6}) 是经纬度（度），但图层声明为以米为单位的 {crs}：请将其 crs 声明为 \"EPSG:4490\"（CGCS2000）或 \"wgs84\"",
                at.0, at.1
            ),
            (Reason::WrongGeometry { found, polygon: true }, Lang::En) => {
                format!("a {found} where a polygon is required")
            }
            (Reason::WrongGeometry { found, polygon: false }, Lang::En) => {
                format!("a {found} where a point is expected: its centroid is used")
            }
            (Reason::WrongGeometry { found, polygon: true }, Lang::Zh) => {
                format!("几何类型为 {found}，此处须为面")
            }
            (Reason::WrongGeometry { found, polygon: false }, Lang::Zh) => {
                format!("几何类型为 {found}，此处应为点：取其质心")
            }
            (Reason::Unplaced, Lang::En) => {
                "neither a location nor a parcel_id: the enterprise cannot be placed on a parcel"
                    .to_owned()
            }
            (Reason::Unplaced, Lang::Zh) => {
                "既无位置也无宗地代码（parcel_id）：无法将企业落到宗地上".to_owned()
            }
            (Reason::ServiceNotAssessed(m), Lang::En) => format!(
                "no {} feature: the {} service of serviced land (熟地) is not assessed",
                m.kind, m.service.0
            ),
            (Reason::ServiceNotAssessed(m), Lang::Zh) => {
                format!("无 {} 要素：熟地的{}条件未评价", m.kind, m.service.1)
            }
            (Reason::Other(s), _) => s.clone(),
        }
    }
}

impl Words for CreditCodeFault {
    fn words(&self, lang: Lang) -> String {
        match (*self, lang) {
            (CreditCodeFault::Length(n), Lang::En) => {
                format!("{n} characters, a credit code has 18")
            }
            (CreditCodeFault::Length(n), Lang::Zh) => format!("共 {n} 位，信用代码应为 18 位"),
            (CreditCodeFault::Character(c), Lang::En) => {
                format!("character {c} is not allowed in a credit code")
            }
            (CreditCodeFault::Character(c), Lang::Zh) => format!("含信用代码不允许的字符 {c}"),
            (CreditCodeFault::Check { found, expected }, Lang::En) => {
                format!("check character is {found} but should be {expected}")
            }
            (CreditCodeFault::Check { found, expected }, Lang::Zh) => {
                format!("校验码为 {found}，应为 {expected}")
            }
        }
    }
}

impl fmt::Display for CreditCodeFault {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

impl fmt::Display for NotA {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.words(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English words are the messages `check` has always printed; the Chinese ones
    /// carry the same values.
    #[test]
    fn reasons_read_in_both_languages_with_their_values() {
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let r = Reason::SuppliedBeforeApproval {
            supplied: d("2015-03-01"),
            batch: Some("PC-2016-01".into()),
            approved: d("2016-05-01"),
        };
        assert_eq!(
            r.to_string(),
            "supplied on 2015-03-01, before approval batch PC-2016-01 that it lies in was approved on 2016-05-01: one of the two dates is wrong (kept)"
        );
        assert_eq!(
            r.words(Lang::Zh),
            "供地日期 2015-03-01 早于所在批次 PC-2016-01 的批准日期 2016-05-01，两个日期必有一误（保留）"
        );
        let n = Reason::NotA(NotA {
            found: "\"十二\"".into(),
            expected: Expected::Number,
        });
        assert_eq!(n.to_string(), "\"十二\" is not a number");
        assert_eq!(n.words(Lang::Zh), "“十二” 不是数字");
        let o = Reason::OutOfOrder(Box::new(crate::problems::OutOfOrder {
            earlier: ("agreed_start".into(), d("2024-01-01")),
            later: ("agreed_completion".into(), d("2023-06-30")),
        }));
        assert_eq!(
            o.to_string(),
            "agreed_completion 2023-06-30 is before agreed_start 2024-01-01: dates out of order (kept)"
        );
        assert!(o.words(Lang::Zh).contains("日期先后颠倒"));
        let c = Reason::CreditCode {
            code: "914403001922038217".into(),
            fault: CreditCodeFault::Check {
                found: '7',
                expected: '6',
            },
        };
        assert_eq!(
            c.to_string(),
            "credit code 914403001922038217: check character is 7 but should be 6 (kept)"
        );
        assert_eq!(
            c.words(Lang::Zh),
            "统一社会信用代码 914403001922038217：校验码为 7，应为 6（保留）"
        );
    }
}
