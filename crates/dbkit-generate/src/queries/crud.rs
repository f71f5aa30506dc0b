//! The queries on one table by itself: create, get by key, list, count, update and delete.

use dbkit_model::{Column, TableKind};

use super::context::{
    BuildError, Draft, TableContext, column_parameter, columns_named, describe_default,
    result_columns, words,
};
use super::model::{Command, ParameterRole, QueryKind, ResultColumn};
use super::names::pascal_case;
use super::sql::{SqlBuilder, marker};

/// Every query on the table by itself, in the order they are written.
pub(crate) fn table_queries(context: &TableContext<'_>) -> Result<Vec<Draft>, BuildError> {
    let mut drafts = vec![create(context)?];
    let has_key = !context.key_columns().is_empty();
    if has_key {
        drafts.push(get(context));
    }
    drafts.extend(get_by_unique(context));
    drafts.push(list(context, false)?);
    if has_key {
        drafts.push(list(context, true)?);
    }
    drafts.push(count(context));
    if has_key {
        drafts.extend(update(context));
        drafts.push(delete(context));
    }
    Ok(drafts)
}

/// The two tables a junction links, when the table is one.
fn junction_sides(context: &TableContext<'_>) -> Option<(String, String)> {
    match &context.table.kind {
        TableKind::Junction { left, right } => Some((left.clone(), right.clone())),
        TableKind::Plain => None,
    }
}

/// `INSERT` of one row; the generated key comes back through `RETURNING` or the last insert id.
///
/// A NOT NULL column with a default takes `COALESCE(?, default)`, so that NULL asks for the
/// default while every column stays in the statement.
fn create(context: &TableContext<'_>) -> Result<Draft, BuildError> {
    let table = context.table;
    let dialect = context.dialect;
    let inserted: Vec<&Column> = table
        .columns
        .iter()
        .filter(|column| !column.auto_increment)
        .collect();
    let generated: Vec<&Column> = table
        .columns
        .iter()
        .filter(|column| column.auto_increment)
        .collect();
    let mut sql = SqlBuilder::default();
    sql.text(&format!("INSERT INTO {}", context.quote(&table.name)));
    if inserted.is_empty() {
        sql.text(&format!(" {}", dialect.insert_default_values()));
    } else {
        sql.text(&format!(
            " ({})\nVALUES (",
            context.select_list(None, &inserted)
        ));
        for (position, column) in inserted.iter().enumerate() {
            if position > 0 {
                sql.text(", ");
            }
            match (&column.default, column.nullable) {
                (Some(default), false) => {
                    let parameter = column_parameter(
                        table,
                        column,
                        ParameterRole::ValueOrDefault,
                        column.name.clone(),
                        format!(
                            "the new row's {}, or NULL for its default ({})",
                            column.name,
                            describe_default(default)
                        ),
                    );
                    let typed = dialect.typed_placeholder(table, column, &marker(0))?;
                    sql.text("COALESCE(");
                    sql.template(&typed, vec![parameter]).map_err(|error| {
                        BuildError::Template {
                            method: "typed_placeholder",
                            error,
                        }
                    })?;
                    sql.text(&format!(
                        ", {})",
                        dialect.default_value(table, column, default)?
                    ));
                }
                _ => sql.parameter(column_parameter(
                    table,
                    column,
                    ParameterRole::Value,
                    column.name.clone(),
                    format!("the new row's {}", column.name),
                )),
            }
        }
        sql.text(")");
    }
    let generated_words = words(
        &generated
            .iter()
            .map(|column| column.name.as_str())
            .collect::<Vec<_>>(),
    );
    let (command, results, returns) = if generated.is_empty() {
        (Command::Exec, Vec::new(), String::new())
    } else if dialect.supports_returning() {
        sql.text(&format!(
            "\nRETURNING {}",
            context.select_list(None, &generated)
        ));
        (
            Command::One,
            result_columns(table, &generated),
            format!(" and returns its generated {generated_words}"),
        )
    } else {
        (
            Command::ExecLastId,
            result_columns(table, &generated),
            format!(" and returns its generated {generated_words}"),
        )
    };
    let (name, purpose) = match junction_sides(context) {
        Some((left, right)) => (
            format!("Link{}", context.names.one),
            format!(
                "Links a row of {left} to a row of {right}: inserts a row into {}{returns}.",
                table.name
            ),
        ),
        None => (
            format!("Create{}", context.names.one),
            format!("Inserts a row into {}{returns}.", table.name),
        ),
    };
    Ok(Draft {
        name,
        command,
        kind: QueryKind::Create,
        purpose,
        sql,
        result_columns: results,
    })
}

/// `SELECT` of every column of `table`, then `\nFROM table`.
fn select_all(context: &TableContext<'_>, sql: &mut SqlBuilder) -> Vec<ResultColumn> {
    let columns: Vec<&Column> = context.table.columns.iter().collect();
    sql.text(&format!(
        "SELECT {}\nFROM {}",
        context.select_list(None, &columns),
        context.quote(&context.table.name)
    ));
    result_columns(context.table, &columns)
}

/// The row with a primary key.
fn get(context: &TableContext<'_>) -> Draft {
    let mut sql = SqlBuilder::default();
    let results = select_all(context, &mut sql);
    sql.text("\nWHERE ");
    let key = context.key_columns();
    context.match_columns(
        &mut sql,
        None,
        context.table,
        &key,
        &|column| column.name.clone(),
        &|column| format!("the {} of the row to read", column.name),
    );
    Draft {
        name: format!("Get{}", context.names.one),
        command: Command::One,
        kind: QueryKind::Get,
        purpose: format!(
            "Reads the row of {} with this {}, if there is one.",
            context.table.name,
            context.key_words()
        ),
        sql,
        result_columns: results,
    }
}

/// The row with a value of each unique constraint or unique index (other than the primary key).
fn get_by_unique(context: &TableContext<'_>) -> Vec<Draft> {
    let table = context.table;
    let primary: Vec<String> = table
        .primary_key
        .as_ref()
        .map(|key| key.columns.clone())
        .unwrap_or_default();
    let same = |left: &[String], right: &[String]| {
        left.len() == right.len() && left.iter().all(|column| right.contains(column))
    };
    let mut keys: Vec<(&str, &[String])> = Vec::new();
    let candidates = table
        .unique_constraints
        .iter()
        .map(|key| (key.name.as_str(), key.columns.as_slice()))
        .chain(
            table
                .indexes
                .iter()
                .filter(|index| index.unique)
                .map(|index| (index.name.as_str(), index.columns.as_slice())),
        );
    for (name, columns) in candidates {
        if !same(columns, &primary) && !keys.iter().any(|(_, seen)| same(seen, columns)) {
            keys.push((name, columns));
        }
    }
    keys.into_iter()
        .map(|(key_name, column_names)| {
            let columns = columns_named(table, column_names);
            let mut sql = SqlBuilder::default();
            let results = select_all(context, &mut sql);
            sql.text("\nWHERE ");
            context.match_columns(
                &mut sql,
                None,
                table,
                &columns,
                &|column| column.name.clone(),
                &|column| format!("the {} of the row to read", column.name),
            );
            let names: Vec<&str> = column_names.iter().map(String::as_str).collect();
            let null_note = if columns.iter().any(|column| column.nullable) {
                " A key holding NULL matches no row."
            } else {
                ""
            };
            Draft {
                name: format!(
                    "Get{}By{}",
                    context.names.one,
                    column_names.iter().map(|name| pascal_case(name)).collect::<Vec<_>>().join("And")
                ),
                command: Command::One,
                kind: QueryKind::GetByUnique {
                    columns: column_names.to_vec(),
                },
                purpose: format!(
                    "Reads the row of {} with this {} (unique key {key_name}), if there is one.{null_note}",
                    table.name,
                    words(&names)
                ),
                sql,
                result_columns: results,
            }
        })
        .collect()
}

/// A page of rows in primary-key order: the first (`after` false) or the one after a cursor.
/// Without a primary key, the first rows in no particular order.
fn list(context: &TableContext<'_>, after: bool) -> Result<Draft, BuildError> {
    let table = context.table;
    let key = context.key_columns();
    let mut sql = SqlBuilder::default();
    let results = select_all(context, &mut sql);
    if after {
        sql.text("\nWHERE ");
        context.keyset_after(&mut sql, None, table, &key)?;
    }
    context.order_and_limit(&mut sql, None, &key)?;
    let key_words = context.key_words();
    let (name, purpose) = match (after, key.is_empty()) {
        (_, true) => (
            format!("List{}", context.names.all),
            format!(
                "Lists rows of {} in no particular order ({} has no primary key to page by).",
                table.name, table.name
            ),
        ),
        (false, false) => (
            format!("List{}", context.names.all),
            format!(
                "Lists the first page of {} in {key_words} order; List{}After gives the next pages.",
                table.name, context.names.all
            ),
        ),
        (true, false) => (
            format!("List{}After", context.names.all),
            format!(
                "Lists the page of {} that follows the row with the given {key_words}, in {key_words} order (keyset pagination).",
                table.name
            ),
        ),
    };
    Ok(Draft {
        name,
        command: Command::Many,
        kind: QueryKind::List { after },
        purpose,
        sql,
        result_columns: results,
    })
}

/// The number of rows.
fn count(context: &TableContext<'_>) -> Draft {
    let mut sql = SqlBuilder::default();
    sql.text(&format!(
        "SELECT COUNT(*) AS {}\nFROM {}",
        context.quote("count"),
        context.quote(&context.table.name)
    ));
    Draft {
        name: format!("Count{}", context.names.all),
        command: Command::One,
        kind: QueryKind::Count,
        purpose: format!("Counts the rows of {}.", context.table.name),
        sql,
        result_columns: vec![ResultColumn {
            name: "count".to_string(),
            table: None,
            column: None,
            column_type: dbkit_model::ColumnType::BigInt,
            nullable: false,
        }],
    }
}

/// Sets every column but the key and generated columns; `None` when there is no such column.
fn update(context: &TableContext<'_>) -> Option<Draft> {
    let table = context.table;
    let key = context.key_columns();
    let changed: Vec<&Column> = table
        .columns
        .iter()
        .filter(|column| !column.auto_increment && !key.iter().any(|part| part.name == column.name))
        .collect();
    if changed.is_empty() {
        return None;
    }
    let mut sql = SqlBuilder::default();
    sql.text(&format!("UPDATE {}\nSET ", context.quote(&table.name)));
    for (position, column) in changed.iter().enumerate() {
        if position > 0 {
            sql.text(", ");
        }
        sql.text(&format!("{} = ", context.quote(&column.name)));
        sql.parameter(column_parameter(
            table,
            column,
            ParameterRole::Value,
            column.name.clone(),
            format!("the {} to store", column.name),
        ));
    }
    sql.text("\nWHERE ");
    context.match_columns(
        &mut sql,
        None,
        table,
        &key,
        &|column| column.name.clone(),
        &|column| format!("the {} of the row to change", column.name),
    );
    Some(Draft {
        name: format!("Update{}", context.names.one),
        command: Command::ExecRows,
        kind: QueryKind::Update,
        purpose: format!(
            "Stores new values in every column of the row of {} with this {} but its key; returns the number of rows changed.",
            table.name,
            context.key_words()
        ),
        sql,
        result_columns: Vec::new(),
    })
}

/// Deletes the row with a primary key.
fn delete(context: &TableContext<'_>) -> Draft {
    let table = context.table;
    let mut sql = SqlBuilder::default();
    sql.text(&format!(
        "DELETE FROM {}\nWHERE ",
        context.quote(&table.name)
    ));
    context.match_columns(
        &mut sql,
        None,
        table,
        &context.key_columns(),
        &|column| column.name.clone(),
        &|column| format!("the {} of the row to delete", column.name),
    );
    let (name, purpose) = match junction_sides(context) {
        Some((left, right)) => (
            format!("Unlink{}", context.names.one),
            format!(
                "Unlinks a row of {left} from a row of {right}: deletes the row of {} with this {}; returns the number of rows deleted.",
                table.name,
                context.key_words()
            ),
        ),
        None => (
            format!("Delete{}", context.names.one),
            format!(
                "Deletes the row of {} with this {}; returns the number of rows deleted.",
                table.name,
                context.key_words()
            ),
        ),
    };
    Draft {
        name,
        command: Command::ExecRows,
        kind: QueryKind::Delete,
        purpose,
        sql,
        result_columns: Vec::new(),
    }
}
