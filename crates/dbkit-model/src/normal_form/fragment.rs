//! Proposed decompositions, and writing tables back as `schema.toml` text.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

use crate::column_type::ColumnType;
use crate::default_value::DefaultValue;
use crate::functional_dependency::FunctionalDependency;
use crate::naming;
use crate::schema::{IndexOrigin, ReferentialAction, Table};

/// How a proposed table relates to the schema.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposedTableKind {
    /// The analysed table, with the columns it keeps.
    Original,
    /// A new table.
    New,
    /// Columns that belong in a table that already exists (the determinant references it).
    Existing,
}

/// One table of a proposed decomposition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposedTable {
    /// How the table relates to the schema.
    pub kind: ProposedTableKind,
    /// The table as it would be declared (for [`ProposedTableKind::Existing`], only the
    /// columns that move, under the existing table's name).
    pub table: Table,
}

/// A proposed decomposition of one table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decomposition {
    /// The tables that replace the analysed one.
    pub tables: Vec<ProposedTable>,
    /// Dependencies that no single proposed table can check any more (empty for 3NF
    /// synthesis); the application, or a trigger, must then keep them.
    pub lost_dependencies: Vec<FunctionalDependency>,
    /// The proposal as `schema.toml` text, ready to replace the analysed table.
    pub fragment: String,
}

/// Writes `table` as a `[tables.<name>]` section of `schema.toml`, using the column and key
/// shorthands where they say the same thing. `tables` are consulted for the primary keys of
/// referenced tables (to leave out `referenced_column` when it is the referenced primary key).
pub fn render_table_toml(table: &Table, tables: &[Table]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "[tables.{}]", key(&table.name));
    if let Some(comment) = &table.comment {
        let _ = writeln!(out, "comment = {}", string(comment));
    }
    let inline_key = match &table.primary_key {
        Some(primary) if primary.columns.len() == 1 => Some(primary.columns[0].as_str()),
        _ => None,
    };
    let mut inlined_unique: Vec<&str> = Vec::new();
    let mut inlined_foreign: Vec<&str> = Vec::new();
    for column in &table.columns {
        let mut fields: Vec<String> = Vec::new();
        let is_key = inline_key == Some(column.name.as_str());
        if is_key && column.auto_increment && column.column_type == ColumnType::BigInt {
            let _ = writeln!(out, "columns.{} = \"id\"", key(&column.name));
            continue;
        }
        let foreign_key = table
            .foreign_keys
            .iter()
            .find(|foreign| foreign.columns == [column.name.clone()]);
        match foreign_key {
            Some(foreign) => {
                inlined_foreign.push(&foreign.name);
                fields.push(format!(
                    "references = {}",
                    string(&foreign.referenced_table)
                ));
                let target_key = tables
                    .iter()
                    .find(|other| other.name == foreign.referenced_table)
                    .and_then(|other| other.primary_key.as_ref())
                    .map(|primary| primary.columns.clone());
                if target_key.as_deref() != Some(foreign.referenced_columns.as_slice()) {
                    fields.push(format!(
                        "referenced_column = {}",
                        string(&foreign.referenced_columns[0])
                    ));
                }
                if foreign.name != naming::foreign_key_name(&table.name, &foreign.columns) {
                    fields.push(format!("foreign_key_name = {}", string(&foreign.name)));
                }
                for (word, action) in [
                    ("on_delete", foreign.on_delete),
                    ("on_update", foreign.on_update),
                ] {
                    if action != ReferentialAction::NoAction {
                        fields.push(format!("{word} = {}", string(action.keyword())));
                    }
                }
            }
            None => fields.push(format!(
                "type = {}",
                string(&column.column_type.to_string())
            )),
        }
        if column.nullable {
            fields.push("nullable = true".to_string());
        }
        if let Some(default) = &column.default {
            fields.push(format!("default = {}", default_value(default)));
        }
        if is_key {
            fields.push("primary_key = true".to_string());
        }
        let single = [column.name.clone()];
        if let Some(unique) = table
            .unique_constraints
            .iter()
            .find(|unique| unique.columns == single)
        {
            inlined_unique.push(&unique.name);
            fields.push("unique = true".to_string());
            if unique.name != naming::unique_name(&table.name, &single) {
                fields.push(format!("unique_name = {}", string(&unique.name)));
            }
        }
        if let Some(comment) = &column.comment {
            fields.push(format!("comment = {}", string(comment)));
        }
        let simple =
            fields.len() == 1 || (fields.len() == 2 && column.nullable && foreign_key.is_none());
        if simple && foreign_key.is_none() {
            let marker = if column.nullable { "?" } else { "" };
            let _ = writeln!(
                out,
                "columns.{} = \"{}{marker}\"",
                key(&column.name),
                column.column_type
            );
        } else {
            let _ = writeln!(
                out,
                "columns.{} = {{ {} }}",
                key(&column.name),
                fields.join(", ")
            );
        }
    }
    match &table.primary_key {
        Some(primary) => {
            if inline_key.is_none() {
                let _ = writeln!(out, "primary_key = {}", list(&primary.columns));
            }
            if primary.name != naming::primary_key_name(&table.name) {
                let _ = writeln!(out, "primary_key_name = {}", string(&primary.name));
            }
        }
        None => {
            let _ = writeln!(out, "no_primary_key = true");
        }
    }
    for unique in &table.unique_constraints {
        if !inlined_unique.contains(&unique.name.as_str()) {
            let _ = writeln!(
                out,
                "unique.{} = {}",
                key(&unique.name),
                list(&unique.columns)
            );
        }
    }
    for check in &table.checks {
        let _ = writeln!(
            out,
            "checks.{} = {}",
            key(&check.name),
            string(&check.expression)
        );
    }
    for index in table
        .indexes
        .iter()
        .filter(|index| index.origin == IndexOrigin::User)
    {
        if index.unique {
            let _ = writeln!(
                out,
                "indexes.{} = {{ columns = {}, unique = true }}",
                key(&index.name),
                list(&index.columns)
            );
        } else {
            let _ = writeln!(
                out,
                "indexes.{} = {}",
                key(&index.name),
                list(&index.columns)
            );
        }
    }
    for foreign in &table.foreign_keys {
        if inlined_foreign.contains(&foreign.name.as_str()) {
            continue;
        }
        let mut fields = vec![
            format!("columns = {}", list(&foreign.columns)),
            format!("references = {}", string(&foreign.referenced_table)),
            format!("referenced_columns = {}", list(&foreign.referenced_columns)),
        ];
        for (word, action) in [
            ("on_delete", foreign.on_delete),
            ("on_update", foreign.on_update),
        ] {
            if action != ReferentialAction::NoAction {
                fields.push(format!("{word} = {}", string(action.keyword())));
            }
        }
        let _ = writeln!(
            out,
            "foreign_keys.{} = {{ {} }}",
            key(&foreign.name),
            fields.join(", ")
        );
    }
    if !table.functional_dependencies.is_empty() {
        let texts: Vec<String> = table
            .functional_dependencies
            .iter()
            .map(ToString::to_string)
            .collect();
        let _ = writeln!(out, "functional_dependencies = {}", list(&texts));
    }
    out
}

/// A TOML key: bare when it can be, quoted otherwise.
fn key(name: &str) -> String {
    let bare = !name.is_empty()
        && name.chars().all(|character| {
            character.is_ascii_alphanumeric() || character == '_' || character == '-'
        });
    if bare { name.to_string() } else { string(name) }
}

/// A TOML basic string.
pub(crate) fn string(text: &str) -> String {
    let mut out = String::from("\"");
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            control if control.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(control));
            }
            other => out.push(other),
        }
    }
    out.push('"');
    out
}

/// A TOML list of strings.
fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items
            .iter()
            .map(|item| string(item))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// A column default as `schema.toml` writes it.
fn default_value(default: &DefaultValue) -> String {
    match default {
        DefaultValue::Integer(number) => number.to_string(),
        DefaultValue::Number(text) => text.clone(),
        DefaultValue::String(text) => string(text),
        DefaultValue::Boolean(flag) => flag.to_string(),
        DefaultValue::CurrentTimestamp | DefaultValue::CurrentDate | DefaultValue::CurrentTime => {
            "\"now\"".to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{ParseOptions, parse_schema};

    /// Every table of a schema, written back and read again, means the same.
    #[test]
    fn written_tables_read_back_to_the_same_model() {
        let source = r#"
[tables.publishers]
columns.id = "id"
columns.name = { type = "varchar(255)", unique = true, comment = "Trade \"name\"" }

[tables.books]
comment = "Books"
columns.id = "id"
columns.isbn = { type = "varchar(20)", unique = true, unique_name = "isbn_once", nullable = true }
columns.title = "varchar(255)"
columns.price = { type = "decimal(8,2)", default = 0.50 }
columns.state = { type = "enum(new, used)", default = "new" }
columns.added_at = { type = "timestamp", default = "now" }
columns.publisher_id = { references = "publishers", on_delete = "set null", nullable = true }
checks.positive = "price >= 0"
indexes.by_title = ["title"]
indexes.by_state = { columns = ["state", "title"], unique = true }

[tables.editions]
columns.book_id = { references = "books" }
columns.number = "smallint"
columns.publisher_name = "varchar(255)"
primary_key = ["book_id", "number"]
unique.name_per_book = ["book_id", "publisher_name"]
foreign_keys.fk_publisher = { columns = ["publisher_name"], references = "publishers", referenced_columns = ["name"] }
functional_dependencies = ["publisher_name -> number"]
"#;
        let schema =
            parse_schema(source, "schema.toml", &ParseOptions::default()).expect("valid schema");
        let written: String = schema
            .tables
            .iter()
            .map(|table| render_table_toml(table, &schema.tables))
            .collect::<Vec<_>>()
            .join("\n");
        let again = match parse_schema(&written, "written.toml", &ParseOptions::default()) {
            Ok(again) => again,
            Err(diagnostics) => panic!("{diagnostics}\n{written}"),
        };
        assert_eq!(again.tables, schema.tables, "{written}");
    }
}
