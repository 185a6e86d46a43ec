//! The command line: clap definitions, resolving arguments with the project file and
//! today's date, running the library, printing. The only code that prints or exits.

mod args;
mod commands;
mod progress;

use clap::Parser;

pub use args::Cli;
use parkscope::error::{Error, Result};

/// Parses the command line and runs the command.
pub fn run() -> Result<()> {
    let cli = Cli::parse();
    commands::dispatch(cli)
}

/// An error as one line for the terminal: a request parameter the library refused is
/// named by the flag the user typed.
pub fn describe(e: &Error) -> String {
    match e {
        Error::Invalid {
            parameter,
            value,
            reason,
        } => match flag_of(parameter) {
            Some(flag) => format!("{flag} {value}: {reason}"),
            None => format!("{value}: {reason}"),
        },
        other => other.to_string(),
    }
}

/// The command-line flag of a library parameter; `None` for positional arguments.
fn flag_of(parameter: &str) -> Option<&'static str> {
    Some(match parameter {
        "enterprise" => "--enterprise",
        "park" => "--park",
        "field" => "--field",
        "weights" => "--weights",
        "ahp" => "--ahp",
        "dpi" => "--dpi",
        "from" => "--from",
        "to" => "--to",
        "path" => "--out",
        "formats" => "--format",
        "crs" => "--crs",
        "encoding" => "--encoding",
        _ => return None,
    })
}
