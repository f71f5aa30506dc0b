//! A Microsoft SQL Server (T-SQL) dialect for dbkit, built as a plugin library.
//!
//! It is written as any third-party dialect would be: a crate that depends on `dbkit-sdk` alone,
//! implements [`Dialect`], and calls [`dbkit_sdk::export_dialect!`] once. Built with
//! `cargo build`, it is `libdbkit_dialect_mssql.so` (`.dylib`, `.dll`), used with
//! `dbkit build --plugin path/to/libdbkit_dialect_mssql.so --dialect mssql`.
//!
//! It targets SQL Server 2016 and later (`DROP TABLE IF EXISTS`, `ISJSON`):
//!
//! - identifiers in brackets (`[order]`, `[a]]b]`), strings as Unicode literals (`N'it''s'`);
//! - surrogate keys as `IDENTITY(1,1)`, strings as `NVARCHAR`, booleans as `BIT`, timestamps as
//!   `DATETIME2` and `DATETIMEOFFSET` (see [`types`] for the whole table);
//! - enums as `NVARCHAR` with a CHECK, JSON as `NVARCHAR(MAX)` with an `ISJSON` CHECK;
//! - defaults as named constraints (`df_<table>_<column>`), so that they can be dropped later;
//! - nullability always written (`NULL` or `NOT NULL`): SQL Server's default depends on settings;
//! - `RESTRICT` written as `NO ACTION`, which SQL Server checks at once; cascading keys that SQL
//!   Server would refuse ("may cause cycles or multiple cascade paths") are reported before any
//!   SQL is written ([`cascade`]);
//! - unique keys over nullable columns as filtered unique indexes, so that several rows may hold
//!   NULL as in standard SQL ([`unique`]);
//! - comments as `MS_Description` extended properties of the `dbo` schema;
//! - `length(...)` in CHECK expressions as `LEN(...)`.

pub mod cascade;
mod expression;
pub mod types;
pub mod unique;

use dbkit_sdk::model::{
    Column, ColumnType, DefaultValue, ForeignKey, Schema, Table, check_expression,
};
use dbkit_sdk::{Dialect, DialectError, DialectInfo};

/// The dialect's name on the command line.
pub(crate) const NAME: &str = "mssql";

/// The longest identifier SQL Server accepts (`sysname`), in characters.
const MAX_IDENTIFIER_LENGTH: usize = 128;

/// The Microsoft SQL Server dialect.
#[derive(Debug, Clone, Copy, Default)]
pub struct MssqlDialect;

impl Dialect for MssqlDialect {
    fn info(&self) -> DialectInfo {
        DialectInfo::new(
            NAME,
            "Microsoft SQL Server",
            env!("CARGO_PKG_VERSION"),
            MAX_IDENTIFIER_LENGTH,
        )
    }

    fn column_type(&self, table: &Table, column: &Column) -> Result<String, DialectError> {
        types::native_type(table, column)
    }

    fn quote_identifier(&self, name: &str) -> String {
        format!("[{}]", name.replace(']', "]]"))
    }

    fn quote_string(&self, text: &str) -> String {
        format!("N'{}'", text.replace('\'', "''"))
    }

    fn default_value(
        &self,
        _table: &Table,
        column: &Column,
        value: &DefaultValue,
    ) -> Result<String, DialectError> {
        Ok(match value {
            DefaultValue::Integer(number) => number.to_string(),
            DefaultValue::Number(text) => text.clone(),
            DefaultValue::String(text) => self.quote_string(text),
            DefaultValue::Boolean(value) => if *value { "1" } else { "0" }.to_string(),
            DefaultValue::CurrentTimestamp => match column.column_type {
                ColumnType::TimestampTz => "SYSDATETIMEOFFSET()".to_string(),
                _ => "SYSDATETIME()".to_string(),
            },
            DefaultValue::CurrentDate => "CAST(GETDATE() AS DATE)".to_string(),
            DefaultValue::CurrentTime => "CAST(GETDATE() AS TIME)".to_string(),
        })
    }

    fn auto_increment_clause(
        &self,
        table: &Table,
        column: &Column,
    ) -> Result<Option<String>, DialectError> {
        if column.column_type.is_integer() {
            Ok(Some("IDENTITY(1,1)".to_string()))
        } else {
            Err(DialectError::unsupported(
                NAME,
                table,
                column,
                &format!(
                    "an auto-increment {} column (IDENTITY needs an integer)",
                    column.column_type
                ),
            ))
        }
    }

    fn column_definition(&self, table: &Table, column: &Column) -> Result<String, DialectError> {
        let mut definition = format!(
            "{} {} {}",
            self.quote_identifier(&column.name),
            self.column_type(table, column)?,
            if column.nullable { "NULL" } else { "NOT NULL" }
        );
        if let Some(default) = &column.default {
            let name = format!("df_{}_{}", table.name, column.name);
            if name.chars().count() > MAX_IDENTIFIER_LENGTH {
                return Err(DialectError::Invalid {
                    location: format!("{}.{}", table.name, column.name),
                    message: format!(
                        "the name of the default constraint, {name}, is longer than the {MAX_IDENTIFIER_LENGTH} characters SQL Server allows; shorten the table or column name"
                    ),
                });
            }
            definition.push_str(&format!(
                " CONSTRAINT {} DEFAULT {}",
                self.quote_identifier(&name),
                self.default_value(table, column, default)?
            ));
        }
        if column.auto_increment
            && let Some(clause) = self.auto_increment_clause(table, column)?
        {
            definition.push(' ');
            definition.push_str(&clause);
        }
        Ok(definition)
    }

    fn type_check(&self, table: &Table, column: &Column) -> Result<Option<String>, DialectError> {
        match column.column_type {
            ColumnType::Json => Ok(Some(format!(
                "ISJSON({}) = 1",
                self.quote_identifier(&column.name)
            ))),
            _ => self.default_type_check(table, column),
        }
    }

    fn check_expression(&self, table: &Table, expression: &str) -> Result<String, DialectError> {
        let columns: Vec<String> = table
            .columns
            .iter()
            .map(|column| column.name.clone())
            .collect();
        check_expression::requote(
            &expression::rename_functions(expression),
            &columns,
            &|name| self.quote_identifier(name),
            &|text| self.quote_string(text),
        )
        .map_err(|reason| DialectError::Invalid {
            location: table.name.clone(),
            message: format!("cannot read the check expression \"{expression}\": {reason}"),
        })
    }

    fn foreign_key_clause(&self, _table: &Table, key: &ForeignKey) -> Result<String, DialectError> {
        let action = |action: dbkit_sdk::model::ReferentialAction| match action {
            dbkit_sdk::model::ReferentialAction::Restrict => "NO ACTION",
            other => other.sql(),
        };
        Ok(format!(
            "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({}) ON DELETE {} ON UPDATE {}",
            self.quote_identifier(&key.name),
            self.column_list(&key.columns),
            self.quote_identifier(&key.referenced_table),
            self.column_list(&key.referenced_columns),
            action(key.on_delete),
            action(key.on_update)
        ))
    }

    fn create_table(
        &self,
        table: &Table,
        deferred: &[String],
    ) -> Result<Vec<String>, DialectError> {
        let (strict, nullable): (Vec<_>, Vec<_>) = table
            .unique_constraints
            .iter()
            .cloned()
            .partition(|key| unique::nullable_columns(table, &key.columns).is_empty());
        let mut constrained = table.clone();
        constrained.unique_constraints = strict;
        let elements = self.table_elements(&constrained, deferred)?;
        let mut statements = vec![format!(
            "CREATE TABLE {} (\n    {}\n)",
            self.quote_identifier(&table.name),
            elements.join(",\n    ")
        )];
        for key in &nullable {
            let columns = unique::nullable_columns(table, &key.columns);
            statements.push(unique::filtered_unique_index(
                self,
                table,
                &key.name,
                &key.columns,
                &columns,
            ));
        }
        for index in &table.indexes {
            statements.push(self.create_index(table, index)?);
        }
        statements.extend(self.comment_statements(table)?);
        Ok(statements)
    }

    fn create_index(
        &self,
        table: &Table,
        index: &dbkit_sdk::model::Index,
    ) -> Result<String, DialectError> {
        let nullable = unique::nullable_columns(table, &index.columns);
        if index.unique && !nullable.is_empty() {
            return Ok(unique::filtered_unique_index(
                self,
                table,
                &index.name,
                &index.columns,
                &nullable,
            ));
        }
        Ok(format!(
            "CREATE {}INDEX {} ON {} ({})",
            if index.unique { "UNIQUE " } else { "" },
            self.quote_identifier(&index.name),
            self.quote_identifier(&table.name),
            self.column_list(&index.columns)
        ))
    }

    fn comment_statements(&self, table: &Table) -> Result<Vec<String>, DialectError> {
        let describe = |comment: &str, column: Option<&str>| {
            let mut statement = format!(
                "EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = {}, @level0type = N'SCHEMA', @level0name = N'dbo', @level1type = N'TABLE', @level1name = {}",
                self.quote_string(comment),
                self.quote_string(&table.name)
            );
            if let Some(column) = column {
                statement.push_str(&format!(
                    ", @level2type = N'COLUMN', @level2name = {}",
                    self.quote_string(column)
                ));
            }
            statement
        };
        let mut statements: Vec<String> = table
            .comment
            .iter()
            .map(|comment| describe(comment, None))
            .collect();
        for column in &table.columns {
            if let Some(comment) = &column.comment {
                statements.push(describe(comment, Some(&column.name)));
            }
        }
        Ok(statements)
    }

    fn drop_foreign_key(&self, table: &Table, key: &ForeignKey) -> Result<String, DialectError> {
        Ok(format!(
            "ALTER TABLE {} DROP CONSTRAINT IF EXISTS {}",
            self.quote_identifier(&table.name),
            self.quote_identifier(&key.name)
        ))
    }

    fn create_prologue(&self, schema: &Schema) -> Result<Vec<String>, DialectError> {
        cascade::check(schema)?;
        unique::check_references(schema)?;
        Ok(Vec::new())
    }
}

dbkit_sdk::export_dialect!(MssqlDialect);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conforms() {
        dbkit_conformance::assert_conforms(&MssqlDialect);
    }

    #[test]
    fn quotes_with_brackets_and_unicode_strings() {
        assert_eq!(MssqlDialect.quote_identifier("order"), "[order]");
        assert_eq!(MssqlDialect.quote_identifier("na]me"), "[na]]me]");
        assert_eq!(MssqlDialect.quote_string("it's"), "N'it''s'");
    }
}
