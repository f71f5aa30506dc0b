//! Rows that break one rule, which the database must refuse for that rule.

use dbkit_model::{ForeignKey, Table};

use crate::Outcome;
use crate::database::Database;
use crate::filler::{Filler, MISSING_SEED, insert_sql};
use crate::rejection::RejectionKind;
use crate::value::Value;

/// A string that is none of `values` (ignoring letter case, as MySQL compares enum values) and
/// fits the column, so that only the list of values can refuse it.
pub(super) fn value_outside(values: &[String], max_length: Option<u32>) -> String {
    let fits = |text: &str| max_length.is_none_or(|max| text.chars().count() as u32 <= max);
    let taken = |text: &str| values.iter().any(|value| value.eq_ignore_ascii_case(text));
    ["x", "y", "z", "q", "xx", "xy", "zz", "qq", "xyz", "zzz"]
        .into_iter()
        .find(|candidate| fits(candidate) && !taken(candidate))
        .unwrap_or("?")
        .to_string()
}

/// A fresh valid row with `changes` applied must be refused with one of `kinds` (naming one of
/// `constraints` where the database names one); the row without the changes is then accepted.
pub(super) fn refuse_changed_row(
    db: &mut dyn Database,
    filler: &mut Filler<'_>,
    index: usize,
    changes: &[(&str, Value)],
    kinds: &[RejectionKind],
    constraints: &[&str],
) -> Outcome {
    let seed = filler.fresh_seed();
    let good = filler.candidate(db, index, seed, &[])?;
    let mut bad = good.clone();
    for (column, value) in changes {
        bad.insert((*column).to_string(), value.clone());
    }
    let table = &filler.schema().tables[index];
    let sql = insert_sql(db, table, &bad);
    expect_refused(db, &sql, kinds, constraints)?;
    filler.insert(db, index, seed, good).map(drop)
}

/// Runs `sql`, which must be refused with one of `kinds`, naming one of `constraints` where the
/// database names a constraint (any name when `constraints` is empty).
pub fn expect_refused(
    db: &mut dyn Database,
    sql: &str,
    kinds: &[RejectionKind],
    constraints: &[&str],
) -> Outcome {
    let expected = if constraints.is_empty() {
        format!("{kinds:?}")
    } else {
        format!("{kinds:?} on {constraints:?}")
    };
    match db.execute(sql) {
        Ok(_) => Err(format!(
            "accepted, but it must be refused ({expected})\n  SQL: {sql}"
        )),
        Err(rejection) if rejection.is(kinds, constraints) => Ok(()),
        Err(rejection) => Err(format!(
            "refused for another reason than {expected}: {rejection}\n  SQL: {sql}"
        )),
    }
}

/// The primary key, unique constraints and unique indexes of `table`, by name.
pub(super) fn unique_keys(table: &Table) -> Vec<(&str, &[String])> {
    table
        .primary_key
        .iter()
        .map(|key| (key.name.as_str(), key.columns.as_slice()))
        .chain(
            table
                .unique_constraints
                .iter()
                .map(|key| (key.name.as_str(), key.columns.as_slice())),
        )
        .chain(
            table
                .indexes
                .iter()
                .filter(|index| index.unique)
                .map(|index| (index.name.as_str(), index.columns.as_slice())),
        )
        .collect()
}

/// A fresh row that repeats the key values of a row already there must be refused.
pub(super) fn duplicate(
    db: &mut dyn Database,
    filler: &mut Filler<'_>,
    index: usize,
    table: &Table,
    name: &str,
    columns: &[String],
) -> Outcome {
    let source = filler
        .rows_of(index)
        .into_iter()
        .find(|row| {
            columns
                .iter()
                .all(|column| row.get(column).is_some_and(|value| *value != Value::Null))
        })
        .cloned()
        .ok_or_else(|| {
            format!(
                "no filled row has a value in every column of {}",
                columns.join(", ")
            )
        })?;
    let changes: Vec<(&str, Value)> = columns
        .iter()
        .map(|column| {
            (
                column.as_str(),
                source.get(column).cloned().unwrap_or(Value::Null),
            )
        })
        .collect();
    // Repeating these columns repeats every smaller unique key inside them too; the database
    // may name any of those.
    let mut names = vec![name];
    names.extend(
        unique_keys(table)
            .into_iter()
            .filter(|(_, key)| key.iter().all(|column| columns.contains(column)))
            .map(|(other, _)| other),
    );
    refuse_changed_row(
        db,
        filler,
        index,
        &changes,
        &[RejectionKind::Unique],
        &names,
    )
}

/// A fresh row whose foreign key points at a parent that does not exist must be refused.
pub(super) fn orphan(
    db: &mut dyn Database,
    filler: &mut Filler<'_>,
    index: usize,
    table: &Table,
    key: &ForeignKey,
) -> Outcome {
    let seed = MISSING_SEED + filler.fresh_seed();
    let changes: Vec<(&str, Value)> = key
        .columns
        .iter()
        .filter_map(|name| table.column(name))
        .map(|column| {
            (
                column.name.as_str(),
                Value::for_type(&column.column_type, seed),
            )
        })
        .collect();
    refuse_changed_row(
        db,
        filler,
        index,
        &changes,
        &[RejectionKind::ForeignKey],
        &[key.name.as_str()],
    )
}
