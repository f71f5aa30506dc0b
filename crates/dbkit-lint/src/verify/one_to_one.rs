//! One-to-one relationships are one-to-one: a foreign key that `schema.toml` makes unique (a
//! member's card), or that reads as one-to-one by its comment or name (as lint's DBK004 tells),
//! has a unique key in the database and at most one row per referenced row.

use dbkit_model::{ForeignKey, naming};

use super::duplicates::{duplicated_values, enforced, unique_keys};
use super::live::Live;
use super::report::{Check, CheckKind, plural};
use super::sql;
use crate::facts::one_to_one_hint;

const KIND: CheckKind = CheckKind::OneToOne;

/// A foreign key meant to be one-to-one.
struct OneToOne {
    table: String,
    key: ForeignKey,
    /// Whether `schema.toml` makes it unique (rather than only hinting at one-to-one).
    declared: bool,
    /// The name of the unique key that makes it one-to-one.
    unique_name: String,
}

/// The items for every one-to-one foreign key whose table and columns the database has.
pub(crate) fn check(live: &mut Live<'_>) -> Vec<Check> {
    let relationships: Vec<OneToOne> = live
        .design
        .tables
        .iter()
        .flat_map(|table| {
            table.foreign_keys.iter().filter_map(move |key| {
                let declared = table.has_unique_key(&key.columns);
                let unique_name = unique_keys(table)
                    .into_iter()
                    .find(|unique| {
                        unique.columns.len() == key.columns.len()
                            && unique
                                .columns
                                .iter()
                                .all(|column| key.columns.contains(column))
                    })
                    .map(|unique| unique.name)
                    .unwrap_or_else(|| naming::unique_name(&table.name, &key.columns));
                (declared || one_to_one_hint(table, key).is_some()).then(|| OneToOne {
                    table: table.name.clone(),
                    key: key.clone(),
                    declared,
                    unique_name,
                })
            })
        })
        .filter(|relationship| live.has_columns(&relationship.table, &relationship.key.columns))
        .collect();
    let mut checks = Vec::new();
    let mut holding = Vec::new();
    for relationship in &relationships {
        let OneToOne {
            table,
            key,
            declared,
            unique_name,
        } = relationship;
        let subject = format!("{table}.{}", key.name);
        let arrow = format!(
            "{table}.{} → {}",
            key.columns.join(", "),
            key.referenced_table
        );
        let (count, sample) = match duplicated_values(live, table, &key.columns) {
            Ok(found) => found,
            Err(error) => {
                checks.push(Check::not_checked(
                    KIND,
                    subject,
                    &format!("{arrow} for duplicates"),
                    &error,
                ));
                continue;
            }
        };
        let is_enforced = enforced(live, table, &key.columns);
        let add = sql::add_unique(live.backend, table, unique_name, &key.columns);
        if count > 0 {
            checks.push(
                Check::fail(
                    KIND,
                    subject,
                    format!(
                        "{arrow} is meant to be one-to-one, but {} {} more than one {table} row",
                        plural(usize::try_from(count).unwrap_or(usize::MAX), &format!("{} row", key.referenced_table)),
                        if count == 1 { "has" } else { "have" }
                    ),
                    if is_enforced {
                        "the rows got in before the unique key was added".to_string()
                    } else {
                        format!("the database has no unique key on {table} ({}), so nothing keeps it one-to-one", key.columns.join(", "))
                    },
                    format!("keep one {table} row per {} row, then: {add}", key.referenced_table),
                )
                .with_details(sample),
            );
        } else if !is_enforced {
            let message = format!(
                "{arrow} is meant to be one-to-one, but the database does not make {table} ({}) unique",
                key.columns.join(", ")
            );
            let reason =
                "it holds one row per referenced row today only because nobody added a second";
            checks.push(if *declared {
                Check::fail(KIND, subject, message, reason, add)
            } else {
                Check::warn(
                    KIND,
                    subject,
                    message,
                    reason,
                    format!("declare it unique in schema.toml, and: {add}"),
                )
            });
        } else {
            holding.push(arrow);
        }
    }
    if checks.is_empty() {
        checks.push(
            Check::pass(
                KIND,
                if relationships.is_empty() {
                    "schema.toml has no one-to-one relationships".to_string()
                } else {
                    format!(
                        "{} unique in the database, with at most one row per referenced row",
                        plural(relationships.len(), "one-to-one relationship")
                            + if relationships.len() == 1 {
                                " is"
                            } else {
                                " are"
                            }
                    )
                },
            )
            .with_details(holding),
        );
    }
    checks
}
