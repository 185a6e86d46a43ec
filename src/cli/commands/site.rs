//! `parkscope site PROJECT --out DIR [--enterprise ID] [--weights …] [--ahp FILE]`:
//! relocation sites, rejections and the assignment plan.

use std::path::Path;

use parkscope::analyse::site::{self, PerCriterion, SiteOptions, SitingResult};
use parkscope::analyse::Analysis;
use parkscope::error::{Error, Result};
use parkscope::project::policy::SitingWeights;
use parkscope::{OutputOptions, Workspace};

use super::open::open;
use super::Flags;
use crate::cli::progress::Progress;

/// Parses `--weights distance_old=1,road=2,…` (criteria not named keep the policy's
/// weight).
pub fn parse_weights(s: &str, base: SitingWeights) -> Result<PerCriterion<f64>> {
    site::parse_weights(s, PerCriterion::from(base))
        .map_err(|e| Error::Usage(format!("--weights: {e}")))
}

/// Reads an AHP matrix: a TOML file with `matrix = [[…], …]`, or rows of numbers (CSV);
/// fractions like 1/3 are accepted.
pub fn read_ahp(path: &Path) -> Result<Vec<Vec<f64>>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if path.extension().is_some_and(|e| e == "toml") {
        #[derive(serde::Deserialize)]
        struct F {
            matrix: Vec<Vec<f64>>,
        }
        let f: F = toml::from_str(&text).map_err(|e| {
            Error::in_file(
                path.display().to_string(),
                parkscope::project::toml_error(&e, &text),
            )
        })?;
        return Ok(f.matrix);
    }
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.split([',', ' ', '\t'])
                .filter(|c| !c.is_empty())
                .map(|c| {
                    match c.split_once('/') {
                        Some((a, b)) => a
                            .trim()
                            .parse::<f64>()
                            .and_then(|a| b.trim().parse::<f64>().map(|b| a / b)),
                        None => c.parse::<f64>(),
                    }
                    .map_err(|_| {
                        Error::in_file(
                            path.display().to_string(),
                            format!("\"{c}\" is not a number or fraction"),
                        )
                    })
                })
                .collect()
        })
        .collect()
}

/// Runs siting and writes its tables.
pub fn run(
    path: &Path,
    out: &Path,
    enterprise: Option<String>,
    weights: Option<&str>,
    ahp: Option<Vec<Vec<f64>>>,
    output: &OutputOptions,
    flags: Flags,
) -> Result<()> {
    parkscope::prepare_out_dir(out)?;
    let s = open(path, None, flags)?;
    let weights = weights
        .map(|w| parse_weights(w, s.policy().siting.weights))
        .transpose()?;
    let opts = &SiteOptions {
        enterprise,
        weights,
        ahp,
    };
    let a = s.analyse();
    let (r, files) = siting_tables(&s, &a, opts, out, output, flags)?;
    super::finish_set(out, &files, &s, "site")?;
    if flags.json {
        let placed = r.plan.iter().filter(|p| p.site.is_some()).count();
        println!(
            "{}",
            serde_json::json!({"movers": r.movers.len(), "placed": placed, "sites": r.sites.len(), "weights": r.weights, "consistency_ratio": r.consistency_ratio, "out": out, "solver": solver_json(&r.solver)})
        );
    }
    Ok(())
}

/// What the joint assignment did, for `--json`.
fn solver_json(s: &site::SolverReport) -> serde_json::Value {
    serde_json::json!({
        "components": s.components,
        "with_factories": s.with_factories,
        "largest_variables": s.largest_variables,
        "proven_optimal": s.proven_optimal,
        "placed": s.placed,
        "placed_bound": s.placed_bound,
        "score_gap": if s.score_gap.is_finite() { Some(s.score_gap) } else { None },
        "fallback": s.fallback,
        "seconds": s.elapsed.as_secs_f64(),
    })
}

/// Runs siting on a loaded session and writes sites, rejected, plan and moves; returns the
/// result and the files written.
pub fn siting_tables(
    s: &Workspace,
    a: &Analysis,
    opts: &SiteOptions,
    out: &Path,
    output: &OutputOptions,
    flags: Flags,
) -> Result<(SitingResult, Vec<std::path::PathBuf>)> {
    let progress = Progress::new(flags.quiet);
    progress.step("siting");
    let t = std::time::Instant::now();
    let r = s.site(a, opts)?;
    for (stage, d) in &r.timings {
        super::timing(flags, stage, *d);
    }
    super::timing(flags, "siting (constraints, scores, plan)", t.elapsed());
    if flags.timings {
        // What a weight change costs: re-score and re-assign with distance_old weighted 1.2×.
        let mut again = r.clone();
        let mut w = r.weights;
        w[site::Criterion::DistanceOld] *= 1.2;
        let t = std::time::Instant::now();
        again.reweight(s.model(), &s.policy().siting, w, s.as_of());
        super::timing(flags, "re-score + re-assign (new weights)", t.elapsed());
    }
    progress.step("writing tables");
    let files = super::take_files(s.write_siting_tables(&r, out, output)?, flags);
    drop(progress);
    if !flags.quiet && !flags.json {
        let placed: Vec<_> = r.plan.iter().filter(|p| p.site.is_some()).collect();
        // An empty f64 sum is −0.0; + 0.0 prints it as 0.0.
        let released: f64 = placed.iter().map(|p| p.released.to_mu()).sum::<f64>() + 0.0;
        let zh = s.lang() == parkscope::Lang::Zh;
        let (movers, sites, n, not) = (
            r.movers.len(),
            r.sites.len(),
            placed.len(),
            r.movers.len() - placed.len(),
        );
        if zh {
            println!("搬迁选址：{movers} 家企业需搬迁，候选地块 {sites} 个；安置 {n} 家，未安置 {not} 家；腾退用地 {released:.1} 亩");
        } else {
            println!("siting: {movers} enterprises must move, {sites} candidate sites; {n} placed, {not} not placed; {released:.1} 亩 released");
        }
        let w: Vec<String> = r
            .weights
            .iter()
            .map(|(c, w)| format!("{c}={w:.3}"))
            .collect();
        let cr = r.consistency_ratio;
        if zh {
            let cr = cr
                .map(|c| format!("（层次分析法，一致性比率 {c:.3}）"))
                .unwrap_or_default();
            println!("  权重 {}{cr}", w.join("，"));
        } else {
            let cr = cr
                .map(|c| format!(" (AHP, consistency ratio {c:.3})"))
                .unwrap_or_default();
            println!("  weights {}{cr}", w.join(", "));
        }
        let mut phases: std::collections::BTreeMap<i32, usize> = std::collections::BTreeMap::new();
        for p in &placed {
            if let Some(y) = p.phase {
                *phases.entry(y).or_default() += 1;
            }
        }
        let phases: Vec<String> = phases.iter().map(|(y, n)| format!("{y}: {n}")).collect();
        let sv = &r.solver;
        if sv.with_factories > 0 {
            let tenants = r.factory_tenants();
            let in_f: usize = tenants.iter().map(|(_, t)| t.len()).sum();
            let proof = match (zh, sv.proven_optimal) {
                (true, true) => "已证明最优".to_owned(),
                (false, true) => "proven optimal".to_owned(),
                (true, false) => format!(
                    "未能在时限内证明最优：安置 {} 家（上界 {}），{}",
                    sv.placed,
                    sv.placed_bound,
                    if sv.score_gap.is_finite() {
                        format!("得分相对差距 ≤ {:.2}%", sv.score_gap * 100.0)
                    } else {
                        "得分未求界".to_owned()
                    }
                ),
                (false, false) => format!(
                    "not proven within the time limit: {} placed (bound {}), {}",
                    sv.placed,
                    sv.placed_bound,
                    if sv.score_gap.is_finite() {
                        format!("score gap ≤ {:.2} %", sv.score_gap * 100.0)
                    } else {
                        "score not bounded".to_owned()
                    }
                ),
            };
            if zh {
                println!(
                    "  标准厂房：{in_f} 家入驻 {} 栋厂房；含厂房的联合求解 {} 组（{proof}，{:.2} 秒）",
                    tenants.len(),
                    sv.with_factories,
                    sv.elapsed.as_secs_f64()
                );
            } else {
                println!(
                    "  standard factories: {in_f} firms in {} buildings; {} components solved jointly ({proof}, {:.2} s)",
                    tenants.len(),
                    sv.with_factories,
                    sv.elapsed.as_secs_f64()
                );
            }
        }
        if zh {
            println!("  搬迁批次：{}", phases.join("，"));
            println!("已写入 {}", out.display());
        } else {
            println!("  phases: {}", phases.join(", "));
            println!("written to {}", out.display());
        }
    }
    Ok((r, files))
}
