//! Proposed projects for the entry check (`admit`): a CSV or Excel table without geometry,
//! its fields found by their canonical names or Chinese aliases (DATA.md "proposals").
//! Unlike a layer, a proposal list is a request: a row that cannot be read stops the
//! check with the file, row and field named.

use std::collections::HashSet;
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::read::value::{parse_number, RawValue};
use crate::read::{read_layer, ReadOptions};

/// (canonical name, aliases) of every proposal field.
pub const PROPOSAL_FIELDS: &[(&str, &[&str])] = &[
    ("proposal_id", &["项目编号"]),
    ("name", &["项目名称", "名称"]),
    ("industry", &["行业代码"]),
    ("park_id", &["意向园区", "园区编号"]),
    ("land_mu", &["用地面积", "用地面积（亩）"]),
    ("investment", &["总投资", "总投资（万元）"]),
    ("output", &["年产值", "年产值（万元）"]),
    ("tax", &["年税收", "年税收（万元）"]),
    ("far", &["容积率"]),
    ("jobs", &["从业人员"]),
];

/// A proposed project (入园项目).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Proposal {
    /// 项目编号.
    pub id: String,
    /// 项目名称.
    pub name: Option<String>,
    /// GB/T 4754 code (2–4 digits).
    pub industry: Option<String>,
    /// 意向园区: check against this park only; `None` = every park.
    pub park_id: Option<String>,
    /// 用地面积, 亩.
    pub land_mu: Option<f64>,
    /// 总投资, 万元.
    pub investment: Option<f64>,
    /// 年产值, 万元.
    pub output: Option<f64>,
    /// 年税收, 万元.
    pub tax: Option<f64>,
    /// 容积率.
    pub far: Option<f64>,
    /// 从业人员.
    pub jobs: Option<f64>,
}

impl Proposal {
    /// The 2-digit GB/T 4754 division of the industry, when it has one.
    pub fn division(&self) -> Option<String> {
        division(self.industry.as_deref()?)
    }
}

/// The 2-digit GB/T 4754 division of an industry code (`C3911` → `39`).
pub fn division(industry: &str) -> Option<String> {
    let d: String = industry
        .chars()
        .filter(char::is_ascii_digit)
        .take(2)
        .collect();
    (d.len() == 2).then_some(d)
}

/// The column of each canonical field: the canonical name (any case), else an alias.
fn columns(fields: &[String]) -> Vec<Option<usize>> {
    PROPOSAL_FIELDS
        .iter()
        .map(|(canonical, aliases)| {
            fields
                .iter()
                .position(|f| f.trim().eq_ignore_ascii_case(canonical))
                .or_else(|| fields.iter().position(|f| aliases.contains(&f.trim())))
        })
        .collect()
}

/// Reads proposals from a `.csv` or `.xlsx` file.
///
/// # Errors
/// A file that cannot be read, a file of another type, no `proposal_id` (项目编号)
/// column, a row without an id, a repeated id, a value that is not a number or is
/// negative.
pub fn read_proposals(path: &Path) -> Result<Vec<Proposal>> {
    let file = path.display().to_string();
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    if !matches!(
        ext.as_str(),
        "csv" | "txt" | "xlsx" | "xls" | "xlsm" | "ods"
    ) {
        return Err(Error::in_file(
            file,
            format!("proposals must be a .csv or .xlsx table, not .{ext}"),
        ));
    }
    let raw = read_layer(path, &ReadOptions::default())?;
    if let Some(p) = raw.problems.first() {
        return Err(Error::Input {
            at: Location {
                file,
                feature: p.feature,
                id: p.id.clone(),
                field: p.field.clone(),
            },
            reason: p.reason.to_string(),
        });
    }
    let cols = columns(&raw.fields);
    if cols[0].is_none() {
        return Err(Error::in_file(
            file,
            format!(
                "no proposal_id (项目编号) column (columns: {})",
                raw.fields.join(", ")
            ),
        ));
    }
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(raw.features.len());
    for f in &raw.features {
        let at = |k: usize| Location {
            file: file.clone(),
            feature: Some(f.number),
            id: None,
            field: cols[k].map(|c| raw.fields[c].clone()),
        };
        let value = |k: usize| -> &RawValue {
            cols[k]
                .and_then(|c| f.values.get(c))
                .unwrap_or(&RawValue::Null)
        };
        let text = |k: usize| value(k).as_text();
        let number = |k: usize| -> Result<Option<f64>> {
            match parse_number(value(k)) {
                Ok(Some(n)) if n < 0.0 => Err(Error::Input {
                    at: at(k),
                    reason: format!("{n} is negative"),
                }),
                Ok(n) => Ok(n),
                Err(reason) => Err(Error::Input {
                    at: at(k),
                    reason: reason.to_string(),
                }),
            }
        };
        let Some(id) = text(0) else {
            if f.values.iter().all(|v| v.as_text().is_none()) {
                continue; // a blank row
            }
            return Err(Error::Input {
                at: at(0),
                reason: "the proposal has no proposal_id".into(),
            });
        };
        if !seen.insert(id.clone()) {
            return Err(Error::Input {
                at: at(0),
                reason: format!("proposal_id {id} is given twice"),
            });
        }
        out.push(Proposal {
            id,
            name: text(1),
            industry: text(2),
            park_id: text(3),
            land_mu: number(4)?,
            investment: number(5)?,
            output: number(6)?,
            tax: number(7)?,
            far: number(8)?,
            jobs: number(9)?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_headers_and_divisions() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.csv");
        std::fs::write(
            &p,
            "项目编号,项目名称,行业代码,意向园区,用地面积,总投资,年产值,年税收,容积率,从业人员\nX1,甲,C3911,P1,20,7000,,500,1.2,80\n,,,,,,,,,\nX2,乙,26,,10,3000,4000,,,\n",
        )
        .unwrap();
        let ps = read_proposals(&p).unwrap();
        assert_eq!(ps.len(), 2, "the blank row is skipped");
        assert_eq!(ps[0].division().as_deref(), Some("39"));
        assert_eq!(
            (
                ps[0].land_mu,
                ps[0].output,
                ps[0].tax,
                ps[0].park_id.as_deref()
            ),
            (Some(20.0), None, Some(500.0), Some("P1"))
        );
        assert_eq!(ps[1].park_id, None);
        std::fs::write(&p, "proposal_id,land_mu\nX1,abc\n").unwrap();
        let e = read_proposals(&p).unwrap_err().to_string();
        assert!(e.contains("land_mu") && e.contains("abc"), "{e}");
        std::fs::write(&p, "proposal_id,land_mu\nX1,1\nX1,2\n").unwrap();
        assert!(read_proposals(&p)
            .unwrap_err()
            .to_string()
            .contains("twice"));
        std::fs::write(&p, "名称,land_mu\nX1,1\n").unwrap();
        assert!(read_proposals(&p)
            .unwrap_err()
            .to_string()
            .contains("proposal_id"));
    }
}
