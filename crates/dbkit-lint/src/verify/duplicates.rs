//! No duplicates where `schema.toml` wants values unique: its primary keys, unique constraints
//! and unique indexes (`GROUP BY ... HAVING COUNT(*) > 1`). Rows with a NULL in the key do not
//! count, as in SQL. With the constraint in place duplicates cannot exist; this finds the ones
//! that got in while it was missing, which stop it from being added.

use dbkit_model::Table;

use super::live::Live;
use super::report::{Check, CheckKind, plural};
use super::sql;

const KIND: CheckKind = CheckKind::Duplicates;

/// How many duplicated values an item shows.
const SAMPLE: usize = 5;

/// A key that must be unique: its table, name and columns.
pub(crate) struct UniqueKey {
    pub(crate) table: String,
    pub(crate) name: String,
    pub(crate) columns: Vec<String>,
    /// Whether it is the primary key.
    pub(crate) primary: bool,
}

/// The primary key, unique constraints and unique indexes of `table`, one per set of columns.
pub(crate) fn unique_keys(table: &Table) -> Vec<UniqueKey> {
    let mut keys: Vec<UniqueKey> = Vec::new();
    let candidates = table
        .primary_key
        .iter()
        .map(|key| (&key.name, &key.columns, true))
        .chain(
            table
                .unique_constraints
                .iter()
                .map(|key| (&key.name, &key.columns, false)),
        )
        .chain(
            table
                .indexes
                .iter()
                .filter(|index| index.unique)
                .map(|index| (&index.name, &index.columns, false)),
        );
    for (name, columns, primary) in candidates {
        let mut sorted = columns.clone();
        sorted.sort();
        let seen = keys.iter().any(|key| {
            let mut other = key.columns.clone();
            other.sort();
            other == sorted
        });
        if !seen {
            keys.push(UniqueKey {
                table: table.name.clone(),
                name: name.clone(),
                columns: columns.clone(),
                primary,
            });
        }
    }
    keys
}

/// Counts the values of `columns` that appear in more than one row of `table`, and lists up to
/// [`SAMPLE`] of them with their number of rows.
pub(crate) fn duplicated_values(
    live: &mut Live<'_>,
    table: &str,
    columns: &[String],
) -> Result<(u64, Vec<String>), String> {
    let backend = live.backend;
    let list = sql::column_list(backend, None, columns);
    let groups = format!(
        "FROM {} WHERE {} GROUP BY {list} HAVING COUNT(*) > 1",
        live.quote(table),
        sql::all_not_null(backend, None, columns)
    );
    let count = live.count(&format!(
        "SELECT COUNT(*) FROM (SELECT {list} {groups}) AS duplicated"
    ))?;
    if count == 0 {
        return Ok((0, Vec::new()));
    }
    let width = columns.len();
    let rows = live.rows(&format!(
        "SELECT {list}, COUNT(*) {groups} ORDER BY {} DESC, {list} LIMIT {SAMPLE}",
        width + 1
    ))?;
    let sample = rows
        .iter()
        .map(|row| {
            let (values, rest) = row.split_at(width.min(row.len()));
            let times = rest.first().cloned().flatten().unwrap_or_default();
            format!("{} ({times} rows)", sql::show_values(columns, values))
        })
        .collect();
    Ok((count, sample))
}

/// Whether the live table has a primary key, unique constraint or unique index on exactly
/// `columns` or on some of them (which makes `columns` unique too).
pub(crate) fn enforced(live: &Live<'_>, table: &str, columns: &[String]) -> bool {
    live.table(table).is_some_and(|table| {
        unique_keys(table)
            .iter()
            .any(|key| key.columns.iter().all(|column| columns.contains(column)))
    })
}

/// The items for every unique key of `schema.toml` whose table and columns the database has.
pub(crate) fn check(live: &mut Live<'_>) -> Vec<Check> {
    let keys: Vec<UniqueKey> = live
        .design
        .tables
        .iter()
        .flat_map(unique_keys)
        .filter(|key| live.has_columns(&key.table, &key.columns))
        .collect();
    let mut checks = Vec::new();
    for key in &keys {
        let subject = format!("{}.{}", key.table, key.name);
        let shown = format!("{} ({})", key.table, key.columns.join(", "));
        let (count, sample) = match duplicated_values(live, &key.table, &key.columns) {
            Ok(found) => found,
            Err(error) => {
                checks.push(Check::not_checked(
                    KIND,
                    subject,
                    &format!("{shown} for duplicates"),
                    &error,
                ));
                continue;
            }
        };
        if count == 0 {
            continue;
        }
        let reason = if enforced(live, &key.table, &key.columns) {
            format!("the database has a unique key on {shown} now, but these rows got in before it")
        } else {
            format!(
                "the database has no unique key on {shown} (see \"{}\"), so nothing stops the same value twice",
                CheckKind::ConstraintsExist.title()
            )
        };
        let list = sql::column_list(live.backend, None, &key.columns);
        checks.push(
            Check::fail(
                KIND,
                subject,
                format!(
                    "{shown}, meant to be unique ({}): {} appear{} in more than one row",
                    key.name,
                    plural(usize::try_from(count).unwrap_or(usize::MAX), "value"),
                    if count == 1 { "s" } else { "" }
                ),
                reason,
                format!(
                    "find them with SELECT {list}, COUNT(*) FROM {} GROUP BY {list} HAVING COUNT(*) > 1; \
                     keep one row of each (moving what references the others to it), then add the constraint: {}",
                    live.quote(&key.table),
                    add_key(live, key)
                ),
            )
            .with_details(sample),
        );
    }
    if checks.is_empty() {
        checks.push(Check::pass(
            KIND,
            format!(
                "no value repeats where schema.toml wants it unique ({} checked)",
                plural(keys.len(), "unique key")
            ),
        ));
    }
    checks
}

/// The statement that adds `key` back.
fn add_key(live: &Live<'_>, key: &UniqueKey) -> String {
    if key.primary && live.backend != dbkit_db::Backend::Sqlite {
        return format!(
            "ALTER TABLE {} ADD PRIMARY KEY ({});",
            live.quote(&key.table),
            sql::column_list(live.backend, None, &key.columns)
        );
    }
    sql::add_unique(live.backend, &key.table, &key.name, &key.columns)
}
