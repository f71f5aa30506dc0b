//! Sample data for real-world schemas (`../shared/corpus/`): each is loaded with the database's
//! own client, pulled with dbkit, written as `schema.toml` and read back, built by dbkit on two
//! fresh databases, and filled on one through the bulk path of `dbkit seed --url`, on the other
//! by the `seed.sql` that `dbkit build` writes. Then each database itself is asked: every table
//! holds the rows asked for, no foreign key has an orphan, no unique key or primary key a
//! duplicate, no NOT NULL column a NULL, and no row fails a CHECK.

#[allow(dead_code)]
#[path = "../pull/corpus_client.rs"]
mod corpus_client;

use dbkit_db::Backend;
use dbkit_tests::corpus_seed::{
    both_ways, bulk_mariadb, bulk_postgres, bulk_sqlite, corpus_script, options,
};
use dbkit_tests::pull::{ScratchDatabase, through_schema_toml};
use dbkit_tests::{MariaDb, Postgres, Sqlite};

/// Rows for every table without a count of its own.
const ROWS: u64 = 200;

/// One corpus schema on one database.
struct Case {
    name: &'static str,
    backend: Backend,
    /// The file, relative to the corpus folder.
    file: &'static str,
    /// Text to remove from the file before loading (a database name used as a qualifier).
    remove: &'static [&'static str],
    /// Tables that get more rows than [`ROWS`].
    more: &'static [(&'static str, u64)],
    /// Statements run with the client after the file.
    after: &'static [&'static str],
    /// Queries that count rows breaking a rule the model does not hold (what, SQL): each must
    /// count 0.
    zero: &'static [(&'static str, &'static str)],
}

fn check(case: &Case) {
    let fail =
        |message: String| -> ! { panic!("corpus {} ({:?}): {message}", case.name, case.backend) };
    let source = match case.backend {
        Backend::Mysql => ScratchDatabase::mariadb(&format!("seed_corpus_{}", case.name)),
        Backend::Postgres => ScratchDatabase::postgres(&format!("seed_corpus_{}", case.name)),
        Backend::Sqlite => ScratchDatabase::sqlite(&format!("seed_corpus_{}", case.name)),
    };
    let mut script = corpus_script(case.file, case.remove).unwrap_or_else(|message| fail(message));
    for statement in case.after {
        script.push('\n');
        script.push_str(statement);
        script.push_str(";\n");
    }
    corpus_client::load(&source, &script).unwrap_or_else(|message| fail(message));
    let pulled = source.pull().unwrap_or_else(|message| fail(message));
    let schema =
        through_schema_toml(&pulled.schema, case.name).unwrap_or_else(|message| fail(message));
    let seed_options = options(ROWS, case.more, 42);
    let name = format!("seed_corpus_{}_filled", case.name);
    let report = match case.backend {
        Backend::Mysql => both_ways(
            &|| MariaDb::scratch(&name),
            &schema,
            &seed_options,
            &bulk_mariadb,
            case.zero,
        ),
        Backend::Postgres => both_ways(
            &|| Postgres::scratch(&name),
            &schema,
            &seed_options,
            &bulk_postgres,
            case.zero,
        ),
        Backend::Sqlite => both_ways(
            &Sqlite::scratch,
            &schema,
            &seed_options,
            &bulk_sqlite,
            case.zero,
        ),
    }
    .unwrap_or_else(|message| fail(message));
    assert_eq!(
        report.tables.len(),
        schema.tables.len(),
        "corpus {}: every table is loaded",
        case.name
    );
    for (table, rows) in case.more {
        let loaded = report
            .tables
            .iter()
            .find(|(name, _, _)| name == table)
            .map(|(_, rows, _)| *rows as u64);
        assert_eq!(
            loaded,
            Some(*rows),
            "corpus {} ({:?}): the rows of {table}",
            case.name,
            case.backend
        );
    }
    for note in &report.notes {
        eprintln!("corpus {} ({:?}): note: {note}", case.name, case.backend);
    }
}

#[test]
fn sakila_on_mariadb() {
    check(&Case {
        name: "sakila",
        backend: Backend::Mysql,
        file: "sakila/mysql-sakila-db/mysql-sakila-schema.sql",
        remove: &["sakila."],
        after: &[],
        zero: &[(
            "no film with special features or a release year (native set and year)",
            "SELECT CASE WHEN COUNT(special_features) = 0 OR COUNT(release_year) = 0 THEN 1 ELSE 0 END FROM film",
        )],
        more: &[("rental", 3000), ("payment", 3000)],
    });
}

/// Sakila as MySQL ships it since 0.8 has `address.location GEOMETRY NOT NULL` with a SPATIAL
/// index; the corpus file predates it, so it is added here. dbkit keeps the column as a native
/// type and fills it with points.
#[test]
fn sakila_with_locations_on_mariadb() {
    check(&Case {
        name: "sakila_location",
        backend: Backend::Mysql,
        file: "sakila/mysql-sakila-db/mysql-sakila-schema.sql",
        remove: &["sakila."],
        after: &[
            "ALTER TABLE address ADD COLUMN location GEOMETRY NOT NULL AFTER phone, ADD SPATIAL KEY idx_location (location)",
        ],
        zero: &[(
            "an address.location that is not a point",
            "SELECT COUNT(*) FROM address WHERE ST_GeometryType(location) <> 'POINT' OR ST_X(location) NOT BETWEEN -180 AND 180 OR ST_Y(location) NOT BETWEEN -90 AND 90",
        )],
        more: &[],
    });
}

#[test]
fn employees_on_mariadb() {
    check(&Case {
        name: "employees",
        backend: Backend::Mysql,
        file: "employees/employees.sql",
        remove: &[],
        after: &[],
        zero: &[],
        more: &[("employees", 2000), ("salaries", 5000)],
    });
}

#[test]
fn chinook_on_mariadb() {
    check(&Case {
        name: "chinook",
        backend: Backend::Mysql,
        file: "chinook/ChinookDatabase/DataSources/Chinook_MySql.sql",
        remove: &[],
        after: &[],
        zero: &[],
        more: &[("InvoiceLine", 3000), ("PlaylistTrack", 2000)],
    });
}

#[test]
fn northwind_on_mariadb() {
    check(&Case {
        name: "northwind",
        backend: Backend::Mysql,
        file: "northwind/mysql-dalers-mywind/northwind.sql",
        remove: &["`northwind`."],
        after: &[],
        zero: &[],
        more: &[("orders", 1000), ("order_details", 3000)],
    });
}

#[test]
fn sakila_on_postgres() {
    check(&Case {
        name: "sakila",
        backend: Backend::Postgres,
        file: "sakila/postgres-sakila-db/postgres-sakila-schema.sql",
        remove: &[],
        after: &[],
        zero: &[
            (
                "a foreign key of the staff and store cycle missing after the load (they are dropped and added back)",
                "SELECT 2 - COUNT(*) FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('staff'::regclass, 'store'::regclass) AND confrelid IN ('staff'::regclass, 'store'::regclass)",
            ),
            (
                "a film.fulltext without lexemes (native tsvector)",
                "SELECT COUNT(*) FROM film WHERE length(fulltext) = 0",
            ),
            (
                "an empty film.special_features (native text[])",
                "SELECT COUNT(*) FROM film WHERE cardinality(special_features) = 0",
            ),
            (
                "no film with special features",
                "SELECT CASE WHEN COUNT(special_features) = 0 THEN 1 ELSE 0 END FROM film",
            ),
        ],
        more: &[("rental", 3000), ("payment", 3000)],
    });
}

#[test]
fn pagila_on_postgres() {
    check(&Case {
        name: "pagila",
        backend: Backend::Postgres,
        // The newest release needs PostgreSQL 18 and pgvector; 3.1.0 loads on PostgreSQL 15.
        file: "pagila/versions/pagila-v3.1.0/pagila-schema.sql",
        remove: &[],
        after: &[],
        zero: &[
            (
                "a film.fulltext without lexemes (native tsvector)",
                "SELECT COUNT(*) FROM film WHERE length(fulltext) = 0",
            ),
            (
                "an empty film.special_features (native text[])",
                "SELECT COUNT(*) FROM film WHERE cardinality(special_features) = 0",
            ),
            (
                "no film with special features",
                "SELECT CASE WHEN COUNT(special_features) = 0 THEN 1 ELSE 0 END FROM film",
            ),
        ],
        more: &[("rental", 3000), ("payment", 3000)],
    });
}

#[test]
fn chinook_on_postgres() {
    check(&Case {
        name: "chinook",
        backend: Backend::Postgres,
        file: "chinook/ChinookDatabase/DataSources/Chinook_PostgreSql.sql",
        remove: &[],
        after: &[],
        zero: &[],
        more: &[("invoice_line", 3000), ("playlist_track", 2000)],
    });
}

#[test]
fn northwind_on_postgres() {
    check(&Case {
        name: "northwind",
        backend: Backend::Postgres,
        file: "northwind/postgres-pthom/northwind.sql",
        remove: &[],
        after: &[],
        zero: &[],
        more: &[("orders", 1000), ("order_details", 3000)],
    });
}

#[test]
fn sakila_on_sqlite() {
    check(&Case {
        name: "sakila",
        backend: Backend::Sqlite,
        file: "sakila/sqlite-sakila-db/sqlite-sakila-schema.sql",
        remove: &[],
        after: &[],
        zero: &[(
            "no film with special features (a CHECK of LIKE alternatives)",
            "SELECT CASE WHEN COUNT(special_features) = 0 THEN 1 ELSE 0 END FROM film",
        )],
        more: &[("rental", 3000), ("payment", 3000)],
    });
}

#[test]
fn chinook_on_sqlite() {
    check(&Case {
        name: "chinook",
        backend: Backend::Sqlite,
        file: "chinook/ChinookDatabase/DataSources/Chinook_Sqlite.sql",
        remove: &[],
        after: &[],
        zero: &[],
        more: &[("InvoiceLine", 3000), ("PlaylistTrack", 2000)],
    });
}

#[test]
fn northwind_on_sqlite() {
    check(&Case {
        name: "northwind",
        backend: Backend::Sqlite,
        file: "northwind/sqlite-jpwhite3/src/create.sql",
        remove: &[],
        after: &[],
        zero: &[(
            "an \"Order Details\".UnitPrice that is not a number (native NUMERIC)",
            "SELECT COUNT(*) FROM \"Order Details\" WHERE typeof(UnitPrice) NOT IN ('integer', 'real')",
        )],
        more: &[("Orders", 1000), ("Order Details", 3000)],
    });
}
