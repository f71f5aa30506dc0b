//! PostgreSQL: `COPY ... FROM STDIN` in text format, every table in one transaction, then the
//! identity sequences moved past the inserted ids.

use std::io::Write;
use std::time::Instant;

use dbkit_dialect_postgres::PostgresDialect;
use dbkit_model::Schema;
use dbkit_sdk::Dialect;
use postgres::{Client, GenericClient};

use super::text::render_chunks;
use super::{LoadOptions, LoadProgress, LoadReport, one_line};
use crate::dataset::Dataset;
use crate::error::SeedError;
use crate::options::SeedOptions;
use crate::render::literal::Flavor;
use crate::render::postpone;
use crate::render::sql::{deferred_updates, identity_statement};

const DATABASE: &str = "PostgreSQL";

fn quote_identifier(name: &str) -> String {
    PostgresDialect.quote_identifier(name)
}

/// The server's message (and detail), on one line; the driver's own text otherwise.
fn message(error: &postgres::Error) -> String {
    let message = match error.as_db_error() {
        Some(db_error) => {
            let mut message = db_error.message().to_string();
            if let Some(detail) = db_error.detail() {
                message.push_str(" (");
                message.push_str(detail);
                message.push(')');
            }
            message
        }
        None => error.to_string(),
    };
    one_line(&message)
}

fn failed(what: &str, error: &postgres::Error) -> SeedError {
    SeedError::Database {
        database: DATABASE,
        message: format!("{what}: {}", message(error)),
    }
}

/// Generates and loads sample data into the database `client` is connected to: appends to
/// tables that already hold rows (or empties them first with `truncate`).
pub fn seed(
    client: &mut Client,
    schema: &Schema,
    options: &SeedOptions,
    load_options: LoadOptions,
    progress: LoadProgress<'_>,
) -> Result<LoadReport, SeedError> {
    super::seed_into(client, schema, options, load_options, progress)
}

impl super::BulkTarget for Client {
    fn database(&self) -> &'static str {
        DATABASE
    }

    fn quote_identifier(&self, name: &str) -> String {
        quote_identifier(name)
    }

    fn as_text(&self, expression: &str) -> String {
        format!("({expression})::text")
    }

    fn text_rows(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, String> {
        let rows = self.query(sql, &[]).map_err(|error| message(&error))?;
        Ok(rows
            .iter()
            .map(|row| {
                (0..row.len())
                    .map(|index| row.get::<_, Option<String>>(index))
                    .collect()
            })
            .collect())
    }

    fn truncate(&mut self, schema: &Schema) -> Result<(), SeedError> {
        truncate(self, schema)
    }

    fn load(
        &mut self,
        dataset: &Dataset,
        progress: LoadProgress<'_>,
    ) -> Result<LoadReport, SeedError> {
        load(self, dataset, progress)
    }
}

/// Empties every table of the schema in one `TRUNCATE`, restarting identity sequences.
pub fn truncate(client: &mut Client, schema: &Schema) -> Result<(), SeedError> {
    let tables = schema
        .tables
        .iter()
        .map(|table| quote_identifier(&table.name))
        .collect::<Vec<_>>()
        .join(", ");
    client
        .batch_execute(&format!("TRUNCATE {tables} RESTART IDENTITY"))
        .map_err(|error| failed("emptying the tables", &error))
}

/// Loads a dataset with `COPY ... FROM STDIN`, in one transaction.
pub fn load(
    client: &mut Client,
    dataset: &Dataset,
    progress: LoadProgress<'_>,
) -> Result<LoadReport, SeedError> {
    let mut report = LoadReport::default();
    let mut transaction = client
        .transaction()
        .map_err(|error| failed("starting a transaction", &error))?;
    for statement in postpone::before_all(dataset, &PostgresDialect, Flavor::Postgres) {
        transaction.batch_execute(&statement).map_err(|error| {
            failed(
                "setting aside the foreign keys that close a cycle through NOT NULL columns",
                &error,
            )
        })?;
    }
    for table in &dataset.tables {
        let started = Instant::now();
        if table.rows > 0 {
            load_table(&mut transaction, table)?;
        }
        let elapsed = started.elapsed();
        progress(&table.name, table.rows, elapsed);
        report
            .tables
            .push((table.name.clone(), table.rows, elapsed));
    }
    for table in dataset
        .tables
        .iter()
        .filter(|table| !table.deferred.is_empty())
    {
        for statement in deferred_updates(table, &PostgresDialect, Flavor::Postgres) {
            transaction.batch_execute(&statement).map_err(|error| {
                failed(
                    &format!("closing the reference cycle of {}", table.name),
                    &error,
                )
            })?;
        }
    }
    for statement in postpone::after_all(dataset, Flavor::Postgres) {
        transaction.batch_execute(&statement).map_err(|error| {
            failed(
                "checking the foreign keys that close a cycle through NOT NULL columns",
                &error,
            )
        })?;
    }
    for table in dataset.tables.iter().filter(|table| table.rows > 0) {
        for &column in &table.identity {
            transaction
                .batch_execute(&identity_statement(table, column, &PostgresDialect))
                .map_err(|error| {
                    failed(
                        &format!("moving the identity sequence of {}", table.name),
                        &error,
                    )
                })?;
        }
    }
    transaction
        .commit()
        .map_err(|error| failed("committing", &error))?;
    Ok(report)
}

fn load_table(
    client: &mut impl GenericClient,
    table: &crate::dataset::TableData,
) -> Result<(), SeedError> {
    let columns = table
        .columns
        .iter()
        .map(|column| quote_identifier(&column.name))
        .collect::<Vec<_>>()
        .join(", ");
    let statement = format!(
        "COPY {} ({columns}) FROM STDIN",
        quote_identifier(&table.name)
    );
    let mut writer = client
        .copy_in(&statement)
        .map_err(|error| failed(&format!("starting to load {}", table.name), &error))?;
    let mut written: std::io::Result<()> = Ok(());
    render_chunks(table, Flavor::Postgres, &mut |chunk| {
        written = writer.write_all(&chunk);
        written.is_ok()
    });
    if let Err(error) = written {
        return Err(SeedError::Database {
            database: DATABASE,
            message: format!("loading {}: {}", table.name, one_line(&error.to_string())),
        });
    }
    let stored = writer
        .finish()
        .map_err(|error| failed(&format!("loading {}", table.name), &error))?;
    if stored != table.rows as u64 {
        return Err(SeedError::Database {
            database: DATABASE,
            message: format!(
                "loading {}: the server stored {stored} of {} rows",
                table.name, table.rows
            ),
        });
    }
    Ok(())
}
