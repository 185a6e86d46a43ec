//! How a workbook column reads as a land bureau's ledger (台账): its number format, whether
//! it holds ids (stored and formatted as text, so an 18-digit credit code never becomes
//! 9.1E+17), and — for a Chinese project — the Chinese words for the contract's codes
//! (`supplied` → 已供, `idle` → 闲置土地, `true` → 是). Decided from the column's key, whose
//! suffix is its unit by the naming rules of the output contract; CSV and GeoJSON keep
//! the codes.

use crate::analyse::idle::IdleClass;

/// The look of one column's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Ids and codes: text, never a number.
    Id,
    /// Free text, wrapped when long.
    Text,
    /// Areas in m² or 亩: thousands separators, 2 decimals.
    Area,
    /// Areas in hectares: 4 decimals.
    Hectares,
    /// Rates, shares and 0–1 ratios: a percentage with 2 decimals.
    Percent,
    /// Money (万元, 万元/亩, …): thousands separators, 2 decimals.
    Money,
    /// Plain measures (容积率, scores): 2 decimals.
    Decimal,
    /// Counts, ranks, years, days: whole numbers.
    Whole,
    /// Distances in metres: whole metres with separators.
    Metres,
}

impl Style {
    /// The Excel number format.
    pub(crate) fn num_format(self) -> &'static str {
        match self {
            Style::Id | Style::Text => "@",
            Style::Area | Style::Money => "#,##0.00",
            Style::Hectares => "#,##0.0000",
            Style::Percent => "0.00%",
            Style::Decimal => "0.00",
            Style::Whole => "0",
            Style::Metres => "#,##0",
        }
    }
}

/// The style of a column, from its key.
pub(crate) fn style_of(key: &str) -> Style {
    const IDS: &[&str] = &[
        "industry",
        "land_use",
        "preset",
        "class",
        "event",
        "excluded_by",
    ];
    const PERCENT: &[&str] = &[
        "coverage",
        "rd_ratio",
        "surplus_ratio",
        "industrial_coverage",
    ];
    const WHOLE: &[&str] = &[
        "enterprises",
        "rank",
        "days",
        "within_days",
        "phase",
        "choice",
        "parcels",
        "cluster_n",
    ];
    const DECIMAL: &[&str] = &["far", "industrial_far", "far_min_required", "score"];
    let k = key;
    if k.ends_with("_id") || k.ends_with("_ids") || IDS.contains(&k) {
        Style::Id
    } else if PERCENT.contains(&k) || k.ends_with("_rate") || k.ends_with("_share") {
        Style::Percent
    } else if k.ends_with("_ha") && !k.contains("per_ha") {
        Style::Hectares
    } else if k.ends_with("_m2") || k.ends_with("_mu") && !k.contains("per_mu") {
        Style::Area
    } else if k.contains("_per_") || k == "productivity" {
        Style::Money
    } else if WHOLE.contains(&k) {
        Style::Whole
    } else if k.ends_with("_m") {
        Style::Metres
    } else if DECIMAL.contains(&k) || k.ends_with("_pts") || k.ends_with("_penalty") {
        Style::Decimal
    } else {
        Style::Text
    }
}

/// The Chinese words for a code in a column of the contract, when it has them; a list of
/// services (`road;power`) becomes `道路、供电`.
pub(crate) fn zh_value(key: &str, code: &str) -> Option<std::borrow::Cow<'static, str>> {
    if key == "services" {
        use crate::project::land::Service;
        let words: Option<Vec<&str>> = code
            .split(';')
            .filter(|c| !c.is_empty())
            .map(|c| {
                Service::ALL
                    .into_iter()
                    .find(|v| v.name() == c)
                    .map(Service::zh)
            })
            .collect();
        return words.map(|w| w.join("、").into());
    }
    zh_word(key, code).map(Into::into)
}

/// The one Chinese word of a single code.
fn zh_word(key: &str, code: &str) -> Option<&'static str> {
    Some(match key {
        "status" => match code {
            "supplied" => "已供",
            "approved" => "已批",
            "unapproved" => "未批",
            _ => return None,
        },
        "idle_class" => IdleClass::ALL.iter().find(|c| c.name() == code)?.zh(),
        "park_type" => match code {
            "industry_led" => "工业主导型",
            "integrated" => "产城融合型",
            "other" => "其他",
            _ => return None,
        },
        "event" => match code {
            "becomes_idle" => "将认定为闲置土地",
            "becomes_recoverable" => "将可无偿收回",
            "becomes_built_not_producing" => "将认定为建而未投",
            _ => return None,
        },
        "excluded_by" => match code {
            "industry" => "产业不符",
            "area" => "面积不足",
            "buffer" => "防护距离不足",
            "exclusion" => "位于禁止建设区",
            _ => return None,
        },
        "park_id" if code == "(all)" => "（合计）",
        _ => return None,
    })
}

/// Columns a Chinese workbook leaves out because another column already says the same in
/// Chinese (`idle_class_zh` once `idle_class` is 闲置土地 …).
pub(crate) fn zh_redundant(key: &str) -> bool {
    key.ends_with("_zh")
}

/// The display width of text in Excel's character units (CJK characters count two).
pub(crate) fn text_width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 1.1 } else { 2.1 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_follow_the_unit_suffixes() {
        assert_eq!(style_of("enterprise_id"), Style::Id);
        assert_eq!(style_of("parcel_ids"), Style::Id);
        assert_eq!(style_of("industry"), Style::Id);
        assert_eq!(style_of("area_m2"), Style::Area);
        assert_eq!(style_of("approved_not_supplied_mu"), Style::Area);
        assert_eq!(style_of("area_ha"), Style::Hectares);
        assert_eq!(style_of("employees_per_ha"), Style::Money);
        assert_eq!(style_of("tax_per_mu"), Style::Money);
        assert_eq!(style_of("supply_rate"), Style::Percent);
        assert_eq!(style_of("top5_tax_share"), Style::Percent);
        assert_eq!(style_of("coverage"), Style::Percent);
        assert_eq!(style_of("far"), Style::Decimal);
        assert_eq!(style_of("protection_m"), Style::Metres);
        assert_eq!(style_of("rank"), Style::Whole);
        assert_eq!(style_of("idle_reason"), Style::Text);
    }

    #[test]
    fn codes_have_chinese_words() {
        assert_eq!(zh_value("status", "supplied").as_deref(), Some("已供"));
        assert_eq!(
            zh_value("idle_class", "producing_below_standard").as_deref(),
            Some("投而未达标")
        );
        assert_eq!(zh_value("idle_class", "none").as_deref(), Some("正常"));
        assert_eq!(zh_value("name", "supplied"), None, "only code columns");
        assert_eq!(
            zh_value("services", "road;power;wastewater").as_deref(),
            Some("道路、供电、污水处理")
        );
        assert_eq!(
            zh_value("services", "road;sewer"),
            None,
            "an unknown code stays"
        );
        assert!(zh_redundant("idle_class_zh"));
    }
}
