//! Planning one table: where each column's values come from, which keys must stay unique, how
//! foreign keys pick their parents, and whether the rules can be met at all. Every error is found
//! here or while generating, before anything is written.

use dbkit_model::seed_settings::{ColumnSeed, SeedValue};
use dbkit_model::{Column, ColumnType, DefaultValue, Schema, Table};

use super::guess::{self, Guess};
use super::native::{Filling, Resolved};
use super::source::{Dealer, Fixed, Source, TextSource, UnitSource, parse_uuid};
use super::text::{TextGenerator, TextKind};
use super::units::Unit;
use crate::check::domain::{ColumnRule, Rules};
use crate::check::expr::{self, CheckExpr, Cmp, Literal};
use crate::error::SeedError;
use crate::options::ExistingTable;
use crate::rng::{Permutation, Rng};
use crate::unique::FingerprintSet;

/// The deepest a self-referencing tree goes (a root is level 0).
pub(crate) const TREE_DEPTH: usize = 4;

impl ForeignPlan {
    /// Whether the key closes a reference cycle through NOT NULL columns: its values are
    /// inserted with the rows, and the key is checked once every table holds its rows.
    pub(crate) fn postponed(&self, table: &Table) -> bool {
        matches!(self.choice, ParentChoice::Deferred)
            && self
                .columns
                .iter()
                .any(|&column| !table.columns[column].nullable)
    }
}

/// How a foreign key picks parent rows.
#[derive(Debug, Clone)]
pub(crate) enum ParentChoice {
    /// Some parents many children, some none (a shuffled, skewed draw).
    Skewed(Permutation),
    /// Each parent at most once (a one-to-one key).
    Distinct(Dealer),
    /// Earlier rows of the same table, as trees of bounded depth.
    Tree,
    /// A table generated later (a reference cycle): filled after every table.
    Deferred,
    /// Dealt together with other keys as distinct combinations (see [`PairPlan`]).
    Pair,
}

/// One foreign key of the table.
#[derive(Debug, Clone)]
pub(crate) struct ForeignPlan {
    /// The key's index in the table's `foreign_keys`.
    pub(crate) key: usize,
    /// The referencing columns (indexes in this table).
    pub(crate) columns: Vec<usize>,
    /// The referenced table's index in the schema.
    pub(crate) parent: usize,
    /// The referenced columns (indexes in the parent table).
    pub(crate) parent_columns: Vec<usize>,
    /// How many rows the parent has.
    pub(crate) parent_rows: usize,
    /// The share of rows without a parent.
    pub(crate) null_fraction: f64,
    pub(crate) choice: ParentChoice,
}

/// Foreign keys that together form a unique key (a junction table's pairs), dealt as distinct
/// combinations when the table holds many of all possible ones.
#[derive(Debug, Clone)]
pub(crate) struct PairPlan {
    /// Indexes into the table plan's `foreign`.
    pub(crate) keys: Vec<usize>,
    pub(crate) dealer: Dealer,
    /// The parent row chosen for each key for the current row.
    pub(crate) chosen: Vec<usize>,
}

/// A unique key and the fingerprints of the values it holds.
#[derive(Debug, Clone)]
pub(crate) struct UniquePlan {
    pub(crate) name: String,
    pub(crate) columns: Vec<usize>,
    pub(crate) seen: FingerprintSet,
}

/// A CHECK constraint, compiled.
#[derive(Debug, Clone)]
pub(crate) struct CheckPlan {
    pub(crate) name: String,
    pub(crate) expression: String,
    pub(crate) compiled: CheckExpr,
    pub(crate) columns: Vec<usize>,
}

/// A bound on a column from another column of the same row (`column cmp other`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowBound {
    pub(crate) other: usize,
    pub(crate) cmp: Cmp,
    /// A bound guessed from the names (a due date after a borrow date), dropped when it
    /// conflicts with the column's rules; a bound from a CHECK is never dropped.
    pub(crate) soft: bool,
}

/// How one column is filled.
#[derive(Debug, Clone)]
pub(crate) struct ColumnPlan {
    pub(crate) source: Source,
    pub(crate) null_fraction: f64,
    pub(crate) bounds: Vec<RowBound>,
}

/// Everything needed to generate one table.
#[derive(Debug, Clone)]
pub(crate) struct TablePlan {
    pub(crate) rows: usize,
    pub(crate) columns: Vec<ColumnPlan>,
    /// Columns filled by their source, in an order where every bound's other column comes first.
    pub(crate) order: Vec<usize>,
    pub(crate) foreign: Vec<ForeignPlan>,
    pub(crate) pairs: Option<PairPlan>,
    pub(crate) uniques: Vec<UniquePlan>,
    pub(crate) checks: Vec<CheckPlan>,
}

/// What planning a table needs to know about the others.
pub(crate) struct PlanInput<'a> {
    pub(crate) schema: &'a Schema,
    pub(crate) table: usize,
    pub(crate) rows: usize,
    /// Whether the row count was asked for (an error when too many), rather than a default
    /// (lowered to what the keys allow).
    pub(crate) explicit: bool,
    /// Rows of every table, by schema index.
    pub(crate) all_rows: &'a [usize],
    /// Whether each foreign key of this table is deferred (closes a cycle).
    pub(crate) deferred: Vec<bool>,
    pub(crate) existing: Option<&'a ExistingTable>,
    /// For each column of a native type, how it is filled (see [`super::native`]).
    pub(crate) natives: &'a [Option<Resolved>],
}

/// The plan of a table, and the row count it ended up with (lowered when a default count did
/// not fit a key).
pub(crate) fn plan_table(
    input: &PlanInput<'_>,
    rng: &mut Rng,
    notes: &mut Vec<String>,
) -> Result<TablePlan, SeedError> {
    let table = &input.schema.tables[input.table];
    let settings = input.schema.seed.table(&table.name);
    let checks = compile_checks(table)?;
    let mut rules = Rules::from_checks(
        &checks
            .iter()
            .map(|check| check.compiled.clone())
            .collect::<Vec<_>>(),
        table.columns.len(),
    );
    // A native type narrower than the type it is filled as bounds the column as a check would.
    for (index, native) in input.natives.iter().enumerate() {
        if let Some(Resolved {
            range: Some((low, high)),
            ..
        }) = native
            && let Some(rule) = rules.columns.get_mut(index)
        {
            rule.lows.push((low.clone(), true));
            rule.highs.push((high.clone(), true));
        }
    }
    let unique_keys = unique_keys(table);

    let mut rows = input.rows;
    let foreign = plan_foreign_keys(input, table, &unique_keys)?;
    let mut covered = vec![false; table.columns.len()];
    for plan in &foreign {
        for &column in &plan.columns {
            covered[column] = true;
        }
    }

    // Capacity of each unique key against the row count.
    let mut columns = Vec::with_capacity(table.columns.len());
    for (index, column) in table.columns.iter().enumerate() {
        let override_settings = settings.and_then(|settings| {
            settings
                .columns
                .iter()
                .find(|seed| seed.column == column.name)
        });
        let alone_unique = unique_keys
            .iter()
            .any(|(_, key)| key.len() == 1 && key[0] == index);
        let plan = if covered[index] {
            ColumnPlan {
                source: Source::Foreign,
                null_fraction: 0.0,
                bounds: Vec::new(),
            }
        } else {
            plan_column(
                table,
                input.natives.get(index).and_then(Option::as_ref),
                column,
                &rules.columns[index],
                override_settings,
                alone_unique.then_some(rows),
                input.existing,
                rng,
            )?
        };
        columns.push(plan);
    }
    // Text in a composite unique key gets a counter appended after a few collisions, as text
    // unique on its own does.
    for (_, key) in &unique_keys {
        for &column in key {
            if let Source::Text(text) = &mut columns[column].source {
                text.unique = true;
            }
        }
    }
    for (name, key) in &unique_keys {
        let capacity = key_capacity(table, key, &columns, &foreign);
        if (rows as u128) > capacity {
            let column = &table.columns[key[0]].name;
            let what = if key.len() == 1 {
                format!("the unique column {}.{column}", table.name)
            } else {
                format!(
                    "the unique key {name} ({})",
                    key.iter()
                        .map(|&c| table.columns[c].name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            if input.explicit {
                return Err(SeedError::unsatisfiable(
                    &table.name,
                    column,
                    format!(
                        "{rows} rows need {rows} distinct values of {what}, but its type, checks and references allow only {capacity}; ask for fewer rows or widen the column"
                    ),
                ));
            }
            notes.push(format!(
                "{}: {} rows instead of {rows}, the most that {what} allows",
                table.name, capacity
            ));
            rows = capacity as usize;
        }
    }
    for plan in &foreign {
        if plan.parent_rows == 0 && plan.null_fraction == 0.0 && rows > 0 {
            let parent = &input.schema.tables[plan.parent].name;
            let column = &table.columns[plan.columns[0]].name;
            if input.explicit {
                return Err(SeedError::unsatisfiable(
                    &table.name,
                    column,
                    format!(
                        "it must reference a row of {parent}, which gets no rows; give {parent} rows or {} none",
                        table.name
                    ),
                ));
            }
            notes.push(format!(
                "{}: no rows, since {parent} has none to reference",
                table.name
            ));
            rows = 0;
        }
    }

    let pairs = plan_pairs(&foreign, &unique_keys, rows, rng);
    let mut foreign = foreign;
    if let Some(pairs) = &pairs {
        for &key in &pairs.keys {
            foreign[key].choice = ParentChoice::Pair;
        }
    }
    add_row_bounds(table, &rules, &mut columns);
    let order = generation_order(&columns);
    let mut uniques: Vec<UniquePlan> = unique_keys
        .into_iter()
        .filter(|(_, key)| {
            !(key.len() == 1 && matches!(columns[key[0]].source, Source::Sequence { .. }))
        })
        .map(|(name, columns)| UniquePlan {
            name,
            columns,
            seen: FingerprintSet::default(),
        })
        .collect();
    if let Some(existing) = input.existing {
        for unique in &mut uniques {
            let names: Vec<&str> = unique
                .columns
                .iter()
                .map(|&c| table.columns[c].name.as_str())
                .collect();
            if let Some((_, fingerprints)) = existing
                .keys
                .iter()
                .find(|(columns, _)| columns.iter().map(String::as_str).eq(names.iter().copied()))
            {
                unique.seen.extend(fingerprints.iter().copied());
            }
        }
    }
    for unique in &mut uniques {
        unique.seen.reserve(rows);
    }
    Ok(TablePlan {
        rows,
        columns,
        order,
        foreign,
        pairs,
        uniques,
        checks,
    })
}

fn compile_checks(table: &Table) -> Result<Vec<CheckPlan>, SeedError> {
    table
        .checks
        .iter()
        .map(|check| {
            let compiled = expr::compile(&check.expression, &table.columns).map_err(|reason| {
                let column = dbkit_model::check_expression::referenced_columns(&check.expression)
                    .ok()
                    .and_then(|columns| columns.into_iter().next())
                    .unwrap_or_else(|| check.name.clone());
                SeedError::unsatisfiable(
                    &table.name,
                    &column,
                    format!(
                        "dbkit seed cannot solve the check {} ({}): {reason}; give the column fixed values with seed = {{ values = [...] }} or simplify the check",
                        check.name, check.expression
                    ),
                )
            })?;
            let mut columns = Vec::new();
            compiled.columns(&mut columns);
            Ok(CheckPlan {
                name: check.name.clone(),
                expression: check.expression.clone(),
                compiled,
                columns,
            })
        })
        .collect()
}

/// The primary key, unique constraints and unique indexes, as column indexes, without repeats.
fn unique_keys(table: &Table) -> Vec<(String, Vec<usize>)> {
    let position = |name: &String| table.columns.iter().position(|column| &column.name == name);
    let mut keys: Vec<(String, Vec<usize>)> = Vec::new();
    let candidates = table
        .primary_key
        .iter()
        .map(|key| (key.name.clone(), key.columns.clone()))
        .chain(
            table
                .unique_constraints
                .iter()
                .map(|key| (key.name.clone(), key.columns.clone())),
        )
        .chain(
            table
                .indexes
                .iter()
                .filter(|index| index.unique)
                .map(|index| (index.name.clone(), index.columns.clone())),
        );
    for (name, columns) in candidates {
        let Some(mut indexes) = columns.iter().map(position).collect::<Option<Vec<usize>>>() else {
            continue;
        };
        let mut sorted = indexes.clone();
        sorted.sort_unstable();
        if keys.iter().any(|(_, existing)| {
            let mut other = existing.clone();
            other.sort_unstable();
            other == sorted
        }) {
            continue;
        }
        indexes.dedup();
        keys.push((name, indexes));
    }
    keys
}

fn plan_foreign_keys(
    input: &PlanInput<'_>,
    table: &Table,
    unique_keys: &[(String, Vec<usize>)],
) -> Result<Vec<ForeignPlan>, SeedError> {
    let schema = input.schema;
    let mut plans: Vec<ForeignPlan> = Vec::new();
    let mut rng = Rng::stream(0, &table.name);
    for (key_index, key) in table.foreign_keys.iter().enumerate() {
        let column_name = key.columns.first().cloned().unwrap_or_default();
        let fail = |reason: String| SeedError::unsatisfiable(&table.name, &column_name, reason);
        let Some(parent) = schema
            .tables
            .iter()
            .position(|candidate| candidate.name == key.referenced_table)
        else {
            return Err(fail(format!(
                "it references the unknown table {}",
                key.referenced_table
            )));
        };
        let parent_table = &schema.tables[parent];
        let columns: Vec<usize> = key
            .columns
            .iter()
            .map(|name| table.columns.iter().position(|column| &column.name == name))
            .collect::<Option<_>>()
            .ok_or_else(|| fail("a column of the foreign key is missing".into()))?;
        let parent_columns: Vec<usize> = key
            .referenced_columns
            .iter()
            .map(|name| {
                parent_table
                    .columns
                    .iter()
                    .position(|column| &column.name == name)
            })
            .collect::<Option<_>>()
            .ok_or_else(|| {
                fail(format!(
                    "a referenced column of {} is missing",
                    parent_table.name
                ))
            })?;
        if let Some(shared) = columns
            .iter()
            .find(|column| plans.iter().any(|plan| plan.columns.contains(column)))
        {
            return Err(SeedError::unsatisfiable(
                &table.name,
                &table.columns[*shared].name,
                "the column belongs to two foreign keys, which dbkit seed cannot fill consistently; give the table no rows",
            ));
        }
        let nullable = columns.iter().all(|&column| table.columns[column].nullable);
        let override_fraction = columns.first().and_then(|&column| {
            schema
                .seed
                .column(&table.name, &table.columns[column].name)
                .and_then(|seed| seed.null_fraction)
        });
        let null_fraction = if nullable {
            override_fraction.unwrap_or(0.1)
        } else {
            0.0
        };
        let parent_rows = input.all_rows[parent];
        let mut sorted = columns.clone();
        sorted.sort_unstable();
        let one_to_one = unique_keys.iter().any(|(_, key)| {
            let mut key = key.clone();
            key.sort_unstable();
            key == sorted
        });
        let choice = if parent == input.table {
            ParentChoice::Tree
        } else if input.deferred[key_index] {
            // A NOT NULL key is inserted with its values and checked once every table holds
            // its rows; a nullable one is inserted as NULL and set by an UPDATE, which needs the
            // primary key to find the rows.
            if nullable && table.primary_key.is_none() {
                return Err(fail(format!(
                    "it closes a reference cycle and is set after the inserts, which needs a primary key on {} to find the rows",
                    table.name
                )));
            }
            ParentChoice::Deferred
        } else if one_to_one {
            ParentChoice::Distinct(Dealer::new(parent_rows as u64, &mut rng))
        } else {
            ParentChoice::Skewed(Permutation::new(parent_rows as u64, &mut rng))
        };
        plans.push(ForeignPlan {
            key: key_index,
            columns,
            parent,
            parent_columns,
            parent_rows,
            null_fraction: if matches!(choice, ParentChoice::Tree) {
                0.0
            } else {
                null_fraction
            },
            choice,
        });
    }
    Ok(plans)
}

/// A unique key made only of whole foreign keys (a junction table's pair) is dealt as distinct
/// combinations when the table holds more than half of all of them, where drawing at random and
/// retrying would be slow.
fn plan_pairs(
    foreign: &[ForeignPlan],
    unique_keys: &[(String, Vec<usize>)],
    rows: usize,
    rng: &mut Rng,
) -> Option<PairPlan> {
    for (_, key) in unique_keys {
        let mut members = Vec::new();
        let mut covered = 0;
        for (index, plan) in foreign.iter().enumerate() {
            if plan.columns.iter().all(|column| key.contains(column))
                && matches!(plan.choice, ParentChoice::Skewed(_))
                && plan.null_fraction == 0.0
            {
                members.push(index);
                covered += plan.columns.len();
            }
        }
        if members.len() < 2 || covered != key.len() {
            continue;
        }
        let capacity = members.iter().fold(1_u128, |capacity, &index| {
            capacity.saturating_mul(foreign[index].parent_rows as u128)
        });
        if (rows as u128) * 2 > capacity && capacity <= u128::from(u64::MAX) {
            return Some(PairPlan {
                chosen: vec![0; members.len()],
                keys: members,
                dealer: Dealer::new(capacity as u64, rng),
            });
        }
    }
    None
}

/// How many distinct values a unique key can take.
fn key_capacity(
    table: &Table,
    key: &[usize],
    columns: &[ColumnPlan],
    foreign: &[ForeignPlan],
) -> u128 {
    let mut capacity: u128 = 1;
    let mut counted = vec![false; table.columns.len()];
    for plan in foreign {
        if plan.columns.iter().all(|column| key.contains(column)) {
            capacity = capacity.saturating_mul(plan.parent_rows as u128);
            for &column in &plan.columns {
                counted[column] = true;
            }
        }
    }
    for &column in key {
        if counted[column] {
            continue;
        }
        let values: u128 = match &columns[column].source {
            Source::Units(source) => (source.domain_high - source.domain_low + 1).max(0) as u128,
            Source::Bool { .. } => 2,
            Source::Pick { values, .. } => values.len() as u128,
            Source::Text(text) => match text.generator.capacity() {
                Some(capacity) => u128::from(capacity),
                None if text.max_chars < 8 => 36_u128.saturating_pow(text.max_chars as u32),
                None => u128::MAX,
            },
            Source::Null => 0,
            _ => u128::MAX,
        };
        capacity = capacity.saturating_mul(values);
    }
    capacity
}

/// The plan of one column not filled by a foreign key.
#[allow(clippy::too_many_arguments)]
fn plan_column(
    table: &Table,
    native: Option<&Resolved>,
    column: &Column,
    rule: &ColumnRule,
    settings: Option<&ColumnSeed>,
    unique_rows: Option<usize>,
    existing: Option<&ExistingTable>,
    rng: &mut Rng,
) -> Result<ColumnPlan, SeedError> {
    let fail = |reason: String| SeedError::unsatisfiable(&table.name, &column.name, reason);
    let null_fraction = if column.nullable && !rule.not_null {
        settings
            .and_then(|settings| settings.null_fraction)
            .unwrap_or_else(|| guess::null_fraction(column))
    } else {
        0.0
    };
    let plan = |source: Source| ColumnPlan {
        source,
        null_fraction,
        bounds: Vec::new(),
    };
    match native.map(|native| &native.filling) {
        Some(Filling::Null) => {
            return Ok(ColumnPlan {
                source: Source::Null,
                null_fraction: 1.0,
                bounds: Vec::new(),
            });
        }
        Some(Filling::MysqlPoint) => return Ok(plan(Source::MysqlPoint)),
        _ => {}
    }
    if column.auto_increment && column.column_type.is_integer() {
        let after = existing
            .and_then(|existing| existing.max_ids.get(&column.name))
            .copied()
            .unwrap_or(0);
        return Ok(plan(Source::Sequence {
            start: after.saturating_add(1),
        }));
    }
    if rule.null_only {
        if !column.nullable {
            return Err(fail(
                "a check requires it to be NULL, but it is NOT NULL".into(),
            ));
        }
        return Ok(ColumnPlan {
            source: Source::Null,
            null_fraction: 1.0,
            bounds: Vec::new(),
        });
    }
    let unit = Unit::of(&column.column_type);

    // Fixed values: written in schema.toml, listed by a check, or an enum's values.
    let written: Option<Vec<Fixed>> = match settings {
        Some(settings) if !settings.values.is_empty() => Some(
            settings
                .values
                .iter()
                .map(|value| {
                    fixed_from_seed(&column.column_type, value).ok_or_else(|| {
                        fail(format!(
                            "the seed value {} does not fit {}",
                            describe(value),
                            column.column_type
                        ))
                    })
                })
                .collect::<Result<_, _>>()?,
        ),
        _ => None,
    };
    let listed: Option<Vec<Fixed>> = rule.allowed.as_ref().map(|allowed| {
        allowed
            .iter()
            .filter_map(|literal| fixed_from_literal(&column.column_type, literal))
            .collect()
    });
    let enumerated: Option<Vec<Fixed>> = match &column.column_type {
        ColumnType::Enum { values } => Some(
            values
                .iter()
                .map(|value| Fixed::Text(value.clone()))
                .collect(),
        ),
        _ => None,
    };
    let mut choices: Option<Vec<Fixed>> = written.or(listed.clone()).or(enumerated.clone());
    if let (Some(choices), Some(listed)) = (&mut choices, &listed) {
        choices.retain(|value| listed.contains(value));
    }
    if let (Some(choices), Some(enumerated)) = (&mut choices, &enumerated) {
        choices.retain(|value| enumerated.contains(value));
    }
    if let Some(mut values) = choices {
        values.retain(|value| {
            !rule.excluded.iter().any(|literal| {
                fixed_from_literal(&column.column_type, literal).as_ref() == Some(value)
            })
        });
        if values.is_empty() {
            return Err(fail(
                "its checks, type and seed values leave no value to choose".into(),
            ));
        }
        let default = column
            .default
            .as_ref()
            .and_then(|default| fixed_from_default(&column.column_type, default))
            .and_then(|default| values.iter().position(|value| *value == default))
            .map(|position| (position, 0.5));
        let dealer = unique_rows.map(|_| Dealer::new(values.len() as u64, rng));
        return Ok(plan(Source::Pick {
            values,
            default,
            dealer,
        }));
    }

    let generator = settings.and_then(|settings| settings.generator.as_deref());
    let guessed = match generator {
        Some(name) => guess_from_generator(name, &column.column_type).ok_or_else(|| {
            fail(format!(
                "the generator \"{name}\" cannot fill a {} column",
                column.column_type
            ))
        })?,
        None => match native.map(|native| &native.filling) {
            Some(Filling::Text(kind)) => Guess::Text(*kind),
            _ => guess::guess(table, column),
        },
    };

    match (&column.column_type, unit) {
        (ColumnType::Boolean, _) => {
            let p_true = match (&column.default, guessed) {
                (Some(DefaultValue::Boolean(true)), _) => 0.85,
                (Some(DefaultValue::Boolean(false)), _) => 0.15,
                (_, Guess::Bool(p)) => p,
                _ => 0.5,
            };
            let dealer = unique_rows.map(|_| Dealer::new(2, rng));
            Ok(plan(Source::Bool { p_true, dealer }))
        }
        (ColumnType::Uuid, _) => Ok(plan(Source::Uuid)),
        (column_type, _) if column_type.is_binary() => {
            let (min, max) = match column_type {
                ColumnType::Binary { length } => (*length as usize, *length as usize),
                ColumnType::VarBinary { length } => {
                    ((*length as usize).min(8), (*length as usize).min(32))
                }
                _ => (8, 32),
            };
            Ok(plan(Source::Bytes { min, max }))
        }
        (column_type, Some(unit)) => {
            let source = unit_source(
                table,
                column,
                column_type,
                unit,
                rule,
                settings,
                guessed,
                unique_rows,
                rng,
            )?;
            Ok(plan(Source::Units(Box::new(source))))
        }
        (column_type, None) => {
            if generator == Some("uuid") {
                return Ok(plan(Source::Uuid));
            }
            let Guess::Text(mut kind) = guessed else {
                return Err(fail(format!(
                    "dbkit seed cannot fill a {column_type} column with numbers"
                )));
            };
            let type_max = match column_type {
                ColumnType::Char { length } | ColumnType::Varchar { length } => *length as usize,
                // 255 bytes; generated text is ASCII.
                ColumnType::TinyText => 255,
                _ => usize::MAX,
            };
            let max_chars = type_max.min(rule.max_chars.unwrap_or(usize::MAX));
            let mut min_chars = rule.min_chars.unwrap_or(0);
            if max_chars < min_chars || max_chars == 0 {
                return Err(fail("its checks leave no possible length".into()));
            }
            if unique_rows.is_some()
                && max_chars < 8
                && kind.longest().is_none_or(|longest| longest > max_chars)
            {
                kind = TextKind::Code { digits: false };
            }
            if matches!(kind, TextKind::Code { .. })
                && matches!(column_type, ColumnType::Char { .. })
            {
                min_chars = min_chars.max(max_chars);
            }
            let generator = TextGenerator::new(
                kind,
                min_chars,
                max_chars,
                unique_rows.map(|rows| rows as u64),
                rng,
            );
            let default = match &column.default {
                Some(DefaultValue::String(text)) => Some((text.clone(), 0.3)),
                _ => None,
            };
            Ok(plan(Source::Text(Box::new(TextSource {
                generator,
                min_chars,
                max_chars,
                default,
                unique: unique_rows.is_some(),
                suffix: 0,
            }))))
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn unit_source(
    table: &Table,
    column: &Column,
    column_type: &ColumnType,
    unit: Unit,
    rule: &ColumnRule,
    settings: Option<&ColumnSeed>,
    guessed: Guess,
    unique_rows: Option<usize>,
    rng: &mut Rng,
) -> Result<UnitSource, SeedError> {
    let fail = |reason: String| SeedError::unsatisfiable(&table.name, &column.name, reason);
    let (mut domain_low, mut domain_high) = unit.limits(column_type);
    for (literal, inclusive) in &rule.lows {
        let Some((value, kind)) = unit.literal(literal) else {
            return Err(fail(format!(
                "a check compares it with {}, which is not a {column_type} value",
                describe_literal(literal)
            )));
        };
        domain_low = domain_low.max(unit.bound(value, kind, *inclusive, true));
    }
    for (literal, inclusive) in &rule.highs {
        let Some((value, kind)) = unit.literal(literal) else {
            return Err(fail(format!(
                "a check compares it with {}, which is not a {column_type} value",
                describe_literal(literal)
            )));
        };
        domain_high = domain_high.min(unit.bound(value, kind, *inclusive, false));
    }
    let range = settings.and_then(|settings| settings.range.as_ref());
    if let Some((low, high)) = range {
        let parse = |value: &SeedValue| match value {
            SeedValue::Integer(number) => Some(unit.units_near(*number as f64, true)),
            SeedValue::Number(text) | SeedValue::String(text) => unit.parse(text),
            SeedValue::Boolean(_) => None,
        };
        let (Some(low), Some(high)) = (parse(low), parse(high)) else {
            return Err(fail(format!(
                "its seed range does not hold {column_type} values"
            )));
        };
        domain_low = domain_low.max(low);
        domain_high = domain_high.min(high);
    }
    if domain_low > domain_high {
        return Err(fail(format!(
            "its type, checks and seed range leave no possible value (the smallest allowed, {}, is above the largest, {})",
            show(unit, domain_low),
            show(unit, domain_high)
        )));
    }
    let (mut low, mut high, skew) = match guessed {
        _ if range.is_some() => (domain_low, domain_high, false),
        Guess::Number { low, high, skew } => (
            unit.units_near(low, true),
            unit.units_near(high, false),
            skew,
        ),
        Guess::Days { low, high } => match unit {
            Unit::Date => (i128::from(low), i128::from(high), false),
            Unit::Timestamp => (
                i128::from(low) * 86_400,
                i128::from(high) * 86_400 + 86_399,
                false,
            ),
            _ => (domain_low, domain_high, false),
        },
        Guess::Seconds { low, high } => (i128::from(low), i128::from(high), false),
        _ => match unit {
            Unit::Date => (
                i128::from(crate::calendar::days_from_civil(2015, 1, 1)),
                i128::from(crate::calendar::days_from_civil(2024, 12, 31)),
                false,
            ),
            Unit::Timestamp => (
                i128::from(crate::calendar::days_from_civil(2015, 1, 1)) * 86_400,
                i128::from(crate::calendar::days_from_civil(2024, 12, 31)) * 86_400 + 86_399,
                false,
            ),
            Unit::Time => (7 * 3600, 21 * 3600, false),
            _ => (
                unit.units_near(1.0, true),
                unit.units_near(1000.0, false),
                false,
            ),
        },
    };
    // Keep the plausible range inside the allowed one, or next to it.
    let width = (high - low).max(0);
    if high < domain_low || low > domain_high {
        if high < domain_low {
            low = domain_low;
            high = domain_low.saturating_add(width).min(domain_high);
        } else {
            high = domain_high;
            low = domain_high.saturating_sub(width).max(domain_low);
        }
    } else {
        low = low.max(domain_low);
        high = high.min(domain_high);
    }
    let dealer = match unique_rows {
        Some(rows) => {
            if (high - low + 1) < (rows as i128) * 2 {
                low = domain_low;
                high = domain_high;
            }
            let size = high - low + 1;
            if size <= i128::from(u64::MAX) {
                Some(Dealer::new(size as u64, rng))
            } else {
                None
            }
        }
        None => None,
    };
    let default = match &column.default {
        Some(default) if unique_rows.is_none() => fixed_from_default(column_type, default)
            .and_then(|fixed| match fixed {
                Fixed::Units(_, units) if (domain_low..=domain_high).contains(&units) => {
                    Some((units, 0.5))
                }
                _ => None,
            }),
        _ => None,
    };
    let words = guess::words_of(&column.name);
    let long = words
        .iter()
        .any(|word| word.starts_with("expir") || word == "until" || word == "valid");
    let gap = match unit {
        Unit::Date => {
            if long {
                3 * 365
            } else {
                30
            }
        }
        Unit::Timestamp => {
            if long {
                3 * 365 * 86_400
            } else {
                30 * 86_400
            }
        }
        Unit::Time => 4 * 3600,
        _ => ((high - low) / 4).max(1),
    };
    Ok(UnitSource {
        unit,
        low,
        high,
        domain_low,
        domain_high,
        skew,
        dealer,
        default,
        gap,
    })
}

fn show(unit: Unit, units: i128) -> String {
    let mut out = String::new();
    match unit.value(units) {
        crate::dataset::Value::Date(days) => crate::calendar::push_date(&mut out, days),
        crate::dataset::Value::Timestamp(seconds) => {
            crate::calendar::push_timestamp(&mut out, seconds)
        }
        crate::dataset::Value::Time(seconds) => crate::calendar::push_time(&mut out, seconds),
        crate::dataset::Value::Decimal(digits, scale) => {
            crate::calendar::push_decimal(&mut out, digits, scale)
        }
        crate::dataset::Value::Float(number) => crate::calendar::push_float(&mut out, number),
        _ => out = units.to_string(),
    }
    out
}

/// The guess a named generator stands for.
fn guess_from_generator(name: &str, column_type: &ColumnType) -> Option<Guess> {
    let numeric = column_type.is_numeric();
    let temporal = column_type.is_temporal();
    Some(match name {
        "price" if numeric => Guess::Number {
            low: 1.0,
            high: 500.0,
            skew: true,
        },
        "quantity" if numeric => Guess::Number {
            low: 1.0,
            high: 100.0,
            skew: true,
        },
        "integer" | "decimal" if numeric => Guess::Number {
            low: 1.0,
            high: 1000.0,
            skew: false,
        },
        "boolean" if *column_type == ColumnType::Boolean => Guess::Bool(0.5),
        "date" | "timestamp" if temporal => Guess::Days {
            low: crate::calendar::days_from_civil(2018, 1, 1),
            high: crate::calendar::days_from_civil(2024, 12, 31),
        },
        "birth_date" if temporal => Guess::Days {
            low: crate::calendar::days_from_civil(1940, 1, 1),
            high: crate::calendar::days_from_civil(2006, 12, 31),
        },
        "time" if *column_type == ColumnType::Time => Guess::Seconds {
            low: 7 * 3600,
            high: 21 * 3600,
        },
        "uuid" if column_type.is_string() || *column_type == ColumnType::Uuid => Guess::ByType,
        _ if column_type.is_string() || *column_type == ColumnType::Json => {
            Guess::Text(TextKind::named(name)?)
        }
        _ => return None,
    })
}

fn describe(value: &SeedValue) -> String {
    match value {
        SeedValue::Integer(number) => number.to_string(),
        SeedValue::Number(text) => text.clone(),
        SeedValue::String(text) => format!("\"{text}\""),
        SeedValue::Boolean(flag) => flag.to_string(),
    }
}

fn describe_literal(literal: &Literal) -> String {
    match literal {
        Literal::Null => "NULL".into(),
        Literal::Bool(flag) => flag.to_string(),
        Literal::Number(number) => number.to_string(),
        Literal::Text(text) => format!("'{text}'"),
    }
}

/// A `values = [...]` entry as a value of `column_type`.
fn fixed_from_seed(column_type: &ColumnType, value: &SeedValue) -> Option<Fixed> {
    let literal = match value {
        SeedValue::Integer(number) => Literal::Number(*number as f64),
        SeedValue::Number(text) => Literal::Number(text.parse().ok()?),
        SeedValue::String(text) => Literal::Text(text.clone()),
        SeedValue::Boolean(flag) => Literal::Bool(*flag),
    };
    match (column_type, value) {
        (column_type, SeedValue::Number(text)) if column_type.is_string() => {
            Some(Fixed::Text(text.clone()))
        }
        (column_type, SeedValue::Integer(number)) if column_type.is_string() => {
            Some(Fixed::Text(number.to_string()))
        }
        _ => fixed_from_literal(column_type, &literal),
    }
}

fn fixed_from_default(column_type: &ColumnType, default: &DefaultValue) -> Option<Fixed> {
    let literal = match default {
        DefaultValue::Integer(number) => Literal::Number(*number as f64),
        DefaultValue::Number(text) => Literal::Number(text.parse().ok()?),
        DefaultValue::String(text) => Literal::Text(text.clone()),
        DefaultValue::Boolean(flag) => Literal::Bool(*flag),
        _ => return None,
    };
    fixed_from_literal(column_type, &literal)
}

/// A constant as a value of `column_type`, when it is one.
pub(crate) fn fixed_from_literal(column_type: &ColumnType, literal: &Literal) -> Option<Fixed> {
    if let Some(unit) = Unit::of(column_type) {
        let (value, kind) = unit.literal(literal)?;
        let units = unit.bound(value, kind, true, true);
        return (unit.common(units) == value || kind.is_some())
            .then_some(Fixed::Units(unit, units));
    }
    match (column_type, literal) {
        (ColumnType::Boolean, Literal::Bool(flag)) => Some(Fixed::Bool(*flag)),
        (ColumnType::Boolean, Literal::Number(number)) => Some(Fixed::Bool(*number != 0.0)),
        (ColumnType::Uuid, Literal::Text(text)) => parse_uuid(text).map(Fixed::Uuid),
        (column_type, Literal::Text(text))
            if column_type.is_string() || *column_type == ColumnType::Json =>
        {
            Some(Fixed::Text(text.clone()))
        }
        (column_type, Literal::Number(number)) if column_type.is_string() => {
            Some(Fixed::Text(number.to_string()))
        }
        _ => None,
    }
}

/// Bounds between columns: from CHECKs (`due_on >= borrowed_at`), and guessed from names for
/// dates and times that usually come in order.
fn add_row_bounds(table: &Table, rules: &Rules, columns: &mut [ColumnPlan]) {
    let is_units =
        |plans: &[ColumnPlan], column: usize| matches!(plans[column].source, Source::Units(_));
    for relation in &rules.relations {
        let (target, cmp, other) = if is_units(columns, relation.column) {
            (relation.column, relation.cmp, relation.other)
        } else if is_units(columns, relation.other) {
            (relation.other, relation.cmp.flipped(), relation.column)
        } else {
            continue;
        };
        if Unit::of(&table.columns[other].column_type).is_none() {
            continue;
        }
        columns[target].bounds.push(RowBound {
            other,
            cmp,
            soft: false,
        });
    }
    for (later, column) in table.columns.iter().enumerate() {
        if !column.column_type.is_temporal() || !is_units(columns, later) {
            continue;
        }
        let related = rules
            .relations
            .iter()
            .any(|relation| relation.column == later || relation.other == later);
        if related {
            continue;
        }
        let earlier = table.columns.iter().enumerate().find(|(earlier, other)| {
            *earlier != later
                && other.column_type.is_temporal()
                && other.column_type != ColumnType::Time
                && column.column_type != ColumnType::Time
                && guess::comes_after(&column.name, &other.name)
        });
        if let Some((earlier, _)) = earlier {
            columns[later].bounds.push(RowBound {
                other: earlier,
                cmp: Cmp::Ge,
                soft: true,
            });
        }
    }
}

/// The order in which generated columns are filled: each after the columns that bound it.
fn generation_order(columns: &[ColumnPlan]) -> Vec<usize> {
    let generated: Vec<usize> = (0..columns.len())
        .filter(|&column| {
            !matches!(
                columns[column].source,
                Source::Sequence { .. } | Source::Foreign
            )
        })
        .collect();
    let mut order = Vec::with_capacity(generated.len());
    let mut placed = vec![false; columns.len()];
    for (column, plan) in columns.iter().enumerate() {
        if matches!(plan.source, Source::Sequence { .. } | Source::Foreign) {
            placed[column] = true;
        }
    }
    while order.len() < generated.len() {
        let ready = generated.iter().copied().find(|&column| {
            !placed[column]
                && columns[column]
                    .bounds
                    .iter()
                    .all(|bound| placed[bound.other] || bound.other == column)
        });
        let next = ready.or_else(|| generated.iter().copied().find(|&column| !placed[column]));
        let Some(next) = next else { break };
        placed[next] = true;
        order.push(next);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generator_schema_toml_accepts_is_implemented() {
        let types = [
            ColumnType::Varchar { length: 255 },
            ColumnType::Text,
            ColumnType::Json,
            ColumnType::Uuid,
            ColumnType::Int,
            ColumnType::Decimal {
                precision: 10,
                scale: 2,
            },
            ColumnType::Boolean,
            ColumnType::Date,
            ColumnType::Time,
            ColumnType::Timestamp,
        ];
        for name in dbkit_model::seed_settings::GENERATORS {
            assert!(
                types
                    .iter()
                    .any(|column_type| guess_from_generator(name, column_type).is_some()),
                "the generator {name} fills no column type"
            );
        }
        assert_eq!(guess_from_generator("email", &ColumnType::Int), None);
    }
}
