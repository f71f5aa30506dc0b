//! The native-type escape hatch (`native = { postgres = "citext" }`), resolved the same way by
//! every dialect.

use std::collections::BTreeMap;

use dbkit_model::{Column, ColumnType, Table};

use crate::dialect::Dialect;
use crate::error::DialectError;

/// The type a dialect named `name` writes for a `native` column: its own spelling when the
/// schema gives one, else the dialect's type for the `type` fallback, else an error that says
/// how to add the spelling.
pub fn native_column_type(
    dialect: &(impl Dialect + ?Sized),
    name: &str,
    table: &Table,
    column: &Column,
    base: Option<&ColumnType>,
    types: &BTreeMap<String, String>,
) -> Result<String, DialectError> {
    match (types.get(name), base) {
        (Some(native), _) => Ok(native.clone()),
        (None, Some(base)) => {
            let mut stand_in = column.clone();
            stand_in.column_type = base.clone();
            dialect.column_type(table, &stand_in)
        }
        (None, None) => Err(DialectError::unsupported(
            name,
            table,
            column,
            &format!("the type {}", column.column_type),
        )
        .with_help(&format!(
            "add the {name} spelling: native = {{ {name} = \"...\" }}"
        ))),
    }
}
