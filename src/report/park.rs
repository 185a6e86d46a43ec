//! One park's chapter, in the order of the technical report (开发区土地集约利用评价):
//! overview, land-use status, degree of intensive use, idle and inefficient land,
//! enterprises, relocation, potential. The idle, enterprise and relocation sections are
//! in their own files.

use std::collections::BTreeMap;

use super::charts;
use super::doc::{table, Align, Block};
use super::parcels::ParcelRow;
use super::view::{fixed, money, mu, number, pct, ratio, text, DASH};
use crate::model::Park;
use crate::project::land::{EntryIndicator, ThresholdSource};
use crate::project::policy::{Policy, Tag};
use crate::render::{land_use_class, land_use_rank, land_use_style};
use crate::words::Say;
use crate::write::Cell;

/// What one park's chapter is made from.
pub struct ParkInput<'a> {
    /// The park's place in the parks layer.
    pub index: usize,
    /// The park.
    pub park: &'a Park,
    /// Its name as headings print it.
    pub title: String,
    /// Its row of the parks table.
    pub row: Vec<Cell>,
    /// Column index of the parks table by key.
    pub col: &'a dyn Fn(&str) -> usize,
    /// Its parcels' rows of the parcels table.
    pub parcels: &'a [ParcelRow],
    /// The rule tables.
    pub policy: &'a Policy,
    /// The words.
    pub say: Say,
    /// Whether the project gave a buildings layer.
    pub has_buildings: bool,
    /// Whether it gave an approvals layer.
    pub has_approvals: bool,
    /// True for the whole project of a project without parks: `park` stands for every
    /// parcel, the parks-table row is empty and the park-level figures are left out.
    pub whole: bool,
    /// Whether any parcel carries a supply status or date (the idle classes rest on it).
    pub has_supply_records: bool,
}

/// A picture: its path in the typst world and its SVG.
pub type Picture = (String, String);

fn tag_text(t: Tag) -> &'static str {
    match t {
        Tag::C => "",
        Tag::P => " [P]",
        Tag::U => " [U]",
    }
}

/// The overview: level, leading industries, areas, the locator.
pub fn overview(p: &ParkInput<'_>, locator: Picture) -> (Vec<Block>, Vec<Picture>) {
    let (say, r, c) = (p.say, &p.row, p.col);
    let t = |zh: &str, en: &str| say.t(zh, en);
    let park = p.park;
    let level = park
        .level
        .as_deref()
        .map(|l| match (l, say.lang) {
            ("national", crate::project::Lang::Zh) => "国家级".to_owned(),
            ("provincial", crate::project::Lang::Zh) => "省级".to_owned(),
            ("county", crate::project::Lang::Zh) => "县级".to_owned(),
            (l, _) => l.to_owned(),
        })
        .unwrap_or_else(|| DASH.into());
    let industries = if park.leading_industries.is_empty() {
        t("不限", "any")
    } else {
        park.leading_industries.join(", ")
    };
    let facts = vec![
        (t("园区编号", "Park id"), park.id.clone()),
        (
            t("园区名称", "Name"),
            park.name.clone().unwrap_or_else(|| DASH.into()),
        ),
        (t("级别", "Level"), level),
        (
            t("园区类型", "Zone type (TD/T 1029)"),
            say.park_type(&text(r, c("park_type"))),
        ),
        (
            t(
                "主导产业（GB/T 4754 门类代码）",
                "Leading industries (GB/T 4754 divisions)",
            ),
            industries,
        ),
        (
            t("园区定位", "Orientation"),
            park.orientation.clone().unwrap_or_else(|| DASH.into()),
        ),
        (
            t("批准面积（公顷）", "Approved area (ha)"),
            fixed(park.approved_area_ha, 2),
        ),
        (
            t("评价范围面积（亩）", "Area evaluated (亩)"),
            mu(r, c("area_mu")),
        ),
        (t("宗地数", "Parcels"), p.parcels.len().to_string()),
        (t("企业数", "Enterprises"), text(r, c("enterprises"))),
    ];
    let mut blocks = vec![
        Block::Heading {
            level: 1,
            text: p.title.clone(),
        },
        Block::Heading {
            level: 2,
            text: t("园区概况", "Overview"),
        },
        Block::Facts { rows: facts },
    ];
    blocks.push(Block::Figure {
        path: locator.0.clone(),
        caption: t(
            "园区区位（全市园区中的位置）",
            "Where the park lies among the city's parks",
        ),
        width: 0.4,
    });
    (blocks, vec![locator])
}

/// Land-use status: the supply and build-out figures, the 用地平衡表 and the land-use map.
pub fn land_status(p: &ParkInput<'_>, map: Option<String>) -> Vec<Block> {
    let (say, r, c) = (p.say, &p.row, p.col);
    let t = |zh: &str, en: &str| say.t(zh, en);
    let mut blocks = vec![Block::Heading {
        level: 2,
        text: t("土地利用状况", "Land-use status"),
    }];
    blocks.push(Block::Facts {
        rows: if p.whole {
            Vec::new()
        } else {
            vec![
                (t("已供应（亩）", "Supplied (亩)"), mu(r, c("supplied_mu"))),
                (t("已建成（亩）", "Built (亩)"), mu(r, c("built_mu"))),
                (t("闲置土地（亩）", "Idle (亩)"), mu(r, c("idle_mu"))),
                (
                    t("批而未供（亩）", "Approved, not supplied (亩)"),
                    mu(r, c("approved_not_supplied_mu")),
                ),
                (
                    t("土地开发率", "Development rate"),
                    pct(r, c("development_rate")),
                ),
                (t("土地供应率", "Supply rate"), pct(r, c("supply_rate"))),
                (t("土地建成率", "Built rate"), pct(r, c("built_rate"))),
                (
                    t("工业用地率", "Industrial land rate"),
                    pct(r, c("industrial_land_rate")),
                ),
            ]
        },
    });
    if !p.has_approvals && !p.whole {
        blocks.push(Block::Note {
            text: t(
                "项目未提供农用地转用批次图层，批而未供按宗地台账的供地状态（已批准未供应）计。",
                "The project gives no approvals layer: approved-but-not-supplied land is counted from the ledger's supply status (approved, not supplied).",
            ),
        });
    }
    // 用地平衡表: the park's parcels by land-use category, and the rest of the park.
    // Keyed by the class's rank in GB 50137 order (unknown codes last).
    let mut by_use: BTreeMap<(usize, &'static str), (usize, f64, &'static str)> = BTreeMap::new();
    for q in p.parcels {
        let class = land_use_class(Some(q.land_use.as_str()).filter(|s| !s.is_empty()));
        let (_, zh, en) = land_use_style(class);
        let name = if say.lang == crate::project::Lang::Zh {
            zh
        } else {
            en
        };
        let e = by_use
            .entry((land_use_rank(class), class))
            .or_insert((0, 0.0, name));
        e.0 += 1;
        e.1 += q.area_mu.unwrap_or(0.0);
    }
    let parcel_mu: f64 = by_use.values().map(|v| v.1).sum();
    let park_mu = if p.whole {
        parcel_mu
    } else {
        number(r, c("area_mu")).unwrap_or(0.0)
    };
    let share = |v: f64| {
        if park_mu > 0.0 {
            format!("{}%", fixed(Some(v / park_mu * 100.0), 2))
        } else {
            DASH.into()
        }
    };
    let mut rows: Vec<Vec<String>> = by_use
        .values()
        .map(|(n, a, name)| {
            vec![
                (*name).to_owned(),
                n.to_string(),
                fixed(Some(*a), 2),
                share(*a),
            ]
        })
        .collect();
    if park_mu - parcel_mu > 0.005 {
        rows.push(vec![
            t(
                "宗地以外（道路、水域、未划宗地等）",
                "Outside parcels (roads, water, not parcelled)",
            ),
            DASH.into(),
            fixed(Some(park_mu - parcel_mu), 2),
            share(park_mu - parcel_mu),
        ]);
    }
    rows.push(vec![
        if p.whole {
            t("合计（宗地面积）", "Total (parcels)")
        } else {
            t("合计（园区面积）", "Total (park area)")
        },
        p.parcels.len().to_string(),
        if p.whole {
            fixed(Some(parcel_mu), 2)
        } else {
            mu(r, c("area_mu"))
        },
        share(park_mu.max(parcel_mu)),
    ]);
    blocks.push(table(
        t("用地平衡表", "Land-use balance"),
        &[
            (&t("用地类型", "Land use"), Align::Left, 3.0),
            (&t("宗数", "Parcels"), Align::Right, 1.0),
            (&t("面积（亩）", "Area (亩)"), Align::Right, 1.3),
            (
                &if p.whole {
                    t("占宗地面积", "Share of the parcels")
                } else {
                    t("占园区面积", "Share of the park")
                },
                Align::Right,
                1.3,
            ),
        ],
        rows,
    ));
    if let Some(path) = map {
        blocks.push(Block::Map { path });
    }
    blocks
}

/// One indicator row against its standard: (name, value text, standard, source, verdict).
fn judged(
    say: Say,
    name: String,
    value_text: String,
    value: Option<f64>,
    standard: Option<(f64, String)>,
    show: &dyn Fn(f64) -> String,
) -> Vec<String> {
    match standard {
        Some((min, source)) => {
            let pass = value.map(|v| v + 1e-9 >= min);
            vec![
                name,
                value_text,
                format!("≥ {}", show(min)),
                source,
                say.verdict(pass),
            ]
        }
        None => vec![
            name,
            value_text,
            DASH.into(),
            DASH.into(),
            say.verdict(None),
        ],
    }
}

/// The entry threshold of the park for `i`, with where it came from.
fn entry(p: &ParkInput<'_>, i: EntryIndicator) -> Option<(f64, String)> {
    let th = p
        .policy
        .entry
        .threshold(&p.park.id, p.park.level.as_deref(), None, i)?;
    let from = match &th.from {
        ThresholdSource::Park(id) => format!("[parks.\"{id}\"]"),
        ThresholdSource::Level(l) => format!("[levels.{l}]"),
        ThresholdSource::Industry { level, division } => {
            format!("[levels.{level}.industries.\"{division}\"]")
        }
        _ => String::new(),
    };
    Some((
        th.value,
        format!("{}{}{}", p.policy.entry.title, from, tag_text(th.tag)),
    ))
}

/// Degree of intensive use: the TD/T 1029 indicators against the standards the rule tables
/// set, the FAR map and the FAR histogram.
pub fn intensity(p: &ParkInput<'_>, map: Option<String>) -> (Vec<Block>, Vec<Picture>) {
    let (say, r, c) = (p.say, &p.row, p.col);
    let t = |zh: &str, en: &str| say.t(zh, en);
    let mut blocks = vec![Block::Heading {
        level: 2,
        text: t("土地集约利用程度", "Degree of intensive use"),
    }];
    if !p.has_buildings {
        blocks.push(Block::Note {
            text: t(
                "项目未提供建筑物图层：容积率取自宗地台账的建筑面积，建筑密度与建筑系数未能评估。",
                "The project gives no buildings layer: FAR is taken from the ledger's floor area, and coverage and the building coefficient could not be assessed.",
            ),
        });
    }
    let control = &p.policy.control;
    let coverage_std = Some((
        control.coverage_min.value,
        format!("{}{}", control.title, tag_text(control.coverage_min.tag)),
    ));
    let n = |k: &str| number(r, c(k));
    let two = |v: f64| fixed(Some(v), 2);
    let percent = |v: f64| format!("{}%", fixed(Some(v * 100.0), 2));
    let rows = vec![
        judged(
            say,
            t("土地开发率", "Development rate"),
            pct(r, c("development_rate")),
            None,
            None,
            &two,
        ),
        judged(
            say,
            t("土地供应率", "Supply rate"),
            pct(r, c("supply_rate")),
            None,
            None,
            &two,
        ),
        judged(
            say,
            t("土地建成率", "Built rate"),
            pct(r, c("built_rate")),
            None,
            None,
            &two,
        ),
        judged(
            say,
            t("工业用地率", "Industrial land rate"),
            pct(r, c("industrial_land_rate")),
            None,
            None,
            &two,
        ),
        judged(
            say,
            t("综合容积率", "FAR"),
            ratio(r, c("far")),
            None,
            None,
            &two,
        ),
        judged(
            say,
            t("建筑密度", "Building density"),
            pct(r, c("coverage")),
            None,
            None,
            &two,
        ),
        judged(
            say,
            t("工业用地综合容积率", "Industrial FAR"),
            ratio(r, c("industrial_far")),
            n("industrial_far"),
            entry(p, EntryIndicator::Far),
            &two,
        ),
        judged(
            say,
            t("工业用地建筑系数", "Industrial building coefficient"),
            pct(r, c("industrial_coverage")),
            n("industrial_coverage"),
            coverage_std,
            &percent,
        ),
        judged(
            say,
            t(
                "工业用地亩均投资（万元/亩）",
                "Investment per 亩 of industrial land (万元)",
            ),
            money(r, c("investment_per_mu")),
            n("investment_per_mu"),
            entry(p, EntryIndicator::InvestmentPerMu),
            &two,
        ),
        judged(
            say,
            t(
                "工业用地亩均税收（万元/亩）",
                "Tax per 亩 of industrial land (万元)",
            ),
            money(r, c("tax_per_mu")),
            n("tax_per_mu"),
            entry(p, EntryIndicator::TaxPerMu),
            &two,
        ),
        judged(
            say,
            t("土地闲置率", "Idle-land rate"),
            pct(r, c("idle_rate")),
            None,
            None,
            &two,
        ),
    ];
    if !p.whole {
        blocks.push(table(
            t(
                "集约利用评价指标（TD/T 1029）",
                "Intensive-use indicators (TD/T 1029)",
            ),
            &[
                (&t("指标", "Indicator"), Align::Left, 2.6),
                (&t("现状值", "Value"), Align::Right, 1.1),
                (&t("标准", "Standard"), Align::Right, 0.9),
                (&t("依据", "Source"), Align::Left, 2.6),
                (&t("结论", "Verdict"), Align::Center, 0.9),
            ],
            rows,
        ));
        blocks.push(Block::Para {
        text: t(
            "TD/T 1029 的理想值由每次评价确定，规则表未给出的指标只列现状值；工业用地容积率、亩均投资与亩均税收对照园区的入园门槛，建筑系数对照工业项目建设用地控制指标。",
            "TD/T 1029 leaves ideal values to each evaluation: indicators the rule tables set no standard for show their value only; industrial FAR, investment and tax per 亩 are held against the park's entry thresholds and the building coefficient against the control indicators.",
        ),
    });
    }
    if let Some(path) = map {
        blocks.push(Block::Map { path });
    }
    // The FAR histogram of the built parcels, with the most common FAR minimum.
    let built: Vec<&ParcelRow> = p
        .parcels
        .iter()
        .filter(|q| q.far.is_some_and(|f| f > 0.0))
        .collect();
    let mut pictures = Vec::new();
    if built.is_empty() {
        blocks.push(Block::Note {
            text: t(
                "没有已建宗地（容积率大于 0），未绘制容积率直方图。",
                "No parcel is built (FAR above 0): no FAR histogram.",
            ),
        });
    } else {
        let bins = charts::far_bins(built.iter().filter_map(|q| q.far.map(|f| (f, q.far_ok))));
        let mut mins: BTreeMap<String, usize> = BTreeMap::new();
        for q in &built {
            if let Some(m) = q.far_min {
                *mins.entry(fixed(Some(m), 2)).or_default() += 1;
            }
        }
        let control_line = mins
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .and_then(|(k, _)| k.parse::<f64>().ok());
        let label = control_line
            .map(|v| format!("{} {}", t("控制下限", "minimum"), fixed(Some(v), 2)))
            .unwrap_or_default();
        let below = built.iter().filter(|q| q.far_ok == Some(false)).count();
        let svg = charts::far_histogram(
            &bins,
            control_line,
            &label,
            [
                t("达到下限", "meets its minimum").as_str(),
                t("低于下限", "below its minimum").as_str(),
                t("无下限", "no minimum").as_str(),
            ],
            [t("容积率", "FAR").as_str(), t("宗数", "parcels").as_str()],
        );
        let path = format!("/charts/{}-far.svg", p.index);
        pictures.push((path.clone(), svg));
        blocks.push(Block::Figure {
            path,
            caption: match say.lang {
                crate::project::Lang::Zh => format!(
                    "已建宗地容积率直方图（{} 宗，其中 {below} 宗低于所属行业的容积率控制下限；虚线为最常见的控制下限）",
                    built.len()
                ),
                crate::project::Lang::En => format!(
                    "FAR of the built parcels ({} parcels, {below} below their industry's FAR minimum; the dashed line is the most common minimum)",
                    built.len()
                ),
            },
            width: 0.9,
        });
    }
    (blocks, pictures)
}

/// The potential: idle land, approved-not-supplied land and built land below its FAR
/// minimum (not counted twice), and the land still to supply.
pub fn potential(p: &ParkInput<'_>) -> Vec<Block> {
    let (say, r, c) = (p.say, &p.row, p.col);
    let t = |zh: &str, en: &str| say.t(zh, en);
    let low: f64 = p
        .parcels
        .iter()
        .filter(|q| {
            q.far_ok == Some(false)
                && q.idle_class != "idle"
                && q.idle_class != "approved_not_supplied"
        })
        .filter_map(|q| q.area_mu)
        .sum();
    let idle = number(r, c("idle_mu")).unwrap_or(0.0);
    let ans = number(r, c("approved_not_supplied_mu")).unwrap_or(0.0);
    let rows = vec![
        vec![t("闲置土地", "Idle land"), mu(r, c("idle_mu"))],
        vec![
            t("批而未供土地", "Approved, not supplied"),
            mu(r, c("approved_not_supplied_mu")),
        ],
        vec![
            t(
                "容积率低于控制下限的已供宗地（不含闲置）",
                "Supplied parcels below their FAR minimum (idle excluded)",
            ),
            fixed(Some(low), 2),
        ],
        vec![t("合计", "Total"), fixed(Some(idle + ans + low), 2)],
    ];
    let mut blocks = vec![
        Block::Heading {
            level: 2,
            text: t("用地潜力", "Potential"),
        },
        table(
            t(
                "可挖潜用地（亩）",
                "Land that can be put to better use (亩)",
            ),
            &[
                (&t("类型", "Kind"), Align::Left, 3.0),
                (&t("面积（亩）", "Area (亩)"), Align::Right, 1.0),
            ],
            rows,
        ),
    ];
    blocks.push(Block::Facts {
        rows: vec![
            (
                t("尚可供地（亩）", "Still suppliable (亩)"),
                mu(r, c("suppliable_mu")),
            ),
            (
                t(
                    "近年年均供地（亩/年）",
                    "Mean supply of recent years (亩/year)",
                ),
                mu(r, c("supply_mu_per_year")),
            ),
            (
                t("尚可供地年数", "Years of supply left"),
                fixed(number(r, c("supply_years_left")), 1),
            ),
        ],
    });
    blocks
}
