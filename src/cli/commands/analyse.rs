//! `intensity`, `evaluate`, `idle` and `run`: analyse a project and write its tables
//! (GeoJSON + CSV with BOM + an Excel workbook) into a folder, then print a summary.

use std::path::{Path, PathBuf};

use parkscope::analyse::evaluate::EvalClass;
use parkscope::analyse::idle::IdleClass;
use parkscope::analyse::Analysis;
use parkscope::error::Result;
use parkscope::project::land::Service;
use parkscope::{Lang, OutputOptions, TableSet, Workspace};

use super::open::open;
use super::Flags;
use crate::cli::progress::Progress;

/// Opens the project, runs the analyses and writes the tables of `set` into `out` (made
/// ready first: see [`parkscope::prepare_out_dir`]); returns the files written.
pub fn run(
    path: &Path,
    out: &Path,
    as_of: Option<&str>,
    set: TableSet,
    output: &OutputOptions,
    flags: Flags,
) -> Result<(Workspace, Analysis, Vec<PathBuf>)> {
    parkscope::prepare_out_dir(out)?;
    let ws = open(path, as_of, flags)?;
    if set == TableSet::Evaluate && !ws.has_layer(parkscope::LayerKind::Enterprises) {
        return Err(parkscope::Error::Missing(format!(
            "{}: evaluate needs an enterprises layer ([layers.enterprises] in the project file)",
            ws.project().file.display()
        )));
    }
    let progress = Progress::new(flags.quiet);
    progress.step("analysing");
    let a = ws.analyse();
    for (stage, d) in &a.timings {
        super::timing(flags, stage, *d);
    }
    progress.step("writing tables");
    let t = std::time::Instant::now();
    let files = super::take_files(ws.write_tables(&a, set, out, output)?, flags);
    super::timing(flags, "write tables", t.elapsed());
    drop(progress);
    if flags.json {
        println!("{}", summary_json(&ws, &a, out));
    } else if !flags.quiet {
        print_summary(&ws, &a, set, out);
    }
    Ok((ws, a, files))
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

fn print_summary(s: &Workspace, a: &Analysis, which: TableSet, out: &Path) {
    let m = s.model();
    let zh = s.lang() == Lang::Zh;
    let say = |z: String, e: String| println!("{}", if zh { z } else { e });
    say(
        format!(
            "{} — 评价时点 {} — 坐标系 {}",
            s.project().name,
            a.as_of,
            m.frame.name()
        ),
        format!(
            "{} — judged at {} — frame {}",
            s.project().name,
            a.as_of,
            m.frame.name()
        ),
    );
    let total_mu: f64 = m.parcels.iter().map(|p| p.area.to_mu()).sum();
    let (np, nb, ne, nk) = (
        m.parcels.len(),
        m.buildings.len(),
        m.enterprises.len(),
        m.parks.len(),
    );
    say(
        format!("宗地 {np} 宗（{total_mu:.1} 亩），建筑 {nb} 栋，企业 {ne} 家，园区 {nk} 个"),
        format!("parcels {np}  ({total_mu:.1} 亩), buildings {nb}, enterprises {ne}, parks {nk}"),
    );
    if matches!(which, TableSet::Intensity | TableSet::All) {
        let floor: f64 = a.intensity.iter().map(|i| i.floor_area.m2()).sum();
        let area: f64 = m.parcels.iter().map(|p| p.area.m2()).sum();
        let far = if area > 0.0 { floor / area } else { 0.0 };
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
        say(
            format!("总建筑面积 {floor:.0} 平方米，综合容积率 {far:.3}；容积率低于下限 {far_fail} 宗，建筑系数低于下限 {cov_fail} 宗"),
            format!("floor area {floor:.0} m², overall FAR {far:.3}; below FAR minimum {far_fail} parcels, below building coefficient {cov_fail}"),
        );
        for (park, pi) in m.parks.iter().zip(&a.parks) {
            let name = park.name.as_deref().unwrap_or("");
            let share = pi
                .top1_tax_share
                .map(|x| format!("{:.1} %", x * 100.0))
                .unwrap_or_else(|| "-".into());
            let (area, sup, built, idle, ans) = (
                pi.area.to_mu(),
                pi.supplied.to_mu(),
                pi.built.to_mu(),
                pi.idle.to_mu(),
                pi.approved_not_supplied.to_mu(),
            );
            let (far, ifar, tax) = (
                fmt(pi.far, 2),
                fmt(pi.industrial_far, 2),
                fmt(pi.tax_per_mu, 1),
            );
            say(
                format!("  园区 {} {name}：{area:.1} 亩，已供 {sup:.1}，已建 {built:.1}，闲置 {idle:.1}，批而未供 {ans:.1}；综合容积率 {far}，工业用地容积率 {ifar}，亩均税收 {tax} 万元/亩，最大纳税企业占比 {share}", park.id),
                format!("  park {} {name}: {area:.1} 亩, supplied {sup:.1}, built {built:.1}, idle {idle:.1}, 批而未供 {ans:.1}; FAR {far}, industrial FAR {ifar}, tax {tax} 万元/亩, top-1 tax share {share}", park.id),
            );
        }
        print_supply(s, a);
    }
    if matches!(which, TableSet::Idle | TableSet::All) {
        say(
            format!("低效用地（{}）：", a.as_of),
            format!("idle and inefficient land at {}:", a.as_of),
        );
        for (c, n, mu) in class_counts(a, m) {
            say(
                format!("  {:　<5} {n:>6} 宗 {mu:>10.1} 亩", c.zh()),
                format!(
                    "  {:<26} {:<6} {n:>6} parcels {mu:>10.1} 亩",
                    c.name(),
                    c.zh()
                ),
            );
        }
        let days = s
            .policy()
            .idle
            .warn_days
            .iter()
            .max()
            .copied()
            .unwrap_or(365);
        let n = a.upcoming.len();
        say(
            format!("  {days} 天内将变更类别：{n} 宗"),
            format!("  upcoming changes within {days} days: {n}"),
        );
    }
    if matches!(
        which,
        TableSet::Evaluate | TableSet::Intensity | TableSet::All
    ) && !m.enterprises.is_empty()
    {
        let counts: Vec<String> = EvalClass::ALL
            .iter()
            .map(|c| {
                let n = a
                    .evaluation
                    .enterprises
                    .iter()
                    .filter(|e| e.class == *c)
                    .count();
                format!("{} {n}", c.name())
            })
            .collect();
        let preset = &a.evaluation.preset;
        say(
            format!("亩均评价（{preset}）：{}", counts.join("，")),
            format!("evaluation ({preset}): {}", counts.join(", ")),
        );
        let unplaced = s.unplaced_enterprises().len();
        if unplaced > 0 {
            say(
                format!("  {unplaced} 家企业未能落到宗地（见“定位问题”列）"),
                format!(
                    "  {unplaced} enterprises not placed on a parcel (see the placement column)"
                ),
            );
        }
    }
    let unconfirmed = a
        .intensity
        .iter()
        .filter(|i| i.far_rule_unconfirmed)
        .count();
    if unconfirmed > 0 {
        say(
            format!("注意：{unconfirmed} 宗地的容积率下限取值尚未核实（容积率依据列标注 [unconfirmed]）"),
            format!("note: {unconfirmed} parcels were judged with an unconfirmed FAR minimum (marked [unconfirmed] in far_rule)"),
        );
    }
    say(
        format!("已写入 {}", out.display()),
        format!("written to {}", out.display()),
    );
}

/// Serviced land and years of supply left per park, and which services were assessed.
fn print_supply(s: &Workspace, a: &Analysis) {
    let zh = s.lang() == Lang::Zh;
    let say = |z: String, e: String| println!("{}", if zh { z } else { e });
    let assessed = a.supply.serviced.assessed;
    let services = |has: bool, word: fn(Service) -> &'static str, sep: &str| {
        Service::ALL
            .into_iter()
            .filter(|v| assessed.contains(*v) == has)
            .map(word)
            .collect::<Vec<_>>()
            .join(sep)
    };
    let (yes, no) = (
        services(true, Service::name, ";"),
        services(false, Service::name, ";"),
    );
    let (yes_zh, no_zh) = (
        services(true, Service::zh, "、"),
        services(false, Service::zh, "、"),
    );
    say(
        format!(
            "熟地（宗地周边配套）：已评估 {}；未评估 {}",
            or_dash(&yes_zh),
            or_dash(&no_zh)
        ),
        format!(
            "serviced land: assessed {}; not assessed {}",
            or_dash(&yes),
            or_dash(&no)
        ),
    );
    let n = a.supply.mean_over_years;
    for (park, ls) in s.model().parks.iter().zip(&a.supply.parks) {
        let mu = |v: Option<parkscope::units::AreaM2>| fmt(v.map(|x| x.to_mu()), 1);
        let (srv, big) = (mu(ls.serviced_unsupplied), mu(ls.largest_serviced));
        let o = &ls.outlook;
        let (left, per_year) = (o.suppliable.to_mu(), o.per_year.to_mu());
        let years = fmt(o.years_left, 1);
        say(
            format!("  园区 {}：未供熟地 {srv} 亩（最大单宗 {big} 亩），尚可供地 {left:.1} 亩，前 {n} 年年均供地 {per_year:.1} 亩，尚可供地年数 {years}", park.id),
            format!("  park {}: serviced unsupplied {srv} 亩 (largest {big} 亩), suppliable {left:.1} 亩, mean supply of the {n} years before {per_year:.1} 亩/year, years of supply left {years}", park.id),
        );
    }
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "-"
    } else {
        s
    }
}

fn fmt(v: Option<f64>, d: usize) -> String {
    v.map(|x| format!("{x:.d$}")).unwrap_or_else(|| "-".into())
}

fn summary_json(s: &Workspace, a: &Analysis, out: &Path) -> serde_json::Value {
    let idle: serde_json::Map<String, serde_json::Value> = class_counts(a, s.model())
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
        "project": s.project().name, "as_of": a.as_of.to_string(), "frame": s.model().frame.name(),
        "parcels": s.model().parcels.len(), "idle": idle, "classes": classes, "out": out,
    })
}
