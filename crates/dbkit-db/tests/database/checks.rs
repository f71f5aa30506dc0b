//! The behaviour every backend must show, run by each backend's tests.

use dbkit_db::{Connection, DbError, apply_schema};

use super::support::Scripts;

/// A fresh database has no tables; applying the schema creates exactly its tables.
pub(crate) fn applies_to_a_fresh_database(connection: &mut Connection, scripts: &Scripts) {
    assert_eq!(list(connection), Vec::<String>::new());
    let outcome = match apply_schema(connection, &scripts.create) {
        Ok(outcome) => outcome,
        Err(error) => panic!("applying to a fresh database failed: {error}"),
    };
    assert_eq!(outcome.tables_created, ["members", "order"]);
    assert_eq!(outcome.statements, scripts.create.len());
    assert_eq!(
        outcome.transactional,
        connection.supports_transactional_ddl()
    );
    assert_eq!(list(connection), ["members", "order"]);
}

/// Applying again is refused, naming the tables, and the data already there is untouched.
pub(crate) fn refuses_a_database_that_has_the_tables(
    connection: &mut Connection,
    scripts: &Scripts,
) {
    if let Err(error) = apply_schema(connection, &scripts.create) {
        panic!("applying to a fresh database failed: {error}");
    }
    let insert = "INSERT INTO members (id, email) VALUES (1, 'ada@example.com')";
    if let Err(error) = connection.execute_statements(&[insert]) {
        panic!("inserting a member failed: {error}");
    }
    match apply_schema(connection, &scripts.create) {
        Err(DbError::TablesExist { tables, url }) => {
            assert_eq!(tables, ["members", "order"]);
            assert_eq!(url, connection.url().to_string());
        }
        other => panic!("applying twice should be refused, got {other:?}"),
    }
    let error = match apply_schema(connection, &scripts.create) {
        Err(error) => error,
        Ok(outcome) => panic!("applying twice should be refused, got {outcome:?}"),
    };
    let help = error.help().unwrap_or_default();
    assert!(
        help.contains("fresh (empty) database") && help.contains("dbkit migrate"),
        "{help}"
    );
    // The member is still there: inserting it again violates the primary key.
    match connection.execute_statements(&[insert]) {
        Err(DbError::Statement {
            number: 1,
            count: 1,
            ..
        }) => {}
        other => panic!("the existing row should have been kept, got {other:?}"),
    }
    assert_eq!(list(connection), ["members", "order"]);
}

/// A failing schema on a transactional database leaves nothing behind.
pub(crate) fn rolls_back_a_failing_schema(connection: &mut Connection, scripts: &Scripts) {
    match apply_schema(connection, &scripts.failing) {
        Err(DbError::RolledBack {
            number,
            count,
            first_line,
            message,
            ..
        }) => {
            assert_eq!((number, count), (3, 4));
            assert!(
                first_line.starts_with("CREATE TABLE \"first\""),
                "{first_line}"
            );
            assert!(message.contains("already exists"), "{message}");
        }
        other => panic!("the failing script should be rolled back, got {other:?}"),
    }
    assert_eq!(list(connection), Vec::<String>::new());
}

/// A failing statement names its number, its first line and the database's message.
pub(crate) fn reports_the_failing_statement(connection: &mut Connection) {
    let statements = [
        "CREATE TABLE probe (id INT)",
        "-- a typo\nSELEC 1 FROM probe",
    ];
    match connection.execute_statements(&statements) {
        Err(error @ DbError::Statement { .. }) => {
            let text = error.to_string();
            assert!(text.starts_with("statement 2 of 2 failed on "), "{text}");
            assert!(
                text.ends_with("the statement starts with: SELEC 1 FROM probe"),
                "{text}"
            );
        }
        other => panic!("the typo should fail, got {other:?}"),
    }
    // Outside a transaction, the first statement stays applied.
    assert_eq!(list(connection), ["probe"]);
}

/// The connection's tables, failing the test on error.
pub(crate) fn list(connection: &mut Connection) -> Vec<String> {
    connection
        .list_tables()
        .unwrap_or_else(|error| panic!("listing tables failed: {error}"))
}
