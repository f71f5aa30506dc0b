//! Database URLs: which database to connect to, parsed once and shown without the password.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::error::DbError;
use crate::secret::{mask_raw_url, percent_decode};

/// The file name of the embedded default SQLite database, in the current directory.
pub const DEFAULT_SQLITE_FILE: &str = "dbkit.sqlite3";

/// The database server software a URL points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Backend {
    /// MySQL or MariaDB (`mysql://`, `mariadb://`).
    Mysql,
    /// PostgreSQL (`postgres://`, `postgresql://`).
    Postgres,
    /// SQLite (`sqlite://path`, `sqlite::memory:`, or a plain file path).
    Sqlite,
}

impl Backend {
    /// The name of the dbkit dialect that writes SQL for this backend: `mysql`, `postgres` or
    /// `sqlite`.
    pub fn dialect_name(self) -> &'static str {
        match self {
            Backend::Mysql => "mysql",
            Backend::Postgres => "postgres",
            Backend::Sqlite => "sqlite",
        }
    }

    /// The name people know the database by.
    pub fn display_name(self) -> &'static str {
        match self {
            Backend::Mysql => "MySQL/MariaDB",
            Backend::Postgres => "PostgreSQL",
            Backend::Sqlite => "SQLite",
        }
    }

    /// Whether a migration can put existing columns in a new order: MySQL/MariaDB move them
    /// (`MODIFY COLUMN ... AFTER`) and SQLite rebuilds the table; PostgreSQL cannot move a
    /// column, and adds a new one at the end wherever `schema.toml` places it.
    pub fn moves_columns(self) -> bool {
        !matches!(self, Backend::Postgres)
    }

    /// The TCP port the server listens on unless the URL says otherwise.
    pub fn default_port(self) -> Option<u16> {
        match self {
            Backend::Mysql => Some(3306),
            Backend::Postgres => Some(5432),
            Backend::Sqlite => None,
        }
    }

    /// The user name used when the URL gives none (`root` as on XAMPP, `postgres`).
    pub fn default_user(self) -> Option<&'static str> {
        match self {
            Backend::Mysql => Some("root"),
            Backend::Postgres => Some("postgres"),
            Backend::Sqlite => None,
        }
    }
}

/// The URL schemes dbkit understands, with the backend each selects.
pub const SCHEMES: &[(&str, Backend)] = &[
    ("mysql", Backend::Mysql),
    ("mariadb", Backend::Mysql),
    ("postgres", Backend::Postgres),
    ("postgresql", Backend::Postgres),
    ("sqlite", Backend::Sqlite),
];

/// Where a server database lives: host, port, credentials and database name.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerAddress {
    scheme: String,
    host: String,
    port: u16,
    user: String,
    password: Option<String>,
    database: Option<String>,
}

impl ServerAddress {
    /// The scheme as written (`mysql`, `mariadb`, `postgres`, `postgresql`).
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The host name or IP address.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The TCP port (the backend's default when the URL gives none).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The user name (the backend's default when the URL gives none).
    pub fn user(&self) -> &str {
        &self.user
    }

    /// The database name, if the URL names one.
    pub fn database(&self) -> Option<&str> {
        self.database.as_deref()
    }

    /// Whether the URL carries a password (which is never shown).
    pub fn has_password(&self) -> bool {
        self.password.is_some()
    }

    /// The password, for the drivers only.
    pub(crate) fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    /// The same server with another database name, as used to create a missing database.
    pub(crate) fn with_database(&self, database: Option<&str>) -> ServerAddress {
        ServerAddress {
            database: database.map(str::to_string),
            ..self.clone()
        }
    }
}

/// What a [`DatabaseUrl`] points at. Its `Debug` output masks the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A MySQL or MariaDB server.
    Mysql(ServerAddress),
    /// A PostgreSQL server.
    Postgres(ServerAddress),
    /// A SQLite database file.
    SqliteFile(PathBuf),
    /// A SQLite database that lives in memory for the life of the connection.
    SqliteMemory,
}

/// A parsed database URL.
///
/// Accepted forms: `mysql://user:password@host:port/database` (also `mariadb://`),
/// `postgres://user:password@host:port/database` (also `postgresql://`), `sqlite://path`,
/// `sqlite::memory:`, and a plain file path, which means a SQLite file. User names and passwords
/// may be percent-encoded (`p%40ss` for `p@ss`). Without a port, the backend's default is used;
/// without a user, `root` (MySQL/MariaDB) or `postgres` (PostgreSQL).
///
/// [`Display`](fmt::Display) and [`Debug`](fmt::Debug) never show the password:
///
/// ```
/// use dbkit_db::DatabaseUrl;
///
/// let url = DatabaseUrl::parse("mysql://root:secret@127.0.0.1/library")?;
/// assert_eq!(url.to_string(), "mysql://root:***@127.0.0.1:3306/library");
/// # Ok::<(), dbkit_db::DbError>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    target: Target,
}

impl DatabaseUrl {
    /// Parses a database URL or a SQLite file path.
    pub fn parse(text: &str) -> Result<DatabaseUrl, DbError> {
        let trimmed = text.trim();
        let invalid = |reason: String, help: Option<String>| DbError::InvalidUrl {
            url: mask_raw_url(trimmed),
            origin: String::new(),
            reason,
            help,
        };
        if trimmed.is_empty() {
            return Err(invalid("the URL is empty".into(), Some(example_help())));
        }
        if let Some(rest) = trimmed.strip_prefix("sqlite:") {
            return parse_sqlite(rest).map_err(|reason| invalid(reason, Some(example_help())));
        }
        let Some((scheme, _)) = split_scheme(trimmed) else {
            return Ok(DatabaseUrl::sqlite_file(trimmed));
        };
        let lowered = scheme.to_ascii_lowercase();
        let Some(&(_, backend)) = SCHEMES.iter().find(|(name, _)| *name == lowered) else {
            let names: Vec<&str> = SCHEMES.iter().map(|(name, _)| *name).collect();
            let suggestion = closest(&lowered, &names)
                .map(|name| format!("did you mean \"{name}://\"? "))
                .unwrap_or_default();
            return Err(invalid(
                format!("unknown scheme \"{scheme}://\""),
                Some(format!(
                    "{suggestion}dbkit understands {}, or a plain path to a SQLite file",
                    names
                        .iter()
                        .map(|name| format!("{name}://"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            ));
        };
        parse_server(trimmed, backend)
            .map(|address| DatabaseUrl {
                target: match backend {
                    Backend::Mysql => Target::Mysql(address),
                    _ => Target::Postgres(address),
                },
            })
            .map_err(|reason| invalid(reason, Some(example_help())))
    }

    /// A SQLite database file at `path`.
    pub fn sqlite_file(path: impl Into<PathBuf>) -> DatabaseUrl {
        DatabaseUrl {
            target: Target::SqliteFile(path.into()),
        }
    }

    /// A SQLite database in memory.
    pub fn sqlite_memory() -> DatabaseUrl {
        DatabaseUrl {
            target: Target::SqliteMemory,
        }
    }

    /// The embedded default: the SQLite file [`DEFAULT_SQLITE_FILE`] in `directory`.
    pub fn default_sqlite(directory: &Path) -> DatabaseUrl {
        if directory.as_os_str().is_empty() || directory == Path::new(".") {
            DatabaseUrl::sqlite_file(DEFAULT_SQLITE_FILE)
        } else {
            DatabaseUrl::sqlite_file(directory.join(DEFAULT_SQLITE_FILE))
        }
    }

    /// What the URL points at.
    pub fn target(&self) -> &Target {
        &self.target
    }

    /// The backend: MySQL/MariaDB, PostgreSQL or SQLite.
    pub fn backend(&self) -> Backend {
        match &self.target {
            Target::Mysql(_) => Backend::Mysql,
            Target::Postgres(_) => Backend::Postgres,
            Target::SqliteFile(_) | Target::SqliteMemory => Backend::Sqlite,
        }
    }

    /// The server address, for MySQL/MariaDB and PostgreSQL URLs.
    pub fn server(&self) -> Option<&ServerAddress> {
        match &self.target {
            Target::Mysql(address) | Target::Postgres(address) => Some(address),
            Target::SqliteFile(_) | Target::SqliteMemory => None,
        }
    }

    /// The host, for server URLs.
    pub fn host(&self) -> Option<&str> {
        self.server().map(ServerAddress::host)
    }

    /// The database name: the server database, or the SQLite file path (`:memory:` in memory).
    pub fn database_name(&self) -> Option<String> {
        match &self.target {
            Target::Mysql(address) | Target::Postgres(address) => {
                address.database().map(str::to_string)
            }
            Target::SqliteFile(path) => Some(path.display().to_string()),
            Target::SqliteMemory => Some(":memory:".to_string()),
        }
    }

    /// The password, if any, for scrubbing driver messages.
    pub(crate) fn password(&self) -> Option<&str> {
        self.server().and_then(ServerAddress::password)
    }
}

impl fmt::Display for DatabaseUrl {
    /// Writes the URL with the password replaced by `***`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.target {
            Target::Mysql(address) | Target::Postgres(address) => {
                write!(f, "{}://{}", address.scheme, address.user)?;
                if address.password.is_some() {
                    f.write_str(":***")?;
                }
                let host = if address.host.contains(':') {
                    format!("[{}]", address.host)
                } else {
                    address.host.clone()
                };
                write!(f, "@{host}:{}", address.port)?;
                if let Some(database) = &address.database {
                    write!(f, "/{database}")?;
                }
                Ok(())
            }
            Target::SqliteFile(path) => write!(f, "sqlite://{}", path.display()),
            Target::SqliteMemory => f.write_str("sqlite::memory:"),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    /// The same as [`Display`](fmt::Display): the password is never shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}

impl fmt::Debug for ServerAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerAddress")
            .field("scheme", &self.scheme)
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .field("database", &self.database)
            .finish()
    }
}

impl std::str::FromStr for DatabaseUrl {
    type Err = DbError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        DatabaseUrl::parse(text)
    }
}

fn example_help() -> String {
    "write it as mysql://user:password@host:3306/database, postgres://user@host:5432/database, \
     sqlite://file.sqlite3 or sqlite::memory:"
        .to_string()
}

/// Splits `scheme://rest` when the text starts with a URL scheme followed by `://`.
fn split_scheme(text: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = text.split_once("://")?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    let is_scheme = first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then_some((scheme, rest))
}

fn parse_sqlite(rest: &str) -> Result<DatabaseUrl, String> {
    if rest == ":memory:" || rest == "//:memory:" {
        return Ok(DatabaseUrl::sqlite_memory());
    }
    let path = rest.strip_prefix("//").unwrap_or(rest);
    if path.is_empty() {
        return Err("the SQLite URL names no file".into());
    }
    Ok(DatabaseUrl::sqlite_file(path))
}

const NO_HOST: &str = "the URL names no host (write it after the user, as in root@127.0.0.1)";

fn parse_server(text: &str, backend: Backend) -> Result<ServerAddress, String> {
    let parsed = url::Url::parse(text).map_err(|error| match error {
        url::ParseError::EmptyHost => NO_HOST.to_string(),
        url::ParseError::InvalidPort => "the port must be a number from 0 to 65535".to_string(),
        other => format!("it is not a valid URL ({other})"),
    })?;
    if parsed.query().is_some() {
        return Err("query parameters (`?...`) are not supported".into());
    }
    if parsed.fragment().is_some() {
        return Err("a URL fragment (`#...`) is not supported".into());
    }
    let host = match parsed.host() {
        Some(url::Host::Domain(name)) if !name.is_empty() => percent_decode(name)?,
        Some(url::Host::Ipv4(address)) => address.to_string(),
        Some(url::Host::Ipv6(address)) => address.to_string(),
        _ => return Err(NO_HOST.into()),
    };
    let user = match parsed.username() {
        "" => backend.default_user().unwrap_or_default().to_string(),
        name => percent_decode(name)?,
    };
    let password = parsed.password().map(percent_decode).transpose()?;
    let path = parsed.path().trim_start_matches('/');
    let database = match path {
        "" => None,
        name if name.contains('/') => {
            return Err(format!(
                "\"{name}\" is not a database name (it contains \"/\")"
            ));
        }
        name => Some(percent_decode(name)?),
    };
    let port = match parsed.port() {
        Some(port) => port,
        None => backend.default_port().unwrap_or_default(),
    };
    Ok(ServerAddress {
        scheme: parsed.scheme().to_string(),
        host,
        port,
        user,
        password,
        database,
    })
}

/// The scheme closest to `input`, when it is likely a typo (at most two edits away).
fn closest<'a>(input: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|candidate| (edit_distance(input, candidate), *candidate))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// The Levenshtein distance between two strings, counted in characters.
fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    for (i, left_char) in left.chars().enumerate() {
        let mut current = vec![i + 1; right.len() + 1];
        for (j, right_char) in right.iter().enumerate() {
            let substitution = previous[j] + usize::from(left_char != *right_char);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[right.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> DatabaseUrl {
        match DatabaseUrl::parse(text) {
            Ok(url) => url,
            Err(error) => panic!("{text} should parse: {error}"),
        }
    }

    fn error(text: &str) -> String {
        match DatabaseUrl::parse(text) {
            Ok(url) => panic!("{text} should not parse, got {url}"),
            Err(error) => format!("{error}\nhelp: {}", error.help().unwrap_or_default()),
        }
    }

    #[test]
    fn parses_server_urls_with_defaults() {
        let url = parse("mysql://root@127.0.0.1/library");
        assert_eq!(url.backend(), Backend::Mysql);
        let server = url.server().expect("a server URL");
        assert_eq!(
            (
                server.scheme(),
                server.host(),
                server.port(),
                server.user(),
                server.database()
            ),
            ("mysql", "127.0.0.1", 3306, "root", Some("library"))
        );
        assert!(!server.has_password());

        let url = parse("postgresql://app:pw@db.example.com:6543/shop");
        assert_eq!(url.backend(), Backend::Postgres);
        let server = url.server().expect("a server URL");
        assert_eq!(
            (server.host(), server.port(), server.user()),
            ("db.example.com", 6543, "app")
        );
        assert_eq!(server.password(), Some("pw"));

        let url = parse("postgres://localhost");
        let server = url.server().expect("a server URL");
        assert_eq!(
            (server.port(), server.user(), server.database()),
            (5432, "postgres", None)
        );

        assert_eq!(parse("mariadb://u@h/d").backend(), Backend::Mysql);
        assert_eq!(parse("MySQL://u@h/d").backend(), Backend::Mysql);
        assert_eq!(
            parse("mysql://u@[::1]:3307/d").to_string(),
            "mysql://u@[::1]:3307/d"
        );
    }

    #[test]
    fn decodes_percent_encoded_credentials() {
        let url = parse("mysql://us%65r:p%40ss%2Fw0rd@host/my%20db");
        let server = url.server().expect("a server URL");
        assert_eq!(server.user(), "user");
        assert_eq!(server.password(), Some("p@ss/w0rd"));
        assert_eq!(server.database(), Some("my db"));
    }

    #[test]
    fn parses_sqlite_forms_and_plain_paths() {
        assert_eq!(
            parse("sqlite://data/app.db").target(),
            &Target::SqliteFile("data/app.db".into())
        );
        assert_eq!(
            parse("sqlite:///var/app.db").target(),
            &Target::SqliteFile("/var/app.db".into())
        );
        assert_eq!(
            parse("sqlite:app.db").target(),
            &Target::SqliteFile("app.db".into())
        );
        assert_eq!(parse("sqlite::memory:").target(), &Target::SqliteMemory);
        assert_eq!(parse("sqlite://:memory:").target(), &Target::SqliteMemory);
        assert_eq!(
            parse("library.sqlite3").target(),
            &Target::SqliteFile("library.sqlite3".into())
        );
        assert_eq!(parse("./dir/x.db").backend(), Backend::Sqlite);
        assert_eq!(parse("C:\\data\\x.db").backend(), Backend::Sqlite);
        assert_eq!(
            parse("sqlite://dbkit.sqlite3").to_string(),
            "sqlite://dbkit.sqlite3"
        );
        assert_eq!(parse("sqlite::memory:").to_string(), "sqlite::memory:");
        assert_eq!(
            DatabaseUrl::default_sqlite(Path::new("")).to_string(),
            "sqlite://dbkit.sqlite3"
        );
    }

    #[test]
    fn display_and_debug_mask_the_password() {
        let url = parse("mysql://root:hunter2@host/db");
        assert_eq!(url.to_string(), "mysql://root:***@host:3306/db");
        assert!(!format!("{url:?}").contains("hunter2"));
        assert!(!format!("{:?}", url.server()).contains("hunter2"));
        let url = parse("postgres://p%40ss:s%40cret@host:5433/db");
        assert_eq!(url.to_string(), "postgres://p@ss:***@host:5433/db");
        assert!(!format!("{url:?}").contains("cret"));
    }

    #[test]
    fn rejects_bad_urls_with_help_and_no_password() {
        let message = error("mysq://root:hunter2@host/db");
        assert!(message.contains("unknown scheme \"mysq://\""), "{message}");
        assert!(message.contains("did you mean \"mysql://\"?"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");

        let message = error("postgres://root:hunter2@host:99999/db");
        assert!(
            message.contains("postgres://root:***@host:99999/db"),
            "{message}"
        );
        assert!(message.contains("the port must be a number"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");

        let message = error("mysql://root:hunter2@/db");
        assert!(message.contains("names no host"), "{message}");
        assert!(!message.contains("hunter2"), "{message}");

        assert!(error("mysql://h/db?ssl=true").contains("query parameters"));
        assert!(error("mysql://h/a/b").contains("not a database name"));
        assert!(error("   ").contains("empty"));
        assert!(error("sqlite://").contains("names no file"));
        assert!(error("mysql://u:%zz@h/d").contains("hexadecimal"));
    }
}
