//! Sample data for the real-world corpus schemas (`../shared/corpus/`): a schema pulled from a
//! database the database's own client loaded is built by dbkit on a fresh database, filled
//! through the bulk path of `dbkit seed --url`, and every rule is then asked of the database
//! (see [`crate::seeded::verify`]).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::str::FromStr;

use dbkit_model::Schema;
use dbkit_seed::SeedOptions;
use dbkit_seed::load::{LoadOptions, LoadReport};

use crate::database::Database;
use crate::seeded::{self, BulkSeed};
use crate::{MariaDb, Outcome, Postgres, Sqlite};

/// The corpus folder, shared with the pull tests.
pub fn corpus_folder() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus"))
}

/// A corpus file (relative to [`corpus_folder`]) as a client can run it on a scratch database:
/// without the statements that create, drop or switch databases or `source` other files, and
/// without each text in `remove` (a database name used as a qualifier).
pub fn corpus_script(file: &str, remove: &[&str]) -> Outcome<String> {
    let path = corpus_folder().join(file);
    let text = std::fs::read_to_string(&path)
        .map_err(|error| format!("cannot read the corpus file {}: {error}", path.display()))?;
    let text = text.trim_start_matches('\u{feff}');
    let kept: Vec<&str> = text
        .lines()
        .filter(|line| {
            let lower = line.trim().to_ascii_lowercase();
            ![
                "drop database",
                "create database",
                "drop schema",
                "create schema",
                "use ",
                "\\c ",
                "source ",
                "flush ",
            ]
            .iter()
            .any(|prefix| lower.starts_with(prefix))
        })
        .collect();
    let mut text = kept.join("\n");
    for removed in remove {
        text = text.replace(removed, "");
    }
    Ok(text)
}

/// The seed options for a corpus schema: `rows` per table, `more` for the named tables.
pub fn options(rows: u64, more: &[(&str, u64)], seed: u64) -> SeedOptions {
    SeedOptions {
        rows_default: Some(rows),
        rows_per_table: more
            .iter()
            .map(|(table, rows)| ((*table).to_string(), *rows))
            .collect(),
        seed,
        ..SeedOptions::default()
    }
}

/// Rules of a corpus schema that the model does not describe, each a query that counts the rows
/// breaking it (what it checks, the SQL): each must count 0.
pub type ExtraChecks<'a> = &'a [(&'a str, &'a str)];

/// Builds `schema` on `database` as `dbkit apply` does: dbkit's own create script for the
/// database's dialect, through dbkit's connection layer.
pub fn build(database: &dyn Database, schema: &Schema) -> Outcome {
    let scripts = dbkit_generate::render_ddl(schema, database.dialect())
        .map_err(|error| format!("cannot render the pulled schema: {error}"))?;
    // The scratch databases' own script runner refuses notes too, and MariaDB notes the
    // duplicate indexes some corpus schemas have on purpose.
    let url = dbkit_url(database)?;
    let mut connection = dbkit_db::connect(&url)
        .map_err(|error| format!("cannot connect to {}: {error}", database.describe()))?;
    dbkit_db::apply_schema(&mut connection, &scripts.create.sql_statements())
        .map(drop)
        .map_err(|error| {
            format!(
                "{}: cannot build the pulled schema: {error}\n--- script ---\n{}",
                database.describe(),
                scripts.create.render()
            )
        })
}

/// Builds `schema`, loads sample data through the bulk path, and checks: every table holds the
/// rows asked for (or fewer, only where generation said why in a note), the rows loaded are the
/// rows `dbkit_seed::generate` gives for the same options, every rule of the model holds in the
/// database, and every query of `extra` counts 0.
pub fn bulk_load_and_verify<D: Database>(
    database: &mut D,
    schema: &Schema,
    seed_options: &SeedOptions,
    bulk: BulkSeed<'_, D>,
    extra: ExtraChecks<'_>,
) -> Outcome<LoadReport> {
    build(database, schema)?;
    let report = bulk(database, schema, seed_options, LoadOptions::default())
        .map_err(|error| format!("dbkit seed --url failed: {error}"))?;
    let loaded: BTreeMap<String, u64> = report
        .tables
        .iter()
        .map(|(table, rows, _)| (table.clone(), *rows as u64))
        .collect();
    for table in &schema.tables {
        let asked = seed_options
            .rows_per_table
            .get(&table.name)
            .copied()
            .or(seed_options.rows_default)
            .unwrap_or(dbkit_seed::DEFAULT_ROWS);
        let Some(&rows) = loaded.get(&table.name) else {
            return Err(format!("{}: no rows were loaded", table.name));
        };
        let explained = report
            .notes
            .iter()
            .any(|note| note.starts_with(&format!("{}: ", table.name)));
        if rows != asked && !(rows < asked && explained) {
            return Err(format!(
                "{}: {rows} rows loaded, {asked} asked for (notes: {:?})",
                table.name, report.notes
            ));
        }
    }
    let generated = seeded::dataset(schema, seed_options, &schema.project.name);
    for (table, rows) in &loaded {
        let expected = generated.table(table).map(|table| table.rows as u64);
        if expected != Some(*rows) {
            return Err(format!(
                "{table}: {rows} rows loaded, {expected:?} generated"
            ));
        }
    }
    seeded::verify(database, schema, &|table| loaded.get(table).copied())?;
    verify_extra(database, extra)?;
    Ok(report)
}

/// Builds `schema`, runs the `seed.sql` that `dbkit build` writes for the database's dialect,
/// and checks every rule of the model and every query of `extra`.
pub fn seed_sql_and_verify<D: Database>(
    database: &mut D,
    schema: &Schema,
    seed_options: &SeedOptions,
    extra: ExtraChecks<'_>,
) -> Outcome {
    build(database, schema)?;
    let dataset = seeded::dataset(schema, seed_options, &schema.project.name);
    database.run_script(&dbkit_seed::render_seed_sql(&dataset, database.dialect()))?;
    seeded::verify(database, schema, &seeded::counts_of(&dataset))?;
    verify_extra(database, extra)
}

/// Fills `schema` on two new databases from `scratch`, once through the bulk path and once
/// through `seed.sql`, checking each as [`bulk_load_and_verify`] and [`seed_sql_and_verify`] do;
/// returns the bulk load's report.
pub fn both_ways<D: Database>(
    scratch: &dyn Fn() -> D,
    schema: &Schema,
    seed_options: &SeedOptions,
    bulk: BulkSeed<'_, D>,
    extra: ExtraChecks<'_>,
) -> Outcome<LoadReport> {
    let report = bulk_load_and_verify(&mut scratch(), schema, seed_options, bulk, extra)
        .map_err(|error| format!("through the bulk path: {error}"))?;
    seed_sql_and_verify(&mut scratch(), schema, seed_options, extra)
        .map_err(|error| format!("through seed.sql: {error}"))?;
    Ok(report)
}

fn verify_extra(database: &mut dyn Database, extra: ExtraChecks<'_>) -> Outcome {
    for (what, sql) in extra {
        let count = database.query_integer(sql)?;
        if count != 0 {
            return Err(format!(
                "{}: {count} rows with {what}\n  SQL: {sql}",
                database.describe()
            ));
        }
    }
    Ok(())
}

/// The URL dbkit's own connection layer reaches a scratch database by.
fn dbkit_url(database: &dyn Database) -> Outcome<dbkit_db::DatabaseUrl> {
    let name = seeded::database_name(database);
    let text = match database.dialect().info().name.as_str() {
        "sqlite" => format!("sqlite://{name}"),
        "mysql" => {
            let server = std::env::var(crate::mariadb::URL_VARIABLE)
                .unwrap_or_else(|_| crate::mariadb::DEFAULT_URL.to_string());
            format!("{}/{name}", server.trim_end_matches('/'))
        }
        _ => {
            let url = std::env::var(crate::postgres::URL_VARIABLE)
                .unwrap_or_else(|_| crate::postgres::DEFAULT_URL.to_string());
            let server = match url.rsplit_once('/') {
                Some((server, _)) if server.contains("://") && !server.ends_with('/') => server,
                _ => url.as_str(),
            };
            format!("{server}/{name}")
        }
    };
    dbkit_db::DatabaseUrl::parse(&text).map_err(|error| {
        format!(
            "cannot make a URL for {}: {error}",
            crate::server::redact(&text)
        )
    })
}

/// `dbkit seed --url` into a MariaDB scratch database: `LOAD DATA LOCAL INFILE`.
pub fn bulk_mariadb(
    database: &mut MariaDb,
    schema: &Schema,
    options: &SeedOptions,
    load: LoadOptions,
) -> Result<LoadReport, dbkit_seed::SeedError> {
    let url = std::env::var(crate::mariadb::URL_VARIABLE)
        .unwrap_or_else(|_| crate::mariadb::DEFAULT_URL.to_string());
    let name = seeded::database_name(database);
    let server =
        ::mysql::Opts::from_url(&url).unwrap_or_else(|error| panic!("bad MariaDB URL: {error}"));
    let mut connection =
        ::mysql::Conn::new(::mysql::OptsBuilder::from_opts(server).db_name(Some(name.clone())))
            .unwrap_or_else(|error| {
                panic!("cannot connect to the scratch database {name}: {error}")
            });
    dbkit_seed::load::mysql::seed(&mut connection, schema, options, load, &mut |_, _, _| {})
}

/// `dbkit seed --url` into a PostgreSQL scratch database: `COPY ... FROM STDIN`.
pub fn bulk_postgres(
    database: &mut Postgres,
    schema: &Schema,
    options: &SeedOptions,
    load: LoadOptions,
) -> Result<LoadReport, dbkit_seed::SeedError> {
    let url = std::env::var(crate::postgres::URL_VARIABLE)
        .unwrap_or_else(|_| crate::postgres::DEFAULT_URL.to_string());
    let name = seeded::database_name(database);
    let mut client = ::postgres::Config::from_str(&url)
        .unwrap_or_else(|error| panic!("bad PostgreSQL URL: {error}"))
        .dbname(&name)
        .connect(::postgres::NoTls)
        .unwrap_or_else(|error| panic!("cannot connect to the scratch database {name}: {error}"));
    dbkit_seed::load::postgres::seed(&mut client, schema, options, load, &mut |_, _, _| {})
}

/// `dbkit seed --url` into a SQLite scratch database: prepared statements in one transaction.
pub fn bulk_sqlite(
    database: &mut Sqlite,
    schema: &Schema,
    options: &SeedOptions,
    load: LoadOptions,
) -> Result<LoadReport, dbkit_seed::SeedError> {
    let path = seeded::database_name(database);
    let mut connection = rusqlite::Connection::open(&path)
        .unwrap_or_else(|error| panic!("cannot open the scratch database {path}: {error}"));
    dbkit_seed::load::sqlite::seed(&mut connection, schema, options, load, &mut |_, _, _| {})
}
