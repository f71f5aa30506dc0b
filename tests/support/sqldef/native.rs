//! A database's own description of its schema, as sorted lines, for telling whether two
//! databases differ in something the pull neither reads nor reports.
//!
//! MySQL/MariaDB: `SHOW CREATE TABLE` and `SHOW CREATE VIEW`, columns in their order, keys and
//! constraints sorted. PostgreSQL: the catalog's columns, constraints, index definitions, view
//! definitions, options and comments of the current schema. SQLite: the `PRAGMA` descriptions of
//! tables, columns, indexes and foreign keys.
//!
//! What the model deliberately treats as the same is described the same way: the
//! `AUTO_INCREMENT` counter and the default `USING BTREE` (MySQL/MariaDB), a `serial` column and
//! an identity column (PostgreSQL, both auto-increment), `DEFAULT NULL`, and a key column's NOT
//! NULL (SQLite). The expressions of CHECK constraints and partial indexes are left to the
//! model, which reads and compares them (the databases rewrite them in equivalent forms); so is
//! the CHECK dbkit adds to a MySQL/MariaDB boolean column.

use dbkit_db::{Connection, DriverConnection};
use dbkit_model::naming;
use mysql::prelude::Queryable;

use crate::Outcome;

/// The lines describing the schema `connection` is connected to.
pub fn describe(connection: &mut Connection) -> Outcome<Vec<String>> {
    let mut lines = match connection.driver() {
        DriverConnection::Mysql(connection) => mysql_lines(connection),
        DriverConnection::Postgres(client) => postgres_lines(client),
        DriverConnection::Sqlite(connection) => sqlite_lines(connection),
    }?;
    lines.sort();
    Ok(lines)
}

/// The lines of `left` that `right` lacks (`-`) and of `right` that `left` lacks (`+`).
pub fn differences(left: &[String], right: &[String]) -> Vec<String> {
    let mut out: Vec<String> = left
        .iter()
        .filter(|line| !right.contains(line))
        .map(|line| format!("- {line}"))
        .collect();
    out.extend(
        right
            .iter()
            .filter(|line| !left.contains(line))
            .map(|line| format!("+ {line}")),
    );
    out
}

fn mysql_lines(connection: &mut mysql::Conn) -> Outcome<Vec<String>> {
    let failed = |error: mysql::Error| format!("cannot describe the MySQL/MariaDB schema: {error}");
    let database: Option<String> = connection
        .query_first("SELECT DATABASE()")
        .map_err(failed)?;
    let database = database.unwrap_or_default();
    let objects: Vec<(String, String)> = connection
        .query(
            "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES \
             WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME",
        )
        .map_err(failed)?;
    let mut lines = Vec::new();
    for (name, kind) in objects {
        let quoted = format!("`{}`", name.replace('`', "``"));
        let row: Option<mysql::Row> = if kind == "VIEW" {
            connection.query_first(format!("SHOW CREATE VIEW {quoted}"))
        } else {
            connection.query_first(format!("SHOW CREATE TABLE {quoted}"))
        }
        .map_err(failed)?;
        let text: String = row
            .and_then(|row| row.get::<String, _>(1))
            .unwrap_or_default()
            .replace(&format!("`{database}`."), "");
        let booleans: Vec<String> = text
            .lines()
            .filter_map(|line| {
                let line = line.trim();
                let column = line.strip_prefix('`')?.split('`').next()?;
                line.contains(" tinyint(1)").then(|| column.to_string())
            })
            .collect();
        for (position, line) in text.lines().enumerate() {
            let line = line.trim().trim_end_matches(',');
            // `USING BTREE` is InnoDB's only kind of ordinary index, named or not.
            let line = drop_auto_increment_counter(line).replace(" USING BTREE", "");
            if line.starts_with('`') {
                // Columns keep their order. A CHECK written on the column is the constraint
                // named after the column.
                let (definition, check) = match line.split_once(" CHECK (") {
                    Some((definition, _)) => (definition.to_string(), true),
                    None => (line.clone(), false),
                };
                if check && let Some(column) = definition.split('`').nth(1) {
                    lines.push(format!("{name} CONSTRAINT `{column}` CHECK"));
                }
                lines.push(format!("{name} {position:03} {definition}"));
            } else if let Some((constraint, _)) = line.split_once(" CHECK (") {
                // Check expressions are compared by the model, which reads them; dbkit's own
                // check of a boolean column is one the model holds as the column's type.
                let boolean_check = booleans.iter().any(|column| {
                    constraint == format!("CONSTRAINT `{}`", naming::type_check_name(&name, column))
                });
                if !boolean_check {
                    lines.push(format!("{name} {constraint} CHECK"));
                }
            } else {
                lines.push(format!("{name} {line}"));
            }
        }
    }
    Ok(lines)
}

/// `) ENGINE=InnoDB AUTO_INCREMENT=3 ...` without the counter, which rows move.
fn drop_auto_increment_counter(line: &str) -> String {
    line.split(' ')
        .filter(|word| !word.starts_with("AUTO_INCREMENT="))
        .collect::<Vec<_>>()
        .join(" ")
}

const POSTGRES_DESCRIPTION: &str = "\
SELECT 'relation ' || c.relname || ' ' || c.relkind::text || ' ' || coalesce(array_to_string(c.reloptions, ','), '') \
  FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace \
UNION ALL SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) \
  || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END \
  || CASE WHEN pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%' OR a.attidentity = 'd' THEN ' auto-increment' \
     WHEN pg_get_expr(d.adbin, d.adrelid) LIKE 'NULL::%' THEN '' \
     ELSE coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') END \
  || CASE WHEN a.attidentity = 'a' THEN ' identity always' ELSE '' END \
  || CASE WHEN a.attgenerated <> '' THEN ' generated ' || a.attgenerated::text ELSE '' END \
  || CASE WHEN a.attcollation <> t.typcollation THEN ' collate ' || a.attcollation::regcollation::text ELSE '' END \
  || coalesce(' comment ' || col_description(c.oid, a.attnum), '') \
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid \
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
  WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f') \
  AND a.attnum > 0 AND NOT a.attisdropped \
UNION ALL SELECT 'constraint ' || c.relname || '.' || k.conname || ' ' \
  || CASE WHEN k.contype = 'c' THEN 'CHECK' \
     || CASE WHEN k.connoinherit THEN ' NO INHERIT' ELSE '' END \
     || CASE WHEN NOT k.convalidated THEN ' NOT VALID' ELSE '' END \
     ELSE pg_get_constraintdef(k.oid) END \
  || coalesce(' comment ' || obj_description(k.oid, 'pg_constraint'), '') \
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid \
  WHERE c.relnamespace = current_schema()::regnamespace \
UNION ALL SELECT 'index ' || regexp_replace(pg_get_indexdef(i.indexrelid), ' WHERE .*$', ' WHERE ...') \
  || coalesce(' comment ' || obj_description(i.indexrelid, 'pg_class'), '') \
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid \
  WHERE c.relnamespace = current_schema()::regnamespace \
UNION ALL SELECT 'view ' || c.relname || ' ' || pg_get_viewdef(c.oid) \
  FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('v', 'm') \
UNION ALL SELECT 'table comment ' || c.relname || ' ' || obj_description(c.oid, 'pg_class') \
  FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace \
  AND obj_description(c.oid, 'pg_class') IS NOT NULL";

fn postgres_lines(client: &mut postgres::Client) -> Outcome<Vec<String>> {
    let rows = client.query(POSTGRES_DESCRIPTION, &[]).map_err(|error| {
        let message = error.as_db_error().map_or_else(
            || error.to_string(),
            |db_error| db_error.message().to_string(),
        );
        format!("cannot describe the PostgreSQL schema: {message}")
    })?;
    Ok(rows
        .iter()
        .map(|row| row.get::<_, Option<String>>(0).unwrap_or_default())
        .collect())
}

fn sqlite_lines(connection: &mut rusqlite::Connection) -> Outcome<Vec<String>> {
    let failed = |error: rusqlite::Error| format!("cannot describe the SQLite schema: {error}");
    let query =
        |connection: &rusqlite::Connection, sql: &str| -> Result<Vec<String>, rusqlite::Error> {
            let mut statement = connection.prepare(sql)?;
            let width = statement.column_count();
            let rows = statement.query_map([], |row| {
                let mut cells = Vec::with_capacity(width);
                for index in 0..width {
                    let cell = match row.get_ref(index)? {
                        rusqlite::types::ValueRef::Null => "NULL".to_string(),
                        rusqlite::types::ValueRef::Integer(number) => number.to_string(),
                        rusqlite::types::ValueRef::Real(number) => number.to_string(),
                        rusqlite::types::ValueRef::Text(text)
                        | rusqlite::types::ValueRef::Blob(text) => {
                            String::from_utf8_lossy(text).into_owned()
                        }
                    };
                    cells.push(cell);
                }
                Ok(cells.join(" "))
            })?;
            rows.collect()
        };
    let mut lines = Vec::new();
    let objects = query(
        connection,
        "SELECT type || ' ' || name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY 1",
    )
    .map_err(failed)?;
    for object in objects {
        lines.push(object.clone());
        let Some(name) = object.strip_prefix("table ") else {
            continue;
        };
        let quoted = name.replace('\'', "''");
        let sql = format!("SELECT type, wr, strict FROM pragma_table_list('{quoted}')");
        for line in query(connection, &sql).map_err(failed)? {
            lines.push(format!("{name} table_list {line}"));
        }
        for (pragma, columns) in [
            // A key column's NOT NULL is left out: the pull reports a key column that may hold
            // NULL, and a rowid key cannot.
            (
                "table_xinfo",
                "cid, name, upper(type), CASE WHEN pk > 0 THEN '-' ELSE \"notnull\" END, dflt_value, pk, hidden",
            ),
            ("index_list", "name, \"unique\", origin, partial"),
            (
                "foreign_key_list",
                "id, seq, \"table\", \"from\", \"to\", on_update, on_delete, match",
            ),
        ] {
            let sql = format!("SELECT {columns} FROM pragma_{pragma}('{quoted}')");
            for line in query(connection, &sql).map_err(failed)? {
                lines.push(format!("{name} {pragma} {line}"));
            }
        }
        let indexes = query(
            connection,
            &format!("SELECT name FROM pragma_index_list('{quoted}')"),
        )
        .map_err(failed)?;
        for index in indexes {
            let sql = format!(
                "SELECT seqno, name, desc, coll, key FROM pragma_index_xinfo('{}')",
                index.replace('\'', "''")
            );
            for line in query(connection, &sql).map_err(failed)? {
                lines.push(format!("{name} index {index} {line}"));
            }
        }
    }
    Ok(lines)
}
