//! The repository's example schema follows every rule.

use dbkit_model::{ParseOptions, parse_schema};

#[test]
/// The example keeps `copies.condition`, a reserved word of MySQL and MariaDB, on purpose and
/// says so under `[lint.naming]`; with that, it has no finding at all.
fn the_example_schema_lints_clean() {
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
    assert!(
        findings.is_empty(),
        "{}",
        dbkit_lint::render_findings_text(&findings)
    );

    // Without the deliberate choice, the reserved word is the one finding.
    let without_choice = source.replace("allowed_reserved_words = [\"condition\"]", "");
    let schema = match parse_schema(&without_choice, "schema.toml", &ParseOptions::default()) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{diagnostics}"),
    };
    let findings = dbkit_lint::lint(&schema);
    let found: Vec<(&str, &str, Option<&str>)> = findings
        .iter()
        .map(|finding| {
            (
                finding.code,
                finding.table.as_str(),
                finding.column.as_deref(),
            )
        })
        .collect();
    assert_eq!(found, [("DBK018", "copies", Some("condition"))]);
}
