//! Eight `migrate up` processes started at once against one database: every migration is
//! applied exactly once and none of the runners fails.

use std::fs;
use std::process::{Command, Output, Stdio};

use dbkit_tests::migrate::{MigrationsDir, ScratchDb, Server, schema_of};

const START: &str = r#"
[project]
name = "crowd"

[tables.runs_log]
columns.id = "id"
columns.version = "int"

[tables.members]
columns.id = "id"
columns.name = "varchar(100)"
"#;

const RUNNERS: usize = 8;

/// Five migrations; each `up.sql` also logs its version in `runs_log`, so that a migration
/// applied twice shows as two rows.
fn migrations() -> Result<(MigrationsDir, String), String> {
    let folder = MigrationsDir::new();
    let mut source = START.to_string();
    let steps: [(&str, &str, &str); 4] = [
        (
            "phone",
            "columns.name = \"varchar(100)\"",
            "columns.name = \"varchar(100)\"\ncolumns.phone = \"varchar(30)?\"",
        ),
        (
            "tags",
            "[tables.members]",
            "[tables.tags]\ncolumns.id = \"id\"\ncolumns.label = \"varchar(40)\"\n\n[tables.members]",
        ),
        (
            "by_name",
            "columns.phone = \"varchar(30)?\"",
            "columns.phone = \"varchar(30)?\"\nindexes.members_by_name = [\"name\"]",
        ),
        (
            "contact",
            "columns.phone = \"varchar(30)?\"",
            "columns.contact = { type = \"varchar(30)\", nullable = true, renamed_from = \"phone\" }",
        ),
    ];
    let mut paths = vec![folder.add("start", &source)?];
    for (name, old, new) in steps {
        source = source.replacen(old, new, 1);
        paths.push(folder.add(name, &source)?);
    }
    for (index, path) in paths.iter().enumerate() {
        for dialect in ["mysql", "postgres", "sqlite"] {
            let script = path.join(dialect).join("up.sql");
            let mut text = fs::read_to_string(&script).map_err(|error| error.to_string())?;
            if dialect == "sqlite" {
                // Keep the runner-managed pragmas at the end.
                text = text.replace(
                    "PRAGMA foreign_key_check;",
                    &format!(
                        "INSERT INTO runs_log (version) VALUES ({});\nPRAGMA foreign_key_check;",
                        index + 1
                    ),
                );
            } else {
                // A pause, so that the runners really wait on each other.
                let pause = if dialect == "mysql" {
                    "DO SLEEP(0.3)"
                } else {
                    "SELECT pg_sleep(0.3)"
                };
                text.push_str(&format!(
                    "\n{pause};\nINSERT INTO runs_log (version) VALUES ({});\n",
                    index + 1
                ));
            }
            fs::write(&script, text).map_err(|error| error.to_string())?;
        }
    }
    Ok((folder, source))
}

fn run_crowd(server: Server) -> Result<(), String> {
    let (folder, last) = migrations()?;
    let db = ScratchDb::new(server, "crowd");
    let children: Vec<_> = (0..RUNNERS)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_migrate-runner"))
                .args(["up", &db.url_text, &folder.path().display().to_string()])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .map_err(|error| format!("cannot start a runner: {error}"))
        })
        .collect::<Result<_, _>>()?;
    let outputs: Vec<Output> = children
        .into_iter()
        .map(|child| child.wait_with_output().map_err(|error| error.to_string()))
        .collect::<Result<_, _>>()?;
    for (index, output) in outputs.iter().enumerate() {
        if !output.status.success() {
            return Err(format!(
                "{server:?}: runner {index} failed ({}):\n{}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    let log =
        db.rows("SELECT version, COUNT(*) FROM runs_log GROUP BY version ORDER BY version")?;
    let expected: Vec<Vec<String>> = (1..=5)
        .map(|version| vec![version.to_string(), "1".to_string()])
        .collect();
    if log != expected {
        return Err(format!(
            "{server:?}: migrations ran {log:?} times, expected each once"
        ));
    }
    let history = db.rows("SELECT version FROM refinery_schema_history ORDER BY version")?;
    let versions: Vec<Vec<String>> = (1..=5).map(|version| vec![version.to_string()]).collect();
    if history != versions {
        return Err(format!("{server:?}: history {history:?}"));
    }
    db.assert_schema(&schema_of(&last), &format!("{server:?} after the crowd"))
}

#[test]
fn eight_runners_on_mariadb_apply_each_migration_once() -> Result<(), String> {
    run_crowd(Server::MariaDb)
}

#[test]
fn eight_runners_on_postgres_apply_each_migration_once() -> Result<(), String> {
    run_crowd(Server::Postgres)
}

#[test]
fn eight_runners_on_sqlite_apply_each_migration_once() -> Result<(), String> {
    run_crowd(Server::Sqlite)
}
