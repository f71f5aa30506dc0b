//! The repository's example schema follows every rule.

use dbkit_model::{ParseOptions, parse_schema};

#[test]
/// The example keeps `copies.condition` because the schema it comes from names the column so;
/// `CONDITION` is reserved in MySQL and MariaDB. dbkit quotes every identifier it writes, so the
/// only finding is the reserved-word warning for hand-written queries, and nothing else.
fn the_example_schema_has_only_the_reserved_word_warning() {
    let source = include_str!("../../../schema.toml");
    let schema = match parse_schema(source, "schema.toml", &ParseOptions::default()) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{diagnostics}"),
    };
    assert_eq!(
        dbkit_lint::check_settings(&schema, "schema.toml", source),
        Ok(())
    );
    let findings = dbkit_lint::lint(&schema);
    let found: Vec<(&str, &str, Option<&str>)> = findings
        .iter()
        .map(|finding| (finding.code, finding.table.as_str(), finding.column.as_deref()))
        .collect();
    assert_eq!(
        found,
        [("DBK018", "copies", Some("condition"))],
        "{}",
        dbkit_lint::render_findings_text(&findings)
    );
    assert!(!dbkit_lint::has_errors(&findings));
}
