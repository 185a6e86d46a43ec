//! The park dossier (园区土地集约利用评价报告): one PDF a land bureau files — a cover and
//! the city summary, then per park, in the order of the technical report, the overview,
//! land-use status, degree of intensive use, idle and inefficient land, enterprises,
//! relocation and potential, and an appendix of rules, sources and data problems.
//!
//! Every figure is a cell of the result tables the run writes (parks, parcels,
//! idle_summary, enterprises, plan), rounded from the cell's CSV text ([`view`]): the
//! dossier and the tables are one source. Sections the project's layers cannot support
//! say so instead of printing empty findings.
//!
//! The stages: the tables → [`doc::Dossier`] (blocks of plain text, tables, figures) and
//! its pictures (maps from [`crate::render`], charts from [`charts`]) → typst (a closed
//! world: the template, `/data.json`, the pictures, the bundled font) → PDF.

mod appendix;
pub mod charts;
mod city;
mod compile;
pub mod doc;
mod parcels;
mod park;
mod park_firms;
mod park_idle;
pub mod view;
mod world;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::error::{suggest, Error, Result};
use crate::project::policy::Policy;
use crate::project::{Lang, LayerKind};
use crate::render::{build_scene, compose_svg, MapContext, MapKind, MapRequest};
use crate::words::Say;
use crate::write::Rows;
use doc::{Block, Dossier};
use park::{ParkInput, Picture};
use view::View;

/// What to put in the dossier.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Only this park (its chapter, without the city summary). Default: every park.
    pub park: Option<String>,
}

/// The tables and context a dossier is made from: the same the run writes.
pub struct Sources<'a> {
    /// The model, index, analyses and siting result, as the maps draw them.
    pub ctx: MapContext<'a>,
    /// The rule tables.
    pub policy: &'a Policy,
    /// The parks table.
    pub parks: &'a dyn Rows,
    /// The parcels table.
    pub parcels: &'a dyn Rows,
    /// The enterprises table, when the project has an enterprise ledger.
    pub enterprises: Option<&'a dyn Rows>,
    /// The idle_summary table.
    pub idle_summary: &'a dyn Rows,
    /// The siting plan table, when siting ran.
    pub plan: Option<&'a dyn Rows>,
    /// The workbook's notes rows: project, date, rule editions, data sources, units.
    pub about: Vec<(String, String)>,
    /// The date the rules were judged at (also the PDF's date).
    pub as_of: NaiveDate,
}

/// Above this many parcels the dossier leaves out the city overview sheet and each park's
/// land-use and FAR sheets, keeping the idle sheet: a 100,000-parcel city would otherwise
/// carry some 120 full map sheets (tens of MB).
const LARGE_CITY_PARCELS: usize = 30_000;

/// One map of a park (or of the city), as an SVG picture at `path`.
fn map(ctx: &MapContext<'_>, kind: MapKind, park: Option<&str>, path: String) -> Result<Picture> {
    let mut r = MapRequest::new(kind);
    r.park = park.map(str::to_owned);
    let scene = build_scene(ctx, &r)?;
    Ok((path, compose_svg(&scene, &r.page, ctx.lang)))
}

/// What the project's layers do not let the dossier assess, as sentences.
fn limits(ctx: &MapContext<'_>, say: Say) -> Vec<String> {
    let has = |k| ctx.model.given.contains(&k);
    let mut out = Vec::new();
    if !has(LayerKind::Buildings) {
        out.push(say.t(
            "项目未提供建筑物图层：容积率取自宗地台账的建筑面积，建筑密度与建筑系数未能评估。",
            "No buildings layer: FAR comes from the ledger's floor area; coverage and the building coefficient could not be assessed.",
        ));
    }
    if !has(LayerKind::Enterprises) {
        out.push(say.not_assessed(
            "企业亩均效益、亩均税收与搬迁安置",
            "The per-mu evaluation, tax per 亩 and relocation",
            "enterprises",
        ));
    }
    if !ctx.model.has(crate::model::Input::SupplyRecords) {
        out.push(say.t(
            "宗地台账没有供地状态或供地日期：闲置与低效用地未能评估。",
            "No parcel carries a supply status or date: idle and inefficient land could not be assessed.",
        ));
    }
    if !has(LayerKind::Approvals) {
        out.push(say.t(
            "项目未提供农用地转用批次图层：批而未供按宗地台账的供地状态计。",
            "No approvals layer: approved-but-not-supplied land is counted from the ledger's supply status.",
        ));
    }
    out
}

/// Makes the dossier of `src` and typesets it into PDF bytes.
///
/// # Errors
/// [`Error::Invalid`] for an unknown park in `options` (or any park, in a project without
/// parks); [`Error::Internal`] when typesetting fails (a bug).
pub fn dossier_pdf(src: &Sources<'_>, options: &ReportOptions) -> Result<Vec<u8>> {
    let d = dossier(src, options)?;
    let mut files = vec![(
        "/data.json".to_owned(),
        serde_json::to_vec(&d).map_err(|e| Error::Internal(format!("dossier data: {e}")))?,
    )];
    files.extend(d.pictures.into_iter().map(|(p, s)| (p, s.into_bytes())));
    let ident = format!(
        "parkscope-dossier/{}/{}",
        src.ctx.project,
        options.park.as_deref().unwrap_or("*")
    );
    compile::typeset(files, src.as_of, &ident)
}

/// The dossier of a project without parks: the parcel-level findings of every parcel
/// (land-use balance, FAR, idle land), saying that the park-level evaluation could not be
/// made.
fn whole_project(src: &Sources<'_>, say: Say) -> Dossier {
    let ctx = &src.ctx;
    let m = ctx.model;
    let t = |zh: &str, en: &str| say.t(zh, en);
    let all = parcels::parcels_by_park(src.parcels, &[]);
    let park = crate::model::Park {
        id: "(all)".into(),
        name: None,
        level: None,
        leading_industries: Vec::new(),
        orientation: None,
        approved_area_ha: None,
        geometry: geo::MultiPolygon(Vec::new()),
        area: crate::units::AreaM2::ZERO,
    };
    let no_column = |_: &str| usize::MAX;
    let input = ParkInput {
        index: 0,
        park: &park,
        title: t("全部宗地", "Every parcel"),
        row: Vec::new(),
        col: &no_column,
        parcels: all.first().map(Vec::as_slice).unwrap_or(&[]),
        policy: src.policy,
        say,
        has_buildings: m.given.contains(&LayerKind::Buildings),
        has_approvals: m.given.contains(&LayerKind::Approvals),
        whole: true,
        has_supply_records: m.has(crate::model::Input::SupplyRecords),
    };
    let mut blocks = vec![Block::Heading {
        level: 1,
        text: t("全部宗地评价", "Every parcel of the project"),
    }];
    blocks.push(Block::Note {
        text: say.not_assessed(
            "园区级指标（土地开发率、供应率、建成率、工业用地率、入园门槛对照、用地潜力）",
            "The park-level evaluation (development, supply, built and industrial-land rates, entry thresholds, potential)",
            "parks",
        ) + &t(
            "以下为全部宗地的宗地级结果。",
            " What follows are the findings on every parcel.",
        ),
    });
    blocks.extend(
        limits(ctx, say)
            .into_iter()
            .map(|text| Block::Note { text }),
    );
    let mut pictures = Vec::new();
    blocks.extend(park::land_status(&input, None));
    let (b, p) = park::intensity(&input, None);
    blocks.extend(b);
    pictures.extend(p);
    let summary = View::new(src.idle_summary);
    let (b, p) = park_idle::idle_land(&input, &summary, None);
    blocks.extend(b);
    pictures.extend(p);
    let firms = src
        .enterprises
        .map(|e| park_firms::Firms::new(View::new(e)));
    let (b, p) = park_firms::enterprises(&input, firms.as_ref());
    blocks.extend(b);
    pictures.extend(p);
    for (kind, name) in [(MapKind::Overview, "overview"), (MapKind::Idle, "idle")] {
        if m.lacking(&kind.needs(None)).is_empty() {
            if let Ok(sheet) = map(ctx, kind, None, format!("/maps/all-{name}.svg")) {
                blocks.push(Block::Map {
                    path: sheet.0.clone(),
                });
                pictures.push(sheet);
            }
        }
    }
    blocks.extend(appendix::appendix(&src.about, &m.report, say));
    let subtitle = t(
        "土地集约利用评价报告（宗地）",
        "Evaluation of the intensive use of land (parcels)",
    );
    Dossier {
        lang: match ctx.lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
        .into(),
        title: ctx.project.clone(),
        subtitle: subtitle.clone(),
        cover: vec![
            format!("{}　{}", t("评价时点", "Judged at"), src.as_of),
            format!("{}　{}", t("宗地", "Parcels"), m.parcels.len()),
            format!(
                "{}　parkscope {}",
                t("编制", "Made by"),
                env!("CARGO_PKG_VERSION")
            ),
        ],
        attribution: ctx.credit.clone(),
        header: ctx.project.clone(),
        contents: t("目录", "Contents"),
        blocks,
        pictures,
    }
}

/// The dossier as blocks and pictures, before typesetting.
///
/// # Errors
/// As [`dossier_pdf`], but never [`Error::Internal`].
pub fn dossier(src: &Sources<'_>, options: &ReportOptions) -> Result<Dossier> {
    let ctx = &src.ctx;
    let m = ctx.model;
    let say = Say { lang: ctx.lang };
    let t = |zh: &str, en: &str| say.t(zh, en);
    if m.parks.is_empty() {
        if let Some(id) = &options.park {
            return Err(Error::invalid(
                "park",
                id.as_str(),
                "the project has no parks layer ([layers.parks])",
            ));
        }
        return Ok(whole_project(src, say));
    }
    let ids: Vec<String> = m.parks.iter().map(|p| p.id.clone()).collect();
    let chosen: Vec<usize> = match &options.park {
        None => (0..ids.len()).collect(),
        Some(id) => match ids.iter().position(|p| p == id) {
            Some(i) => vec![i],
            None => {
                let hint = suggest(id, ids.iter().map(String::as_str))
                    .map(|s| format!(" (did you mean {s}?)"))
                    .unwrap_or_default();
                return Err(Error::invalid(
                    "park",
                    id.as_str(),
                    format!("no such park{hint}"),
                ));
            }
        },
    };
    let titles: Vec<String> = m
        .parks
        .iter()
        .map(|p| say.park(&p.id, p.name.as_deref().unwrap_or("")))
        .collect();
    let parks = View::new(src.parks);
    let park_row = |id: &str| {
        let c = parks.col("park_id");
        (0..parks.len())
            .map(|i| parks.row(i))
            .find(|r| view::text(r, c) == id)
            .map(|r| r.into_owned())
            .unwrap_or_default()
    };
    let col = |k: &str| parks.col(k);
    let by_park = parcels::parcels_by_park(src.parcels, &ids);
    let has = |k| m.given.contains(&k);
    let limits = limits(ctx, say);
    let mut blocks = Vec::new();
    let mut pictures = Vec::new();
    let large = m.parcels.len() > LARGE_CITY_PARCELS && options.park.is_none();
    let mut limits = limits;
    if large {
        limits.push(say.large_city(m.parcels.len(), LARGE_CITY_PARCELS));
    }
    if options.park.is_none() {
        blocks.extend(city::city_blocks(
            &parks,
            &titles,
            say,
            has(LayerKind::Enterprises),
            &limits,
        ));
        if !large {
            let city_map = map(
                ctx,
                MapKind::Overview,
                None,
                "/maps/city-overview.svg".into(),
            )?;
            blocks.push(Block::Map {
                path: city_map.0.clone(),
            });
            pictures.push(city_map);
        }
    } else {
        blocks.extend(limits.iter().map(|l| Block::Note { text: l.clone() }));
    }
    let summary = View::new(src.idle_summary);
    let firms = src
        .enterprises
        .map(|e| park_firms::Firms::new(View::new(e)));
    let plan = src.plan.map(View::new);
    let outlines: Vec<&geo::MultiPolygon<f64>> = m.parks.iter().map(|p| &p.geometry).collect();
    let chapters: Vec<(Vec<Block>, Vec<Picture>)> = chosen
        .par_iter()
        .map(|&k| {
            let park = &m.parks[k];
            let input = ParkInput {
                index: k,
                park,
                title: titles[k].clone(),
                row: park_row(&park.id),
                col: &col,
                parcels: &by_park[k],
                policy: src.policy,
                say,
                has_buildings: has(LayerKind::Buildings),
                has_approvals: has(LayerKind::Approvals),
                whole: false,
                has_supply_records: m.has(crate::model::Input::SupplyRecords),
            };
            let id = Some(park.id.as_str());
            // A large city keeps only each park's idle sheet (the file stays small).
            let kinds: &[(MapKind, &str)] = if large {
                &[(MapKind::Idle, "idle")]
            } else {
                &[
                    (MapKind::Overview, "overview"),
                    (MapKind::Intensity, "far"),
                    (MapKind::Idle, "idle"),
                ]
            };
            // A sheet whose input the project lacks is left out (the notes say what is missing).
            let sheets = kinds
                .iter()
                .filter(|(kind, _)| m.lacking(&kind.needs(None)).is_empty())
                .map(|(kind, name)| map(ctx, *kind, id, format!("/maps/{k}-{name}.svg")))
                .collect::<Result<Vec<_>>>()?;
            let locator = (
                format!("/charts/{k}-locator.svg"),
                charts::locator(&outlines, k, &titles),
            );
            let mut b = Vec::new();
            let mut pics = Vec::new();
            let (o, p) = park::overview(&input, locator);
            b.extend(o);
            pics.extend(p);
            b.extend(park::land_status(&input, None));
            let (i, p) = park::intensity(&input, None);
            b.extend(i);
            pics.extend(p);
            let (i, p) = park_idle::idle_land(&input, &summary, None);
            b.extend(i);
            pics.extend(p);
            let (e, p) = park_firms::enterprises(&input, firms.as_ref());
            b.extend(e);
            pics.extend(p);
            b.extend(park_firms::relocation(&input, plan.as_ref()));
            b.extend(park::potential(&input));
            // The chapter's map sheets (附图) close it, each on its own landscape page.
            for m in &sheets {
                b.push(Block::Map { path: m.0.clone() });
            }
            pics.extend(sheets);
            Ok((b, pics))
        })
        .collect::<Result<_>>()?;
    for (b, p) in chapters {
        blocks.extend(b);
        pictures.extend(p);
    }
    blocks.extend(appendix::appendix(&src.about, &m.report, say));
    let subtitle = t(
        "园区土地集约利用评价报告",
        "Evaluation of the intensive use of park land",
    );
    let control = &src.policy.control;
    let mut cover = vec![
        format!("{}　{}", t("评价时点", "Judged at"), src.as_of),
        match options.park.as_deref() {
            None => format!("{}　{}", t("评价园区", "Parks"), chosen.len()),
            Some(_) => titles[chosen[0]].clone(),
        },
        format!("{}　{}", t("控制指标", "Control indicators"), control.title),
        format!(
            "{}　parkscope {}",
            t("编制", "Made by"),
            env!("CARGO_PKG_VERSION")
        ),
    ];
    cover.retain(|l| !l.is_empty());
    Ok(Dossier {
        lang: match ctx.lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
        .into(),
        title: ctx.project.clone(),
        subtitle: subtitle.clone(),
        cover,
        attribution: ctx.credit.clone(),
        header: ctx.project.clone(),
        contents: t("目录", "Contents"),
        blocks,
        pictures,
    })
}
