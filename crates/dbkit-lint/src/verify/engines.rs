//! MySQL/MariaDB: every table uses a storage engine that enforces foreign keys, and the server
//! does not switch foreign-key checks off.
//!
//! Only InnoDB (and NDB Cluster) enforce foreign keys. MyISAM, Aria, MEMORY and the other
//! engines read a `FOREIGN KEY` clause and throw it away without a word, so a table created or
//! converted with one of them has no foreign keys at all.

use super::live::Live;
use super::report::{Check, CheckKind};

const KIND: CheckKind = CheckKind::ForeignKeyEnforcement;

/// The engines that enforce foreign keys, lower case.
const ENFORCING_ENGINES: &[&str] = &["innodb", "ndbcluster", "ndb"];

/// The checks of the storage engines and of `foreign_key_checks`.
pub(crate) fn check(live: &mut Live<'_>) -> Vec<Check> {
    let mut checks = Vec::new();
    let rows = match live.rows(
        "SELECT TABLE_NAME, ENGINE FROM information_schema.TABLES \
         WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME",
    ) {
        Ok(rows) => rows,
        Err(error) => {
            return vec![Check::not_checked(
                KIND,
                "tables",
                "the storage engines",
                &error,
            )];
        }
    };
    let mut enforcing = 0;
    for row in &rows {
        let (Some(Some(table)), Some(engine)) = (row.first(), row.get(1)) else {
            continue;
        };
        let engine = engine.clone().unwrap_or_else(|| "(none)".to_string());
        if ENFORCING_ENGINES.contains(&engine.to_ascii_lowercase().as_str()) {
            enforcing += 1;
            continue;
        }
        checks.push(engine_check(live, table, &engine));
    }
    checks.extend(server_settings(live));
    if checks.is_empty() {
        checks.push(Check::pass(
            KIND,
            format!(
                "all {enforcing} table{} use InnoDB, which enforces foreign keys, and foreign_key_checks is on",
                if enforcing == 1 { "" } else { "s" }
            ),
        ));
    }
    checks
}

/// The item for a table whose engine ignores foreign keys: a failure when a foreign key of
/// `schema.toml` starts or ends at it, a warning otherwise.
fn engine_check(live: &Live<'_>, table: &str, engine: &str) -> Check {
    let own: Vec<&str> = live
        .design
        .table(table)
        .map(|design| {
            design
                .foreign_keys
                .iter()
                .map(|key| key.name.as_str())
                .collect()
        })
        .unwrap_or_default();
    let referencing: Vec<String> = live
        .design
        .tables
        .iter()
        .flat_map(|other| {
            other
                .foreign_keys
                .iter()
                .filter(|key| key.referenced_table == table && other.name != table)
                .map(move |key| format!("{}.{}", other.name, key.name))
        })
        .collect();
    let message = format!("{table} uses the {engine} engine, which ignores foreign keys");
    let alter = format!("ALTER TABLE {} ENGINE=InnoDB;", live.quote(table));
    if own.is_empty() && referencing.is_empty() {
        return Check::warn(
            KIND,
            table,
            message,
            format!(
                "no foreign key of schema.toml involves {table}, but {engine} also has no \
                 transactions and no crash recovery"
            ),
            alter,
        );
    }
    let mut involved = Vec::new();
    if !own.is_empty() {
        involved.push(format!("its own foreign keys ({})", own.join(", ")));
    }
    if !referencing.is_empty() {
        involved.push(format!(
            "the foreign keys that reference it ({})",
            referencing.join(", ")
        ));
    }
    Check::fail(
        KIND,
        table,
        message,
        format!(
            "{engine} reads FOREIGN KEY clauses and throws them away without a word, so {} are \
             not enforced: rows may reference rows that do not exist",
            involved.join(" and ")
        ),
        format!(
            "{alter} then add the missing foreign keys back (see \"{}\") once no orphan rows are left",
            CheckKind::ConstraintsExist.title()
        ),
    )
}

/// `foreign_key_checks` for new sessions, and the engine new tables get by default.
fn server_settings(live: &mut Live<'_>) -> Vec<Check> {
    let mut checks = Vec::new();
    let rows = live.rows("SELECT @@GLOBAL.foreign_key_checks, @@GLOBAL.default_storage_engine");
    let Ok(rows) = rows else {
        return checks;
    };
    let Some(row) = rows.first() else {
        return checks;
    };
    let global_checks = row.first().cloned().flatten().unwrap_or_default();
    if global_checks.trim() == "0" {
        checks.push(Check::fail(
            KIND,
            "server",
            "the server switches foreign-key checks off for every new session (@@GLOBAL.foreign_key_checks = 0)",
            "sessions that do not turn them on again can insert, update and delete without any \
             foreign key being checked",
            "SET GLOBAL foreign_key_checks = 1; and remove foreign_key_checks = 0 from the server's \
             configuration file (my.cnf or my.ini)",
        ));
    }
    let default_engine = row.get(1).cloned().flatten().unwrap_or_default();
    if !default_engine.is_empty()
        && !ENFORCING_ENGINES.contains(&default_engine.to_ascii_lowercase().as_str())
    {
        checks.push(Check::warn(
            KIND,
            "server",
            format!("new tables get the {default_engine} engine by default (@@GLOBAL.default_storage_engine)"),
            "dbkit's scripts name ENGINE=InnoDB for every table, but tables created any other way \
             get an engine that ignores foreign keys",
            "set default_storage_engine = InnoDB in the [mysqld] section of my.cnf or my.ini and \
             restart the server",
        ));
    }
    checks
}
