//! The city summary: every park's land, its rates, intensity and enterprises, side by
//! side and ranked — each figure a cell of the parks table of the same run.

use super::doc::{table, Align, Block};
use super::view::{money, mu, number, pct, ratio, text, View, DASH};
use crate::words::Say;
use crate::write::Cell;

/// The enterprise classes counted in the parks table's `class_counts` ("A:3 B:4 …").
pub fn class_counts(cell: &str) -> [String; 5] {
    let mut out: [String; 5] = Default::default();
    for (k, c) in ["A", "B", "C", "D", "T"].iter().enumerate() {
        out[k] = cell
            .split_whitespace()
            .find_map(|p| p.strip_prefix(c).and_then(|r| r.strip_prefix(':')))
            .unwrap_or(DASH)
            .to_owned();
    }
    out
}

/// The city summary's blocks: the land table, the intensity table ranked by tax per 亩,
/// and what the project lets the dossier assess.
pub fn city_blocks(
    parks: &View<'_>,
    names: &[String],
    say: Say,
    has_enterprises: bool,
    limits: &[String],
) -> Vec<Block> {
    let c = |k: &str| parks.col(k);
    let rows: Vec<Vec<Cell>> = (0..parks.len())
        .map(|i| parks.row(i).into_owned())
        .collect();
    let mut blocks = vec![Block::Heading {
        level: 1,
        text: say.t("全市园区概况", "The parks of the city"),
    }];
    let total = |key: &str| -> f64 { rows.iter().filter_map(|r| number(r, c(key))).sum() };
    blocks.push(Block::Para {
        text: match say.lang {
            crate::project::Lang::Zh => format!(
                "本市共评价园区 {} 个，园区总面积 {:.2} 亩，其中已供应 {:.2} 亩、已建成 {:.2} 亩、闲置土地 {:.2} 亩、批而未供 {:.2} 亩。各园区指标见下列两表，逐园区评价见后文各章。",
                rows.len(), total("area_mu"), total("supplied_mu"), total("built_mu"), total("idle_mu"), total("approved_not_supplied_mu")
            ),
            crate::project::Lang::En => format!(
                "{} parks are evaluated, {:.2} 亩 in all: {:.2} 亩 supplied, {:.2} 亩 built, {:.2} 亩 idle and {:.2} 亩 approved but not supplied (批而未供). The two tables below set the parks side by side; each park has its own chapter.",
                rows.len(), total("area_mu"), total("supplied_mu"), total("built_mu"), total("idle_mu"), total("approved_not_supplied_mu")
            ),
        },
    });
    for l in limits {
        blocks.push(Block::Note { text: l.clone() });
    }
    let t = |zh: &str, en: &str| say.t(zh, en);
    let land_cols = [
        (t("园区", "Park"), Align::Left, 2.2),
        (t("面积（亩）", "Area (亩)"), Align::Right, 1.2),
        (t("已供应（亩）", "Supplied (亩)"), Align::Right, 1.2),
        (t("已建成（亩）", "Built (亩)"), Align::Right, 1.2),
        (t("闲置（亩）", "Idle (亩)"), Align::Right, 1.0),
        (t("批而未供（亩）", "批而未供 (亩)"), Align::Right, 1.1),
        (t("开发率", "Development rate"), Align::Right, 1.0),
        (t("供应率", "Supply rate"), Align::Right, 1.0),
        (t("建成率", "Built rate"), Align::Right, 1.0),
    ];
    let land_rows = rows
        .iter()
        .zip(names)
        .map(|(r, name)| {
            vec![
                name.clone(),
                mu(r, c("area_mu")),
                mu(r, c("supplied_mu")),
                mu(r, c("built_mu")),
                mu(r, c("idle_mu")),
                mu(r, c("approved_not_supplied_mu")),
                pct(r, c("development_rate")),
                pct(r, c("supply_rate")),
                pct(r, c("built_rate")),
            ]
        })
        .collect();
    blocks.push(table(
        t("各园区土地利用状况", "Land use of each park"),
        &land_cols,
        land_rows,
    ));
    // Ranked by tax per 亩 (parks without it last, in layer order).
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (
            number(&rows[a], c("tax_per_mu")),
            number(&rows[b], c("tax_per_mu")),
        );
        match (x, y) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        }
        .then(a.cmp(&b))
    });
    let mut cols2 = vec![
        (t("排名", "Rank"), Align::Center, 0.6),
        (t("园区", "Park"), Align::Left, 2.2),
        (t("综合容积率", "FAR"), Align::Right, 1.0),
        (t("工业用地容积率", "Industrial FAR"), Align::Right, 1.1),
        (
            t("亩均投资（万元/亩）", "Investment (万元/亩)"),
            Align::Right,
            1.2,
        ),
        (t("亩均税收（万元/亩）", "Tax (万元/亩)"), Align::Right, 1.2),
    ];
    if has_enterprises {
        cols2.push((t("企业数", "Enterprises"), Align::Right, 0.8));
        for k in ["A", "B", "C", "D"] {
            cols2.push((
                t(&format!("{k} 类"), &format!("class {k}")),
                Align::Right,
                0.6,
            ));
        }
    }
    let rank_rows = order
        .iter()
        .enumerate()
        .map(|(rank, &i)| {
            let r = &rows[i];
            let mut v = vec![
                (rank + 1).to_string(),
                names[i].clone(),
                ratio(r, c("far")),
                ratio(r, c("industrial_far")),
                money(r, c("investment_per_mu")),
                money(r, c("tax_per_mu")),
            ];
            if has_enterprises {
                v.push(text(r, c("enterprises")));
                let counts = class_counts(&text(r, c("class_counts")));
                v.extend(counts.into_iter().take(4));
            }
            v
        })
        .collect();
    blocks.push(table(
        t(
            "各园区利用强度与效益（按工业用地亩均税收排序）",
            "Intensity and returns of each park, ranked by tax per 亩 of industrial land",
        ),
        &cols2,
        rank_rows,
    ));
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_class_counts() {
        assert_eq!(
            class_counts("A:3 B:4 C:1 D:0 T:12"),
            ["3", "4", "1", "0", "12"]
        );
        assert_eq!(class_counts("")[0], DASH);
    }
}
