//! The CRUD handshake: every query a backend needs on each table, per dialect.
//!
//! [`render_queries`] builds the [`QuerySet`] of a schema for one dialect: per table, create
//! (returning the generated key), get by primary key and by each unique key, list with keyset
//! pagination, count, update and delete; per foreign key, the children of a parent row and the
//! parent of a child row; per many-to-many junction, the rows of each side linked to a row of
//! the other, link and unlink.
//!
//! The writers turn a set into files: [`handshake_files`] gives `queries/<table>.sql` in sqlc's
//! annotation format, `queries/sqlc.yaml` and `queries/README.md`; [`python_files`] gives one
//! Python module with a function per query for every dialect's DB-API drivers.

mod context;
mod crud;
pub mod model;
mod names;
pub mod python;
pub mod readme;
mod relations;
mod sql;
pub mod sqlc;

use std::collections::HashMap;

use dbkit_model::Schema;
use dbkit_sdk::Dialect;

use crate::ddl::GenerateError;
use context::{BuildError, TableContext};
pub use model::{
    Command, JunctionSide, Parameter, ParameterRole, Query, QueryKind, QuerySet, ResultColumn,
    SqlPart, TableQueries,
};

/// One generated file: where it goes and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path relative to the folder the caller writes into, with `/` between parts.
    pub path: String,
    /// The file's text.
    pub contents: String,
}

/// Builds every query of the handshake for `schema` in `dialect`.
///
/// Tables keep the schema's order; a table's file holds its own queries, then those that
/// follow its foreign keys (or, for a junction table, its two sides). Query names are unique in
/// the whole set; a schema whose names would clash (tables `book_publisher` and `books` with a
/// `publisher_id`, say) is an error that names both tables.
pub fn render_queries(schema: &Schema, dialect: &dyn Dialect) -> Result<QuerySet, GenerateError> {
    let info = dialect.info();
    let all_names = names::table_names(schema);
    let mut tables = Vec::new();
    for (table, names) in schema.tables.iter().zip(&all_names) {
        let context = TableContext {
            schema,
            dialect,
            table,
            names,
            all_names: &all_names,
        };
        let wrap = |error: BuildError| match error {
            BuildError::Dialect(source) => GenerateError::Dialect {
                dialect: info.display_name.clone(),
                source,
            },
            BuildError::Template { method, error } => GenerateError::DialectTemplate {
                dialect: info.display_name.clone(),
                table: table.name.clone(),
                method: method.to_string(),
                output: error.output,
            },
        };
        let mut drafts = crud::table_queries(&context).map_err(wrap)?;
        drafts.extend(relations::relationship_queries(&context).map_err(wrap)?);
        let note = table.primary_key.is_none().then(|| {
            format!(
                "{} has no primary key, so it has no get, update, delete or paged list queries.",
                table.name
            )
        });
        tables.push(TableQueries {
            table: table.name.clone(),
            file_stem: names.file_stem.clone(),
            queries: drafts
                .into_iter()
                .map(|draft| context.finish(draft))
                .collect(),
            note,
        });
    }
    check_unique_names(&tables)?;
    Ok(QuerySet {
        project: schema.project.name.clone(),
        dialect: info.name.clone(),
        dialect_display_name: info.display_name.clone(),
        sqlc_engine: dialect.sqlc_engine(),
        python_drivers: dialect.python_drivers(),
        placeholder_example: dialect.placeholder(1),
        tables,
    })
}

/// Fails when two queries share a name (or a Python function name).
fn check_unique_names(tables: &[TableQueries]) -> Result<(), GenerateError> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for table in tables {
        for query in &table.queries {
            for key in [
                query.name.to_lowercase(),
                format!("fn {}", query.function_name),
            ] {
                if let Some(first) = seen.insert(key, &table.table) {
                    return Err(GenerateError::QueryNameClash {
                        name: query.name.clone(),
                        first: first.to_string(),
                        second: table.table.clone(),
                    });
                }
            }
        }
    }
    Ok(())
}

/// The handshake files of one dialect, with paths relative to the dialect's build folder
/// (`DIR/<dialect>/`): `queries/<table>.sql` per table, `queries/sqlc.yaml` (when sqlc can
/// read the dialect) and `queries/README.md`.
pub fn handshake_files(
    schema: &Schema,
    dialect: &dyn Dialect,
) -> Result<Vec<GeneratedFile>, GenerateError> {
    let set = render_queries(schema, dialect)?;
    let mut files: Vec<GeneratedFile> = set
        .tables
        .iter()
        .map(|table| GeneratedFile {
            path: format!("queries/{}.sql", table.file_stem),
            contents: sqlc::sql_file(&set, table),
        })
        .collect();
    if let Some(contents) = sqlc::sqlc_yaml(&set) {
        files.push(GeneratedFile {
            path: "queries/sqlc.yaml".to_string(),
            contents,
        });
    }
    files.push(GeneratedFile {
        path: "queries/README.md".to_string(),
        contents: readme::readme(&set),
    });
    Ok(files)
}

/// The Python module of the handshake, with its path relative to the Python build folder
/// (`DIR/python/`): `<project>_queries.py`, holding the SQL of every dialect in `dialects`.
pub fn python_files(
    schema: &Schema,
    dialects: &[&dyn Dialect],
) -> Result<Vec<GeneratedFile>, GenerateError> {
    let sets = dialects
        .iter()
        .map(|dialect| render_queries(schema, *dialect))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(vec![GeneratedFile {
        path: format!("{}.py", python::module_name(&schema.project.name)),
        contents: python::python_module(&schema.project.name, &sets),
    }])
}
