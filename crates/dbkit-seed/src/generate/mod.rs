//! Generating a whole dataset: tables in dependency order, each from its own random stream, then
//! the foreign keys that close reference cycles.

mod guess;
mod native;
mod plan;
mod source;
mod table;
mod text;
mod units;

use std::time::{Duration, Instant};

use dbkit_model::{Schema, creation_order};

use crate::dataset::{ColumnData, Dataset, TableData, Value};
use crate::error::SeedError;
use crate::options::{DEFAULT_ROWS, SeedOptions};
use crate::rng::{Permutation, Rng};
use crate::unique::fingerprint;
pub(crate) use native::resolve_type;
use plan::{ParentChoice, PlanInput, TablePlan};
pub(crate) use source::parse_uuid;

/// How far generation has come, reported now and then on long runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress<'a> {
    /// The table being generated.
    pub table: &'a str,
    /// Rows of that table done so far.
    pub rows_done: usize,
    /// Rows of that table in all.
    pub rows_total: usize,
    /// Time spent on that table so far.
    pub elapsed: Duration,
}

/// Generates sample data for every table of `schema`.
///
/// Tables are filled parents first ([`creation_order`]); each draws from a random stream derived
/// from `options.seed` and its own name, so the same schema, counts and seed give the same data,
/// and one table's count does not change another's values (except which parent rows its
/// children reference). Every row satisfies every type, length, NOT NULL, unique key, foreign key
/// and CHECK of the model; when that is impossible the error names the table and column and
/// says why, and nothing is returned.
pub fn generate(schema: &Schema, options: &SeedOptions) -> Result<Dataset, SeedError> {
    generate_with_progress(schema, options, &mut |_| {})
}

/// [`generate`], telling `progress` how far it has come (every 65,536 rows and at the end of
/// each table).
pub fn generate_with_progress(
    schema: &Schema,
    options: &SeedOptions,
    progress: &mut dyn FnMut(&Progress<'_>),
) -> Result<Dataset, SeedError> {
    for name in options.rows_per_table.keys() {
        if schema.table(name).is_none() {
            let suggestion = schema
                .tables
                .iter()
                .map(|table| table.name.as_str())
                .find(|candidate| {
                    candidate.eq_ignore_ascii_case(name)
                        || candidate.trim_end_matches('s') == name.trim_end_matches('s')
                })
                .map(|candidate| format!("; did you mean \"{candidate}\"?"))
                .unwrap_or_default();
            return Err(SeedError::UnknownTable {
                table: name.clone(),
                suggestion,
            });
        }
    }
    // Columns of native types are generated as the portable types they resolve to.
    let (resolved, natives) = native::resolve_schema(schema)?;
    let schema = &resolved;
    let mut notes = Vec::new();
    for (table, columns) in schema.tables.iter().zip(&natives) {
        for (column, native) in table.columns.iter().zip(columns) {
            if let Some(native) = native
                && native.filling == native::Filling::Null
            {
                notes.push(format!(
                    "{}: {} is left NULL, dbkit seed cannot make values of the native type {}",
                    table.name, column.name, native.spelling
                ));
            }
        }
    }
    let order = creation_order(schema);
    let counts: Vec<(usize, bool)> = schema
        .tables
        .iter()
        .map(|table| {
            if let Some(rows) = options.rows_per_table.get(&table.name) {
                return (*rows as usize, true);
            }
            if let Some(rows) = schema
                .seed
                .table(&table.name)
                .and_then(|settings| settings.rows)
            {
                return (rows as usize, true);
            }
            let rows = options
                .rows_default
                .or(schema.seed.rows)
                .unwrap_or(DEFAULT_ROWS);
            (rows as usize, false)
        })
        .collect();
    let mut all_rows: Vec<usize> = counts.iter().map(|(rows, _)| *rows).collect();
    let mut plans: Vec<(usize, TablePlan, Rng)> = Vec::with_capacity(order.tables.len());
    for &index in &order.tables {
        let table = &schema.tables[index];
        // Appending draws other values than the run that filled the table: the same ones would
        // collide with the stored unique values.
        let stream = match options.existing.tables.get(&table.name) {
            Some(existing) if existing.rows > 0 => {
                format!("{}\u{0}after {}", table.name, existing.rows)
            }
            _ => table.name.clone(),
        };
        let mut rng = Rng::stream(options.seed, &stream);
        let input = PlanInput {
            schema,
            table: index,
            rows: all_rows[index],
            explicit: counts[index].1,
            all_rows: &all_rows,
            deferred: (0..table.foreign_keys.len())
                .map(|key| order.is_deferred(index, key))
                .collect(),
            existing: options.existing.tables.get(&table.name),
            natives: &natives[index],
        };
        let plan = plan::plan_table(&input, &mut rng, &mut notes)?;
        all_rows[index] = plan.rows;
        plans.push((index, plan, rng));
    }
    let mut done: Vec<Option<TableData>> = vec![None; schema.tables.len()];
    let mut deferred = Vec::new();
    for (index, mut plan, mut rng) in plans {
        let table = &schema.tables[index];
        let started = Instant::now();
        let total = plan.rows;
        let data = table::generate_table(table, &mut plan, &done, &mut rng, &mut |rows_done| {
            progress(&Progress {
                table: &table.name,
                rows_done,
                rows_total: total,
                elapsed: started.elapsed(),
            })
        })?;
        if plan
            .foreign
            .iter()
            .any(|key| matches!(key.choice, ParentChoice::Deferred))
        {
            deferred.push((index, plan));
        }
        done[index] = Some(data);
    }
    for (index, plan) in deferred {
        fill_deferred(schema, index, &plan, &mut done, options.seed)?;
    }
    Ok(Dataset {
        project: schema.project.name.clone(),
        seed: options.seed,
        tables: order
            .tables
            .iter()
            .filter_map(|&index| done[index].take())
            .collect(),
        notes,
    })
}

/// Sets the foreign keys that close a reference cycle, now that their parents exist, and checks
/// again the keys and CHECKs those columns take part in.
fn fill_deferred(
    schema: &Schema,
    index: usize,
    plan: &TablePlan,
    done: &mut [Option<TableData>],
    seed: u64,
) -> Result<(), SeedError> {
    let table = &schema.tables[index];
    for key in plan
        .foreign
        .iter()
        .filter(|key| matches!(key.choice, ParentChoice::Deferred))
    {
        let mut rng = Rng::stream(
            seed,
            &format!("{}\u{0}{}", table.name, table.foreign_keys[key.key].name),
        );
        let Some(parent) = done[key.parent].as_ref() else {
            continue;
        };
        let parent_rows = parent.rows;
        let Some(data) = done[index].as_ref() else {
            continue;
        };
        let rows = data.rows;
        let one_to_one = plan.uniques.iter().any(|unique| {
            unique.columns.len() == key.columns.len()
                && key
                    .columns
                    .iter()
                    .all(|column| unique.columns.contains(column))
        });
        let permutation = Permutation::new(parent_rows as u64, &mut rng);
        let mut next_distinct = 0_u64;
        let mut columns: Vec<ColumnData> = key
            .columns
            .iter()
            .map(|&column| {
                ColumnData::new(
                    &table.columns[column].name,
                    &table.columns[column].column_type,
                    rows,
                )
            })
            .collect();
        let postponed = key.postponed(table);
        for _ in 0..rows {
            let pick = if parent_rows == 0 || rng.chance(key.null_fraction) {
                None
            } else if one_to_one {
                (next_distinct < parent_rows as u64).then(|| {
                    next_distinct += 1;
                    permutation.apply(next_distinct - 1) as usize
                })
            } else {
                Some(permutation.apply(rng.skewed(parent_rows as u64)) as usize)
            };
            if pick.is_none() && postponed {
                let parent_name = &schema.tables[key.parent].name;
                return Err(SeedError::unsatisfiable(
                    &table.name,
                    &table.columns[key.columns[0]].name,
                    format!(
                        "it closes a reference cycle through NOT NULL columns and needs a row of {parent_name} for each of the {rows} rows of {}, but {parent_name} gets {parent_rows}; give {parent_name} more rows or {} fewer",
                        table.name, table.name
                    ),
                ));
            }
            for (column, &referenced) in columns.iter_mut().zip(&key.parent_columns) {
                match pick {
                    Some(row) => column.push(parent.columns[referenced].value(row)),
                    None => column.push(Value::Null),
                }
            }
        }
        let Some(data) = done[index].as_mut() else {
            continue;
        };
        for (column, &position) in columns.into_iter().zip(&key.columns) {
            data.columns[position] = column;
        }
    }
    let Some(data) = done[index].as_ref() else {
        return Ok(());
    };
    verify_table(table, plan, data)
}

/// Checks every unique key and CHECK over all rows of a table whose values changed after
/// generation.
fn verify_table(
    table: &dbkit_model::Table,
    plan: &TablePlan,
    data: &TableData,
) -> Result<(), SeedError> {
    for unique in &plan.uniques {
        let mut seen = crate::unique::FingerprintSet::default();
        let mut values = Vec::with_capacity(unique.columns.len());
        for row in 0..data.rows {
            values.clear();
            values.extend(
                unique
                    .columns
                    .iter()
                    .map(|&column| data.columns[column].value(row)),
            );
            if let Some(fingerprint) = fingerprint(&values)
                && !seen.insert(fingerprint)
            {
                return Err(SeedError::unsatisfiable(
                    &table.name,
                    &table.columns[unique.columns[0]].name,
                    format!(
                        "the columns closing a reference cycle repeat the unique key {}; make it wider or seed fewer rows",
                        unique.name
                    ),
                ));
            }
        }
    }
    for check in &plan.checks {
        for row in 0..data.rows {
            if !check
                .compiled
                .holds(&|column| data.columns[column].value(row))
            {
                return Err(SeedError::unsatisfiable(
                    &table.name,
                    &check.columns.first().map_or_else(
                        || check.name.clone(),
                        |&column| table.columns[column].name.clone(),
                    ),
                    format!(
                        "the check {} ({}) fails once the reference cycle is closed",
                        check.name, check.expression
                    ),
                ));
            }
        }
    }
    Ok(())
}
