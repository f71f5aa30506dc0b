//! Migrations on MariaDb: every kind of change applied up and down with its rows kept.

use dbkit_tests::migrate::Server;
use dbkit_tests::migrate_cases::run_all_cases;

#[test]
fn every_kind_of_change_goes_up_and_down_keeping_rows() -> Result<(), String> {
    run_all_cases(Server::MariaDb)
}

mod halfway {
    use std::fs;
    use std::process::{Command, Stdio};
    use std::thread;
    use std::time::{Duration, Instant};

    use dbkit_db::migrate::{
        MigrateError, MigrationState, RepairAction, ResumeCause, repair, status, up,
    };
    use dbkit_tests::migrate::{MigrationsDir, ScratchDb, Server, schema_of, test_options};

    const START: &str = r#"
[project]
name = "halfway"

[tables.members]
columns.id = "id"
columns.name = "varchar(100)"

[tables.runs_log]
columns.id = "id"
columns.version = "int"
"#;

    fn later() -> String {
        START.replace(
            "columns.name = \"varchar(100)\"",
            "columns.name = \"varchar(100)\"\ncolumns.phone = \"varchar(30)?\"\ncolumns.level = \"int?\"",
        )
    }

    /// A migration folder whose second migration's MySQL script is `statements`.
    fn folder_with(statements: &[&str]) -> Result<MigrationsDir, String> {
        let folder = MigrationsDir::new();
        folder.add("start", START)?;
        let second = folder.add("contact", &later())?;
        let text: String = statements
            .iter()
            .map(|statement| format!("{statement};\n"))
            .collect();
        fs::write(second.join("mysql").join("up.sql"), text).map_err(|error| error.to_string())?;
        Ok(folder)
    }

    fn second_script(folder: &MigrationsDir) -> std::path::PathBuf {
        folder
            .path()
            .join("V0002__contact")
            .join("mysql")
            .join("up.sql")
    }

    #[test]
    fn a_migration_failing_at_its_third_statement_is_reported_and_resumed() -> Result<(), String> {
        let folder = folder_with(&[
            "ALTER TABLE `members` ADD COLUMN `phone` VARCHAR(30) NULL AFTER `name`",
            "INSERT INTO runs_log (version) VALUES (2)",
            "ALTER TABLE `membres` ADD COLUMN `level` INT NULL AFTER `phone`",
        ])?;
        let db = ScratchDb::new(Server::MariaDb, "third");
        up(&db.url(), &folder.path(), Some(1), &test_options())
            .map_err(|error| error.to_string())?;
        db.execute(&["INSERT INTO members (id, name) VALUES (1, 'Ann')"])?;

        let error = match up(&db.url(), &folder.path(), None, &test_options()) {
            Ok(report) => return Err(format!("the broken migration applied:\n{report}")),
            Err(error) => error,
        };
        let text = format!("{error}\nhelp: {}", error.help().unwrap_or_default());
        for part in [
            "migration V0002__contact (up) failed at statement 3 of 3 on mysql://",
            "ERROR 1146",
            "membres",
            "the statement starts with: ALTER TABLE `membres` ADD COLUMN",
            "statements 1 to 2 were applied and stay applied",
            "help: fix statement 3 in",
            "run `dbkit migrate up` again: it resumes at statement 3",
        ] {
            if !text.contains(part) {
                return Err(format!("the message lacks {part:?}:\n{text}"));
            }
        }
        if !matches!(error, MigrateError::PartiallyApplied { number: 3, .. }) {
            return Err(format!("expected PartiallyApplied at 3, got {error:?}"));
        }
        let report = status(&db.url(), &folder.path()).map_err(|error| error.to_string())?;
        match &report.migrations[1].state {
            MigrationState::Failed {
                statement: 3,
                count: 3,
                message,
                ..
            } if message.contains("membres") => {}
            other => return Err(format!("status shows {other:?}:\n{report}")),
        }
        if !report
            .to_string()
            .contains("FAILED (up) at statement 3 of 3")
        {
            return Err(format!("status text:\n{report}"));
        }

        // Running again without a fix fails again at the same statement, applying nothing twice.
        let again = up(&db.url(), &folder.path(), None, &test_options());
        if !matches!(again, Err(MigrateError::PartiallyApplied { number: 3, .. })) {
            return Err(format!("the unfixed rerun: {again:?}"));
        }

        // Editing a statement that already ran is refused.
        let script = second_script(&folder);
        let broken = fs::read_to_string(&script).map_err(|error| error.to_string())?;
        fs::write(&script, broken.replace("VALUES (2)", "VALUES (22)"))
            .map_err(|error| error.to_string())?;
        match up(&db.url(), &folder.path(), None, &test_options()) {
            Err(MigrateError::ResumeEdited { done: 2, .. }) => {}
            other => return Err(format!("an edit of a statement that ran: {other:?}")),
        }

        // The fix: only the failed statement changes.
        fs::write(&script, broken.replace("`membres`", "`members`"))
            .map_err(|error| error.to_string())?;
        let report = up(&db.url(), &folder.path(), None, &test_options())
            .map_err(|error| error.to_string())?;
        match &report.resumed {
            Some(resumed)
                if resumed.statement == 3 && matches!(resumed.cause, ResumeCause::Failed(_)) => {}
            other => {
                return Err(format!(
                    "expected a resume at statement 3, got {other:?}\n{report}"
                ));
            }
        }
        if report.version_after != 2 {
            return Err(format!("ended at {}", report.version_after));
        }
        if db.rows("SELECT version, COUNT(*) FROM runs_log GROUP BY version")?
            != vec![vec!["2".to_string(), "1".to_string()]]
        {
            return Err(format!(
                "statement 2 ran more than once: {:?}",
                db.rows("SELECT * FROM runs_log")?
            ));
        }
        if db.rows("SELECT id, name FROM members")?
            != vec![vec!["1".to_string(), "Ann".to_string()]]
        {
            return Err("the member row changed".to_string());
        }
        db.assert_schema(&schema_of(&later()), "after the resumed migration")?;
        let report = status(&db.url(), &folder.path()).map_err(|error| error.to_string())?;
        if !report.is_clean() {
            return Err(format!("status after the resume:\n{report}"));
        }
        Ok(())
    }

    #[test]
    fn a_runner_killed_mid_migration_is_reported_and_recovered() -> Result<(), String> {
        let folder = folder_with(&[
            "ALTER TABLE `members` ADD COLUMN `phone` VARCHAR(30) NULL AFTER `name`",
            "INSERT INTO runs_log (version) VALUES (2)",
            "DO SLEEP(3)",
            "ALTER TABLE `members` ADD COLUMN `level` INT NULL AFTER `phone`",
        ])?;
        let db = ScratchDb::new(Server::MariaDb, "killed");
        up(&db.url(), &folder.path(), Some(1), &test_options())
            .map_err(|error| error.to_string())?;
        db.execute(&[
            "INSERT INTO members (id, name) VALUES (1, 'Ann')",
            "INSERT INTO members (id, name) VALUES (2, 'Bob')",
        ])?;
        let mut child = Command::new(env!("CARGO_BIN_EXE_migrate-runner"))
            .args(["up", &db.url_text, &folder.path().display().to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| format!("cannot start the runner: {error}"))?;
        let started = Instant::now();
        loop {
            let rows = db
                .query("SELECT next_statement FROM dbkit_migration_progress")
                .unwrap_or_default();
            if rows
                .first()
                .and_then(|row| row.first().cloned().flatten())
                .as_deref()
                == Some("2")
            {
                break;
            }
            if started.elapsed() > Duration::from_secs(30) {
                let _ = child.kill();
                return Err("the runner never reached its third statement".to_string());
            }
            thread::sleep(Duration::from_millis(20));
        }
        child
            .kill()
            .map_err(|error| format!("cannot kill the runner: {error}"))?;
        let _ = child.wait();

        let report = status(&db.url(), &folder.path()).map_err(|error| error.to_string())?;
        match &report.migrations[1].state {
            MigrationState::Interrupted {
                statement: 3,
                count: 4,
                ..
            }
            | MigrationState::Running {
                statement: 3,
                count: 4,
                ..
            } => {}
            other => return Err(format!("status after the kill shows {other:?}:\n{report}")),
        }
        let recovered = up(&db.url(), &folder.path(), None, &test_options())
            .map_err(|error| error.to_string())?;
        match &recovered.resumed {
            Some(resumed)
                if resumed.statement == 3
                    && matches!(resumed.cause, ResumeCause::Interrupted { .. }) => {}
            other => {
                return Err(format!(
                    "expected a resume at statement 3, got {other:?}\n{recovered}"
                ));
            }
        }
        if db.rows("SELECT version, COUNT(*) FROM runs_log GROUP BY version")?
            != vec![vec!["2".to_string(), "1".to_string()]]
        {
            return Err("statement 2 ran more than once".to_string());
        }
        if db.rows("SELECT id, name FROM members ORDER BY id")?
            != vec![
                vec!["1".to_string(), "Ann".to_string()],
                vec!["2".to_string(), "Bob".to_string()],
            ]
        {
            return Err("rows were lost".to_string());
        }
        db.assert_schema(&schema_of(&later()), "after the recovery")?;
        Ok(())
    }

    #[test]
    fn repair_records_a_statement_applied_by_hand() -> Result<(), String> {
        let folder = folder_with(&[
            "ALTER TABLE `members` ADD COLUMN `phone` VARCHAR(30) NULL AFTER `name`",
            "ALTER TABLE `membres` ADD COLUMN `level` INT NULL AFTER `phone`",
        ])?;
        let db = ScratchDb::new(Server::MariaDb, "repair");
        up(&db.url(), &folder.path(), Some(1), &test_options())
            .map_err(|error| error.to_string())?;
        match repair(
            &db.url(),
            &folder.path(),
            RepairAction::SkipStatement,
            &test_options(),
        ) {
            Err(MigrateError::NothingToRepair { .. }) => {}
            other => return Err(format!("repair with nothing to repair: {other:?}")),
        }
        if !matches!(
            up(&db.url(), &folder.path(), None, &test_options()),
            Err(MigrateError::PartiallyApplied { number: 2, .. })
        ) {
            return Err("the broken statement did not fail".to_string());
        }
        db.execute(&["ALTER TABLE `members` ADD COLUMN `level` INT NULL AFTER `phone`"])?;
        let report = repair(
            &db.url(),
            &folder.path(),
            RepairAction::SkipStatement,
            &test_options(),
        )
        .map_err(|error| error.to_string())?;
        if !report
            .summary
            .contains("statement 2 of V0002__contact (up) is recorded as done")
        {
            return Err(report.summary);
        }
        let finished = up(&db.url(), &folder.path(), None, &test_options())
            .map_err(|error| error.to_string())?;
        if finished.version_after != 2 {
            return Err(format!("after the repair:\n{finished}"));
        }
        db.assert_schema(&schema_of(&later()), "after the repair")?;
        let report = status(&db.url(), &folder.path()).map_err(|error| error.to_string())?;
        if !report.is_clean() {
            return Err(format!("status after the repair:\n{report}"));
        }
        Ok(())
    }
}
