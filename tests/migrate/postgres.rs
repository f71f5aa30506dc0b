//! Migrations on Postgres: every kind of change applied up and down with its rows kept.

use dbkit_tests::migrate::Server;
use dbkit_tests::migrate_cases::run_all_cases;

#[test]
fn every_kind_of_change_goes_up_and_down_keeping_rows() -> Result<(), String> {
    run_all_cases(Server::Postgres)
}
