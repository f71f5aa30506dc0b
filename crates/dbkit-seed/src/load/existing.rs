//! What the schema's tables already hold, read the same way on every backend: for each table
//! with rows, the row count, the largest value of each auto-increment column and the
//! fingerprints of the values of each unique key. A missing table is an error.

use dbkit_model::{ColumnType, Schema};

use super::{BulkTarget, fingerprints_of, identity_columns, missing_table, unique_keys};
use crate::error::SeedError;
use crate::options::ExistingTable;

/// Reads what the tables of `schema` hold in `target`'s database.
pub(crate) fn existing(
    target: &mut impl BulkTarget,
    schema: &Schema,
) -> Result<Vec<(String, ExistingTable)>, SeedError> {
    let database = target.database();
    let failed = |what: String, message: String| SeedError::Database {
        database,
        message: format!("{what}: {message}"),
    };
    let mut found = Vec::new();
    for table in &schema.tables {
        let quoted = target.quote_identifier(&table.name);
        let rows = target
            .text_rows(&format!(
                "SELECT {} FROM {quoted}",
                target.as_text("COUNT(*)")
            ))
            .map_err(|message| missing_table(&table.name, database, &message))?;
        let rows: u64 = first_cell(&rows)
            .and_then(|count| count.parse().ok())
            .unwrap_or(0);
        if rows == 0 {
            continue;
        }
        let mut state = ExistingTable {
            rows,
            ..ExistingTable::default()
        };
        for column in identity_columns(table) {
            let largest = target
                .text_rows(&format!(
                    "SELECT {} FROM {quoted}",
                    target.as_text(&format!("MAX({})", target.quote_identifier(column)))
                ))
                .map_err(|message| {
                    failed(
                        format!("reading the largest {}.{column}", table.name),
                        message,
                    )
                })?;
            let largest = first_cell(&largest).and_then(|value| value.parse().ok());
            state
                .max_ids
                .insert(column.to_string(), largest.unwrap_or(0));
        }
        for key in unique_keys(table) {
            let types: Vec<&ColumnType> = key
                .iter()
                .filter_map(|name| table.column(name).map(|column| &column.column_type))
                .collect();
            let select = key
                .iter()
                .map(|column| target.as_text(&target.quote_identifier(column)))
                .collect::<Vec<_>>()
                .join(", ");
            let values = target
                .text_rows(&format!("SELECT {select} FROM {quoted}"))
                .map_err(|message| {
                    failed(format!("reading the keys of {}", table.name), message)
                })?;
            state
                .keys
                .push((key.clone(), fingerprints_of(&types, values.into_iter())));
        }
        found.push((table.name.clone(), state));
    }
    Ok(found)
}

/// The first cell of the first row, when it is not NULL.
fn first_cell(rows: &[Vec<Option<String>>]) -> Option<&str> {
    rows.first()?.first()?.as_deref()
}
