//! `intensity`, `evaluate`, `idle` and `run`: analyse a project and write its tables
//! (GeoJSON + CSV with BOM + an Excel workbook) into a folder, then print a summary.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use parkscope::analyse::evaluate::EvalClass;
use parkscope::analyse::idle::IdleClass;
use parkscope::analyse::{analyse_all, Analysis};
use parkscope::error::Result;
use parkscope::project::LayerKind;
use parkscope::write::tables::{
    ans_table, enterprises_table, parcels_table, parks_table, upcoming_table,
};
use parkscope::write::{write_table, write_workbook, Cell, Column, Rows, Table};

use super::session::Session;
use super::Flags;
use crate::cli::progress::Progress;

/// Which tables a command writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Intensity,
    Evaluate,
    Idle,
    All,
}

/// Runs the analyses and writes the tables of `which` into `out`.
pub fn run(
    path: &Path,
    out: &Path,
    as_of: Option<&str>,
    which: Which,
    flags: Flags,
) -> Result<(Session, Analysis)> {
    let s = Session::open(path, as_of, flags)?;
    if which == Which::Evaluate && !s.model.given.contains(&LayerKind::Enterprises) {
        return Err(parkscope::error::Error::Missing(format!(
            "{}: evaluate needs an enterprises layer ([layers.enterprises] in the project file)",
            s.project.file.display()
        )));
    }
    let progress = Progress::new(flags.quiet);
    progress.step("analysing");
    let a = analyse_all(&s.model, &s.index, &s.policy, s.as_of);
    for (stage, d) in &a.timings {
        super::timing(flags, stage, *d);
    }
    progress.step("writing tables");
    let t = std::time::Instant::now();
    write_outputs(&s, &a, out, which)?;
    super::timing(flags, "write tables", t.elapsed());
    drop(progress);
    if flags.json {
        println!("{}", summary_json(&s, &a, out));
    } else if !flags.quiet {
        print_summary(&s, &a, which, out);
    }
    Ok((s, a))
}

/// Writes the tables of `which`.
pub fn write_outputs(s: &Session, a: &Analysis, out: &Path, which: Which) -> Result<()> {
    let parcels = parcels_table(&s.model, &s.index, a);
    let parks = parks_table(&s.model, a);
    let enterprises = enterprises_table(&s.model, &s.index, a);
    let upcoming = upcoming_table(&s.model, a, &s.policy.idle.warn_days);
    let ans = ans_table(&s.model, a);
    let summary = idle_summary(s, a);
    let lang = s.project.lang;
    let mut files: Vec<&dyn Rows> = Vec::new();
    if matches!(which, Which::Intensity | Which::Idle | Which::All) {
        files.push(&parcels);
    }
    if matches!(which, Which::Intensity | Which::All) && !s.model.parks.is_empty() {
        files.push(&parks);
    }
    if matches!(which, Which::Intensity | Which::Evaluate | Which::All)
        && s.model.given.contains(&LayerKind::Enterprises)
    {
        files.push(&enterprises);
    }
    if matches!(which, Which::Idle | Which::All) {
        files.push(&upcoming);
        files.push(&summary);
        if s.model.given.contains(&LayerKind::Approvals) {
            files.push(&ans);
        }
    }
    let zh = lang == parkscope::project::Lang::Zh;
    let sheet = |zh_name: &'static str, en: &'static str| if zh { zh_name } else { en };
    let mut sheets: Vec<(&str, &dyn Rows)> = Vec::new();
    match which {
        Which::Intensity => {
            sheets.push((sheet("宗地", "parcels"), &parcels));
            sheets.push((sheet("园区", "parks"), &parks));
            sheets.push((sheet("企业", "enterprises"), &enterprises));
        }
        Which::Evaluate => sheets.push((sheet("企业", "enterprises"), &enterprises)),
        Which::Idle => {
            sheets.push((sheet("宗地", "parcels"), &parcels));
            sheets.push((sheet("汇总", "summary"), &summary));
            sheets.push((sheet("即将到期", "upcoming"), &upcoming));
            sheets.push((sheet("批而未供", "approved_not_supplied"), &ans));
        }
        Which::All => {
            sheets.push((sheet("宗地", "parcels"), &parcels));
            sheets.push((sheet("园区", "parks"), &parks));
            sheets.push((sheet("企业", "enterprises"), &enterprises));
            sheets.push((sheet("低效用地汇总", "idle_summary"), &summary));
            sheets.push((sheet("即将到期", "upcoming"), &upcoming));
            sheets.push((sheet("批而未供", "approved_not_supplied"), &ans));
        }
    }
    let book = match which {
        Which::Intensity => "intensity.xlsx",
        Which::Evaluate => "evaluate.xlsx",
        Which::Idle => "idle.xlsx",
        Which::All => "parkscope.xlsx",
    };
    // The workbook and the GeoJSON/CSV files are independent: written side by side.
    let (files, book) = rayon::join(
        || files.par_iter().try_for_each(|t| write_table(out, *t)),
        || write_workbook(&out.join(book), &sheets, lang),
    );
    files.and(book)
}

/// Idle land per park and class: parcels, 亩, and the idle-fee base.
fn idle_summary(s: &Session, a: &Analysis) -> Table {
    let cols = [
        ("park_id", "园区编号"),
        ("idle_class", "类别"),
        ("idle_class_zh", "类别（中文）"),
        ("parcels", "宗数"),
        ("area_mu", "面积（亩）"),
        ("fee_due_mu", "应缴闲置费面积（亩）"),
        ("recoverable_mu", "可收回面积（亩）"),
    ];
    let mut t = Table::new(
        "idle_summary",
        cols.iter().map(|(k, z)| Column::new(k, z)).collect(),
    );
    let mut acc: BTreeMap<(String, IdleClass), (usize, f64, f64, f64)> = BTreeMap::new();
    for (i, p) in s.model.parcels.iter().enumerate() {
        let v = &a.idle[i];
        let park = s.index.parcel_park[i]
            .map(|k| s.model.parks[k].id.clone())
            .unwrap_or_default();
        for key in [(park, v.class), ("(all)".to_owned(), v.class)] {
            let e = acc.entry(key).or_default();
            e.0 += 1;
            e.1 += p.area.to_mu();
            if v.fee_due {
                e.2 += p.area.to_mu();
            }
            if v.recoverable {
                e.3 += p.area.to_mu();
            }
        }
    }
    for ((park, class), (n, mu, fee, rec)) in acc {
        t.rows.push(vec![
            Cell::Text(park),
            Cell::Text(class.name().into()),
            Cell::Text(class.zh().into()),
            Cell::Int(n as i64),
            Cell::Number(mu, 3),
            Cell::Number(fee, 3),
            Cell::Number(rec, 3),
        ]);
    }
    t
}

fn class_counts(a: &Analysis, model: &parkscope::model::Model) -> Vec<(IdleClass, usize, f64)> {
    IdleClass::ALL
        .iter()
        .map(|c| {
            let (n, mu) = a
                .idle
                .iter()
                .zip(&model.parcels)
                .filter(|(v, _)| v.class == *c)
                .fold((0, 0.0), |(n, m), (_, p)| (n + 1, m + p.area.to_mu()));
            (*c, n, mu)
        })
        .collect()
}

fn print_summary(s: &Session, a: &Analysis, which: Which, out: &Path) {
    let m = &s.model;
    println!(
        "{} — judged at {} — frame {}",
        s.project.name,
        a.as_of,
        m.frame.name()
    );
    let total_mu: f64 = m.parcels.iter().map(|p| p.area.to_mu()).sum();
    println!(
        "parcels {}  ({total_mu:.1} 亩), buildings {}, enterprises {}, parks {}",
        m.parcels.len(),
        m.buildings.len(),
        m.enterprises.len(),
        m.parks.len()
    );
    if matches!(which, Which::Intensity | Which::All) {
        let floor: f64 = a.intensity.iter().map(|i| i.floor_area.m2()).sum();
        let area: f64 = m.parcels.iter().map(|p| p.area.m2()).sum();
        let far_fail = a
            .intensity
            .iter()
            .filter(|i| i.far_ok == Some(false))
            .count();
        let cov_fail = a
            .intensity
            .iter()
            .filter(|i| i.coverage_ok == Some(false))
            .count();
        println!("floor area {:.0} m², overall FAR {:.3}; below FAR minimum {far_fail} parcels, below building coefficient {cov_fail}", floor, if area > 0.0 { floor / area } else { 0.0 });
        for (park, pi) in m.parks.iter().zip(&a.parks) {
            println!(
                "  park {} {}: {:.1} 亩, supplied {:.1}, built {:.1}, idle {:.1}, 批而未供 {:.1}; FAR {}, industrial FAR {}, tax {} 万元/亩, top-1 tax share {}",
                park.id,
                park.name.as_deref().unwrap_or(""),
                pi.area.to_mu(),
                pi.supplied.to_mu(),
                pi.built.to_mu(),
                pi.idle.to_mu(),
                pi.approved_not_supplied.to_mu(),
                fmt(pi.far, 2),
                fmt(pi.industrial_far, 2),
                fmt(pi.tax_per_mu, 1),
                pi.top1_tax_share.map(|x| format!("{:.1} %", x * 100.0)).unwrap_or_else(|| "-".into())
            );
        }
    }
    if matches!(which, Which::Idle | Which::All) {
        println!("idle and inefficient land at {}:", a.as_of);
        for (c, n, mu) in class_counts(a, m) {
            println!(
                "  {:<26} {:<6} {:>6} parcels {:>10.1} 亩",
                c.name(),
                c.zh(),
                n,
                mu
            );
        }
        println!(
            "  upcoming changes within {} days: {}",
            s.policy.idle.warn_days.iter().max().unwrap_or(&365),
            a.upcoming.len()
        );
    }
    if matches!(which, Which::Evaluate | Which::Intensity | Which::All) && !m.enterprises.is_empty()
    {
        let counts: Vec<String> = EvalClass::ALL
            .iter()
            .map(|c| {
                format!(
                    "{} {}",
                    c.name(),
                    a.evaluation
                        .enterprises
                        .iter()
                        .filter(|e| e.class == *c)
                        .count()
                )
            })
            .collect();
        println!(
            "evaluation ({}): {}",
            a.evaluation.preset,
            counts.join(", ")
        );
        if !s.index.unplaced.is_empty() {
            println!(
                "  {} enterprises not placed on a parcel (see the placement column)",
                s.index.unplaced.len()
            );
        }
    }
    let unconfirmed = a
        .intensity
        .iter()
        .filter(|i| i.far_rule_unconfirmed)
        .count();
    if unconfirmed > 0 {
        println!("note: {unconfirmed} parcels were judged with an unconfirmed FAR minimum (marked [unconfirmed] in far_rule)");
    }
    println!("written to {}", out.display());
}

fn fmt(v: Option<f64>, d: usize) -> String {
    v.map(|x| format!("{x:.d$}")).unwrap_or_else(|| "-".into())
}

fn summary_json(s: &Session, a: &Analysis, out: &Path) -> serde_json::Value {
    let idle: serde_json::Map<String, serde_json::Value> = class_counts(a, &s.model)
        .into_iter()
        .map(|(c, n, mu)| {
            (
                c.name().to_owned(),
                serde_json::json!({"parcels": n, "area_mu": mu}),
            )
        })
        .collect();
    let classes: serde_json::Map<String, serde_json::Value> = EvalClass::ALL
        .iter()
        .map(|c| {
            (
                c.name().to_owned(),
                serde_json::json!(a
                    .evaluation
                    .enterprises
                    .iter()
                    .filter(|e| e.class == *c)
                    .count()),
            )
        })
        .collect();
    serde_json::json!({
        "project": s.project.name, "as_of": a.as_of.to_string(), "frame": s.model.frame.name(),
        "parcels": s.model.parcels.len(), "idle": idle, "classes": classes, "out": out,
    })
}
