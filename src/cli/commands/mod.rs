//! One file per subcommand; `dispatch` picks it.

mod analyse;
mod check;
mod session;
mod synth;
mod convert;

use super::args::{Cli, Command};
use parkscope::error::Result;

/// Global flags every command honours.
#[derive(Debug, Clone, Copy)]
pub struct Flags {
    /// Only errors are printed.
    pub quiet: bool,
    /// A JSON summary goes to stdout.
    pub json: bool,
}

/// Runs the command the user chose.
pub fn dispatch(cli: Cli) -> Result<()> {
    let flags = Flags { quiet: cli.quiet, json: cli.json };
    match cli.command {
        Command::Check(p) => check::run(&p.project, flags),
        Command::Intensity { project, out } => analyse::run(&project.project, &out, None, analyse::Which::Intensity, flags).map(drop),
        Command::Evaluate { project, out } => analyse::run(&project.project, &out, None, analyse::Which::Evaluate, flags).map(drop),
        Command::Idle { project, out, as_of } => analyse::run(&project.project, &out, as_of.as_deref(), analyse::Which::Idle, flags).map(drop),
        Command::Run { project, out } => analyse::run(&project.project, &out, None, analyse::Which::All, flags).map(drop),
        Command::Synth { parcels, out, seed } => synth::run(parcels, &out, seed, flags),
        Command::Demo { .. } => Err(parkscope::error::Error::Usage("demo: maps are being wired".into())),
        Command::Convert { input, output, from, to, x, y } => convert::run(&input, &output, from.as_deref(), &to, x, y, flags),
    }
}
