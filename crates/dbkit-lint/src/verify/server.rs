//! Which database server verify talks to, and its version.

use std::fmt;

use dbkit_db::{Backend, Connection, DbError};

/// The database software.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Product {
    MariaDb,
    MySql,
    Postgres,
    Sqlite,
}

/// The server and its version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Server {
    pub(crate) product: Product,
    /// Major, minor and patch number (missing parts are 0).
    pub(crate) version: (u32, u32, u32),
    /// The version as the server reports it.
    pub(crate) raw: String,
}

impl Server {
    /// Asks the server behind `connection` what it is.
    pub(crate) fn detect(connection: &mut Connection) -> Result<Server, DbError> {
        let sql = match connection.backend() {
            Backend::Mysql => "SELECT VERSION()",
            Backend::Postgres => "SHOW server_version",
            Backend::Sqlite => "SELECT sqlite_version()",
        };
        let raw = connection
            .query_rows(sql)?
            .into_iter()
            .next()
            .and_then(|row| row.into_iter().next().flatten())
            .unwrap_or_default();
        Ok(Server::from_version(connection.backend(), &raw))
    }

    /// The server a backend and its version text describe.
    pub(crate) fn from_version(backend: Backend, raw: &str) -> Server {
        let product = match backend {
            Backend::Mysql if raw.to_ascii_lowercase().contains("mariadb") => Product::MariaDb,
            Backend::Mysql => Product::MySql,
            Backend::Postgres => Product::Postgres,
            Backend::Sqlite => Product::Sqlite,
        };
        Server {
            product,
            version: version_numbers(raw),
            raw: raw.trim().to_string(),
        }
    }

    /// Whether the server enforces CHECK constraints at all (MariaDB 10.2.1 and MySQL 8.0.16
    /// were the first; before them the clause is read and ignored).
    pub(crate) fn enforces_checks(&self) -> bool {
        match self.product {
            Product::MariaDb => self.version >= (10, 2, 1),
            Product::MySql => self.version >= (8, 0, 16),
            Product::Postgres | Product::Sqlite => true,
        }
    }

    /// The first version of this product that enforces CHECK constraints, as text.
    pub(crate) fn first_checking_version(&self) -> Option<&'static str> {
        match self.product {
            Product::MariaDb => Some("10.2.1"),
            Product::MySql => Some("8.0.16"),
            Product::Postgres | Product::Sqlite => None,
        }
    }

    /// The product's name.
    pub(crate) fn name(&self) -> &'static str {
        match self.product {
            Product::MariaDb => "MariaDB",
            Product::MySql => "MySQL",
            Product::Postgres => "PostgreSQL",
            Product::Sqlite => "SQLite",
        }
    }
}

impl fmt::Display for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (major, minor, patch) = self.version;
        match self.product {
            // PostgreSQL 10 and later number releases major.minor.
            Product::Postgres if major >= 10 => write!(f, "{} {major}.{minor}", self.name()),
            _ => write!(f, "{} {major}.{minor}.{patch}", self.name()),
        }
    }
}

/// The leading `major.minor.patch` of a version text such as `10.11.6-MariaDB-0+deb12u1` or
/// `15.4 (Debian 15.4-2)`.
fn version_numbers(raw: &str) -> (u32, u32, u32) {
    let leading: String = raw
        .trim()
        .chars()
        .take_while(|character| character.is_ascii_digit() || *character == '.')
        .collect();
    let mut parts = leading
        .split('.')
        .map(|part| part.parse::<u32>().unwrap_or(0));
    (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_product_and_version_from_the_version_text() {
        let mariadb = Server::from_version(Backend::Mysql, "10.11.6-MariaDB-0+deb12u1");
        assert_eq!(mariadb.product, Product::MariaDb);
        assert_eq!(mariadb.version, (10, 11, 6));
        assert_eq!(mariadb.to_string(), "MariaDB 10.11.6");
        let mysql = Server::from_version(Backend::Mysql, "8.0.36-0ubuntu0.22.04.1");
        assert_eq!((mysql.product, mysql.version), (Product::MySql, (8, 0, 36)));
        let postgres = Server::from_version(Backend::Postgres, "15.4 (Debian 15.4-2.pgdg120+1)");
        assert_eq!(postgres.to_string(), "PostgreSQL 15.4");
        let sqlite = Server::from_version(Backend::Sqlite, "3.46.0");
        assert_eq!(sqlite.to_string(), "SQLite 3.46.0");
    }

    #[test]
    fn check_constraints_are_enforced_from_mariadb_10_2_1_and_mysql_8_0_16() {
        let enforces = |backend, raw| Server::from_version(backend, raw).enforces_checks();
        assert!(!enforces(Backend::Mysql, "10.1.48-MariaDB"));
        assert!(!enforces(Backend::Mysql, "10.2.0-MariaDB"));
        assert!(enforces(Backend::Mysql, "10.2.1-MariaDB"));
        assert!(enforces(Backend::Mysql, "10.4.32-MariaDB"));
        assert!(!enforces(Backend::Mysql, "5.7.44"));
        assert!(!enforces(Backend::Mysql, "8.0.15"));
        assert!(enforces(Backend::Mysql, "8.0.16"));
        assert!(enforces(Backend::Postgres, "9.6.24"));
        assert!(enforces(Backend::Sqlite, "3.7.0"));
    }
}
