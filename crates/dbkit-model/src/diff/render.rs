//! The list of changes as text for people (`dbkit diff`) and as JSON for programs
//! (`dbkit diff --format json`).

use crate::default_value::DefaultValue;
use crate::options::TableOptions;
use crate::schema::{Column, ForeignKey, Index, ReferentialAction};

use super::change::{Change, ColumnChange, TableChange};

/// One line per change: `+` for what comes, `-` for what goes, `~` for what changes. An empty
/// list reads `No differences.`
pub fn render_text(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "No differences.\n".to_string();
    }
    let mut out = String::new();
    for change in changes {
        out.push_str(&line(change));
        out.push('\n');
    }
    out
}

/// The changes as a JSON array, one object per change with its kind under `"change"`.
pub fn render_json(changes: &[Change]) -> String {
    match serde_json::to_string_pretty(changes) {
        Ok(text) => text + "\n",
        // Every part of a change is plain data that serializes; keep the output valid anyway.
        Err(error) => format!(
            "{{\"error\": {}}}\n",
            serde_json::Value::String(error.to_string())
        ),
    }
}

fn line(change: &Change) -> String {
    match change {
        Change::CreateTable { table } => format!(
            "+ table {} ({} column{})",
            table.name,
            table.columns.len(),
            if table.columns.len() == 1 { "" } else { "s" }
        ),
        Change::DropTable { table } => format!("- table {}", table.name),
        Change::RenameTable { from, to } => format!("~ table {from} renamed to {to}"),
        Change::AlterTable { table, changes } => {
            let parts: Vec<String> = changes.iter().map(table_change).collect();
            format!("~ table {table}: {}", parts.join("; "))
        }
        Change::AddColumn { table, column, .. } => format!(
            "+ column {table}.{} {}",
            column.name,
            column_summary(column)
        ),
        Change::DropColumn { table, column } => format!(
            "- column {table}.{} {}",
            column.name,
            column_summary(column)
        ),
        Change::RenameColumn { table, from, to } => {
            format!("~ column {table}.{from} renamed to {to}")
        }
        Change::AlterColumn {
            table,
            column,
            changes,
            ..
        } => {
            let parts: Vec<String> = changes.iter().map(column_change).collect();
            format!("~ column {table}.{column}: {}", parts.join("; "))
        }
        Change::ReorderColumns { table, from, to } => format!(
            "~ table {table}: columns reordered from ({}) to ({})",
            from.join(", "),
            to.join(", ")
        ),
        Change::AddPrimaryKey { table, key } => format!(
            "+ primary key {table}.{} ({})",
            key.name,
            key.columns.join(", ")
        ),
        Change::DropPrimaryKey { table, key } => format!(
            "- primary key {table}.{} ({})",
            key.name,
            key.columns.join(", ")
        ),
        Change::AddUnique { table, constraint } => {
            format!(
                "+ unique {table}.{} ({})",
                constraint.name,
                constraint.columns.join(", ")
            )
        }
        Change::DropUnique { table, constraint } => {
            format!(
                "- unique {table}.{} ({})",
                constraint.name,
                constraint.columns.join(", ")
            )
        }
        Change::AddCheck { table, check } => {
            format!("+ check {table}.{}: {}", check.name, check.expression)
        }
        Change::DropCheck { table, check } => {
            format!("- check {table}.{}: {}", check.name, check.expression)
        }
        Change::AddIndex { table, index } => format!("+ {}", index_summary(table, index)),
        Change::DropIndex { table, index } => format!("- {}", index_summary(table, index)),
        Change::AddForeignKey { table, key } => format!("+ {}", foreign_key_summary(table, key)),
        Change::DropForeignKey { table, key } => format!("- {}", foreign_key_summary(table, key)),
    }
}

fn column_summary(column: &Column) -> String {
    let mut summary = column.column_type.to_string();
    if column.nullable {
        summary.push('?');
    }
    if let Some(default) = &column.default {
        summary.push_str(&format!(" default {}", default_text(Some(default))));
    }
    if column.auto_increment {
        summary.push_str(" auto-increment");
    }
    summary
}

fn column_change(change: &ColumnChange) -> String {
    match change {
        ColumnChange::Type { from, to } => format!("type {from} -> {to}"),
        ColumnChange::EnumValues { added, removed, .. } => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("values added: {}", added.join(", ")));
            }
            if !removed.is_empty() {
                parts.push(format!("values removed: {}", removed.join(", ")));
            }
            if parts.is_empty() {
                parts.push("values reordered".to_string());
            }
            format!("enum {}", parts.join(", "))
        }
        ColumnChange::Nullable { to: true, .. } => "NULL allowed".to_string(),
        ColumnChange::Nullable { to: false, .. } => "NOT NULL".to_string(),
        ColumnChange::Default { from, to } => {
            format!(
                "default {} -> {}",
                default_text(from.as_ref()),
                default_text(to.as_ref())
            )
        }
        ColumnChange::AutoIncrement { to: true, .. } => "auto-increment added".to_string(),
        ColumnChange::AutoIncrement { to: false, .. } => "auto-increment removed".to_string(),
        ColumnChange::Comment { from, to } => format!("comment {} -> {}", quoted(from), quoted(to)),
        ColumnChange::Collation { from, to } => {
            format!("collation {} -> {}", quoted(from), quoted(to))
        }
    }
}

fn table_change(change: &TableChange) -> String {
    match change {
        TableChange::Comment { from, to } => format!("comment {} -> {}", quoted(from), quoted(to)),
        TableChange::Options { from, to } => {
            format!("options {} -> {}", options_text(from), options_text(to))
        }
    }
}

fn options_text(options: &TableOptions) -> String {
    let parts: Vec<String> = [
        ("engine", &options.engine),
        ("charset", &options.charset),
        ("collation", &options.collation),
    ]
    .iter()
    .filter_map(|(name, value)| value.as_ref().map(|value| format!("{name}={value}")))
    .collect();
    if parts.is_empty() {
        "(defaults)".to_string()
    } else {
        parts.join(" ")
    }
}

fn default_text(value: Option<&DefaultValue>) -> String {
    match value {
        None => "none".to_string(),
        Some(DefaultValue::Integer(number)) => number.to_string(),
        Some(DefaultValue::Number(text)) => text.clone(),
        Some(DefaultValue::String(text)) => format!("'{}'", text.replace('\'', "''")),
        Some(DefaultValue::Boolean(flag)) => flag.to_string(),
        Some(
            DefaultValue::CurrentTimestamp | DefaultValue::CurrentDate | DefaultValue::CurrentTime,
        ) => "now".to_string(),
    }
}

fn quoted(text: &Option<String>) -> String {
    match text {
        Some(text) => format!("\"{text}\""),
        None => "none".to_string(),
    }
}

fn index_summary(table: &str, index: &Index) -> String {
    let kind = if index.options.fulltext {
        "full-text index"
    } else if index.unique {
        "unique index"
    } else {
        "index"
    };
    let mut summary = format!(
        "{kind} {table}.{} ({})",
        index.name,
        index.columns.join(", ")
    );
    if let Some(predicate) = &index.options.predicate {
        summary.push_str(&format!(" where {predicate}"));
    }
    summary
}

fn foreign_key_summary(table: &str, key: &ForeignKey) -> String {
    let mut summary = format!(
        "foreign key {table}.{} ({}) -> {} ({})",
        key.name,
        key.columns.join(", "),
        key.referenced_table,
        key.referenced_columns.join(", ")
    );
    if key.on_delete != ReferentialAction::NoAction {
        summary.push_str(&format!(" on delete {}", key.on_delete.keyword()));
    }
    if key.on_update != ReferentialAction::NoAction {
        summary.push_str(&format!(" on update {}", key.on_update.keyword()));
    }
    summary
}
