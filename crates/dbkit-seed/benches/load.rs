//! Loading a members-like table (id, name, unique e-mail, phone, join date) into MariaDB and
//! PostgreSQL: `dbkit seed` (generation included) against the databases' own clients loading the
//! same rows from a CSV file (`mariadb` with `LOAD DATA LOCAL INFILE`, `psql` with `\copy`).
//!
//! Run with `cargo bench -p dbkit-seed --bench load`; it needs the servers of the test suite
//! (`DBKIT_TEST_MYSQL_URL`, `DBKIT_TEST_POSTGRES_URL`, defaulting to root@127.0.0.1:3306 and
//! postgres@127.0.0.1:5432) and the `mariadb` and `psql` clients. `DBKIT_BENCH_ROWS` sets the
//! row count (1,000,000 by default). A database named `dbkit_bench_load` is created and dropped.

use std::process::Command;
use std::str::FromStr;
use std::time::{Duration, Instant};

use dbkit_model::{ParseOptions, Schema, parse_schema};
use dbkit_sdk::Dialect;
use dbkit_seed::SeedOptions;
use dbkit_seed::load::LoadOptions;
use mysql::prelude::Queryable;

const SCHEMA: &str = r#"
[project]
name = "bench"

[tables.members]
columns.id = "id"
columns.name = "varchar(255)"
columns.email = { type = "varchar(255)", unique = true }
columns.phone = "varchar(20)"
columns.joined_at = "timestamp"
"#;

const DATABASE: &str = "dbkit_bench_load";

fn fail(message: String) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}

fn create_table(schema: &Schema, dialect: &dyn Dialect) -> Vec<String> {
    match dbkit_generate::render_ddl(schema, dialect) {
        Ok(scripts) => scripts
            .create
            .sql_statements()
            .into_iter()
            .map(str::to_string)
            .collect(),
        Err(error) => fail(error.to_string()),
    }
}

fn run(command: &mut Command) -> Duration {
    let started = Instant::now();
    let output = command
        .output()
        .unwrap_or_else(|error| fail(format!("{command:?} did not run: {error}")));
    if !output.status.success() {
        fail(format!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    started.elapsed()
}

fn mariadb(schema: &Schema, options: &SeedOptions, csv: &std::path::Path) -> (Duration, Duration) {
    let url = std::env::var("DBKIT_TEST_MYSQL_URL")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306".into());
    let opts = mysql::Opts::from_url(&url).unwrap_or_else(|error| fail(error.to_string()));
    let mut admin = mysql::Conn::new(opts.clone()).unwrap_or_else(|error| fail(error.to_string()));
    let reset = |admin: &mut mysql::Conn| {
        admin
            .query_drop(format!("DROP DATABASE IF EXISTS {DATABASE}"))
            .and_then(|()| {
                admin.query_drop(format!("CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4"))
            })
            .unwrap_or_else(|error| fail(error.to_string()));
        let mut connection =
            mysql::Conn::new(mysql::OptsBuilder::from_opts(opts.clone()).db_name(Some(DATABASE)))
                .unwrap_or_else(|error| fail(error.to_string()));
        for statement in create_table(schema, &dbkit_dialect_mysql::MysqlDialect) {
            connection
                .query_drop(statement)
                .unwrap_or_else(|error| fail(error.to_string()));
        }
        connection
    };
    let mut connection = reset(&mut admin);
    let started = Instant::now();
    dbkit_seed::load::mysql::seed(
        &mut connection,
        schema,
        options,
        LoadOptions::default(),
        &mut |_, _, _| {},
    )
    .unwrap_or_else(|error| fail(error.to_string()));
    let dbkit = started.elapsed();
    drop(connection);
    drop(reset(&mut admin));
    let host = opts.get_ip_or_hostname().to_string();
    let port = opts.get_tcp_port().to_string();
    let user = opts.get_user().unwrap_or("root").to_string();
    let statement = format!(
        "LOAD DATA LOCAL INFILE '{}' INTO TABLE members CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '\"' LINES TERMINATED BY '\\r\\n' IGNORE 1 LINES (id, name, email, phone, joined_at)",
        csv.display()
    );
    let client = run(Command::new("mariadb").args([
        "--local-infile=1",
        "-h",
        &host,
        "-P",
        &port,
        "-u",
        &user,
        DATABASE,
        "-e",
        &statement,
    ]));
    let _ = admin.query_drop(format!("DROP DATABASE IF EXISTS {DATABASE}"));
    (dbkit, client)
}

fn postgres(schema: &Schema, options: &SeedOptions, csv: &std::path::Path) -> (Duration, Duration) {
    let url = std::env::var("DBKIT_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let config = postgres::Config::from_str(&url).unwrap_or_else(|error| fail(error.to_string()));
    let mut admin = config
        .connect(postgres::NoTls)
        .unwrap_or_else(|error| fail(error.to_string()));
    let reset = |admin: &mut postgres::Client| {
        admin
            .batch_execute(&format!("DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
            .and_then(|()| {
                admin.batch_execute(&format!(
                    "CREATE DATABASE {DATABASE} ENCODING 'UTF8' TEMPLATE template0"
                ))
            })
            .unwrap_or_else(|error| fail(error.to_string()));
        let mut client = config
            .clone()
            .dbname(DATABASE)
            .connect(postgres::NoTls)
            .unwrap_or_else(|error| fail(error.to_string()));
        for statement in create_table(schema, &dbkit_dialect_postgres::PostgresDialect) {
            client
                .batch_execute(&statement)
                .unwrap_or_else(|error| fail(error.to_string()));
        }
        client
    };
    let mut client = reset(&mut admin);
    let started = Instant::now();
    dbkit_seed::load::postgres::seed(
        &mut client,
        schema,
        options,
        LoadOptions::default(),
        &mut |_, _, _| {},
    )
    .unwrap_or_else(|error| fail(error.to_string()));
    let dbkit = started.elapsed();
    drop(client);
    drop(reset(&mut admin));
    let host = config.get_hosts().first().map_or_else(
        || "127.0.0.1".to_string(),
        |host| match host {
            postgres::config::Host::Tcp(name) => name.clone(),
            #[allow(unreachable_patterns)]
            _ => "127.0.0.1".to_string(),
        },
    );
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user().unwrap_or("postgres").to_string();
    let copy = format!(
        "\\copy members (id, name, email, phone, joined_at) FROM '{}' WITH (FORMAT csv, HEADER true)",
        csv.display()
    );
    let client = run(Command::new("psql").args([
        "-h",
        &host,
        "-p",
        &port,
        "-U",
        &user,
        "-d",
        DATABASE,
        "-v",
        "ON_ERROR_STOP=1",
        "-c",
        &copy,
    ]));
    let _ = admin.batch_execute(&format!("DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"));
    (dbkit, client)
}

fn main() {
    let rows: u64 = std::env::var("DBKIT_BENCH_ROWS")
        .ok()
        .and_then(|rows| rows.parse().ok())
        .unwrap_or(1_000_000);
    let schema = parse_schema(SCHEMA, "bench.toml", &ParseOptions::default())
        .unwrap_or_else(|diagnostics| fail(diagnostics.to_string()));
    let options = SeedOptions {
        rows_default: Some(rows),
        seed: 42,
        ..SeedOptions::default()
    };
    let folder = tempfile::tempdir().unwrap_or_else(|error| fail(error.to_string()));
    let dataset =
        dbkit_seed::generate(&schema, &options).unwrap_or_else(|error| fail(error.to_string()));
    let files = dbkit_seed::write_csv(&dataset, folder.path())
        .unwrap_or_else(|error| fail(error.to_string()));
    let csv = files
        .first()
        .cloned()
        .unwrap_or_else(|| fail("no CSV written".into()));
    println!(
        "members-like table, {rows} rows (dbkit: generation and load; clients: load of the CSV file)"
    );
    println!("| database | dbkit seed | client | dbkit / client |");
    println!("| --- | ---: | ---: | ---: |");
    let (dbkit, client) = mariadb(&schema, &options, &csv);
    println!(
        "| MariaDB (`mariadb` + LOAD DATA LOCAL INFILE) | {:.2} s | {:.2} s | {:.2} |",
        dbkit.as_secs_f64(),
        client.as_secs_f64(),
        dbkit.as_secs_f64() / client.as_secs_f64()
    );
    let (dbkit, client) = postgres(&schema, &options, &csv);
    println!(
        "| PostgreSQL (`psql` + \\copy) | {:.2} s | {:.2} s | {:.2} |",
        dbkit.as_secs_f64(),
        client.as_secs_f64(),
        dbkit.as_secs_f64() / client.as_secs_f64()
    );
}
