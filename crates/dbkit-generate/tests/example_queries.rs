//! The example project's handshake files, per dialect, and its Python module, as snapshots.

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_generate::{GeneratedFile, handshake_files, python_files};
use dbkit_model::{ParseOptions, Schema, parse_schema};
use dbkit_sdk::Dialect;

fn example() -> Schema {
    match parse_schema(
        include_str!("../../../schema.toml"),
        "schema.toml",
        &ParseOptions::default(),
    ) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{diagnostics}"),
    }
}

fn files(dialect: &dyn Dialect) -> Vec<GeneratedFile> {
    match handshake_files(&example(), dialect) {
        Ok(files) => files,
        Err(error) => panic!("{error}"),
    }
}

/// One snapshot per file, named `<dialect>__<file>`.
fn assert_files(dialect: &dyn Dialect) {
    let files = files(dialect);
    let paths: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
    insta::assert_snapshot!(format!("{}_paths", dialect.info().name), paths.join("\n"));
    for file in &files {
        let name = format!("{}__{}", dialect.info().name, file.path.replace('/', "__"));
        insta::assert_snapshot!(name, file.contents);
    }
}

#[test]
fn mysql_handshake() {
    assert_files(&MysqlDialect);
}

#[test]
fn postgres_handshake() {
    assert_files(&PostgresDialect);
}

#[test]
fn sqlite_handshake() {
    assert_files(&SqliteDialect);
}

#[test]
fn python_module() {
    let dialects: [&dyn Dialect; 3] = [&MysqlDialect, &PostgresDialect, &SqliteDialect];
    let files = match python_files(&example(), &dialects) {
        Ok(files) => files,
        Err(error) => panic!("{error}"),
    };
    let [file] = files.as_slice() else {
        panic!("expected one Python file, got {}", files.len());
    };
    assert_eq!(file.path, "library_queries.py");
    insta::assert_snapshot!("python__library_queries.py", file.contents);
}

#[test]
fn output_is_the_same_on_every_run() {
    for dialect in [
        &MysqlDialect as &dyn Dialect,
        &PostgresDialect,
        &SqliteDialect,
    ] {
        assert_eq!(files(dialect), files(dialect), "{}", dialect.info().name);
    }
}
