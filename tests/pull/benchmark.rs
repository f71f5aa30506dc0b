//! How long `dbkit pull` takes on a schema of 1,000 tables (10 columns, an index, a unique key
//! and a foreign key each), against the databases' own schema dumps of the same database in the
//! same run: `mysqldump --no-data` on MariaDB and `pg_dump --schema-only` on PostgreSQL.
//!
//! Ignored by default (building the schema takes a while); run it with
//! `cargo test --release -p dbkit-tests --test pull_benchmark -- --ignored --nocapture`.
//! The figures are recorded in `docs/benchmarks.md`.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_model::{ParseOptions, Schema, parse_schema};
use dbkit_sdk::Dialect;
use dbkit_tests::pull::ScratchDatabase;

const TABLES: usize = 1000;
const RUNS: usize = 5;

/// `schema.toml` for `TABLES` tables; each references the one before it.
fn generated_schema() -> Schema {
    let mut text =
        String::from("[project]\nname = \"benchmark\"\nauto_index_foreign_keys = false\n");
    for number in 0..TABLES {
        text.push_str(&format!(
            "\n[tables.t{number:04}]\n\
             columns.id = \"id\"\n\
             columns.code = {{ type = \"varchar(20)\", unique = true }}\n\
             columns.name = \"varchar(100)\"\n\
             columns.amount = {{ type = \"decimal(10,2)\", default = 0 }}\n\
             columns.quantity = \"int?\"\n\
             columns.active = {{ type = \"boolean\", default = true }}\n\
             columns.created_at = {{ type = \"timestamp\", default = \"now\" }}\n\
             columns.note = \"text?\"\n\
             columns.ratio = \"double?\"\n"
        ));
        if number == 0 {
            text.push_str("columns.parent_id = \"bigint?\"\n");
        } else {
            text.push_str(&format!(
                "columns.parent_id = {{ references = \"t{:04}\", nullable = true }}\n",
                number - 1
            ));
        }
        text.push_str(&format!("indexes.idx_t{number:04}_name = [\"name\"]\n"));
    }
    parse_schema(&text, "benchmark.toml", &ParseOptions::default())
        .unwrap_or_else(|diagnostics| panic!("the generated schema does not parse:\n{diagnostics}"))
}

/// The median of `RUNS` timings of `run`.
fn median(mut run: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}

fn run_tool(program: &str, arguments: &[&str]) {
    let status = Command::new(program)
        .args(arguments)
        .stdout(Stdio::null())
        .status()
        .unwrap_or_else(|error| panic!("cannot run {program}: {error}"));
    assert!(status.success(), "{program} failed: {status}");
}

fn measure(
    db: &ScratchDatabase,
    dialect: &dyn Dialect,
    tool: &str,
    arguments: &[&str],
) -> (Duration, Duration) {
    let schema = generated_schema();
    let started = Instant::now();
    db.apply(&schema, dialect)
        .unwrap_or_else(|message| panic!("{message}"));
    println!(
        "built {TABLES} tables on {} in {:.1?}",
        dialect.info().display_name,
        started.elapsed()
    );
    let pulled = db.pull().unwrap_or_else(|message| panic!("{message}"));
    assert_eq!(pulled.schema.tables.len(), TABLES, "every table is pulled");
    let pull = median(|| {
        db.pull().unwrap_or_else(|message| panic!("{message}"));
    });
    let dump = median(|| run_tool(tool, arguments));
    (pull, dump)
}

#[test]
#[ignore = "builds 1,000 tables on each server; run explicitly to measure"]
fn pulling_1000_tables_against_the_databases_own_dumps() {
    let mariadb = ScratchDatabase::mariadb("bench");
    let (mariadb_pull, mysqldump) = measure(
        &mariadb,
        &MysqlDialect,
        "mysqldump",
        &[
            "--host=127.0.0.1",
            "--user=root",
            "--no-data",
            mariadb.name(),
        ],
    );
    let postgres = ScratchDatabase::postgres("bench");
    let (postgres_pull, pg_dump) = measure(
        &postgres,
        &PostgresDialect,
        "pg_dump",
        &[
            "--host=127.0.0.1",
            "--username=postgres",
            "--schema-only",
            "--dbname",
            postgres.name(),
        ],
    );
    let ratio = |pull: Duration, dump: Duration| pull.as_secs_f64() / dump.as_secs_f64();
    println!("| Database | dbkit pull | database's dump | ratio |");
    println!("|---|---|---|---|");
    println!(
        "| MariaDB | {:.0} ms | mysqldump --no-data: {:.0} ms | {:.2}× |",
        mariadb_pull.as_secs_f64() * 1000.0,
        mysqldump.as_secs_f64() * 1000.0,
        ratio(mariadb_pull, mysqldump)
    );
    println!(
        "| PostgreSQL | {:.0} ms | pg_dump --schema-only: {:.0} ms | {:.2}× |",
        postgres_pull.as_secs_f64() * 1000.0,
        pg_dump.as_secs_f64() * 1000.0,
        ratio(postgres_pull, pg_dump)
    );
    assert!(
        ratio(mariadb_pull, mysqldump) <= 0.25,
        "the MariaDB pull takes more than 0.25× mysqldump's time"
    );
    assert!(
        ratio(postgres_pull, pg_dump) <= 1.0,
        "the PostgreSQL pull takes longer than pg_dump"
    );
}
