//! `dbkit pull` on real-world schemas (`../shared/corpus/`): each is loaded with the database's
//! own client, pulled, written as `schema.toml` and read back, built by dbkit on a fresh
//! database, and pulled again; then the two databases' own dumps are compared object by object.
//!
//! The pulls of the two databases must be equal. The dumps differ only in the objects listed
//! for each schema below, each with the reason (the same list is in `docs/introspection.md`).

mod corpus_client;
mod corpus_dump;

use std::path::PathBuf;

use dbkit_db::Backend;
use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_sdk::Dialect;
use dbkit_tests::pull::{ScratchDatabase, first_difference, through_schema_toml};

/// One corpus schema and what its rebuilt database is expected to lack or have differently.
struct Case {
    name: &'static str,
    backend: Backend,
    /// The file, relative to the corpus folder.
    file: &'static str,
    /// Text to remove from the file before loading (a database name used as a qualifier).
    remove: &'static [&'static str],
    /// The objects whose dumps differ, each with why.
    differences: &'static [(&'static str, &'static str)],
}

fn corpus_folder() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus"))
}

/// The file as the database's client can run it on a scratch database: without the statements
/// that create, drop or switch databases, and without `source` of files the corpus lacks.
fn prepared(case: &Case) -> String {
    let path = corpus_folder().join(case.file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read the corpus file {}: {error}", path.display()));
    let text = text.trim_start_matches('\u{feff}');
    let mut kept = Vec::new();
    for line in text.lines() {
        let lower = line.trim().to_ascii_lowercase();
        let switches_database = [
            "drop database",
            "create database",
            "drop schema",
            "create schema",
        ]
        .iter()
        .any(|prefix| lower.starts_with(prefix))
            || lower.starts_with("use ")
            || lower.starts_with("\\c ")
            || lower.starts_with("source ")
            || lower.starts_with("flush ");
        if !switches_database {
            kept.push(line);
        }
    }
    let mut text = kept.join("\n");
    for removed in case.remove {
        text = text.replace(removed, "");
    }
    text
}

fn dialect(backend: Backend) -> &'static dyn Dialect {
    match backend {
        Backend::Mysql => &MysqlDialect,
        Backend::Postgres => &PostgresDialect,
        Backend::Sqlite => &SqliteDialect,
    }
}

fn scratch(backend: Backend, name: &str) -> ScratchDatabase {
    match backend {
        Backend::Mysql => ScratchDatabase::mariadb(name),
        Backend::Postgres => ScratchDatabase::postgres(name),
        Backend::Sqlite => ScratchDatabase::sqlite(name),
    }
}

fn check(case: &Case) {
    let fail =
        |message: String| -> ! { panic!("corpus {} ({:?}): {message}", case.name, case.backend) };
    let source = scratch(case.backend, &format!("corpus_{}", case.name));
    corpus_client::load(&source, &prepared(case)).unwrap_or_else(|message| fail(message));
    let pulled = source.pull().unwrap_or_else(|message| fail(message));
    let schema =
        through_schema_toml(&pulled.schema, case.name).unwrap_or_else(|message| fail(message));
    assert!(
        schema == pulled.schema,
        "corpus {}: the written schema.toml reads back differently:\n{}",
        case.name,
        first_difference(&pulled.schema, &schema)
    );
    let rebuilt = scratch(case.backend, &format!("corpus_{}_rebuilt", case.name));
    rebuilt
        .apply(&schema, dialect(case.backend))
        .unwrap_or_else(|message| fail(message));
    let again = rebuilt.pull().unwrap_or_else(|message| fail(message));
    assert!(
        again.schema.tables == pulled.schema.tables,
        "corpus {}: the rebuilt database pulls differently:\n{}\n{}",
        case.name,
        dbkit_model::render_text(&dbkit_model::diff(&pulled.schema, &again.schema)),
        first_difference(&pulled.schema, &again.schema)
    );
    let source_dump = corpus_client::dump(&source).unwrap_or_else(|message| fail(message));
    let rebuilt_dump = corpus_client::dump(&rebuilt).unwrap_or_else(|message| fail(message));
    let differences = corpus_dump::compare(
        &corpus_dump::objects(case.backend, &source_dump),
        &corpus_dump::objects(case.backend, &rebuilt_dump),
    );
    let unexplained: Vec<&str> = differences
        .iter()
        .map(|difference| difference.object.as_str())
        .filter(|object| {
            !case
                .differences
                .iter()
                .any(|(pattern, _)| matches(pattern, object))
        })
        .collect();
    let unused: Vec<&str> = case
        .differences
        .iter()
        .map(|(pattern, _)| *pattern)
        .filter(|pattern| {
            !differences
                .iter()
                .any(|difference| matches(pattern, &difference.object))
        })
        .collect();
    if !unexplained.is_empty() || !unused.is_empty() {
        let details: Vec<String> = differences
            .iter()
            .map(|difference| {
                format!(
                    "{}\n    only in the source: {:?}\n    only in the rebuilt: {:?}",
                    difference.object, difference.only_in_source, difference.only_in_rebuilt
                )
            })
            .collect();
        let warnings: Vec<String> = pulled.warnings.iter().map(ToString::to_string).collect();
        fail(format!(
            "the dumps differ in other objects than expected.\nunexplained: {unexplained:?}\nexplaining nothing: {unused:?}\n\n{}\n\npull warnings:\n  {}",
            details.join("\n"),
            warnings.join("\n  ")
        ));
    }
}

/// Whether `object` matches `pattern`, where `*` stands for any text.
fn matches(pattern: &str, object: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if parts.len() == 1 {
        return pattern == object;
    }
    if !object.starts_with(first) || !object[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &object[first.len()..object.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(position) => rest = &rest[position + middle.len()..],
            None => return false,
        }
    }
    true
}

/// Views, triggers and stored code: not part of the model, reported by the pull as warnings.
const OUT_OF_SCOPE: &str = "not part of the model; the pull lists it as a warning";
/// dbkit's MySQL dialect adds a CHECK to every boolean column.
const BOOLEAN_CHECK: &str = "the source's TINYINT(1) column has no CHECK; dbkit enforces booleans with CHECK (col IN (0, 1))";
/// PostgreSQL `serial` columns come back as identity columns.
const SERIAL: &str = "serial columns (a sequence and a nextval() default) are built as identity columns (GENERATED BY DEFAULT AS IDENTITY), which own their sequence";
/// SQLite tables written by hand and by dbkit differ in text only.
const SQLITE_TEXT: &str = "the same table written differently: dbkit names every constraint (pk_<table>, fk_<table>_<columns>, <table>_chk_<n>), writes NOT NULL on primary key columns, leaves out DEFAULT NULL and writes ON DELETE/ON UPDATE NO ACTION; INTEGER columns that reference an INTEGER PRIMARY KEY (a rowid) become BIGINT, and INT ones become INTEGER (pull warnings)";

#[test]
fn sakila_on_mariadb() {
    check(&Case {
        name: "sakila",
        backend: Backend::Mysql,
        file: "sakila/mysql-sakila-db/mysql-sakila-schema.sql",
        remove: &["sakila."],
        differences: &[
            ("function *", OUT_OF_SCOPE),
            ("procedure *", OUT_OF_SCOPE),
            ("table customer", BOOLEAN_CHECK),
            ("table staff", BOOLEAN_CHECK),
            ("trigger *", OUT_OF_SCOPE),
            ("view *", OUT_OF_SCOPE),
        ],
    });
}

#[test]
fn employees_on_mariadb() {
    check(&Case {
        name: "employees",
        backend: Backend::Mysql,
        file: "employees/employees.sql",
        remove: &[],
        differences: &[("view *", OUT_OF_SCOPE)],
    });
}

#[test]
fn chinook_on_mariadb() {
    check(&Case {
        name: "chinook",
        backend: Backend::Mysql,
        file: "chinook/ChinookDatabase/DataSources/Chinook_MySql.sql",
        remove: &[],
        differences: &[],
    });
}

#[test]
fn northwind_on_mariadb() {
    check(&Case {
        name: "northwind",
        backend: Backend::Mysql,
        file: "northwind/mysql-dalers-mywind/northwind.sql",
        remove: &["`northwind`."],
        differences: &[
            ("table products", BOOLEAN_CHECK),
            ("table purchase_order_details", BOOLEAN_CHECK),
            ("table sales_reports", BOOLEAN_CHECK),
        ],
    });
}

#[test]
fn sakila_on_postgres() {
    check(&Case {
        name: "sakila",
        backend: Backend::Postgres,
        file: "sakila/postgres-sakila-db/postgres-sakila-schema.sql",
        remove: &[],
        differences: &[
            ("aggregate *", OUT_OF_SCOPE),
            ("column *", SERIAL),
            ("sequence *", SERIAL),
            (
                "constraint payment.payment_rental_id_fkey",
                "ON DELETE SET NULL on the NOT NULL payment.rental_id cannot work; pulled as NO ACTION (pull warning)",
            ),
            (
                "domain year",
                "the domain is pulled as its base type, integer (pull warning)",
            ),
            ("function *", OUT_OF_SCOPE),
            ("rule *", OUT_OF_SCOPE),
            (
                "table *",
                "serial defaults; DEFAULT now() is written CURRENT_TIMESTAMP; the enum type mpaa_rating becomes VARCHAR(5) with a CHECK and the domain year integer; the payment_p2007_* tables INHERIT payment and are built as tables of their own (pull warnings)",
            ),
            ("trigger *", OUT_OF_SCOPE),
            (
                "type mpaa_rating",
                "the enum type is pulled as an enum, which dbkit builds as VARCHAR with a CHECK (pull warning)",
            ),
            ("view *", OUT_OF_SCOPE),
        ],
    });
}

#[test]
fn pagila_on_postgres() {
    check(&Case {
        name: "pagila",
        backend: Backend::Postgres,
        // The newest release needs PostgreSQL 18 (uuidv7(), virtual generated columns) and the
        // pgvector extension; 3.1.0 is the newest that loads on PostgreSQL 15.
        file: "pagila/versions/pagila-v3.1.0/pagila-schema.sql",
        remove: &[],
        differences: &[
            ("aggregate *", OUT_OF_SCOPE),
            ("column *", SERIAL),
            ("sequence *", SERIAL),
            (
                "domain *",
                "domains are pulled as their base types (pull warning)",
            ),
            ("function *", OUT_OF_SCOPE),
            (
                "index rental_category",
                "an index on the materialized view rental_by_category",
            ),
            ("materialized view *", OUT_OF_SCOPE),
            (
                "partition *",
                "declarative partitions are pulled as plain tables (pull warning)",
            ),
            (
                "table *",
                "serial defaults; DEFAULT now() is written CURRENT_TIMESTAMP; the enum type mpaa_rating becomes VARCHAR(5) with a CHECK and the domains integer/bigint; payment is partitioned and its partitions are built as tables of their own; the fulltext tsvector column keeps its native type (pull warnings)",
            ),
            ("trigger *", OUT_OF_SCOPE),
            (
                "type mpaa_rating",
                "the enum type is pulled as an enum, which dbkit builds as VARCHAR with a CHECK (pull warning)",
            ),
            ("view *", OUT_OF_SCOPE),
        ],
    });
}

#[test]
fn chinook_on_postgres() {
    check(&Case {
        name: "chinook",
        backend: Backend::Postgres,
        file: "chinook/ChinookDatabase/DataSources/Chinook_PostgreSql.sql",
        remove: &[],
        differences: &[],
    });
}

#[test]
fn northwind_on_postgres() {
    check(&Case {
        name: "northwind",
        backend: Backend::Postgres,
        file: "northwind/postgres-pthom/northwind.sql",
        remove: &[],
        differences: &[],
    });
}

#[test]
fn sakila_on_sqlite() {
    check(&Case {
        name: "sakila",
        backend: Backend::Sqlite,
        file: "sakila/sqlite-sakila-db/sqlite-sakila-schema.sql",
        remove: &[],
        differences: &[
            ("table *", SQLITE_TEXT),
            ("trigger *", OUT_OF_SCOPE),
            ("view *", OUT_OF_SCOPE),
        ],
    });
}

#[test]
fn chinook_on_sqlite() {
    check(&Case {
        name: "chinook",
        backend: Backend::Sqlite,
        file: "chinook/ChinookDatabase/DataSources/Chinook_Sqlite.sql",
        remove: &[],
        differences: &[("table *", SQLITE_TEXT)],
    });
}

#[test]
fn northwind_on_sqlite() {
    check(&Case {
        name: "northwind",
        backend: Backend::Sqlite,
        file: "northwind/sqlite-jpwhite3/src/create.sql",
        remove: &[],
        differences: &[
            (
                "table sqlite_sequence",
                "SQLite keeps it for AUTOINCREMENT keys, which dbkit builds as plain rowid keys (pull warning)",
            ),
            ("table *", SQLITE_TEXT),
            ("view *", OUT_OF_SCOPE),
        ],
    });
}
