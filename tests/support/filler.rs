//! Fills a built schema with valid rows made up from the model: parents before children, every
//! foreign key pointing at a real parent row, cycles closed with an UPDATE.

use std::collections::{BTreeMap, HashMap};

use dbkit_model::{ColumnType, Schema, Table, creation_order};

use crate::Outcome;
use crate::database::Database;
use crate::fixture_rows::HandWritten;
use crate::value::Value;

/// One row's values by column name. Auto-increment columns hold the value the database gave.
pub type Row = BTreeMap<String, Value>;

/// Seeds from here on make values that no row in the database has (missing parents, new keys).
pub const MISSING_SEED: u32 = 20_000;

/// How far apart the parent rows are that two foreign keys to the same table point at.
const SAME_PARENT_STRIDE: u32 = 1_000;

/// A foreign key left NULL while its row was inserted, because the parent row was not there yet.
#[derive(Debug, Clone, Copy)]
struct PendingLink {
    table: usize,
    seed: u32,
    foreign_key: usize,
    parent_seed: u32,
}

/// Inserts valid rows into a schema built from `schema`, remembering every row it inserted.
///
/// Each row is known by its table and a seed number; the values of a row are made up from the
/// seed ([`Value::for_type`]) unless the fixture has hand-written ones. A row's foreign keys
/// point at the parent row with the same seed (inserted first when missing), so that fresh seeds
/// give rows that share nothing with the rows already there.
pub struct Filler<'a> {
    schema: &'a Schema,
    hand_written: HandWritten,
    rows: HashMap<(usize, u32), Row>,
    in_progress: Vec<(usize, u32)>,
    pending: Vec<PendingLink>,
    deferred: Vec<(usize, usize)>,
    next_seed: u32,
}

impl<'a> Filler<'a> {
    /// A filler for an empty database built from `schema`.
    pub fn new(schema: &'a Schema, hand_written: HandWritten) -> Self {
        Filler {
            schema,
            hand_written,
            rows: HashMap::new(),
            in_progress: Vec::new(),
            pending: Vec::new(),
            deferred: creation_order(schema)
                .deferred
                .iter()
                .map(|key| (key.table, key.foreign_key))
                .collect(),
            next_seed: 10,
        }
    }

    /// The schema being filled.
    pub fn schema(&self) -> &'a Schema {
        self.schema
    }

    /// The hand-written values of the fixture.
    pub fn hand_written(&self) -> &HandWritten {
        &self.hand_written
    }

    /// A seed no row has used yet.
    pub fn fresh_seed(&mut self) -> u32 {
        self.next_seed += 1;
        self.next_seed
    }

    /// The index of the table called `name`.
    pub fn table_index(&self, name: &str) -> Outcome<usize> {
        self.schema
            .tables
            .iter()
            .position(|table| table.name == name)
            .ok_or_else(|| format!("no table \"{name}\" in the schema"))
    }

    /// The rows inserted into table `table`, in seed order.
    pub fn rows_of(&self, table: usize) -> Vec<&Row> {
        let mut rows: Vec<(&u32, &Row)> = self
            .rows
            .iter()
            .filter(|((index, _), _)| *index == table)
            .map(|((_, seed), row)| (seed, row))
            .collect();
        rows.sort_by_key(|(seed, _)| **seed);
        rows.into_iter().map(|(_, row)| row).collect()
    }

    /// Fills every table with two rows (seeds 1 and 2), parents first, then points the foreign
    /// keys that were left NULL (cycles, self-references) at real rows with an UPDATE.
    pub fn fill(&mut self, db: &mut dyn Database) -> Outcome {
        for &table in &creation_order(self.schema).tables {
            for seed in [1, 2] {
                self.ensure(db, table, seed)?;
            }
        }
        let pending = std::mem::take(&mut self.pending);
        for link in pending {
            self.link(db, link)?;
        }
        for (table_index, table) in self.schema.tables.iter().enumerate() {
            for (key_index, key) in table.foreign_keys.iter().enumerate() {
                if key.referenced_table == table.name {
                    self.link(
                        db,
                        PendingLink {
                            table: table_index,
                            seed: 2,
                            foreign_key: key_index,
                            parent_seed: 1,
                        },
                    )?;
                }
            }
        }
        Ok(())
    }

    /// The row of `table` with `seed`, inserting it (and its missing parents) if needed.
    pub fn ensure(&mut self, db: &mut dyn Database, table: usize, seed: u32) -> Outcome<Row> {
        if let Some(row) = self.rows.get(&(table, seed)) {
            return Ok(row.clone());
        }
        let values = self.candidate(db, table, seed, &[])?;
        self.insert(db, table, seed, values)
    }

    /// The values of a new valid row of `table` with `seed`, not inserted yet: its parents are
    /// inserted, auto-increment columns are left out. `parents` points chosen foreign keys (by
    /// index) at the parent row with the given seed instead of the usual one.
    pub fn candidate(
        &mut self,
        db: &mut dyn Database,
        table_index: usize,
        seed: u32,
        parents: &[(usize, u32)],
    ) -> Outcome<Row> {
        let schema = self.schema;
        let table = &schema.tables[table_index];
        self.in_progress.push((table_index, seed));
        let result = self.candidate_values(db, table_index, table, seed, parents);
        self.in_progress
            .retain(|entry| *entry != (table_index, seed));
        result
    }

    fn candidate_values(
        &mut self,
        db: &mut dyn Database,
        table_index: usize,
        table: &Table,
        seed: u32,
        parents: &[(usize, u32)],
    ) -> Outcome<Row> {
        let mut values = Row::new();
        let mut parents_seen: Vec<&str> = Vec::new();
        for (key_index, key) in table.foreign_keys.iter().enumerate() {
            if key.columns.iter().any(|column| values.contains_key(column)) {
                continue;
            }
            let parent_index = self.table_index(&key.referenced_table)?;
            let repeats = parents_seen
                .iter()
                .filter(|name| **name == key.referenced_table)
                .count() as u32;
            parents_seen.push(&key.referenced_table);
            let chosen = parents
                .iter()
                .find(|(index, _)| *index == key_index)
                .map(|(_, seed)| *seed);
            let parent_seed = chosen.unwrap_or(seed + SAME_PARENT_STRIDE * repeats);
            let nullable = key
                .columns
                .iter()
                .all(|name| table.column(name).is_some_and(|column| column.nullable));
            let closes_cycle = self.deferred.contains(&(table_index, key_index)) && nullable;
            let parent_row = if let Some(row) = self.rows.get(&(parent_index, parent_seed)) {
                Some(row.clone())
            } else if parent_index == table_index
                || closes_cycle
                || self.in_progress.contains(&(parent_index, parent_seed))
            {
                if !nullable {
                    return Err(format!(
                        "cannot fill {}.{}: a NOT NULL foreign key to a row that cannot exist yet \
                         (a self-reference or a cycle); it needs hand-written rows",
                        table.name,
                        key.columns.join(", ")
                    ));
                }
                if parent_index != table_index {
                    self.pending.push(PendingLink {
                        table: table_index,
                        seed,
                        foreign_key: key_index,
                        parent_seed,
                    });
                }
                None
            } else {
                Some(self.ensure(db, parent_index, parent_seed)?)
            };
            for (column, referenced) in key.columns.iter().zip(&key.referenced_columns) {
                let value = match &parent_row {
                    Some(row) => row.get(referenced).cloned().ok_or_else(|| {
                        format!(
                            "the row of {} has no value for {referenced}",
                            key.referenced_table
                        )
                    })?,
                    None => Value::Null,
                };
                values.insert(column.clone(), value);
            }
        }
        for column in &table.columns {
            if column.auto_increment || values.contains_key(&column.name) {
                continue;
            }
            let value = self
                .hand_written
                .valid_value(&table.name, &column.name, seed)
                .unwrap_or_else(|| Value::for_type(&column.column_type, seed));
            values.insert(column.name.clone(), value);
        }
        Ok(values)
    }

    /// Inserts `values` as the row of `table` with `seed`, reads back its auto-increment values,
    /// and remembers it.
    pub fn insert(
        &mut self,
        db: &mut dyn Database,
        table_index: usize,
        seed: u32,
        values: Row,
    ) -> Outcome<Row> {
        let table = &self.schema.tables[table_index];
        let sql = insert_sql(db, table, &values);
        db.execute(&sql).map_err(|rejection| {
            format!(
                "{}: a valid row of {} was refused: {rejection}\n  SQL: {sql}\n  \
                 (if a CHECK refused a made-up value, add a valid value for the fixture in \
                 tests/support/fixture_rows.rs)",
                db.describe(),
                table.name
            )
        })?;
        let mut row = values;
        for column in table.columns.iter().filter(|column| column.auto_increment) {
            if !row.contains_key(&column.name) {
                row.insert(column.name.clone(), Value::Integer(db.last_insert_id()?));
            }
        }
        self.rows.insert((table_index, seed), row.clone());
        Ok(row)
    }

    /// Points foreign key `link.foreign_key` of a row at its parent row with an UPDATE.
    fn link(&mut self, db: &mut dyn Database, link: PendingLink) -> Outcome {
        let schema = self.schema;
        let table = &schema.tables[link.table];
        let key = &table.foreign_keys[link.foreign_key];
        let parent_index = self.table_index(&key.referenced_table)?;
        let parent = self.ensure(db, parent_index, link.parent_seed)?;
        let Some(row) = self.rows.get(&(link.table, link.seed)).cloned() else {
            return Err(format!("no row {} of {} to link", link.seed, table.name));
        };
        let mut assignments = Vec::new();
        let mut updated = row.clone();
        for (column, referenced) in key.columns.iter().zip(&key.referenced_columns) {
            let value = parent.get(referenced).cloned().unwrap_or(Value::Null);
            assignments.push(format!(
                "{} = {}",
                db.quote(column),
                value.sql(db.dialect())
            ));
            updated.insert(column.clone(), value);
        }
        let sql = format!(
            "UPDATE {} SET {} WHERE {}",
            db.quote(&table.name),
            assignments.join(", "),
            row_filter(db, table, &row, &[])
        );
        let changed = db.execute_ok(&sql)?;
        if changed != 1 {
            return Err(format!(
                "{}: linking {} changed {changed} rows, not 1\n  SQL: {sql}",
                db.describe(),
                key.name
            ));
        }
        self.rows.insert((link.table, link.seed), updated);
        Ok(())
    }
}

/// `INSERT INTO table (columns) VALUES (values)` for `values`.
pub fn insert_sql(db: &dyn Database, table: &Table, values: &Row) -> String {
    let ordered: Vec<(&String, &Value)> = table
        .columns
        .iter()
        .filter_map(|column| values.get_key_value(&column.name))
        .collect();
    if ordered.is_empty() {
        return if db.dialect().info().name == "mysql" {
            format!("INSERT INTO {} () VALUES ()", db.quote(&table.name))
        } else {
            format!("INSERT INTO {} DEFAULT VALUES", db.quote(&table.name))
        };
    }
    format!(
        "INSERT INTO {} ({}) VALUES ({})",
        db.quote(&table.name),
        ordered
            .iter()
            .map(|(name, _)| db.quote(name))
            .collect::<Vec<_>>()
            .join(", "),
        ordered
            .iter()
            .map(|(_, value)| value.sql(db.dialect()))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// A WHERE condition that finds exactly `row` of `table` without looking at `excluded` columns:
/// its primary key, else a unique key, else all its comparable non-NULL columns.
pub fn row_filter(db: &dyn Database, table: &Table, row: &Row, excluded: &[String]) -> String {
    let usable = |columns: &[String]| {
        columns.iter().all(|column| {
            !excluded.contains(column) && row.get(column).is_some_and(|value| *value != Value::Null)
        })
    };
    let keys = table
        .primary_key
        .iter()
        .map(|key| key.columns.clone())
        .chain(
            table
                .unique_constraints
                .iter()
                .map(|key| key.columns.clone()),
        );
    let columns: Vec<String> = match keys.into_iter().find(|columns| usable(columns)) {
        Some(columns) => columns,
        None => table
            .columns
            .iter()
            .filter(|column| {
                !matches!(
                    column.column_type,
                    ColumnType::Real | ColumnType::Double | ColumnType::Json | ColumnType::Blob
                )
            })
            .map(|column| column.name.clone())
            .filter(|column| usable(std::slice::from_ref(column)))
            .collect(),
    };
    if columns.is_empty() {
        // Nothing identifies the row: match none rather than every row.
        return "1 = 0".to_string();
    }
    columns
        .iter()
        .map(|column| {
            let value = row.get(column).cloned().unwrap_or(Value::Null);
            format!("{} = {}", db.quote(column), value.sql(db.dialect()))
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}
