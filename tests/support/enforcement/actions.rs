//! Parent rows deleted or changed, and what their children go through: `on_delete` and
//! `on_update`.

use dbkit_model::{DefaultValue, ForeignKey, ReferentialAction, Table};

use super::refusals::expect_refused;
use crate::Outcome;
use crate::database::Database;
use crate::filler::{Filler, MISSING_SEED, Row, row_filter};
use crate::rejection::RejectionKind;
use crate::value::Value;

/// The defaults of the columns of `key` (NULL where a column has none).
fn key_defaults(table: &Table, key: &ForeignKey) -> Vec<Value> {
    key.columns
        .iter()
        .map(
            |name| match table.column(name).and_then(|column| column.default.clone()) {
                Some(DefaultValue::Integer(number)) => Value::Integer(number),
                Some(DefaultValue::Number(text)) => Value::Number(text),
                Some(DefaultValue::String(text)) => Value::Text(text),
                Some(DefaultValue::Boolean(flag)) => Value::Boolean(flag),
                _ => Value::Null,
            },
        )
        .collect()
}

/// For `ON ... SET DEFAULT`: a parent row whose key is the defaults of `key`'s columns, so that
/// the child still has a parent once its key is set to them.
fn ensure_default_parent(
    db: &mut dyn Database,
    filler: &mut Filler<'_>,
    table: &Table,
    key: &ForeignKey,
) -> Outcome {
    let defaults = key_defaults(table, key);
    if defaults.contains(&Value::Null) {
        return Ok(());
    }
    let parent_index = filler.table_index(&key.referenced_table)?;
    let parent_table = &filler.schema().tables[parent_index];
    let condition = key
        .referenced_columns
        .iter()
        .zip(&defaults)
        .map(|(column, value)| format!("{} = {}", db.quote(column), value.sql(db.dialect())))
        .collect::<Vec<_>>()
        .join(" AND ");
    let sql = format!(
        "SELECT COUNT(*) FROM {} WHERE {condition}",
        db.quote(&parent_table.name)
    );
    if db.query_integer(&sql)? > 0 {
        return Ok(());
    }
    let seed = filler.fresh_seed();
    let mut values = filler.candidate(db, parent_index, seed, &[])?;
    for (column, value) in key.referenced_columns.iter().zip(defaults) {
        values.insert(column.clone(), value);
    }
    filler.insert(db, parent_index, seed, values).map(drop)
}

/// A fresh parent row with one fresh child row through `key`; returns both.
fn family(
    db: &mut dyn Database,
    filler: &mut Filler<'_>,
    index: usize,
    key_index: usize,
    key: &ForeignKey,
) -> Outcome<(usize, Row, Row)> {
    if key.on_delete == ReferentialAction::SetDefault
        || key.on_update == ReferentialAction::SetDefault
    {
        let table = &filler.schema().tables[index];
        ensure_default_parent(db, filler, table, key)?;
    }
    let parent_index = filler.table_index(&key.referenced_table)?;
    let parent_seed = filler.fresh_seed();
    let parent = filler.ensure(db, parent_index, parent_seed)?;
    let child_seed = filler.fresh_seed();
    let values = filler.candidate(db, index, child_seed, &[(key_index, parent_seed)])?;
    let child = filler.insert(db, index, child_seed, values)?;
    Ok((parent_index, parent, child))
}

/// The foreign key columns of the child row now, found without looking at them.
fn child_state(
    db: &mut dyn Database,
    table: &Table,
    child: &Row,
    key: &ForeignKey,
) -> Outcome<Vec<Vec<Option<String>>>> {
    let sql = format!(
        "SELECT {} FROM {} WHERE {}",
        key.columns
            .iter()
            .map(|column| db.quote(column))
            .collect::<Vec<_>>()
            .join(", "),
        db.quote(&table.name),
        row_filter(db, table, child, &key.columns)
    );
    db.query(&sql)
        .map_err(|rejection| format!("{rejection}\n  SQL: {sql}"))
}

/// Deleting the parent row does to the child row what `on_delete` says.
pub(super) fn delete_parent(
    db: &mut dyn Database,
    filler: &mut Filler<'_>,
    index: usize,
    key_index: usize,
    key: &ForeignKey,
) -> Outcome {
    let (parent_index, parent, child) = family(db, filler, index, key_index, key)?;
    let schema = filler.schema();
    let (table, parent_table) = (&schema.tables[index], &schema.tables[parent_index]);
    let sql = format!(
        "DELETE FROM {} WHERE {}",
        db.quote(&parent_table.name),
        row_filter(db, parent_table, &parent, &[])
    );
    follow_action(db, &sql, key.on_delete, table, &child, key, None)
}

/// Changing the parent row's referenced key does to the child row what `on_update` says.
pub(super) fn update_parent(
    db: &mut dyn Database,
    filler: &mut Filler<'_>,
    index: usize,
    key_index: usize,
    key: &ForeignKey,
) -> Outcome {
    let schema = filler.schema();
    let parent_table = schema
        .table(&key.referenced_table)
        .ok_or_else(|| format!("no table {}", key.referenced_table))?;
    if key.referenced_columns.iter().any(|column| {
        parent_table
            .foreign_keys
            .iter()
            .any(|parent_key| parent_key.columns.contains(column))
    }) {
        // The parent's key is itself a foreign key: a new value would need a new grandparent.
        return Ok(());
    }
    let (_, parent, child) = family(db, filler, index, key_index, key)?;
    let table = &schema.tables[index];
    let seed = MISSING_SEED + filler.fresh_seed();
    let mut new_values = Vec::new();
    let mut assignments = Vec::new();
    for column_name in &key.referenced_columns {
        let column = parent_table
            .column(column_name)
            .ok_or_else(|| format!("no column {}.{column_name}", parent_table.name))?;
        let value = Value::for_type(&column.column_type, seed);
        assignments.push(format!(
            "{} = {}",
            db.quote(column_name),
            value.sql(db.dialect())
        ));
        new_values.push(value);
    }
    let sql = format!(
        "UPDATE {} SET {} WHERE {}",
        db.quote(&parent_table.name),
        assignments.join(", "),
        row_filter(db, parent_table, &parent, &[])
    );
    follow_action(
        db,
        &sql,
        key.on_update,
        table,
        &child,
        key,
        Some(&new_values),
    )
}

/// Runs the parent change `sql` and checks the child row against `action`. `cascaded` is what
/// the child's key columns hold after a cascade: `None` for a delete, whose cascade removes the
/// child row, the parent's new key values for an update.
fn follow_action(
    db: &mut dyn Database,
    sql: &str,
    action: ReferentialAction,
    table: &Table,
    child: &Row,
    key: &ForeignKey,
    cascaded: Option<&[Value]>,
) -> Outcome {
    let before: Vec<Value> = key
        .columns
        .iter()
        .map(|column| child.get(column).cloned().unwrap_or(Value::Null))
        .collect();
    let expect_rows = |rows: &[Vec<Option<String>>], values: Option<&[Value]>| -> Outcome {
        match (rows, values) {
            ([], None) => Ok(()),
            ([row], Some(values))
                if row.len() == values.len()
                    && values
                        .iter()
                        .zip(row)
                        .all(|(value, read)| value.matches(read.as_deref())) =>
            {
                Ok(())
            }
            (rows, values) => Err(format!(
                "the child row is {rows:?}, expected {values:?}\n  after: {sql}"
            )),
        }
    };
    match action {
        ReferentialAction::Restrict | ReferentialAction::NoAction => {
            expect_refused(db, sql, &[RejectionKind::ForeignKey], &[key.name.as_str()])?;
            expect_rows(&child_state(db, table, child, key)?, Some(&before))
        }
        ReferentialAction::Cascade => {
            db.execute_ok(sql)?;
            expect_rows(&child_state(db, table, child, key)?, cascaded)
        }
        ReferentialAction::SetNull => {
            db.execute_ok(sql)?;
            let nulls = vec![Value::Null; key.columns.len()];
            expect_rows(&child_state(db, table, child, key)?, Some(&nulls))
        }
        ReferentialAction::SetDefault => {
            db.execute_ok(sql)?;
            expect_rows(
                &child_state(db, table, child, key)?,
                Some(&key_defaults(table, key)),
            )
        }
    }
}
