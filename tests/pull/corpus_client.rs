//! The databases' own command-line clients: `mariadb`, `psql` and `sqlite3` load a corpus
//! file, `mysqldump --no-data`, `pg_dump --schema-only` and `sqlite3 .schema` dump a schema.

use std::io::Write;
use std::process::{Command, Stdio};

use dbkit_db::Backend;
use dbkit_tests::pull::ScratchDatabase;

/// User, password, host and port of a server URL such as `mysql://root:pw@127.0.0.1:3306`.
struct Server {
    user: String,
    password: Option<String>,
    host: String,
    port: String,
}

fn server(url: &str, default_port: &str) -> Server {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split('/').next().unwrap_or(rest);
    let (credentials, address) = rest.rsplit_once('@').unwrap_or(("", rest));
    let (user, password) = match credentials.split_once(':') {
        Some((user, password)) => (user.to_string(), Some(password.to_string())),
        None => (credentials.to_string(), None),
    };
    let (host, port) = address.split_once(':').unwrap_or((address, default_port));
    Server {
        user: if user.is_empty() {
            "root".to_string()
        } else {
            user
        },
        password,
        host: host.to_string(),
        port: port.to_string(),
    }
}

/// The command for the client `program` of `db`, with connection options and password set.
fn client(db: &ScratchDatabase, program: &str) -> Command {
    let mut command = Command::new(program);
    match db.backend() {
        Backend::Mysql => {
            let server = server(db.server_url(), "3306");
            command
                .arg(format!("--host={}", server.host))
                .arg(format!("--port={}", server.port))
                .arg(format!("--user={}", server.user));
            if let Some(password) = server.password {
                command.env("MYSQL_PWD", password);
            }
        }
        Backend::Postgres => {
            let server = server(db.server_url(), "5432");
            command
                .arg(format!("--host={}", server.host))
                .arg(format!("--port={}", server.port))
                .arg(format!("--username={}", server.user));
            if let Some(password) = server.password {
                command.env("PGPASSWORD", password);
            }
        }
        Backend::Sqlite => {}
    }
    command
}

/// Runs `command` with `input` on its standard input; the error has the client's output.
fn run(mut command: Command, input: &str, what: &str) -> Result<String, String> {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot start {what}: {error} (is the client installed?)"))?;
    // The input is written from a thread of its own, so that a client that prints while it
    // reads (query results) never waits on a full output pipe while dbkit waits on its input.
    let writer = child.stdin.take().map(|mut stdin| {
        let input = input.to_string();
        std::thread::spawn(move || stdin.write_all(input.as_bytes()))
    });
    let output = child
        .wait_with_output()
        .map_err(|error| format!("{what} did not finish: {error}"))?;
    if let Some(writer) = writer {
        match writer.join() {
            // A client that stops at an error closes its input early; its own message says why.
            Ok(Err(error))
                if error.kind() != std::io::ErrorKind::BrokenPipe && output.status.success() =>
            {
                return Err(format!("cannot send the SQL to {what}: {error}"));
            }
            Err(_) => return Err(format!("the thread sending the SQL to {what} failed")),
            _ => {}
        }
    }
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    if !output.status.success() {
        return Err(format!(
            "{what} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stderr),
            stdout
        ));
    }
    Ok(stdout)
}

/// Runs `sql` with the database's own client, as a user loading the file would.
pub(crate) fn load(db: &ScratchDatabase, sql: &str) -> Result<(), String> {
    match db.backend() {
        Backend::Mysql => {
            let mut command = client(db, "mariadb");
            command.arg(db.name());
            run(command, sql, "mariadb").map(|_| ())
        }
        Backend::Postgres => {
            let mut command = client(db, "psql");
            command
                .args([
                    "--quiet",
                    "--no-psqlrc",
                    "-v",
                    "ON_ERROR_STOP=1",
                    "--dbname",
                ])
                .arg(db.name());
            run(command, sql, "psql").map(|_| ())
        }
        Backend::Sqlite => {
            let mut command = client(db, "sqlite3");
            command.args(["-bail", db.name()]);
            run(command, sql, "sqlite3").map(|_| ())
        }
    }
}

/// The schema as the database's own dump tool writes it.
pub(crate) fn dump(db: &ScratchDatabase) -> Result<String, String> {
    match db.backend() {
        Backend::Mysql => {
            let mut command = client(db, "mysqldump");
            command
                .args([
                    "--no-data",
                    "--skip-comments",
                    "--skip-add-drop-table",
                    "--routines",
                    "--triggers",
                    "--events",
                ])
                .arg(db.name());
            run(command, "", "mysqldump")
        }
        Backend::Postgres => {
            let mut command = client(db, "pg_dump");
            command
                .args(["--schema-only", "--no-owner", "--no-privileges", "--dbname"])
                .arg(db.name());
            run(command, "", "pg_dump")
        }
        Backend::Sqlite => {
            let mut command = client(db, "sqlite3");
            command.args([db.name(), ".schema"]);
            run(command, "", "sqlite3 .schema")
        }
    }
}
