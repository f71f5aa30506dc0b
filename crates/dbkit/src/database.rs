//! Applying a rendered schema to the database the user chose.

use std::path::Path;

use dbkit_db::{
    ResolvedUrl, Target, apply_schema, connect, create_database_if_missing, resolve_url,
};
use dbkit_generate::Script;

use crate::error::CliError;
use crate::say;

/// The database to apply to: `--url`, else `DATABASE_URL`, else `.env`, else `dbkit.sqlite3`
/// in the current folder.
pub(crate) fn resolve(url: Option<&str>) -> Result<ResolvedUrl, CliError> {
    Ok(resolve_url(url, Path::new(""))?)
}

/// Creates the database if it is missing, then creates the schema's tables in it.
pub(crate) fn apply(target: &ResolvedUrl, create: &Script) -> Result<(), CliError> {
    let url = &target.url;
    if create_database_if_missing(url)? {
        match url.target() {
            Target::SqliteFile(path) => {
                say!("Created the SQLite database file {}.", path.display())
            }
            _ => say!(
                "Created the empty database \"{}\".",
                url.database_name().unwrap_or_default()
            ),
        }
    }
    let mut connection = connect(url)?;
    let statements = create.sql_statements();
    let outcome = apply_schema(&mut connection, &statements)?;
    say!(
        "Applied {} statements to {url} ({}){}: created {} table{}: {}.",
        outcome.statements,
        target.source,
        if outcome.transactional {
            " in one transaction"
        } else {
            ""
        },
        outcome.tables_created.len(),
        if outcome.tables_created.len() == 1 {
            ""
        } else {
            "s"
        },
        outcome.tables_created.join(", ")
    );
    Ok(())
}
