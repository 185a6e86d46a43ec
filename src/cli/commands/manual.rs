//! `completions` and `man`: the shell completion scripts and manual pages, generated from
//! the same clap definitions the parser uses, so they never drift from the flags.

use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Flags;
use crate::cli::Cli;
use parkscope::error::{Error, Result};

/// Prints the completion script of `shell` on stdout.
pub fn completions(shell: Shell) {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "parkscope", &mut std::io::stdout());
}

/// Writes `parkscope.1` and `parkscope-<command>.1` for every subcommand into `out`.
pub fn man_pages(out: &Path, flags: Flags) -> Result<()> {
    std::fs::create_dir_all(out).map_err(|e| write_error(out, e))?;
    let cmd = Cli::command();
    let mut written = Vec::new();
    let mut page = |cmd: clap::Command, name: String| -> Result<()> {
        let file = out.join(format!("{name}.1"));
        let mut bytes = Vec::new();
        clap_mangen::Man::new(cmd)
            .render(&mut bytes)
            .map_err(|e| write_error(&file, e))?;
        std::fs::write(&file, bytes).map_err(|e| write_error(&file, e))?;
        written.push(file);
        Ok(())
    };
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("parkscope-{}", sub.get_name());
        page(sub.clone().name(name.clone()), name)?;
    }
    page(cmd, "parkscope".to_owned())?;
    if !flags.quiet {
        println!("{} manual pages in {}", written.len(), out.display());
    }
    Ok(())
}

fn write_error(path: &Path, e: std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
