//! The handshake's rules on schemas the example does not have: names that clash, tables without
//! a primary key, a table of generated columns only, and odd characters in names.

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_generate::queries::{Command, ParameterRole, QueryKind};
use dbkit_generate::{GenerateError, python_files, render_queries};
use dbkit_model::{ParseOptions, Schema, parse_schema};
use dbkit_sdk::Dialect;

fn schema(source: &str) -> Schema {
    match parse_schema(source, "schema.toml", &ParseOptions::default()) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{diagnostics}"),
    }
}

#[test]
fn clashing_query_names_are_an_error_that_names_both_tables() {
    let schema = schema(
        r#"
        [project]
        name = "clash"
        [tables.publishers]
        columns.id = "id"
        [tables.books]
        columns.id = "id"
        columns.publisher_id = { references = "publishers" }
        [tables.publisher_of_books]
        columns.id = "id"
        "#,
    );
    match render_queries(&schema, &SqliteDialect) {
        Err(GenerateError::QueryNameClash {
            name,
            first,
            second,
        }) => {
            assert_eq!(name, "GetPublisherOfBook");
            assert_eq!(
                (first.as_str(), second.as_str()),
                ("books", "publisher_of_books")
            );
        }
        other => panic!("expected a name clash, got {other:?}"),
    }
}

#[test]
fn tables_with_the_same_singular_keep_their_queries_apart() {
    let schema = schema(
        r#"
        [project]
        name = "plural"
        [tables.book]
        columns.id = "id"
        [tables.books]
        columns.id = "id"
        "#,
    );
    let set = render_queries(&schema, &SqliteDialect).unwrap_or_else(|error| panic!("{error}"));
    let gets: Vec<&str> = set
        .queries()
        .filter(|query| query.kind == QueryKind::Get)
        .map(|query| query.name.as_str())
        .collect();
    assert_eq!(gets, ["GetBook", "GetBooks"]);
}

#[test]
fn a_table_without_a_primary_key_gets_no_keyed_queries() {
    let schema = schema(
        r#"
        [project]
        name = "legacy"
        [tables.events]
        no_primary_key = true
        columns.message = "text"
        columns.code = { type = "varchar(10)", unique = true }
        "#,
    );
    let set = render_queries(&schema, &PostgresDialect).unwrap_or_else(|error| panic!("{error}"));
    let table = &set.tables[0];
    let kinds: Vec<&QueryKind> = table.queries.iter().map(|query| &query.kind).collect();
    assert_eq!(
        kinds,
        [
            &QueryKind::Create,
            &QueryKind::GetByUnique {
                columns: vec!["code".into()]
            },
            &QueryKind::List { after: false },
            &QueryKind::Count,
        ]
    );
    assert!(
        table
            .note
            .as_deref()
            .is_some_and(|note| note.contains("no primary key"))
    );
    assert_eq!(table.queries[0].command, Command::Exec);
    let list = &table.queries[2];
    assert!(!list.sql.contains("ORDER BY"), "{}", list.sql);
}

#[test]
fn a_table_of_generated_columns_only_inserts_defaults() {
    let schema = schema(
        r#"
        [project]
        name = "tokens"
        [tables.tokens]
        columns.id = "id"
        "#,
    );
    let create = |dialect: &dyn Dialect| {
        let set = render_queries(&schema, dialect).unwrap_or_else(|error| panic!("{error}"));
        let query = set
            .queries()
            .find(|query| query.kind == QueryKind::Create)
            .cloned();
        query.unwrap_or_else(|| panic!("no create query"))
    };
    assert_eq!(
        create(&MysqlDialect).sql,
        "INSERT INTO `tokens` () VALUES ()"
    );
    assert_eq!(create(&MysqlDialect).command, Command::ExecLastId);
    assert_eq!(
        create(&PostgresDialect).sql,
        "INSERT INTO \"tokens\" DEFAULT VALUES\nRETURNING \"id\""
    );
    assert!(
        render_queries(&schema, &PostgresDialect)
            .is_ok_and(|set| set.query("UpdateToken").is_none())
    );
}

#[test]
fn odd_names_are_quoted_and_parameters_stay_identifiers() {
    let schema = schema(
        r#"
        [project]
        name = "odd names"
        [tables."order"]
        columns.id = "id"
        columns."from" = "date"
        columns."rate %" = "int"
        columns."it's `odd`" = "varchar(10)?"
        columns.limit = "int"
        "#,
    );
    let set = render_queries(&schema, &MysqlDialect).unwrap_or_else(|error| panic!("{error}"));
    let list = set
        .query("ListOrderAfter")
        .unwrap_or_else(|| panic!("no ListOrderAfter"));
    assert!(
        list.sql.contains("`rate %`, `it's ``odd```, `limit`"),
        "{}",
        list.sql
    );
    let names: Vec<&str> = list
        .parameters
        .iter()
        .map(|parameter| parameter.name.as_str())
        .collect();
    assert_eq!(names, ["after_id", "limit"]);
    let update = set
        .query("UpdateOrder")
        .unwrap_or_else(|| panic!("no UpdateOrder"));
    let names: Vec<&str> = update
        .parameters
        .iter()
        .map(|parameter| parameter.name.as_str())
        .collect();
    assert_eq!(names, ["from", "rate", "it_s_odd", "limit", "id"]);
    assert!(
        update
            .parameters
            .iter()
            .all(|parameter| parameter.role != ParameterRole::Limit)
    );

    let dialects: [&dyn Dialect; 1] = [&MysqlDialect];
    let files = python_files(&schema, &dialects).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(files[0].path, "odd_names_queries.py");
    let module = &files[0].contents;
    assert!(
        module.contains("def update_order(conn, from_, rate, it_s_odd, limit, id):"),
        "{module}"
    );
    assert!(
        module.contains("`rate %%`"),
        "a literal % must be doubled for the format paramstyle"
    );
}
