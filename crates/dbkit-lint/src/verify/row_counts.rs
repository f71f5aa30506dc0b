//! How many rows each table holds: the tables of `schema.toml` in its order, then the tables
//! the database has besides.

use super::live::Live;
use super::report::{Check, CheckKind, RowCount, plural};

const KIND: CheckKind = CheckKind::RowCounts;

/// The counts, and the checklist item that sums them up (or says which could not be counted).
pub(crate) fn check(live: &mut Live<'_>) -> (Vec<RowCount>, Vec<Check>) {
    let mut tables: Vec<(String, bool)> = live
        .design
        .tables
        .iter()
        .filter(|table| live.table(&table.name).is_some())
        .map(|table| (table.name.clone(), true))
        .collect();
    for table in &live.database.tables {
        if live.design.table(&table.name).is_none() {
            tables.push((table.name.clone(), false));
        }
    }
    let mut counts = Vec::new();
    let mut checks = Vec::new();
    for (table, in_schema) in tables {
        match live.count(&format!("SELECT COUNT(*) FROM {}", live.quote(&table))) {
            Ok(rows) => counts.push(RowCount {
                table,
                rows,
                in_schema,
            }),
            Err(error) => checks.push(Check::not_checked(
                KIND,
                table.clone(),
                &format!("the rows of {table}"),
                &error,
            )),
        }
    }
    let total: u64 = counts.iter().map(|count| count.rows).sum();
    let details = counts
        .iter()
        .map(|count| {
            format!(
                "{}: {}{}",
                count.table,
                count.rows,
                if count.in_schema {
                    ""
                } else {
                    " (not in schema.toml)"
                }
            )
        })
        .collect();
    checks.insert(
        0,
        Check::pass(
            KIND,
            format!(
                "{} in {}",
                plural(usize::try_from(total).unwrap_or(usize::MAX), "row"),
                plural(counts.len(), "table")
            ),
        )
        .with_details(details),
    );
    (counts, checks)
}
