//! `parkscope check PROJECT`: load every layer and print what was read, rejected and
//! repaired, with each problem. Exit 2 when a layer cannot be used.

use std::path::Path;

use parkscope::error::{Error, Result};
use parkscope::{LoadReport, OpenOptions, Project};

use super::Flags;
use crate::cli::progress::Progress;

/// How many problems per layer the human report lists.
const LISTED_PROBLEMS: usize = 20;

pub fn run(path: &Path, flags: Flags) -> Result<()> {
    let project = Project::load(path)?;
    let progress = Progress::new(flags.quiet);
    progress.step("loading and indexing layers");
    let opened = OpenOptions::new()
        .today(chrono::Local::now().date_naive())
        .open_project(project.clone());
    drop(progress);
    let (report, hints, unusable) = match opened {
        Ok(ws) => {
            for (stage, d) in ws.timings() {
                super::timing(flags, stage, *d);
            }
            (ws.load_report().clone(), ws.warnings().to_vec(), None)
        }
        Err(Error::Unusable {
            layer,
            first,
            report,
        }) => (*report.clone(), Vec::new(), Some((layer, first, report))),
        Err(e) => return Err(e),
    };
    if flags.json {
        let mut v = serde_json::to_value(&report)
            .map_err(|e| Error::Internal(format!("the load report as JSON: {e}")))?;
        v["warnings"] = serde_json::json!(hints);
        let out = serde_json::to_string_pretty(&v)
            .map_err(|e| Error::Internal(format!("the load report as JSON: {e}")))?;
        println!("{out}");
    } else if !flags.quiet {
        print_report(&project, &report);
        for h in &hints {
            println!();
            println!("warning: {h}");
        }
    }
    match unusable {
        Some((layer, first, report)) => Err(Error::Unusable {
            layer,
            first,
            report,
        }),
        None => Ok(()),
    }
}
/// Prints the per-layer report for a person.
pub fn print_report(project: &Project, report: &LoadReport) {
    println!("project  {} ({})", project.name, project.file.display());
    println!("frame    {}", report.frame);
    println!();
    println!(
        "{:<15} {:>9} {:>9} {:>9} {:>9}  {:<26} file",
        "layer", "read", "rejected", "repaired", "warnings", "crs"
    );
    for (name, r) in &report.layers {
        let enc = r
            .encoding
            .as_deref()
            .map(|e| format!(" [{e}]"))
            .unwrap_or_default();
        println!(
            "{:<15} {:>9} {:>9} {:>9} {:>9}  {:<26} {}{}",
            name,
            r.read,
            r.rejected,
            r.repaired,
            r.warnings(),
            r.crs,
            r.path,
            enc
        );
    }
    for (name, r) in &report.layers {
        if r.problems.is_empty() {
            continue;
        }
        println!();
        println!("{name}: {} problem(s)", r.problems.len());
        for p in r.problems.iter().take(LISTED_PROBLEMS) {
            println!(
                "  {:<8} {}",
                format!("{:?}", p.severity).to_lowercase(),
                p.describe(&r.path)
            );
        }
        if r.problems.len() > LISTED_PROBLEMS {
            println!(
                "  … and {} more (check --json lists them all)",
                r.problems.len() - LISTED_PROBLEMS
            );
        }
    }
}
