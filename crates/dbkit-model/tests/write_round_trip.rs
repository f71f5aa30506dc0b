//! `write_schema_toml` writes a schema back as a person would, and reading that text gives the
//! same schema again: for the example project, every valid fixture, and the model's extensions
//! (native types, index options, table options, renames).

use std::fs;
use std::path::{Path, PathBuf};

use dbkit_model::{
    ParseOptions, Schema, parse_schema, write_schema_toml, write_schema_toml_with_notes,
};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn parse(source: &str, file: &str) -> Schema {
    parse_schema(source, file, &ParseOptions::default()).unwrap_or_else(|diagnostics| {
        panic!("{file} does not parse:\n{diagnostics}\n--- text ---\n{source}")
    })
}

/// Parses `source`, writes it back, parses that, and checks both schemas are equal.
fn assert_round_trip(source: &str, file: &str) -> String {
    let schema = parse(source, file);
    let written = write_schema_toml(&schema);
    let again = parse(&written, &format!("{file} (written back)"));
    assert_eq!(
        again, schema,
        "{file}: the written text reads back differently:\n{written}"
    );
    assert_eq!(
        write_schema_toml(&again),
        written,
        "{file}: writing is not stable"
    );
    written
}

#[test]
fn the_example_and_every_valid_fixture_read_back_the_same() {
    let example = fs::read_to_string(repository().join("schema.toml"))
        .expect("the example schema.toml exists");
    assert_round_trip(&example, "schema.toml");
    let mut fixtures: Vec<PathBuf> = fs::read_dir(repository().join("tests/fixtures/valid"))
        .expect("tests/fixtures/valid exists")
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "toml")
        })
        .collect();
    fixtures.sort();
    assert!(
        !fixtures.is_empty(),
        "no fixtures found in tests/fixtures/valid"
    );
    for path in fixtures {
        let source = fs::read_to_string(&path).expect("a fixture is readable");
        assert_round_trip(&source, &path.display().to_string());
    }
}

#[test]
fn uses_shorthands_where_they_read_back_the_same() {
    let written = assert_round_trip(
        r#"
[project]
name = "library"

[tables.members]
columns.id = "id"
columns.email = { type = "varchar(255)", unique = true }
columns.phone = "varchar(20)?"

[tables.loans]
columns.id = "id"
columns.member_id = { references = "members", on_delete = "cascade" }
columns.note = { type = "text", nullable = true, comment = "free text" }
"#,
        "shorthands.toml",
    );
    assert!(written.contains("columns.id = \"id\""), "{written}");
    assert!(
        written.contains("columns.email = { type = \"varchar(255)\", unique = true }"),
        "{written}"
    );
    assert!(
        written.contains("columns.phone = \"varchar(20)?\""),
        "{written}"
    );
    assert!(
        written
            .contains("columns.member_id = { references = \"members\", on_delete = \"cascade\" }"),
        "{written}"
    );
    assert!(
        !written.contains("idx_loans_member_id"),
        "the index dbkit adds is not written:\n{written}"
    );
}

#[test]
fn keeps_names_that_differ_from_the_convention() {
    let written = assert_round_trip(
        r#"
[project]
name = "legacy"
auto_index_foreign_keys = false

[tables.Customer]
columns.CustomerId = { type = "int", primary_key = true, auto_increment = true }
columns.Email = { type = "varchar(60)", unique = true, unique_name = "UQ_Email" }
primary_key_name = "PK_Customer"

[tables.Invoice]
columns.InvoiceId = { type = "int", primary_key = true }
columns.CustomerId = { references = "Customer", foreign_key_name = "FK_InvoiceCustomerId" }
columns."Billing Address" = "varchar(70)?"
primary_key_name = "PK_Invoice"
indexes.IFK_InvoiceCustomerId = ["CustomerId"]
"#,
        "names.toml",
    );
    assert!(
        written.contains("foreign_key_name = \"FK_InvoiceCustomerId\""),
        "{written}"
    );
    assert!(written.contains("columns.\"Billing Address\""), "{written}");
    assert!(
        written.contains("auto_index_foreign_keys = false"),
        "{written}"
    );
}

#[test]
fn writes_the_extensions_of_the_model() {
    let written = assert_round_trip(
        r#"
[project]
name = "extended"

[tables.films]
engine = "MyISAM"
collation = "utf8mb4_bin"
renamed_from = "movies"
columns.film_id = { type = "smallint unsigned", auto_increment = true, primary_key = true }
columns.title = { type = "varchar(255)", collation = "utf8mb4_general_ci", renamed_from = "name" }
columns.description = "mediumtext?"
columns.tags = { native = { postgres = "text[]" }, nullable = true }
columns.email = { type = "text", native = { postgres = "citext" } }
columns.rating = { type = "enum(G, 'PG-13', 'it''s, odd')", default = "G" }
columns.cover = "varbinary(64)?"
columns.deleted_at = "timestamp?"
indexes.idx_title = { columns = ["title", "description"], fulltext = true }
indexes.idx_prefix = { columns = ["title"], prefix_lengths = { title = 10 }, descending = ["title"] }
indexes.idx_live = { columns = ["email"], unique = true, where = "deleted_at IS NULL", method = "btree" }
"#,
        "extended.toml",
    );
    assert!(
        written.contains("native = { postgres = \"text[]\" }"),
        "{written}"
    );
    assert!(
        written.contains("prefix_lengths = { title = 10 }"),
        "{written}"
    );
}

#[test]
fn notes_come_first_as_comments() {
    let schema = parse("[tables.a]\ncolumns.id = \"id\"\n", "notes.toml");
    let written =
        write_schema_toml_with_notes(&schema, &["view active: not part of the model".to_string()]);
    assert!(
        written.starts_with("# view active: not part of the model\n"),
        "{written}"
    );
    assert_eq!(parse(&written, "notes.toml"), schema);
}
