//! `parkscope check PROJECT`: load every layer and print what was read, rejected and
//! repaired, with each problem. Exit 2 when a layer cannot be used.

use std::path::Path;

use parkscope::error::{Error, Result};
use parkscope::init::{survey_project, ProjectSurvey};
use parkscope::{LoadReport, OpenOptions, Project};

use super::Flags;
use crate::cli::progress::Progress;

/// How many problems per layer the human report lists.
const LISTED_PROBLEMS: usize = 20;

pub fn run(path: &Path, flags: Flags) -> Result<()> {
    let r = check(path, flags);
    if let (Err(e), true) = (&r, flags.json) {
        // Under --json the failure is on stdout too, for the script that reads it.
        println!(
            "{}",
            serde_json::json!({"error": crate::cli::describe(e), "internal": e.is_internal()})
        );
    }
    r
}

fn check(path: &Path, flags: Flags) -> Result<()> {
    let project = Project::load(path)?;
    let survey = survey_project(&project);
    if survey.has_errors() {
        if flags.json {
            let v = serde_json::json!({"project": project.file, "survey": survey});
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        } else if !flags.quiet {
            println!("project  {} ({})", project.name, project.file.display());
            print_survey(&survey);
        }
        let bad: Vec<String> = survey
            .layers
            .iter()
            .filter_map(|l| l.error.as_ref().map(|e| format!("{}: {e}", l.layer)))
            .chain(survey.policy.error.iter().map(|e| format!("policy: {e}")))
            .collect();
        return Err(Error::Missing(format!(
            "{} cannot be used: {}",
            if bad.len() == 1 {
                "one part of the project"
            } else {
                "parts of the project"
            },
            bad.join("; ")
        )));
    }
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
        v["survey"] = serde_json::to_value(&survey)
            .map_err(|e| Error::Internal(format!("the survey as JSON: {e}")))?;
        let out = serde_json::to_string_pretty(&v)
            .map_err(|e| Error::Internal(format!("the load report as JSON: {e}")))?;
        println!("{out}");
    } else if !flags.quiet {
        print_report(&project, &report);
        print_survey(&survey);
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
/// Prints, per layer, the canonical fields found and not found and the vocabulary
/// warnings, then the rule editions.
fn print_survey(survey: &ProjectSurvey) {
    for l in &survey.layers {
        println!();
        let found: Vec<String> = l
            .found
            .iter()
            .map(|(c, f)| {
                if c == f {
                    c.clone()
                } else {
                    format!("{c} ← {f}")
                }
            })
            .collect();
        println!(
            "{}: fields found: {}",
            l.layer,
            if found.is_empty() {
                "none".into()
            } else {
                found.join(", ")
            }
        );
        if !l.missing.is_empty() {
            println!("  not found: {}", l.missing.join(", "));
        }
        if let Some(e) = &l.error {
            println!("  error    {e}");
        }
        for w in &l.warnings {
            println!("  warning  {w}");
        }
    }
    println!();
    let editions: Vec<String> = survey
        .policy
        .editions
        .iter()
        .map(|(k, v)| format!("{k} = {v}"))
        .collect();
    match &survey.policy.error {
        None => println!("policy   {} (all load)", editions.join(", ")),
        Some(e) => println!(
            "policy   {}
  error    {e}",
            editions.join(", ")
        ),
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
