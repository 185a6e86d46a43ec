//! One file per subcommand; `dispatch` picks it.

mod analyse;
mod check;
mod convert;
mod demo;
mod init;
mod manual;
mod maps;
mod open;
mod site;
mod synth;

use super::args::{Cli, Command, FormatArgs};
use parkscope::crs::Crs;
use parkscope::error::{Error, Result};
use parkscope::{Formats, OutputOptions, ShpEncoding, TableSet};

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
    })
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
        Command::Intensity { project, tables } => analyse::run(
            &project.project,
            &tables.out,
            None,
            TableSet::Intensity,
            &output_options(&tables.output)?,
            flags,
        )
        .map(drop),
        Command::Evaluate { project, tables } => analyse::run(
            &project.project,
            &tables.out,
            None,
            TableSet::Evaluate,
            &output_options(&tables.output)?,
            flags,
        )
        .map(drop),
        Command::Idle {
            project,
            tables,
            as_of,
        } => analyse::run(
            &project.project,
            &tables.out,
            as_of.as_deref(),
            TableSet::Idle,
            &output_options(&tables.output)?,
            flags,
        )
        .map(drop),
        Command::Run { project, tables } => {
            let opts = output_options(&tables.output)?;
            let out = &tables.out;
            let (ws, a) = analyse::run(&project.project, out, None, TableSet::All, &opts, flags)?;
            let siting = if ws.has_layer(parkscope::LayerKind::Enterprises) {
                Some(site::siting_tables(
                    &ws,
                    &a,
                    &Default::default(),
                    out,
                    &opts,
                    flags,
                )?)
            } else {
                None
            };
            maps::render_all(&ws, &a, siting.as_ref(), out, flags).map(drop)
        }
        Command::Synth {
            parcels,
            out,
            seed,
            name,
            movers,
        } => synth::run(parcels, &out, seed, name.as_deref(), movers, flags),
        Command::Demo { out, output } => demo::run(&out, &output_options(&output)?, flags),
        Command::Render(args) => maps::render(&args, flags),
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
