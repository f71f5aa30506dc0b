//! Connection failures say where and why, and never show the password.

use dbkit_db::{DatabaseUrl, DbError, connect, create_database_if_missing};

use super::support::{Server, TestDatabase, parse, unique_name};

const PASSWORD: &str = "Sup3r-Secret_pw";

fn connect_error(url: &DatabaseUrl) -> DbError {
    match connect(url) {
        Ok(connection) => panic!("connecting to {url} should fail, got {connection:?}"),
        Err(error) => error,
    }
}

/// The whole error as a user would see it: message, help and debug form.
fn everything_shown(error: &DbError) -> String {
    format!("{error}\n{}\n{error:?}", error.help().unwrap_or_default())
}

#[test]
fn an_unreachable_server_is_named_and_the_password_hidden() {
    for scheme in ["mysql", "postgres"] {
        // Port 1 on the loopback interface: nothing listens there, so the connection is refused.
        let url = parse(&format!("{scheme}://app:{PASSWORD}@127.0.0.1:1/shop"));
        let error = connect_error(&url);
        let shown = everything_shown(&error);
        assert!(!shown.contains(PASSWORD), "{shown}");
        let DbError::Connect {
            host,
            port,
            database,
            url: masked,
            ..
        } = &error
        else {
            panic!("expected a connection error, got {error:?}");
        };
        assert_eq!(
            (host.as_str(), *port, database.as_str()),
            ("127.0.0.1", 1, "shop")
        );
        assert_eq!(masked, &format!("{scheme}://app:***@127.0.0.1:1/shop"));
        assert!(
            shown.contains("is ") && shown.contains("running?"),
            "{shown}"
        );
        let created = create_database_if_missing(&url);
        let shown = format!("{created:?}");
        assert!(created.is_err() && !shown.contains(PASSWORD), "{shown}");
    }
}

#[test]
fn a_wrong_password_on_mariadb_is_not_shown() {
    // Make sure the server is up, so that the failure below is about the password.
    let _database = TestDatabase::create(Server::Mysql, "password");
    let url = parse(&format!(
        "mysql://dbkit_no_such_user:{PASSWORD}@127.0.0.1:3306/mysql"
    ));
    let error = connect_error(&url);
    let shown = everything_shown(&error);
    assert!(shown.contains("Access denied"), "{shown}");
    assert!(
        shown.contains("check the user name and password"),
        "{shown}"
    );
    assert!(!shown.contains(PASSWORD), "{shown}");
}

#[test]
fn a_missing_postgres_database_is_named_and_the_password_hidden() {
    let _database = TestDatabase::create(Server::Postgres, "password");
    let missing = unique_name("missing");
    let url = parse(&format!(
        "postgres://postgres:{PASSWORD}@127.0.0.1:5432/{missing}"
    ));
    let error = connect_error(&url);
    let shown = everything_shown(&error);
    assert!(
        shown.contains(&format!("database \"{missing}\"")),
        "{shown}"
    );
    assert!(shown.contains("does not exist"), "{shown}");
    assert!(!shown.contains(PASSWORD), "{shown}");
}

#[test]
fn a_missing_mariadb_database_is_named() {
    let _database = TestDatabase::create(Server::Mysql, "missing");
    let missing = unique_name("missing");
    let url = parse(&format!("mysql://root@127.0.0.1:3306/{missing}"));
    let shown = everything_shown(&connect_error(&url));
    assert!(
        shown.contains(&format!("Unknown database '{missing}'")),
        "{shown}"
    );
    assert!(shown.contains("dbkit apply"), "{shown}");
}
