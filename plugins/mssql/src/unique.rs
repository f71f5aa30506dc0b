//! Unique keys over nullable columns.
//!
//! Standard SQL (and MySQL, PostgreSQL, SQLite) lets any number of rows hold NULL in a unique
//! column; a SQL Server UNIQUE constraint allows one. So a unique key over a nullable column
//! becomes a filtered unique index, which only compares rows whose key columns are all set.
//! See <https://learn.microsoft.com/sql/relational-databases/indexes/create-filtered-indexes>.

use dbkit_sdk::model::{Schema, Table};
use dbkit_sdk::{Dialect, DialectError};

use crate::NAME;

/// The nullable columns among `columns` of `table`.
pub(crate) fn nullable_columns<'a>(table: &'a Table, columns: &'a [String]) -> Vec<&'a str> {
    columns
        .iter()
        .filter(|name| table.column(name).is_some_and(|column| column.nullable))
        .map(String::as_str)
        .collect()
}

/// `CREATE UNIQUE INDEX name ON table (columns) WHERE c IS NOT NULL AND ...`.
pub(crate) fn filtered_unique_index(
    dialect: &dyn Dialect,
    table: &Table,
    name: &str,
    columns: &[String],
    nullable: &[&str],
) -> String {
    let filter: Vec<String> = nullable
        .iter()
        .map(|column| format!("{} IS NOT NULL", dialect.quote_identifier(column)))
        .collect();
    format!(
        "CREATE UNIQUE INDEX {} ON {} ({}) WHERE {}",
        dialect.quote_identifier(name),
        dialect.quote_identifier(&table.name),
        dialect.column_list(columns),
        filter.join(" AND ")
    )
}

/// A foreign key cannot reference a filtered index: refuse keys that reference a unique key over
/// nullable columns.
pub(crate) fn check_references(schema: &Schema) -> Result<(), DialectError> {
    for table in &schema.tables {
        for key in &table.foreign_keys {
            let Some(referenced) = schema.table(&key.referenced_table) else {
                continue;
            };
            let nullable = nullable_columns(referenced, &key.referenced_columns);
            if !nullable.is_empty() {
                return Err(DialectError::Unsupported {
                    dialect: NAME.to_string(),
                    location: format!("{}.{}", table.name, key.columns.join(",")),
                    feature: format!(
                        "a foreign key to the nullable unique column(s) {}.{}: SQL Server keeps such a key as a filtered index, which a foreign key cannot reference",
                        referenced.name,
                        nullable.join(",")
                    ),
                    help: Some(
                        "make the referenced columns NOT NULL, or reference the primary key"
                            .to_string(),
                    ),
                });
            }
        }
    }
    Ok(())
}
