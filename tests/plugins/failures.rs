//! Plugins that cannot be used: each is refused with its own message, nothing is rendered, and
//! dbkit keeps working afterwards.

mod support;

use std::path::{Path, PathBuf};

use dbkit_generate::render_ddl;
use dbkit_plugin_host::{PluginError, load_plugin};
use dbkit_sdk::Dialect;
use dbkit_sdk::abi::load::LoadError;

use support::{fixture_sources, parse_for, plugin_library};

fn load_error(path: &Path) -> PluginError {
    match load_plugin(path) {
        Ok(dialect) => panic!(
            "{} should be refused, but loaded as {}",
            path.display(),
            dialect.info().name
        ),
        Err(error) => error,
    }
}

/// dbkit still loads and uses a good plugin after a failure.
fn still_works() {
    let path = plugin_library("dbkit_plugin_sqlite");
    let dialect = load_plugin(&path).unwrap_or_else(|error| panic!("{error}"));
    let (name, source) = &fixture_sources()[0];
    let schema = parse_for(name, source, &dialect);
    let scripts = render_ddl(&schema, &dialect).unwrap_or_else(|error| panic!("{error}"));
    assert!(scripts.create.render().contains("CREATE TABLE"));
}

#[test]
fn a_missing_file_is_refused() {
    let path = PathBuf::from("plugins/libnot_built_yet.so");
    let error = load_error(&path);
    assert!(
        matches!(error, PluginError::Load(LoadError::MissingFile { .. })),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "plugin plugins/libnot_built_yet.so: there is no such file; check the path"
    );
    still_works();
}

#[test]
fn a_library_without_the_entry_point_is_refused() {
    // A dynamic library that is certainly no dbkit plugin: the C library of this process.
    let path = c_library();
    let error = load_error(&path);
    assert_eq!(
        error.to_string(),
        format!(
            "plugin {}: the library has no `dbkit_plugin` function, so it is not a dbkit plugin; a plugin calls `dbkit_sdk::export_dialect!` once",
            path.display()
        )
    );
    still_works();
}

/// The path of the C library this process runs with.
fn c_library() -> PathBuf {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap_or_default();
    maps.lines()
        .filter_map(|line| line.split_whitespace().nth(5))
        .find(|path| {
            Path::new(path)
                .file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| name.starts_with("libc.so") || name.starts_with("libc-"))
        })
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("this process has no C library mapped"))
}

#[test]
fn a_file_that_is_not_a_library_is_refused() {
    let path = support::workspace_root().join("schema.toml");
    let error = load_error(&path);
    let message = error.to_string();
    assert!(
        message.starts_with(&format!(
            "plugin {}: cannot load it as a dynamic library: ",
            path.display()
        )),
        "{message}"
    );
    still_works();
}

#[test]
fn a_plugin_built_against_another_abi_is_refused_before_any_call() {
    let path = plugin_library("dbkit_test_plugin_wrong_abi");
    let error = load_error(&path);
    assert!(
        matches!(
            error,
            PluginError::Load(LoadError::IncompatibleAbi {
                found: 2,
                expected: 1,
                ..
            })
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        format!(
            "plugin {} speaks ABI version 2; this dbkit accepts 1: rebuild the plugin against the dbkit-sdk that matches this dbkit",
            path.display()
        )
    );
    still_works();
}

#[test]
fn a_panic_in_a_plugin_becomes_an_error_naming_it() {
    let path = plugin_library("dbkit_test_plugin_panicking");
    let dialect = load_plugin(&path).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(dialect.info().name, "panicking");
    let source = r#"
        [tables.calm]
        columns.id = "id"
        columns.name = "varchar(20)"

        [tables.explode]
        columns.id = "id"
        columns.calm_id = { references = "calm" }
    "#;
    let schema = parse_for("panicking", source, &dialect);
    let error = render_ddl(&schema, &dialect).expect_err("the plugin panics on table explode");
    let message = error.to_string();
    let prefix = format!(
        "cannot build the schema for Panicking SQL: plugin {}: it panicked in `create_table`: panicked at ",
        path.display()
    );
    assert!(message.starts_with(&prefix), "{message}");
    assert!(
        message.ends_with(": the table `explode` blew up"),
        "{message}"
    );
    assert!(
        message.contains("tests/plugins/fixtures/panicking/src/lib.rs:"),
        "{message}"
    );

    // The same plugin keeps answering once the table is gone.
    let mut calm = schema.clone();
    calm.tables.retain(|table| table.name != "explode");
    let scripts = render_ddl(&calm, &dialect).unwrap_or_else(|error| panic!("{error}"));
    assert!(
        scripts.create.render().contains("CREATE TABLE \"calm\""),
        "{}",
        scripts.create.render()
    );
    still_works();
}

#[test]
fn garbage_from_a_plugin_is_reported_as_an_invalid_answer() {
    let path = plugin_library("dbkit_test_plugin_garbage");
    let dialect = load_plugin(&path).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(dialect.info().display_name, "Garbage SQL");
    let (name, source) = &fixture_sources()[0];
    let schema = parse_for(name, source, &dialect);

    let error = render_ddl(&schema, &dialect).expect_err("create_prologue answers garbage");
    assert_eq!(
        error.to_string(),
        format!(
            "cannot build the schema for Garbage SQL: plugin {}: its answer to `create_prologue` is not valid: expected value at line 1 column 1 (the answer begins with \"<html>this is not JSON</html>\")",
            path.display()
        )
    );
    let table = &schema.tables[0];
    assert_eq!(
        dialect
            .create_table(table, &[])
            .map_err(|error| error.to_string()),
        Err(format!(
            "plugin {}: its answer to `create_table` is not valid: invalid type: map, expected a sequence",
            path.display()
        ))
    );
    // Methods it answers properly still work.
    assert_eq!(
        dialect.drop_table(table),
        Ok(format!("DROP TABLE IF EXISTS \"{}\"", table.name))
    );
    still_works();
}
