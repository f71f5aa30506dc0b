//! The SQL verify runs and suggests, spelled for each database.

use dbkit_db::Backend;
use dbkit_model::{CheckConstraint, ForeignKey};

/// `name` quoted as an identifier: `` `name` `` on MySQL/MariaDB, `"name"` elsewhere.
pub(crate) fn quote(backend: Backend, name: &str) -> String {
    match backend {
        Backend::Mysql => format!("`{}`", name.replace('`', "``")),
        Backend::Postgres | Backend::Sqlite => format!("\"{}\"", name.replace('"', "\"\"")),
    }
}

/// `columns` quoted and joined with `, `, each prefixed with `alias.` when given.
pub(crate) fn column_list(backend: Backend, alias: Option<&str>, columns: &[String]) -> String {
    columns
        .iter()
        .map(|column| match alias {
            Some(alias) => format!("{alias}.{}", quote(backend, column)),
            None => quote(backend, column),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `a IS NOT NULL AND b IS NOT NULL`, each column prefixed with `alias.` when given.
pub(crate) fn all_not_null(backend: Backend, alias: Option<&str>, columns: &[String]) -> String {
    columns
        .iter()
        .map(|column| match alias {
            Some(alias) => format!("{alias}.{} IS NOT NULL", quote(backend, column)),
            None => format!("{} IS NOT NULL", quote(backend, column)),
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// `columns = values` for people: `member_id = 7`, `(a, b) = (1, 2)`.
pub(crate) fn show_values(columns: &[String], values: &[Option<String>]) -> String {
    let shown: Vec<String> = values
        .iter()
        .map(|value| match value {
            Some(text) => text.clone(),
            None => "NULL".to_string(),
        })
        .collect();
    if columns.len() == 1 {
        format!("{} = {}", columns.join(", "), shown.join(", "))
    } else {
        format!("({}) = ({})", columns.join(", "), shown.join(", "))
    }
}

/// The statement that adds `key` to `table`, or on SQLite (which cannot add a foreign key to a
/// table) how to get it.
pub(crate) fn add_foreign_key(backend: Backend, table: &str, key: &ForeignKey) -> String {
    if backend == Backend::Sqlite {
        return rebuild_table(table, &format!("foreign key {}", key.name));
    }
    let mut sql = format!(
        "ALTER TABLE {} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
        quote(backend, table),
        quote(backend, &key.name),
        column_list(backend, None, &key.columns),
        quote(backend, &key.referenced_table),
        column_list(backend, None, &key.referenced_columns),
    );
    sql.push_str(&format!(" ON DELETE {}", key.on_delete.sql()));
    sql.push_str(&format!(" ON UPDATE {};", key.on_update.sql()));
    sql
}

/// The statement that adds a unique constraint.
pub(crate) fn add_unique(backend: Backend, table: &str, name: &str, columns: &[String]) -> String {
    match backend {
        Backend::Sqlite => format!(
            "CREATE UNIQUE INDEX {} ON {} ({});",
            quote(backend, name),
            quote(backend, table),
            column_list(backend, None, columns)
        ),
        Backend::Mysql | Backend::Postgres => format!(
            "ALTER TABLE {} ADD CONSTRAINT {} UNIQUE ({});",
            quote(backend, table),
            quote(backend, name),
            column_list(backend, None, columns)
        ),
    }
}

/// The statement that adds a CHECK constraint, or on SQLite how to get it.
pub(crate) fn add_check(backend: Backend, table: &str, check: &CheckConstraint) -> String {
    if backend == Backend::Sqlite {
        return rebuild_table(table, &format!("check {}", check.name));
    }
    format!(
        "ALTER TABLE {} ADD CONSTRAINT {} CHECK ({});",
        quote(backend, table),
        quote(backend, &check.name),
        check.expression
    )
}

/// How to give a SQLite table a constraint it lacks: SQLite cannot add one to an existing table.
fn rebuild_table(table: &str, what: &str) -> String {
    format!(
        "SQLite cannot add a {what} to an existing table: rebuild {table} (create a new table as \
         dbkit build writes it, copy the rows over with INSERT INTO ... SELECT, drop the old table \
         and rename the new one), with PRAGMA foreign_keys = OFF during the rebuild and \
         PRAGMA foreign_key_check before turning it on again"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use dbkit_model::ReferentialAction;

    #[test]
    fn quotes_identifiers_for_each_database() {
        assert_eq!(quote(Backend::Mysql, "a`b"), "`a``b`");
        assert_eq!(quote(Backend::Postgres, "a\"b"), "\"a\"\"b\"");
        assert_eq!(
            column_list(
                Backend::Sqlite,
                Some("c"),
                &["x".to_string(), "y".to_string()]
            ),
            "c.\"x\", c.\"y\""
        );
    }

    #[test]
    fn writes_the_statement_that_adds_a_missing_foreign_key() {
        let key = ForeignKey {
            name: "fk_loans_member_id".to_string(),
            columns: vec!["member_id".to_string()],
            referenced_table: "members".to_string(),
            referenced_columns: vec!["id".to_string()],
            on_delete: ReferentialAction::Restrict,
            on_update: ReferentialAction::Cascade,
        };
        assert_eq!(
            add_foreign_key(Backend::Mysql, "loans", &key),
            "ALTER TABLE `loans` ADD CONSTRAINT `fk_loans_member_id` FOREIGN KEY (`member_id`) \
             REFERENCES `members` (`id`) ON DELETE RESTRICT ON UPDATE CASCADE;"
        );
        assert!(add_foreign_key(Backend::Sqlite, "loans", &key).starts_with("SQLite cannot add"));
    }

    #[test]
    fn shows_key_values_for_people() {
        assert_eq!(
            show_values(&["member_id".to_string()], &[Some("7".to_string())]),
            "member_id = 7"
        );
        assert_eq!(
            show_values(
                &["a".to_string(), "b".to_string()],
                &[Some("1".to_string()), None]
            ),
            "(a, b) = (1, NULL)"
        );
    }
}
