//! The appendix: the rule editions and their sources, the date judged at, the data each
//! layer came from (the workbook's notes sheet, the same rows), and every problem loading
//! found.

use super::doc::{table, Align, Block};
use crate::problems::{LoadReport, Severity};
use crate::words::Say;

/// The most load-report problems the appendix lists.
pub const PROBLEM_CAP: usize = 300;

/// The appendix blocks; `about` are the notes sheet's rows (label, value).
pub fn appendix(about: &[(String, String)], load: &LoadReport, say: Say) -> Vec<Block> {
    let t = |zh: &str, en: &str| say.t(zh, en);
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: t("附录", "Appendix"),
        },
        Block::Heading {
            level: 2,
            text: t("评价依据、时点与数据来源", "Rules, date and data sources"),
        },
        Block::Facts {
            rows: about.to_vec(),
        },
        Block::Heading {
            level: 2,
            text: t("数据检查发现的问题", "Problems found loading the data"),
        },
    ];
    let mut rows = Vec::new();
    let mut total = 0;
    for (layer, r) in &load.layers {
        for p in &r.problems {
            total += 1;
            if rows.len() >= PROBLEM_CAP {
                continue;
            }
            let severity = match p.severity {
                Severity::Rejected => t("剔除", "rejected"),
                Severity::Repaired => t("修复", "repaired"),
                Severity::Warning => t("提示", "warning"),
            };
            let name = crate::project::LayerKind::ALL
                .iter()
                .find(|k| k.name() == layer)
                .map_or(layer.as_str(), |k| crate::words::layer_name(*k, say.lang));
            rows.push(vec![
                name.to_owned(),
                severity,
                p.feature.map(|f| f.to_string()).unwrap_or_default(),
                p.id.clone().unwrap_or_default(),
                p.field.clone().unwrap_or_default(),
                crate::words::Words::words(&p.reason, say.lang),
            ]);
        }
    }
    if rows.is_empty() {
        blocks.push(Block::Para {
            text: t(
                "读入各图层时未发现问题。",
                "Loading found no problem in any layer.",
            ),
        });
        return blocks;
    }
    blocks.push(table(
        t("数据问题清单", "Problems by layer"),
        &[
            (&t("图层", "Layer"), Align::Left, 1.1),
            (&t("处理", "Outcome"), Align::Center, 0.7),
            (&t("要素", "Feature"), Align::Right, 0.6),
            (&t("编号", "Id"), Align::Left, 2.0),
            (&t("字段", "Field"), Align::Left, 1.0),
            (&t("问题", "Problem"), Align::Left, 3.6),
        ],
        rows,
    ));
    if total > PROBLEM_CAP {
        blocks.push(Block::Note {
            text: match say.lang {
                crate::project::Lang::Zh => format!("共 {total} 条问题，此处列出前 {PROBLEM_CAP} 条；完整清单见 parkscope check --json。"),
                crate::project::Lang::En => format!("{total} problems; the first {PROBLEM_CAP} are listed, all of them by parkscope check --json."),
            },
        });
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::problems::{LayerReport, Problem, Reason};
    use crate::project::Lang;

    /// The problem table speaks the project's language: a zh report writes the reasons in
    /// Chinese with their values, an en report in English.
    #[test]
    fn the_problem_table_is_in_the_projects_language() {
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        let mut load = LoadReport::default();
        let mut layer = LayerReport::default();
        layer.add(vec![Problem::new(
            Severity::Warning,
            None,
            Reason::SuppliedBeforeApproval {
                supplied: d("2015-03-01"),
                batch: Some("PC-1".into()),
                approved: d("2016-05-01"),
            },
        )
        .with_id(Some("P-7"))]);
        load.layers.insert("parcels".into(), layer);
        let rows = |lang| {
            appendix(&[], &load, Say { lang })
                .into_iter()
                .find_map(|b| match b {
                    Block::Table { rows, .. } => Some(rows),
                    _ => None,
                })
                .expect("a problem table")
        };
        let zh = rows(Lang::Zh);
        assert_eq!(zh[0][1], "提示");
        assert_eq!(
            zh[0][5],
            "供地日期 2015-03-01 早于所在批次 PC-1 的批准日期 2016-05-01，两个日期必有一误（保留）"
        );
        let en = rows(Lang::En);
        assert!(en[0][5].starts_with("supplied on 2015-03-01, before approval batch PC-1"));
    }
}
