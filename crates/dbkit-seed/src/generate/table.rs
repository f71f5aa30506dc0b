//! Generating the rows of one table: each row is built in a scratch area, checked against every
//! unique key and CHECK, retried when it fails, and only then stored.

use dbkit_model::{ColumnType, Table};

use super::plan::{ForeignPlan, ParentChoice, TREE_DEPTH, TablePlan};
use super::source::{Source, random_uuid};
use super::text::RowContext;
use super::units::Unit;
use crate::calendar;
use crate::check::expr::Cmp;
use crate::dataset::{ColumnData, TableData, Value};
use crate::error::SeedError;
use crate::rng::Rng;
use crate::unique::value_hash;

/// How many times a row is drawn again before dbkit gives up on it.
const ATTEMPTS: u32 = 100;

/// One value of the row being built; text and bytes live in the column's buffer.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Null,
    Int(i64),
    Decimal(i128, u32),
    Float(f64),
    Bool(bool),
    Date(i64),
    Time(i64),
    Timestamp(i64),
    Uuid(u128),
    Text,
    Bytes,
}

/// The row being built.
struct Scratch {
    slots: Vec<Slot>,
    texts: Vec<String>,
    bytes: Vec<Vec<u8>>,
}

impl Scratch {
    fn new(columns: usize) -> Scratch {
        Scratch {
            slots: vec![Slot::Null; columns],
            texts: vec![String::new(); columns],
            bytes: vec![Vec::new(); columns],
        }
    }

    #[inline]
    fn value(&self, column: usize) -> Value<'_> {
        match self.slots[column] {
            Slot::Null => Value::Null,
            Slot::Int(v) => Value::Int(v),
            Slot::Decimal(v, s) => Value::Decimal(v, s),
            Slot::Float(v) => Value::Float(v),
            Slot::Bool(v) => Value::Bool(v),
            Slot::Date(v) => Value::Date(v),
            Slot::Time(v) => Value::Time(v),
            Slot::Timestamp(v) => Value::Timestamp(v),
            Slot::Uuid(v) => Value::Uuid(v),
            Slot::Text => Value::Text(&self.texts[column]),
            Slot::Bytes => Value::Bytes(&self.bytes[column]),
        }
    }

    /// Stores a copy of `value` as the value of `column`.
    #[inline]
    fn set(&mut self, column: usize, value: Value<'_>) {
        self.slots[column] = match value {
            Value::Null => Slot::Null,
            Value::Int(v) => Slot::Int(v),
            Value::Decimal(v, s) => Slot::Decimal(v, s),
            Value::Float(v) => Slot::Float(v),
            Value::Bool(v) => Slot::Bool(v),
            Value::Date(v) => Slot::Date(v),
            Value::Time(v) => Slot::Time(v),
            Value::Timestamp(v) => Slot::Timestamp(v),
            Value::Uuid(v) => Slot::Uuid(v),
            Value::Text(text) => {
                let buffer = &mut self.texts[column];
                buffer.clear();
                buffer.push_str(text);
                Slot::Text
            }
            Value::Bytes(bytes) => {
                let buffer = &mut self.bytes[column];
                buffer.clear();
                buffer.extend_from_slice(bytes);
                Slot::Bytes
            }
        };
    }
}

/// Why the last attempt at a row failed.
enum Failure {
    Unique(usize),
    Check(usize),
    Exhausted(usize),
    NoRoom(usize),
    NoParent(usize),
}

/// Self-referencing trees: each row's depth, and the rows that may still take children.
#[derive(Default)]
struct Trees {
    depth: Vec<u8>,
    open: Vec<u32>,
}

/// Generates the rows of `table` by `plan`; `parents` holds the tables generated so far, by
/// schema index. `progress` is told how many rows are done, now and then.
pub(crate) fn generate_table(
    table: &Table,
    plan: &mut TablePlan,
    parents: &[Option<TableData>],
    rng: &mut Rng,
    progress: &mut dyn FnMut(usize),
) -> Result<TableData, SeedError> {
    let rows = plan.rows;
    let mut data = TableData {
        name: table.name.clone(),
        rows: 0,
        columns: table
            .columns
            .iter()
            .map(|column| ColumnData::new(&column.name, &column.column_type, rows))
            .collect(),
        key: table
            .primary_key
            .iter()
            .flat_map(|key| key.columns.iter())
            .filter_map(|name| table.columns.iter().position(|column| &column.name == name))
            .collect(),
        deferred: plan
            .foreign
            .iter()
            .filter(|key| matches!(key.choice, ParentChoice::Deferred) && !key.postponed(table))
            .flat_map(|key| key.columns.iter().copied())
            .collect(),
        postponed: plan
            .foreign
            .iter()
            .filter(|key| matches!(key.choice, ParentChoice::Deferred) && key.postponed(table))
            .flat_map(|key| key.columns.iter().copied())
            .collect(),
        identity: plan
            .columns
            .iter()
            .enumerate()
            .filter(|(_, column)| matches!(column.source, Source::Sequence { .. }))
            .map(|(index, _)| index)
            .collect(),
    };
    let mut scratch = Scratch::new(table.columns.len());
    let mut context = RowContext::default();
    let mut trees = Trees::default();
    let roots = (rows / 10).max(1);
    let units: Vec<Option<Unit>> = table
        .columns
        .iter()
        .map(|column| Unit::of(&column.column_type))
        .collect();
    let mut fingerprints = vec![0_u64; plan.uniques.len()];

    for row in 0..rows {
        let mut failure = None;
        let mut stored = false;
        for attempt in 0..ATTEMPTS {
            context.reset();
            let tree_parent = match build_row(
                table,
                plan,
                parents,
                &data,
                &trees,
                &units,
                row,
                roots,
                attempt,
                rng,
                &mut context,
                &mut scratch,
            ) {
                Ok(tree_parent) => tree_parent,
                Err(reason) => {
                    failure = Some(reason);
                    continue;
                }
            };
            if let Some(unique) = duplicate(plan, &scratch, &mut fingerprints) {
                // A one-to-one parent already referenced (by rows stored before): skip it.
                for key in plan.foreign.iter_mut() {
                    if let ParentChoice::Distinct(dealer) = &mut key.choice
                        && key
                            .columns
                            .iter()
                            .all(|column| plan.uniques[unique].columns.contains(column))
                    {
                        dealer.advance();
                    }
                }
                // A unique column's dealt value collided with a stored one: never offer it again.
                for &column in &plan.uniques[unique].columns {
                    plan.columns[column].source.advance();
                }
                failure = Some(Failure::Unique(unique));
                continue;
            }
            if let Some(check) = plan
                .checks
                .iter()
                .position(|check| !check.compiled.holds(&|column| scratch.value(column)))
            {
                for &column in &plan.checks[check].columns {
                    plan.columns[column].source.advance();
                }
                failure = Some(Failure::Check(check));
                continue;
            }
            for (unique, fingerprint) in plan.uniques.iter_mut().zip(&fingerprints) {
                if *fingerprint != 0 {
                    unique.seen.insert(*fingerprint);
                }
            }
            for (column, data) in data.columns.iter_mut().enumerate() {
                data.push(scratch.value(column));
            }
            for key in plan.foreign.iter_mut() {
                if let ParentChoice::Distinct(dealer) = &mut key.choice
                    && !matches!(scratch.slots[key.columns[0]], Slot::Null)
                {
                    dealer.advance();
                }
            }
            for (column, plan) in plan.columns.iter_mut().enumerate() {
                if !matches!(scratch.slots[column], Slot::Null) {
                    plan.source.advance();
                }
            }
            record_tree(&mut trees, tree_parent, row);
            stored = true;
            break;
        }
        if !stored {
            return Err(explain(table, plan, failure, row));
        }
        if row % 65_536 == 65_535 {
            progress(row + 1);
        }
    }
    data.rows = rows;
    progress(rows);
    Ok(data)
}

#[allow(clippy::too_many_arguments)]
fn build_row(
    table: &Table,
    plan: &mut TablePlan,
    parents: &[Option<TableData>],
    data: &TableData,
    trees: &Trees,
    units: &[Option<Unit>],
    row: usize,
    roots: usize,
    attempt: u32,
    rng: &mut Rng,
    context: &mut RowContext,
    scratch: &mut Scratch,
) -> Result<Option<usize>, Failure> {
    for (column, plan) in plan.columns.iter().enumerate() {
        if let Source::Sequence { start } = plan.source {
            match start.checked_add(row as i64) {
                Some(id) => scratch.slots[column] = Slot::Int(id),
                None => return Err(Failure::Exhausted(column)),
            }
        }
    }
    // Parents: dealt combinations first, then each other key.
    if let Some(pairs) = &mut plan.pairs {
        let Some(mut combination) = pairs.dealer.deal() else {
            return Err(Failure::Exhausted(plan.foreign[pairs.keys[0]].columns[0]));
        };
        for (slot, &key) in pairs.chosen.iter_mut().zip(&pairs.keys) {
            let parent_rows = (plan.foreign[key].parent_rows as u64).max(1);
            *slot = (combination % parent_rows) as usize;
            combination /= parent_rows;
        }
    }
    for (index, key) in plan.foreign.iter_mut().enumerate() {
        let parent = match &mut key.choice {
            ParentChoice::Pair => plan.pairs.as_ref().and_then(|pairs| {
                pairs
                    .keys
                    .iter()
                    .position(|&member| member == index)
                    .map(|slot| pairs.chosen[slot])
            }),
            ParentChoice::Skewed(permutation) => {
                if key.parent_rows == 0
                    || (key.null_fraction > 0.0 && rng.chance(key.null_fraction))
                {
                    None
                } else {
                    Some(permutation.apply(rng.skewed(key.parent_rows as u64)) as usize)
                }
            }
            ParentChoice::Distinct(dealer) => {
                if key.null_fraction > 0.0 && rng.chance(key.null_fraction) {
                    None
                } else {
                    match dealer.peek() {
                        Some(parent) => Some(parent as usize),
                        None if key.null_fraction > 0.0 => None,
                        None => return Err(Failure::NoParent(key.columns[0])),
                    }
                }
            }
            ParentChoice::Tree | ParentChoice::Deferred => None,
        };
        if matches!(key.choice, ParentChoice::Tree) {
            continue;
        }
        match parent.and_then(|parent| parents[key.parent].as_ref().map(|data| (data, parent))) {
            Some((parent_data, parent)) => copy_parent(key, parent_data, parent, scratch),
            None => {
                if !matches!(key.choice, ParentChoice::Deferred)
                    && !table.columns[key.columns[0]].nullable
                {
                    return Err(Failure::NoParent(key.columns[0]));
                }
                for &column in &key.columns {
                    scratch.slots[column] = Slot::Null;
                }
            }
        }
    }
    // Generated columns, each after the columns that bound it.
    for position in 0..plan.order.len() {
        let column = plan.order[position];
        generate_value(table, plan, units, column, attempt, rng, context, scratch)?;
    }
    // Trees: a parent among the earlier rows that are not too deep.
    let mut tree_parent = None;
    for key in plan
        .foreign
        .iter()
        .filter(|key| matches!(key.choice, ParentChoice::Tree))
    {
        let nullable = key
            .columns
            .iter()
            .all(|&column| table.columns[column].nullable);
        if row < roots || trees.open.is_empty() {
            if nullable {
                for &column in &key.columns {
                    scratch.slots[column] = Slot::Null;
                }
            } else {
                for (&column, &referenced) in key.columns.iter().zip(&key.parent_columns) {
                    let own = scratch.value(referenced);
                    let own = own_copy(own);
                    scratch.set(column, own.as_value());
                }
            }
        } else {
            let parent = trees.open[rng.index(trees.open.len())] as usize;
            copy_parent(key, data, parent, scratch);
            tree_parent.get_or_insert(parent);
        }
    }
    Ok(tree_parent)
}

/// A value copied out of the scratch row, to be stored in another column of the same row.
enum Own {
    Plain(Value<'static>),
    Text(String),
    Bytes(Vec<u8>),
}

impl Own {
    fn as_value(&self) -> Value<'_> {
        match self {
            Own::Plain(value) => *value,
            Own::Text(text) => Value::Text(text),
            Own::Bytes(bytes) => Value::Bytes(bytes),
        }
    }
}

fn own_copy(value: Value<'_>) -> Own {
    match value {
        Value::Text(text) => Own::Text(text.to_string()),
        Value::Bytes(bytes) => Own::Bytes(bytes.to_vec()),
        Value::Null => Own::Plain(Value::Null),
        Value::Int(v) => Own::Plain(Value::Int(v)),
        Value::Decimal(v, s) => Own::Plain(Value::Decimal(v, s)),
        Value::Float(v) => Own::Plain(Value::Float(v)),
        Value::Bool(v) => Own::Plain(Value::Bool(v)),
        Value::Date(v) => Own::Plain(Value::Date(v)),
        Value::Time(v) => Own::Plain(Value::Time(v)),
        Value::Timestamp(v) => Own::Plain(Value::Timestamp(v)),
        Value::Uuid(v) => Own::Plain(Value::Uuid(v)),
    }
}

#[inline]
fn copy_parent(key: &ForeignPlan, parent: &TableData, row: usize, scratch: &mut Scratch) {
    for (&column, &referenced) in key.columns.iter().zip(&key.parent_columns) {
        scratch.set(column, parent.columns[referenced].value(row));
    }
}

#[allow(clippy::too_many_arguments)]
#[inline]
fn generate_value(
    table: &Table,
    plan: &mut TablePlan,
    units: &[Option<Unit>],
    column: usize,
    attempt: u32,
    rng: &mut Rng,
    context: &mut RowContext,
    scratch: &mut Scratch,
) -> Result<(), Failure> {
    let column_plan = &mut plan.columns[column];
    if column_plan.null_fraction > 0.0 && rng.chance(column_plan.null_fraction) {
        scratch.slots[column] = Slot::Null;
        return Ok(());
    }
    let slot = match &mut column_plan.source {
        Source::Null | Source::Sequence { .. } | Source::Foreign => Slot::Null,
        Source::Units(source) => {
            let unit = source.unit;
            let mut low = source.domain_low;
            let mut high = source.domain_high;
            let (mut has_low, mut has_high) = (false, false);
            let mut hard_only = false;
            loop {
                for bound in &column_plan.bounds {
                    if bound.soft && hard_only {
                        continue;
                    }
                    let Some(other_unit) = units[bound.other] else {
                        continue;
                    };
                    let Some(other) = other_unit.units_of(scratch.value(bound.other)) else {
                        continue;
                    };
                    let value = other_unit.common(other);
                    let kind = other_unit.temporal();
                    if matches!(bound.cmp, Cmp::Ge | Cmp::Gt | Cmp::Eq) {
                        low = low.max(unit.bound(value, kind, bound.cmp != Cmp::Gt, true));
                        has_low = true;
                    }
                    if matches!(bound.cmp, Cmp::Le | Cmp::Lt | Cmp::Eq) {
                        high = high.min(unit.bound(value, kind, bound.cmp != Cmp::Lt, false));
                        has_high = true;
                    }
                }
                if low <= high {
                    break;
                }
                if hard_only || !column_plan.bounds.iter().any(|bound| bound.soft) {
                    return Err(Failure::NoRoom(column));
                }
                hard_only = true;
                (low, high, has_low, has_high) =
                    (source.domain_low, source.domain_high, false, false);
            }
            let units = match (has_low, has_high) {
                (false, false) => match source.draw(rng) {
                    Some(units) => units,
                    None => return Err(Failure::Exhausted(column)),
                },
                (true, true) => source.between(low, high, rng),
                (true, false) => (low + source.between(0, source.gap, rng)).min(high),
                (false, true) => (high - source.between(0, source.gap, rng)).max(low),
            };
            slot_of(unit.value(units))
        }
        Source::Bool { p_true, dealer } => match dealer {
            Some(dealer) => match dealer.peek() {
                Some(value) => Slot::Bool(value == 1),
                None => return Err(Failure::Exhausted(column)),
            },
            None => Slot::Bool(rng.chance(*p_true)),
        },
        Source::Pick {
            values,
            default,
            dealer,
        } => {
            let index = match dealer {
                Some(dealer) => match dealer.peek() {
                    Some(index) => index as usize,
                    None => return Err(Failure::Exhausted(column)),
                },
                None => match default {
                    Some((index, share)) if rng.chance(*share) => *index,
                    _ => rng.index(values.len()),
                },
            };
            scratch.set(column, values[index].value());
            return Ok(());
        }
        Source::Text(source) => {
            source.write(attempt, context, rng, &mut scratch.texts[column]);
            Slot::Text
        }
        Source::Uuid => {
            let uuid = random_uuid(rng);
            if table.columns[column].column_type == ColumnType::Uuid {
                Slot::Uuid(uuid)
            } else {
                let text = &mut scratch.texts[column];
                text.clear();
                calendar::push_uuid(text, uuid);
                Slot::Text
            }
        }
        Source::Bytes { min, max } => {
            let bytes = &mut scratch.bytes[column];
            bytes.clear();
            let length = rng.between(*min as i64, *max as i64);
            for _ in 0..length {
                bytes.push(rng.next_u64() as u8);
            }
            Slot::Bytes
        }
        Source::MysqlPoint => {
            let bytes = &mut scratch.bytes[column];
            bytes.clear();
            // SRID 0, little-endian, type 1 (point), longitude and latitude.
            bytes.extend_from_slice(&[0, 0, 0, 0, 1, 1, 0, 0, 0]);
            let longitude = rng.between(-18_000, 18_000) as f64 / 100.0;
            let latitude = rng.between(-9_000, 9_000) as f64 / 100.0;
            bytes.extend_from_slice(&longitude.to_le_bytes());
            bytes.extend_from_slice(&latitude.to_le_bytes());
            Slot::Bytes
        }
    };
    scratch.slots[column] = slot;
    Ok(())
}

#[inline]
fn slot_of(value: Value<'_>) -> Slot {
    match value {
        Value::Int(v) => Slot::Int(v),
        Value::Decimal(v, s) => Slot::Decimal(v, s),
        Value::Float(v) => Slot::Float(v),
        Value::Date(v) => Slot::Date(v),
        Value::Time(v) => Slot::Time(v),
        Value::Timestamp(v) => Slot::Timestamp(v),
        _ => Slot::Null,
    }
}

/// The first unique key the row would repeat; fills `fingerprints` (0 for a key with a NULL).
#[inline]
fn duplicate(plan: &TablePlan, scratch: &Scratch, fingerprints: &mut [u64]) -> Option<usize> {
    for (index, unique) in plan.uniques.iter().enumerate() {
        let mut hash = 0x51_7cc1_b727_220a_u64;
        let mut null = false;
        for &column in &unique.columns {
            match value_hash(&scratch.value(column)) {
                Some(value) => hash = crate::rng::mix(hash ^ value),
                None => {
                    null = true;
                    break;
                }
            }
        }
        if null {
            fingerprints[index] = 0;
            continue;
        }
        let hash = hash.max(1);
        if unique.seen.contains(&hash) {
            return Some(index);
        }
        fingerprints[index] = hash;
    }
    None
}

fn record_tree(trees: &mut Trees, parent: Option<usize>, row: usize) {
    let depth = parent.map_or(0, |parent| trees.depth[parent].saturating_add(1));
    trees.depth.push(depth);
    if usize::from(depth) + 1 < TREE_DEPTH {
        trees.open.push(row as u32);
    }
}

fn explain(table: &Table, plan: &TablePlan, failure: Option<Failure>, row: usize) -> SeedError {
    let name = |column: usize| table.columns[column].name.clone();
    match failure {
        Some(Failure::Unique(index)) => {
            let unique = &plan.uniques[index];
            let columns: Vec<String> = unique.columns.iter().map(|&column| name(column)).collect();
            SeedError::unsatisfiable(
                &table.name,
                &columns[0],
                format!(
                    "after {row} rows, {ATTEMPTS} attempts found no new value for the unique key {} ({}); ask for fewer rows, give the columns more possible values, or add seed values",
                    unique.name,
                    columns.join(", ")
                ),
            )
        }
        Some(Failure::Check(index)) => {
            let check = &plan.checks[index];
            let column = check.columns.first().map_or_else(|| check.name.clone(), |&column| name(column));
            SeedError::unsatisfiable(
                &table.name,
                &column,
                format!(
                    "{ATTEMPTS} attempts found no row that satisfies the check {} ({}); give the columns it uses seed values or a seed range",
                    check.name, check.expression
                ),
            )
        }
        Some(Failure::Exhausted(column)) => SeedError::unsatisfiable(
            &table.name,
            &name(column),
            format!("after {row} rows there are no more distinct values to give it; ask for fewer rows"),
        ),
        Some(Failure::NoRoom(column)) => SeedError::unsatisfiable(
            &table.name,
            &name(column),
            "the checks comparing it with other columns leave no possible value for the values those columns took".to_string(),
        ),
        Some(Failure::NoParent(column)) => SeedError::unsatisfiable(
            &table.name,
            &name(column),
            format!("after {row} rows there is no parent row left to reference (each may be referenced once); ask for fewer rows"),
        ),
        None => SeedError::Table {
            table: table.name.clone(),
            reason: "no row could be generated".to_string(),
        },
    }
}
