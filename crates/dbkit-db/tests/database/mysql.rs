//! MariaDB/MySQL at 127.0.0.1:3306.

use dbkit_db::{Backend, DbError, apply_schema, create_database_if_missing};

use super::checks;
use super::support::{Server, TestDatabase, mysql_scripts};

#[test]
fn connects_and_names_its_dialect() {
    let database = TestDatabase::create(Server::Mysql, "connect");
    let connection = database.connect();
    assert_eq!(connection.dialect_name(), "mysql");
    assert_eq!(connection.backend(), Backend::Mysql);
    assert!(!connection.supports_transactional_ddl());
}

#[test]
fn applies_to_a_fresh_database() {
    let database = TestDatabase::create(Server::Mysql, "apply");
    checks::applies_to_a_fresh_database(&mut database.connect(), &mysql_scripts());
}

#[test]
fn lists_only_the_tables_of_the_current_database() {
    let first = TestDatabase::create(Server::Mysql, "list_a");
    let second = TestDatabase::create(Server::Mysql, "list_b");
    let mut connection = first.connect();
    checks::applies_to_a_fresh_database(&mut connection, &mysql_scripts());
    assert_eq!(checks::list(&mut second.connect()), Vec::<String>::new());
}

#[test]
fn refuses_a_database_that_has_the_tables() {
    let database = TestDatabase::create(Server::Mysql, "refuse");
    checks::refuses_a_database_that_has_the_tables(&mut database.connect(), &mysql_scripts());
}

#[test]
fn reports_the_tables_created_before_a_failure() {
    let database = TestDatabase::create(Server::Mysql, "partial");
    let mut connection = database.connect();
    let scripts = mysql_scripts();
    let error = match apply_schema(&mut connection, &scripts.failing) {
        Err(error) => error,
        Ok(outcome) => panic!("the failing script should fail, got {outcome:?}"),
    };
    let text = error.to_string();
    let DbError::PartiallyApplied {
        number,
        count,
        created,
        first_line,
        ..
    } = error
    else {
        panic!("the failing script should report a partial apply, got {error:?}");
    };
    assert_eq!((number, count), (3, 4));
    assert_eq!(created, ["first", "second"]);
    assert!(
        first_line.starts_with("CREATE TABLE `first`"),
        "{first_line}"
    );
    assert!(text.contains("already exists"), "{text}");
    assert!(
        text.contains("were created and are still there: first, second"),
        "{text}"
    );
    assert_eq!(checks::list(&mut connection), ["first", "second"]);
}

#[test]
fn refuses_to_pretend_ddl_is_transactional() {
    let database = TestDatabase::create(Server::Mysql, "notx");
    let mut connection = database.connect();
    match connection.execute_script_in_transaction(&["CREATE TABLE t (id INT)"]) {
        Err(DbError::NotTransactional { url }) => assert_eq!(url, database.url().to_string()),
        other => panic!("MySQL should refuse a DDL transaction, got {other:?}"),
    }
    assert_eq!(checks::list(&mut connection), Vec::<String>::new());
}

#[test]
fn reports_the_failing_statement() {
    let database = TestDatabase::create(Server::Mysql, "statement");
    checks::reports_the_failing_statement(&mut database.connect());
}

#[test]
fn creates_a_missing_database_once() {
    let database = TestDatabase::create(Server::Mysql, "create");
    match create_database_if_missing(database.url()) {
        Ok(created) => assert!(!created, "{} exists already", database.name()),
        Err(error) => panic!("{error}"),
    }
}
