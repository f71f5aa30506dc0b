//! The conformance kit for dbkit dialects.
//!
//! [`check_dialect`] runs the standard fixture schemas ([`FIXTURES`]: reserved words, a reference
//! cycle, a junction table, every type) through any [`Dialect`] with dbkit's own generator, and
//! checks the invariants every dialect must keep:
//!
//! - **renders**: the fixtures every database can hold render without error;
//! - **deterministic**: rendering twice gives the same bytes;
//! - **every table created**: each table is created once and dropped once;
//! - **dependency order**: no foreign key is created before the table it references, and (where
//!   foreign keys can be dropped) no table is dropped while another still references it;
//! - **quoted identifiers**: a table named `order` or a column named `select` never appears
//!   unquoted;
//! - **no panics**: every method, given odd input (empty names, quotes, unknown types, mismatched
//!   defaults, broken expressions), returns a value or an error instead of panicking.
//!
//! A plugin author runs it in a test of the dialect crate itself (so that a panic is seen as a
//! panic, not as the error the plugin boundary turns it into):
//!
//! ```no_run
//! # use dbkit_sdk::{Dialect, DialectInfo, DialectError};
//! # use dbkit_sdk::model::{Column, Table};
//! # struct MyDialect;
//! # impl Dialect for MyDialect {
//! #     fn info(&self) -> DialectInfo { DialectInfo::new("mine", "Mine", "0.1.0", 64) }
//! #     fn column_type(&self, _: &Table, _: &Column) -> Result<String, DialectError> { Ok("TEXT".into()) }
//! # }
//! // in tests/conformance.rs, as a #[test]:
//! dbkit_conformance::assert_conforms(&MyDialect);
//! ```

mod fixtures;
mod invariants;
mod odd_inputs;
mod violation;

use std::panic::{self, AssertUnwindSafe};

use dbkit_generate::render_ddl;
use dbkit_sdk::Dialect;
use dbkit_sdk::model::{ParseOptions, parse_schema};

pub use fixtures::{FIXTURES, Fixture, RESERVED_IDENTIFIERS};
pub use violation::{Rule, Violation};

/// Checks `dialect` against every fixture and invariant; returns every violation found.
pub fn check_dialect(dialect: &dyn Dialect) -> Result<(), Vec<Violation>> {
    let mut violations = Vec::new();
    for message in invariants::reserved_words_quoted(dialect) {
        violations.push(Violation::new(
            "reserved words",
            Rule::QuotedIdentifiers,
            message,
        ));
    }
    for fixture in FIXTURES {
        check_fixture(dialect, fixture, &mut violations);
    }
    odd_inputs::check(dialect, &mut violations);
    if violations.is_empty() {
        Ok(())
    } else {
        Err(violations)
    }
}

/// Panics with the list of violations if `dialect` breaks any invariant: for tests.
pub fn assert_conforms(dialect: &dyn Dialect) {
    if let Err(violations) = check_dialect(dialect) {
        let list: Vec<String> = violations
            .iter()
            .map(|violation| format!("- {violation}"))
            .collect();
        panic!(
            "the {} dialect breaks {} conformance rule(s):\n{}",
            dialect.info().name,
            violations.len(),
            list.join("\n")
        );
    }
}

/// The first line (counted from 1) where two texts differ, with both versions of it.
fn first_difference<'a>(first: &'a str, second: &'a str) -> Option<(usize, &'a str, &'a str)> {
    let mut once = first.lines();
    let mut again = second.lines();
    for line in 1.. {
        match (once.next(), again.next()) {
            (None, None) => return None,
            (left, right) if left != right => {
                return Some((line, left.unwrap_or_default(), right.unwrap_or_default()));
            }
            _ => {}
        }
    }
    None
}

/// Checks one fixture: it parses with the dialect's identifier limit, renders (if it must), and
/// its scripts keep every invariant.
pub fn check_fixture(dialect: &dyn Dialect, fixture: &Fixture, violations: &mut Vec<Violation>) {
    let mut report =
        |rule: Rule, message: String| violations.push(Violation::new(fixture.name, rule, message));
    let options = ParseOptions {
        identifier_limits: vec![dialect.info().identifier_limit()],
    };
    let schema = match parse_schema(fixture.source, &format!("{}.toml", fixture.name), &options) {
        Ok(schema) => schema,
        Err(diagnostics) => {
            report(
                Rule::Renders,
                format!(
                    "the fixture does not parse with this dialect's identifier limit:\n{diagnostics}"
                ),
            );
            return;
        }
    };
    let render = || panic::catch_unwind(AssertUnwindSafe(|| render_ddl(&schema, dialect)));
    let first = match render() {
        Err(_) => {
            report(Rule::NoPanics, "rendering the fixture panicked".to_string());
            return;
        }
        Ok(Err(error)) => {
            if fixture.must_render {
                report(Rule::Renders, format!("rendering failed: {error}"));
            }
            return;
        }
        Ok(Ok(scripts)) => scripts,
    };
    match render() {
        Ok(Ok(second)) => {
            for (script, first, second) in [
                ("create", first.create.render(), second.create.render()),
                ("drop", first.drop.render(), second.drop.render()),
            ] {
                if let Some((line, once, again)) = first_difference(&first, &second) {
                    report(
                        Rule::Deterministic,
                        format!(
                            "the {script} script differs between two runs at line {line}: {once:?}, then {again:?}"
                        ),
                    );
                }
            }
        }
        Ok(Err(error)) => report(
            Rule::Deterministic,
            format!("the second run failed: {error}"),
        ),
        Err(_) => report(
            Rule::NoPanics,
            "rendering the fixture a second time panicked".to_string(),
        ),
    }
    for (rule, message) in invariants::check(&schema, dialect, &first) {
        report(rule, message);
    }
}
