//! The command line: clap definitions, resolving arguments with the project file and
//! today's date, running the library, printing. The only code that prints or exits.

mod args;
mod commands;
mod progress;

use clap::Parser;

pub use args::Cli;
use parkscope::error::Result;

/// Parses the command line and runs the command.
pub fn run() -> Result<()> {
    let cli = Cli::parse();
    commands::dispatch(cli)
}
