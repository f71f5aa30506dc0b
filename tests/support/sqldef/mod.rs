//! sqldef's schema-diff test cases (`../shared/corpus/sqldef/`) as a proof of dbkit's
//! migrations on real databases.
//!
//! For each MySQL/MariaDB, PostgreSQL and SQLite case, the database itself builds the case's
//! `current` DDL on one scratch database and its `desired` DDL on another; both are pulled into
//! the model. Cases outside the model are classified by [`Reason`]: flagged for another server,
//! rejected by the server, or holding what the pull warns about or cannot see. For the others,
//! dbkit renders the migration from the first pull to the second (with the renames the DDL
//! annotates declared, as `schema.toml` declares them), runs it on the first database and pulls
//! it again: the case passes when that is the desired schema and a re-diff is empty.

pub mod corpus;
pub mod native;
pub mod renames;
pub mod report;
pub mod run;
pub mod verdict;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use dbkit_db::{Backend, DriverConnection};
use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_sdk::Dialect;
use mysql::prelude::Queryable;

pub use corpus::{Case, ServerInfo, load_cases};
pub use report::{CaseResult, KnownFailure};
pub use verdict::{Reason, Verdict};

use crate::Outcome;
use crate::pull::ScratchDatabase;

/// The dialect that renders migrations for `backend`.
pub fn dialect(backend: Backend) -> &'static dyn Dialect {
    match backend {
        Backend::Mysql => &MysqlDialect,
        Backend::Postgres => &PostgresDialect,
        Backend::Sqlite => &SqliteDialect,
    }
}

/// The version and flavor of the server the cases of `backend` run on, as sqldef's runner
/// compares them with a case's flags.
pub fn server_info(backend: Backend) -> Outcome<ServerInfo> {
    let db = match backend {
        Backend::Mysql => ScratchDatabase::mariadb("sqldef_version"),
        Backend::Postgres => ScratchDatabase::postgres("sqldef_version"),
        Backend::Sqlite => ScratchDatabase::sqlite("sqldef_version"),
    };
    let mut connection = db.connect()?;
    let failed = |error: &dyn std::fmt::Display| format!("cannot read the server version: {error}");
    match connection.driver() {
        DriverConnection::Mysql(connection) => {
            let version: Option<String> = connection
                .query_first("SELECT VERSION()")
                .map_err(|error| failed(&error))?;
            let version = version.unwrap_or_default();
            let flavor = if version.to_ascii_lowercase().contains("mariadb") {
                "mariadb"
            } else {
                "mysql"
            };
            Ok(ServerInfo {
                version,
                flavor: flavor.to_string(),
            })
        }
        DriverConnection::Postgres(client) => {
            let row = client
                .query_one(
                    "SELECT current_setting('server_version'), \
                     EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')",
                    &[],
                )
                .map_err(|error| failed(&error))?;
            let version: String = row.get(0);
            let pgvector: bool = row.get(1);
            Ok(ServerInfo {
                version: version
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                flavor: if pgvector { "pgvector" } else { "" }.to_string(),
            })
        }
        DriverConnection::Sqlite(_) => Ok(ServerInfo {
            version: rusqlite::version().to_string(),
            flavor: String::new(),
        }),
    }
}

/// The servers, as the documentation names them: `MariaDB 10.11, PostgreSQL 15 and SQLite 3.50`.
pub fn describe_servers(servers: &[(Backend, ServerInfo)]) -> String {
    let names: Vec<String> = servers
        .iter()
        .map(|(backend, server)| {
            let numbers: Vec<&str> = server
                .version
                .split(|character: char| !character.is_ascii_digit())
                .filter(|part| !part.is_empty())
                .collect();
            let major_minor = |count: usize| {
                numbers
                    .iter()
                    .take(count)
                    .copied()
                    .collect::<Vec<_>>()
                    .join(".")
            };
            match backend {
                Backend::Mysql if server.flavor == "mariadb" => {
                    format!("MariaDB {}", major_minor(2))
                }
                Backend::Mysql => format!("MySQL {}", major_minor(2)),
                Backend::Postgres => format!("PostgreSQL {}", major_minor(1)),
                Backend::Sqlite => format!("SQLite {}", major_minor(2)),
            }
        })
        .collect();
    match names.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Runs `cases` with `workers` threads, each case on databases of its own, and returns the
/// results in the order of `cases`. A case whose run panics fails with the panic's message.
pub fn run_cases(
    cases: &[Case],
    servers: &[(Backend, ServerInfo)],
    workers: usize,
) -> Vec<CaseResult> {
    let next = AtomicUsize::new(0);
    let verdicts: Mutex<Vec<Option<Verdict>>> = Mutex::new(vec![None; cases.len()]);
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = cases.get(index) else {
                        break;
                    };
                    let verdict = match servers.iter().find(|(backend, _)| *backend == case.backend)
                    {
                        Some((_, server)) => catch_unwind(AssertUnwindSafe(|| {
                            run::run_case(case, server, dialect(case.backend))
                        }))
                        .unwrap_or_else(|panic| {
                            let message = panic
                                .downcast_ref::<String>()
                                .cloned()
                                .or_else(|| {
                                    panic.downcast_ref::<&str>().map(|text| text.to_string())
                                })
                                .unwrap_or_default();
                            Verdict::Fail(format!("the run panicked: {message}"))
                        }),
                        None => {
                            Verdict::Fail("no server information for this database".to_string())
                        }
                    };
                    if let Ok(mut verdicts) = verdicts.lock() {
                        verdicts[index] = Some(verdict);
                    }
                }
            });
        }
    });
    let verdicts = verdicts
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cases
        .iter()
        .zip(verdicts)
        .map(|(case, verdict)| CaseResult {
            backend: case.backend,
            file: case.file.clone(),
            name: case.name.clone(),
            verdict: verdict.unwrap_or_else(|| Verdict::Fail("the case did not run".to_string())),
        })
        .collect()
}
