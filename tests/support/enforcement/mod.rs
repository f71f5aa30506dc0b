//! Whether a database really enforces a model: checked by walking the model, for any schema.
//!
//! After the schema is built and filled ([`Filler::fill`]), every rule of every table is tried
//! with a row that breaks that one rule, and the database must refuse it for that reason; the
//! same row without the break must then be accepted, which proves that the refusal came from the
//! rule. Deleting and updating a parent row must do to its children what `on_delete` and
//! `on_update` say. And `drop.sql` must empty a filled database.

mod actions;
mod refusals;

use dbkit_model::{ColumnType, Table, naming};

use crate::Outcome;
use crate::database::Database;
use crate::filler::Filler;
use crate::fixture_rows::hand_written;
use crate::fixtures::Fixture;
use crate::rejection::RejectionKind;
use crate::value::Value;

use actions::{delete_parent, update_parent};
pub use refusals::expect_refused;
use refusals::{duplicate, orphan, refuse_changed_row, unique_keys, value_outside};

/// One kind of rule a model states, tried on every table that has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// NULL into a NOT NULL column is refused.
    NotNull,
    /// Repeating the values of a primary key, unique constraint or unique index is refused.
    Unique,
    /// A foreign key value without a parent row is refused.
    ForeignKey,
    /// A value outside an enum's list, or a boolean that is neither true nor false, is refused.
    TypeValues,
    /// Values that break a CHECK constraint are refused.
    Check,
    /// Deleting a parent row does to its children what `on_delete` says.
    OnDelete,
    /// Changing a parent row's key does to its children what `on_update` says.
    OnUpdate,
}

/// Builds `fixture` on the empty database `db`, fills it, and tries `rule` on every table.
/// Returns how many times the rule was tried and every failure found.
pub fn enforce_rule(db: &mut dyn Database, fixture: &Fixture, rule: Rule) -> (usize, Vec<String>) {
    let mut filler = Filler::new(&fixture.schema, hand_written(&fixture.name));
    if let Err(error) = build_and_fill(db, fixture, &mut filler) {
        return (0, vec![error]);
    }
    let mut tried = 0;
    let mut failures = Vec::new();
    for table_index in dbkit_model::creation_order(&fixture.schema).tables {
        let table = &fixture.schema.tables[table_index];
        for (what, outcome) in try_rule(db, &mut filler, table_index, table, rule) {
            tried += 1;
            if let Err(error) = outcome {
                failures.push(format!("{}: {}: {what}: {error}", fixture.file, table.name));
            }
        }
    }
    (tried, failures)
}

/// Tries `rule` on every fixture, each on a fresh database from `scratch`; fails with every
/// failure at once, or when no fixture has the rule at all.
pub fn enforce_rule_on_every_fixture<D: Database>(
    fixtures: &[Fixture],
    mut scratch: impl FnMut(&Fixture) -> D,
    rule: Rule,
) {
    let mut tried = 0;
    let mut failures = Vec::new();
    for fixture in fixtures {
        let mut db = scratch(fixture);
        if !fixture.targets(db.dialect()) {
            continue;
        }
        let (count, found) = enforce_rule(&mut db, fixture, rule);
        tried += count;
        failures.extend(found);
    }
    assert!(
        failures.is_empty(),
        "{} failure(s) of {rule:?}:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(tried > 0, "no fixture has a rule of kind {rule:?} to try");
}

/// `drop.sql` removes a filled database: every table with its rows, cycles included.
pub fn drops_when_filled(db: &mut dyn Database, fixture: &Fixture) -> Outcome {
    let mut filler = Filler::new(&fixture.schema, hand_written(&fixture.name));
    build_and_fill(db, fixture, &mut filler)?;
    let scripts = fixture.scripts(db.dialect());
    db.run_script(&scripts.drop.render()).map_err(|error| {
        format!(
            "{}: drop.sql failed on the filled database: {error}",
            fixture.file
        )
    })?;
    let objects = db.objects()?;
    if objects.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}: drop.sql left these objects in the filled database: {objects:?}",
            fixture.file
        ))
    }
}

fn build_and_fill(db: &mut dyn Database, fixture: &Fixture, filler: &mut Filler<'_>) -> Outcome {
    let scripts = fixture.scripts(db.dialect());
    db.run_script(&scripts.create.render())
        .map_err(|error| format!("{}: schema.sql failed: {error}", fixture.file))?;
    filler
        .fill(db)
        .map_err(|error| format!("{}: filling the tables failed: {error}", fixture.file))
}

/// Tries `rule` on one table; each entry names what was tried and how it went.
fn try_rule(
    db: &mut dyn Database,
    filler: &mut Filler<'_>,
    index: usize,
    table: &Table,
    rule: Rule,
) -> Vec<(String, Outcome)> {
    let mut outcomes = Vec::new();
    match rule {
        Rule::NotNull => {
            for column in table
                .columns
                .iter()
                .filter(|column| !column.nullable && !column.auto_increment)
            {
                outcomes.push((
                    format!("NULL into NOT NULL column {}", column.name),
                    refuse_changed_row(
                        db,
                        filler,
                        index,
                        &[(column.name.as_str(), Value::Null)],
                        &[RejectionKind::NotNull],
                        &[],
                    ),
                ));
            }
        }
        Rule::Unique => {
            for (name, columns) in unique_keys(table) {
                outcomes.push((
                    format!("duplicate of unique key {name}"),
                    duplicate(db, filler, index, table, name, columns),
                ));
            }
        }
        Rule::ForeignKey => {
            for key in &table.foreign_keys {
                outcomes.push((
                    format!("orphan for foreign key {}", key.name),
                    orphan(db, filler, index, table, key),
                ));
            }
        }
        Rule::TypeValues => {
            for column in &table.columns {
                let wrong = match &column.column_type {
                    ColumnType::Enum { values } => Some(Value::Text(value_outside(
                        values,
                        column.column_type.max_length(),
                    ))),
                    ColumnType::Boolean => Some(Value::Integer(2)),
                    _ => None,
                };
                if let Some(wrong) = wrong {
                    let check = naming::type_check_name(&table.name, &column.name);
                    outcomes.push((
                        format!("value {wrong:?} outside the type of {}", column.name),
                        refuse_changed_row(
                            db,
                            filler,
                            index,
                            &[(column.name.as_str(), wrong)],
                            &[RejectionKind::Check, RejectionKind::InvalidValue],
                            &[check.as_str()],
                        ),
                    ));
                }
            }
        }
        Rule::Check => {
            for check in &table.checks {
                let outcome = match filler
                    .hand_written()
                    .violation(&table.name, &check.name)
                    .cloned()
                {
                    Some(violation) => {
                        let names: Vec<&str> = std::iter::once(check.name.as_str())
                            .chain(violation.also_named.iter().copied())
                            .collect();
                        refuse_changed_row(
                            db,
                            filler,
                            index,
                            &violation.values,
                            &violation.refused_as,
                            &names,
                        )
                    }
                    None => Err(format!(
                        "no hand-written value breaks CHECK {} ({}); add one in tests/support/fixture_rows.rs",
                        check.name, check.expression
                    )),
                };
                outcomes.push((format!("CHECK {} violation", check.name), outcome));
            }
        }
        Rule::OnDelete => {
            for (key_index, key) in table.foreign_keys.iter().enumerate() {
                outcomes.push((
                    format!("ON DELETE {} of {}", key.on_delete.sql(), key.name),
                    delete_parent(db, filler, index, key_index, key),
                ));
            }
        }
        Rule::OnUpdate => {
            for (key_index, key) in table.foreign_keys.iter().enumerate() {
                outcomes.push((
                    format!("ON UPDATE {} of {}", key.on_update.sql(), key.name),
                    update_parent(db, filler, index, key_index, key),
                ));
            }
        }
    }
    outcomes
}
