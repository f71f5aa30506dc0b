//! What every query builder needs about the table it writes queries for.

use dbkit_model::{Column, ColumnType, DefaultValue, Schema, Table};
use dbkit_sdk::{Dialect, DialectError};

use super::model::{Command, Parameter, ParameterRole, Query, QueryKind, ResultColumn};
use super::names::{TableNames, snake_case};
use super::sql::{SqlBuilder, TemplateError, marker};

/// Why a query could not be built.
#[derive(Debug)]
pub(crate) enum BuildError {
    /// The dialect refused to render part of it.
    Dialect(DialectError),
    /// A dialect method lost or repeated a parameter.
    Template {
        /// The dialect method.
        method: &'static str,
        /// What it returned.
        error: TemplateError,
    },
}

impl From<DialectError> for BuildError {
    fn from(error: DialectError) -> Self {
        BuildError::Dialect(error)
    }
}

/// A query before its SQL is finished.
pub(crate) struct Draft {
    pub(crate) name: String,
    pub(crate) command: Command,
    pub(crate) kind: QueryKind,
    pub(crate) purpose: String,
    pub(crate) sql: SqlBuilder,
    pub(crate) result_columns: Vec<ResultColumn>,
}

/// The schema, the dialect and one table.
pub(crate) struct TableContext<'a> {
    pub(crate) schema: &'a Schema,
    pub(crate) dialect: &'a dyn Dialect,
    pub(crate) table: &'a Table,
    pub(crate) names: &'a TableNames,
    pub(crate) all_names: &'a [TableNames],
}

impl TableContext<'_> {
    /// Finishes a draft into a query of this table.
    pub(crate) fn finish(&self, draft: Draft) -> Query {
        let (parts, parameters, sql) = draft.sql.finish(self.dialect);
        Query {
            function_name: snake_case(&draft.name),
            name: draft.name,
            command: draft.command,
            kind: draft.kind,
            table: self.table.name.clone(),
            purpose: draft.purpose,
            parameters,
            result_columns: draft.result_columns,
            parts,
            sql,
        }
    }

    /// A quoted identifier.
    pub(crate) fn quote(&self, name: &str) -> String {
        self.dialect.quote_identifier(name)
    }

    /// A quoted column, qualified by a quoted table or alias when one is given.
    pub(crate) fn column_ref(&self, qualifier: Option<&str>, column: &str) -> String {
        match qualifier {
            Some(qualifier) => format!("{}.{}", self.quote(qualifier), self.quote(column)),
            None => self.quote(column),
        }
    }

    /// A comma-separated list of columns.
    pub(crate) fn select_list(&self, qualifier: Option<&str>, columns: &[&Column]) -> String {
        columns
            .iter()
            .map(|column| self.column_ref(qualifier, &column.name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The names of the queries of another table.
    pub(crate) fn names_of(&self, table: &str) -> Option<&TableNames> {
        let position = self
            .schema
            .tables
            .iter()
            .position(|candidate| candidate.name == table)?;
        self.all_names.get(position)
    }

    /// The primary key's columns, in key order (empty without a primary key).
    pub(crate) fn key_columns(&self) -> Vec<&Column> {
        key_columns(self.table)
    }

    /// `a`, `a and b`, `a, b and c`: the key's column names for sentences.
    pub(crate) fn key_words(&self) -> String {
        words(
            &self
                .key_columns()
                .iter()
                .map(|column| column.name.as_str())
                .collect::<Vec<_>>(),
        )
    }

    /// Appends `a = ? AND b = ?` for `columns` of `table`, with [`ParameterRole::Match`]
    /// parameters named by `name`.
    pub(crate) fn match_columns(
        &self,
        sql: &mut SqlBuilder,
        qualifier: Option<&str>,
        table: &Table,
        columns: &[&Column],
        name: &dyn Fn(&Column) -> String,
        description: &dyn Fn(&Column) -> String,
    ) {
        for (position, column) in columns.iter().enumerate() {
            if position > 0 {
                sql.text(" AND ");
            }
            sql.text(&format!("{} = ", self.column_ref(qualifier, &column.name)));
            sql.parameter(column_parameter(
                table,
                column,
                ParameterRole::Match,
                name(column),
                description(column),
            ));
        }
    }

    /// Appends the keyset condition `key > cursor` for `columns` of `table`.
    pub(crate) fn keyset_after(
        &self,
        sql: &mut SqlBuilder,
        qualifier: Option<&str>,
        table: &Table,
        columns: &[&Column],
    ) -> Result<(), BuildError> {
        let quoted: Vec<String> = columns
            .iter()
            .map(|column| self.column_ref(qualifier, &column.name))
            .collect();
        let markers: Vec<String> = (0..columns.len()).map(marker).collect();
        let parameters = columns
            .iter()
            .map(|column| {
                column_parameter(
                    table,
                    column,
                    ParameterRole::After,
                    format!("after_{}", snake_case(&column.name)),
                    format!("the {} of the last row of the previous page", column.name),
                )
            })
            .collect();
        let output = self.dialect.keyset_after(&quoted, &markers);
        sql.template(&output, parameters)
            .map_err(|error| BuildError::Template {
                method: "keyset_after",
                error,
            })
    }

    /// Appends ` ORDER BY key` and the limit clause, on new lines.
    pub(crate) fn order_and_limit(
        &self,
        sql: &mut SqlBuilder,
        qualifier: Option<&str>,
        order: &[&Column],
    ) -> Result<(), BuildError> {
        if !order.is_empty() {
            sql.text(&format!(
                "\nORDER BY {}",
                self.select_list(qualifier, order)
            ));
        }
        sql.text("\n");
        let output = self.dialect.limit_clause(&marker(0));
        sql.template(&output, vec![limit_parameter()])
            .map_err(|error| BuildError::Template {
                method: "limit_clause",
                error,
            })
    }
}

/// The primary key's columns of `table`, in key order (empty without a primary key).
pub(crate) fn key_columns(table: &Table) -> Vec<&Column> {
    table
        .primary_key
        .iter()
        .flat_map(|key| key.columns.iter())
        .filter_map(|name| table.column(name))
        .collect()
}

/// The columns `names` of `table`, in the order given (unknown names are left out).
pub(crate) fn columns_named<'t>(table: &'t Table, names: &[String]) -> Vec<&'t Column> {
    names.iter().filter_map(|name| table.column(name)).collect()
}

/// Every column of `table` as result columns.
pub(crate) fn result_columns(table: &Table, columns: &[&Column]) -> Vec<ResultColumn> {
    columns
        .iter()
        .map(|column| ResultColumn {
            name: column.name.clone(),
            table: Some(table.name.clone()),
            column: Some(column.name.clone()),
            column_type: column.column_type.clone(),
            nullable: column.nullable,
        })
        .collect()
}

/// A parameter tied to a column.
pub(crate) fn column_parameter(
    table: &Table,
    column: &Column,
    role: ParameterRole,
    name: String,
    description: String,
) -> Parameter {
    Parameter {
        name: snake_case(&name),
        role,
        table: Some(table.name.clone()),
        column: Some(column.name.clone()),
        column_type: column.column_type.clone(),
        nullable: match role {
            ParameterRole::Value => column.nullable,
            ParameterRole::ValueOrDefault => true,
            ParameterRole::Match | ParameterRole::After | ParameterRole::Limit => false,
        },
        description,
    }
}

/// The page-size parameter.
pub(crate) fn limit_parameter() -> Parameter {
    Parameter {
        name: "limit".to_string(),
        role: ParameterRole::Limit,
        table: None,
        column: None,
        column_type: ColumnType::BigInt,
        nullable: false,
        description: "the most rows to return (the page size)".to_string(),
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn words(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [only] => (*only).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A default value in words, the same for every dialect: `'good'`, `0`, `the current date`.
pub(crate) fn describe_default(value: &DefaultValue) -> String {
    match value {
        DefaultValue::Integer(number) => number.to_string(),
        DefaultValue::Number(text) => text.clone(),
        DefaultValue::String(text) => format!("'{text}'"),
        DefaultValue::Boolean(flag) => flag.to_string(),
        DefaultValue::CurrentTimestamp => "the current date and time".to_string(),
        DefaultValue::CurrentDate => "the current date".to_string(),
        DefaultValue::CurrentTime => "the current time".to_string(),
    }
}
