//! Every way a migration command can fail, with the message the user sees.

use std::fs;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use dbkit_db::DatabaseUrl;
use dbkit_db::migrate::{
    MigrateError, MigrationState, NewMigration, NewOutcome, baseline, check, new_migration, status,
    up,
};
use dbkit_tests::migrate::{
    MigrationsDir, ScratchDb, Server, migration_dialects, schema_of, test_options,
};
use dbkit_tests::migrate_cases::BASE;

/// The message and help, as the command line shows them.
fn shown(error: &MigrateError) -> String {
    match error.help() {
        Some(help) => format!("error: {error}\nhelp: {help}"),
        None => format!("error: {error}"),
    }
}

fn expect_error<T: std::fmt::Debug>(
    result: Result<T, MigrateError>,
    parts: &[&str],
) -> Result<MigrateError, String> {
    let error = match result {
        Ok(value) => return Err(format!("expected an error, got {value:?}")),
        Err(error) => error,
    };
    let text = shown(&error);
    for part in parts {
        if !text.contains(part) {
            return Err(format!("the message lacks {part:?}:\n{text}"));
        }
    }
    Ok(error)
}

fn with_email() -> String {
    BASE.replace(
        "columns.status",
        "columns.phone = \"varchar(30)?\"\ncolumns.status",
    )
}

#[test]
fn no_migrations_folder() -> Result<(), String> {
    let db = ScratchDb::new(Server::Sqlite, "none");
    let missing = Path::new("no/such/migrations");
    expect_error(
        up(&db.url(), missing, None, &test_options()),
        &[
            "there is no migrations folder at no/such/migrations",
            "help: create the first migration with `dbkit migrate new NAME`",
        ],
    )?;
    expect_error(
        status(&db.url(), missing),
        &["there is no migrations folder"],
    )?;
    Ok(())
}

#[test]
fn a_gap_in_versions() -> Result<(), String> {
    let folder = MigrationsDir::new();
    folder.add("start", BASE)?;
    let second = folder.add("phone", &with_email())?;
    let third = folder.path().join("V0003__phone");
    fs::rename(&second, &third).map_err(|error| error.to_string())?;
    let db = ScratchDb::new(Server::Sqlite, "gap");
    expect_error(
        up(&db.url(), &folder.path(), None, &test_options()),
        &[
            "the migrations skip version 2: the next one found is",
            "V0003__phone",
            "help: restore the migration with version 2",
        ],
    )?;
    Ok(())
}

#[test]
fn a_misnamed_folder_is_not_skipped() -> Result<(), String> {
    let folder = MigrationsDir::new();
    folder.add("start", BASE)?;
    fs::create_dir_all(folder.path().join("V2-add-phone")).map_err(|error| error.to_string())?;
    let db = ScratchDb::new(Server::Sqlite, "misnamed");
    expect_error(
        up(&db.url(), &folder.path(), None, &test_options()),
        &["V2-add-phone is not a migration folder: its name must be V<version>__<name>"],
    )?;
    Ok(())
}

#[test]
fn an_edited_applied_migration_is_refused_but_line_endings_do_not_count() -> Result<(), String> {
    let folder = MigrationsDir::new();
    let first = folder.add("start", BASE)?;
    folder.add("phone", &with_email())?;
    let db = ScratchDb::new(Server::Sqlite, "edited");
    up(&db.url(), &folder.path(), Some(1), &test_options()).map_err(|error| shown(&error))?;

    // A checkout with Windows line endings and trailing spaces is the same migration.
    let script = first.join("sqlite").join("up.sql");
    let original = fs::read_to_string(&script).map_err(|error| error.to_string())?;
    let windows = original.replace('\n', "  \r\n") + "\r\n\r\n";
    fs::write(&script, &windows).map_err(|error| error.to_string())?;
    let report =
        up(&db.url(), &folder.path(), None, &test_options()).map_err(|error| shown(&error))?;
    if report.version_after != 2 {
        return Err(format!("expected version 2, got {report}"));
    }

    // A real edit is refused, naming the file and what to do.
    fs::write(&script, original.replace("VARCHAR(100)", "VARCHAR(120)"))
        .map_err(|error| error.to_string())?;
    let error = expect_error(
        up(&db.url(), &folder.path(), None, &test_options()),
        &[
            "migration V0001__start was edited after it was applied to sqlite://",
            "sqlite/up.sql no longer matches the checksum recorded when it was applied",
            "help: restore",
            "put the change in a new migration with `dbkit migrate new`",
        ],
    )?;
    if !matches!(error, MigrateError::Edited { .. }) {
        return Err(format!("expected Edited, got {error:?}"));
    }
    let report = status(&db.url(), &folder.path()).map_err(|error| shown(&error))?;
    if !matches!(report.migrations[0].state, MigrationState::Edited { .. }) {
        return Err(format!("status should show the edit:\n{report}"));
    }
    if !report.to_string().contains("EDITED after it was applied") {
        return Err(format!("status text:\n{report}"));
    }
    let checked = check(
        &schema_of(&with_email()),
        &folder.path(),
        &["sqlite"],
        Some(&db.url()),
    )
    .map_err(|error| shown(&error))?;
    if checked.is_clean()
        || !checked
            .to_string()
            .contains("was edited after it was applied")
    {
        return Err(format!("check should fail on the edit:\n{checked}"));
    }
    Ok(())
}

#[test]
fn a_bad_url() -> Result<(), String> {
    let error = match DatabaseUrl::parse("postgress://postgres@127.0.0.1/db") {
        Ok(url) => return Err(format!("parsed {url}")),
        Err(error) => error,
    };
    let text = error.to_string();
    if !text.contains("unknown scheme \"postgress://\"") {
        return Err(text);
    }
    let folder = MigrationsDir::new();
    folder.add("start", BASE)?;
    let nowhere = DatabaseUrl::parse("mysql://root:secret@127.0.0.1:1/library")
        .map_err(|error| error.to_string())?;
    let error = expect_error(
        up(&nowhere, &folder.path(), None, &test_options()),
        &[
            "cannot connect to database \"library\" on the MySQL/MariaDB server at 127.0.0.1:1",
            "mysql://root:***@127.0.0.1:1/library",
        ],
    )?;
    if shown(&error).contains("secret") {
        return Err(format!("the password shows: {}", shown(&error)));
    }
    Ok(())
}

#[test]
fn drift_is_reported_instead_of_applied() -> Result<(), String> {
    let folder = MigrationsDir::new();
    folder.add("start", BASE)?;
    folder.add("phone", &with_email())?;
    let db = ScratchDb::new(Server::Sqlite, "drift");
    up(&db.url(), &folder.path(), Some(1), &test_options()).map_err(|error| shown(&error))?;
    db.execute(&["ALTER TABLE members ADD COLUMN nickname VARCHAR(20)"])?;
    expect_error(
        up(&db.url(), &folder.path(), None, &test_options()),
        &[
            "differs from what migrations 1 to 1 lead to (drift), so nothing was applied",
            "+ column members.nickname",
            "help: someone changed the database outside the migrations",
        ],
    )?;
    let report = status(&db.url(), &folder.path()).map_err(|error| shown(&error))?;
    if report.drift.as_ref().is_none_or(Vec::is_empty) || report.is_clean() {
        return Err(format!("status should show the drift:\n{report}"));
    }
    if db.rows("SELECT COUNT(*) FROM refinery_schema_history")? != vec![vec!["1".to_string()]] {
        return Err("the second migration was applied despite the drift".to_string());
    }
    Ok(())
}

#[test]
fn destructive_changes_need_confirmation_and_no_change_writes_nothing() -> Result<(), String> {
    let folder = MigrationsDir::new();
    folder.add("start", BASE)?;
    let dialects = migration_dialects();
    let without_notes = BASE
        .split("[tables.notes]")
        .next()
        .unwrap_or_default()
        .to_string();
    let schema = schema_of(&without_notes);
    let request = NewMigration {
        name: "drop_notes",
        schema: &schema,
        schema_source: &without_notes,
        migrations: &folder.path(),
        dialects: &dialects,
        allow_destructive: false,
    };
    expect_error(
        new_migration(&request),
        &[
            "the changes can lose data, so no migration was written",
            "drops table notes: all of its rows are lost",
            "--allow-destructive",
        ],
    )?;
    let entries = fs::read_dir(folder.path())
        .map_err(|error| error.to_string())?
        .count();
    if entries != 1 {
        return Err(format!(
            "a refused migration left {entries} entries in the folder"
        ));
    }
    let base = schema_of(BASE);
    let unchanged = new_migration(&NewMigration {
        schema: &base,
        schema_source: BASE,
        name: "nothing",
        ..request
    })
    .map_err(|error| shown(&error))?;
    if unchanged != (NewOutcome::Unchanged { version: 1 })
        || !unchanged.to_string().contains("no migration was written")
    {
        return Err(format!("expected no change, got {unchanged}"));
    }
    expect_error(
        new_migration(&NewMigration {
            name: "add-phone",
            ..request
        }),
        &["\"add-phone\" cannot name a migration"],
    )?;
    Ok(())
}

#[test]
fn check_finds_changes_no_migration_holds() -> Result<(), String> {
    let folder = MigrationsDir::new();
    folder.add("start", BASE)?;
    let clean = check(
        &schema_of(BASE),
        &folder.path(),
        &["mysql", "postgres", "sqlite"],
        None,
    )
    .map_err(|error| shown(&error))?;
    if !clean.is_clean() {
        return Err(format!("expected clean:\n{clean}"));
    }
    let report = check(
        &schema_of(&with_email()),
        &folder.path(),
        &["mysql", "postgres", "sqlite", "mssql"],
        None,
    )
    .map_err(|error| shown(&error))?;
    let text = report.to_string();
    if report.is_clean()
        || !text.contains("schema.toml has changes that no migration holds")
        || !text.contains("+ column members.phone")
        || !text.contains("V0001__start has no mssql/up.sql")
    {
        return Err(format!("check report:\n{text}"));
    }
    Ok(())
}

#[test]
fn baseline_adopts_a_matching_database_only() -> Result<(), String> {
    let folder = MigrationsDir::new();
    let first = folder.add("start", BASE)?;
    let db = ScratchDb::new(Server::Sqlite, "baseline");
    let script = folder.script(&first, "sqlite", "up.sql");
    let statements: Vec<&str> = script
        .split(";\n")
        .filter(|part| {
            part.lines()
                .any(|line| !line.trim().is_empty() && !line.starts_with("--"))
        })
        .collect();
    db.execute(&statements)?;
    db.execute(&["INSERT INTO members (id, name) VALUES (1, 'Ann')"])?;
    let report = baseline(&db.url(), &folder.path(), None, &test_options())
        .map_err(|error| shown(&error))?;
    if report.version != 1 {
        return Err(format!("baselined at {}", report.version));
    }
    let state = status(&db.url(), &folder.path()).map_err(|error| shown(&error))?;
    if !state.is_clean() {
        return Err(format!("after baseline:\n{state}"));
    }
    expect_error(
        baseline(&db.url(), &folder.path(), None, &test_options()),
        &["already has migrations applied (up to version 1)"],
    )?;
    if db.rows("SELECT name FROM members")? != vec![vec!["Ann".to_string()]] {
        return Err("baseline touched the rows".to_string());
    }

    let other = ScratchDb::new(Server::Sqlite, "baseline_mismatch");
    other.execute(&["CREATE TABLE members (id INTEGER PRIMARY KEY, name TEXT)"])?;
    expect_error(
        baseline(&other.url(), &folder.path(), None, &test_options()),
        &[
            "cannot be baselined at version 1: its schema differs from what the migrations lead to",
            "table notes",
        ],
    )?;
    Ok(())
}

/// The id of the MariaDB connection running a statement that starts with `prefix` in `database`.
fn mariadb_connection_running(
    admin: &ScratchDb,
    database: &str,
    prefix: &str,
) -> Result<Option<String>, String> {
    let rows = admin.query(&format!(
        "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = '{database}' AND INFO LIKE '{prefix}%'"
    ))?;
    Ok(rows
        .into_iter()
        .next()
        .and_then(|row| row.into_iter().next().flatten()))
}

#[test]
fn mariadb_going_away_mid_run() -> Result<(), String> {
    let folder = MigrationsDir::new();
    folder.add("start", BASE)?;
    let second = folder.add("phone", &with_email())?;
    let script = second.join("mysql").join("up.sql");
    let text = fs::read_to_string(&script).map_err(|error| error.to_string())?;
    fs::write(&script, format!("{text}\nDO SLEEP(4);\n")).map_err(|error| error.to_string())?;
    let db = ScratchDb::new(Server::MariaDb, "away");
    up(&db.url(), &folder.path(), Some(1), &test_options()).map_err(|error| shown(&error))?;
    let database = db.url().database_name().unwrap_or_default();
    let url = db.url();
    let path = folder.path();
    let runner = thread::spawn(move || up(&url, &path, None, &test_options()));
    let started = Instant::now();
    let killed = loop {
        if let Some(id) = mariadb_connection_running(&db, &database, "DO SLEEP")? {
            db.execute(&[&format!("KILL {id}")])?;
            break true;
        }
        if started.elapsed() > Duration::from_secs(15) {
            break false;
        }
        thread::sleep(Duration::from_millis(50));
    };
    let result = runner
        .join()
        .map_err(|_| "the runner panicked".to_string())?;
    if !killed {
        return Err(format!(
            "the migration never reached its DO SLEEP statement: {result:?}"
        ));
    }
    expect_error(
        result,
        &[
            "lost the connection to mysql://",
            "during statement 2 of 2 of migration V0002__phone (up)",
            "help: run `dbkit migrate status` once the server answers",
        ],
    )?;
    let report = status(&db.url(), &folder.path()).map_err(|error| shown(&error))?;
    if !matches!(
        report.migrations[1].state,
        MigrationState::Interrupted {
            statement: 2,
            count: 2,
            ..
        }
    ) {
        return Err(format!("status after the lost connection:\n{report}"));
    }
    let resumed =
        up(&db.url(), &folder.path(), None, &test_options()).map_err(|error| shown(&error))?;
    if resumed.resumed.as_ref().map(|note| note.statement) != Some(2) || resumed.version_after != 2
    {
        return Err(format!(
            "the rerun did not resume at statement 2:\n{resumed}"
        ));
    }
    db.assert_schema(&schema_of(&with_email()), "after the rerun")
}

#[test]
fn postgres_going_away_mid_run_rolls_back() -> Result<(), String> {
    let folder = MigrationsDir::new();
    folder.add("start", BASE)?;
    let second = folder.add("phone", &with_email())?;
    let script = second.join("postgres").join("up.sql");
    let text = fs::read_to_string(&script).map_err(|error| error.to_string())?;
    fs::write(&script, format!("{text}\nSELECT pg_sleep(4);\n"))
        .map_err(|error| error.to_string())?;
    let db = ScratchDb::new(Server::Postgres, "away");
    up(&db.url(), &folder.path(), Some(1), &test_options()).map_err(|error| shown(&error))?;
    let database = db.url().database_name().unwrap_or_default();
    let url = db.url();
    let path = folder.path();
    let runner = thread::spawn(move || up(&url, &path, None, &test_options()));
    let started = Instant::now();
    let killed = loop {
        let rows = db.query(&format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' \
             AND pid <> pg_backend_pid() AND query LIKE '%pg_sleep(4)%' AND state = 'active'"
        ))?;
        if !rows.is_empty() {
            break true;
        }
        if started.elapsed() > Duration::from_secs(15) {
            break false;
        }
        thread::sleep(Duration::from_millis(50));
    };
    let result = runner
        .join()
        .map_err(|_| "the runner panicked".to_string())?;
    if !killed {
        return Err(format!("the migration never reached pg_sleep: {result:?}"));
    }
    expect_error(
        result,
        &[
            "lost the connection to postgres://",
            "migration V0002__phone (up)",
            "help: the database rolls the unfinished migration back",
        ],
    )?;
    db.assert_schema(&schema_of(BASE), "after the lost connection (rolled back)")?;
    let report = up(&db.url(), &folder.path(), None, &test_options());
    // The script still sleeps 4 s; the rerun must simply complete it.
    let report = report.map_err(|error| shown(&error))?;
    if report.version_after != 2 {
        return Err(format!("rerun:\n{report}"));
    }
    db.assert_schema(&schema_of(&with_email()), "after the rerun")
}
