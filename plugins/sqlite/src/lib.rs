//! The SQLite dialect for dbkit.
//!
//! Surrogate keys are `INTEGER PRIMARY KEY` columns (aliases of the rowid). SQLite does not
//! check declared types, so dbkit adds CHECK constraints where a type carries a rule: an enum's
//! values, a boolean's 0 and 1, and valid JSON. Lengths of `varchar(n)` are not enforced.
//! Foreign keys are enforced only when `PRAGMA foreign_keys = ON`, which the script sets.

mod migration;

use dbkit_sdk::model::{Change, Column, ColumnType, DefaultValue, Schema, Table};
use dbkit_sdk::{Dialect, DialectError, DialectInfo};

/// The SQLite dialect.
#[derive(Debug, Clone, Copy, Default)]
pub struct SqliteDialect;

const NAME: &str = "sqlite";

/// SQLite sets no limit on identifiers; dbkit keeps them within this many bytes.
const IDENTIFIER_LIMIT: usize = 1024;

impl SqliteDialect {
    /// Whether `column` is the table's single-column surrogate key, written as `INTEGER PRIMARY KEY`.
    fn is_rowid_key(table: &Table, column: &Column) -> bool {
        column.auto_increment
            && table
                .primary_key
                .as_ref()
                .is_some_and(|key| key.columns.len() == 1 && key.columns[0] == column.name)
    }
}

impl Dialect for SqliteDialect {
    fn info(&self) -> DialectInfo {
        DialectInfo {
            supports_alter_foreign_keys: false,
            ..DialectInfo::new(NAME, "SQLite", env!("CARGO_PKG_VERSION"), IDENTIFIER_LIMIT)
        }
    }

    fn column_type(&self, table: &Table, column: &Column) -> Result<String, DialectError> {
        if Self::is_rowid_key(table, column) {
            return Ok("INTEGER".into());
        }
        Ok(match &column.column_type {
            ColumnType::SmallInt => "SMALLINT".into(),
            ColumnType::Int => "INTEGER".into(),
            ColumnType::BigInt => "BIGINT".into(),
            ColumnType::Decimal { precision, scale } => format!("NUMERIC({precision},{scale})"),
            ColumnType::Real => "REAL".into(),
            ColumnType::Double => "DOUBLE".into(),
            ColumnType::Char { length } => format!("CHAR({length})"),
            ColumnType::Varchar { length } => format!("VARCHAR({length})"),
            ColumnType::Text | ColumnType::Json | ColumnType::Enum { .. } => "TEXT".into(),
            ColumnType::Boolean => "BOOLEAN".into(),
            ColumnType::Date => "DATE".into(),
            ColumnType::Time => "TIME".into(),
            ColumnType::Timestamp => "TIMESTAMP".into(),
            ColumnType::TimestampTz => "TIMESTAMPTZ".into(),
            ColumnType::Uuid => "CHAR(36)".into(),
            ColumnType::Blob => "BLOB".into(),
            ColumnType::TinyInt => "TINYINT".into(),
            ColumnType::MediumInt => "MEDIUMINT".into(),
            ColumnType::TinyIntUnsigned => "TINYINT UNSIGNED".into(),
            ColumnType::SmallIntUnsigned => "SMALLINT UNSIGNED".into(),
            ColumnType::MediumIntUnsigned => "MEDIUMINT UNSIGNED".into(),
            ColumnType::IntUnsigned => "INT UNSIGNED".into(),
            ColumnType::BigIntUnsigned => "BIGINT UNSIGNED".into(),
            ColumnType::Binary { length } => format!("BINARY({length})"),
            ColumnType::VarBinary { length } => format!("VARBINARY({length})"),
            ColumnType::TinyText => "TINYTEXT".into(),
            ColumnType::MediumText => "MEDIUMTEXT".into(),
            ColumnType::LongText => "LONGTEXT".into(),
            ColumnType::TinyBlob => "TINYBLOB".into(),
            ColumnType::MediumBlob => "MEDIUMBLOB".into(),
            ColumnType::Native { base, types } => {
                return dbkit_sdk::native::native_column_type(
                    self,
                    NAME,
                    table,
                    column,
                    base.as_deref(),
                    types,
                );
            }
            other => {
                return Err(DialectError::unsupported(
                    NAME,
                    table,
                    column,
                    &format!("the type {other}"),
                ));
            }
        })
    }

    fn default_value(
        &self,
        _table: &Table,
        _column: &Column,
        value: &DefaultValue,
    ) -> Result<String, DialectError> {
        Ok(match value {
            DefaultValue::Integer(number) => number.to_string(),
            DefaultValue::Number(text) => text.clone(),
            DefaultValue::String(text) => self.quote_string(text),
            DefaultValue::Boolean(flag) => if *flag { "1" } else { "0" }.into(),
            DefaultValue::CurrentTimestamp => "CURRENT_TIMESTAMP".into(),
            DefaultValue::CurrentDate => "CURRENT_DATE".into(),
            DefaultValue::CurrentTime => "CURRENT_TIME".into(),
        })
    }

    /// The primary key constraint itself: `INTEGER CONSTRAINT "pk_t" PRIMARY KEY` makes the
    /// column an alias of the rowid, which SQLite numbers automatically.
    fn auto_increment_clause(
        &self,
        table: &Table,
        column: &Column,
    ) -> Result<Option<String>, DialectError> {
        match &table.primary_key {
            Some(key) if Self::is_rowid_key(table, column) => Ok(Some(format!(
                "CONSTRAINT {} PRIMARY KEY",
                self.quote_identifier(&key.name)
            ))),
            _ => Err(DialectError::unsupported(
                NAME,
                table,
                column,
                "an auto-increment column that is not the whole primary key",
            )),
        }
    }

    fn primary_key_is_inline(&self, table: &Table) -> bool {
        table
            .columns
            .iter()
            .any(|column| Self::is_rowid_key(table, column))
    }

    fn type_check(&self, table: &Table, column: &Column) -> Result<Option<String>, DialectError> {
        let quoted = self.quote_identifier(&column.name);
        Ok(match &column.column_type {
            ColumnType::Boolean => Some(format!("{quoted} IN (0, 1)")),
            ColumnType::Json => Some(format!("json_valid({quoted})")),
            _ => self.default_type_check(table, column)?,
        })
    }

    fn drop_foreign_key(
        &self,
        table: &Table,
        key: &dbkit_sdk::model::ForeignKey,
    ) -> Result<String, DialectError> {
        Err(DialectError::Unsupported {
            dialect: NAME.into(),
            location: format!("{}.{}", table.name, key.name),
            feature: "dropping a foreign key from an existing table".into(),
            help: Some("SQLite rebuilds the table instead".into()),
        })
    }

    fn create_prologue(&self, _schema: &Schema) -> Result<Vec<String>, DialectError> {
        Ok(vec!["PRAGMA foreign_keys = ON".into()])
    }

    /// Foreign keys are switched off while dropping, so that tables in a reference cycle can go.
    fn drop_prologue(&self, _schema: &Schema) -> Result<Vec<String>, DialectError> {
        Ok(vec!["PRAGMA foreign_keys = OFF".into()])
    }

    fn drop_epilogue(&self, _schema: &Schema) -> Result<Vec<String>, DialectError> {
        Ok(vec!["PRAGMA foreign_keys = ON".into()])
    }

    /// `INSERT ... RETURNING` exists since SQLite 3.35 (2021).
    fn supports_returning(&self) -> bool {
        true
    }

    fn sqlc_engine(&self) -> Option<String> {
        Some("sqlite".into())
    }

    fn python_drivers(&self) -> Vec<String> {
        vec!["sqlite3".into()]
    }

    /// SQLite alters little in place (it adds and renames columns, and creates and drops
    /// indexes): every table with another change is rebuilt, keeping its rows; see the
    /// `migration` module.
    fn migration_statements(
        &self,
        changes: &[Change],
        from: &Schema,
        to: &Schema,
    ) -> Result<Vec<String>, DialectError> {
        migration::migration_statements(self, changes, from, to)
    }

    /// SQLite keeps no comments or table options, so changing them takes no statement.
    fn change_statements(
        &self,
        change: &Change,
        from: &Schema,
        to: &Schema,
    ) -> Result<Vec<String>, DialectError> {
        match change {
            Change::AlterTable { .. } => Ok(Vec::new()),
            _ => self.default_change_statements(change, from, to),
        }
    }

    /// An index is renamed by dropping and creating it again; constraints cannot be renamed,
    /// so the tables whose constraint names change are rebuilt instead.
    fn rename_constraint(
        &self,
        table: &Table,
        kind: &str,
        from: &str,
        to: &str,
    ) -> Result<Vec<String>, DialectError> {
        migration::rename_constraint(self, table, kind, from, to)
    }
}
