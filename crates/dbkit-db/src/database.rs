//! Creating a database on a server, so that a schema can be applied to a fresh one.

use crate::backend;
use crate::connection::connect_error;
use crate::error::DbError;
use crate::secret::scrub;
use crate::url::{DatabaseUrl, Target};

/// The database PostgreSQL clients connect to when they need a server, not a database.
const POSTGRES_MAINTENANCE_DATABASE: &str = "postgres";

/// Creates the database `url` names unless it exists; returns whether it was created.
///
/// MySQL/MariaDB databases are created with `utf8mb4` and `utf8mb4_unicode_ci`; PostgreSQL ones
/// with the server's defaults. A SQLite file does not need creating (connecting creates it):
/// this returns whether the file is missing, and an in-memory database always exists. An
/// existing database is never touched.
pub fn create_database_if_missing(url: &DatabaseUrl) -> Result<bool, DbError> {
    let address = match url.target() {
        Target::Mysql(address) | Target::Postgres(address) => address,
        Target::SqliteFile(path) => return Ok(!path.exists()),
        Target::SqliteMemory => return Ok(false),
    };
    let Some(database) = address.database() else {
        return Err(DbError::NoDatabase {
            url: url.to_string(),
        });
    };
    let failed = |message: String| DbError::CreateDatabase {
        url: url.to_string(),
        database: database.to_string(),
        message: scrub(&message, address.password()),
    };
    match url.target() {
        Target::Mysql(_) => {
            let server = address.with_database(None);
            let mut connection = backend::mysql::connect(&server)
                .map_err(|message| connect_error(url, address, &message))?;
            backend::mysql::create_database_if_missing(&mut connection, database).map_err(failed)
        }
        _ => {
            let server = address.with_database(Some(POSTGRES_MAINTENANCE_DATABASE));
            let mut client = backend::postgres::connect(&server)
                .map_err(|message| connect_error(url, address, &message))?;
            backend::postgres::create_database_if_missing(&mut client, database).map_err(failed)
        }
    }
}
