//! Moving columns: MySQL and MariaDB place a column with `MODIFY COLUMN <definition> FIRST` or
//! `AFTER <column>`, keeping its rows.

use dbkit_sdk::model::Schema;
use dbkit_sdk::{Dialect, DialectError};

use crate::MysqlDialect;
use crate::migration::{current_table, missing, waits_for_key, without_auto_increment};

/// The statement that puts the columns of `table` in the order `to` has, once the migration's
/// added and dropped columns are in place: from the first column out of place on, each column
/// is placed after the one before it in the new order (or first), which leaves every column
/// before it where it belongs. The clauses apply in order within one `ALTER TABLE`, so the
/// table is rebuilt once.
pub(crate) fn reorder_statements(
    dialect: &MysqlDialect,
    from: &Schema,
    to: &Schema,
    table: &str,
) -> Result<Vec<String>, DialectError> {
    let target = to.table(table).ok_or_else(|| missing(table))?;
    let current = current_table(from, to, table)?;
    let wanted: Vec<&str> = target
        .columns
        .iter()
        .map(|column| column.name.as_str())
        .collect();
    let order = order_before_moves(&current.columns, &wanted);
    let Some(first_out_of_place) = wanted
        .iter()
        .zip(&order)
        .position(|(wanted, current)| wanted != current)
    else {
        return Ok(Vec::new());
    };
    let mut clauses = Vec::new();
    for position in first_out_of_place..wanted.len() {
        let column = &target.columns[position];
        let column = if waits_for_key(from, to, table, column) {
            without_auto_increment(column)
        } else {
            column.clone()
        };
        let place = match position.checked_sub(1) {
            Some(before) => format!(" AFTER {}", dialect.quote_identifier(wanted[before])),
            None => " FIRST".to_string(),
        };
        clauses.push(format!(
            "MODIFY COLUMN {}{place}",
            dialect.column_definition(target, &column)?
        ));
    }
    Ok(vec![format!(
        "ALTER TABLE {} {}",
        dialect.quote_identifier(table),
        clauses.join(", ")
    )])
}

/// The order of the columns once dropped columns are gone and added ones were placed, each
/// after the column before it in `wanted` (as `ADD COLUMN ... AFTER` does, in `wanted` order).
fn order_before_moves<'a>(
    current: &'a [dbkit_sdk::model::Column],
    wanted: &[&'a str],
) -> Vec<&'a str> {
    let mut order: Vec<&str> = current
        .iter()
        .map(|column| column.name.as_str())
        .filter(|name| wanted.contains(name))
        .collect();
    for (position, name) in wanted.iter().enumerate() {
        if order.contains(name) {
            continue;
        }
        let at = match position.checked_sub(1) {
            Some(before) => order
                .iter()
                .position(|candidate| *candidate == wanted[before])
                .map_or(order.len(), |index| index + 1),
            None => 0,
        };
        order.insert(at, name);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use dbkit_sdk::model::{Column, ColumnType};

    fn columns(names: &[&str]) -> Vec<Column> {
        names
            .iter()
            .map(|name| Column {
                name: (*name).to_string(),
                column_type: ColumnType::Int,
                nullable: false,
                default: None,
                auto_increment: false,
                comment: None,
                collation: None,
                renamed_from: None,
            })
            .collect()
    }

    #[test]
    fn added_columns_take_their_place_and_dropped_ones_leave() {
        let current = columns(&["id", "name", "gone", "email"]);
        assert_eq!(
            order_before_moves(&current, &["id", "email", "added", "name"]),
            ["id", "name", "email", "added"]
        );
        assert_eq!(
            order_before_moves(&current, &["first", "id", "name", "email"]),
            ["first", "id", "name", "email"]
        );
    }
}
