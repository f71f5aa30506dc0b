//! A dialect that cannot express part of a schema says so, naming the place, instead of
//! writing SQL that the database would weaken or reject.

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_generate::render_ddl;
use dbkit_model::{ParseOptions, Schema, parse_schema};

fn parse(source: &str) -> Schema {
    match parse_schema(source, "schema.toml", &ParseOptions::default()) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{diagnostics}"),
    }
}

#[test]
fn mysql_refuses_set_default() {
    let schema = parse(
        r#"
[project]
dialects = ["postgres"]

[tables.librarians]
columns.id = "id"

[tables.inspections]
columns.id = "id"
columns.librarian_id = { references = "librarians", nullable = true, default = 1, on_delete = "set default" }
"#,
    );
    let error = render_ddl(&schema, &MysqlDialect).expect_err("InnoDB has no set default");
    assert_eq!(
        error.to_string(),
        "cannot build the schema for MySQL / MariaDB: inspections.fk_inspections_librarian_id: mysql does not support the foreign key action \"set default\"; choose \"set null\", \"cascade\" or \"restrict\""
    );
}

#[test]
fn mysql_refuses_an_index_on_text() {
    let schema = parse(
        r#"
[project]
dialects = ["postgres"]

[tables.notes]
columns.id = "id"
columns.body = "text"
indexes.by_body = ["body"]
"#,
    );
    let error = render_ddl(&schema, &MysqlDialect).expect_err("no index on TEXT without a prefix");
    assert_eq!(
        error.to_string(),
        "cannot build the schema for MySQL / MariaDB: notes.body: mysql does not support an index on a text column; use varchar(n) for a column that is a key or indexed"
    );
}
