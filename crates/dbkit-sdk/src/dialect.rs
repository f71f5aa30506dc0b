//! The [`Dialect`] trait: how one database spells the model.

use dbkit_model::{
    Change, Column, ColumnType, DefaultValue, ForeignKey, Index, Schema, Table, check_expression,
    naming,
};

use crate::error::DialectError;
use crate::info::DialectInfo;

/// One SQL dialect: everything dbkit needs to know to write SQL for a database.
///
/// A dialect renders; it never executes anything and never panics. Where its database cannot
/// express something in the model, it returns a [`DialectError`] that names the table and column.
///
/// The trait is dyn-compatible (`Box<dyn Dialect>`). Shared behaviour lives in the default
/// methods, which follow standard SQL; a dialect overrides only where its database differs. The
/// required methods are [`Dialect::info`] and [`Dialect::column_type`].
///
/// ```
/// use dbkit_sdk::{Dialect, DialectError, DialectInfo};
/// use dbkit_sdk::model::{Column, ColumnType, Table};
///
/// struct Ansi;
///
/// impl Dialect for Ansi {
///     fn info(&self) -> DialectInfo {
///         DialectInfo::new("ansi", "ANSI SQL", "0.1.0", 128)
///     }
///     fn column_type(&self, table: &Table, column: &Column) -> Result<String, DialectError> {
///         match &column.column_type {
///             ColumnType::Int => Ok("INTEGER".into()),
///             other => Err(DialectError::unsupported("ansi", table, column, &format!("type {other}"))),
///         }
///     }
/// }
/// assert_eq!(Ansi.quote_identifier("order"), "\"order\"");
/// ```
pub trait Dialect: Send + Sync {
    /// The dialect's name, version and capabilities.
    fn info(&self) -> DialectInfo;

    /// The native type of `column` (without NULL, default or key clauses), such as `VARCHAR(255)`.
    fn column_type(&self, table: &Table, column: &Column) -> Result<String, DialectError>;

    /// Quotes an identifier so that any name, a reserved word or one containing a quote, is safe.
    ///
    /// The default uses standard SQL double quotes and doubles any double quote inside.
    fn quote_identifier(&self, name: &str) -> String {
        format!("\"{}\"", name.replace('"', "\"\""))
    }

    /// Writes a string literal. The default uses single quotes and doubles any single quote.
    fn quote_string(&self, text: &str) -> String {
        format!("'{}'", text.replace('\'', "''"))
    }

    /// The SQL of a column default (`DEFAULT` excluded), such as `'good'`, `0` or
    /// `CURRENT_TIMESTAMP`.
    fn default_value(
        &self,
        table: &Table,
        column: &Column,
        value: &DefaultValue,
    ) -> Result<String, DialectError> {
        let _ = (table, column);
        Ok(match value {
            DefaultValue::Integer(number) => number.to_string(),
            DefaultValue::Number(text) => text.clone(),
            DefaultValue::String(text) => self.quote_string(text),
            DefaultValue::Boolean(true) => "TRUE".to_string(),
            DefaultValue::Boolean(false) => "FALSE".to_string(),
            DefaultValue::CurrentTimestamp => "CURRENT_TIMESTAMP".to_string(),
            DefaultValue::CurrentDate => "CURRENT_DATE".to_string(),
            DefaultValue::CurrentTime => "CURRENT_TIME".to_string(),
        })
    }

    /// The clause that makes the database generate the values of an auto-increment column,
    /// written after the type; `None` when the type itself says so (SQLite's rowid).
    fn auto_increment_clause(
        &self,
        table: &Table,
        column: &Column,
    ) -> Result<Option<String>, DialectError> {
        let _ = column;
        Err(DialectError::Unsupported {
            dialect: self.info().name,
            location: table.name.clone(),
            feature: "auto-increment columns".to_string(),
            help: None,
        })
    }

    /// One column's definition inside `CREATE TABLE`: name, type, nullability, default and
    /// generation, plus the column comment where the dialect keeps it inline.
    fn column_definition(&self, table: &Table, column: &Column) -> Result<String, DialectError> {
        let mut definition = format!(
            "{} {}",
            self.quote_identifier(&column.name),
            self.column_type(table, column)?
        );
        if let Some(collation) = &column.collation {
            definition.push_str(" COLLATE ");
            definition.push_str(&self.quote_identifier(collation));
        }
        if !column.nullable {
            definition.push_str(" NOT NULL");
        }
        if let Some(default) = &column.default {
            definition.push_str(" DEFAULT ");
            definition.push_str(&self.default_value(table, column, default)?);
        }
        if column.auto_increment
            && let Some(clause) = self.auto_increment_clause(table, column)?
        {
            definition.push(' ');
            definition.push_str(&clause);
        }
        Ok(definition)
    }

    /// A boolean expression that enforces `column`'s logical type where the native type does
    /// not (an enum's values, a boolean's 0 and 1), or `None`. dbkit adds it as the CHECK
    /// constraint `ck_<table>_<column>`.
    fn type_check(&self, table: &Table, column: &Column) -> Result<Option<String>, DialectError> {
        self.default_type_check(table, column)
    }

    /// The standard type checks: an enum's values as `column IN (...)`. Dialects that override
    /// [`Dialect::type_check`] call it for the types they do not handle themselves.
    fn default_type_check(
        &self,
        table: &Table,
        column: &Column,
    ) -> Result<Option<String>, DialectError> {
        let _ = table;
        match &column.column_type {
            ColumnType::Enum { values } => {
                let values: Vec<String> = values
                    .iter()
                    .map(|value| self.quote_string(value))
                    .collect();
                Ok(Some(format!(
                    "{} IN ({})",
                    self.quote_identifier(&column.name),
                    values.join(", ")
                )))
            }
            _ => Ok(None),
        }
    }

    /// A user CHECK expression in this dialect: column names quoted, string literals escaped.
    fn check_expression(&self, table: &Table, expression: &str) -> Result<String, DialectError> {
        let columns: Vec<String> = table
            .columns
            .iter()
            .map(|column| column.name.clone())
            .collect();
        check_expression::requote(
            expression,
            &columns,
            &|name| self.quote_identifier(name),
            &|text| self.quote_string(text),
        )
        .map_err(|reason| DialectError::Invalid {
            location: table.name.clone(),
            message: format!("cannot read the check expression \"{expression}\": {reason}"),
        })
    }

    /// A comma-separated list of quoted column names.
    fn column_list(&self, columns: &[String]) -> String {
        columns
            .iter()
            .map(|column| self.quote_identifier(column))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A foreign key constraint clause, as used in `CREATE TABLE` and `ALTER TABLE ... ADD`.
    fn foreign_key_clause(&self, table: &Table, key: &ForeignKey) -> Result<String, DialectError> {
        let _ = table;
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

    /// The lines inside `CREATE TABLE (...)`: columns, then the primary key, unique
    /// constraints, CHECKs (type checks first) and the foreign keys not in `deferred`.
    fn table_elements(
        &self,
        table: &Table,
        deferred: &[String],
    ) -> Result<Vec<String>, DialectError> {
        let mut elements = Vec::new();
        for column in &table.columns {
            elements.push(self.column_definition(table, column)?);
        }
        if let Some(key) = &table.primary_key
            && !self.primary_key_is_inline(table)
        {
            elements.push(format!(
                "CONSTRAINT {} PRIMARY KEY ({})",
                self.quote_identifier(&key.name),
                self.column_list(&key.columns)
            ));
        }
        for key in &table.unique_constraints {
            elements.push(format!(
                "CONSTRAINT {} UNIQUE ({})",
                self.quote_identifier(&key.name),
                self.column_list(&key.columns)
            ));
        }
        for column in &table.columns {
            if let Some(check) = self.type_check(table, column)? {
                elements.push(format!(
                    "CONSTRAINT {} CHECK ({check})",
                    self.quote_identifier(&naming::type_check_name(&table.name, &column.name))
                ));
            }
        }
        for check in &table.checks {
            elements.push(format!(
                "CONSTRAINT {} CHECK ({})",
                self.quote_identifier(&check.name),
                self.check_expression(table, &check.expression)?
            ));
        }
        for key in &table.foreign_keys {
            if !deferred.contains(&key.name) {
                elements.push(self.foreign_key_clause(table, key)?);
            }
        }
        Ok(elements)
    }

    /// Whether the primary key is written in its column's definition instead of as a table
    /// constraint (SQLite's `INTEGER PRIMARY KEY`). The default is never.
    fn primary_key_is_inline(&self, table: &Table) -> bool {
        let _ = table;
        false
    }

    /// The text after `CREATE TABLE name (...)`, such as MySQL's `ENGINE=InnoDB`. Empty by default.
    fn table_options(&self, table: &Table) -> Result<String, DialectError> {
        let _ = table;
        Ok(String::new())
    }

    /// Every statement that creates `table` with its keys, constraints, indexes and comments,
    /// leaving out the foreign keys named in `deferred` (they are added later, see
    /// [`Dialect::add_foreign_key`]).
    fn create_table(
        &self,
        table: &Table,
        deferred: &[String],
    ) -> Result<Vec<String>, DialectError> {
        let elements = self.table_elements(table, deferred)?;
        let mut statement = format!(
            "CREATE TABLE {} (\n    {}\n)",
            self.quote_identifier(&table.name),
            elements.join(",\n    ")
        );
        statement.push_str(&self.table_options(table)?);
        let mut statements = vec![statement];
        for index in &table.indexes {
            statements.push(self.create_index(table, index)?);
        }
        statements.extend(self.comment_statements(table)?);
        Ok(statements)
    }

    /// `CREATE [UNIQUE] INDEX name ON table [USING method] (columns [DESC]) [WHERE condition]`.
    ///
    /// Prefix lengths and full-text indexes are MySQL's; dialects that have them override this.
    fn create_index(&self, table: &Table, index: &Index) -> Result<String, DialectError> {
        let columns: Vec<String> = index
            .columns
            .iter()
            .map(|column| {
                let quoted = self.quote_identifier(column);
                if index.options.descending.contains(column) {
                    format!("{quoted} DESC")
                } else {
                    quoted
                }
            })
            .collect();
        let method = match &index.options.method {
            Some(method) => format!(" USING {method}"),
            None => String::new(),
        };
        let mut statement = format!(
            "CREATE {}INDEX {} ON {}{method} ({})",
            if index.unique { "UNIQUE " } else { "" },
            self.quote_identifier(&index.name),
            self.quote_identifier(&table.name),
            columns.join(", ")
        );
        if let Some(predicate) = &index.options.predicate {
            statement.push_str(" WHERE ");
            statement.push_str(&self.check_expression(table, predicate)?);
        }
        Ok(statement)
    }

    /// Statements that set table and column comments, for dialects that set them apart
    /// (PostgreSQL's `COMMENT ON`). None by default.
    fn comment_statements(&self, table: &Table) -> Result<Vec<String>, DialectError> {
        let _ = table;
        Ok(Vec::new())
    }

    /// `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY`, for keys that close a cycle.
    fn add_foreign_key(&self, table: &Table, key: &ForeignKey) -> Result<String, DialectError> {
        Ok(format!(
            "ALTER TABLE {} ADD {}",
            self.quote_identifier(&table.name),
            self.foreign_key_clause(table, key)?
        ))
    }

    /// `ALTER TABLE ... DROP CONSTRAINT`, to remove a foreign key before dropping a cycle.
    fn drop_foreign_key(&self, table: &Table, key: &ForeignKey) -> Result<String, DialectError> {
        Ok(format!(
            "ALTER TABLE {} DROP CONSTRAINT {}",
            self.quote_identifier(&table.name),
            self.quote_identifier(&key.name)
        ))
    }

    /// `DROP TABLE IF EXISTS name`.
    fn drop_table(&self, table: &Table) -> Result<String, DialectError> {
        Ok(format!(
            "DROP TABLE IF EXISTS {}",
            self.quote_identifier(&table.name)
        ))
    }

    /// Statements that start the create script (character set, foreign key enforcement).
    fn create_prologue(&self, schema: &Schema) -> Result<Vec<String>, DialectError> {
        let _ = schema;
        Ok(Vec::new())
    }

    /// Statements that start the drop script.
    fn drop_prologue(&self, schema: &Schema) -> Result<Vec<String>, DialectError> {
        let _ = schema;
        Ok(Vec::new())
    }

    /// Statements that end the drop script.
    fn drop_epilogue(&self, schema: &Schema) -> Result<Vec<String>, DialectError> {
        let _ = schema;
        Ok(Vec::new())
    }

    /// The placeholder for the `position`-th parameter (counted from 1) of a prepared
    /// statement. The default is `?`; PostgreSQL numbers them: `$1`.
    fn placeholder(&self, position: usize) -> String {
        let _ = position;
        "?".to_string()
    }

    /// Whether `INSERT ... RETURNING` gives back the generated key (PostgreSQL, SQLite 3.35+).
    /// Without it, a create query returns the key as the connection's last insert id
    /// (`LAST_INSERT_ID()` on MySQL and MariaDB). The default is no.
    fn supports_returning(&self) -> bool {
        false
    }

    /// A condition true for the rows that come after a keyset-pagination cursor, in key order:
    /// `columns` (already quoted) compared with `placeholders`. The default is `a > ?` for one
    /// column and the row-value comparison `(a, b) > (?, ?)` for several (PostgreSQL, MySQL 8,
    /// MariaDB 10.3+, SQLite 3.15+).
    fn keyset_after(&self, columns: &[String], placeholders: &[String]) -> String {
        if let ([column], [placeholder]) = (columns, placeholders) {
            return format!("{column} > {placeholder}");
        }
        format!("({}) > ({})", columns.join(", "), placeholders.join(", "))
    }

    /// The clause that limits a query to at most `placeholder` rows: `LIMIT ?` by default.
    fn limit_clause(&self, placeholder: &str) -> String {
        format!("LIMIT {placeholder}")
    }

    /// A parameter for `column` where the database cannot infer its type from the context,
    /// such as inside `COALESCE(?, default)`. The default is the placeholder itself;
    /// PostgreSQL casts it to the column's type.
    fn typed_placeholder(
        &self,
        table: &Table,
        column: &Column,
        placeholder: &str,
    ) -> Result<String, DialectError> {
        let _ = (table, column);
        Ok(placeholder.to_string())
    }

    /// `INSERT INTO table` followed by this inserts a row of defaults only, for a table whose
    /// columns are all generated: `DEFAULT VALUES` by default.
    fn insert_default_values(&self) -> String {
        "DEFAULT VALUES".to_string()
    }

    /// The engine name sqlc knows this database by (`mysql`, `postgresql`, `sqlite`), or `None`
    /// when sqlc cannot read this dialect; then no `sqlc.yaml` is written.
    fn sqlc_engine(&self) -> Option<String> {
        None
    }

    /// The Python DB-API 2.0 driver modules that connect to this database (`pymysql`,
    /// `psycopg`, `sqlite3`), so that generated Python code can tell from a connection which
    /// dialect's SQL to run. None by default.
    fn python_drivers(&self) -> Vec<String> {
        Vec::new()
    }

    /// Every statement of a migration from `from` to `to`, given the `changes` between them in
    /// the order `dbkit_model::diff` lists them. The default ([`crate::migration::standard_migration`])
    /// defers foreign keys that close a cycle between new tables, turns a constraint dropped and
    /// added again under a new name into a rename, and writes each change with
    /// [`Dialect::change_statements`]. SQLite overrides it to rebuild the tables it cannot alter.
    fn migration_statements(
        &self,
        changes: &[Change],
        from: &Schema,
        to: &Schema,
    ) -> Result<Vec<String>, DialectError> {
        crate::migration::standard_migration(self, changes, from, to)
    }

    /// The statements of one change of a migration from `from` to `to`. Dialects override it
    /// for the changes their database spells differently and call
    /// [`Dialect::default_change_statements`] for the others.
    fn change_statements(
        &self,
        change: &Change,
        from: &Schema,
        to: &Schema,
    ) -> Result<Vec<String>, DialectError> {
        self.default_change_statements(change, from, to)
    }

    /// One change in standard SQL (`ALTER TABLE ... ADD COLUMN`, `ALTER COLUMN ... TYPE`,
    /// `RENAME COLUMN`, `ADD CONSTRAINT`...): see [`crate::migration::standard_change`].
    fn default_change_statements(
        &self,
        change: &Change,
        from: &Schema,
        to: &Schema,
    ) -> Result<Vec<String>, DialectError> {
        crate::migration::standard_change(self, change, from, to)
    }

    /// Renames a constraint or index of `table` (given with its definitions under their new
    /// names) from `from` to `to`; `kind` is one of [`crate::migration::kind`]. The default is
    /// `ALTER TABLE ... RENAME CONSTRAINT` and `ALTER INDEX ... RENAME TO`.
    fn rename_constraint(
        &self,
        table: &Table,
        kind: &str,
        from: &str,
        to: &str,
    ) -> Result<Vec<String>, DialectError> {
        crate::migration::standard_rename_constraint(self, table, kind, from, to)
    }

    /// The statement that gives `column` of `table` its type (and collation) from the model:
    /// `ALTER TABLE t ALTER COLUMN c TYPE <type>` by default.
    fn alter_column_type(&self, table: &Table, column: &Column) -> Result<String, DialectError> {
        Ok(format!(
            "ALTER TABLE {} ALTER COLUMN {} TYPE {}",
            self.quote_identifier(&table.name),
            self.quote_identifier(&column.name),
            self.column_type(table, column)?
        ))
    }
}
