//! Builds the plugin libraries of the workspace (once per test binary) and finds them, and reads
//! the fixture schemas.
//!
//! Each test binary uses part of it.
#![allow(dead_code)]

use std::env::consts::{DLL_PREFIX, DLL_SUFFIX};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use dbkit_model::{ParseOptions, Schema, parse_schema};
use dbkit_sdk::Dialect;

/// Every package of the workspace that builds a plugin library.
const PLUGIN_PACKAGES: &[&str] = &[
    "dbkit-plugin-mysql",
    "dbkit-plugin-postgres",
    "dbkit-plugin-sqlite",
    "dbkit-dialect-mssql",
    "dbkit-test-plugin-wrong-abi",
    "dbkit-test-plugin-panicking",
    "dbkit-test-plugin-garbage",
    "dbkit",
];

/// The workspace root.
pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The folder of this test binary's profile (`target/debug`), where cargo puts libraries.
fn profile_dir() -> Result<PathBuf, String> {
    let executable =
        std::env::current_exe().map_err(|error| format!("cannot find the test binary: {error}"))?;
    // target/<profile>/deps/<test binary>
    executable
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .ok_or_else(|| {
            format!(
                "the test binary {} is not in target/<profile>/deps",
                executable.display()
            )
        })
}

/// Builds every plugin library with the cargo that runs the tests, into the same target folder,
/// so that the libraries always match the sources (cargo does nothing when they are fresh).
fn build_plugins() -> Result<PathBuf, String> {
    let profile = profile_dir()?;
    let target = profile
        .parent()
        .ok_or_else(|| format!("{} has no parent folder", profile.display()))?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .arg("build")
        .current_dir(workspace_root())
        .env("CARGO_TARGET_DIR", target);
    match profile.file_name().and_then(|name| name.to_str()) {
        Some("debug") | None => {}
        Some(name) => {
            command.args([
                "--profile",
                if name == "release" { "release" } else { name },
            ]);
        }
    }
    for package in PLUGIN_PACKAGES {
        command.args(["--package", package]);
    }
    let output = command
        .output()
        .map_err(|error| format!("cannot run cargo to build the plugin libraries: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "building the plugin libraries failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok(profile)
}

/// The path of the plugin library of the crate `crate_name` (`dbkit_plugin_mysql`), built first.
pub(crate) fn plugin_library(crate_name: &str) -> PathBuf {
    static BUILT: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    match BUILT.get_or_init(build_plugins) {
        Ok(profile) => profile.join(format!("{DLL_PREFIX}{crate_name}{DLL_SUFFIX}")),
        Err(message) => panic!("{message}"),
    }
}

/// The path of the `dbkit` binary, built (with the plugin libraries) first.
#[allow(dead_code)]
pub(crate) fn dbkit_binary() -> PathBuf {
    let library = plugin_library("dbkit_dialect_mssql");
    let profile = library.parent().map(Path::to_path_buf).unwrap_or_default();
    profile.join(format!("dbkit{}", std::env::consts::EXE_SUFFIX))
}

/// The fixture schemas: the example project and every `tests/fixtures/valid/*.toml`, by name.
pub(crate) fn fixture_sources() -> Vec<(String, String)> {
    let mut sources = Vec::new();
    let example = workspace_root().join("schema.toml");
    sources.push(("schema".to_string(), read(&example)));
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/valid");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", folder.display()))
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "toml")
        })
        .collect();
    paths.sort();
    assert!(
        !paths.is_empty(),
        "{} holds no fixture schema",
        folder.display()
    );
    for path in paths {
        let name = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        sources.push((name, read(&path)));
    }
    sources
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

/// Parses a fixture with the identifier limit of `dialect`.
pub(crate) fn parse_for(name: &str, source: &str, dialect: &dyn Dialect) -> Schema {
    let options = ParseOptions {
        identifier_limits: vec![dialect.info().identifier_limit()],
    };
    parse_schema(source, &format!("{name}.toml"), &options)
        .unwrap_or_else(|diagnostics| panic!("the fixture {name} is valid:\n{diagnostics}"))
}
