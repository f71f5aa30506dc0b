//! What the `dbkit verify` tests share: the example library with a few rows in it, the data of
//! every table to compare before and after, and expectations on the checklist.

use std::collections::BTreeMap;

use dbkit_db::Connection;
use dbkit_lint::verify::{CheckKind, Report, Status, render_report_text, verify};
use dbkit_model::Schema;
use dbkit_sdk::Dialect;

use crate::Outcome;
use crate::pull::ScratchDatabase;

/// Rows for every table of the example library, in an order the foreign keys accept, written so
/// that MariaDB, PostgreSQL and SQLite all take them.
pub const LIBRARY_ROWS: &[&str] = &[
    "INSERT INTO publishers (name) VALUES ('Penguin'), ('Gollancz')",
    "INSERT INTO authors (name, country) VALUES ('Ursula K. Le Guin', 'USA'), ('Isabel Allende', 'Chile')",
    "INSERT INTO books (title, isbn, publication_year, publisher_id) VALUES \
     ('A Wizard of Earthsea', '9780553383041', 1968, 2), ('The House of the Spirits', '9781501117015', 1982, 1)",
    "INSERT INTO copies (book_id, barcode) VALUES (1, 'C-0001'), (1, 'C-0002'), (2, 'C-0003')",
    "INSERT INTO members (name, email) VALUES ('Ada', 'ada@example.org'), ('Grace', 'grace@example.org')",
    "INSERT INTO member_cards (member_id, card_number, expires_on) VALUES (1, 'CARD000000000001', '2030-12-31')",
    "INSERT INTO loans (copy_id, member_id, due_on, fee) VALUES (1, 1, '2030-01-31', 0), (3, 2, '2030-02-28', 1.5)",
    "INSERT INTO categories (name) VALUES ('Fiction')",
    "INSERT INTO categories (name, parent_id) VALUES ('Fantasy', 1)",
    "INSERT INTO book_authors (book_id, author_id) VALUES (1, 1), (2, 2)",
    "INSERT INTO book_categories (book_id, category_id) VALUES (1, 2)",
];

/// The example schema built on `database` with `dialect` and filled with [`LIBRARY_ROWS`].
pub fn library(database: &ScratchDatabase, dialect: &dyn Dialect) -> Outcome<Schema> {
    let schema = crate::example_fixture().schema;
    database.apply(&schema, dialect)?;
    database.execute(LIBRARY_ROWS)?;
    Ok(schema)
}

/// Every row of every table (ordered by all columns, every value as text), and the tables with
/// their columns, keys and constraints as the catalog describes them: what verify must leave as
/// it found it.
#[derive(Debug, PartialEq)]
pub struct Contents {
    /// Table name → its rows.
    pub rows: BTreeMap<String, Vec<Vec<Option<String>>>>,
    /// The schema read back from the catalog.
    pub schema: Schema,
}

/// Reads the [`Contents`] of `database` on a connection of its own.
pub fn contents(database: &ScratchDatabase) -> Outcome<Contents> {
    let mut connection = database.connect()?;
    let schema = dbkit_db::introspect::introspect(&mut connection)
        .map_err(|error| format!("cannot read the schema of {}: {error}", database.url()))?
        .schema;
    let mut rows = BTreeMap::new();
    for table in &schema.tables {
        let quote = |name: &str| match database.backend() {
            dbkit_db::Backend::Mysql => format!("`{name}`"),
            _ => format!("\"{name}\""),
        };
        let order: Vec<String> = (1..=table.columns.len())
            .map(|index| index.to_string())
            .collect();
        let sql = format!(
            "SELECT * FROM {} ORDER BY {}",
            quote(&table.name),
            order.join(", ")
        );
        let table_rows = connection
            .query_rows(&sql)
            .map_err(|error| format!("cannot read {}: {error}", table.name))?;
        rows.insert(table.name.clone(), table_rows);
    }
    Ok(Contents { rows, schema })
}

/// Runs verify on `connection` against `design`, and checks that the data and the schema of
/// `database` are the same afterwards as before.
pub fn verify_unchanged(
    database: &ScratchDatabase,
    connection: &mut Connection,
    design: &Schema,
) -> Outcome<Report> {
    let before = contents(database)?;
    if before.rows.values().all(Vec::is_empty) {
        return Err(
            "the database has no rows: the test would not show that verify keeps data".to_string(),
        );
    }
    let report =
        verify(connection, design).map_err(|error| format!("verify failed to run: {error}"))?;
    let after = contents(database)?;
    if before != after {
        return Err(format!(
            "verify changed the database:\nbefore: {before:#?}\nafter: {after:#?}\nreport:\n{}",
            render_report_text(&report)
        ));
    }
    Ok(report)
}

/// [`verify_unchanged`] on a new connection to `database`.
pub fn verify_database(database: &ScratchDatabase, design: &Schema) -> Outcome<Report> {
    let mut connection = database.connect()?;
    verify_unchanged(database, &mut connection, design)
}

/// The item of `kind` with `status` whose subject is `subject` (`None`: any subject), or an
/// error that shows the whole checklist.
pub fn expect_item<'r>(
    report: &'r Report,
    kind: CheckKind,
    status: Status,
    subject: Option<&str>,
) -> Outcome<&'r dbkit_lint::verify::Check> {
    report
        .checks
        .iter()
        .find(|check| {
            check.kind == kind
                && check.status == status
                && subject.is_none_or(|subject| check.subject.as_deref() == Some(subject))
        })
        .ok_or_else(|| {
            format!(
                "expected a {status:?} item under \"{}\"{}, but the checklist is:\n{}",
                kind.title(),
                subject
                    .map(|subject| format!(" about {subject}"))
                    .unwrap_or_default(),
                render_report_text(report)
            )
        })
}

/// Fails unless every item of `kind` passed.
pub fn expect_all_pass(report: &Report, kind: CheckKind) -> Outcome {
    let items: Vec<_> = report
        .checks
        .iter()
        .filter(|check| check.kind == kind)
        .collect();
    if items.is_empty() || items.iter().any(|check| check.status != Status::Pass) {
        return Err(format!(
            "expected \"{}\" to pass, but the checklist is:\n{}",
            kind.title(),
            render_report_text(report)
        ));
    }
    Ok(())
}

/// Fails unless the whole checklist passed, without a warning, and has an item for every
/// check.
pub fn expect_clean(report: &Report) -> Outcome {
    for kind in [
        CheckKind::ForeignKeyEnforcement,
        CheckKind::CheckEnforcement,
        CheckKind::ConstraintsExist,
        CheckKind::Orphans,
        CheckKind::Duplicates,
        CheckKind::OneToOne,
        CheckKind::RowCounts,
        CheckKind::Drift,
    ] {
        expect_all_pass(report, kind)?;
    }
    if !report.passed() || report.warnings() > 0 {
        return Err(format!(
            "expected a clean checklist:\n{}",
            render_report_text(report)
        ));
    }
    Ok(())
}

/// Fails unless the row counts are `expected` (table, rows), in order.
pub fn expect_row_counts(report: &Report, expected: &[(&str, u64)]) -> Outcome {
    let actual: Vec<(&str, u64)> = report
        .row_counts
        .iter()
        .map(|count| (count.table.as_str(), count.rows))
        .collect();
    if actual != expected {
        return Err(format!("row counts: expected {expected:?}, got {actual:?}"));
    }
    Ok(())
}

/// The row counts of the example library after [`LIBRARY_ROWS`], in `schema.toml` order.
pub const LIBRARY_COUNTS: &[(&str, u64)] = &[
    ("authors", 2),
    ("publishers", 2),
    ("books", 2),
    ("copies", 3),
    ("members", 2),
    ("member_cards", 1),
    ("loans", 2),
    ("categories", 2),
    ("book_authors", 2),
    ("book_categories", 1),
];
