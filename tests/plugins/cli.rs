//! The unmodified `dbkit` binary builds for a dialect it has never heard of, loaded with
//! `--plugin` or from `[project] plugins`, and refuses a broken plugin without writing anything.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use sqlparser::dialect::MsSqlDialect;
use sqlparser::parser::Parser;

use support::{dbkit_binary, plugin_library};

const SCHEMA: &str = r#"
[project]
name = "plugin_demo"

[tables.members]
columns.id = "id"
columns.name = "varchar(100)"
columns.is_active = { type = "boolean", default = true }

[tables.loans]
columns.id = "id"
columns.member_id = { references = "members", on_delete = "cascade" }
columns.due_on = "date"
"#;

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(dbkit_binary())
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|error| panic!("cannot run dbkit: {error}"))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|error| panic!("temporary folder: {error}"));
    std::fs::write(dir.path().join("schema.toml"), SCHEMA)
        .unwrap_or_else(|error| panic!("write schema.toml: {error}"));
    dir
}

#[test]
fn build_with_a_plugin_from_the_command_line() {
    let dir = project();
    let library = plugin_library("dbkit_dialect_mssql");
    let library = library.to_string_lossy();
    let output = run(
        dir.path(),
        &["build", "--plugin", &library, "--dialect", "mssql"],
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("Wrote build/mssql/schema.sql (Microsoft SQL Server"),
        "{}",
        text(&output.stdout)
    );
    let script = std::fs::read_to_string(dir.path().join("build/mssql/schema.sql"))
        .unwrap_or_else(|error| panic!("schema.sql: {error}"));
    assert!(script.contains("CREATE TABLE [loans]"), "{script}");
    assert!(script.contains("IDENTITY(1,1)"), "{script}");
    let statements = Parser::parse_sql(&MsSqlDialect {}, &script)
        .unwrap_or_else(|error| panic!("the script is not T-SQL: {error}\n{script}"));
    assert!(statements.len() >= 2, "{statements:?}");
    assert!(
        !dir.path().join("build/mysql").exists(),
        "only the chosen dialect is built"
    );
}

#[test]
fn plugins_listed_in_the_schema_are_loaded_relative_to_it() {
    let dir = project();
    let library = plugin_library("dbkit_dialect_mssql");
    let file_name = library
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    let file_name = file_name.unwrap_or_default();
    std::fs::create_dir(dir.path().join("dialects")).unwrap_or_else(|error| panic!("{error}"));
    std::fs::copy(&library, dir.path().join("dialects").join(&file_name))
        .unwrap_or_else(|error| panic!("copy the plugin: {error}"));
    let schema = SCHEMA.replace(
        "name = \"plugin_demo\"",
        &format!("name = \"plugin_demo\"\nplugins = [\"dialects/{file_name}\"]"),
    );
    std::fs::write(dir.path().join("schema.toml"), schema)
        .unwrap_or_else(|error| panic!("{error}"));

    let listing = run(dir.path(), &["plugins"]);
    assert!(listing.status.success(), "{}", text(&listing.stderr));
    let listing = text(&listing.stdout);
    assert!(
        listing.contains("mysql (alias mariadb)  MySQL / MariaDB"),
        "{listing}"
    );
    assert!(
        listing.contains(&format!(
            "mssql  Microsoft SQL Server {}  plugin ",
            env!("CARGO_PKG_VERSION")
        )),
        "{listing}"
    );

    let output = run(dir.path(), &["build", "--dialect", "mssql,sqlite"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(dir.path().join("build/mssql/schema.sql").exists());
    assert!(dir.path().join("build/sqlite/schema.sql").exists());
}

#[test]
fn a_missing_or_broken_plugin_is_refused_and_nothing_is_written() {
    let dir = project();
    let output = run(dir.path(), &["build", "--plugin", "./libnothing.so"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.starts_with("error: plugin ./libnothing.so:"),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!dir.path().join("build").exists());

    let wrong_abi = plugin_library("dbkit_test_plugin_wrong_abi");
    let output = run(
        dir.path(),
        &["build", "--plugin", &wrong_abi.to_string_lossy()],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("ABI version 2"), "{stderr}");
    assert!(!dir.path().join("build").exists());
}
