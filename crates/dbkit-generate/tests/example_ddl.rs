//! The example project's scripts, per dialect, as snapshots.

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_generate::render_ddl;
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

fn scripts(dialect: &dyn Dialect) -> (String, String) {
    match render_ddl(&example(), dialect) {
        Ok(scripts) => (scripts.create.render(), scripts.drop.render()),
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn mysql_scripts() {
    let (create, drop) = scripts(&MysqlDialect);
    insta::assert_snapshot!("mysql_schema", create);
    insta::assert_snapshot!("mysql_drop", drop);
}

#[test]
fn postgres_scripts() {
    let (create, drop) = scripts(&PostgresDialect);
    insta::assert_snapshot!("postgres_schema", create);
    insta::assert_snapshot!("postgres_drop", drop);
}

#[test]
fn sqlite_scripts() {
    let (create, drop) = scripts(&SqliteDialect);
    insta::assert_snapshot!("sqlite_schema", create);
    insta::assert_snapshot!("sqlite_drop", drop);
}

#[test]
fn output_is_the_same_on_every_run() {
    for dialect in [
        &MysqlDialect as &dyn Dialect,
        &PostgresDialect,
        &SqliteDialect,
    ] {
        assert_eq!(
            scripts(dialect),
            scripts(dialect),
            "{}",
            dialect.info().name
        );
    }
}
