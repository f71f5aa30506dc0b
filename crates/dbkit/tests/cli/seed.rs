//! `dbkit seed`: loading the default SQLite database, writing CSV and SQL files, and refusing
//! bad counts before touching anything.

use super::support::{LIBRARY_SCHEMA, Project};

fn count(project: &Project, table: &str) -> i64 {
    let connection = rusqlite::Connection::open(project.path().join("dbkit.sqlite3"))
        .unwrap_or_else(|error| panic!("open the database: {error}"));
    connection
        .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |row| {
            row.get(0)
        })
        .unwrap_or_else(|error| panic!("count {table}: {error}"))
}

#[test]
fn loads_the_default_sqlite_database_and_appends_on_a_second_run() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    project.dbkit(&["apply"]).assert_success();
    let run = project.dbkit(&["seed", "--rows", "200", "--table-rows", "loans=500"]);
    run.assert_success();
    assert_eq!(count(&project, "members"), 200);
    assert_eq!(count(&project, "loans"), 500);

    let run = project.dbkit(&["seed", "--rows", "10"]);
    run.assert_success();
    assert!(
        run.transcript()
            .contains("members held 200 rows already: the new rows were appended"),
        "{}",
        run.transcript()
    );
    assert_eq!(count(&project, "members"), 210);

    project
        .dbkit(&["seed", "--rows", "20", "--truncate"])
        .assert_success();
    assert_eq!(count(&project, "members"), 20);
}

#[test]
fn writes_csv_and_sql_files_that_are_the_same_on_every_run() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    project
        .dbkit(&["seed", "--format", "csv", "--out", "csv", "--rows", "30"])
        .assert_success();
    let members = project.read("csv/members.csv");
    assert_eq!(members.lines().count(), 31, "a header and 30 rows");
    assert!(
        members.starts_with("id,name,email,phone,is_active,joined_at"),
        "{members}"
    );

    project
        .dbkit(&[
            "seed",
            "--format",
            "sql",
            "--dialect",
            "postgres",
            "--out",
            "a",
            "--seed",
            "7",
        ])
        .assert_success();
    project
        .dbkit(&[
            "seed",
            "--format",
            "sql",
            "--dialect",
            "postgres",
            "--out",
            "b",
            "--seed",
            "7",
        ])
        .assert_success();
    assert_eq!(
        project.read("a/postgres/seed.sql"),
        project.read("b/postgres/seed.sql")
    );
    project
        .dbkit(&[
            "seed",
            "--format",
            "sql",
            "--dialect",
            "postgres",
            "--out",
            "c",
            "--seed",
            "8",
        ])
        .assert_success();
    assert_ne!(
        project.read("a/postgres/seed.sql"),
        project.read("c/postgres/seed.sql")
    );
}

#[test]
fn a_bad_count_is_refused_before_anything_happens() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    let run = project.dbkit(&["seed", "--table-rows", "loans"]);
    run.assert_code(1);
    assert!(
        run.transcript()
            .contains("--table-rows \"loans\" is not TABLE=N"),
        "{}",
        run.transcript()
    );
    assert!(!project.path().join("dbkit.sqlite3").exists());
}
