//! `dbkit build --apply` and `dbkit apply`, on SQLite files (server databases: see `examples`).

use super::support::{LIBRARY_SCHEMA, Project, schema_tables, sqlite_tables};

#[test]
fn build_apply_creates_the_default_sqlite_file() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    let run = project.dbkit(&["build", "--apply"]);
    run.assert_success();
    insta::assert_snapshot!(run.transcript());
    let database = project.path().join("dbkit.sqlite3");
    assert_eq!(sqlite_tables(&database), schema_tables(LIBRARY_SCHEMA));
    assert_eq!(
        project.files().len(),
        48,
        "schema.toml, 3 × (3 scripts + 12 query files), REPORT.md and the database"
    );

    // The database enforces the model: loans has its two foreign keys.
    let connection =
        rusqlite::Connection::open(&database).unwrap_or_else(|error| panic!("{error}"));
    let foreign_keys: i64 = connection
        .query_row(
            "SELECT COUNT(*) FROM pragma_foreign_key_list('loans')",
            [],
            |row| row.get(0),
        )
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(foreign_keys, 2);
}

#[test]
fn applying_again_is_refused_and_keeps_the_data() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    project.dbkit(&["build", "--apply"]).assert_success();
    let database = project.path().join("dbkit.sqlite3");
    let insert = |connection: &rusqlite::Connection| {
        connection.execute(
            "INSERT INTO authors (name) VALUES ('Ursula K. Le Guin')",
            [],
        )
    };
    {
        let connection =
            rusqlite::Connection::open(&database).unwrap_or_else(|error| panic!("{error}"));
        insert(&connection).unwrap_or_else(|error| panic!("{error}"));
    }
    let run = project.dbkit(&["apply"]);
    run.assert_code(1);
    insta::assert_snapshot!(run.transcript());
    let connection =
        rusqlite::Connection::open(&database).unwrap_or_else(|error| panic!("{error}"));
    let authors: i64 = connection
        .query_row("SELECT COUNT(*) FROM authors", [], |row| row.get(0))
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(authors, 1);
}

#[test]
fn the_url_comes_from_the_option_the_environment_or_dot_env() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    project.write(
        ".env",
        "# local settings\nDATABASE_URL=sqlite://from-dot-env.db\n",
    );

    let run = project.dbkit(&["apply"]);
    run.assert_success();
    assert!(
        run.stdout
            .contains("to sqlite://from-dot-env.db (DATABASE_URL in .env)"),
        "{}",
        run.stdout
    );

    let run = project.dbkit_with_env(&["apply"], &[("DATABASE_URL", "from-environment.db")]);
    run.assert_success();
    assert!(
        run.stdout
            .contains("to sqlite://from-environment.db (the DATABASE_URL environment variable)"),
        "{}",
        run.stdout
    );

    let run = project.dbkit_with_env(
        &["apply", "--url", "sqlite://from-option.db"],
        &[("DATABASE_URL", "x.db")],
    );
    run.assert_success();
    assert!(
        run.stdout.contains("to sqlite://from-option.db (--url)"),
        "{}",
        run.stdout
    );

    for file in ["from-dot-env.db", "from-environment.db", "from-option.db"] {
        assert_eq!(
            sqlite_tables(&project.path().join(file)),
            schema_tables(LIBRARY_SCHEMA),
            "{file}"
        );
    }
    assert!(!project.path().join("dbkit.sqlite3").exists());
    assert!(!project.path().join("x.db").exists());
}

#[test]
fn an_invalid_schema_is_not_applied() {
    let project = Project::with_schema(
        "[tables.t]\ncolumns.id = \"id\"\ncolumns.x = { references = \"nowhere\" }\n",
    );
    let run = project.dbkit(&["build", "--apply"]);
    run.assert_code(1);
    insta::assert_snapshot!(run.transcript());
    let run = project.dbkit(&["apply"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("so nothing was applied"),
        "{}",
        run.stderr
    );
    assert_eq!(project.files().len(), 1, "no script and no database file");
}

#[test]
fn connection_failures_never_show_the_password() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    let run = project.dbkit(&[
        "apply",
        "--url",
        "mysql://root:Very-Secret-99@127.0.0.1:1/library",
    ]);
    run.assert_code(1);
    insta::assert_snapshot!(run.transcript());
    assert!(!run.transcript().contains("Very-Secret-99"));

    let run = project.dbkit_with_env(
        &["build", "--apply"],
        &[(
            "DATABASE_URL",
            "postgres://app:Very-Secret-99@127.0.0.1:1/library",
        )],
    );
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("postgres://app:***@127.0.0.1:1/library"),
        "{}",
        run.stderr
    );
    assert!(!run.transcript().contains("Very-Secret-99"));
}

#[test]
fn a_bad_url_is_explained_before_anything_is_written() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    let run = project.dbkit(&[
        "build",
        "--apply",
        "--url",
        "postgress://u:Very-Secret-99@host/db",
    ]);
    run.assert_code(1);
    insta::assert_snapshot!(run.transcript());
    assert_eq!(project.files().len(), 1);
}
