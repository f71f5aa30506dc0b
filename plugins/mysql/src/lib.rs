//! The MySQL / MariaDB dialect for dbkit.
//!
//! The SQL it writes runs unchanged on MariaDB 10.4+ (what XAMPP ships) and MySQL 8.0.16+
//! (the first release that enforces CHECK constraints): InnoDB tables in `utf8mb4`, identifiers
//! quoted with backticks, and only syntax both servers accept.

mod column_order;
mod migration;

use dbkit_sdk::model::{Change, Column, ColumnType, DefaultValue, ForeignKey, Schema, Table};
use dbkit_sdk::{Dialect, DialectError, DialectInfo};

/// The MySQL / MariaDB dialect.
#[derive(Debug, Clone, Copy, Default)]
pub struct MysqlDialect;

const NAME: &str = "mysql";
/// The longest `VARCHAR` that fits MySQL's 65,535-byte row limit with 4-byte `utf8mb4` characters.
const MAX_VARCHAR: u32 = 16_383;

impl MysqlDialect {
    fn is_unindexable(column_type: &ColumnType) -> bool {
        matches!(
            column_type,
            ColumnType::Text | ColumnType::Blob | ColumnType::Json
        )
    }

    /// MySQL cannot index TEXT, BLOB or JSON columns without a prefix length.
    fn check_indexable(
        &self,
        table: &Table,
        columns: &[String],
        what: &str,
    ) -> Result<(), DialectError> {
        for name in columns {
            if let Some(column) = table.column(name)
                && Self::is_unindexable(&column.column_type)
            {
                return Err(DialectError::unsupported(
                    NAME,
                    table,
                    column,
                    &format!("{what} on a {} column", column.column_type),
                )
                .with_help("use varchar(n) for a column that is a key or indexed"));
            }
        }
        Ok(())
    }
}

impl Dialect for MysqlDialect {
    fn info(&self) -> DialectInfo {
        DialectInfo::new(NAME, "MySQL / MariaDB", env!("CARGO_PKG_VERSION"), 64)
    }

    fn quote_identifier(&self, name: &str) -> String {
        format!("`{}`", name.replace('`', "``"))
    }

    /// Single quotes doubled, and backslashes escaped, since MySQL reads `\` as an escape
    /// character in string literals (unless `NO_BACKSLASH_ESCAPES` is set).
    fn quote_string(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 2);
        out.push('\'');
        for character in text.chars() {
            match character {
                '\'' => out.push_str("''"),
                '\\' => out.push_str("\\\\"),
                '\0' => out.push_str("\\0"),
                other => out.push(other),
            }
        }
        out.push('\'');
        out
    }

    fn column_type(&self, table: &Table, column: &Column) -> Result<String, DialectError> {
        Ok(match &column.column_type {
            ColumnType::SmallInt => "SMALLINT".into(),
            ColumnType::Int => "INT".into(),
            ColumnType::BigInt => "BIGINT".into(),
            ColumnType::Decimal { precision, scale } => {
                if *scale > 30 {
                    return Err(DialectError::unsupported(
                        NAME,
                        table,
                        column,
                        "a decimal scale above 30",
                    ));
                }
                format!("DECIMAL({precision},{scale})")
            }
            ColumnType::Real => "FLOAT".into(),
            ColumnType::Double => "DOUBLE".into(),
            ColumnType::Char { length } => {
                if *length > 255 {
                    return Err(DialectError::unsupported(
                        NAME,
                        table,
                        column,
                        "char(n) longer than 255",
                    )
                    .with_help("use varchar(n)"));
                }
                format!("CHAR({length})")
            }
            ColumnType::Varchar { length } => {
                if *length > MAX_VARCHAR {
                    return Err(DialectError::unsupported(
                        NAME,
                        table,
                        column,
                        &format!("varchar(n) longer than {MAX_VARCHAR} characters in utf8mb4"),
                    )
                    .with_help("use text"));
                }
                format!("VARCHAR({length})")
            }
            ColumnType::Text => "TEXT".into(),
            ColumnType::Boolean => "BOOLEAN".into(),
            ColumnType::Date => "DATE".into(),
            ColumnType::Time => "TIME".into(),
            ColumnType::Timestamp | ColumnType::TimestampTz => "DATETIME".into(),
            ColumnType::Uuid => "CHAR(36)".into(),
            ColumnType::Json => "JSON".into(),
            ColumnType::Blob => "LONGBLOB".into(),
            ColumnType::Enum { values } => {
                let values: Vec<String> = values
                    .iter()
                    .map(|value| self.quote_string(value))
                    .collect();
                format!("ENUM({})", values.join(", "))
            }
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

    /// Expression defaults are parenthesised, the form MariaDB 10.2+ and MySQL 8.0.13+ share;
    /// a TEXT column's literal default is an expression for MySQL too.
    fn default_value(
        &self,
        table: &Table,
        column: &Column,
        value: &DefaultValue,
    ) -> Result<String, DialectError> {
        let _ = table;
        Ok(match value {
            DefaultValue::CurrentTimestamp => "CURRENT_TIMESTAMP".into(),
            DefaultValue::CurrentDate => "(CURRENT_DATE)".into(),
            DefaultValue::CurrentTime => "(CURRENT_TIME)".into(),
            DefaultValue::Boolean(flag) => if *flag { "1" } else { "0" }.into(),
            DefaultValue::String(text) if column.column_type == ColumnType::Text => {
                format!("({})", self.quote_string(text))
            }
            DefaultValue::String(text) => self.quote_string(text),
            DefaultValue::Integer(number) => number.to_string(),
            DefaultValue::Number(text) => text.clone(),
        })
    }

    fn auto_increment_clause(
        &self,
        _table: &Table,
        _column: &Column,
    ) -> Result<Option<String>, DialectError> {
        Ok(Some("AUTO_INCREMENT".into()))
    }

    fn column_definition(&self, table: &Table, column: &Column) -> Result<String, DialectError> {
        let mut definition = format!(
            "{} {}",
            self.quote_identifier(&column.name),
            self.column_type(table, column)?
        );
        if let Some(collation) = &column.collation {
            definition.push_str(" COLLATE ");
            definition.push_str(collation);
        }
        definition.push_str(if column.nullable {
            " NULL"
        } else {
            " NOT NULL"
        });
        if let Some(default) = &column.default {
            definition.push_str(" DEFAULT ");
            definition.push_str(&self.default_value(table, column, default)?);
        }
        if column.auto_increment {
            definition.push_str(" AUTO_INCREMENT");
        }
        if let Some(comment) = &column.comment {
            definition.push_str(" COMMENT ");
            definition.push_str(&self.quote_string(comment));
        }
        Ok(definition)
    }

    /// ENUM is native; a BOOLEAN is a TINYINT that would take any small number, so it gets a check.
    fn type_check(&self, _table: &Table, column: &Column) -> Result<Option<String>, DialectError> {
        Ok(match column.column_type {
            ColumnType::Boolean => {
                Some(format!("{} IN (0, 1)", self.quote_identifier(&column.name)))
            }
            _ => None,
        })
    }

    fn table_options(&self, table: &Table) -> Result<String, DialectError> {
        let engine = table.options.engine.as_deref().unwrap_or("InnoDB");
        let (charset, collation) = match (&table.options.charset, &table.options.collation) {
            (None, None) => ("utf8mb4", Some("utf8mb4_unicode_ci")),
            (Some(charset), collation) => (charset.as_str(), collation.as_deref()),
            (None, Some(collation)) => (
                collation.split('_').next().unwrap_or("utf8mb4"),
                Some(collation.as_str()),
            ),
        };
        let mut options = format!(" ENGINE={engine} DEFAULT CHARSET={charset}");
        if let Some(collation) = collation {
            options.push_str(" COLLATE=");
            options.push_str(collation);
        }
        if let Some(comment) = &table.comment {
            options.push_str(" COMMENT=");
            options.push_str(&self.quote_string(comment));
        }
        Ok(options)
    }

    /// Indexes are declared inside `CREATE TABLE`, so that InnoDB uses them for the foreign keys
    /// instead of creating indexes of its own.
    fn create_table(
        &self,
        table: &Table,
        deferred: &[String],
    ) -> Result<Vec<String>, DialectError> {
        if let Some(key) = &table.primary_key {
            self.check_indexable(table, &key.columns, "a primary key")?;
        }
        for key in &table.unique_constraints {
            self.check_indexable(table, &key.columns, "a unique constraint")?;
        }
        for key in &table.foreign_keys {
            self.check_indexable(table, &key.columns, "a foreign key")?;
        }
        let mut elements = self.table_elements(table, deferred)?;
        // MySQL names every primary key PRIMARY and warns (1280) about any other name.
        if let Some(key) = &table.primary_key {
            let named = format!(
                "CONSTRAINT {} PRIMARY KEY",
                self.quote_identifier(&key.name)
            );
            for element in &mut elements {
                if let Some(rest) = element.strip_prefix(&named) {
                    *element = format!("PRIMARY KEY{rest}");
                }
            }
        }
        let first_check = elements
            .iter()
            .position(|element| element.contains(" CHECK (") || element.contains(" FOREIGN KEY ("))
            .unwrap_or(elements.len());
        let mut indexes = Vec::new();
        for index in &table.indexes {
            let options = &index.options;
            if !options.fulltext {
                let whole: Vec<String> = index
                    .columns
                    .iter()
                    .filter(|column| !options.prefix_lengths.contains_key(*column))
                    .cloned()
                    .collect();
                self.check_indexable(table, &whole, "an index")?;
            }
            let parts: Vec<String> = index
                .columns
                .iter()
                .map(|column| {
                    let mut part = self.quote_identifier(column);
                    if let Some(length) = options.prefix_lengths.get(column) {
                        part.push_str(&format!("({length})"));
                    }
                    if options.descending.contains(column) {
                        part.push_str(" DESC");
                    }
                    part
                })
                .collect();
            let kind = if options.fulltext {
                "FULLTEXT "
            } else if index.unique {
                "UNIQUE "
            } else {
                ""
            };
            indexes.push(format!(
                "{kind}INDEX {} ({})",
                self.quote_identifier(&index.name),
                parts.join(", ")
            ));
        }
        elements.splice(first_check..first_check, indexes);
        Ok(vec![format!(
            "CREATE TABLE {} (\n    {}\n){}",
            self.quote_identifier(&table.name),
            elements.join(",\n    "),
            self.table_options(table)?
        )])
    }

    /// InnoDB has no `SET DEFAULT` (MySQL rejects it; MariaDB drops it silently), so a key
    /// that asks for it is refused rather than quietly weakened.
    fn foreign_key_clause(&self, table: &Table, key: &ForeignKey) -> Result<String, DialectError> {
        use dbkit_sdk::model::ReferentialAction;
        if key.on_delete == ReferentialAction::SetDefault
            || key.on_update == ReferentialAction::SetDefault
        {
            return Err(DialectError::Unsupported {
                dialect: NAME.into(),
                location: format!("{}.{}", table.name, key.name),
                feature: "the foreign key action \"set default\"".into(),
                help: Some("choose \"set null\", \"cascade\" or \"restrict\"".into()),
            });
        }
        Ok(format!(
            "CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({}) ON DELETE {} ON UPDATE {}",
            self.quote_identifier(&key.name),
            self.column_list(&key.columns),
            self.quote_identifier(&key.referenced_table),
            self.column_list(&key.referenced_columns),
            key.on_delete.sql(),
            key.on_update.sql()
        ))
    }

    fn drop_foreign_key(&self, table: &Table, key: &ForeignKey) -> Result<String, DialectError> {
        Ok(format!(
            "ALTER TABLE {} DROP FOREIGN KEY {}",
            self.quote_identifier(&table.name),
            self.quote_identifier(&key.name)
        ))
    }

    fn create_prologue(
        &self,
        _schema: &dbkit_sdk::model::Schema,
    ) -> Result<Vec<String>, DialectError> {
        Ok(vec!["SET NAMES utf8mb4".into()])
    }

    /// MySQL has no `DEFAULT VALUES`; an empty column list and an empty row mean the same.
    fn insert_default_values(&self) -> String {
        "() VALUES ()".into()
    }

    fn sqlc_engine(&self) -> Option<String> {
        Some("mysql".into())
    }

    fn python_drivers(&self) -> Vec<String> {
        vec![
            "pymysql".into(),
            "MySQLdb".into(),
            "mysql.connector".into(),
            "mariadb".into(),
        ]
    }

    /// MariaDB 10.4 has no `RENAME COLUMN`, so a column is renamed with `CHANGE COLUMN` and its
    /// full definition; columns change with `MODIFY COLUMN`; see the `migration` module.
    fn change_statements(
        &self,
        change: &Change,
        from: &Schema,
        to: &Schema,
    ) -> Result<Vec<String>, DialectError> {
        migration::change_statements(self, change, from, to)
    }

    /// Primary keys have no name of their own; unique constraints and indexes are dropped and
    /// added again in one statement (MariaDB 10.4 has no `RENAME INDEX`).
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
