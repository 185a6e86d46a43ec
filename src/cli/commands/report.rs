//! `parkscope report PROJECT --out FILE.pdf [--park ID]`: the park dossier; and the
//! `report.pdf` that `run` and `demo` write beside their tables and maps.

use std::path::{Path, PathBuf};

use parkscope::analyse::site::SitingResult;
use parkscope::analyse::Analysis;
use parkscope::error::{Error, Result};
use parkscope::Workspace;

use super::open::open;
use super::Flags;
use crate::cli::progress::Progress;

/// Writes the dossier of an analysed workspace to `path`.
#[cfg(feature = "report")]
fn write(
    ws: &Workspace,
    a: &Analysis,
    siting: Option<&SitingResult>,
    park: Option<String>,
    path: &Path,
    flags: Flags,
) -> Result<()> {
    let progress = Progress::new(flags.quiet);
    progress.step("typesetting the dossier");
    let t = std::time::Instant::now();
    ws.write_report(a, siting, &parkscope::ReportOptions { park }, path)?;
    super::timing(flags, "report (tables, maps, typeset)", t.elapsed());
    Ok(())
}

#[cfg(not(feature = "report"))]
fn write(
    _: &Workspace,
    _: &Analysis,
    _: Option<&SitingResult>,
    _: Option<String>,
    _: &Path,
    _: Flags,
) -> Result<()> {
    Err(Error::Usage(
        "this parkscope was built without the report feature (cargo build --features report)"
            .into(),
    ))
}

/// `report.pdf` in `out` for `run` and `demo` (nothing when the binary was built without
/// the report feature); returns the files written.
pub fn report_into(
    ws: &Workspace,
    a: &Analysis,
    siting: Option<&SitingResult>,
    out: &Path,
    flags: Flags,
) -> Result<Vec<PathBuf>> {
    if !cfg!(feature = "report") {
        return Ok(Vec::new());
    }
    let path = out.join("report.pdf");
    write(ws, a, siting, None, &path, flags)?;
    Ok(vec![path])
}

/// `parkscope report`.
pub fn run(project: &Path, out: &Path, park: Option<String>, flags: Flags) -> Result<()> {
    let is_pdf = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if !is_pdf {
        return Err(Error::Usage(format!(
            "--out {}: the dossier is a PDF; name the file FILE.pdf",
            out.display()
        )));
    }
    let ws = open(project, None, flags)?;
    let progress = Progress::new(flags.quiet);
    progress.step("analysing");
    let a = ws.analyse();
    let siting = if ws.has_layer(parkscope::LayerKind::Enterprises) {
        progress.step("siting");
        Some(ws.site(&a, &Default::default())?)
    } else {
        None
    };
    drop(progress);
    write(&ws, &a, siting.as_ref(), park.clone(), out, flags)?;
    if flags.json {
        let bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
        println!(
            "{}",
            serde_json::json!({"project": ws.project().name, "as_of": ws.as_of().to_string(), "park": park, "out": out, "bytes": bytes})
        );
    } else if !flags.quiet {
        match ws.lang() {
            parkscope::Lang::Zh => println!("园区评价报告已写入 {}", out.display()),
            parkscope::Lang::En => println!("dossier written to {}", out.display()),
        }
    }
    Ok(())
}
