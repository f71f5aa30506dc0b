//! `dbkit migrate`: versioned migrations written from schema.toml and applied safely.

use dbkit_db::migrate::{
    NewMigration, RepairAction, RunOptions, baseline, check, down, new_migration, repair, status,
    up,
};

use crate::cli::MigrateCommand;
use crate::database;
use crate::error::CliError;
use crate::registry::DialectRegistry;
use crate::say;
use crate::schema_file::SchemaFile;

/// Runs one migration command.
pub(crate) fn run(command: &MigrateCommand) -> Result<(), CliError> {
    let options = RunOptions::default();
    match command {
        MigrateCommand::New {
            name,
            schema,
            migrations,
            allow_destructive,
        } => {
            let file = SchemaFile::read(&schema.schema)?;
            let mut plugins = file.declared_plugins();
            plugins.dedup();
            let registry = DialectRegistry::with_plugins(&plugins)?;
            let declared = file.declared_dialects();
            let dialects = if declared.is_empty() {
                registry.all()
            } else {
                registry.select(&declared, &format!("[project] dialects of {}", file.name))?
            };
            let parsed = file.parse(&dialects, "no migration was written")?;
            let outcome = new_migration(&NewMigration {
                name,
                schema: &parsed,
                schema_source: &file.source,
                migrations: &migrations.migrations,
                dialects: &dialects,
                allow_destructive: *allow_destructive,
            })?;
            say!("{outcome}");
        }
        MigrateCommand::Up {
            to,
            url,
            migrations,
        } => {
            let target = database::resolve(url.url.as_deref())?;
            let report = up(&target.url, &migrations.migrations, *to, &options)?;
            say!("{report}");
        }
        MigrateCommand::Down {
            to,
            url,
            migrations,
        } => {
            let target = database::resolve(url.url.as_deref())?;
            let report = down(&target.url, &migrations.migrations, *to, &options)?;
            say!("{report}");
        }
        MigrateCommand::Status { url, migrations } => {
            let target = database::resolve(url.url.as_deref())?;
            let report = status(&target.url, &migrations.migrations)?;
            say!("{report}");
            if !report.is_clean() {
                return Err(CliError::MigrationsNotClean(
                    "the database and its migrations need attention (see above)".to_string(),
                ));
            }
        }
        MigrateCommand::Check {
            schema,
            migrations,
            url,
        } => {
            let file = SchemaFile::read(&schema.schema)?;
            let registry = DialectRegistry::with_plugins(&file.declared_plugins())?;
            let declared = file.declared_dialects();
            let dialects = if declared.is_empty() {
                registry.all()
            } else {
                registry.select(&declared, &format!("[project] dialects of {}", file.name))?
            };
            let names: Vec<String> = dialects.iter().map(|dialect| dialect.info().name).collect();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let parsed = file.parse(&dialects, "the migrations were not checked")?;
            let target = match url {
                Some(url) => Some(database::resolve(Some(url))?),
                None => None,
            };
            let report = check(
                &parsed,
                &migrations.migrations,
                &names,
                target.as_ref().map(|target| &target.url),
            )?;
            say!("{report}");
            if !report.is_clean() {
                return Err(CliError::MigrationsNotClean(
                    "schema.toml and the migrations folder disagree (see above)".to_string(),
                ));
            }
        }
        MigrateCommand::Baseline {
            to,
            url,
            migrations,
        } => {
            let target = database::resolve(url.url.as_deref())?;
            let report = baseline(&target.url, &migrations.migrations, *to, &options)?;
            say!(
                "Recorded {} as at version {} without running anything: its schema matches.",
                report.url,
                report.version
            );
        }
        MigrateCommand::Repair {
            skip_statement,
            restart,
            mark_done,
            url,
            migrations,
        } => {
            let action = match (skip_statement, restart, mark_done) {
                (true, _, _) => RepairAction::SkipStatement,
                (_, true, _) => RepairAction::Restart,
                (_, _, true) => RepairAction::MarkDone,
                _ => return Err(CliError::RepairActionMissing),
            };
            let target = database::resolve(url.url.as_deref())?;
            let report = repair(&target.url, &migrations.migrations, action, &options)?;
            say!("{}", report.summary);
        }
    }
    Ok(())
}
