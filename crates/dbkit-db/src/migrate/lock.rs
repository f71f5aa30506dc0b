//! The lock that keeps concurrent runners from applying a migration twice.
//!
//! - MySQL/MariaDB: `GET_LOCK('dbkit_migrate:<database>', timeout)`, a named lock held by the
//!   session until `RELEASE_LOCK` or until the session ends (a killed runner frees it).
//! - PostgreSQL: `pg_try_advisory_lock(key)` retried until the timeout; advisory locks are per
//!   database and end with the session too.
//! - SQLite: no session lock; every migration runs in a `BEGIN EXCLUSIVE` transaction that first
//!   re-reads the history (see the runner).

use std::thread;
use std::time::{Duration, Instant};

use super::checksum::migration_checksum;
use super::driver::Driver;
use super::error::MigrateError;
use crate::url::DatabaseUrl;

/// The PostgreSQL advisory lock key dbkit's runners share (the bytes of `dbkit_mg`).
pub const POSTGRES_LOCK_KEY: i64 = 0x6462_6b69_745f_6d67;

/// How often a PostgreSQL runner tries the lock again.
const RETRY_EVERY: Duration = Duration::from_millis(50);

/// The MySQL/MariaDB lock name for a database: named locks are server-wide, so the database's
/// name is part of it (hashed when the whole would pass MySQL's 64 characters).
pub fn mysql_lock_name(database: &str) -> String {
    let name = format!("dbkit_migrate:{database}");
    if name.len() <= 64 {
        name
    } else {
        format!(
            "dbkit_migrate:{:016x}",
            migration_checksum(0, "lock", database)
        )
    }
}

/// Takes the migration lock, waiting at most `timeout`.
pub(crate) fn acquire(
    driver: &mut Driver,
    url: &DatabaseUrl,
    timeout: Duration,
) -> Result<(), MigrateError> {
    let failed = |message: String| MigrateError::Bookkeeping {
        action: "take the migration lock".to_string(),
        url: url.to_string(),
        message,
    };
    let timed_out = || MigrateError::LockTimeout {
        url: url.to_string(),
        seconds: timeout.as_secs(),
    };
    match driver {
        Driver::Mysql(_) => {
            let name = mysql_lock_name(&url.database_name().unwrap_or_default());
            let seconds = timeout.as_secs().max(1);
            let rows = driver
                .query(
                    &format!("SELECT GET_LOCK('{name}', {seconds})"),
                    url.password(),
                )
                .map_err(|error| failed(error.message))?;
            match rows
                .first()
                .and_then(|row| row.first())
                .cloned()
                .flatten()
                .as_deref()
            {
                Some("1") => Ok(()),
                Some("0") => Err(timed_out()),
                other => Err(failed(format!("GET_LOCK returned {other:?}"))),
            }
        }
        Driver::Postgres(_) => {
            let started = Instant::now();
            loop {
                let rows = driver
                    .query(
                        &format!("SELECT pg_try_advisory_lock({POSTGRES_LOCK_KEY})"),
                        url.password(),
                    )
                    .map_err(|error| failed(error.message))?;
                if rows
                    .first()
                    .and_then(|row| row.first())
                    .cloned()
                    .flatten()
                    .as_deref()
                    == Some("t")
                {
                    return Ok(());
                }
                if started.elapsed() >= timeout {
                    return Err(timed_out());
                }
                thread::sleep(RETRY_EVERY);
            }
        }
        Driver::Sqlite(_) => Ok(()),
    }
}

/// Releases the migration lock (closing the connection would too).
pub(crate) fn release(driver: &mut Driver, url: &DatabaseUrl) {
    let sql = match driver {
        Driver::Mysql(_) => format!(
            "DO RELEASE_LOCK('{}')",
            mysql_lock_name(&url.database_name().unwrap_or_default())
        ),
        Driver::Postgres(_) => format!("SELECT pg_advisory_unlock({POSTGRES_LOCK_KEY})"),
        Driver::Sqlite(_) => return,
    };
    let _ = driver.execute(&sql, url.password());
}
