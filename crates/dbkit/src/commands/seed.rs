//! `dbkit seed`: sample data, loaded into a database or written as CSV or SQL files.

use std::collections::BTreeMap;

use dbkit_db::{DriverConnection, connect};
use dbkit_seed::load::{LoadOptions, LoadReport};
use dbkit_seed::{SeedOptions, generate_with_progress, render_seed_sql, write_csv};

use crate::cli::{SeedArgs, SeedFormat};
use crate::database;
use crate::error::CliError;
use crate::output::{PlannedFile, write_all};
use crate::progress::TableProgress;
use crate::registry::DialectRegistry;
use crate::say;
use crate::schema_file::SchemaFile;

/// Generates the rows and loads or writes them; nothing is written when a rule cannot be kept.
pub(crate) fn run(args: &SeedArgs) -> Result<(), CliError> {
    let file = SchemaFile::read(&args.schema.schema)?;
    let registry = DialectRegistry::with_plugins(&file.declared_plugins())?;
    let schema = file.parse(&registry.all(), "no data was generated")?;
    let options = SeedOptions {
        rows_default: args.rows,
        rows_per_table: table_rows(&args.table_rows)?,
        seed: args.seed,
        ..SeedOptions::default()
    };
    match args.format {
        Some(SeedFormat::Csv) => {
            let mut progress = TableProgress::new();
            let dataset = generate_with_progress(&schema, &options, &mut |step| {
                progress.generated(step.table, step.rows_done, step.rows_total)
            })?;
            progress.finish();
            let written = write_csv(&dataset, &args.out)?;
            for note in &dataset.notes {
                say!("note: {note}");
            }
            say!(
                "Wrote {} CSV files into {}.",
                written.len(),
                args.out.display()
            );
        }
        Some(SeedFormat::Sql) => {
            let dialects = if args.dialect.is_empty() {
                let declared = file.declared_dialects();
                if declared.is_empty() {
                    registry.all()
                } else {
                    registry.select(&declared, &format!("[project] dialects of {}", file.name))?
                }
            } else {
                registry.select(&args.dialect, "--dialect")?
            };
            let mut progress = TableProgress::new();
            let dataset = generate_with_progress(&schema, &options, &mut |step| {
                progress.generated(step.table, step.rows_done, step.rows_total)
            })?;
            progress.finish();
            let files: Vec<PlannedFile> = dialects
                .iter()
                .map(|dialect| PlannedFile {
                    path: args.out.join(dialect.info().name).join("seed.sql"),
                    contents: render_seed_sql(&dataset, *dialect),
                })
                .collect();
            write_all(&files)?;
            for file in &files {
                say!("Wrote {}.", file.path.display());
            }
        }
        None => {
            let target = database::resolve(args.url.as_deref())?;
            let mut connection = connect(&target.url)?;
            let load_options = LoadOptions {
                truncate: args.truncate,
            };
            let mut progress = TableProgress::new();
            let mut on_table =
                |table: &str, rows: usize, elapsed| progress.loaded(table, rows, elapsed);
            let report = match connection.driver() {
                DriverConnection::Mysql(conn) => dbkit_seed::load::mysql::seed(
                    conn,
                    &schema,
                    &options,
                    load_options,
                    &mut on_table,
                ),
                DriverConnection::Postgres(client) => dbkit_seed::load::postgres::seed(
                    client,
                    &schema,
                    &options,
                    load_options,
                    &mut on_table,
                ),
                DriverConnection::Sqlite(conn) => dbkit_seed::load::sqlite::seed(
                    conn,
                    &schema,
                    &options,
                    load_options,
                    &mut on_table,
                ),
            }?;
            progress.finish();
            print_report(&report, &target.url.to_string());
        }
    }
    Ok(())
}

fn print_report(report: &LoadReport, url: &str) {
    for (table, rows) in &report.appended {
        say!("{table} held {rows} rows already: the new rows were appended after them.");
    }
    for note in &report.notes {
        say!("note: {note}");
    }
    let rows: usize = report.tables.iter().map(|(_, rows, _)| rows).sum();
    let seconds: f64 = report
        .tables
        .iter()
        .map(|(_, _, elapsed)| elapsed.as_secs_f64())
        .sum();
    say!(
        "Loaded {rows} rows into {} tables of {url} in {seconds:.2}s.",
        report.tables.len()
    );
}

/// `--table-rows loans=5000` values, by table.
fn table_rows(values: &[String]) -> Result<BTreeMap<String, u64>, CliError> {
    values
        .iter()
        .map(|value| {
            let (table, rows) = value
                .split_once('=')
                .ok_or_else(|| CliError::TableRows(value.clone()))?;
            let rows = rows
                .trim()
                .parse::<u64>()
                .map_err(|_| CliError::TableRows(value.clone()))?;
            Ok((table.trim().to_string(), rows))
        })
        .collect()
}
