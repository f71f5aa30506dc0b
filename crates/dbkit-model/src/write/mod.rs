//! Writes a [`Schema`] back as `schema.toml`, the way a person would write it (`dbkit pull`).
//!
//! Shorthands are used wherever they read back to the same model: `columns.id = "id"`,
//! `"varchar(20)?"`, `{ references = "members" }` when the key follows the naming convention,
//! `unique = true` for a single-column unique constraint. Names that differ from the convention
//! are written out (`foreign_key_name`, `unique_name`, `primary_key_name`), so every name is
//! kept exactly. Junction tables that a `many_to_many` relationship would produce are written as
//! that relationship; any other table is written as it is.
//!
//! Reading the text back gives the same schema: `parse_schema(&write_schema_toml(&s)) == s`.

mod column;
mod settings;
mod table;
mod toml_text;

use crate::schema::{Schema, TableKind};

use toml_text::{string, string_list};

/// The `schema.toml` text of `schema`.
pub fn write_schema_toml(schema: &Schema) -> String {
    write_schema_toml_with_notes(schema, &[])
}

/// The `schema.toml` text of `schema`, starting with `notes` as comment lines (such as the
/// warnings of a pull: what the database has that the file does not).
pub fn write_schema_toml_with_notes(schema: &Schema, notes: &[String]) -> String {
    let mut sections: Vec<String> = Vec::new();
    if !notes.is_empty() {
        let mut lines = Vec::new();
        for note in notes {
            for line in note.lines() {
                lines.push(format!("# {line}").trim_end().to_string());
            }
        }
        sections.push(lines.join("\n"));
    }
    sections.push(project_section(schema));
    let (junctions, plain): (Vec<_>, Vec<_>) = schema
        .tables
        .iter()
        .partition(|table| matches!(table.kind, TableKind::Junction { .. }));
    for table in plain.into_iter().chain(junctions) {
        sections.push(table::write_table(schema, table));
    }
    sections.extend(settings::lint_section(&schema.lint));
    sections.extend(settings::seed_sections(&schema.seed));
    let mut text = sections.join("\n\n");
    text.push('\n');
    text
}

fn project_section(schema: &Schema) -> String {
    let project = &schema.project;
    let mut lines = vec![
        "[project]".to_string(),
        format!("name = {}", string(&project.name)),
    ];
    if !project.dialects.is_empty() {
        lines.push(format!("dialects = {}", string_list(&project.dialects)));
    }
    if !project.plugins.is_empty() {
        lines.push(format!("plugins = {}", string_list(&project.plugins)));
    }
    if !project.auto_index_foreign_keys {
        lines.push("auto_index_foreign_keys = false".to_string());
    }
    lines.join("\n")
}
