//! Recognises the CHECK constraints that enforce a column's logical type (an enum's values, a
//! boolean's 0 and 1, valid JSON), gives the column its logical type back and drops the check,
//! which the dialect adds again when it renders the type.
//!
//! dbkit names such checks `ck_<table>_<column>` (MariaDB names the one it adds for `JSON`
//! after the column). A check with another name, or over a column whose native type does not
//! match, is kept as the check it is.

use dbkit_model::canonical::{Literal, function_of_column, in_list};
use dbkit_model::{ColumnType, naming};

use super::assemble::TableFacts;

/// Which type checks a dialect writes, and so which ones a pull recognises.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TypeChecks {
    /// `column IN ('a', 'b')` over a `varchar(n)` or `text` column makes it `enum(a, b)`.
    pub(crate) enum_values: bool,
    /// `column IN (0, 1)` over a boolean column is the boolean's own rule.
    pub(crate) boolean: bool,
    /// `json_valid(column)` over a text column makes it `json`.
    pub(crate) json: bool,
    /// The name MariaDB gives a column-level check (the column's own name) counts too.
    pub(crate) column_named: bool,
}

/// Applies `rules` to every check of `table`.
pub(crate) fn absorb_type_checks(table: &mut TableFacts, rules: TypeChecks) {
    let checks = std::mem::take(&mut table.checks);
    for check in checks {
        if !absorb(table, &check.name, &check.expression, rules) {
            table.checks.push(check);
        }
    }
}

/// Whether the check was recognised as a type check and folded into its column.
fn absorb(table: &mut TableFacts, name: &str, expression: &str, rules: TypeChecks) -> bool {
    let table_name = table.name.clone();
    let named_for = |column: &str| {
        name == naming::type_check_name(&table_name, column)
            || (rules.column_named && name == column)
    };
    if let Some((column_name, values)) = in_list(expression) {
        let Some(column_name) = actual_name(table, &column_name) else {
            return false;
        };
        if !named_for(&column_name) {
            return false;
        }
        let Some(column) = table.column_mut(&column_name) else {
            return false;
        };
        if rules.boolean
            && column.column_type == ColumnType::Boolean
            && values == [Literal::Number("0".into()), Literal::Number("1".into())]
        {
            return true;
        }
        if rules.enum_values {
            let strings: Option<Vec<String>> = values
                .into_iter()
                .map(|value| match value {
                    Literal::String(text) => Some(text),
                    Literal::Number(_) => None,
                })
                .collect();
            let Some(strings) = strings else {
                return false;
            };
            let candidate = ColumnType::Enum { values: strings };
            let fits = match &column.column_type {
                ColumnType::Varchar { length } => candidate.max_length() == Some(*length),
                ColumnType::Text => true,
                _ => false,
            };
            if fits && valid_enum(&candidate) {
                column.column_type = candidate;
                return true;
            }
        }
        return false;
    }
    if rules.json
        && let Some((function, column_name)) = function_of_column(expression)
        && function == "json_valid"
        && let Some(column_name) = actual_name(table, &column_name)
        && named_for(&column_name)
        && let Some(column) = table.column_mut(&column_name)
        && matches!(column.column_type, ColumnType::Text | ColumnType::LongText)
    {
        column.column_type = ColumnType::Json;
        return true;
    }
    false
}

/// The column's name as the table spells it (the canonical form lowers identifiers).
fn actual_name(table: &TableFacts, lowered: &str) -> Option<String> {
    table
        .columns
        .iter()
        .find(|column| column.name.to_lowercase() == lowered)
        .map(|column| column.name.clone())
}

/// Whether `schema.toml` accepts these enum values (no empty value, no duplicates ignoring case).
fn valid_enum(column_type: &ColumnType) -> bool {
    let ColumnType::Enum { values } = column_type else {
        return false;
    };
    let text = values
        .iter()
        .map(|value| format!("'{}'", value.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(", ");
    dbkit_model::parse_type(&format!("enum({text})"))
        == Ok(dbkit_model::TypeSpec::Type(column_type.clone()))
}
