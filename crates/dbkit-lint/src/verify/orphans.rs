//! No orphan rows: for every foreign key of `schema.toml`, no row references a row that does
//! not exist (a LEFT JOIN anti-join). Rows whose key has a NULL are not references, as in SQL.
//!
//! Orphans get in where foreign keys are not enforced: a MyISAM table, `SET
//! foreign_key_checks = 0`, a SQLite connection without `PRAGMA foreign_keys = ON`, a missing
//! constraint.

use dbkit_model::ForeignKey;

use super::live::Live;
use super::report::{Check, CheckKind, plural};
use super::sql;

const KIND: CheckKind = CheckKind::Orphans;

/// How many distinct orphan keys an item shows.
const SAMPLE: usize = 5;

/// The items for every foreign key whose tables and columns the database has.
pub(crate) fn check(live: &mut Live<'_>) -> Vec<Check> {
    let keys: Vec<(String, ForeignKey)> = live
        .design
        .tables
        .iter()
        .flat_map(|table| {
            table
                .foreign_keys
                .iter()
                .map(|key| (table.name.clone(), key.clone()))
        })
        .filter(|(table, key)| {
            live.has_columns(table, &key.columns)
                && live.has_columns(&key.referenced_table, &key.referenced_columns)
        })
        .collect();
    let mut checks = Vec::new();
    for (table, key) in &keys {
        if let Some(check) = orphans_of(live, table, key) {
            checks.push(check);
        }
    }
    if checks.is_empty() {
        checks.push(Check::pass(
            KIND,
            format!(
                "no row references a missing row ({} checked)",
                plural(keys.len(), "foreign key")
            ),
        ));
    }
    checks
}

/// The item for one foreign key, if it has orphan rows.
fn orphans_of(live: &mut Live<'_>, table: &str, key: &ForeignKey) -> Option<Check> {
    let backend = live.backend;
    let join: Vec<String> = key
        .columns
        .iter()
        .zip(&key.referenced_columns)
        .map(|(column, referenced)| {
            format!(
                "p.{} = c.{}",
                sql::quote(backend, referenced),
                sql::quote(backend, column)
            )
        })
        .collect();
    let first_referenced = key.referenced_columns.first()?;
    let from = format!(
        "FROM {} AS c LEFT JOIN {} AS p ON {} WHERE {} AND p.{} IS NULL",
        live.quote(table),
        live.quote(&key.referenced_table),
        join.join(" AND "),
        sql::all_not_null(backend, Some("c"), &key.columns),
        sql::quote(backend, first_referenced)
    );
    let subject = format!("{table}.{}", key.name);
    let arrow = format!(
        "{table}.{} → {}.{}",
        key.columns.join(", "),
        key.referenced_table,
        key.referenced_columns.join(", ")
    );
    let count = match live.count(&format!("SELECT COUNT(*) {from}")) {
        Ok(count) => count,
        Err(error) => {
            return Some(Check::not_checked(
                KIND,
                subject,
                &format!("{arrow} for orphan rows"),
                &error,
            ));
        }
    };
    if count == 0 {
        return None;
    }
    let columns = sql::column_list(backend, Some("c"), &key.columns);
    let sample = live
        .rows(&format!(
            "SELECT DISTINCT {columns} {from} ORDER BY {columns} LIMIT {SAMPLE}"
        ))
        .map(|rows| {
            rows.iter()
                .map(|row| {
                    format!(
                        "{} (no such {} row)",
                        sql::show_values(&key.columns, row),
                        key.referenced_table
                    )
                })
                .collect()
        })
        .unwrap_or_else(|error| vec![format!("the rows could not be listed: {error}")]);
    let find = format!("SELECT c.* {from};");
    Some(
        Check::fail(
            KIND,
            subject,
            format!(
                "{arrow}: {} {} {} row that does not exist",
                plural(usize::try_from(count).unwrap_or(usize::MAX), "row"),
                if count == 1 { "references a" } else { "reference a" },
                key.referenced_table
            ),
            "rows like these get in where the foreign key is not enforced (a MyISAM table, SET \
             foreign_key_checks = 0, a SQLite connection without PRAGMA foreign_keys = ON) or missing; \
             joins silently leave them out, so counts and reports built on them are wrong",
            format!(
                "find them with {find} then delete them or point them at existing {} rows{}",
                key.referenced_table,
                if key.columns.len() == 1 { " (or NULL, if the column allows it)" } else { "" }
            ),
        )
        .with_details(sample),
    )
}
