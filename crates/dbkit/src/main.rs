//! `dbkit`: turn a `schema.toml` data model into a working relational database.
//!
//! The binary is thin: it reads the arguments and calls the dbkit crates. Each command lives in
//! its own module under [`commands`].

mod cli;
mod commands;
mod database;
mod error;
mod examples;
mod output;
mod progress;
mod registry;
mod render;
mod schema_file;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            error.report();
            ExitCode::FAILURE
        }
    }
}
