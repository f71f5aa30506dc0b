//! PostgreSQL: foreign keys are enforced by internal triggers, which `ALTER TABLE ... DISABLE
//! TRIGGER ALL` switches off, and which do not fire in sessions whose
//! `session_replication_role` is `replica`. A constraint added `NOT VALID` was never checked
//! against the rows that existed before it.

use super::live::Live;
use super::report::{Check, CheckKind};

const KIND: CheckKind = CheckKind::ForeignKeyEnforcement;

/// The checks of foreign-key triggers, unvalidated constraints and the replication role.
pub(crate) fn check(live: &mut Live<'_>) -> Vec<Check> {
    let mut checks = Vec::new();
    match live.rows(
        "SELECT DISTINCT owner.relname, cl.relname, con.conname FROM pg_catalog.pg_trigger AS t \
         JOIN pg_catalog.pg_class AS owner ON owner.oid = t.tgrelid \
         JOIN pg_catalog.pg_constraint AS con ON con.oid = t.tgconstraint \
         JOIN pg_catalog.pg_class AS cl ON cl.oid = con.conrelid \
         JOIN pg_catalog.pg_namespace AS n ON n.oid = owner.relnamespace \
         WHERE con.contype = 'f' AND t.tgenabled = 'D' AND n.nspname = current_schema() \
         ORDER BY 1, 2, 3",
    ) {
        Ok(rows) => checks.extend(disabled_triggers(live, &rows)),
        Err(error) => checks.push(Check::not_checked(
            KIND,
            "triggers",
            "the foreign-key triggers",
            &error,
        )),
    }
    match live.rows(
        "SELECT cl.relname, con.conname FROM pg_catalog.pg_constraint AS con \
         JOIN pg_catalog.pg_class AS cl ON cl.oid = con.conrelid \
         JOIN pg_catalog.pg_namespace AS n ON n.oid = cl.relnamespace \
         WHERE con.contype IN ('f', 'c') AND NOT con.convalidated AND n.nspname = current_schema() \
         ORDER BY 1, 2",
    ) {
        Ok(rows) => {
            for (table, name) in pairs(&rows) {
                checks.push(Check::warn(
                    KIND,
                    format!("{table}.{name}"),
                    format!("the constraint {table}.{name} is NOT VALID"),
                    "it holds for new rows, but the rows that existed when it was added were never checked",
                    format!(
                        "ALTER TABLE {} VALIDATE CONSTRAINT {};",
                        live.quote(&table),
                        live.quote(&name)
                    ),
                ));
            }
        }
        Err(error) => checks.push(Check::not_checked(
            KIND,
            "constraints",
            "which constraints are validated",
            &error,
        )),
    }
    if let Ok(rows) = live.rows(
        "SELECT reset_val FROM pg_catalog.pg_settings WHERE name = 'session_replication_role'",
    ) {
        let role = rows
            .first()
            .and_then(|row| row.first())
            .cloned()
            .flatten()
            .unwrap_or_default();
        if role == "replica" {
            checks.push(Check::fail(
                KIND,
                "server",
                "new sessions start with session_replication_role = replica, which skips foreign-key checks",
                "in the replica role the triggers that check foreign keys do not fire",
                "ALTER SYSTEM RESET session_replication_role; (or remove it from postgresql.conf \
                 and from ALTER DATABASE/ROLE ... SET), then SELECT pg_reload_conf();",
            ));
        }
    }
    if checks.is_empty() {
        checks.push(Check::pass(
            KIND,
            "PostgreSQL enforces every foreign key: no foreign-key trigger is disabled and no \
             constraint is NOT VALID",
        ));
    }
    checks
}

/// The `(table, constraint)` pairs of two-column rows.
fn pairs(rows: &[Vec<Option<String>>]) -> Vec<(String, String)> {
    rows.iter()
        .filter_map(|row| match row.as_slice() {
            [Some(table), Some(name), ..] => Some((table.clone(), name.clone())),
            _ => None,
        })
        .collect()
}

/// One failure per table whose foreign-key triggers are disabled, from rows of (trigger
/// table, constraint table, constraint name).
fn disabled_triggers(live: &Live<'_>, rows: &[Vec<Option<String>>]) -> Vec<Check> {
    let mut by_table: Vec<(String, Vec<String>)> = Vec::new();
    for row in rows {
        let [Some(owner), Some(table), Some(name), ..] = row.as_slice() else {
            continue;
        };
        let key = format!("{table}.{name}");
        match by_table.iter_mut().find(|(existing, _)| existing == owner) {
            Some((_, keys)) => keys.push(key),
            None => by_table.push((owner.clone(), vec![key])),
        }
    }
    by_table
        .into_iter()
        .map(|(owner, keys)| {
            Check::fail(
                KIND,
                owner.clone(),
                format!(
                    "the triggers of {owner} are disabled, which switches off {} {}",
                    if keys.len() == 1 {
                        "the foreign key"
                    } else {
                        "the foreign keys"
                    },
                    keys.join(", ")
                ),
                "PostgreSQL checks foreign keys with internal triggers on both tables of each key \
                 (the referencing table for new rows, the referenced one for deletes and updates); \
                 while they are disabled, rows may reference rows that do not exist",
                format!(
                    "ALTER TABLE {} ENABLE TRIGGER ALL; then look for orphan rows (below)",
                    live.quote(&owner)
                ),
            )
        })
        .collect()
}
