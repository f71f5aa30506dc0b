//! `functional_dependencies` and `[lint]` in schema.toml: read into the model, and every mistake
//! reported where it was written.

use dbkit_model::functional_dependency::FunctionalDependency;
use dbkit_model::lint_settings::{LintLevel, TableNumber};
use dbkit_model::{ParseOptions, parse_schema};

const CUSTOMERS: &str = r#"
[tables.customers]
columns.id = "id"
columns.zip_code = "char(5)"
columns.city = "varchar(100)"
columns.state = "char(2)"
functional_dependencies = ["zip_code -> city, state"]
"#;

#[test]
fn dependencies_are_read_into_the_table() {
    let schema = match parse_schema(CUSTOMERS, "schema.toml", &ParseOptions::default()) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{diagnostics}"),
    };
    let customers = schema.table("customers").expect("customers");
    assert_eq!(
        customers.functional_dependencies,
        [FunctionalDependency {
            determinant: vec!["zip_code".into()],
            dependent: vec!["city".into(), "state".into()],
        }]
    );
}

fn errors(source: &str) -> String {
    match parse_schema(source, "schema.toml", &ParseOptions::default()) {
        Ok(_) => panic!("accepted:\n{source}"),
        Err(diagnostics) => diagnostics.to_string(),
    }
}

#[test]
fn unknown_columns_are_pointed_at() {
    let source = CUSTOMERS.replace("-> city, state", "-> city, stat");
    let text = errors(&source);
    assert!(
        text.starts_with(
            "schema.toml:7:47: error: unknown column \"stat\" in functional dependency \"zip_code -> city, stat\" of table \"customers\""
        ),
        "{text}"
    );
    let caret = format!("  | {}^^^^\n", " ".repeat(46));
    assert!(
        text.contains(&format!(
            "\n7 | functional_dependencies = [\"zip_code -> city, stat\"]\n{caret}"
        )),
        "{text}"
    );
    assert!(text.contains("did you mean \"state\"?"), "{text}");
}

#[test]
fn unreadable_and_repeated_dependencies_are_reported() {
    let source = CUSTOMERS.replace(
        "\"zip_code -> city, state\"",
        "\"zip_code city\", \"city -> city\"",
    );
    let text = errors(&source);
    assert!(text.contains("functional dependency \"zip_code city\" of table \"customers\" cannot be read: it has no \"->\""), "{text}");
    assert!(
        text.contains("column \"city\" appears twice in functional dependency \"city -> city\""),
        "{text}"
    );
    let text = errors(&CUSTOMERS.replace("[\"zip_code -> city, state\"]", "[1]"));
    assert!(
        text.contains(
            "each item of functional_dependencies of table \"customers\" must be a string"
        ),
        "{text}"
    );
}

#[test]
fn lint_settings_are_read() {
    let source = format!(
        "{CUSTOMERS}\n[lint]\nDBK002 = \"off\"\nmoney-in-float = \"warning\"\n\n[lint.naming]\ntable_names = \"any\"\nforeign_key_suffix = \"_ref\"\n"
    );
    let schema = match parse_schema(&source, "schema.toml", &ParseOptions::default()) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{diagnostics}"),
    };
    assert_eq!(
        schema.lint.level_of("DBK002", "natural-primary-key"),
        Some(LintLevel::Off)
    );
    assert_eq!(
        schema.lint.level_of("DBK015", "money-in-float"),
        Some(LintLevel::Warn)
    );
    assert_eq!(schema.lint.level_of("DBK001", "missing-primary-key"), None);
    assert_eq!(schema.lint.naming.table_names, TableNumber::Any);
    assert_eq!(schema.lint.naming.foreign_key_suffix, "_ref");
    assert_eq!(schema.lint.naming.date_suffixes, ["_on", "_date"]);
    let key = &schema.lint.rules[0];
    assert_eq!(&source[key.span.clone()], "DBK002");
}
