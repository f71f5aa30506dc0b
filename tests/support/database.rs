//! One interface over the three databases, so that every check runs on each of them.

use std::collections::BTreeMap;

use dbkit_sdk::Dialect;

use crate::Outcome;
use crate::rejection::Rejection;

/// Tables and their columns (in column order), as the database's catalog lists them.
pub type Catalog = BTreeMap<String, Vec<String>>;

/// A scratch database of one of the servers under test.
pub trait Database {
    /// The dialect whose scripts this database runs.
    fn dialect(&self) -> &'static dyn Dialect;

    /// The server and database name, for messages.
    fn describe(&self) -> String;

    /// Runs a whole script text the way a user would (the `schema.sql` or `drop.sql` file as it
    /// is), and reports the first statement that failed.
    fn run_script(&mut self, script: &str) -> Outcome;

    /// Executes one statement and returns the number of rows it changed.
    fn execute(&mut self, sql: &str) -> Result<u64, Rejection>;

    /// Runs a query and returns its rows as text (`None` for NULL).
    fn query(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, Rejection>;

    /// The value the last insert on this connection generated for an auto-increment column.
    fn last_insert_id(&mut self) -> Outcome<i64>;

    /// The tables of the database with their columns.
    fn catalog(&mut self) -> Outcome<Catalog>;

    /// Every named object left in the database (tables, views, indexes, sequences, types), as
    /// `kind name`. Empty once `drop.sql` has run.
    fn objects(&mut self) -> Outcome<Vec<String>>;

    /// Runs a query that returns one integer.
    fn query_integer(&mut self, sql: &str) -> Outcome<i64> {
        let rows = self.query(sql).map_err(|rejection| {
            format!(
                "{}: query failed: {rejection}\n  SQL: {sql}",
                self.describe()
            )
        })?;
        match rows.as_slice() {
            [row] => match row.as_slice() {
                [Some(text)] => text.trim().parse().map_err(|_| {
                    format!(
                        "{}: expected an integer, got {text:?}\n  SQL: {sql}",
                        self.describe()
                    )
                }),
                other => Err(format!(
                    "{}: expected one integer, got {other:?}\n  SQL: {sql}",
                    self.describe()
                )),
            },
            other => Err(format!(
                "{}: expected one row, got {}\n  SQL: {sql}",
                self.describe(),
                other.len()
            )),
        }
    }

    /// Runs a query that returns one text value, not NULL.
    fn query_text(&mut self, sql: &str) -> Outcome<String> {
        let rows = self.query(sql).map_err(|rejection| {
            format!(
                "{}: query failed: {rejection}\n  SQL: {sql}",
                self.describe()
            )
        })?;
        match rows.as_slice() {
            [row] => match row.as_slice() {
                [Some(text)] => Ok(text.clone()),
                other => Err(format!(
                    "{}: expected one text value, got {other:?}\n  SQL: {sql}",
                    self.describe()
                )),
            },
            other => Err(format!(
                "{}: expected one row, got {}\n  SQL: {sql}",
                self.describe(),
                other.len()
            )),
        }
    }

    /// Executes a statement that must succeed.
    fn execute_ok(&mut self, sql: &str) -> Outcome<u64> {
        self.execute(sql).map_err(|rejection| {
            format!(
                "{}: statement refused: {rejection}\n  SQL: {sql}",
                self.describe()
            )
        })
    }

    /// Quotes an identifier for this database.
    fn quote(&self, name: &str) -> String {
        self.dialect().quote_identifier(name)
    }
}

/// Groups `(table, column)` rows, in the order given, into a [`Catalog`].
pub fn catalog_from_rows(rows: Vec<Vec<Option<String>>>) -> Catalog {
    let mut catalog = Catalog::new();
    for row in rows {
        let mut cells = row.into_iter();
        if let (Some(Some(table)), Some(Some(column))) = (cells.next(), cells.next()) {
            catalog.entry(table).or_default().push(column);
        }
    }
    catalog
}
