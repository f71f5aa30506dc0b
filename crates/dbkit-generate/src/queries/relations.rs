//! The queries that follow relationships: the children of a parent row, the parent of a child
//! row, and the rows a many-to-many junction links.

use dbkit_model::{Column, ForeignKey, Table, TableKind};

use super::context::{
    BuildError, Draft, TableContext, columns_named, key_columns, result_columns, words,
};
use super::model::{Command, JunctionSide, QueryKind, ResultColumn};
use super::names::{pascal_case, role_name, snake_case, unique_name};
use super::sql::SqlBuilder;

/// Every relationship query written in the table's file.
pub(crate) fn relationship_queries(context: &TableContext<'_>) -> Result<Vec<Draft>, BuildError> {
    let table = context.table;
    let sides = junction_foreign_keys(table);
    let mut drafts = Vec::new();
    for key in &table.foreign_keys {
        let is_side = sides
            .as_ref()
            .is_some_and(|(left, right)| left.name == key.name || right.name == key.name);
        if is_side {
            continue;
        }
        drafts.push(children(context, key, false)?);
        if !context.key_columns().is_empty() {
            drafts.push(children(context, key, true)?);
        }
        if let Some(draft) = parent(context, key) {
            drafts.push(draft);
        }
    }
    if let Some((left, right)) = &sides {
        for (from, from_key, to_key) in [
            (JunctionSide::Left, left, right),
            (JunctionSide::Right, right, left),
        ] {
            for after in [false, true] {
                if let Some(draft) = through(context, from, from_key, to_key, after)? {
                    drafts.push(draft);
                }
            }
        }
    }
    Ok(drafts)
}

/// A junction table's foreign keys to its left and right tables (those on its first and second
/// columns), or `None` for a plain table.
fn junction_foreign_keys(table: &Table) -> Option<(&ForeignKey, &ForeignKey)> {
    let TableKind::Junction { .. } = &table.kind else {
        return None;
    };
    let on_column = |position: usize| {
        let column = &table.columns.get(position)?.name;
        table
            .foreign_keys
            .iter()
            .find(|key| key.columns.len() == 1 && &key.columns[0] == column)
    };
    Some((on_column(0)?, on_column(1)?))
}

/// The rows whose foreign key points at one parent row, a page at a time.
fn children(
    context: &TableContext<'_>,
    key: &ForeignKey,
    after: bool,
) -> Result<Draft, BuildError> {
    let table = context.table;
    let order = context.key_columns();
    let all: Vec<&Column> = table.columns.iter().collect();
    let foreign: Vec<&Column> = columns_named(table, &key.columns);
    let mut sql = SqlBuilder::default();
    sql.text(&format!(
        "SELECT {}\nFROM {}\nWHERE ",
        context.select_list(None, &all),
        context.quote(&table.name)
    ));
    let referenced = |column: &Column| {
        key.columns
            .iter()
            .position(|name| name == &column.name)
            .and_then(|position| key.referenced_columns.get(position))
            .cloned()
            .unwrap_or_default()
    };
    context.match_columns(
        &mut sql,
        None,
        table,
        &foreign,
        &|column| column.name.clone(),
        &|column| {
            format!(
                "the {} of the {} row",
                referenced(column),
                key.referenced_table
            )
        },
    );
    if after {
        sql.text(" AND ");
        context.keyset_after(&mut sql, None, table, &order)?;
    }
    context.order_and_limit(&mut sql, None, &order)?;
    let by: String = key
        .columns
        .iter()
        .map(|column| pascal_case(column))
        .collect::<Vec<_>>()
        .join("And");
    let column_words = words(&key.columns.iter().map(String::as_str).collect::<Vec<_>>());
    let order_words = context.key_words();
    let verb = if key.columns.len() == 1 {
        "points"
    } else {
        "point"
    };
    let base = format!("List{}By{by}", context.names.all);
    let (name, purpose) = match (after, order.is_empty()) {
        (true, _) => (
            format!("{base}After"),
            format!(
                "Lists the page of the rows of {} whose {column_words} {verb} at one row of {} (foreign key {}) that follows the row with the given {order_words}, in {order_words} order.",
                table.name, key.referenced_table, key.name
            ),
        ),
        (false, false) => (
            base.clone(),
            format!(
                "Lists the first page of the rows of {} whose {column_words} {verb} at one row of {} (foreign key {}), in {order_words} order; {base}After gives the next pages.",
                table.name, key.referenced_table, key.name
            ),
        ),
        (false, true) => (
            base,
            format!(
                "Lists rows of {} whose {column_words} {verb} at one row of {} (foreign key {}), in no particular order.",
                table.name, key.referenced_table, key.name
            ),
        ),
    };
    Ok(Draft {
        name,
        command: Command::Many,
        kind: QueryKind::ListChildren {
            foreign_key: key.name.clone(),
            after,
        },
        purpose,
        sql,
        result_columns: result_columns(table, &all),
    })
}

/// The parent row a child row points at, found by the child's primary key; `None` when the
/// child table has no primary key or the parent table is unknown.
fn parent(context: &TableContext<'_>, key: &ForeignKey) -> Option<Draft> {
    let table = context.table;
    let child_key = context.key_columns();
    let parent_table = context.schema.table(&key.referenced_table)?;
    if child_key.is_empty() {
        return None;
    }
    let parent_columns: Vec<&Column> = parent_table.columns.iter().collect();
    let parent_alias = "parent";
    let child_alias = "child";
    let mut sql = SqlBuilder::default();
    let join: Vec<String> = key
        .columns
        .iter()
        .zip(&key.referenced_columns)
        .map(|(column, referenced)| {
            format!(
                "{} = {}",
                context.column_ref(Some(child_alias), column),
                context.column_ref(Some(parent_alias), referenced)
            )
        })
        .collect();
    sql.text(&format!(
        "SELECT {}\nFROM {} AS {}\nJOIN {} AS {} ON {}\nWHERE ",
        context.select_list(Some(parent_alias), &parent_columns),
        context.quote(&parent_table.name),
        context.quote(parent_alias),
        context.quote(&table.name),
        context.quote(child_alias),
        join.join(" AND ")
    ));
    let one = snake_case(&context.names.one);
    context.match_columns(
        &mut sql,
        Some(child_alias),
        table,
        &child_key,
        &|column| format!("{one}_{}", column.name),
        &|column| format!("the {} of the {} row", column.name, table.name),
    );
    let role = role_name(table, &key.columns, &key.referenced_table);
    let column_words = words(&key.columns.iter().map(String::as_str).collect::<Vec<_>>());
    let nullable = columns_named(table, &key.columns)
        .iter()
        .any(|column| column.nullable);
    let null_note = if nullable {
        format!("; no row when {column_words} is NULL")
    } else {
        String::new()
    };
    Some(Draft {
        name: format!("Get{role}Of{}", context.names.one),
        command: Command::One,
        kind: QueryKind::GetParent {
            foreign_key: key.name.clone(),
        },
        purpose: format!(
            "Reads the row of {} that the row of {} with this {} points at through {column_words} (foreign key {}){null_note}.",
            parent_table.name,
            table.name,
            context.key_words(),
            key.name
        ),
        sql,
        result_columns: result_columns(parent_table, &parent_columns),
    })
}

/// The rows of one side of a many-to-many junction linked to a row of the other side, a page
/// at a time, with the junction's own columns. `None` when the listed side has no primary key.
fn through(
    context: &TableContext<'_>,
    from: JunctionSide,
    from_key: &ForeignKey,
    to_key: &ForeignKey,
    after: bool,
) -> Result<Option<Draft>, BuildError> {
    let junction = context.table;
    let Some(target) = context.schema.table(&to_key.referenced_table) else {
        return Ok(None);
    };
    let order = key_columns(target);
    let Some(target_names) = context.names_of(&target.name) else {
        return Ok(None);
    };
    if order.is_empty() {
        return Ok(None);
    }
    let target_columns: Vec<&Column> = target.columns.iter().collect();
    let mut results = result_columns(target, &target_columns);
    let mut taken: Vec<String> = results.iter().map(|column| column.name.clone()).collect();
    let mut select = vec![context.select_list(Some(&target.name), &target_columns)];
    for column in &junction.columns {
        if from_key.columns.contains(&column.name) || to_key.columns.contains(&column.name) {
            continue;
        }
        let mut item = context.column_ref(Some(&junction.name), &column.name);
        if taken.contains(&column.name) {
            let alias = unique_name(format!("{}_{}", junction.name, column.name), &mut taken);
            item = format!("{item} AS {}", context.quote(&alias));
            results.push(ResultColumn {
                name: alias,
                table: Some(junction.name.clone()),
                column: Some(column.name.clone()),
                column_type: column.column_type.clone(),
                nullable: column.nullable,
            });
        } else {
            taken.push(column.name.clone());
            results.extend(result_columns(junction, &[column]));
        }
        select.push(item);
    }
    let join: Vec<String> = to_key
        .columns
        .iter()
        .zip(&to_key.referenced_columns)
        .map(|(column, referenced)| {
            format!(
                "{} = {}",
                context.column_ref(Some(&junction.name), column),
                context.column_ref(Some(&target.name), referenced)
            )
        })
        .collect();
    let mut sql = SqlBuilder::default();
    sql.text(&format!(
        "SELECT {}\nFROM {}\nJOIN {} ON {}\nWHERE ",
        select.join(", "),
        context.quote(&target.name),
        context.quote(&junction.name),
        join.join(" AND ")
    ));
    let from_columns = columns_named(junction, &from_key.columns);
    context.match_columns(
        &mut sql,
        Some(&junction.name),
        junction,
        &from_columns,
        &|column| column.name.clone(),
        &|column| {
            let referenced = from_key
                .columns
                .iter()
                .position(|name| name == &column.name)
                .and_then(|position| from_key.referenced_columns.get(position))
                .cloned()
                .unwrap_or_default();
            format!("the {referenced} of the {} row", from_key.referenced_table)
        },
    );
    if after {
        sql.text(" AND ");
        context.keyset_after(&mut sql, Some(&target.name), target, &order)?;
    }
    context.order_and_limit(&mut sql, Some(&target.name), &order)?;
    let role = role_name(junction, &from_key.columns, &from_key.referenced_table);
    let base = format!("List{}Of{role}", target_names.all);
    let order_words = words(
        &order
            .iter()
            .map(|column| column.name.as_str())
            .collect::<Vec<_>>(),
    );
    let extras: Vec<&str> = results[target_columns.len()..]
        .iter()
        .map(|column| column.name.as_str())
        .collect();
    let with_extras = if extras.is_empty() {
        String::new()
    } else {
        format!(" (with {} from {})", words(&extras), junction.name)
    };
    let (name, purpose) = if after {
        (
            format!("{base}After"),
            format!(
                "Lists the page of the rows of {} linked to one row of {} through {}{with_extras} that follows the row with the given {order_words}, in {order_words} order.",
                target.name, from_key.referenced_table, junction.name
            ),
        )
    } else {
        (
            base.clone(),
            format!(
                "Lists the first page of the rows of {} linked to one row of {} through {}{with_extras}, in {order_words} order; {base}After gives the next pages.",
                target.name, from_key.referenced_table, junction.name
            ),
        )
    };
    Ok(Some(Draft {
        name,
        command: Command::Many,
        kind: QueryKind::ListThrough { from, after },
        purpose,
        sql,
        result_columns: results,
    }))
}
