//! The model as a database of one kind holds it, so that a `schema.toml` and a database built
//! from it compare equal.
//!
//! Each database keeps some of the model lossily. These are the rules (documented in
//! `docs/introspection.md`):
//!
//! | Database | What it keeps differently |
//! |---|---|
//! | all | which tables came from relationships and which indexes dbkit added (it keeps the tables and indexes themselves); declared renames |
//! | MySQL/MariaDB | no primary key names (every key is `PRIMARY`; the model uses `pk_<table>`); `set default` actions are `restrict` (InnoDB has no SET DEFAULT); `timestamptz` is `DATETIME` (`timestamp`); `uuid` is `CHAR(36)`; a unique index is a unique constraint; no partial indexes, no index methods |
//! | PostgreSQL | no unsigned or 8/24-bit integers (the next larger type); one binary type (`blob`) and one text type (`text`); no prefix or full-text indexes; no table options |
//! | SQLite | no comments; `uuid` is `CHAR(36)`; no prefix or full-text indexes, no index methods; no table options |
//!
//! Native types keep the spelling for the database's dialect, or fall back to their base type.

use dbkit_model::{
    ColumnType, Index, IndexOrigin, ReferentialAction, Schema, TableKind, TableOptions,
    UniqueConstraint, naming,
};

use crate::url::Backend;

/// `schema` as a database of kind `backend` stores it.
pub fn stored_form(schema: &Schema, backend: Backend) -> Schema {
    let mut schema = schema.clone();
    let dialect = backend.dialect_name();
    for table in &mut schema.tables {
        table.kind = TableKind::Plain;
        table.renamed_from = None;
        for column in &mut table.columns {
            column.renamed_from = None;
            column.column_type = stored_type(&column.column_type, backend, dialect);
            if backend == Backend::Sqlite {
                column.comment = None;
            }
        }
        for index in &mut table.indexes {
            index.origin = IndexOrigin::User;
            match backend {
                Backend::Mysql => {
                    index.options.predicate = None;
                    index.options.method = None;
                }
                Backend::Postgres => {
                    index.options.prefix_lengths.clear();
                    index.options.fulltext = false;
                }
                Backend::Sqlite => {
                    index.options.prefix_lengths.clear();
                    index.options.fulltext = false;
                    index.options.method = None;
                }
            }
        }
        match backend {
            Backend::Mysql => {
                if let Some(key) = &mut table.primary_key {
                    key.name = naming::primary_key_name(&table.name);
                }
                // InnoDB does not support SET DEFAULT; MariaDB keeps such keys as RESTRICT.
                for key in &mut table.foreign_keys {
                    for action in [&mut key.on_delete, &mut key.on_update] {
                        if *action == ReferentialAction::SetDefault {
                            *action = ReferentialAction::Restrict;
                        }
                    }
                }
                let (unique, other): (Vec<Index>, Vec<Index>) = std::mem::take(&mut table.indexes)
                    .into_iter()
                    .partition(|index| index.unique && index.options.is_empty());
                table.indexes = other;
                table
                    .unique_constraints
                    .extend(unique.into_iter().map(|index| UniqueConstraint {
                        name: index.name,
                        columns: index.columns,
                    }));
            }
            Backend::Postgres | Backend::Sqlite => table.options = TableOptions::default(),
        }
        if backend == Backend::Sqlite {
            table.comment = None;
            // The single-column auto-increment key is SQLite's rowid, a 64-bit integer.
            let rowid_key = match &table.primary_key {
                Some(key) if key.columns.len() == 1 => Some(key.columns[0].clone()),
                _ => None,
            };
            for column in &mut table.columns {
                if column.auto_increment && rowid_key.as_ref() == Some(&column.name) {
                    column.column_type = ColumnType::BigInt;
                }
            }
        }
    }
    schema
}

/// The type a column of `column_type` reads back as from a database of kind `backend`.
fn stored_type(column_type: &ColumnType, backend: Backend, dialect: &str) -> ColumnType {
    if let ColumnType::Native { base, types } = column_type {
        return match (types.contains_key(dialect), base) {
            (true, _) => ColumnType::Native {
                base: base
                    .as_ref()
                    .map(|base| Box::new(stored_type(base, backend, dialect))),
                types: types
                    .iter()
                    .filter(|(name, _)| *name == dialect)
                    .map(|(name, spelling)| (name.clone(), spelling.clone()))
                    .collect(),
            },
            (false, Some(base)) => stored_type(base, backend, dialect),
            (false, None) => column_type.clone(),
        };
    }
    match backend {
        Backend::Mysql => match column_type {
            ColumnType::TimestampTz => ColumnType::Timestamp,
            ColumnType::Uuid => ColumnType::Char { length: 36 },
            other => other.clone(),
        },
        Backend::Postgres => match column_type {
            ColumnType::TinyInt | ColumnType::TinyIntUnsigned => ColumnType::SmallInt,
            ColumnType::MediumInt
            | ColumnType::SmallIntUnsigned
            | ColumnType::MediumIntUnsigned => ColumnType::Int,
            ColumnType::IntUnsigned => ColumnType::BigInt,
            ColumnType::BigIntUnsigned => ColumnType::Decimal {
                precision: 20,
                scale: 0,
            },
            ColumnType::Binary { .. }
            | ColumnType::VarBinary { .. }
            | ColumnType::TinyBlob
            | ColumnType::MediumBlob => ColumnType::Blob,
            ColumnType::TinyText | ColumnType::MediumText | ColumnType::LongText => {
                ColumnType::Text
            }
            other => other.clone(),
        },
        Backend::Sqlite => match column_type {
            ColumnType::Uuid => ColumnType::Char { length: 36 },
            other => other.clone(),
        },
    }
}
