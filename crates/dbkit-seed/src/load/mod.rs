//! Loading sample data straight into a database through its bulk path: `LOAD DATA LOCAL INFILE`
//! streamed from memory on MariaDB/MySQL, `COPY ... FROM STDIN` on PostgreSQL, prepared
//! statements in one transaction on SQLite.
//!
//! Each backend offers the same three steps, and [`mysql::seed`], [`postgres::seed`] and
//! [`sqlite::seed`] run them in order:
//!
//! 1. look at what the database holds (the same queries on every backend): a missing table is an
//!    error;
//!    tables that already have rows are appended to, with new ids after the largest one and
//!    unique values that do not collide with the stored ones;
//! 2. [`crate::generate`] with that knowledge;
//! 3. load every table in one transaction, then set the columns that close reference cycles and
//!    (PostgreSQL) move identity sequences past the new ids.
//!
//! Nothing is ever deleted unless [`LoadOptions::truncate`] is set, which empties the schema's
//! tables first.

mod existing;
pub mod mysql;
pub mod postgres;
pub mod sqlite;
mod text;

use std::time::Duration;

use dbkit_model::{ColumnType, Table};

use dbkit_model::Schema;

use crate::dataset::{Dataset, Value};
use crate::error::SeedError;
use crate::options::{ExistingTable, SeedOptions};

/// What one backend offers (see the module documentation): emptying tables, reading what they
/// hold as text, and its bulk load.
pub(crate) trait BulkTarget {
    /// The database's name in messages ("PostgreSQL").
    fn database(&self) -> &'static str;
    /// `name` quoted as an identifier.
    fn quote_identifier(&self, name: &str) -> String;
    /// `expression` as text in a select list (`CAST(... AS CHAR)`, `(...)::text`).
    fn as_text(&self, expression: &str) -> String;
    /// The rows `sql` returns, each cell as text (NULL as `None`); the error is the database's
    /// message, on one line.
    fn text_rows(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, String>;
    /// Empties the schema's tables.
    fn truncate(&mut self, schema: &Schema) -> Result<(), SeedError>;
    /// Loads a generated dataset.
    fn load(
        &mut self,
        dataset: &Dataset,
        progress: LoadProgress<'_>,
    ) -> Result<LoadReport, SeedError>;
}

/// Runs the steps in order on any backend: truncate if asked, look at what is there, generate
/// with that knowledge, load.
pub(crate) fn seed_into(
    target: &mut impl BulkTarget,
    schema: &Schema,
    options: &SeedOptions,
    load_options: LoadOptions,
    progress: LoadProgress<'_>,
) -> Result<LoadReport, SeedError> {
    if load_options.truncate {
        target.truncate(schema)?;
    }
    let existing = existing::existing(target, schema)?;
    let appended = existing
        .iter()
        .map(|(table, state)| (table.clone(), state.rows))
        .collect();
    let dataset = crate::generate(schema, &with_existing(options, existing))?;
    let mut report = target.load(&dataset, progress)?;
    report.appended = appended;
    report.notes = dataset.notes;
    Ok(report)
}

/// How to load.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Empty the schema's tables before loading (`--truncate`). Without it, rows are appended.
    pub truncate: bool,
}

/// What was loaded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadReport {
    /// Per table, in load order: its name, the rows loaded, and how long that took.
    pub tables: Vec<(String, usize, Duration)>,
    /// Tables that held rows before and were appended to, with their earlier row counts.
    pub appended: Vec<(String, u64)>,
    /// Remarks from generation (see [`crate::Dataset::notes`]).
    pub notes: Vec<String>,
}

impl LoadReport {
    /// The rows loaded over all tables.
    pub fn total_rows(&self) -> usize {
        self.tables.iter().map(|(_, rows, _)| rows).sum()
    }
}

/// How far loading has come: the table just loaded, its rows and how long it took.
pub type LoadProgress<'a> = &'a mut dyn FnMut(&str, usize, Duration);

/// The unique keys of a table (primary key, unique constraints, unique indexes), by column names.
pub(crate) fn unique_keys(table: &Table) -> Vec<Vec<String>> {
    let mut keys: Vec<Vec<String>> = Vec::new();
    let candidates = table
        .primary_key
        .iter()
        .map(|key| key.columns.clone())
        .chain(
            table
                .unique_constraints
                .iter()
                .map(|key| key.columns.clone()),
        )
        .chain(
            table
                .indexes
                .iter()
                .filter(|index| index.unique)
                .map(|index| index.columns.clone()),
        );
    for key in candidates {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// Fingerprints rows of text read back from a database, for the key columns' types.
pub(crate) fn fingerprints_of(
    types: &[&ColumnType],
    rows: impl Iterator<Item = Vec<Option<String>>>,
) -> Vec<u64> {
    let mut fingerprints = Vec::new();
    for row in rows {
        let owned: Option<Vec<Owned>> = row
            .iter()
            .zip(types)
            .map(|(text, column_type)| {
                text.as_deref()
                    .and_then(|text| Owned::parse(column_type, text))
            })
            .collect();
        let Some(owned) = owned else { continue };
        let values: Vec<Value<'_>> = owned.iter().map(Owned::value).collect();
        if let Some(fingerprint) = crate::unique::fingerprint(&values) {
            fingerprints.push(fingerprint.max(1));
        }
    }
    fingerprints
}

/// A value read back from a database as text.
enum Owned {
    Plain(Value<'static>),
    Text(String),
}

impl Owned {
    fn parse(column_type: &ColumnType, text: &str) -> Option<Owned> {
        use crate::calendar;
        if let Some(native) = crate::generate::resolve_type(column_type) {
            return Owned::parse(&native.column_type, text);
        }
        Some(Owned::Plain(match column_type {
            column_type if column_type.integer_range().is_some() => {
                Value::Int(text.trim().parse().ok()?)
            }
            ColumnType::Decimal { scale, .. } => {
                let number: f64 = text.trim().parse().ok()?;
                Value::Decimal((number * 10f64.powi(*scale as i32)).round() as i128, *scale)
            }
            ColumnType::Real | ColumnType::Double => Value::Float(text.trim().parse().ok()?),
            ColumnType::Boolean => Value::Bool(matches!(text.trim(), "1" | "t" | "true" | "TRUE")),
            ColumnType::Date => Value::Date(calendar::parse_date(text)?),
            ColumnType::Time => Value::Time(calendar::parse_time(text)?),
            ColumnType::Timestamp | ColumnType::TimestampTz => {
                Value::Timestamp(calendar::parse_timestamp(text)?)
            }
            ColumnType::Uuid => Value::Uuid(crate::generate::parse_uuid(text)?),
            _ => return Some(Owned::Text(text.to_string())),
        }))
    }

    fn value(&self) -> Value<'_> {
        match self {
            Owned::Plain(value) => *value,
            Owned::Text(text) => Value::Text(text),
        }
    }
}

/// The generation options for appending to tables described by `existing`.
pub(crate) fn with_existing(
    options: &SeedOptions,
    existing: Vec<(String, ExistingTable)>,
) -> SeedOptions {
    let mut options = options.clone();
    for (table, state) in existing {
        options.existing.tables.insert(table, state);
    }
    options
}

/// The auto-increment columns of a table.
pub(crate) fn identity_columns(table: &Table) -> impl Iterator<Item = &str> {
    table
        .columns
        .iter()
        .filter(|column| column.auto_increment && column.column_type.is_integer())
        .map(|column| column.name.as_str())
}

/// Reports the tables that held rows, and checks that a schema's table exists in the database.
pub(crate) fn missing_table(table: &str, database: &str, detail: &str) -> crate::SeedError {
    crate::SeedError::Refused(format!(
        "the table {table} does not exist in the {database} database ({detail}); create the schema first (run the schema.sql that dbkit build writes), then seed"
    ))
}

/// A short, single-line form of a driver's message.
pub(crate) fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}
