//! Which database to use when the user did not say: `--url`, then `DATABASE_URL`, then `.env`,
//! then the embedded default SQLite file.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::DbError;
use crate::secret::mask_raw_url;
use crate::url::DatabaseUrl;

/// The environment variable (and `.env` key) that names the database.
pub const DATABASE_URL_VARIABLE: &str = "DATABASE_URL";

/// Where a resolved URL came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlSource {
    /// Given explicitly (the `--url` option).
    Explicit,
    /// The `DATABASE_URL` environment variable.
    Environment,
    /// `DATABASE_URL` in this `.env` file.
    DotEnv(PathBuf),
    /// None of the above: the embedded default SQLite file.
    Default,
}

impl fmt::Display for UrlSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlSource::Explicit => f.write_str("--url"),
            UrlSource::Environment => write!(f, "the {DATABASE_URL_VARIABLE} environment variable"),
            UrlSource::DotEnv(path) => write!(f, "{DATABASE_URL_VARIABLE} in {}", path.display()),
            UrlSource::Default => f.write_str("the default SQLite file"),
        }
    }
}

/// A database URL and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedUrl {
    /// The URL.
    pub url: DatabaseUrl,
    /// Where it came from.
    pub source: UrlSource,
}

/// Resolves the database to use, as diesel and sqlx do: the `explicit` URL (`--url`) if given,
/// else the `DATABASE_URL` environment variable, else `DATABASE_URL` in a `.env` file in
/// `directory`, else the default SQLite file `dbkit.sqlite3` in `directory`.
///
/// The `.env` file is only read, never loaded into the process environment.
pub fn resolve_url(explicit: Option<&str>, directory: &Path) -> Result<ResolvedUrl, DbError> {
    let environment = match std::env::var(DATABASE_URL_VARIABLE) {
        Ok(value) => Some(value),
        Err(std::env::VarError::NotPresent) => None,
        Err(std::env::VarError::NotUnicode(_)) => {
            return Err(DbError::InvalidUrl {
                url: String::new(),
                origin: format!(" (from the {DATABASE_URL_VARIABLE} environment variable)"),
                reason: "the variable is not valid UTF-8".to_string(),
                help: None,
            });
        }
    };
    resolve_url_from(explicit, environment.as_deref(), directory)
}

/// [`resolve_url`] with the value of `DATABASE_URL` given instead of read from the environment.
/// An empty value counts as unset.
pub fn resolve_url_from(
    explicit: Option<&str>,
    environment: Option<&str>,
    directory: &Path,
) -> Result<ResolvedUrl, DbError> {
    if let Some(text) = explicit {
        return parse_from(text, UrlSource::Explicit);
    }
    if let Some(text) = environment.filter(|text| !text.trim().is_empty()) {
        return parse_from(text, UrlSource::Environment);
    }
    let dot_env = directory.join(".env");
    if let Some(text) = read_dot_env(&dot_env)? {
        return parse_from(&text, UrlSource::DotEnv(dot_env));
    }
    Ok(ResolvedUrl {
        url: DatabaseUrl::default_sqlite(directory),
        source: UrlSource::Default,
    })
}

fn parse_from(text: &str, source: UrlSource) -> Result<ResolvedUrl, DbError> {
    match DatabaseUrl::parse(text) {
        Ok(url) => Ok(ResolvedUrl { url, source }),
        Err(DbError::InvalidUrl {
            url, reason, help, ..
        }) => Err(DbError::InvalidUrl {
            url,
            origin: format!(" (from {source})"),
            reason,
            help,
        }),
        Err(other) => Err(other),
    }
}

/// The last non-empty `DATABASE_URL` in the `.env` file at `path`, if the file exists.
fn read_dot_env(path: &Path) -> Result<Option<String>, DbError> {
    if !path.is_file() {
        return Ok(None);
    }
    let entries = dotenvy::from_path_iter(path).map_err(|error| dot_env_error(path, &error))?;
    let mut found = None;
    for entry in entries {
        let (key, value) = entry.map_err(|error| dot_env_error(path, &error))?;
        if key == DATABASE_URL_VARIABLE && !value.trim().is_empty() {
            found = Some(value);
        }
    }
    Ok(found)
}

/// A `.env` error whose message shows no line of the file unmasked (a line may hold a password).
fn dot_env_error(path: &Path, error: &dotenvy::Error) -> DbError {
    let message = match error {
        dotenvy::Error::LineParse(line, position) => format!(
            "cannot read the line \"{}\" (at character {position})",
            mask_raw_url(line)
        ),
        dotenvy::Error::Io(error) => error.to_string(),
        other => mask_raw_url(&other.to_string()),
    };
    DbError::DotEnv {
        path: path.to_path_buf(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(explicit: Option<&str>, environment: Option<&str>, directory: &Path) -> ResolvedUrl {
        match resolve_url_from(explicit, environment, directory) {
            Ok(resolved) => resolved,
            Err(error) => panic!("should resolve: {error}"),
        }
    }

    #[test]
    fn follows_explicit_then_environment_then_dot_env_then_default() -> std::io::Result<()> {
        let directory = tempfile::tempdir()?;
        let dir = directory.path();

        let resolved = resolve(None, None, dir);
        assert_eq!(resolved.source, UrlSource::Default);
        assert_eq!(
            resolved.url,
            DatabaseUrl::sqlite_file(dir.join(crate::DEFAULT_SQLITE_FILE))
        );

        std::fs::write(
            dir.join(".env"),
            "# settings\nOTHER=1\nDATABASE_URL=postgres://app:secret@db/shop\n",
        )?;
        let resolved = resolve(None, None, dir);
        assert_eq!(resolved.source, UrlSource::DotEnv(dir.join(".env")));
        assert_eq!(resolved.url.to_string(), "postgres://app:***@db:5432/shop");

        let resolved = resolve(None, Some("mysql://root@localhost/env"), dir);
        assert_eq!(resolved.source, UrlSource::Environment);
        assert_eq!(resolved.url.to_string(), "mysql://root@localhost:3306/env");

        let resolved = resolve(None, Some(""), dir);
        assert_eq!(resolved.source, UrlSource::DotEnv(dir.join(".env")));

        let resolved = resolve(
            Some("sqlite::memory:"),
            Some("mysql://root@localhost/env"),
            dir,
        );
        assert_eq!(resolved.source, UrlSource::Explicit);
        assert_eq!(resolved.url, DatabaseUrl::sqlite_memory());
        Ok(())
    }

    #[test]
    fn names_the_source_of_a_bad_url_without_its_password() -> std::io::Result<()> {
        let directory = tempfile::tempdir()?;
        std::fs::write(
            directory.path().join(".env"),
            "DATABASE_URL=mysqll://root:topsecret@h/db\n",
        )?;
        let error = match resolve_url_from(None, None, directory.path()) {
            Ok(resolved) => panic!("should fail, got {}", resolved.url),
            Err(error) => error.to_string(),
        };
        assert!(error.contains("(from DATABASE_URL in "), "{error}");
        assert!(error.contains("mysqll://root:***@h/db"), "{error}");
        assert!(!error.contains("topsecret"), "{error}");

        std::fs::write(
            directory.path().join(".env"),
            "DATABASE_URL='mysql://root:topsecret@h/db\n",
        )?;
        let error = match resolve_url_from(None, None, directory.path()) {
            Ok(resolved) => panic!("should fail, got {}", resolved.url),
            Err(error) => error.to_string(),
        };
        assert!(error.contains(".env"), "{error}");
        assert!(!error.contains("topsecret"), "{error}");
        Ok(())
    }
}
