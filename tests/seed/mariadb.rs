//! Sample data loaded into MariaDB, through `seed.sql` and through `LOAD DATA LOCAL INFILE`
//! streamed from memory, then checked by queries against the database.

use dbkit_seed::load::mysql;
use dbkit_tests::{MariaDb, seeded};

fn scratch(name: &str) -> MariaDb {
    MariaDb::scratch(&format!("seed_{name}"))
}

fn bulk(
    database: &mut MariaDb,
    schema: &dbkit_model::Schema,
    options: &dbkit_seed::SeedOptions,
    load: dbkit_seed::load::LoadOptions,
) -> Result<dbkit_seed::load::LoadReport, dbkit_seed::SeedError> {
    let url = std::env::var(dbkit_tests::mariadb::URL_VARIABLE)
        .unwrap_or_else(|_| dbkit_tests::mariadb::DEFAULT_URL.to_string());
    let name = seeded::database_name(database);
    let options_url =
        ::mysql::Opts::from_url(&url).unwrap_or_else(|error| panic!("bad MariaDB URL: {error}"));
    let mut connection = ::mysql::Conn::new(
        ::mysql::OptsBuilder::from_opts(options_url).db_name(Some(name.clone())),
    )
    .unwrap_or_else(|error| panic!("cannot connect to the scratch database {name}: {error}"));
    mysql::seed(&mut connection, schema, options, load, &mut |_, _, _| {})
}

#[test]
fn every_fixture_seeds_through_seed_sql_and_keeps_every_rule() {
    seeded::every_fixture_through_seed_sql(&scratch).unwrap_or_else(|error| panic!("{error}"));
}

#[test]
fn every_fixture_seeds_through_load_data_and_keeps_every_rule() {
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
