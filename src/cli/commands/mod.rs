//! One file per subcommand; `dispatch` picks it.

mod admit;
mod analyse;
mod check;
mod convert;
mod demo;
mod init;
mod manual;
mod maps;
mod open;
mod report;
mod site;
mod synth;
mod web;

use super::args::{Cli, Command, FormatArgs};
use parkscope::crs::Crs;
use parkscope::error::{Error, Result};
use parkscope::{CsvText, Formats, OutputOptions, ShpEncoding, TableSet, Workspace};

/// Global flags every command honours.
#[derive(Debug, Clone, Copy)]
pub struct Flags {
    /// Only errors are printed.
    pub quiet: bool,
    /// A JSON summary goes to stdout.
    pub json: bool,
    /// Stage durations go to stderr.
    pub timings: bool,
}

/// Prints a stage's duration when `--timings` is on.
pub fn timing(flags: Flags, stage: &str, d: std::time::Duration) {
    if flags.timings {
        eprintln!("timing: {stage:<32} {:>9.3} s", d.as_secs_f64());
    }
}

/// The output options the user typed, checked.
pub fn output_options(a: &FormatArgs) -> Result<OutputOptions> {
    Ok(OutputOptions {
        formats: Formats::parse(&a.format)?,
        crs: a
            .crs
            .as_deref()
            .map(|c| Crs::parse(c).map_err(|e| Error::invalid("crs", c, e)))
            .transpose()?,
        encoding: ShpEncoding::parse(&a.encoding)?,
        csv_text: if a.csv_raw {
            CsvText::Raw
        } else {
            CsvText::Guarded
        },
    })
}

/// The files a writer wrote, after a warning for each column whose values were cut to
/// fit a format (unless quiet).
pub fn take_files(written: parkscope::Written, flags: Flags) -> Vec<std::path::PathBuf> {
    if !flags.quiet {
        for cut in &written.cuts {
            eprintln!("parkscope: warning: {cut}");
        }
    }
    written.files
}

/// Writes the manifest of the set of files a command wrote into `out`, after the last.
pub fn finish_set(
    out: &std::path::Path,
    files: &[std::path::PathBuf],
    ws: &Workspace,
    command: &str,
) -> Result<()> {
    let info = parkscope::ManifestInfo {
        command: command.to_owned(),
        project: ws.project().name.clone(),
        as_of: ws.as_of().to_string(),
    };
    parkscope::write_manifest(out, files, &info).map(drop)
}

/// Analyses a project, writes the tables of `set` and the manifest.
fn tables_command(
    project: &std::path::Path,
    tables: &super::args::TableArgs,
    as_of: Option<&str>,
    set: TableSet,
    command: &str,
    flags: Flags,
) -> Result<()> {
    let opts = output_options(&tables.output)?;
    let (ws, _, files) = analyse::run(project, &tables.out, as_of, set, &opts, flags)?;
    finish_set(&tables.out, &files, &ws, command)
}

/// Runs the command the user chose.
pub fn dispatch(cli: Cli) -> Result<()> {
    let flags = Flags {
        quiet: cli.quiet,
        json: cli.json,
        timings: cli.timings,
    };
    match cli.command {
        Command::Check(p) => check::run(&p.project, flags),
        Command::Init {
            paths,
            out,
            name,
            force,
        } => init::run(&paths, out.as_deref(), name, force, flags),
        Command::Intensity { project, tables } => tables_command(
            &project.project,
            &tables,
            None,
            TableSet::Intensity,
            "intensity",
            flags,
        ),
        Command::Evaluate { project, tables } => tables_command(
            &project.project,
            &tables,
            None,
            TableSet::Evaluate,
            "evaluate",
            flags,
        ),
        Command::Idle {
            project,
            tables,
            as_of,
        } => tables_command(
            &project.project,
            &tables,
            as_of.as_deref(),
            TableSet::Idle,
            "idle",
            flags,
        ),
        Command::Run { project, tables } => {
            let opts = output_options(&tables.output)?;
            let out = &tables.out;
            let (ws, a, mut files) =
                analyse::run(&project.project, out, None, TableSet::All, &opts, flags)?;
            let siting = if ws.has_layer(parkscope::LayerKind::Enterprises) {
                let (r, more) =
                    site::siting_tables(&ws, &a, &Default::default(), out, &opts, flags)?;
                files.extend(more);
                Some(r)
            } else {
                None
            };
            files.extend(maps::render_all(&ws, &a, siting.as_ref(), out, flags)?);
            let viewer = out.join("web");
            files.extend(web::write(
                &ws,
                &a,
                siting.as_ref(),
                &viewer,
                Default::default(),
                flags,
            )?);
            files.extend(report::report_into(&ws, &a, siting.as_ref(), out, flags)?);
            finish_set(out, &files, &ws, "run")
        }
        Command::Synth {
            parcels,
            out,
            seed,
            name,
            movers,
            factories,
        } => synth::run(
            parcels,
            &out,
            seed,
            name.as_deref(),
            movers,
            factories,
            flags,
        ),
        Command::Demo { out, output } => demo::run(&out, &output_options(&output)?, flags),
        Command::Render(args) => maps::render(&args, flags),
        Command::Report { project, out, park } => report::run(&project.project, &out, park, flags),
        Command::Site {
            project,
            tables,
            enterprise,
            weights,
            ahp,
        } => {
            let ahp = ahp.as_deref().map(site::read_ahp).transpose()?;
            site::run(
                &project.project,
                &tables.out,
                enterprise,
                weights.as_deref(),
                ahp,
                &output_options(&tables.output)?,
                flags,
            )
        }
        Command::Admit {
            project,
            proposals,
            out,
            output,
        } => admit::run(
            &project.project,
            &proposals,
            &out,
            &output_options(&output)?,
            flags,
        ),
        Command::Web {
            project,
            out,
            as_of,
            web: w,
        } => web::run(
            &project.project,
            &out,
            as_of.as_deref(),
            web::WebFlags {
                max_zoom: w.max_zoom,
                embed_mb: w.embed_mb,
                max_tile_features: usize::try_from(w.max_tile_features).unwrap_or(usize::MAX),
            },
            flags,
        ),
        Command::Serve { dir, port } => web::serve(&dir, port, flags),
        Command::Convert {
            input,
            output,
            from,
            to,
            x,
            y,
            encoding,
        } => convert::run(
            &input,
            &output,
            &parkscope::convert::ConvertOptions {
                from,
                to,
                x,
                y,
                encoding: ShpEncoding::parse(&encoding)?,
            },
            flags,
        ),
        Command::Completions { shell } => {
            manual::completions(shell);
            Ok(())
        }
        Command::Man { out } => manual::man_pages(&out, flags),
    }
}
