//! A small `dbkit migrate` stand-in for the tests that need several runner processes at once
//! or one to kill: `migrate-runner up|down|status URL MIGRATIONS [VERSION]`.

use std::path::Path;
use std::process::ExitCode;

use dbkit_db::DatabaseUrl;
use dbkit_db::migrate::{RunOptions, down, status, up};

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [command, url, migrations, rest @ ..] = arguments.as_slice() else {
        eprintln!("usage: migrate-runner up|down|status URL MIGRATIONS [VERSION]");
        return ExitCode::from(2);
    };
    let to = rest.first().and_then(|version| version.parse().ok());
    let url = match DatabaseUrl::parse(url) {
        Ok(url) => url,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let options = RunOptions {
        lock_timeout: std::time::Duration::from_secs(120),
        check_drift: true,
    };
    let migrations = Path::new(migrations);
    let result = match command.as_str() {
        "up" => up(&url, migrations, to, &options).map(|report| report.to_string()),
        "down" => down(&url, migrations, to, &options).map(|report| report.to_string()),
        "status" => status(&url, migrations).map(|report| report.to_string()),
        other => {
            eprintln!("unknown command {other}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            if let Some(help) = error.help() {
                eprintln!("help: {help}");
            }
            ExitCode::FAILURE
        }
    }
}
