//! One file per subcommand; `dispatch` picks it.

mod analyse;
mod check;
mod convert;
mod demo;
mod maps;
mod open;
mod site;
mod synth;

use super::args::{Cli, Command};
use parkscope::error::Result;
use parkscope::TableSet;

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

/// Runs the command the user chose.
pub fn dispatch(cli: Cli) -> Result<()> {
    let flags = Flags {
        quiet: cli.quiet,
        json: cli.json,
        timings: cli.timings,
    };
    match cli.command {
        Command::Check(p) => check::run(&p.project, flags),
        Command::Intensity { project, out } => {
            analyse::run(&project.project, &out, None, TableSet::Intensity, flags).map(drop)
        }
        Command::Evaluate { project, out } => {
            analyse::run(&project.project, &out, None, TableSet::Evaluate, flags).map(drop)
        }
        Command::Idle {
            project,
            out,
            as_of,
        } => analyse::run(
            &project.project,
            &out,
            as_of.as_deref(),
            TableSet::Idle,
            flags,
        )
        .map(drop),
        Command::Run { project, out } => {
            let (ws, a) = analyse::run(&project.project, &out, None, TableSet::All, flags)?;
            let siting = if ws.has_layer(parkscope::LayerKind::Enterprises) {
                Some(site::siting_tables(
                    &ws,
                    &a,
                    &Default::default(),
                    &out,
                    flags,
                )?)
            } else {
                None
            };
            maps::render_all(&ws, &a, siting.as_ref(), &out, flags).map(drop)
        }
        Command::Synth {
            parcels,
            out,
            seed,
            name,
            movers,
        } => synth::run(parcels, &out, seed, name.as_deref(), movers, flags),
        Command::Demo { out } => demo::run(&out, flags),
        Command::Render(args) => maps::render(&args, flags),
        Command::Site {
            project,
            out,
            enterprise,
            weights,
            ahp,
        } => {
            let ahp = ahp.as_deref().map(site::read_ahp).transpose()?;
            site::run(
                &project.project,
                &out,
                enterprise,
                weights.as_deref(),
                ahp,
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
        } => convert::run(
            &input,
            &output,
            &parkscope::convert::ConvertOptions { from, to, x, y },
            flags,
        ),
    }
}
