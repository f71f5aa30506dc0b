//! `dbkit verify` on MariaDB: a clean library passes; a table switched to MyISAM, an orphan row
//! inserted with foreign-key checks off, a missing unique constraint with duplicates, and CHECK
//! enforcement switched off are each reported; verify changes no data.

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_lint::verify::{CheckKind, Status};
use dbkit_tests::Outcome;
use dbkit_tests::pull::ScratchDatabase;
use dbkit_tests::verify::{
    LIBRARY_COUNTS, expect_all_pass, expect_clean, expect_item, expect_row_counts, library,
    verify_database, verify_unchanged,
};

fn run(test: impl FnOnce() -> Outcome) {
    if let Err(message) = test() {
        panic!("{message}");
    }
}

#[test]
fn a_clean_library_passes_and_keeps_its_data() {
    run(|| {
        let database = ScratchDatabase::mariadb("verify_clean");
        let schema = library(&database, &MysqlDialect)?;
        let report = verify_database(&database, &schema)?;
        expect_clean(&report)?;
        expect_row_counts(&report, LIBRARY_COUNTS)?;
        let engines = expect_item(
            &report,
            CheckKind::ForeignKeyEnforcement,
            Status::Pass,
            None,
        )?;
        assert!(
            engines.message.contains("all 10 tables use InnoDB"),
            "{}",
            engines.message
        );
        Ok(())
    });
}

#[test]
fn a_table_switched_to_myisam_is_reported_with_its_lost_foreign_keys() {
    run(|| {
        let database = ScratchDatabase::mariadb("verify_myisam");
        let schema = library(&database, &MysqlDialect)?;
        // MariaDB refuses to change the engine of a table in a foreign key, even with
        // foreign_key_checks off: its foreign keys go first, as a dump restored into MyISAM
        // loses them.
        database.execute(&[
            "ALTER TABLE loans DROP FOREIGN KEY fk_loans_copy_id, DROP FOREIGN KEY fk_loans_member_id",
            "ALTER TABLE loans ENGINE=MyISAM",
            // MyISAM takes a loan of a member who does not exist without a word.
            "INSERT INTO loans (copy_id, member_id, due_on) VALUES (2, 999, '2030-03-31')",
        ])?;
        let report = verify_database(&database, &schema)?;
        let engine = expect_item(
            &report,
            CheckKind::ForeignKeyEnforcement,
            Status::Fail,
            Some("loans"),
        )?;
        assert!(engine.message.contains("MyISAM"), "{}", engine.message);
        assert_eq!(
            engine
                .fix
                .as_deref()
                .map(|fix| fix.starts_with("ALTER TABLE `loans` ENGINE=InnoDB;")),
            Some(true)
        );
        let missing = expect_item(
            &report,
            CheckKind::ConstraintsExist,
            Status::Fail,
            Some("loans.fk_loans_member_id"),
        )?;
        assert!(missing.fix.as_deref().is_some_and(|fix| fix.contains(
            "ALTER TABLE `loans` ADD CONSTRAINT `fk_loans_member_id` FOREIGN KEY (`member_id`) REFERENCES `members` (`id`)"
        )));
        expect_item(
            &report,
            CheckKind::ConstraintsExist,
            Status::Fail,
            Some("loans.fk_loans_copy_id"),
        )?;
        let orphans = expect_item(
            &report,
            CheckKind::Orphans,
            Status::Fail,
            Some("loans.fk_loans_member_id"),
        )?;
        assert_eq!(orphans.details, ["member_id = 999 (no such members row)"]);
        let drift = expect_item(&report, CheckKind::Drift, Status::Fail, None)?;
        assert!(
            drift
                .details
                .iter()
                .any(|line| line.contains("engine=MyISAM")),
            "{:?}",
            drift.details
        );
        assert!(!report.passed());
        Ok(())
    });
}

#[test]
fn an_orphan_inserted_with_foreign_key_checks_off_is_found() {
    run(|| {
        let database = ScratchDatabase::mariadb("verify_orphan");
        let schema = library(&database, &MysqlDialect)?;
        database.execute(&[
            "SET foreign_key_checks = 0",
            "INSERT INTO copies (book_id, barcode) VALUES (42, 'C-ORPHAN')",
            "SET foreign_key_checks = 1",
        ])?;
        let report = verify_database(&database, &schema)?;
        let orphans = expect_item(
            &report,
            CheckKind::Orphans,
            Status::Fail,
            Some("copies.fk_copies_book_id"),
        )?;
        assert_eq!(orphans.details, ["book_id = 42 (no such books row)"]);
        assert!(
            orphans
                .message
                .starts_with("copies.book_id → books.id: 1 row references a books row"),
            "{}",
            orphans.message
        );
        // The foreign key is there and InnoDB enforces it: only the data is wrong.
        expect_all_pass(&report, CheckKind::ForeignKeyEnforcement)?;
        expect_all_pass(&report, CheckKind::ConstraintsExist)?;
        expect_all_pass(&report, CheckKind::Drift)?;
        assert_eq!(report.failures(), 1, "only the orphan fails");
        Ok(())
    });
}

#[test]
fn a_missing_unique_constraint_and_its_duplicates_are_reported() {
    run(|| {
        let database = ScratchDatabase::mariadb("verify_unique");
        let schema = library(&database, &MysqlDialect)?;
        database.execute(&[
            "ALTER TABLE members DROP INDEX uq_members_email",
            "INSERT INTO members (name, email) VALUES ('Ada again', 'ada@example.org'), ('Ada thrice', 'ada@example.org')",
        ])?;
        let report = verify_database(&database, &schema)?;
        expect_item(
            &report,
            CheckKind::ConstraintsExist,
            Status::Fail,
            Some("members.uq_members_email"),
        )?;
        let duplicates = expect_item(
            &report,
            CheckKind::Duplicates,
            Status::Fail,
            Some("members.uq_members_email"),
        )?;
        assert_eq!(duplicates.details, ["email = ada@example.org (3 rows)"]);
        assert!(
            duplicates
                .reason
                .as_deref()
                .is_some_and(|reason| reason.contains("no unique key on members (email)"))
        );
        let drift = expect_item(&report, CheckKind::Drift, Status::Fail, None)?;
        assert_eq!(drift.details, ["+ unique members.uq_members_email (email)"]);
        Ok(())
    });
}

#[test]
fn check_constraints_switched_off_on_the_connection_are_reported() {
    run(|| {
        let database = ScratchDatabase::mariadb("verify_checks_off");
        let schema = library(&database, &MysqlDialect)?;
        let mut connection = database.connect()?;
        connection
            .execute_statements(&["SET SESSION check_constraint_checks = OFF"])
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
                .is_some_and(|reason| reason.contains("check_constraint_checks is OFF"))
        );
        // The temporary probe table is gone again, and the connection still works.
        let probe = connection.query_rows("SELECT COUNT(*) FROM dbkit_verify_check_probe");
        assert!(
            probe
                .as_ref()
                .is_err_and(|error| error.to_string().contains("doesn't exist")),
            "the probe table is still there: {probe:?}"
        );
        let tables = connection
            .list_tables()
            .map_err(|error| error.to_string())?;
        assert_eq!(tables.len(), 10, "{tables:?}");
        Ok(())
    });
}
