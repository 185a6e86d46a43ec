//! Attribute values as read from a file, and their parsing into typed values.
//!
//! Files hold the same fact in many spellings: `2024-03-01`, `2024/3/1`, `2024年3月1日`;
//! `是`/`否`, `Y`/`N`, `1`/`0`; `已供`, `supplied`. Parsing lives here, once, so every
//! reader and every layer accepts the same forms (DATA.md "Values").

use chrono::NaiveDate;
use compact_str::CompactString;

pub use crate::problems::{Expected, NotA};

/// One attribute value as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// Empty, null or missing: unknown, never false or zero.
    Null,
    /// A boolean the format itself typed.
    Bool(bool),
    /// A number the format itself typed.
    Number(f64),
    /// Text. Up to 24 bytes (ids, codes, dates, most names) held inline without a heap
    /// allocation: a million-parcel layer has tens of millions of them.
    Text(CompactString),
    /// A list (a JSON array).
    List(Vec<String>),
    /// A date the format itself typed (DBF `D`, Excel dates).
    Date(NaiveDate),
}

impl RawValue {
    /// True when the value is empty: null, or text that is blank.
    pub fn is_empty(&self) -> bool {
        match self {
            RawValue::Null => true,
            RawValue::Text(s) => s.trim().is_empty(),
            RawValue::List(l) => l.is_empty(),
            _ => false,
        }
    }

    /// The value as text, for ids, names and codes. Numbers print without a trailing
    /// `.0` so that an id typed as a number in a spreadsheet keeps its digits.
    pub fn as_text(&self) -> Option<String> {
        match self {
            RawValue::Null => None,
            RawValue::Bool(b) => Some(b.to_string()),
            RawValue::Number(n) => Some(number_to_text(*n)),
            RawValue::Text(s) => {
                let t = s.trim();
                (!t.is_empty()).then(|| t.to_owned())
            }
            RawValue::List(l) => (!l.is_empty()).then(|| l.join(",")),
            RawValue::Date(d) => Some(d.to_string()),
        }
    }
}

/// A number as text without a spurious fraction: 913701990029787746 stays as written.
pub fn number_to_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e17 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Parses a number: `1234.5`, `1,234.5`, `１２３` (full-width), with surrounding blanks.
/// Rejects NaN and infinities.
pub fn parse_number(v: &RawValue) -> Result<Option<f64>, NotA> {
    let not = |found: String| NotA {
        found,
        expected: Expected::Number,
    };
    let n = match v {
        RawValue::Null => return Ok(None),
        RawValue::Number(n) => *n,
        RawValue::Bool(b) => return Err(not(b.to_string())),
        RawValue::Date(d) => return Err(not(d.to_string())),
        RawValue::List(_) => return Err(not("a list".into())),
        RawValue::Text(s) => {
            let t = normalise_width(s.trim());
            if t.is_empty() {
                return Ok(None);
            }
            let t = t.replace([',', '，'], "");
            t.parse::<f64>()
                .map_err(|_| not(format!("\"{}\"", s.trim())))?
        }
    };
    if n.is_finite() {
        Ok(Some(n))
    } else {
        Err(NotA {
            found: n.to_string(),
            expected: Expected::FiniteNumber,
        })
    }
}

/// Parses a boolean: true/false, 是/否, 1/0, Y/N, yes/no, 有/无. Empty is unknown.
pub fn parse_bool(v: &RawValue) -> Result<Option<bool>, NotA> {
    let not = |found: String| NotA {
        found,
        expected: Expected::YesNo,
    };
    match v {
        RawValue::Null => Ok(None),
        RawValue::Bool(b) => Ok(Some(*b)),
        RawValue::Number(n) if *n == 1.0 => Ok(Some(true)),
        RawValue::Number(n) if *n == 0.0 => Ok(Some(false)),
        RawValue::Text(s) => {
            let t = s.trim().to_lowercase();
            match t.as_str() {
                "" => Ok(None),
                "true" | "t" | "yes" | "y" | "1" | "是" | "有" | "已投产" | "投产" => {
                    Ok(Some(true))
                }
                "false" | "f" | "no" | "n" | "0" | "否" | "无" | "未投产" => Ok(Some(false)),
                _ => Err(not(format!("\"{}\"", s.trim()))),
            }
        }
        other => Err(not(format!("{other:?}"))),
    }
}

/// Parses a date written as a person would: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日
/// or 20240301 (the forms parkscope accepts in every layer).
///
/// # Errors
/// Text that is empty or not one of those forms, with the accepted forms in the message.
pub fn parse_date_text(text: &str) -> Result<NaiveDate, String> {
    parse_date(&RawValue::Text(text.into()))
        .map_err(|e| e.to_string())?
        .ok_or_else(|| "an empty date".to_owned())
}

/// Parses a date: 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301, and
/// ISO date-times (the time is dropped). Empty is no date.
pub fn parse_date(v: &RawValue) -> Result<Option<NaiveDate>, NotA> {
    let s = match v {
        RawValue::Null => return Ok(None),
        RawValue::Date(d) => return Ok(Some(*d)),
        RawValue::Text(s) => s.trim(),
        RawValue::Number(n) if n.fract() == 0.0 && (19000101.0..=21001231.0).contains(n) => {
            return parse_date(&RawValue::Text(format!("{}", *n as i64).into()));
        }
        other => {
            return Err(NotA {
                found: format!("{other:?}"),
                expected: Expected::Date,
            })
        }
    };
    if s.is_empty() {
        return Ok(None);
    }
    let bad = || NotA {
        found: format!("\"{s}\""),
        expected: Expected::Date,
    };
    let t = normalise_width(s);
    // Drop a time part: "2024-03-01T00:00:00", "2024/3/1 0:00:00".
    let date_part = t.split(['T', ' ']).next().unwrap_or_default();
    let cleaned: String = date_part
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '.' => '-',
            '日' => ' ',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim();
    let parts: Vec<&str> = cleaned.split('-').collect();
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] => (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()),
        [ymd] if ymd.len() == 8 && ymd.chars().all(|c| c.is_ascii_digit()) => (
            ymd[0..4].parse::<i32>(),
            ymd[4..6].parse::<u32>(),
            ymd[6..8].parse::<u32>(),
        ),
        _ => return Err(bad()),
    };
    match (y, m, d) {
        (Ok(y), Ok(m), Ok(d)) if (1900..=2200).contains(&y) => {
            NaiveDate::from_ymd_opt(y, m, d).map(Some).ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

/// Splits a list given as one string: separated by `,` `，` `、` `;` `；` or blanks.
pub fn parse_list(v: &RawValue) -> Vec<String> {
    match v {
        RawValue::List(l) => l
            .iter()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        other => match other.as_text() {
            Some(s) => s
                .split([',', '，', '、', ';', '；', ' ', '\t', '|'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            None => Vec::new(),
        },
    }
}

/// Full-width digits and signs (as typed with a Chinese IME) to ASCII.
fn normalise_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '－' => '-',
            '／' => '/',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> RawValue {
        RawValue::Text(s.into())
    }
    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    #[test]
    fn dates_in_every_bureau_spelling() {
        for s in [
            "2024-03-01",
            "2024/3/1",
            "2024.3.1",
            "2024年3月1日",
            "20240301",
            "2024-03-01T00:00:00",
            "2024/3/1 0:00:00",
            "２０２４年３月１日",
        ] {
            assert_eq!(parse_date(&t(s)), Ok(d(2024, 3, 1)), "{s}");
        }
        assert_eq!(parse_date(&t("")), Ok(None));
        assert_eq!(parse_date(&RawValue::Null), Ok(None));
        assert!(parse_date(&t("2024/13/01"))
            .unwrap_err()
            .to_string()
            .contains("not a date"));
        assert!(parse_date(&t("2023-02-29")).is_err());
        assert_eq!(parse_date(&t("2024-02-29")), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn booleans_in_chinese_and_english() {
        for (s, b) in [
            ("是", true),
            ("否", false),
            ("Y", true),
            ("n", false),
            ("1", true),
            ("false", false),
        ] {
            assert_eq!(parse_bool(&t(s)), Ok(Some(b)), "{s}");
        }
        assert_eq!(parse_bool(&t("")), Ok(None), "empty is unknown, not false");
        assert!(parse_bool(&t("maybe")).is_err());
    }

    #[test]
    fn numbers_with_separators_and_full_width() {
        assert_eq!(parse_number(&t("1,234.5")), Ok(Some(1234.5)));
        assert_eq!(parse_number(&t("１２３")), Ok(Some(123.0)));
        assert!(parse_number(&t("abc")).is_err());
        assert!(parse_number(&t("NaN")).is_err());
        assert!(parse_number(&RawValue::Number(f64::INFINITY)).is_err());
    }

    #[test]
    fn lists_in_any_separator() {
        assert_eq!(
            parse_list(&t("26、27，39; 40 41")),
            vec!["26", "27", "39", "40", "41"]
        );
        assert_eq!(
            parse_list(&RawValue::List(vec!["A".into(), " B ".into()])),
            vec!["A", "B"]
        );
    }

    #[test]
    fn long_numeric_ids_keep_their_digits() {
        assert_eq!(
            RawValue::Number(3301070001.0).as_text().as_deref(),
            Some("3301070001")
        );
    }
}
