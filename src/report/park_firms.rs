//! Enterprises and relocation of one park: the A/B/C/D shares (the parks table's
//! class_counts), the tax concentration, the D- and T-class lists with their reasons (the
//! enterprises table), and the moves into the park (the siting plan table).

use std::collections::HashSet;

use rayon::prelude::*;

use super::charts;
use super::city::class_counts;
use super::doc::{table, Align, Block};
use super::park::{ParkInput, Picture};
use super::view::{fixed, number, pct, text, View, DASH};
use crate::analyse::evaluate::EvalClass;
use crate::render::eval_color;
use crate::write::Cell;

/// The most enterprises a park's D- or T-class list prints.
pub const FIRM_LIST_CAP: usize = 40;

/// The enterprises table: its column index by key and every row.
pub struct Firms<'a> {
    /// The table's columns.
    pub view: View<'a>,
    /// Every row, made once.
    pub rows: Vec<Vec<Cell>>,
}

impl<'a> Firms<'a> {
    /// Reads every row of the enterprises table once.
    pub fn new(view: View<'a>) -> Firms<'a> {
        let rows = (0..view.len())
            .into_par_iter()
            .map(|i| view.row(i).into_owned())
            .collect();
        Firms { view, rows }
    }

    /// The rows on the park's parcels (an enterprise on parcels of two parks is in both).
    fn of(&self, p: &ParkInput<'_>) -> Vec<&Vec<Cell>> {
        let ids: HashSet<&str> = p.parcels.iter().map(|q| q.id.as_str()).collect();
        let col = self.view.col("parcel_ids");
        self.rows
            .iter()
            .filter(|r| text(r, col).split(',').any(|id| ids.contains(id.trim())))
            .collect()
    }
}

/// The enterprise section; `firms` is the enterprises table, `None` without a ledger.
pub fn enterprises(p: &ParkInput<'_>, firms: Option<&Firms<'_>>) -> (Vec<Block>, Vec<Picture>) {
    let say = p.say;
    let t = |zh: &str, en: &str| say.t(zh, en);
    let mut blocks = vec![Block::Heading {
        level: 2,
        text: t("企业亩均效益评价", "Enterprises: per-mu evaluation"),
    }];
    let Some(firms) = firms else {
        blocks.push(Block::Note {
            text: say.not_assessed(
                "企业亩均效益与分类",
                "The per-mu evaluation of enterprises",
                "enterprises",
            ),
        });
        return (blocks, Vec::new());
    };
    let (r, c) = (&p.row, p.col);
    let rows = firms.of(p);
    let preset = rows
        .first()
        .map(|r| text(r, firms.view.col("preset")))
        .unwrap_or_default();
    let counts = class_counts(&text(r, c("class_counts")));
    blocks.push(Block::Facts {
        rows: vec![
            (t("企业数", "Enterprises"), text(r, c("enterprises"))),
            (
                t(
                    "各类企业数（A/B/C/D/T）",
                    "Enterprises by class (A/B/C/D/T)",
                ),
                counts.join(" / "),
            ),
            (
                t(
                    "最大纳税企业税收占比",
                    "Share of tax paid by the largest taxpayer",
                ),
                pct(r, c("top1_tax_share")),
            ),
            (
                t("前五纳税企业税收占比", "Share paid by the five largest"),
                pct(r, c("top5_tax_share")),
            ),
            (
                t("评价办法", "Evaluation rules"),
                if preset.is_empty() {
                    DASH.into()
                } else {
                    preset
                },
            ),
        ],
    });
    let bars: Vec<(String, usize, &str)> = EvalClass::ALL
        .iter()
        .zip(&counts)
        .map(|(k, n)| {
            (
                format!("{} {}", k.name(), t("类", "")).trim().to_owned(),
                n.parse().unwrap_or(0),
                eval_color(*k),
            )
        })
        .collect();
    let path = format!("/charts/{}-classes.svg", p.index);
    let pictures = vec![(
        path.clone(),
        charts::count_bars(&bars, &t("企业数", "enterprises")),
    )];
    blocks.push(Block::Figure {
        path,
        caption: t("企业分类（A 优先发展、B 鼓励提升、C 监管调控、D 落后整治、T 不参评）", "Enterprises by class (A priority, B encouraged, C regulated, D remediation, T not rated)"),
        width: 0.8,
    });
    let (class, name, id, land, tax, score, reason) = (
        firms.view.col("class"),
        firms.view.col("name"),
        firms.view.col("enterprise_id"),
        firms.view.col("land_mu"),
        firms.view.col("tax_per_mu"),
        firms.view.col("score"),
        firms.view.col("class_reason"),
    );
    for (k, zh, en) in [
        (
            "D",
            "D 类企业清单（落后整治）",
            "Class D enterprises (remediation)",
        ),
        (
            "T",
            "T 类企业清单（不参评）",
            "Class T enterprises (not rated)",
        ),
    ] {
        let mut list: Vec<&Vec<Cell>> = rows
            .iter()
            .copied()
            .filter(|r| text(r, class) == k)
            .collect();
        list.sort_by_key(|r| text(r, id));
        if list.is_empty() {
            blocks.push(Block::Para {
                text: match say.lang {
                    crate::project::Lang::Zh => format!("园区内没有 {k} 类企业。"),
                    crate::project::Lang::En => {
                        format!("No enterprise of the park is in class {k}.")
                    }
                },
            });
            continue;
        }
        let total = list.len();
        let body = list
            .iter()
            .take(FIRM_LIST_CAP)
            .map(|r| {
                let n = text(r, name);
                vec![
                    if n.is_empty() { DASH.into() } else { n },
                    text(r, id),
                    fixed(number(r, land), 2),
                    fixed(number(r, tax), 2),
                    fixed(number(r, score), 1),
                    text(r, reason),
                ]
            })
            .collect();
        blocks.push(table(
            t(zh, en),
            &[
                (&t("企业名称", "Enterprise"), Align::Left, 2.0),
                (&t("统一社会信用代码", "Credit code"), Align::Left, 1.8),
                (&t("用地（亩）", "Land (亩)"), Align::Right, 0.8),
                (
                    &t("亩均税收（万元/亩）", "Tax (万元/亩)"),
                    Align::Right,
                    0.9,
                ),
                (&t("得分", "Score"), Align::Right, 0.6),
                (&t("分类理由", "Reason"), Align::Left, 3.2),
            ],
            body,
        ));
        if total > FIRM_LIST_CAP {
            blocks.push(Block::Note {
                text: say.capped(FIRM_LIST_CAP, total, "企业", "enterprises"),
            });
        }
    }
    (blocks, pictures)
}

/// The moves into the park; `plan` is the siting plan table, `None` when siting could not
/// run (no enterprise ledger).
pub fn relocation(p: &ParkInput<'_>, plan: Option<&View<'_>>) -> Vec<Block> {
    let say = p.say;
    let t = |zh: &str, en: &str| say.t(zh, en);
    let mut blocks = vec![Block::Heading {
        level: 2,
        text: t("退城入园与搬迁安置", "Relocation into the park"),
    }];
    let Some(plan) = plan else {
        blocks.push(Block::Note {
            text: say.not_assessed("搬迁安置", "Relocation", "enterprises"),
        });
        return blocks;
    };
    let c = |k: &str| plan.col(k);
    let mut rows: Vec<Vec<String>> = (0..plan.len())
        .map(|i| plan.row(i))
        .filter(|r| text(r, c("park_id")) == p.park.id && !text(r, c("site_id")).is_empty())
        .map(|r| {
            let n = text(&r, c("name"));
            vec![
                if n.is_empty() {
                    text(&r, c("enterprise_id"))
                } else {
                    n
                },
                text(&r, c("why")),
                text(&r, c("site_id")),
                text(&r, c("phase")),
                fixed(number(&r, c("score")), 1),
                fixed(number(&r, c("required_mu")), 2),
            ]
        })
        .collect();
    if rows.is_empty() {
        blocks.push(Block::Para {
            text: t(
                "安置方案中没有迁入本园区的企业。",
                "The relocation plan moves no enterprise into this park.",
            ),
        });
        return blocks;
    }
    rows.sort_by(|a, b| a[3].cmp(&b[3]).then(a[0].cmp(&b[0])));
    // The standard factories the plan fills in this park: the factory, its tenants, the
    // floor area each takes and the space left.
    let mut tenants: Vec<Vec<String>> = (0..plan.len())
        .map(|i| plan.row(i))
        .filter(|r| text(r, c("park_id")) == p.park.id && text(r, c("site_kind")) == "factory")
        .map(|r| {
            let n = text(&r, c("name"));
            vec![
                text(&r, c("site_id")),
                if n.is_empty() {
                    text(&r, c("enterprise_id"))
                } else {
                    n
                },
                fixed(number(&r, c("floor_area_m2")), 0),
                fixed(number(&r, c("factory_remaining_m2")), 0),
                text(&r, c("phase")),
            ]
        })
        .collect();
    tenants.sort();
    blocks.push(table(
        t("迁入本园区的企业", "Enterprises moving into the park"),
        &[
            (&t("企业", "Enterprise"), Align::Left, 2.0),
            (&t("搬迁原因", "Why it moves"), Align::Left, 2.6),
            (&t("新址地块", "New site"), Align::Left, 1.2),
            (&t("批次（年）", "Phase (year)"), Align::Center, 0.8),
            (&t("得分", "Score"), Align::Right, 0.6),
            (&t("需求用地（亩）", "Land needed (亩)"), Align::Right, 0.9),
        ],
        rows,
    ));
    if !tenants.is_empty() {
        blocks.push(table(
            t("入驻标准厂房的企业", "Tenants placed in standard factories"),
            &[
                (&t("厂房", "Factory"), Align::Left, 1.2),
                (&t("企业", "Enterprise"), Align::Left, 2.4),
                (
                    &t("占用面积（平方米）", "Floor area (m²)"),
                    Align::Right,
                    1.0,
                ),
                (
                    &t("厂房剩余（平方米）", "Left in the factory (m²)"),
                    Align::Right,
                    1.0,
                ),
                (&t("批次（年）", "Phase (year)"), Align::Center, 0.8),
            ],
            tenants,
        ));
    }
    blocks
}
