//! The schema as a Mermaid `erDiagram` (GitHub and most Markdown viewers draw it).

use std::fmt::Write;

use dbkit_model::{Column, ColumnType, Schema, Table};

use super::relationships::{End, relationships};

/// Writes the schema as a Mermaid `erDiagram`: every table with its columns (type, name, PK/FK/UK
/// marks, and "nullable" or the full type in the comment), then one line per foreign key with
/// crow's-foot ends.
pub fn render_mermaid(schema: &Schema) -> String {
    let mut out = String::from("erDiagram\n");
    for table in &schema.tables {
        let _ = writeln!(out, "    {} {{", entity(&table.name));
        for column in &table.columns {
            out.push_str(&attribute(table, column));
        }
        out.push_str("    }\n");
    }
    for relationship in relationships(schema) {
        let left = match relationship.parent_end {
            End::ExactlyOne => "||",
            End::ZeroOrOne | End::ZeroOrMany => "|o",
        };
        let right = match relationship.child_end {
            End::ZeroOrMany => "o{",
            End::ZeroOrOne | End::ExactlyOne => "o|",
        };
        let line = if relationship.identifying { "--" } else { ".." };
        let _ = writeln!(
            out,
            "    {} {left}{line}{right} {} : \"{}\"",
            entity(&relationship.parent.name),
            entity(&relationship.child.name),
            relationship.foreign_key.columns.join(", ")
        );
    }
    out
}

/// A table name as a Mermaid entity: bare when it is a plain word, quoted otherwise.
fn entity(name: &str) -> String {
    let plain = name.starts_with(|character: char| character.is_ascii_alphabetic())
        && name.chars().all(|character| {
            character.is_ascii_alphanumeric() || character == '_' || character == '-'
        });
    if plain {
        name.to_string()
    } else {
        format!("\"{}\"", name.replace('"', "'"))
    }
}

/// One attribute line: `type name KEYS "comment"`.
fn attribute(table: &Table, column: &Column) -> String {
    let full = column.column_type.to_string();
    let short = type_token(&column.column_type);
    let mut keys: Vec<&str> = Vec::new();
    let single = [column.name.clone()];
    if table
        .primary_key
        .as_ref()
        .is_some_and(|key| key.columns.contains(&column.name))
    {
        keys.push("PK");
    }
    if table
        .foreign_keys
        .iter()
        .any(|key| key.columns.contains(&column.name))
    {
        keys.push("FK");
    }
    if table
        .unique_constraints
        .iter()
        .any(|unique| unique.columns == single)
    {
        keys.push("UK");
    }
    let mut notes: Vec<String> = Vec::new();
    if short != full {
        notes.push(full);
    }
    if column.nullable {
        notes.push("nullable".to_string());
    }
    let name = if column
        .name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        column.name.clone()
    } else {
        column
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect()
    };
    let mut line = format!("        {short} {name}");
    if !keys.is_empty() {
        let _ = write!(line, " {}", keys.join(", "));
    }
    if !notes.is_empty() {
        let _ = write!(line, " \"{}\"", notes.join(", ").replace('"', "'"));
    }
    line.push('\n');
    line
}

/// The type as one Mermaid word: letters, digits, `_`, `-` and a single parameter in
/// parentheses (`varchar(255)`); types with several parameters keep only their name.
fn type_token(column_type: &ColumnType) -> String {
    let text = column_type.to_string();
    let fits = text.chars().all(|character| {
        character.is_ascii_alphanumeric() || matches!(character, '_' | '-' | '(' | ')')
    });
    if fits {
        text
    } else {
        text.split(['(', ' ']).next().unwrap_or("value").to_string()
    }
}
