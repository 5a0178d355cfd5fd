//! The `framediff` command: parses arguments and calls the library. All real work lives in the
//! `framediff` library crate; see `src/cli/` for the thin per-command glue.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("framediff: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
