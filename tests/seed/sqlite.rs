//! Sample data loaded into SQLite, through `seed.sql` and through prepared statements, then
//! checked by queries against the database.

use dbkit_seed::load::sqlite;
use dbkit_tests::{Sqlite, seeded};

fn scratch(_name: &str) -> Sqlite {
    Sqlite::scratch()
}

fn bulk(
    database: &mut Sqlite,
    schema: &dbkit_model::Schema,
    options: &dbkit_seed::SeedOptions,
    load: dbkit_seed::load::LoadOptions,
) -> Result<dbkit_seed::load::LoadReport, dbkit_seed::SeedError> {
    let path = seeded::database_name(database);
    let mut connection = rusqlite::Connection::open(&path)
        .unwrap_or_else(|error| panic!("cannot open the scratch database {path}: {error}"));
    sqlite::seed(&mut connection, schema, options, load, &mut |_, _, _| {})
}

#[test]
fn every_fixture_seeds_through_seed_sql_and_keeps_every_rule() {
    seeded::every_fixture_through_seed_sql(&scratch).unwrap_or_else(|error| panic!("{error}"));
}

#[test]
fn every_fixture_seeds_through_prepared_statements_and_keeps_every_rule() {
    seeded::every_fixture_through_bulk_load(&scratch, &bulk)
        .unwrap_or_else(|error| panic!("{error}"));
}

#[test]
fn seeding_again_appends_without_breaking_keys_and_truncate_starts_over() {
    seeded::append_then_truncate(&scratch, &bulk).unwrap_or_else(|error| panic!("{error}"));
}

#[test]
fn a_missing_table_is_refused_before_anything_is_loaded() {
    seeded::missing_table_is_refused(&scratch, &bulk).unwrap_or_else(|error| panic!("{error}"));
}

#[test]
fn quotes_backslashes_and_unicode_round_trip() {
    seeded::tricky_text_round_trips(&scratch, &bulk).unwrap_or_else(|error| panic!("{error}"));
}

/// The checks are not vacuous: a row that breaks a rule is found.
#[test]
fn the_checks_find_a_row_that_breaks_a_rule() {
    use dbkit_tests::Database;
    let fixture = dbkit_tests::example_fixture();
    let mut database = Sqlite::scratch();
    let dataset = seeded::dataset(&fixture.schema, &seeded::options(20, 4), &fixture.file);
    let counts = seeded::counts_of(&dataset);
    let prepare = |database: &mut Sqlite| -> dbkit_tests::Outcome {
        database.run_script(&fixture.scripts(database.dialect()).create.render())?;
        database.run_script(&dbkit_seed::render_seed_sql(&dataset, database.dialect()))?;
        seeded::verify(database, &fixture.schema, &counts)
    };
    prepare(&mut database).unwrap_or_else(|error| panic!("{error}"));
    database
        .run_script("PRAGMA foreign_keys = OFF; INSERT INTO loans (copy_id, member_id, due_on, fee) VALUES (1, 999, '2024-01-01', 0);")
        .unwrap_or_else(|error| panic!("{error}"));
    let error =
        seeded::verify(&mut database, &fixture.schema, &|_| None).expect_err("an orphan loan");
    assert!(
        error.contains("orphans of the foreign key fk_loans_member_id"),
        "{error}"
    );
}
