//! The commands, one module each.

mod apply;
mod build;
mod diff;
mod erd;
mod init;
mod lint;
mod migrate;
mod plugins;
mod pull;
mod seed;
mod verify;

use crate::cli::{Cli, Command};
use crate::error::CliError;

/// Runs the command the user asked for.
pub(crate) fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Apply(args) => apply::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Erd(args) => erd::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Plugins(args) => plugins::run(&args),
        Command::Migrate(command) => migrate::run(&command),
        Command::Seed(args) => seed::run(&args),
        Command::Pull(args) => pull::run(&args),
        Command::Diff(args) => diff::run(&args),
    }
}

/// Prints one line to standard output. A closed standard output is not an error worth
/// failing for: the work is done either way.
#[macro_export]
macro_rules! say {
    ($($argument:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($argument)*);
    }};
}
