//! Turns the SQLite catalog rows and `CREATE TABLE` texts into the model.
//!
//! SQLite keeps each column's declared type as written. A declared type that is exactly how
//! dbkit's SQLite dialect spells a model type reads as that type; any other spelling is kept as
//! a native type over the closest model type (`DATETIME` is `timestamp` with the SQLite spelling
//! `DATETIME`), so that building the pulled schema declares the same types again.

use std::collections::BTreeMap;

use dbkit_model::{
    CheckConstraint, Column, ColumnType, ForeignKey, Index, IndexOptions, IndexOrigin, PrimaryKey,
    ReferentialAction, TypeSpec, UniqueConstraint, naming, parse_type,
};

use super::create_table::{ConstraintKind, TableDefinition, index_predicate, read_create_table};
use super::query::{ColumnRow, ForeignKeyPartRow, IndexPartRow, SqliteCatalog};
use crate::introspect::absorb::{TypeChecks, absorb_type_checks};
use crate::introspect::assemble::TableFacts;
use crate::introspect::check_text;
use crate::introspect::default_text::{Quoting, read_default};
use crate::introspect::warning::{PullWarning, WarningKind};

const DIALECT: &str = "sqlite";

/// The tables of `catalog`, with warnings for what the model cannot hold.
pub(super) fn tables(catalog: SqliteCatalog, warnings: &mut Vec<PullWarning>) -> Vec<TableFacts> {
    let mut grouped: BTreeMap<String, Vec<ColumnRow>> = BTreeMap::new();
    for row in catalog.columns {
        grouped.entry(row.table.clone()).or_default().push(row);
    }
    let mut definitions: BTreeMap<String, TableDefinition> = BTreeMap::new();
    let mut tables: BTreeMap<String, TableFacts> = BTreeMap::new();
    for (name, rows) in grouped {
        let definition = read_create_table(rows.first().map_or("", |row| row.table_sql.as_str()));
        let facts = table(&name, rows, &definition, warnings);
        definitions.insert(name.clone(), definition);
        tables.insert(name, facts);
    }
    read_indexes(catalog.index_parts, &mut tables, &mut definitions, warnings);
    read_foreign_keys(catalog.foreign_key_parts, &mut tables, &definitions);
    for object in catalog.objects {
        let virtual_table = object.kind == "table";
        let what = if virtual_table {
            "virtual table"
        } else {
            object.kind.as_str()
        };
        let on = if object.kind == "trigger" {
            format!(" on table {}", object.table)
        } else {
            String::new()
        };
        let kind = match object.kind.as_str() {
            "view" => WarningKind::View,
            "trigger" => WarningKind::Trigger,
            _ => WarningKind::Other,
        };
        let detail = object
            .sql
            .as_deref()
            .filter(|_| virtual_table)
            .map(|sql| format!(" ({})", sql.trim()))
            .unwrap_or_default();
        warnings.push(PullWarning::new(
            kind,
            format!("{what} {}{on}", object.name),
            format!(
                "a {what} is not part of the model; recreate it after building the schema{detail}"
            ),
        ));
    }
    let rules = TypeChecks {
        enum_values: true,
        boolean: true,
        json: true,
        column_named: false,
    };
    tables
        .into_values()
        .map(|mut table| {
            absorb_type_checks(&mut table, rules);
            table
        })
        .collect()
}

/// One table's columns, primary key and checks.
fn table(
    name: &str,
    rows: Vec<ColumnRow>,
    definition: &TableDefinition,
    warnings: &mut Vec<PullWarning>,
) -> TableFacts {
    let mut facts = TableFacts::named(name);
    if !definition.options.is_empty() {
        let options: Vec<&str> = definition.options.iter().map(String::as_str).collect();
        warnings.push(PullWarning::table_options(name, &options));
    }
    let mut key: Vec<(i64, String)> = rows
        .iter()
        .filter(|row| row.primary_key_position > 0)
        .map(|row| (row.primary_key_position, row.name.clone()))
        .collect();
    key.sort();
    let key: Vec<String> = key.into_iter().map(|(_, column)| column).collect();
    let key_constraint = definition.constraints.iter().find(|constraint| {
        matches!(&constraint.kind, ConstraintKind::PrimaryKey { columns, .. } if same_columns(columns, &key))
    });
    for row in rows {
        let object = format!("column {name}.{}", row.name);
        let rowid_alias = key.len() == 1
            && key[0] == row.name
            && row.declared_type.trim().eq_ignore_ascii_case("INTEGER")
            && definition.inline_primary_key.contains(&row.name);
        let column_type = if rowid_alias {
            ColumnType::BigInt
        } else {
            sqlite_type(&row.declared_type)
        };
        if let ColumnType::Native { base: None, .. } = column_type {
            warnings.push(PullWarning::new(
                WarningKind::NativeType,
                &object,
                format!(
                    "the declared type \"{}\" has no model type; it is kept as a native SQLite type",
                    row.declared_type
                ),
            ));
        }
        if row.hidden != 0 {
            warnings.push(PullWarning::new(
                WarningKind::GeneratedColumn,
                &object,
                "generated columns are not part of the model; it is pulled as a plain column",
            ));
        }
        let in_key = key.contains(&row.name);
        if in_key && !row.not_null && !rowid_alias {
            warnings.push(PullWarning::new(
                WarningKind::Other,
                &object,
                "SQLite lets this primary key column hold NULL; it is pulled as NOT NULL",
            ));
        }
        let default = match (&row.default, rowid_alias) {
            (Some(text), false) => match read_default(text, &column_type, Quoting::Standard) {
                Ok(value) => value,
                Err(reason) => {
                    warnings.push(PullWarning::new(
                        WarningKind::Default,
                        &object,
                        format!("{reason}; the column is pulled without a default"),
                    ));
                    None
                }
            },
            _ => None,
        };
        let collation = definition
            .collations
            .iter()
            .find(|(column, _)| *column == row.name)
            .map(|(_, collation)| collation.clone());
        facts.columns.push(Column {
            name: row.name,
            column_type,
            nullable: !row.not_null && !in_key,
            default,
            auto_increment: rowid_alias,
            comment: None,
            collation,
            renamed_from: None,
        });
    }
    if let Some(ConstraintKind::PrimaryKey {
        autoincrement: true,
        ..
    }) = key_constraint.map(|constraint| &constraint.kind)
    {
        warnings.push(PullWarning::new(
            WarningKind::Other,
            format!("table {name}"),
            "AUTOINCREMENT (never reusing the numbers of deleted rows) is not part of the model; the key is pulled as a plain rowid key",
        ));
    }
    if !key.is_empty() {
        facts.primary_key = Some(PrimaryKey {
            name: key_constraint
                .and_then(|constraint| constraint.name.clone())
                .unwrap_or_else(|| naming::primary_key_name(name)),
            columns: key,
        });
    }
    let mut unnamed = 0;
    for constraint in &definition.constraints {
        if let ConstraintKind::Check { expression } = &constraint.kind {
            let name = match &constraint.name {
                Some(name) => name.clone(),
                None => {
                    unnamed += 1;
                    format!("{name}_chk_{unnamed}")
                }
            };
            facts.checks.push(CheckConstraint {
                name,
                expression: check_text::from_sqlite(expression),
            });
        }
    }
    facts
}

fn read_indexes(
    parts: Vec<IndexPartRow>,
    tables: &mut BTreeMap<String, TableFacts>,
    definitions: &mut BTreeMap<String, TableDefinition>,
    warnings: &mut Vec<PullWarning>,
) {
    let mut groups: BTreeMap<(String, String), Vec<IndexPartRow>> = BTreeMap::new();
    for part in parts {
        groups
            .entry((part.table.clone(), part.index.clone()))
            .or_default()
            .push(part);
    }
    for ((table_name, index_name), parts) in groups {
        let Some(table) = tables.get_mut(&table_name) else {
            continue;
        };
        let first = &parts[0];
        if first.origin == "pk" {
            continue;
        }
        if parts.iter().any(|part| part.column.is_none()) {
            warnings.push(PullWarning::new(
                WarningKind::Index,
                format!("index {table_name}.{index_name}"),
                "indexes on expressions are not part of the model; recreate it after building the schema",
            ));
            continue;
        }
        let columns: Vec<String> = parts
            .iter()
            .filter_map(|part| part.column.clone())
            .collect();
        if first.origin == "u" {
            let name = definitions
                .get_mut(&table_name)
                .and_then(|definition| take_unique_name(definition, &columns))
                .unwrap_or_else(|| naming::unique_name(&table_name, &columns));
            table
                .unique_constraints
                .push(UniqueConstraint { name, columns });
            continue;
        }
        let predicate = if first.partial {
            first
                .index_sql
                .as_deref()
                .and_then(index_predicate)
                .map(|text| check_text::from_sqlite(&text))
        } else {
            None
        };
        let descending = parts
            .iter()
            .filter(|part| part.descending)
            .filter_map(|part| part.column.clone())
            .collect();
        table.indexes.push(Index {
            name: index_name,
            columns,
            unique: first.unique,
            origin: IndexOrigin::User,
            options: IndexOptions {
                descending,
                predicate,
                ..IndexOptions::default()
            },
        });
    }
}

/// The name of the first unnamed-yet-unclaimed UNIQUE constraint over `columns`, claimed.
fn take_unique_name(definition: &mut TableDefinition, columns: &[String]) -> Option<String> {
    let position = definition.constraints.iter().position(
        |constraint| matches!(&constraint.kind, ConstraintKind::Unique { columns: written } if same_columns(written, columns)),
    )?;
    let constraint = definition.constraints.remove(position);
    constraint.name
}

fn read_foreign_keys(
    parts: Vec<ForeignKeyPartRow>,
    tables: &mut BTreeMap<String, TableFacts>,
    definitions: &BTreeMap<String, TableDefinition>,
) {
    let mut groups: BTreeMap<(String, i64), Vec<ForeignKeyPartRow>> = BTreeMap::new();
    for part in parts {
        groups
            .entry((part.table.clone(), part.id))
            .or_default()
            .push(part);
    }
    let primary_keys: BTreeMap<String, Vec<String>> = tables
        .iter()
        .filter_map(|(name, table)| {
            table
                .primary_key
                .as_ref()
                .map(|key| (name.to_lowercase(), key.columns.clone()))
        })
        .collect();
    let table_names: BTreeMap<String, String> = tables
        .keys()
        .map(|name| (name.to_lowercase(), name.clone()))
        .collect();
    let mut claimed: Vec<(String, usize)> = Vec::new();
    for ((table_name, _), parts) in groups {
        let first = &parts[0];
        let referenced_table = table_names
            .get(&first.referenced_table.to_lowercase())
            .cloned()
            .unwrap_or_else(|| first.referenced_table.clone());
        let columns: Vec<String> = parts.iter().map(|part| part.column.clone()).collect();
        let referenced_columns: Vec<String> = match parts
            .iter()
            .map(|part| part.referenced_column.clone())
            .collect()
        {
            Some(columns) => columns,
            None => primary_keys
                .get(&referenced_table.to_lowercase())
                .cloned()
                .unwrap_or_default(),
        };
        let written = definitions.get(&table_name).and_then(|definition| {
            definition.constraints.iter().enumerate().find(|(index, constraint)| {
                !claimed.contains(&(table_name.clone(), *index))
                    && matches!(&constraint.kind, ConstraintKind::ForeignKey { columns: written, table }
                        if same_columns(written, &columns) && table.eq_ignore_ascii_case(&referenced_table))
            })
        });
        let name = match written {
            Some((index, constraint)) => {
                claimed.push((table_name.clone(), index));
                constraint.name.clone()
            }
            None => None,
        };
        let key = ForeignKey {
            name: name.unwrap_or_else(|| naming::foreign_key_name(&table_name, &columns)),
            columns,
            referenced_table,
            referenced_columns,
            on_delete: action(&first.on_delete),
            on_update: action(&first.on_update),
        };
        if let Some(table) = tables.get_mut(&table_name) {
            table.foreign_keys.push(key);
        }
    }
}

fn same_columns(left: &[String], right: &[String]) -> bool {
    left.len() == right.len()
        && left
            .iter()
            .zip(right)
            .all(|(left, right)| left.eq_ignore_ascii_case(right))
}

fn action(rule: &str) -> ReferentialAction {
    match rule.to_ascii_uppercase().as_str() {
        "CASCADE" => ReferentialAction::Cascade,
        "SET NULL" => ReferentialAction::SetNull,
        "SET DEFAULT" => ReferentialAction::SetDefault,
        "RESTRICT" => ReferentialAction::Restrict,
        _ => ReferentialAction::NoAction,
    }
}

/// The model type of a declared SQLite type.
fn sqlite_type(declared: &str) -> ColumnType {
    let tidy = tidy_type(declared);
    let native = |base: Option<ColumnType>| ColumnType::Native {
        base: base.map(Box::new),
        types: BTreeMap::from([(DIALECT.to_string(), declared.trim().to_string())]),
    };
    match parse_type(&tidy) {
        Ok(TypeSpec::Type(column_type))
            if sqlite_spelling(&column_type)
                .is_some_and(|spelled| spelled.eq_ignore_ascii_case(&tidy)) =>
        {
            column_type
        }
        Ok(TypeSpec::Type(column_type)) => native(Some(column_type)),
        _ => native(affinity_type(&tidy)),
    }
}

/// The type with runs of spaces collapsed and no spaces inside its parentheses.
fn tidy_type(declared: &str) -> String {
    let collapsed = declared.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")")
        .replace(", ", ",")
        .replace(" ,", ",")
}

/// How dbkit's SQLite dialect declares `column_type` (for a column that is not a rowid key).
fn sqlite_spelling(column_type: &ColumnType) -> Option<String> {
    Some(match column_type {
        ColumnType::SmallInt => "SMALLINT".into(),
        ColumnType::Int => "INTEGER".into(),
        ColumnType::BigInt => "BIGINT".into(),
        ColumnType::Decimal { precision, scale } => format!("NUMERIC({precision},{scale})"),
        ColumnType::Real => "REAL".into(),
        ColumnType::Double => "DOUBLE".into(),
        ColumnType::Char { length } => format!("CHAR({length})"),
        ColumnType::Varchar { length } => format!("VARCHAR({length})"),
        ColumnType::Text => "TEXT".into(),
        ColumnType::Boolean => "BOOLEAN".into(),
        ColumnType::Date => "DATE".into(),
        ColumnType::Time => "TIME".into(),
        ColumnType::Timestamp => "TIMESTAMP".into(),
        ColumnType::TimestampTz => "TIMESTAMPTZ".into(),
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
        _ => return None,
    })
}

/// The model type closest to SQLite's type affinity rules for a declared type.
fn affinity_type(declared: &str) -> Option<ColumnType> {
    let upper = declared.to_ascii_uppercase();
    if upper.contains("INT") {
        Some(ColumnType::BigInt)
    } else if upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT") {
        Some(ColumnType::Text)
    } else if upper.contains("BLOB") {
        Some(ColumnType::Blob)
    } else if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") {
        Some(ColumnType::Double)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_types_read_exactly() {
        assert_eq!(
            sqlite_type("VARCHAR(255)"),
            ColumnType::Varchar { length: 255 }
        );
        assert_eq!(
            sqlite_type("NUMERIC(8, 2)"),
            ColumnType::Decimal {
                precision: 8,
                scale: 2
            }
        );
        assert_eq!(sqlite_type("integer"), ColumnType::Int);
        assert_eq!(sqlite_type("TIMESTAMPTZ"), ColumnType::TimestampTz);
        let datetime = sqlite_type("DATETIME");
        assert!(
            matches!(&datetime, ColumnType::Native { base: Some(base), .. } if **base == ColumnType::Timestamp)
        );
        let nvarchar = sqlite_type("NVARCHAR(40)");
        assert!(
            matches!(&nvarchar, ColumnType::Native { base: Some(base), .. } if **base == ColumnType::Text)
        );
        assert!(matches!(
            sqlite_type("INT"),
            ColumnType::Native { base: Some(_), .. }
        ));
    }
}
