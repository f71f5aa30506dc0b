//! Sample data loaded into PostgreSQL, through `seed.sql` and through `COPY ... FROM STDIN`,
//! then checked by queries against the database.

use std::str::FromStr;

use dbkit_seed::load::postgres;
use dbkit_tests::{Database, Postgres, seeded};

fn scratch(name: &str) -> Postgres {
    Postgres::scratch(&format!("seed_{name}"))
}

fn bulk(
    database: &mut Postgres,
    schema: &dbkit_model::Schema,
    options: &dbkit_seed::SeedOptions,
    load: dbkit_seed::load::LoadOptions,
) -> Result<dbkit_seed::load::LoadReport, dbkit_seed::SeedError> {
    let url = std::env::var(dbkit_tests::postgres::URL_VARIABLE)
        .unwrap_or_else(|_| dbkit_tests::postgres::DEFAULT_URL.to_string());
    let name = seeded::database_name(database);
    let mut client = ::postgres::Config::from_str(&url)
        .unwrap_or_else(|error| panic!("bad PostgreSQL URL: {error}"))
        .dbname(&name)
        .connect(::postgres::NoTls)
        .unwrap_or_else(|error| panic!("cannot connect to the scratch database {name}: {error}"));
    postgres::seed(&mut client, schema, options, load, &mut |_, _, _| {})
}

#[test]
fn every_fixture_seeds_through_seed_sql_and_keeps_every_rule() {
    seeded::every_fixture_through_seed_sql(&scratch).unwrap_or_else(|error| panic!("{error}"));
}

#[test]
fn every_fixture_seeds_through_copy_and_keeps_every_rule() {
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

/// After `seed.sql`, a plain INSERT gets the next id: the identity sequence was moved past the
/// explicit ids.
#[test]
fn identity_sequences_continue_after_the_seeded_ids() {
    let fixture = dbkit_tests::example_fixture();
    let mut database = scratch("identity");
    let run = |database: &mut Postgres| -> dbkit_tests::Outcome {
        database.run_script(&fixture.scripts(database.dialect()).create.render())?;
        let dataset = seeded::dataset(&fixture.schema, &seeded::options(25, 1), &fixture.file);
        database.run_script(&dbkit_seed::render_seed_sql(&dataset, database.dialect()))?;
        database.execute_ok("INSERT INTO \"publishers\" (\"name\") VALUES ('After The Seed')")?;
        let id = database
            .query_integer("SELECT \"id\" FROM \"publishers\" WHERE \"name\" = 'After The Seed'")?;
        if id != 26 {
            return Err(format!("the next publisher got id {id}, expected 26"));
        }
        Ok(())
    };
    run(&mut database).unwrap_or_else(|error| panic!("{error}"));
}
