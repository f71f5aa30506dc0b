//! `[lint]` levels and naming options change what `lint` reports; unknown rule names are
//! reported with their location; JSON output carries every field.

use dbkit_lint::{Severity, check_settings, has_errors, lint, render_findings_json};
use dbkit_model::{ParseOptions, Schema, parse_schema};

fn parse(source: &str) -> Schema {
    match parse_schema(source, "schema.toml", &ParseOptions::default()) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{diagnostics}"),
    }
}

const FLAWED: &str = r#"
[tables.orders]
columns.id = "id"
columns.total = "double"
columns.active = "boolean"
"#;

fn rules_of(schema: &Schema) -> Vec<(&'static str, Severity)> {
    lint(schema)
        .iter()
        .map(|finding| (finding.rule, finding.severity))
        .collect()
}

#[test]
fn default_levels_apply_without_a_lint_table() {
    let schema = parse(FLAWED);
    assert_eq!(
        rules_of(&schema),
        [
            ("boolean-name", Severity::Warning),
            ("money-in-float", Severity::Error)
        ]
    );
    assert!(has_errors(&lint(&schema)));
}

#[test]
fn levels_are_set_by_code_or_by_name() {
    let source = format!("{FLAWED}\n[lint]\nDBK015 = \"warn\"\nboolean-name = \"error\"\n");
    let schema = parse(&source);
    assert_eq!(
        rules_of(&schema),
        [
            ("boolean-name", Severity::Error),
            ("money-in-float", Severity::Warning)
        ]
    );
    let source = format!("{FLAWED}\n[lint]\nmoney-in-float = \"off\"\ndbk011 = \"off\"\n");
    let schema = parse(&source);
    assert!(lint(&schema).is_empty());
    assert!(!has_errors(&lint(&schema)));
}

#[test]
fn the_naming_convention_is_configurable() {
    let source = r#"
[lint.naming]
table_names = "singular"
boolean_prefixes = ["flag_"]
date_suffixes = []

[tables.order]
columns.id = "id"
columns.flag_paid = "boolean"
columns.is_open = "boolean"
columns.shipped = "date"
"#;
    let schema = parse(source);
    let findings = lint(&schema);
    let columns: Vec<(&str, Option<&str>)> = findings
        .iter()
        .map(|finding| (finding.rule, finding.column.as_deref()))
        .filter(|(rule, _)| *rule != "reserved-word")
        .collect();
    assert_eq!(columns, [("boolean-name", Some("is_open"))]);
    let plural =
        parse("[lint.naming]\ntable_names = \"singular\"\n[tables.orders]\ncolumns.id = \"id\"\n");
    assert_eq!(
        lint(&plural)[0].message,
        "table \"orders\" is not named in singular snake_case"
    );
}

#[test]
fn unknown_rule_names_are_reported_where_they_are_written() {
    let source = format!("{FLAWED}\n[lint]\nmoney-in-floats = \"off\"\n");
    let schema = parse(&source);
    let Err(diagnostics) = check_settings(&schema, "schema.toml", &source) else {
        panic!("the misspelled rule was accepted");
    };
    let text = diagnostics.to_string();
    assert!(
        text.starts_with("schema.toml:8:1: error: unknown lint rule \"money-in-floats\" in [lint]"),
        "{text}"
    );
    assert!(text.contains("did you mean \"money-in-float\"?"), "{text}");
}

#[test]
fn a_rule_name_far_from_every_rule_gets_the_list_of_codes() {
    let source = format!("{FLAWED}\n[lint]\nquux = \"off\"\n");
    let schema = parse(&source);
    let Err(diagnostics) = check_settings(&schema, "schema.toml", &source) else {
        panic!("the unknown rule was accepted");
    };
    assert!(
        diagnostics
            .to_string()
            .contains("= help: name a rule by its code (DBK001 to DBK021) or its name, as in missing-primary-key"),
        "{diagnostics}"
    );
}

#[test]
fn bad_levels_and_naming_options_are_schema_errors() {
    let source = format!(
        "{FLAWED}\n[lint]\nDBK001 = \"loud\"\n[lint.naming]\ntable_names = \"plurals\"\nboolean_prefix = []\n"
    );
    let Err(diagnostics) = parse_schema(&source, "schema.toml", &ParseOptions::default()) else {
        panic!("bad settings were accepted");
    };
    let text = diagnostics.to_string();
    assert!(
        text.contains(
            "schema.toml:8:10: error: unknown level \"loud\" for the level of lint rule \"DBK001\""
        ),
        "{text}"
    );
    assert!(
        text.contains("unknown choice \"plurals\" for lint.naming.table_names"),
        "{text}"
    );
    assert!(
        text.contains("unknown key \"boolean_prefix\" in [lint.naming]"),
        "{text}"
    );
}

#[test]
fn json_output_lists_every_field_and_the_counts() {
    let schema = parse(FLAWED);
    let json: serde_json::Value = match serde_json::from_str(&render_findings_json(&lint(&schema)))
    {
        Ok(json) => json,
        Err(error) => panic!("invalid JSON: {error}"),
    };
    assert_eq!(json["errors"], 1);
    assert_eq!(json["warnings"], 1);
    let money = &json["findings"][1];
    assert_eq!(money["code"], "DBK015");
    assert_eq!(money["rule"], "money-in-float");
    assert_eq!(money["severity"], "error");
    assert_eq!(money["table"], "orders");
    assert_eq!(money["column"], "total");
    assert_eq!(
        money["message"],
        "orders.total holds money in the floating-point type double"
    );
    assert!(
        money["explanation"]
            .as_str()
            .is_some_and(|text| text.contains("decimal(p,s)"))
    );
    assert!(
        money["fix"]
            .as_str()
            .is_some_and(|text| text.contains("decimal(12,2)"))
    );
    assert!(money.get("fragment").is_none());
}
