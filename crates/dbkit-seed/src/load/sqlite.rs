//! SQLite: one prepared INSERT per table, executed for every row, all in one transaction.

use std::time::Instant;

use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_model::{Schema, creation_order};
use dbkit_sdk::Dialect;
use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::{LoadOptions, LoadProgress, LoadReport, one_line};
use crate::calendar;
use crate::dataset::{Dataset, Value};
use crate::error::SeedError;
use crate::options::SeedOptions;
use crate::render::literal::Flavor;
use crate::render::postpone;
use crate::render::sql::deferred_updates;

const DATABASE: &str = "SQLite";

fn quote_identifier(name: &str) -> String {
    SqliteDialect.quote_identifier(name)
}

fn failed(what: &str, error: &rusqlite::Error) -> SeedError {
    SeedError::Database {
        database: DATABASE,
        message: format!("{what}: {}", one_line(&error.to_string())),
    }
}

/// Generates and loads sample data into `connection`: appends to tables that already hold rows
/// (or empties them first with `truncate`).
pub fn seed(
    connection: &mut Connection,
    schema: &Schema,
    options: &SeedOptions,
    load_options: LoadOptions,
    progress: LoadProgress<'_>,
) -> Result<LoadReport, SeedError> {
    super::seed_into(connection, schema, options, load_options, progress)
}

impl super::BulkTarget for Connection {
    fn database(&self) -> &'static str {
        DATABASE
    }

    fn quote_identifier(&self, name: &str) -> String {
        quote_identifier(name)
    }

    /// SQLite's values read as text as they are.
    fn as_text(&self, expression: &str) -> String {
        expression.to_string()
    }

    fn text_rows(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, String> {
        let read = || -> Result<Vec<Vec<Option<String>>>, rusqlite::Error> {
            let mut statement = self.prepare(sql)?;
            let width = statement.column_count();
            let rows = statement.query_map([], |row| {
                (0..width)
                    .map(|index| {
                        Ok(match row.get_ref(index)? {
                            ValueRef::Null => None,
                            ValueRef::Integer(number) => Some(number.to_string()),
                            ValueRef::Real(number) => Some(number.to_string()),
                            ValueRef::Text(text) | ValueRef::Blob(text) => {
                                Some(String::from_utf8_lossy(text).into_owned())
                            }
                        })
                    })
                    .collect()
            })?;
            rows.collect()
        };
        read().map_err(|error| one_line(&error.to_string()))
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

/// Empties every table of the schema, children first.
pub fn truncate(connection: &mut Connection, schema: &Schema) -> Result<(), SeedError> {
    let order = creation_order(schema);
    connection
        .execute_batch("PRAGMA foreign_keys = OFF")
        .map_err(|error| failed("switching foreign keys off", &error))?;
    let mut result = Ok(());
    for &index in order.tables.iter().rev() {
        let table = &schema.tables[index];
        if let Err(error) =
            connection.execute_batch(&format!("DELETE FROM {}", quote_identifier(&table.name)))
        {
            result = Err(failed(&format!("emptying {}", table.name), &error));
            break;
        }
    }
    connection
        .execute_batch("PRAGMA foreign_keys = ON")
        .map_err(|error| failed("switching foreign keys back on", &error))?;
    result
}

/// Loads a dataset with prepared INSERTs in one transaction, foreign keys enforced.
pub fn load(
    connection: &mut Connection,
    dataset: &Dataset,
    progress: LoadProgress<'_>,
) -> Result<LoadReport, SeedError> {
    connection
        .execute_batch("PRAGMA foreign_keys = ON")
        .map_err(|error| failed("switching foreign keys on", &error))?;
    let transaction = connection
        .transaction()
        .map_err(|error| failed("starting a transaction", &error))?;
    for statement in postpone::before_all(dataset, &SqliteDialect, Flavor::Sqlite) {
        transaction.execute_batch(&statement).map_err(|error| {
            failed(
                "postponing the foreign key checks to the end of the transaction",
                &error,
            )
        })?;
    }
    let mut report = LoadReport::default();
    let mut text = String::with_capacity(64);
    for table in &dataset.tables {
        let started = Instant::now();
        if table.rows > 0 {
            let columns = table
                .columns
                .iter()
                .map(|column| quote_identifier(&column.name))
                .collect::<Vec<_>>()
                .join(", ");
            let placeholders = (1..=table.columns.len())
                .map(|index| format!("?{index}"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut statement = transaction
                .prepare(&format!(
                    "INSERT INTO {} ({columns}) VALUES ({placeholders})",
                    quote_identifier(&table.name)
                ))
                .map_err(|error| {
                    failed(&format!("preparing the insert into {}", table.name), &error)
                })?;
            for row in 0..table.rows {
                for (index, column) in table.columns.iter().enumerate() {
                    let value = if table.is_deferred(index) {
                        Value::Null
                    } else {
                        column.value(row)
                    };
                    let position = index + 1;
                    let bound = match value {
                        Value::Null => {
                            statement.raw_bind_parameter(position, rusqlite::types::Null)
                        }
                        Value::Int(number) => statement.raw_bind_parameter(position, number),
                        Value::Float(number) => statement.raw_bind_parameter(position, number),
                        Value::Bool(flag) => {
                            statement.raw_bind_parameter(position, i64::from(flag))
                        }
                        Value::Text(value) => statement.raw_bind_parameter(position, value),
                        Value::Bytes(bytes) => statement.raw_bind_parameter(position, bytes),
                        other => {
                            text.clear();
                            match other {
                                Value::Decimal(digits, scale) => {
                                    calendar::push_decimal(&mut text, digits, scale)
                                }
                                Value::Date(days) => calendar::push_date(&mut text, days),
                                Value::Time(seconds) => calendar::push_time(&mut text, seconds),
                                Value::Timestamp(seconds) => {
                                    calendar::push_timestamp(&mut text, seconds)
                                }
                                Value::Uuid(uuid) => calendar::push_uuid(&mut text, uuid),
                                _ => {}
                            }
                            statement.raw_bind_parameter(position, text.as_str())
                        }
                    };
                    bound.map_err(|error| failed(&format!("loading {}", table.name), &error))?;
                }
                statement.raw_execute().map_err(|error| {
                    failed(
                        &format!("loading row {} of {}", row + 1, table.name),
                        &error,
                    )
                })?;
            }
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
        for statement in deferred_updates(table, &SqliteDialect, Flavor::Sqlite) {
            transaction.execute_batch(&statement).map_err(|error| {
                failed(
                    &format!("closing the reference cycle of {}", table.name),
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
