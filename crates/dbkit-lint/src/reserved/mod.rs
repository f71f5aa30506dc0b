//! Reserved words of the built-in dialects: an identifier on one of these lists must be quoted
//! in every hand-written statement, or the statement fails to parse.
//!
//! The lists are kept here, small and explicit, from each database's manual:
//! MySQL 8.0 "Keywords and Reserved Words" (the words marked (R)), PostgreSQL "SQL Key Words"
//! (Appendix C, the words marked reserved in the PostgreSQL column, including "reserved (can be
//! function or type)"), and SQLite "SQL As Understood By SQLite: SQL Keywords" (every keyword:
//! the manual asks for any keyword used as a name to be quoted).

mod mysql;
mod postgres;
mod sqlite;

use serde::Serialize;

/// A dialect built into dbkit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BuiltInDialect {
    /// MySQL 8 and MariaDB.
    Mysql,
    /// PostgreSQL.
    Postgres,
    /// SQLite.
    Sqlite,
}

impl BuiltInDialect {
    /// Every built-in dialect.
    pub const ALL: [BuiltInDialect; 3] = [
        BuiltInDialect::Mysql,
        BuiltInDialect::Postgres,
        BuiltInDialect::Sqlite,
    ];

    /// The dialect's name in `[project] dialects`.
    pub fn name(self) -> &'static str {
        match self {
            BuiltInDialect::Mysql => "mysql",
            BuiltInDialect::Postgres => "postgres",
            BuiltInDialect::Sqlite => "sqlite",
        }
    }

    /// The database's name for people.
    pub fn title(self) -> &'static str {
        match self {
            BuiltInDialect::Mysql => "MySQL",
            BuiltInDialect::Postgres => "PostgreSQL",
            BuiltInDialect::Sqlite => "SQLite",
        }
    }

    /// The dialect's reserved words, in upper case and alphabetical order.
    pub fn reserved_words(self) -> &'static [&'static str] {
        match self {
            BuiltInDialect::Mysql => mysql::RESERVED,
            BuiltInDialect::Postgres => postgres::RESERVED,
            BuiltInDialect::Sqlite => sqlite::KEYWORDS,
        }
    }

    /// Whether `identifier` is reserved in this dialect (ignoring letter case).
    pub fn is_reserved(self, identifier: &str) -> bool {
        let upper = identifier.to_ascii_uppercase();
        self.reserved_words().binary_search(&upper.as_str()).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_upper_case_and_free_of_repeats() {
        for dialect in BuiltInDialect::ALL {
            let words = dialect.reserved_words();
            for pair in words.windows(2) {
                assert!(
                    pair[0] < pair[1],
                    "{}: {} then {}",
                    dialect.title(),
                    pair[0],
                    pair[1]
                );
            }
            for word in words {
                assert_eq!(*word, word.to_ascii_uppercase());
            }
        }
    }

    #[test]
    fn knows_the_words_that_break_queries() {
        assert!(BuiltInDialect::Mysql.is_reserved("condition"));
        assert!(BuiltInDialect::Mysql.is_reserved("Rank"));
        assert!(!BuiltInDialect::Mysql.is_reserved("name"));
        assert!(BuiltInDialect::Postgres.is_reserved("user"));
        assert!(!BuiltInDialect::Postgres.is_reserved("condition"));
        assert!(BuiltInDialect::Sqlite.is_reserved("order"));
        assert!(!BuiltInDialect::Sqlite.is_reserved("position"));
    }
}
