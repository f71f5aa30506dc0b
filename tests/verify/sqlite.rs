//! `dbkit verify` on SQLite: a clean library passes; a connection with foreign keys off and the
//! orphan written through it, a missing unique constraint with duplicates, and CHECK constraints
//! ignored are each reported; verify changes no data and leaves the connection as it was.

use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_lint::verify::{CheckKind, Status};
use dbkit_tests::Outcome;
use dbkit_tests::pull::{ScratchDatabase, inline_fixture};
use dbkit_tests::verify::{
    LIBRARY_COUNTS, LIBRARY_ROWS, expect_all_pass, expect_clean, expect_item, expect_row_counts,
    library, verify_database, verify_unchanged,
};

fn run(test: impl FnOnce() -> Outcome) {
    if let Err(message) = test() {
        panic!("{message}");
    }
}

fn setting(connection: &mut dbkit_db::Connection, pragma: &str) -> Outcome<String> {
    let rows = connection
        .query_rows(&format!("PRAGMA {pragma}"))
        .map_err(|error| error.to_string())?;
    Ok(rows
        .into_iter()
        .next()
        .and_then(|row| row.into_iter().next().flatten())
        .unwrap_or_default())
}

#[test]
fn a_clean_library_passes_and_keeps_its_data() {
    run(|| {
        let database = ScratchDatabase::sqlite("verify_clean");
        let schema = library(&database, &SqliteDialect)?;
        let report = verify_database(&database, &schema)?;
        expect_clean(&report)?;
        expect_row_counts(&report, LIBRARY_COUNTS)?;
        let connection = expect_item(
            &report,
            CheckKind::ForeignKeyEnforcement,
            Status::Pass,
            Some("connection"),
        )?;
        assert!(
            connection.message.contains("PRAGMA foreign_keys = 1"),
            "{}",
            connection.message
        );
        Ok(())
    });
}

#[test]
fn a_connection_with_foreign_keys_off_and_its_orphan_are_reported() {
    run(|| {
        let database = ScratchDatabase::sqlite("verify_foreign_keys_off");
        let schema = library(&database, &SqliteDialect)?;
        let mut connection = database.connect()?;
        connection
            .execute_statements(&[
                "PRAGMA foreign_keys = OFF",
                "INSERT INTO loans (copy_id, member_id, due_on) VALUES (2, 999, '2030-03-31')",
            ])
            .map_err(|error| error.to_string())?;
        let report = verify_unchanged(&database, &mut connection, &schema)?;
        let item = expect_item(
            &report,
            CheckKind::ForeignKeyEnforcement,
            Status::Fail,
            Some("connection"),
        )?;
        assert!(
            item.message.contains("PRAGMA foreign_keys = 0"),
            "{}",
            item.message
        );
        assert!(
            item.details
                .iter()
                .any(|line| line.contains("was accepted")),
            "{:?}",
            item.details
        );
        let orphans = expect_item(
            &report,
            CheckKind::Orphans,
            Status::Fail,
            Some("loans.fk_loans_member_id"),
        )?;
        assert_eq!(orphans.details, ["member_id = 999 (no such members row)"]);
        // The connection is as verify found it: foreign keys still off, not read-only, and the
        // probe tables are gone.
        assert_eq!(setting(&mut connection, "foreign_keys")?, "0");
        assert_eq!(setting(&mut connection, "query_only")?, "0");
        let temporary = connection
            .query_rows("SELECT name FROM temp.sqlite_master")
            .map_err(|error| error.to_string())?;
        assert!(temporary.is_empty(), "{temporary:?}");

        // A connection of dbkit's own enforces foreign keys, but the orphan is still there.
        let report = verify_database(&database, &schema)?;
        expect_all_pass(&report, CheckKind::ForeignKeyEnforcement)?;
        expect_item(
            &report,
            CheckKind::Orphans,
            Status::Fail,
            Some("loans.fk_loans_member_id"),
        )?;
        Ok(())
    });
}

#[test]
fn a_missing_unique_constraint_and_its_duplicates_are_reported() {
    run(|| {
        // SQLite cannot drop a constraint: the database is built from a schema without it.
        let source = example_source().replace(
            "columns.email = { type = \"varchar(255)\", unique = true }",
            "columns.email = \"varchar(255)\"",
        );
        assert_ne!(
            source,
            example_source(),
            "the example schema no longer declares members.email unique"
        );
        let without_unique = inline_fixture("library_without_unique_email", &source);
        let database = ScratchDatabase::sqlite("verify_unique");
        database.apply(&without_unique.schema, &SqliteDialect)?;
        database.execute(LIBRARY_ROWS)?;
        database.execute(&[
            "INSERT INTO members (name, email) VALUES ('Grace again', 'grace@example.org')",
        ])?;
        let schema = dbkit_tests::example_fixture().schema;
        let report = verify_database(&database, &schema)?;
        let missing = expect_item(
            &report,
            CheckKind::ConstraintsExist,
            Status::Fail,
            Some("members.uq_members_email"),
        )?;
        assert_eq!(
            missing.fix.as_deref(),
            Some(
                "remove any duplicates (see \"No duplicates where values must be unique\"), then: \
                 CREATE UNIQUE INDEX \"uq_members_email\" ON \"members\" (\"email\");"
            )
        );
        let duplicates = expect_item(
            &report,
            CheckKind::Duplicates,
            Status::Fail,
            Some("members.uq_members_email"),
        )?;
        assert_eq!(duplicates.details, ["email = grace@example.org (2 rows)"]);
        Ok(())
    });
}

#[test]
fn ignored_check_constraints_are_reported() {
    run(|| {
        let database = ScratchDatabase::sqlite("verify_checks_ignored");
        let schema = library(&database, &SqliteDialect)?;
        let mut connection = database.connect()?;
        connection
            .execute_statements(&["PRAGMA ignore_check_constraints = ON"])
            .map_err(|error| error.to_string())?;
        let report = verify_unchanged(&database, &mut connection, &schema)?;
        let item = expect_item(
            &report,
            CheckKind::CheckEnforcement,
            Status::Fail,
            Some("server"),
        )?;
        assert!(
            item.reason
                .as_deref()
                .is_some_and(|reason| reason.contains("PRAGMA ignore_check_constraints is ON"))
        );
        Ok(())
    });
}

/// The example `schema.toml` text.
fn example_source() -> String {
    dbkit_tests::example_fixture().source
}
