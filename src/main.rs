//! The `parkscope` binary: parse arguments, run the command, map the outcome to an exit
//! code (0 done, 2 bad input or usage, 1 internal error).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("parkscope: internal error (a bug, please report): {info}");
    }));
    match std::panic::catch_unwind(cli::run) {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) if e.is_internal() => {
            eprintln!("parkscope: internal error (a bug, please report): {e}");
            ExitCode::from(1)
        }
        Ok(Err(e)) => {
            eprintln!("parkscope: {}", cli::describe(&e));
            ExitCode::from(2)
        }
        Err(_) => ExitCode::from(1),
    }
}
