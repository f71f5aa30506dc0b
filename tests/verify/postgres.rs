//! `dbkit verify` on PostgreSQL: a clean library passes; disabled foreign-key triggers with the
//! orphan they let in, a one-to-one relationship that lost its unique constraint, and a NOT
//! VALID constraint are each reported; verify changes no data.

use dbkit_dialect_postgres::PostgresDialect;
use dbkit_lint::verify::{CheckKind, Status};
use dbkit_tests::Outcome;
use dbkit_tests::pull::ScratchDatabase;
use dbkit_tests::verify::{
    LIBRARY_COUNTS, expect_clean, expect_item, expect_row_counts, library, verify_database,
};

fn run(test: impl FnOnce() -> Outcome) {
    if let Err(message) = test() {
        panic!("{message}");
    }
}

#[test]
fn a_clean_library_passes_and_keeps_its_data() {
    run(|| {
        let database = ScratchDatabase::postgres("verify_clean");
        let schema = library(&database, &PostgresDialect)?;
        let report = verify_database(&database, &schema)?;
        expect_clean(&report)?;
        expect_row_counts(&report, LIBRARY_COUNTS)
    });
}

#[test]
fn disabled_foreign_key_triggers_and_the_orphan_they_let_in_are_reported() {
    run(|| {
        let database = ScratchDatabase::postgres("verify_triggers");
        let schema = library(&database, &PostgresDialect)?;
        database.execute(&[
            "ALTER TABLE copies DISABLE TRIGGER ALL",
            "INSERT INTO copies (book_id, barcode) VALUES (42, 'C-ORPHAN')",
        ])?;
        let report = verify_database(&database, &schema)?;
        let triggers = expect_item(
            &report,
            CheckKind::ForeignKeyEnforcement,
            Status::Fail,
            Some("copies"),
        )?;
        assert!(
            triggers.message.contains("copies.fk_copies_book_id"),
            "{}",
            triggers.message
        );
        assert_eq!(
            triggers
                .fix
                .as_deref()
                .map(|fix| fix.starts_with("ALTER TABLE \"copies\" ENABLE TRIGGER ALL;")),
            Some(true)
        );
        let orphans = expect_item(
            &report,
            CheckKind::Orphans,
            Status::Fail,
            Some("copies.fk_copies_book_id"),
        )?;
        assert_eq!(orphans.details, ["book_id = 42 (no such books row)"]);
        Ok(())
    });
}

#[test]
fn a_one_to_one_relationship_without_its_unique_constraint_is_reported() {
    run(|| {
        let database = ScratchDatabase::postgres("verify_one_to_one");
        let schema = library(&database, &PostgresDialect)?;
        database.execute(&[
            "ALTER TABLE member_cards DROP CONSTRAINT uq_member_cards_member_id",
            "INSERT INTO member_cards (member_id, card_number, expires_on) VALUES (1, 'CARD000000000002', '2031-12-31')",
        ])?;
        let report = verify_database(&database, &schema)?;
        expect_item(
            &report,
            CheckKind::ConstraintsExist,
            Status::Fail,
            Some("member_cards.uq_member_cards_member_id"),
        )?;
        let one_to_one = expect_item(
            &report,
            CheckKind::OneToOne,
            Status::Fail,
            Some("member_cards.fk_member_cards_member_id"),
        )?;
        assert_eq!(one_to_one.details, ["member_id = 1 (2 rows)"]);
        assert!(
            one_to_one
                .message
                .contains("1 members row has more than one member_cards row"),
            "{}",
            one_to_one.message
        );
        expect_item(
            &report,
            CheckKind::Duplicates,
            Status::Fail,
            Some("member_cards.uq_member_cards_member_id"),
        )?;
        Ok(())
    });
}

#[test]
fn a_not_valid_constraint_is_a_warning() {
    run(|| {
        let database = ScratchDatabase::postgres("verify_not_valid");
        let schema = library(&database, &PostgresDialect)?;
        database.execute(&[
            "ALTER TABLE loans DROP CONSTRAINT fee_not_negative",
            "ALTER TABLE loans ADD CONSTRAINT fee_not_negative CHECK (fee >= 0) NOT VALID",
        ])?;
        let report = verify_database(&database, &schema)?;
        let item = expect_item(
            &report,
            CheckKind::ForeignKeyEnforcement,
            Status::Warn,
            Some("loans.fee_not_negative"),
        )?;
        assert_eq!(
            item.fix.as_deref(),
            Some("ALTER TABLE \"loans\" VALIDATE CONSTRAINT \"fee_not_negative\";")
        );
        assert!(report.passed(), "a warning alone does not fail verify");
        Ok(())
    });
}
