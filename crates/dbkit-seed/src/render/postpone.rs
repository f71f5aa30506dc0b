//! Reference cycles closed through NOT NULL columns (Sakila's `staff.store_id` and
//! `store.manager_staff_id`): no order of inserts satisfies both foreign keys, and the columns
//! cannot be inserted as NULL and set later. Their rows are inserted with their values, and the
//! foreign key is checked once every table holds its rows:
//!
//! - SQLite: `PRAGMA defer_foreign_keys = ON` in the transaction, so that every foreign key is
//!   checked at `COMMIT`;
//! - PostgreSQL: the foreign keys over those columns are dropped in the transaction and added
//!   again (with their definition read from the catalog) once the rows are in, which checks
//!   every row;
//! - MariaDB / MySQL: `FOREIGN_KEY_CHECKS` is switched off while the table is loaded; the server
//!   does not check those rows again, so their references rest on the generator, which only
//!   picks existing parents.

use dbkit_sdk::Dialect;

use super::literal::Flavor;
use crate::dataset::{Dataset, TableData};

/// The temporary table (PostgreSQL) that keeps the statements adding the dropped keys back.
const KEPT: &str = "dbkit_seed_postponed_keys";

/// Whether any table of the dataset has postponed columns.
pub(crate) fn any(dataset: &Dataset) -> bool {
    dataset.tables.iter().any(has_postponed)
}

fn has_postponed(table: &TableData) -> bool {
    table.rows > 0 && !table.postponed.is_empty()
}

/// The statements to run in the transaction before any row is inserted.
pub(crate) fn before_all(dataset: &Dataset, dialect: &dyn Dialect, flavor: Flavor) -> Vec<String> {
    if !any(dataset) {
        return Vec::new();
    }
    match flavor {
        Flavor::Sqlite => vec!["PRAGMA defer_foreign_keys = ON".to_string()],
        Flavor::Postgres => {
            let mut statements = vec![format!(
                "CREATE TEMPORARY TABLE {KEPT} (statement text) ON COMMIT DROP"
            )];
            statements.extend(
                dataset
                    .tables
                    .iter()
                    .filter(|table| has_postponed(table))
                    .map(|table| drop_keys(table, dialect)),
            );
            statements
        }
        Flavor::Mysql | Flavor::Standard => Vec::new(),
    }
}

/// The statements around the inserts of `table` (before, after).
pub(crate) fn around_table(table: &TableData, flavor: Flavor) -> (Vec<String>, Vec<String>) {
    if flavor != Flavor::Mysql || !has_postponed(table) {
        return (Vec::new(), Vec::new());
    }
    (
        vec!["SET FOREIGN_KEY_CHECKS = 0".to_string()],
        vec!["SET FOREIGN_KEY_CHECKS = 1".to_string()],
    )
}

/// The statements to run in the transaction once every row is inserted.
pub(crate) fn after_all(dataset: &Dataset, flavor: Flavor) -> Vec<String> {
    if flavor != Flavor::Postgres || !any(dataset) {
        return Vec::new();
    }
    vec![format!(
        "DO $dbkit$ DECLARE kept text; BEGIN FOR kept IN SELECT statement FROM {KEPT} LOOP EXECUTE kept; END LOOP; END $dbkit$"
    )]
}

/// A PostgreSQL block that drops the foreign keys of `table` made only of its postponed
/// columns, keeping for each the statement that adds it back.
fn drop_keys(table: &TableData, dialect: &dyn Dialect) -> String {
    let quoted = dialect.quote_identifier(&table.name);
    let columns: Vec<&str> = table.postponed_columns();
    let names = columns
        .iter()
        .map(|column| dialect.quote_string(column))
        .collect::<Vec<_>>()
        .join(", ");
    let table_text = dialect.quote_string(&quoted);
    format!(
        "DO $dbkit$ DECLARE found record; BEGIN \
         FOR found IN SELECT c.conname, pg_get_constraintdef(c.oid) AS definition FROM pg_constraint c \
         WHERE c.contype = 'f' AND c.conrelid = {table_text}::regclass \
         AND ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)) <@ ARRAY[{names}]::text[] \
         LOOP \
         INSERT INTO {KEPT} VALUES (format('ALTER TABLE %s ADD CONSTRAINT %I %s', {table_text}, found.conname, found.definition)); \
         EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', {table_text}, found.conname); \
         END LOOP; END $dbkit$"
    )
}
