//! One flawed schema per rule: each must be reported by the rule it is named after, and the
//! whole report is kept as a snapshot.

use std::path::Path;

use dbkit_model::{ParseOptions, parse_schema};

fn findings_of(path: &Path) -> (String, Vec<dbkit_lint::Finding>) {
    let source =
        std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    let schema = match parse_schema(&source, "schema.toml", &ParseOptions::default()) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{}: {diagnostics}", path.display()),
    };
    let stem = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or_default()
        .to_string();
    (stem, dbkit_lint::lint(&schema))
}

#[test]
fn every_fixture_triggers_its_rule() {
    insta::glob!("fixtures/*.toml", |path| {
        let (rule, findings) = findings_of(path);
        assert!(
            dbkit_lint::find_rule(&rule).is_some(),
            "fixture {rule} is not named after a rule"
        );
        assert!(
            findings.iter().any(|finding| finding.rule == rule),
            "fixture {rule} is not reported by its rule:\n{}",
            dbkit_lint::render_findings_text(&findings)
        );
        insta::assert_snapshot!(dbkit_lint::render_findings_text(&findings));
    });
}

#[test]
fn every_rule_has_a_fixture() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for rule in dbkit_lint::RULES {
        let path = folder.join(format!("{}.toml", rule.name));
        assert!(path.exists(), "no fixture for {} {}", rule.code, rule.name);
    }
}
