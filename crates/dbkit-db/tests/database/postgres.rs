//! PostgreSQL at 127.0.0.1:5432.

use dbkit_db::{Backend, create_database_if_missing};

use super::checks;
use super::support::{Server, TestDatabase, standard_scripts};

#[test]
fn connects_and_names_its_dialect() {
    let database = TestDatabase::create(Server::Postgres, "connect");
    let connection = database.connect();
    assert_eq!(connection.dialect_name(), "postgres");
    assert_eq!(connection.backend(), Backend::Postgres);
    assert!(connection.supports_transactional_ddl());
}

#[test]
fn applies_to_a_fresh_database() {
    let database = TestDatabase::create(Server::Postgres, "apply");
    checks::applies_to_a_fresh_database(&mut database.connect(), &standard_scripts());
}

#[test]
fn lists_only_the_tables_of_the_current_schema() {
    let database = TestDatabase::create(Server::Postgres, "list");
    let mut connection = database.connect();
    if let Err(error) = connection.execute_statements(&[
        "CREATE SCHEMA elsewhere",
        "CREATE TABLE elsewhere.hidden (id INT)",
        "CREATE VIEW not_a_table AS SELECT 1 AS one",
    ]) {
        panic!("{error}");
    }
    checks::applies_to_a_fresh_database(&mut connection, &standard_scripts());
}

#[test]
fn refuses_a_database_that_has_the_tables() {
    let database = TestDatabase::create(Server::Postgres, "refuse");
    checks::refuses_a_database_that_has_the_tables(&mut database.connect(), &standard_scripts());
}

#[test]
fn rolls_back_a_failing_schema() {
    let database = TestDatabase::create(Server::Postgres, "rollback");
    checks::rolls_back_a_failing_schema(&mut database.connect(), &standard_scripts());
}

#[test]
fn reports_the_failing_statement() {
    let database = TestDatabase::create(Server::Postgres, "statement");
    checks::reports_the_failing_statement(&mut database.connect());
}

#[test]
fn creates_a_missing_database_once() {
    let database = TestDatabase::create(Server::Postgres, "create");
    match create_database_if_missing(database.url()) {
        Ok(created) => assert!(!created, "{} exists already", database.name()),
        Err(error) => panic!("{error}"),
    }
}
