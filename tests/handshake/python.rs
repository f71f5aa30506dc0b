//! The generated Python module, run by the machine's `python3`: with PyMySQL on MariaDB, with
//! psycopg on PostgreSQL and with sqlite3 on SQLite.
//!
//! `handshake/python/library_scenario.py` walks the example project through every function of
//! its module and fails unless each one ran and returned what it should. A missing driver fails
//! the test (install them with `python3 -m pip install pymysql 'psycopg[binary]'`).

use std::path::Path;
use std::process::Command;
use std::str::FromStr;

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_generate::{python_files, render_ddl};
use dbkit_model::{ParseOptions, Schema, parse_schema};
use dbkit_sdk::Dialect;
use dbkit_tests::{Database, MariaDb, Postgres, Sqlite, all_fixtures, example_fixture};
use tempfile::TempDir;

const INSTALL: &str = "python3 -m pip install pymysql 'psycopg[binary]'";

/// A JSON string literal.
fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            character if u32::from(character) < 0x20 => {
                out.push_str(&format!("\\u{:04x}", u32::from(character)))
            }
            character => out.push(character),
        }
    }
    out.push('"');
    out
}

/// A JSON object of string and number members.
fn json_object(members: &[(&str, String)]) -> String {
    let members: Vec<String> = members
        .iter()
        .map(|(name, value)| format!("{}: {value}", json_string(name)))
        .collect();
    format!("{{{}}}", members.join(", "))
}

/// Writes the schema's Python module (holding the SQL of all three dialects) into a folder.
fn module_folder(schema: &Schema) -> (TempDir, String) {
    let dialects: [&dyn Dialect; 3] = [&MysqlDialect, &PostgresDialect, &SqliteDialect];
    let files = python_files(schema, &dialects).unwrap_or_else(|error| {
        panic!(
            "{}: cannot render the Python module: {error}",
            schema.project.name
        )
    });
    let folder = tempfile::tempdir()
        .unwrap_or_else(|error| panic!("cannot create a temporary folder: {error}"));
    let [file] = files.as_slice() else {
        panic!("expected one Python file, got {}", files.len());
    };
    std::fs::write(folder.path().join(&file.path), &file.contents)
        .unwrap_or_else(|error| panic!("cannot write {}: {error}", file.path));
    let module = file.path.trim_end_matches(".py").to_string();
    (folder, module)
}

/// Builds the schema in `db`.
fn build(db: &mut dyn Database, schema: &Schema) {
    let scripts = render_ddl(schema, db.dialect())
        .unwrap_or_else(|error| panic!("{}: cannot render the DDL: {error}", schema.project.name));
    if let Err(error) = db.run_script(&scripts.create.render()) {
        panic!("{error}");
    }
}

/// The first cell of the first row of a query on the scratch connection.
fn first_cell(db: &mut dyn Database, sql: &str) -> String {
    match db.query(sql) {
        Ok(rows) => rows
            .into_iter()
            .next()
            .and_then(|row| row.into_iter().next().flatten()),
        Err(rejection) => panic!("{}: {sql} failed: {rejection}", db.describe()),
    }
    .unwrap_or_else(|| panic!("{}: {sql} returned nothing", db.describe()))
}

/// Runs `python3` with `arguments` and the driver settings in the environment; fails the test
/// with Python's output unless it exits with status 0. The connection settings (which may hold
/// a password) travel in the environment and are never printed.
fn run_python(arguments: &[&str], driver: &str, connect: &str, what: &str) -> String {
    let output = Command::new("python3")
        .args(arguments)
        .env("DBKIT_HANDSHAKE_DRIVER", driver)
        .env("DBKIT_HANDSHAKE_CONNECT", connect)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .unwrap_or_else(|error| {
            panic!("cannot run python3 ({error}); the Python handshake test needs Python 3")
        });
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        let hint = if stderr.contains("ModuleNotFoundError") {
            format!("\nThe Python driver is missing; install the drivers with:\n    {INSTALL}")
        } else {
            String::new()
        };
        panic!("{what} failed ({}):\n{stdout}{stderr}{hint}", output.status);
    }
    stdout
}

/// Runs the example's scenario with `driver` and checks it reports every function ran.
fn run_scenario(driver: &str, connect: &str) {
    let fixture = example_fixture();
    let (folder, module) = module_folder(&fixture.schema);
    assert_eq!(module, "library_queries");
    let scenario =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("handshake/python/library_scenario.py");
    let folder_path = folder.path().display().to_string();
    let scenario_path = scenario.display().to_string();
    let stdout = run_python(
        &[&scenario_path, &folder_path],
        driver,
        connect,
        &format!("the library scenario with {driver}"),
    );
    assert!(
        stdout.starts_with("ok: "),
        "the scenario did not finish: {stdout}"
    );
}

/// The PyMySQL connect() arguments for a scratch database.
fn pymysql_arguments(db: &mut MariaDb) -> String {
    let database = first_cell(db, "SELECT DATABASE()");
    let url = std::env::var(dbkit_tests::mariadb::URL_VARIABLE)
        .unwrap_or_else(|_| dbkit_tests::mariadb::DEFAULT_URL.to_string());
    let options =
        mysql::Opts::from_url(&url).unwrap_or_else(|error| panic!("not a MySQL URL: {error}"));
    json_object(&[
        ("host", json_string(&options.get_ip_or_hostname())),
        ("port", options.get_tcp_port().to_string()),
        ("user", json_string(options.get_user().unwrap_or("root"))),
        ("password", json_string(options.get_pass().unwrap_or(""))),
        ("database", json_string(&database)),
    ])
}

#[test]
fn the_python_module_runs_on_mariadb_with_pymysql() {
    let mut db = MariaDb::scratch("handshake_python");
    build(&mut db, &example_fixture().schema);
    let connect = pymysql_arguments(&mut db);
    run_scenario("pymysql", &connect);
}

#[test]
fn the_python_module_runs_on_postgres_with_psycopg() {
    let mut db = Postgres::scratch("handshake_python");
    build(&mut db, &example_fixture().schema);
    let database = first_cell(&mut db, "SELECT current_database()");
    let url = std::env::var(dbkit_tests::postgres::URL_VARIABLE)
        .unwrap_or_else(|_| dbkit_tests::postgres::DEFAULT_URL.to_string());
    let config = postgres::Config::from_str(&url)
        .unwrap_or_else(|error| panic!("not a PostgreSQL URL: {error}"));
    let mut members = vec![("dbname", json_string(&database))];
    if let Some(postgres::config::Host::Tcp(host)) = config.get_hosts().first() {
        members.push(("host", json_string(host)));
    }
    if let Some(port) = config.get_ports().first() {
        members.push(("port", port.to_string()));
    }
    if let Some(user) = config.get_user() {
        members.push(("user", json_string(user)));
    }
    if let Some(password) = config.get_password() {
        members.push(("password", json_string(&String::from_utf8_lossy(password))));
    }
    run_scenario("psycopg", &json_object(&members));
}

#[test]
fn the_python_module_runs_on_sqlite_with_sqlite3() {
    let mut db = Sqlite::scratch();
    build(&mut db, &example_fixture().schema);
    let path = first_cell(
        &mut db,
        "SELECT file FROM pragma_database_list WHERE name = 'main'",
    );
    run_scenario("sqlite3", &json_object(&[("database", json_string(&path))]));
}

/// Every fixture's module imports, and each of its count functions runs on an empty SQLite
/// database: the SQL of names with quotes, spaces and keywords survives the trip into Python.
#[test]
fn every_fixture_module_runs_its_counts_on_sqlite() {
    const CHECK: &str = "import importlib, json, os, sqlite3, sys\n\
        sys.path.insert(0, sys.argv[1])\n\
        q = importlib.import_module(sys.argv[2])\n\
        conn = sqlite3.connect(**json.loads(os.environ['DBKIT_HANDSHAKE_CONNECT']))\n\
        counts = [name for name in q.__all__ if name.startswith('count_')]\n\
        assert counts, 'no count functions'\n\
        for name in counts:\n\
        \x20   value = getattr(q, name)(conn)\n\
        \x20   assert value == 0, (name, value)\n\
        print('ok', len(counts))\n";
    for fixture in all_fixtures()
        .into_iter()
        .filter(|fixture| fixture.targets(&SqliteDialect))
    {
        let mut db = Sqlite::scratch();
        build(&mut db, &fixture.schema);
        let path = first_cell(
            &mut db,
            "SELECT file FROM pragma_database_list WHERE name = 'main'",
        );
        let (folder, module) = module_folder(&fixture.schema);
        let folder_path = folder.path().display().to_string();
        let stdout = run_python(
            &["-c", CHECK, &folder_path, &module],
            "sqlite3",
            &json_object(&[("database", json_string(&path))]),
            &format!("{}: the count functions of {module}", fixture.file),
        );
        let tables = fixture.schema.tables.len();
        assert_eq!(stdout.trim(), format!("ok {tables}"), "{}", fixture.file);
    }
}

/// A `%` in a column name is doubled in the module's SQL, which is written for the `format`
/// paramstyle: PyMySQL must read it back as one `%`, and sqlite3 (`qmark`) too once the module
/// rewrites the placeholders.
#[test]
fn a_percent_sign_in_a_name_survives_both_paramstyles() {
    const CHECK: &str = "import importlib, json, os, sys\n\
        sys.path.insert(0, sys.argv[1])\n\
        q = importlib.import_module('percent_queries')\n\
        driver = os.environ['DBKIT_HANDSHAKE_DRIVER']\n\
        module = importlib.import_module(driver)\n\
        arguments = json.loads(os.environ['DBKIT_HANDSHAKE_CONNECT'])\n\
        conn = module.connect(autocommit=True, **arguments) if driver == 'pymysql' else module.connect(isolation_level=None, **arguments)\n\
        new = q.create_rate(conn, 5, 'five %')\n\
        row = q.get_rate(conn, new)\n\
        assert row == {'id': new, 'rate %': 5, 'label': 'five %'}, row\n\
        assert q.get_rate_by_label(conn, 'five %')['id'] == new\n\
        assert q.update_rate(conn, 6, 'six %', new) == 1\n\
        assert [r['rate %'] for r in q.list_rates_after(conn, 0, 10)] == [6]\n\
        assert q.count_rates(conn) == 1\n\
        print('ok')\n";
    let schema = match parse_schema(
        "[project]\nname = \"percent\"\n[tables.rates]\ncolumns.id = \"id\"\ncolumns.\"rate %\" = \"int\"\ncolumns.label = { type = \"varchar(20)\", unique = true }\n",
        "schema.toml",
        &ParseOptions::default(),
    ) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{diagnostics}"),
    };
    let (folder, module) = module_folder(&schema);
    assert_eq!(module, "percent_queries");
    let folder_path = folder.path().display().to_string();

    let mut sqlite = Sqlite::scratch();
    build(&mut sqlite, &schema);
    let path = first_cell(
        &mut sqlite,
        "SELECT file FROM pragma_database_list WHERE name = 'main'",
    );
    let connect = json_object(&[("database", json_string(&path))]);
    let stdout = run_python(
        &["-c", CHECK, &folder_path],
        "sqlite3",
        &connect,
        "percent signs with sqlite3",
    );
    assert_eq!(stdout.trim(), "ok");

    let mut mariadb = MariaDb::scratch("handshake_percent");
    build(&mut mariadb, &schema);
    let connect = pymysql_arguments(&mut mariadb);
    let stdout = run_python(
        &["-c", CHECK, &folder_path],
        "pymysql",
        &connect,
        "percent signs with PyMySQL",
    );
    assert_eq!(stdout.trim(), "ok");
}
