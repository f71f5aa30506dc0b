//! Queries that return rows, read as text: for checks that look at the data itself (counts,
//! settings, samples of rows), such as `dbkit verify`.

use crate::backend;
use crate::connection::Connection;
use crate::error::DbError;
use crate::statement::first_line;

/// One row of a query result: each value as text, `None` for NULL.
type TextRow = Vec<Option<String>>;

impl Connection {
    /// Runs one query and returns its rows, every value as text (`None` for NULL): numbers in
    /// their decimal form, strings as they are, binary values decoded as UTF-8 with invalid bytes
    /// replaced.
    ///
    /// The query runs in the connection's current transaction, if one is open. A failure names
    /// the URL (password masked), the query's first line and the database's message.
    ///
    /// ```
    /// use dbkit_db::{DatabaseUrl, connect};
    ///
    /// let mut connection = connect(&DatabaseUrl::parse("sqlite::memory:")?)?;
    /// let rows = connection.query_rows("SELECT 1 + 1, NULL, 'text'")?;
    /// assert_eq!(rows, [[Some("2".to_string()), None, Some("text".to_string())]]);
    /// # Ok::<(), dbkit_db::DbError>(())
    /// ```
    pub fn query_rows(&mut self, sql: &str) -> Result<Vec<Vec<Option<String>>>, DbError> {
        let result = self.with_driver(
            |connection| mysql_rows(connection, sql),
            |client| postgres_rows(client, sql),
            |connection| sqlite_rows(connection, sql),
        );
        result.map_err(|message| DbError::Query {
            action: "run a query",
            url: self.url().to_string(),
            message: format!(
                "{}\n  the query starts with: {}",
                self.scrub(&message),
                self.scrub(&first_line(sql))
            ),
        })
    }
}

fn mysql_rows(connection: &mut mysql::Conn, sql: &str) -> Result<Vec<TextRow>, String> {
    use mysql::prelude::Queryable;

    let rows: Vec<mysql::Row> = connection
        .query(sql)
        .map_err(|error| backend::mysql::describe(&error))?;
    Ok(rows
        .into_iter()
        .map(|row| row.unwrap().into_iter().map(mysql_text).collect())
        .collect())
}

fn mysql_text(value: mysql::Value) -> Option<String> {
    match value {
        mysql::Value::NULL => None,
        mysql::Value::Bytes(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
        mysql::Value::Int(number) => Some(number.to_string()),
        mysql::Value::UInt(number) => Some(number.to_string()),
        mysql::Value::Float(number) => Some(number.to_string()),
        mysql::Value::Double(number) => Some(number.to_string()),
        other => Some(other.as_sql(true).trim_matches('\'').to_string()),
    }
}

fn postgres_rows(client: &mut postgres::Client, sql: &str) -> Result<Vec<TextRow>, String> {
    let messages = client
        .simple_query(sql)
        .map_err(|error| backend::postgres::describe(&error))?;
    Ok(messages
        .into_iter()
        .filter_map(|message| match message {
            postgres::SimpleQueryMessage::Row(row) => Some(
                (0..row.len())
                    .map(|index| row.get(index).map(str::to_string))
                    .collect(),
            ),
            _ => None,
        })
        .collect())
}

fn sqlite_rows(connection: &rusqlite::Connection, sql: &str) -> Result<Vec<TextRow>, String> {
    use rusqlite::types::ValueRef;

    let describe = |error: rusqlite::Error| backend::sqlite::describe(&error);
    let mut statement = connection.prepare(sql).map_err(describe)?;
    let width = statement.column_count();
    let mut rows = statement.query([]).map_err(describe)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(describe)? {
        let mut values = Vec::with_capacity(width);
        for index in 0..width {
            values.push(match row.get_ref(index).map_err(describe)? {
                ValueRef::Null => None,
                ValueRef::Integer(number) => Some(number.to_string()),
                ValueRef::Real(number) => Some(number.to_string()),
                ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                    Some(String::from_utf8_lossy(bytes).into_owned())
                }
            });
        }
        out.push(values);
    }
    Ok(out)
}
