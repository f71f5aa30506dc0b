//! `dbkit build`.

use std::path::PathBuf;

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_generate::render_ddl;
use dbkit_model::{ParseOptions, parse_schema};
use dbkit_sdk::Dialect;

use super::support::{LIBRARY_SCHEMA, Project};

/// A schema with two mistakes: an unknown type and a reference to a missing table.
const INVALID_SCHEMA: &str = r#"[project]
name = "broken"

[tables.books]
columns.id = "id"
columns.title = "varchar(255)"
columns.pages = "integr"
columns.author_id = { references = "autors" }

[tables.authors]
columns.id = "id"
columns.name = "varchar(100)"
"#;

#[test]
fn writes_schema_and_drop_scripts_for_every_dialect() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    let run = project.dbkit(&["build"]);
    run.assert_success();
    insta::assert_snapshot!(run.transcript());

    let schema = parse_schema(LIBRARY_SCHEMA, "schema.toml", &ParseOptions::default())
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    let dialects: [&dyn Dialect; 3] = [&MysqlDialect, &PostgresDialect, &SqliteDialect];
    let mut expected = Vec::new();
    for dialect in dialects {
        let scripts = render_ddl(&schema, dialect).unwrap_or_else(|error| panic!("{error}"));
        let name = dialect.info().name;
        assert_eq!(
            project.read(&format!("build/{name}/schema.sql")),
            scripts.create.render()
        );
        assert_eq!(
            project.read(&format!("build/{name}/drop.sql")),
            scripts.drop.render()
        );
        expected.push(PathBuf::from(format!("build/{name}/drop.sql")));
        expected.push(PathBuf::from(format!("build/{name}/schema.sql")));
        expected.push(PathBuf::from(format!("build/{name}/seed.sql")));
        let queries = dbkit_generate::handshake_files(&schema, dialect)
            .unwrap_or_else(|error| panic!("{error}"));
        for file in queries {
            let path = format!("build/{name}/{}", file.path);
            assert_eq!(project.read(&path), file.contents, "{path}");
            expected.push(PathBuf::from(path));
        }
    }
    expected.push(PathBuf::from("build/REPORT.md"));
    expected.push(PathBuf::from("schema.toml"));
    expected.sort();
    let written: Vec<PathBuf> = project.files().into_keys().collect();
    assert_eq!(
        written, expected,
        "exactly the scripts, the handshake queries and the report, and no leftover temporary file"
    );
}

#[test]
fn gives_the_same_bytes_on_every_build() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    project.dbkit(&["build", "--out", "first"]).assert_success();
    project
        .dbkit(&["build", "--out", "second"])
        .assert_success();
    let files = project.files();
    let first: Vec<(String, &Vec<u8>)> = files
        .iter()
        .filter_map(|(path, bytes)| {
            Some((
                path.strip_prefix("first").ok()?.display().to_string(),
                bytes,
            ))
        })
        .collect();
    let second: Vec<(String, &Vec<u8>)> = files
        .iter()
        .filter_map(|(path, bytes)| {
            Some((
                path.strip_prefix("second").ok()?.display().to_string(),
                bytes,
            ))
        })
        .collect();
    assert_eq!(
        first.len(),
        46,
        "3 × (3 scripts + 12 query files) and REPORT.md"
    );
    assert_eq!(first, second);

    // Building again over the same folder changes nothing.
    project.dbkit(&["build", "--out", "first"]).assert_success();
    assert_eq!(project.files(), files);
}

#[test]
fn builds_only_the_chosen_dialects_into_the_chosen_folder() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    let run = project.dbkit(&[
        "build",
        "--dialect",
        "mariadb,sqlite",
        "--out",
        "sql",
        "--schema",
        "schema.toml",
    ]);
    run.assert_success();
    insta::assert_snapshot!(run.transcript());
    let written: Vec<String> = project
        .files()
        .into_keys()
        .map(|path| path.display().to_string())
        .filter(|path| !path.contains("/queries/"))
        .collect();
    assert_eq!(
        written,
        [
            "schema.toml",
            "sql/REPORT.md",
            "sql/mysql/drop.sql",
            "sql/mysql/schema.sql",
            "sql/mysql/seed.sql",
            "sql/sqlite/drop.sql",
            "sql/sqlite/schema.sql",
            "sql/sqlite/seed.sql"
        ]
    );
    assert!(project.path().join("sql/mysql/queries/books.sql").exists());
    assert!(!project.path().join("sql/postgres").exists());
}

#[test]
fn follows_the_project_dialects() {
    let source = LIBRARY_SCHEMA.replace(
        "name = \"library\"",
        "name = \"library\"\ndialects = [\"postgres\"]",
    );
    let project = Project::with_schema(&source);
    project.dbkit(&["build"]).assert_success();
    let written: Vec<String> = project
        .files()
        .into_keys()
        .map(|path| path.display().to_string())
        .filter(|path| !path.contains("/queries/"))
        .collect();
    assert_eq!(
        written,
        [
            "build/REPORT.md",
            "build/postgres/drop.sql",
            "build/postgres/schema.sql",
            "build/postgres/seed.sql",
            "schema.toml"
        ]
    );
}

#[test]
fn an_invalid_schema_prints_every_error_and_writes_nothing() {
    let project = Project::with_schema(INVALID_SCHEMA);
    let run = project.dbkit(&["build"]);
    run.assert_code(1);
    insta::assert_snapshot!(run.transcript());
    assert!(!project.path().join("build").exists());

    // An earlier build's output is left exactly as it was.
    project.write("build/sqlite/schema.sql", "-- an earlier build\n");
    let before = project.files();
    project.dbkit(&["build"]).assert_code(1);
    assert_eq!(project.files(), before);
}

#[test]
fn an_identifier_too_long_for_a_chosen_dialect_is_an_error() {
    let long = "a".repeat(70);
    let source = format!("[tables.{long}]\ncolumns.id = \"id\"\n");
    let project = Project::with_schema(&source);
    // SQLite accepts it...
    project
        .dbkit(&["build", "--dialect", "sqlite"])
        .assert_success();
    // ...MySQL (64 characters) does not, and nothing more is written.
    let before = project.files();
    let run = project.dbkit(&["build", "--dialect", "mysql"]);
    run.assert_code(1);
    assert!(
        run.stderr.contains("schema.toml:1:9: error:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("mysql"), "{}", run.stderr);
    assert_eq!(project.files(), before);
}

#[test]
fn an_unknown_dialect_is_explained_and_nothing_is_written() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    let run = project.dbkit(&["build", "--dialect", "postgress"]);
    run.assert_code(1);
    insta::assert_snapshot!(run.transcript());
    let run = project.dbkit(&["build", "--dialect", "sqlite,oracle"]);
    run.assert_code(1);
    assert!(
        run.stderr
            .starts_with("error: unknown dialect \"oracle\" in --dialect\n"),
        "{}",
        run.stderr
    );
    assert_eq!(project.files().len(), 1);
}

#[test]
fn a_missing_schema_file_points_at_init() {
    let project = Project::empty();
    let run = project.dbkit(&["build"]);
    run.assert_code(1);
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn usage_errors_exit_with_code_2() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    project.dbkit(&["build", "--no-such-option"]).assert_code(2);
    project
        .dbkit(&["build", "--url", "sqlite::memory:"])
        .assert_code(2);
    project.dbkit(&["frobnicate"]).assert_code(2);
    assert_eq!(project.files().len(), 1);
}

#[test]
fn a_misspelt_project_dialect_is_located_in_the_file() {
    let source = LIBRARY_SCHEMA.replace(
        "name = \"library\"",
        "name = \"library\"\ndialects = [\"sqlite\", \"mysqll\"]",
    );
    let project = Project::with_schema(&source);
    let run = project.dbkit(&["build"]);
    run.assert_code(1);
    let line = source
        .lines()
        .position(|line| line.starts_with("dialects"))
        .map_or(0, |index| index + 1);
    assert!(
        run.stderr.starts_with(&format!("schema.toml:{line}:")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("\"mysqll\""), "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean \"mysql\"?"),
        "{}",
        run.stderr
    );
    assert_eq!(project.files().len(), 1);
}

#[test]
fn writes_the_python_handshake_on_request() {
    let project = Project::with_schema(LIBRARY_SCHEMA);
    project
        .dbkit(&["build", "--handshake", "python"])
        .assert_success();
    let module = project.read("build/python/library_queries.py");
    assert!(module.contains("def get_book("), "{module}");
    assert!(module.contains("def list_books_after("), "{module}");
}
