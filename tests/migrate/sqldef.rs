//! sqldef's schema-diff cases (`../shared/corpus/sqldef/`) migrated by dbkit on real MariaDB,
//! PostgreSQL and SQLite databases: `current` and `desired` built by the database, pulled, the
//! migration between the pulls rendered and run, and the result pulled again (see
//! `dbkit_tests::sqldef`).
//!
//! The counts per database and reason are recorded in `docs/migrations.md` ("The sqldef
//! corpus"); this test fails when a run gives other counts, and when a case fails that is not in
//! [`KNOWN_FAILURES`] (or one listed there passes). The full log of a run, every case with its
//! verdict and details, is written to `sqldef-cases.log` in Cargo's test temporary folder.

use std::path::PathBuf;
use std::time::Instant;

use dbkit_db::Backend;
use dbkit_tests::sqldef::report::{
    BACKENDS, BEGIN_MARKER, END_MARKER, case_log, markdown, recorded_section,
};
use dbkit_tests::sqldef::{
    KnownFailure, Verdict, describe_servers, load_cases, run_cases, server_info,
};

/// Threads running cases at once: the cases wait on the servers more than on the processor.
const WORKERS: usize = 4;

/// The in-scope cases that fail, each with why (the documentation shows the same list).
const KNOWN_FAILURES: &[KnownFailure] = &[
    KnownFailure {
        backend: Backend::Mysql,
        case: "ModifyUnnamedForeignKey",
        reason: "MariaDB names the index it creates for an unnamed foreign key after the column \
                 (`author_id`), and replaces it with one named after the constraint when the key is \
                 added again; the pull cannot tell such a generated index from a declared one, so \
                 it expects `author_id` to stay.",
    },
    KnownFailure {
        backend: Backend::Mysql,
        case: "RenameTableAndMultipleColumnChanges",
        reason: "the pull reads `tinyint(1)` as a boolean, whose CHECK (`ck_<table>_<column>`) dbkit \
                 assumes; the database built from sqldef's DDL has no such CHECK, so renaming the \
                 table fails when the migration renames the CHECK.",
    },
];

fn docs_file() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../docs/migrations.md"
    ))
}

#[test]
fn sqldef_cases_migrate_to_the_desired_schema() -> Result<(), String> {
    let mut servers = Vec::new();
    let mut cases = Vec::new();
    for backend in BACKENDS {
        servers.push((backend, server_info(backend)?));
        cases.extend(load_cases(backend)?);
    }
    let started = Instant::now();
    let results = run_cases(&cases, &servers, WORKERS);
    eprintln!(
        "ran {} sqldef cases in {:.1?}",
        results.len(),
        started.elapsed()
    );
    let log = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sqldef-cases.log");
    if let Err(error) = std::fs::write(&log, case_log(&results)) {
        eprintln!("warning: cannot write {}: {error}", log.display());
    }

    let mut problems = Vec::new();
    for result in &results {
        let known = KNOWN_FAILURES
            .iter()
            .any(|failure| failure.backend == result.backend && failure.case == result.name);
        match (&result.verdict, known) {
            (Verdict::Fail(detail), false) => problems.push(format!(
                "{} case {} ({}) fails:\n{detail}",
                result.backend.display_name(),
                result.name,
                result.file
            )),
            (Verdict::Fail(_), true) => {}
            (verdict, true) => problems.push(format!(
                "{} case {} is listed as a known failure but is now {}: remove it from KNOWN_FAILURES",
                result.backend.display_name(),
                result.name,
                match verdict {
                    Verdict::Pass { .. } => "passing".to_string(),
                    Verdict::OutOfScope { reason, .. } => format!("out of scope ({})", reason.label()),
                    Verdict::Fail(_) => "failing".to_string(),
                }
            )),
            (_, false) => {}
        }
    }
    for failure in KNOWN_FAILURES {
        if !results
            .iter()
            .any(|result| result.backend == failure.backend && result.name == failure.case)
        {
            problems.push(format!(
                "KNOWN_FAILURES lists {} case {}, which the corpus does not have",
                failure.backend.display_name(),
                failure.case
            ));
        }
    }
    if !problems.is_empty() {
        return Err(format!(
            "{} problem(s) with the sqldef cases (the log of every case is in {}):\n\n{}",
            problems.len(),
            log.display(),
            problems.join("\n\n")
        ));
    }

    let generated = markdown(&results, &describe_servers(&servers), KNOWN_FAILURES);
    let table = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("sqldef-corpus.md");
    if let Err(error) = std::fs::write(&table, &generated) {
        eprintln!("warning: cannot write {}: {error}", table.display());
    }
    let docs = docs_file();
    let document = std::fs::read_to_string(&docs)
        .map_err(|error| format!("cannot read {}: {error}", docs.display()))?;
    let Some(recorded) = recorded_section(&document) else {
        return Err(format!(
            "{} has no section between {BEGIN_MARKER} and {END_MARKER}; add it with:\n\n{generated}",
            docs.display()
        ));
    };
    if recorded != generated.trim() {
        return Err(format!(
            "the sqldef counts recorded in {} are out of date. A run gives:\n\n{generated}\nrecorded:\n\n{recorded}\n\n(the log of every case is in {})",
            docs.display(),
            log.display()
        ));
    }
    Ok(())
}
