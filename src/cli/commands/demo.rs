//! `parkscope demo [--out DIR]`: every analysis and every map on the bundled sample city
//! (data/sample), written to maps/demo.

use std::path::{Path, PathBuf};

use parkscope::error::{Error, Result};

use parkscope::{OutputOptions, TableSet};

use super::analyse;
use super::Flags;

/// The bundled sample project: next to the binary's source tree, or in the current folder.
fn sample_project() -> Result<PathBuf> {
    let candidates = [
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/sample"),
        PathBuf::from("data/sample"),
    ];
    candidates
        .into_iter()
        .find(|p| p.join("parkscope.toml").is_file())
        .ok_or_else(|| Error::Missing("the sample city (data/sample/parkscope.toml) was not found: run the demo from the repository".into()))
}

pub fn run(out: &Path, output: &OutputOptions, flags: Flags) -> Result<()> {
    let project = sample_project()?;
    let (ws, analysis, mut files) =
        analyse::run(&project, out, None, TableSet::All, output, flags)?;
    let (siting, more) =
        super::site::siting_tables(&ws, &analysis, &Default::default(), out, output, flags)?;
    files.extend(more);
    files.extend(super::maps::render_all(
        &ws,
        &analysis,
        Some(&siting),
        out,
        flags,
    )?);
    files.extend(super::web::write(
        &ws,
        &analysis,
        Some(&siting),
        &out.join("web"),
        Default::default(),
        flags,
    )?);
    files.extend(super::report::report_into(
        &ws,
        &analysis,
        Some(&siting),
        out,
        flags,
    )?);
    super::finish_set(out, &files, &ws, "demo")
}
