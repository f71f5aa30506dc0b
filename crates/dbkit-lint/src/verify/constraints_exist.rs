//! Every foreign key, unique constraint and CHECK of `schema.toml` exists in the database, by
//! name and columns.
//!
//! A constraint found under another name but on the same columns still holds, so it is a
//! warning (migrations look for it by its name); one missing, or with the name on other
//! columns, is a failure. Tables missing altogether are reported under drift.

use dbkit_model::{ForeignKey, Table};

use super::live::Live;
use super::report::{Check, CheckKind, plural};
use super::sql;

const KIND: CheckKind = CheckKind::ConstraintsExist;

/// The items for every constraint of every `schema.toml` table the database has.
pub(crate) fn check(live: &Live<'_>) -> Vec<Check> {
    let mut checks = Vec::new();
    let (mut foreign_keys, mut uniques, mut check_count) = (0, 0, 0);
    for design in &live.design.tables {
        let Some(table) = live.table(&design.name) else {
            continue;
        };
        for key in &design.foreign_keys {
            foreign_keys += 1;
            checks.extend(foreign_key(live, design, table, key));
        }
        for (name, columns) in unique_keys(design) {
            uniques += 1;
            checks.extend(unique(live, design, table, name, columns));
        }
        for constraint in &design.checks {
            check_count += 1;
            if !table.checks.iter().any(|live| live.name == constraint.name) {
                checks.push(Check::fail(
                    KIND,
                    format!("{}.{}", design.name, constraint.name),
                    format!(
                        "{}: the CHECK {} ({}) is missing",
                        design.name, constraint.name, constraint.expression
                    ),
                    "rows that break the rule are accepted",
                    sql::add_check(live.backend, &design.name, constraint),
                ));
            }
        }
    }
    if checks
        .iter()
        .all(|check| check.status != super::Status::Fail)
    {
        checks.insert(
            0,
            Check::pass(
                KIND,
                format!(
                    "{}, {} and {} of schema.toml exist in the database",
                    plural(foreign_keys, "foreign key"),
                    plural(uniques, "unique constraint"),
                    plural(check_count, "CHECK constraint")
                ),
            ),
        );
    }
    checks
}

/// The unique constraints and unique indexes of a table, by name.
fn unique_keys(table: &Table) -> Vec<(&str, &[String])> {
    table
        .unique_constraints
        .iter()
        .map(|key| (key.name.as_str(), key.columns.as_slice()))
        .chain(
            table
                .indexes
                .iter()
                .filter(|index| index.unique)
                .map(|index| (index.name.as_str(), index.columns.as_slice())),
        )
        .collect()
}

fn same_columns(left: &[String], right: &[String]) -> bool {
    left.len() == right.len() && left.iter().all(|column| right.contains(column))
}

/// The item for one foreign key, if it is not there as designed.
fn foreign_key(live: &Live<'_>, design: &Table, table: &Table, key: &ForeignKey) -> Option<Check> {
    let subject = format!("{}.{}", design.name, key.name);
    let shape = |found: &ForeignKey| {
        found.columns == key.columns
            && found.referenced_table == key.referenced_table
            && found.referenced_columns == key.referenced_columns
    };
    let describe = |found: &ForeignKey| {
        format!(
            "({}) → {} ({})",
            found.columns.join(", "),
            found.referenced_table,
            found.referenced_columns.join(", ")
        )
    };
    let add = sql::add_foreign_key(live.backend, &design.name, key);
    if let Some(found) = table
        .foreign_keys
        .iter()
        .find(|found| found.name == key.name)
    {
        if shape(found) {
            return None;
        }
        return Some(Check::fail(
            KIND,
            subject,
            format!(
                "{}: the foreign key {} is {} in the database, not {} as in schema.toml",
                design.name,
                key.name,
                describe(found),
                describe(key)
            ),
            "the database checks other columns than the design says",
            format!(
                "drop the foreign key {} and add it as designed: {add}",
                key.name
            ),
        ));
    }
    if let Some(found) = table.foreign_keys.iter().find(|found| shape(found)) {
        return Some(Check::warn(
            KIND,
            subject,
            format!(
                "{}: the foreign key {} {} exists under the name {}",
                design.name,
                key.name,
                describe(key),
                found.name
            ),
            "it is enforced, but changes that name the key (migrations, error messages you match on) will not find it",
            format!(
                "rename it to {} (drop it and add it again), or use the database's name in schema.toml",
                key.name
            ),
        ));
    }
    Some(Check::fail(
        KIND,
        subject,
        format!(
            "{}: the foreign key {} {} is missing",
            design.name,
            key.name,
            describe(key)
        ),
        format!(
            "nothing stops {} rows that reference {} rows that do not exist",
            design.name, key.referenced_table
        ),
        format!(
            "remove any orphan rows (see \"{}\"), then: {add}",
            CheckKind::Orphans.title()
        ),
    ))
}

/// The item for one unique constraint or unique index, if it is not there as designed.
fn unique(
    live: &Live<'_>,
    design: &Table,
    table: &Table,
    name: &str,
    columns: &[String],
) -> Option<Check> {
    let subject = format!("{}.{name}", design.name);
    let live_keys: Vec<(&str, &[String])> = unique_keys(table)
        .into_iter()
        .chain(
            table
                .primary_key
                .iter()
                .map(|key| (key.name.as_str(), key.columns.as_slice())),
        )
        .collect();
    let add = sql::add_unique(live.backend, &design.name, name, columns);
    let shown = columns.join(", ");
    if let Some((_, found)) = live_keys.iter().find(|(found, _)| *found == name) {
        if same_columns(found, columns) {
            return None;
        }
        return Some(Check::fail(
            KIND,
            subject,
            format!(
                "{}: the unique constraint {name} is on ({}) in the database, not ({shown}) as in schema.toml",
                design.name,
                found.join(", ")
            ),
            format!("({shown}) may hold the same value twice"),
            format!("drop {name} and add it as designed: {add}"),
        ));
    }
    if let Some((found, _)) = live_keys
        .iter()
        .find(|(_, found)| same_columns(found, columns))
    {
        return Some(Check::warn(
            KIND,
            subject,
            format!(
                "{}: the unique constraint {name} ({shown}) exists under the name {found}",
                design.name
            ),
            "it is enforced, but changes that name it (migrations, error messages you match on) will not find it",
            format!("rename it to {name}, or use the database's name in schema.toml"),
        ));
    }
    Some(Check::fail(
        KIND,
        subject,
        format!(
            "{}: the unique constraint {name} ({shown}) is missing",
            design.name
        ),
        format!(
            "nothing stops two {} rows with the same ({shown})",
            design.name
        ),
        format!(
            "remove any duplicates (see \"{}\"), then: {add}",
            CheckKind::Duplicates.title()
        ),
    ))
}
