//! MariaDB / MySQL: `LOAD DATA LOCAL INFILE` fed from memory while the rows are rendered on
//! another thread, every table in one transaction.

use std::io::Write;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_model::Schema;
use dbkit_sdk::Dialect;
use mysql::prelude::Queryable;
use mysql::{Conn, LocalInfileHandler};

use super::text::render_chunks;
use super::{LoadOptions, LoadProgress, LoadReport, one_line};
use crate::dataset::Dataset;
use crate::error::SeedError;
use crate::options::SeedOptions;
use crate::render::literal::Flavor;
use crate::render::postpone;
use crate::render::sql::deferred_updates;

const DATABASE: &str = "MariaDB/MySQL";

fn quote_identifier(name: &str) -> String {
    MysqlDialect.quote_identifier(name)
}

fn failed(what: &str, error: &mysql::Error) -> SeedError {
    SeedError::Database {
        database: DATABASE,
        message: format!("{what}: {}", one_line(&error.to_string())),
    }
}

/// Generates and loads sample data into the database `connection` is using: appends to tables
/// that already hold rows (or empties them first with `truncate`), and returns what was loaded.
pub fn seed(
    connection: &mut Conn,
    schema: &Schema,
    options: &SeedOptions,
    load_options: LoadOptions,
    progress: LoadProgress<'_>,
) -> Result<LoadReport, SeedError> {
    super::seed_into(connection, schema, options, load_options, progress)
}

impl super::BulkTarget for Conn {
    fn database(&self) -> &'static str {
        DATABASE
    }

    fn quote_identifier(&self, name: &str) -> String {
        quote_identifier(name)
    }

    fn as_text(&self, expression: &str) -> String {
        format!("CAST({expression} AS CHAR)")
    }

    fn text_rows(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, String> {
        let rows: Vec<mysql::Row> = self
            .query(sql)
            .map_err(|error| one_line(&error.to_string()))?;
        Ok(rows
            .into_iter()
            .map(|row| {
                (0..row.len())
                    .map(|index| {
                        row.get_opt::<Option<String>, usize>(index)
                            .and_then(Result::ok)
                            .flatten()
                    })
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

/// Empties every table of the schema (foreign key checks off meanwhile, so any order works).
pub fn truncate(connection: &mut Conn, schema: &Schema) -> Result<(), SeedError> {
    connection
        .query_drop("SET FOREIGN_KEY_CHECKS = 0")
        .map_err(|error| failed("switching foreign key checks off", &error))?;
    let mut result = Ok(());
    for table in &schema.tables {
        if let Err(error) =
            connection.query_drop(format!("DELETE FROM {}", quote_identifier(&table.name)))
        {
            result = Err(failed(&format!("emptying {}", table.name), &error));
            break;
        }
    }
    connection
        .query_drop("SET FOREIGN_KEY_CHECKS = 1")
        .map_err(|error| failed("switching foreign key checks back on", &error))?;
    result
}

/// Loads a dataset, every table with `LOAD DATA LOCAL INFILE`, in one transaction; rolls back
/// and fails on the first error or warning (a value the server changed or refused). The session
/// loses `NO_BACKSLASH_ESCAPES` if it had it.
pub fn load(
    connection: &mut Conn,
    dataset: &Dataset,
    progress: LoadProgress<'_>,
) -> Result<LoadReport, SeedError> {
    let mut report = LoadReport::default();
    // The LOAD DATA options and the cycle-closing updates use backslash escapes.
    connection
        .query_drop(
            "SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '')",
        )
        .map_err(|error| failed("setting the SQL mode", &error))?;
    // Timestamps are generated in UTC; a TIMESTAMP column would otherwise read them in the
    // session's time zone, where some do not exist (the hour skipped when clocks go forward).
    connection
        .query_drop("SET SESSION time_zone = '+00:00'")
        .map_err(|error| failed("setting the time zone", &error))?;
    connection
        .query_drop("START TRANSACTION")
        .map_err(|error| failed("starting a transaction", &error))?;
    let result = (|| {
        for table in &dataset.tables {
            let started = Instant::now();
            if table.rows > 0 {
                let (before, after) = postpone::around_table(table, Flavor::Mysql);
                for statement in &before {
                    connection
                        .query_drop(statement)
                        .map_err(|error| failed(&format!("loading {}", table.name), &error))?;
                }
                let loaded = load_table(connection, table);
                for statement in &after {
                    connection
                        .query_drop(statement)
                        .map_err(|error| failed(&format!("loading {}", table.name), &error))?;
                }
                loaded?;
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
            for statement in deferred_updates(table, &MysqlDialect, Flavor::Mysql) {
                connection.query_drop(&statement).map_err(|error| {
                    failed(
                        &format!("closing the reference cycle of {}", table.name),
                        &error,
                    )
                })?;
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => {
            connection
                .query_drop("COMMIT")
                .map_err(|error| failed("committing", &error))?;
            Ok(report)
        }
        Err(error) => {
            let _ = connection.query_drop("ROLLBACK");
            Err(error)
        }
    }
}

fn load_table(connection: &mut Conn, table: &crate::dataset::TableData) -> Result<(), SeedError> {
    let mut columns = Vec::with_capacity(table.columns.len());
    let mut assignments = Vec::new();
    for (index, column) in table.columns.iter().enumerate() {
        if column.column_type.is_binary() {
            columns.push(format!("@blob{index}"));
            assignments.push(format!(
                "{} = UNHEX(@blob{index})",
                quote_identifier(&column.name)
            ));
        } else {
            columns.push(quote_identifier(&column.name));
        }
    }
    let mut statement = format!(
        "LOAD DATA LOCAL INFILE 'dbkit-seed' INTO TABLE {} CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n' ({})",
        quote_identifier(&table.name),
        columns.join(", ")
    );
    if !assignments.is_empty() {
        statement.push_str(" SET ");
        statement.push_str(&assignments.join(", "));
    }
    let outcome = std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::sync_channel::<Vec<u8>>(4);
        scope.spawn(move || {
            render_chunks(table, Flavor::Mysql, &mut |chunk| {
                sender.send(chunk).is_ok()
            })
        });
        let receiver = Arc::new(Mutex::new(receiver));
        connection.set_local_infile_handler(Some(LocalInfileHandler::new(move |_, writer| {
            let receiver = receiver
                .lock()
                .map_err(|_| std::io::Error::other("the row renderer stopped"))?;
            for chunk in receiver.iter() {
                writer.write_all(&chunk)?;
            }
            Ok(())
        })));
        let outcome = connection
            .query_iter(&statement)
            .map(|result| (result.affected_rows(), result.warnings()));
        // Dropping the handler drops the receiver, which stops the renderer if the server never
        // asked for the data.
        connection.set_local_infile_handler(None);
        outcome
    });
    let (affected, warnings) = outcome.map_err(|error| {
        let hint = if error.to_string().contains("1148") || error.to_string().to_lowercase().contains("local") {
            "; the server or client refuses LOCAL INFILE: enable it with SET GLOBAL local_infile = 1"
        } else {
            ""
        };
        failed(&format!("loading {}{hint}", table.name), &error)
    })?;
    if warnings > 0 || affected != table.rows as u64 {
        let shown: Vec<String> = connection
            .query::<(String, u32, String), _>("SHOW WARNINGS LIMIT 3")
            .map(|rows| {
                rows.into_iter()
                    .map(|(_, code, message)| format!("{code}: {message}"))
                    .collect()
            })
            .unwrap_or_default();
        return Err(SeedError::Database {
            database: DATABASE,
            message: format!(
                "loading {}: the server stored {affected} of {} rows with {warnings} warnings ({})",
                table.name,
                table.rows,
                shown.join("; ")
            ),
        });
    }
    Ok(())
}
