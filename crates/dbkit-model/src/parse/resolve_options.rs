//! Resolves the keys for what real databases hold beyond the portable model: native types,
//! `auto_increment` on any integer column, and index options.

use super::raw::RawColumn;
use super::raw_options::RawIndexOptions;
use super::toml_view::Located;
use crate::check_expression::referenced_columns;
use crate::column_type::ColumnType;
use crate::diagnostic::Diagnostic;
use crate::options::IndexOptions;
use crate::suggest::did_you_mean;

/// The parts of a column being resolved that its extra keys change.
pub(crate) struct ColumnExtras<'a> {
    pub(crate) column_type: &'a mut Option<ColumnType>,
    pub(crate) auto_increment: &'a mut bool,
    pub(crate) nullable: bool,
}

/// Applies `native` and `auto_increment` of `column` (named `what`, as in `books.title`).
pub(crate) fn apply_column_options(
    what: &str,
    column: &RawColumn,
    extras: &mut ColumnExtras<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(native) = &column.native {
        let base = extras.column_type.take();
        if let Some(ColumnType::Native { .. }) = base {
            diagnostics.push(Diagnostic::at(
                native.span.clone(),
                format!("column {what} has a native type twice"),
            ));
        }
        *extras.column_type = Some(ColumnType::Native {
            base: base.map(Box::new),
            types: native.value.clone(),
        });
    }
    let Some(flag) = &column.auto_increment else {
        return;
    };
    if !flag.value {
        return;
    }
    match extras.column_type.as_ref() {
        Some(column_type) if column_type.is_integer() => {}
        Some(column_type) => diagnostics.push(
            Diagnostic::at(
                flag.span.clone(),
                format!(
                    "column {what} is auto_increment but its type {column_type} is not an integer"
                ),
            )
            .with_help("give it an integer type such as int or bigint"),
        ),
        None => diagnostics.push(
            Diagnostic::at(
                flag.span.clone(),
                format!("column {what} is auto_increment but has no type"),
            )
            .with_help("give it an integer type such as int or bigint"),
        ),
    }
    if extras.nullable {
        diagnostics.push(Diagnostic::at(
            flag.span.clone(),
            format!("the auto_increment column {what} cannot be nullable"),
        ));
    }
    *extras.auto_increment = true;
}

/// Checks the options of an index against its columns and turns them into [`IndexOptions`].
pub(crate) fn resolve_index_options(
    table: &str,
    what: &str,
    index_columns: &[Located<String>],
    unique: bool,
    raw: RawIndexOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> IndexOptions {
    let names: Vec<&str> = index_columns
        .iter()
        .map(|column| column.value.as_str())
        .collect();
    let mut not_in_index = |column: &Located<String>, key: &str| {
        if !names.contains(&column.value.as_str()) {
            diagnostics.push(
                Diagnostic::at(
                    column.span.clone(),
                    format!(
                        "{key} of {what} of table \"{table}\" names \"{}\", which is not one of the index's columns",
                        column.value
                    ),
                )
                .with_optional_help(did_you_mean(&column.value, names.iter().copied())),
            );
            true
        } else {
            false
        }
    };
    let mut options = IndexOptions::default();
    for (column, length) in raw.prefix_lengths {
        if !not_in_index(&column, "prefix_lengths") {
            options.prefix_lengths.insert(column.value, length);
        }
    }
    let mut descending = Vec::new();
    for column in &raw.descending {
        if !not_in_index(column, "descending") {
            descending.push(column.value.clone());
        }
    }
    options.descending = names
        .iter()
        .filter(|name| descending.iter().any(|column| column == *name))
        .map(|name| (*name).to_string())
        .collect();
    if let Some(fulltext) = raw.fulltext {
        if fulltext.value && unique {
            diagnostics.push(Diagnostic::at(
                fulltext.span.clone(),
                format!("{what} of table \"{table}\" cannot be both full-text and unique"),
            ));
        }
        options.fulltext = fulltext.value;
    }
    if let Some(predicate) = raw.predicate {
        if let Err(reason) = referenced_columns(&predicate.value) {
            diagnostics.push(
                Diagnostic::at(
                    predicate.span.clone(),
                    format!("the where condition of {what} of table \"{table}\" is not a valid SQL expression: {reason}"),
                )
                .with_help("write a condition over the table's columns, as in \"deleted_at IS NULL\""),
            );
        }
        options.predicate = Some(predicate.value);
    }
    options.method = raw.method;
    options
}
