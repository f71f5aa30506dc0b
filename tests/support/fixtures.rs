//! The schemas every database test runs: the repository's `schema.toml` and every file in
//! `tests/fixtures/valid/`.

use std::path::{Path, PathBuf};

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_generate::{DdlScripts, render_ddl};
use dbkit_model::{ParseOptions, Schema, parse_schema};
use dbkit_sdk::Dialect;

/// The name of the fixture made from the repository's own `schema.toml`.
pub const EXAMPLE: &str = "example";

/// One schema to test, read and checked.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// The file name without `.toml` (`example` for the repository's `schema.toml`).
    pub name: String,
    /// The file's path relative to the repository root, for messages.
    pub file: String,
    /// The file's text.
    pub source: String,
    /// The schema it describes.
    pub schema: Schema,
}

impl Fixture {
    /// Reads and parses a fixture file; panics with the full diagnostics if it does not parse.
    pub fn load(name: &str, path: &Path) -> Fixture {
        let source = std::fs::read_to_string(path)
            .unwrap_or_else(|error| panic!("cannot read the fixture {}: {error}", path.display()));
        let file = path
            .strip_prefix(repository_root())
            .unwrap_or(path)
            .display()
            .to_string();
        let schema = parse_schema(&source, &file, &parse_options()).unwrap_or_else(|diagnostics| {
            panic!("the fixture {file} does not parse:\n{diagnostics}")
        });
        Fixture {
            name: name.to_string(),
            file,
            source,
            schema,
        }
    }

    /// Whether the fixture is meant for `dialect`: its `[project] dialects` list names it, or
    /// the list is empty (every dialect).
    pub fn targets(&self, dialect: &dyn Dialect) -> bool {
        let dialects = &self.schema.project.dialects;
        dialects.is_empty() || dialects.contains(&dialect.info().name)
    }

    /// The create and drop scripts for `dialect`; panics when the dialect refuses the schema.
    pub fn scripts(&self, dialect: &dyn Dialect) -> DdlScripts {
        render_ddl(&self.schema, dialect).unwrap_or_else(|error| {
            panic!(
                "{}: cannot render for {}: {error}",
                self.file,
                dialect.info().name
            )
        })
    }
}

/// The repository root (the parent of the `tests` package).
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// The folder of valid fixture schemas.
pub fn fixtures_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("valid")
}

/// The three built-in dialects.
pub fn dialects() -> [&'static dyn Dialect; 3] {
    [&MysqlDialect, &PostgresDialect, &SqliteDialect]
}

/// Parse options with the identifier limits of the three built-in dialects.
pub fn parse_options() -> ParseOptions {
    ParseOptions {
        identifier_limits: dialects()
            .iter()
            .map(|dialect| dialect.info().identifier_limit())
            .collect(),
    }
}

/// The repository's `schema.toml`, the example from the README.
pub fn example_fixture() -> Fixture {
    Fixture::load(EXAMPLE, &repository_root().join("schema.toml"))
}

/// The example, then every `tests/fixtures/valid/*.toml` in file name order.
///
/// Panics when the fixture folder is missing or empty, so that a test cannot pass by testing
/// nothing.
pub fn all_fixtures() -> Vec<Fixture> {
    let folder = fixtures_folder();
    let entries = std::fs::read_dir(&folder).unwrap_or_else(|error| {
        panic!(
            "cannot read the fixture folder {}: {error}",
            folder.display()
        )
    });
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "toml")
        })
        .collect();
    paths.sort();
    assert!(
        !paths.is_empty(),
        "the fixture folder {} has no .toml files",
        folder.display()
    );
    let mut fixtures = vec![example_fixture()];
    for path in paths {
        let name = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        fixtures.push(Fixture::load(&name, &path));
    }
    fixtures
}

/// The fixture with this name; panics when there is none.
pub fn fixture(name: &str) -> Fixture {
    if name == EXAMPLE {
        return example_fixture();
    }
    let path = fixtures_folder().join(format!("{name}.toml"));
    Fixture::load(name, &path)
}
