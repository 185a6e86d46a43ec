//! Idle and inefficient land of one park: the classes summed (the idle_summary table),
//! the stacked bar of the stages, the idle map, and the list of every classed parcel with
//! its rule, dates, fee and recovery (capped; the full list is the workbook's).

use super::charts;
use super::doc::{table, Align, Block};
use super::parcels::ParcelRow;
use super::park::{ParkInput, Picture};
use super::view::{fixed, mu, number, text, View, DASH};
use crate::analyse::idle::IdleClass;
use crate::render::idle_color;
use crate::write::Cell;

/// The most parcels a park's idle list prints.
pub const IDLE_LIST_CAP: usize = 100;

/// The classes in the order of the stages, without `none`.
fn classes() -> impl Iterator<Item = IdleClass> {
    IdleClass::ALL.into_iter().filter(|c| *c != IdleClass::None)
}

/// The idle section of one park; `summary` is the idle_summary table.
pub fn idle_land(
    p: &ParkInput<'_>,
    summary: &View<'_>,
    map: Option<String>,
) -> (Vec<Block>, Vec<Picture>) {
    let say = p.say;
    let t = |zh: &str, en: &str| say.t(zh, en);
    let mut blocks = vec![Block::Heading {
        level: 2,
        text: t("闲置与低效用地", "Idle and inefficient land"),
    }];
    if !p.has_supply_records {
        blocks.push(Block::Note {
            text: t(
                "未能评估闲置与低效用地：宗地台账没有供地状态或供地日期，本节不作结论。",
                "Idle and inefficient land could not be assessed: no parcel carries a supply status or date, so this section draws no conclusion.",
            ),
        });
        return (blocks, Vec::new());
    }
    let c = |k: &str| summary.col(k);
    let rows: Vec<Vec<Cell>> = (0..summary.len())
        .map(|i| summary.row(i).into_owned())
        .filter(|r| text(r, c("park_id")) == p.park.id)
        .collect();
    let of = |class: IdleClass| {
        rows.iter()
            .find(|r| text(r, c("idle_class")) == class.name())
    };
    let mut table_rows = Vec::new();
    let mut segments = Vec::new();
    for class in classes() {
        let name = say.idle_class(class.name(), class.zh());
        match of(class) {
            Some(r) => {
                table_rows.push(vec![
                    name.clone(),
                    text(r, c("parcels")),
                    mu(r, c("area_mu")),
                    mu(r, c("fee_due_mu")),
                    mu(r, c("recoverable_mu")),
                ]);
                segments.push((
                    name,
                    number(r, c("area_mu")).unwrap_or(0.0),
                    idle_color(class),
                ));
            }
            None => {
                table_rows.push(vec![
                    name.clone(),
                    "0".into(),
                    fixed(Some(0.0), 2),
                    fixed(Some(0.0), 2),
                    fixed(Some(0.0), 2),
                ]);
                segments.push((name, 0.0, idle_color(class)));
            }
        }
    }
    blocks.push(table(
        t(
            "闲置与低效用地分类汇总",
            "Idle and inefficient land by class",
        ),
        &[
            (&t("类别", "Class"), Align::Left, 2.0),
            (&t("宗数", "Parcels"), Align::Right, 0.8),
            (&t("面积（亩）", "Area (亩)"), Align::Right, 1.1),
            (
                &t("应缴闲置费（亩）", "Idle fee due (亩)"),
                Align::Right,
                1.2,
            ),
            (
                &t("可无偿收回（亩）", "Recoverable (亩)"),
                Align::Right,
                1.2,
            ),
        ],
        table_rows,
    ));
    let mut pictures = Vec::new();
    let path = format!("/charts/{}-idle.svg", p.index);
    pictures.push((path.clone(), charts::stacked_bar(&segments, &t("亩", "亩"))));
    blocks.push(Block::Figure {
        path,
        caption: t(
            "各阶段低效用地面积（批而未供 → 供而未用 → 用而未尽 → 建而未投 → 投而未达标）",
            "Inefficient land by stage (approved → supplied → used → built → producing)",
        ),
        width: 1.0,
    });
    if let Some(path) = map {
        blocks.push(Block::Map { path });
    }
    // Every classed parcel: by stage, then the largest first.
    let rank = |q: &ParcelRow| {
        classes()
            .position(|c| c.name() == q.idle_class)
            .unwrap_or(usize::MAX)
    };
    let mut list: Vec<&ParcelRow> = p
        .parcels
        .iter()
        .filter(|q| q.idle_class != IdleClass::None.name() && !q.idle_class.is_empty())
        .collect();
    list.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then(
                b.area_mu
                    .unwrap_or(0.0)
                    .total_cmp(&a.area_mu.unwrap_or(0.0)),
            )
            .then(a.id.cmp(&b.id))
    });
    if list.is_empty() {
        blocks.push(Block::Para {
            text: t(
                "没有认定为闲置或低效的宗地。",
                "No parcel is classed idle or inefficient.",
            ),
        });
        return (blocks, pictures);
    }
    let total = list.len();
    let rows = list
        .iter()
        .take(IDLE_LIST_CAP)
        .map(|q| {
            vec![
                q.id.clone(),
                if q.holder.is_empty() {
                    DASH.into()
                } else {
                    q.holder.clone()
                },
                say.idle_class(&q.idle_class, &q.idle_class_zh),
                fixed(q.area_mu, 2),
                if q.idle_since.is_empty() {
                    DASH.into()
                } else {
                    q.idle_since.clone()
                },
                say.yes_no(q.fee_due),
                say.yes_no(q.recoverable),
                q.idle_reason.clone(),
            ]
        })
        .collect();
    blocks.push(table(
        t("闲置与低效宗地清单", "Idle and inefficient parcels"),
        &[
            (&t("宗地编号", "Parcel"), Align::Left, 1.2),
            (&t("土地使用权人", "Holder"), Align::Left, 1.6),
            (&t("类别", "Class"), Align::Left, 1.0),
            (&t("面积（亩）", "Area (亩)"), Align::Right, 0.8),
            (&t("认定起始日", "Since"), Align::Center, 1.0),
            (&t("应缴闲置费", "Fee due"), Align::Center, 0.6),
            (&t("可无偿收回", "Recoverable"), Align::Center, 0.6),
            (&t("认定理由", "Rule and reason"), Align::Left, 5.0),
        ],
        rows,
    ));
    if total > IDLE_LIST_CAP {
        blocks.push(Block::Note {
            text: say.capped(IDLE_LIST_CAP, total, "宗地", "parcels"),
        });
    }
    (blocks, pictures)
}
