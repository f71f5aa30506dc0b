//! Every file in `tests/invalid/` holds one kind of mistake; each must be rejected with messages
//! that say where (file:line:column), what is wrong and how to fix it. The rendered messages are
//! kept as snapshots in `tests/snapshots/`, so any change to them is reviewed.

use std::fs;
use std::path::{Path, PathBuf};

use dbkit_model::{Diagnostics, IdentifierLimit, ParseOptions, parse_schema};

/// The identifier limits of the three built-in dialects.
fn options() -> ParseOptions {
    let limit = |dialect: &str, max_length| IdentifierLimit {
        dialect: dialect.to_string(),
        max_length,
    };
    ParseOptions {
        identifier_limits: vec![
            limit("mysql", 64),
            limit("postgres", 63),
            limit("sqlite", 1000),
        ],
    }
}

fn fixture_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("invalid")
}

/// The fixtures, sorted by file name.
fn fixtures() -> Vec<PathBuf> {
    let entries = match fs::read_dir(fixture_folder()) {
        Ok(entries) => entries,
        Err(error) => panic!("cannot list {}: {error}", fixture_folder().display()),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "toml")
        })
        .collect();
    paths.sort();
    paths
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Parses one fixture, which must fail.
fn rejected(path: &Path) -> Diagnostics {
    let name = file_name(path);
    let source = match fs::read_to_string(path) {
        Ok(source) => source,
        Err(error) => panic!("cannot read {name}: {error}"),
    };
    match parse_schema(&source, &name, &options()) {
        Ok(schema) => panic!(
            "{name} must be rejected, but it parsed into {} table(s)",
            schema.tables.len()
        ),
        Err(diagnostics) => diagnostics,
    }
}

fn fixture(name: &str) -> Diagnostics {
    rejected(&fixture_folder().join(name))
}

#[test]
fn every_invalid_fixture_is_rejected_with_located_messages() {
    let paths = fixtures();
    assert!(
        paths.len() >= 20,
        "expected the invalid fixtures, found {}",
        paths.len()
    );
    for path in &paths {
        let name = file_name(path);
        let diagnostics = rejected(path);
        assert!(
            !diagnostics.list.is_empty(),
            "{name}: an error result without a message"
        );
        assert_eq!(diagnostics.file, name);
        for diagnostic in &diagnostics.list {
            assert!(
                diagnostic.span.is_some(),
                "{name}: \"{}\" does not say where",
                diagnostic.message
            );
            let message = &diagnostic.message;
            assert!(
                !message.is_empty() && !message.ends_with('.') && !message.contains('\n'),
                "{name}: a message must be one sentence without a final period: {message:?}"
            );
        }
        let rendered = diagnostics.to_string();
        let snapshot = name.trim_end_matches(".toml");
        insta::assert_snapshot!(snapshot, rendered);
    }
}

#[test]
fn all_errors_of_a_file_are_reported_at_once() {
    let diagnostics = fixture("many_errors.toml");
    assert!(
        diagnostics.list.len() >= 8,
        "expected every mistake of many_errors.toml, got:\n{diagnostics}"
    );
    let positions: Vec<usize> = diagnostics
        .list
        .iter()
        .filter_map(|diagnostic| diagnostic.span.as_ref().map(|span| span.start))
        .collect();
    let mut sorted = positions.clone();
    sorted.sort_unstable();
    assert_eq!(
        positions, sorted,
        "messages must follow the order of the file"
    );
}

#[test]
fn a_misspelt_foreign_key_column_gets_a_suggestion() {
    let diagnostics = fixture("missing_column_reference.toml");
    let rendered = diagnostics.to_string();
    assert!(
        rendered.contains("did you mean \"author_id\"?"),
        "no suggestion for \"autor_id\":\n{rendered}"
    );
    let source = &diagnostics.source;
    let first = &diagnostics.list[0];
    let span = first.span.clone().unwrap_or(0..0);
    assert_eq!(
        &source[span], "\"autor_id\"",
        "the message must point at the misspelt name"
    );
}

#[test]
fn identifier_limits_come_from_the_options() {
    let path = fixture_folder().join("identifier_too_long.toml");
    let source = fs::read_to_string(&path).unwrap_or_default();
    let generous = ParseOptions {
        identifier_limits: vec![IdentifierLimit {
            dialect: "sqlite".to_string(),
            max_length: 1000,
        }],
    };
    assert!(
        parse_schema(&source, "identifier_too_long.toml", &generous).is_ok(),
        "the names are only too long for MySQL and PostgreSQL"
    );
}

#[test]
fn mysql_limits_apply_only_when_mysql_is_a_target() {
    let body = "[tables.articles]\ncolumns.id = \"id\"\ncolumns.slug = { type = \"text\", unique = true }\ncolumns.summary = { type = \"text\", default = \"\" }\n";
    let projects = [
        ("[project]\ndialects = [\"postgres\", \"sqlite\"]\n", true),
        ("[project]\ndialects = [\"mysql\"]\n", false),
        ("[project]\nname = \"all built-in dialects\"\n", false),
    ];
    for (project, accepted) in projects {
        let source = format!("{project}\n{body}");
        let result = parse_schema(&source, "schema.toml", &options());
        assert_eq!(result.is_ok(), accepted, "{project}: {result:?}");
        if let Err(diagnostics) = result {
            assert_eq!(diagnostics.list.len(), 2, "{diagnostics}");
        }
    }
}
