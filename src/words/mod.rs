//! Evidence into words, at the edge: the analyses return data (the rule, the threshold, the
//! measured value, the dates); this module writes it as a sentence in the project's
//! language — Chinese as a land bureau writes it (`Lang::Zh`), or English (`Lang::En`).
//!
//! Every reason column of every table goes through [`Words`]; maps and reports call the
//! same functions, so a verdict reads the same everywhere. Code columns (`idle_class`,
//! `class`, `excluded_by`, `event`) are not words: they keep their contract codes in
//! both languages.
//!
//! # Examples
//! ```
//! use chrono::NaiveDate;
//! use parkscope::analyse::idle::{IdleEvidence, NotStarted};
//! use parkscope::project::Lang;
//! use parkscope::words::Words;
//!
//! let d = |s: &str| s.parse::<NaiveDate>().unwrap();
//! let e = IdleEvidence::SuppliedNotUsed(NotStarted::Overdue {
//!     agreed_start: d("2026-03-01"),
//!     days_overdue: 121,
//!     idle_on: d("2027-03-01"),
//! });
//! assert_eq!(
//!     e.words(Lang::Zh),
//!     "供而未用：已供地未动工，约定开工日期 2026-03-01，已逾期 121 天，2027-03-01 起将认定为闲置土地"
//! );
//! assert_eq!(
//!     e.words(Lang::En),
//!     "supplied, not started, 121 days after the agreed start of 2026-03-01; becomes idle on 2027-03-01"
//! );
//! ```

mod admit;
mod evaluate;
mod idle;
mod intensity;
mod problems;
mod report;
mod site;

pub use idle::cross_checks;
pub use report::{layer_en, layer_zh, Say};
pub use site::{factory_failures, measured, protection_with_flag, threshold};

use crate::project::Lang;

/// Evidence that can be written as words.
pub trait Words {
    /// The evidence as one sentence (or a `;`-joined list of clauses) in `lang`.
    fn words(&self, lang: Lang) -> String;
}

/// A layer's name as maps and reports write it: 宗地, 园区 … / parcels, parks ….
pub fn layer_name(kind: crate::project::LayerKind, lang: Lang) -> &'static str {
    use crate::project::LayerKind::*;
    match (kind, lang) {
        (Parks, Lang::Zh) => "园区",
        (Parcels, Lang::Zh) => "宗地",
        (Buildings, Lang::Zh) => "建筑",
        (Enterprises, Lang::Zh) => "企业",
        (Approvals, Lang::Zh) => "批准用地",
        (Constraints, Lang::Zh) => "管控约束",
        (Infrastructure, Lang::Zh) => "基础设施",
        (Factories, Lang::Zh) => "标准厂房",
        (k, Lang::En) => k.name(),
    }
}

/// The stamp of a result whose input is missing: "未提供建筑数据，未评价" / "no building
/// footprints given: not assessed".
pub fn not_assessed(input: crate::model::Input, lang: Lang) -> String {
    use crate::model::Input::*;
    let (zh, en) = match input {
        Buildings => ("未提供建筑数据", "no building footprints given"),
        Enterprises => ("未提供企业台账", "no enterprise ledger given"),
        SupplyRecords => (
            "宗地无供地状态或供地日期",
            "no parcel has a supply status or date",
        ),
        Infrastructure => ("未提供基础设施数据", "no infrastructure given"),
        Approvals => ("未提供批准用地数据", "no approval batches given"),
    };
    match lang {
        Lang::Zh => format!("{zh}，未评价"),
        Lang::En => format!("{en}: not assessed"),
    }
}

/// The stamp of a result missing several inputs: one [`not_assessed`] clause each.
pub fn not_assessed_all(inputs: &[crate::model::Input], lang: Lang) -> String {
    clauses(inputs.iter().map(|i| not_assessed(*i, lang)), lang)
}

/// Joins clauses: `"; "` in English, `"；"` in Chinese.
fn clauses<I: IntoIterator<Item = String>>(parts: I, lang: Lang) -> String {
    let sep = match lang {
        Lang::En => "; ",
        Lang::Zh => "；",
    };
    parts.into_iter().collect::<Vec<_>>().join(sep)
}

/// A count of years in Chinese words: 一年, 两年, 三年 … 十年, else `N 年`.
fn zh_years(n: i32) -> String {
    match n {
        2 => "两年".to_owned(),
        1..=10 => format!("{}年", zh_digit(n as u64)),
        _ => format!(" {n} 年"),
    }
}

/// A fraction in Chinese words (1/3 → 三分之一), digits when a part exceeds ten.
fn zh_fraction([num, den]: [u64; 2]) -> String {
    if (1..=10).contains(&num) && (1..=10).contains(&den) {
        format!("{}分之{}", zh_digit(den), zh_digit(num))
    } else {
        format!(" {num}/{den}")
    }
}

fn zh_digit(n: u64) -> &'static str {
    [
        "零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
    ][n.min(10) as usize]
}

/// A number with three significant digits, at least one decimal below 100 (as in reports).
fn sig(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.4}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_for_years_and_shares() {
        assert_eq!(zh_years(1), "一年");
        assert_eq!(zh_years(2), "两年");
        assert_eq!(zh_years(3), "三年");
        assert_eq!(zh_years(12), " 12 年");
        assert_eq!(zh_fraction([1, 3]), "三分之一");
        assert_eq!(zh_fraction([1, 4]), "四分之一");
        assert_eq!(zh_fraction([3, 20]), " 3/20");
    }

    #[test]
    fn significant_digits() {
        assert_eq!(sig(1234.5), "1234");
        assert_eq!(sig(12.34), "12.3");
        assert_eq!(sig(0.012345), "0.0123");
    }
}
