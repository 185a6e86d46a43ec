//! What every analysing command does first: open the project as a [`Workspace`] at the date
//! the user asked for (else the project's, else today: the only place the clock is read),
//! and tell the user what loading found.

use std::path::Path;

use parkscope::error::{Error, Result};
use parkscope::{LoadReport, OpenOptions, Workspace};

use super::Flags;
use crate::cli::progress::Progress;

/// Opens the project, printing load problems as warnings (unless quiet).
pub fn open(path: &Path, as_of: Option<&str>, flags: Flags) -> Result<Workspace> {
    let mut options = OpenOptions::new().today(chrono::Local::now().date_naive());
    if let Some(s) = as_of {
        let d = parkscope::parse_date_text(s).map_err(|e| Error::Usage(format!("--as-of: {e}")))?;
        options = options.as_of(d);
    }
    let progress = Progress::new(flags.quiet);
    progress.step("loading and indexing layers");
    let opened = options.open(path);
    drop(progress);
    let ws = match opened {
        Ok(ws) => ws,
        Err(Error::Unusable {
            layer,
            first,
            report,
        }) => {
            print_layer_counts(&report, flags);
            return Err(Error::Unusable {
                layer,
                first,
                report,
            });
        }
        Err(e) => return Err(e),
    };
    for (stage, d) in ws.timings() {
        super::timing(flags, stage, *d);
    }
    print_layer_counts(ws.load_report(), flags);
    if !flags.quiet {
        for h in ws.warnings() {
            eprintln!("parkscope: warning: {h}");
        }
    }
    Ok(ws)
}

/// One line per layer that had problems.
fn print_layer_counts(report: &LoadReport, flags: Flags) {
    if flags.quiet {
        return;
    }
    for (name, r) in &report.layers {
        if r.rejected + r.repaired + r.warnings() > 0 {
            eprintln!(
                "parkscope: {name}: {} read, {} rejected, {} repaired, {} warnings (parkscope check lists them)",
                r.read,
                r.rejected,
                r.repaired,
                r.warnings()
            );
        }
    }
}
