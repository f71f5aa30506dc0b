//! Runs every generated query of a fixture on a real database, with bound parameters, and checks
//! what each one does.
//!
//! The SQL comes from the generated `queries/*.sql` files, read back at their `-- name:` lines
//! the way sqlc reads them; what to bind comes from the query set (which parameter stands for
//! which column). Valid rows come from the shared [`Filler`]: it fills every table first and
//! makes up the values of each new row, whose parents it inserts when they are missing.
//!
//! Per table: create → get → get by each unique key → every page of the list → count → update →
//! get → delete → get finds nothing (and a create that passes NULL for columns with a default
//! stores the defaults). Per foreign key: the children of a fresh parent are exactly the rows
//! created for it, page by page; the parent of a child is that parent; a fresh parent has no
//! children; and a create whose parent does not exist is refused as a foreign key violation.
//! Per many-to-many junction: link, list each side through the other, unlink. Any query that
//! does not run, or any query that never ran, fails the fixture.

pub(crate) mod cell;
pub(crate) mod parse;

use std::collections::{BTreeSet, HashMap};

use dbkit_generate::queries::{
    Command, JunctionSide, ParameterRole, Query, QueryKind, QuerySet, ResultColumn,
};
use dbkit_generate::{handshake_files, render_ddl, render_queries};
use dbkit_model::{Column, ColumnType, DefaultValue, ForeignKey, Table, TableKind};
use dbkit_tests::filler::{Filler, MISSING_SEED, Row};
use dbkit_tests::fixture_rows::hand_written;
use dbkit_tests::{Database, Fixture, Outcome, RejectionKind, Value};

pub(crate) use cell::{Answer, Cell, Executor, holds};
use parse::{ParsedQuery, parse_query_file};

/// The page size of every list query, small so that every list takes several pages.
const PAGE: i64 = 2;

/// Builds `fixture` on `db`, fills it, then runs every generated query through `executor` (a
/// second connection to the same database, binding parameters as a backend does).
pub(crate) fn check_fixture(
    fixture: &Fixture,
    db: &mut dyn Database,
    executor: &mut dyn Executor,
) -> Outcome {
    let dialect = db.dialect();
    let schema = &fixture.schema;
    let failed =
        |what: &str, error: &dyn std::fmt::Display| format!("{}: {what}: {error}", fixture.file);
    let scripts =
        render_ddl(schema, dialect).map_err(|error| failed("cannot render the DDL", &error))?;
    db.run_script(&scripts.create.render())?;
    let set = render_queries(schema, dialect)
        .map_err(|error| failed("cannot render the queries", &error))?;
    let files = handshake_files(schema, dialect)
        .map_err(|error| failed("cannot render the query files", &error))?;
    let mut parsed: HashMap<String, ParsedQuery> = HashMap::new();
    for file in files.iter().filter(|file| file.path.ends_with(".sql")) {
        for query in parse_query_file(&file.path, &file.contents)? {
            if let Some(first) = parsed.insert(query.name.clone(), query.clone()) {
                return Err(format!(
                    "{}: {} is in both {} and {}",
                    fixture.file, query.name, first.file, query.file
                ));
            }
        }
    }
    let generated: BTreeSet<String> = set.queries().map(|query| query.name.clone()).collect();
    let in_files: BTreeSet<String> = parsed.keys().cloned().collect();
    if generated != in_files {
        return Err(format!(
            "{}: the files hold other queries than the query set:\n  only in the set: {:?}\n  only in files: {:?}",
            fixture.file,
            generated.difference(&in_files).collect::<Vec<_>>(),
            in_files.difference(&generated).collect::<Vec<_>>()
        ));
    }
    for query in set.queries() {
        if parsed[&query.name].command != query.command {
            return Err(format!(
                "{}: {} has another command in its file",
                fixture.file, query.name
            ));
        }
    }
    let mut run = Run {
        fixture,
        db,
        executor,
        filler: Filler::new(schema, hand_written(&fixture.name)),
        set,
        parsed,
        executed: BTreeSet::new(),
    };
    run.filler.fill(&mut *run.db)?;
    for index in 0..schema.tables.len() {
        run.crud(index)?;
    }
    for (index, table) in schema.tables.iter().enumerate() {
        let sides = junction_sides(table);
        for key in &table.foreign_keys {
            if sides.is_some_and(|(left, right)| left.name == key.name || right.name == key.name) {
                continue;
            }
            run.relationship(index, key)?;
        }
        if let Some((left, right)) = sides {
            run.junction(index, left, right)?;
        }
    }
    let never: Vec<&String> = generated.difference(&run.executed).collect();
    if !never.is_empty() {
        return Err(format!(
            "{}: these queries never ran: {never:?}",
            fixture.file
        ));
    }
    Ok(())
}

/// Every fixture meant for `dialect` (its `[project] dialects` names it or is empty).
pub(crate) fn fixtures_for(dialect: &dyn dbkit_sdk::Dialect) -> Vec<Fixture> {
    let fixtures: Vec<Fixture> = dbkit_tests::all_fixtures()
        .into_iter()
        .filter(|fixture| fixture.targets(dialect))
        .collect();
    assert!(
        fixtures.len() > 1,
        "no fixture besides the example targets {}",
        dialect.info().name
    );
    fixtures
}

/// A junction table's foreign keys to its two sides (on its first and second columns).
fn junction_sides(table: &Table) -> Option<(&ForeignKey, &ForeignKey)> {
    let TableKind::Junction { .. } = table.kind else {
        return None;
    };
    let on = |position: usize| {
        let column = &table.columns.get(position)?.name;
        table
            .foreign_keys
            .iter()
            .find(|key| key.columns.len() == 1 && &key.columns[0] == column)
    };
    Some((on(0)?, on(1)?))
}

/// The primary key's columns of a table.
fn key_columns(table: &Table) -> Vec<&Column> {
    table
        .primary_key
        .iter()
        .flat_map(|key| key.columns.iter())
        .filter_map(|name| table.column(name))
        .collect()
}

/// The values a column's default stores, or `None` for a default the database computes (now).
fn default_value(column: &Column, default: &DefaultValue) -> Option<Value> {
    let numeric = matches!(
        column.column_type,
        ColumnType::Decimal { .. } | ColumnType::Real | ColumnType::Double
    );
    match default {
        DefaultValue::Integer(number) if numeric => Some(Value::Number(number.to_string())),
        DefaultValue::Integer(number) => Some(Value::Integer(*number)),
        DefaultValue::Number(text) => Some(Value::Number(text.clone())),
        DefaultValue::String(text) => Some(Value::Text(text.clone())),
        DefaultValue::Boolean(flag) => Some(Value::Boolean(*flag)),
        DefaultValue::CurrentTimestamp | DefaultValue::CurrentDate | DefaultValue::CurrentTime => {
            None
        }
    }
}

/// What to bind to a query's parameters, by role and column name.
#[derive(Default)]
struct Bind<'b> {
    values: Option<&'b Row>,
    matches: Option<&'b Row>,
    after: Option<&'b Row>,
}

/// One fixture's run.
struct Run<'a> {
    fixture: &'a Fixture,
    db: &'a mut dyn Database,
    executor: &'a mut dyn Executor,
    filler: Filler<'a>,
    set: QuerySet,
    parsed: HashMap<String, ParsedQuery>,
    executed: BTreeSet<String>,
}

impl<'a> Run<'a> {
    fn table(&self, index: usize) -> &'a Table {
        &self.fixture.schema.tables[index]
    }

    fn table_index(&self, name: &str) -> Outcome<usize> {
        self.filler.table_index(name)
    }

    /// The query of `table` whose kind is `kind`.
    fn find(&self, table: &str, kind: &QueryKind) -> Option<Query> {
        self.set
            .queries()
            .find(|query| query.table == table && &query.kind == kind)
            .cloned()
    }

    /// Like [`Run::find`], for a query every such table has.
    fn expect_query(&self, table: &str, kind: &QueryKind) -> Outcome<Query> {
        self.find(table, kind)
            .ok_or_else(|| format!("{}: table {table} has no {kind:?} query", self.fixture.file))
    }

    fn where_(&self, query: &Query) -> String {
        format!(
            "{} ({}, {})",
            self.fixture.file,
            self.executor.describe(),
            query.name
        )
    }

    /// The arguments of `query`, in placeholder order.
    fn arguments(&self, query: &Query, bind: &Bind<'_>, limit: i64) -> Outcome<Vec<Value>> {
        query
            .parameters
            .iter()
            .map(|parameter| {
                let source = match parameter.role {
                    ParameterRole::Value | ParameterRole::ValueOrDefault => bind.values,
                    ParameterRole::Match => bind.matches,
                    ParameterRole::After => bind.after,
                    ParameterRole::Limit => return Ok(Value::Integer(limit)),
                };
                let column = parameter.column.as_deref().unwrap_or_default();
                source
                    .and_then(|row| row.get(column))
                    .cloned()
                    .ok_or_else(|| {
                        format!(
                            "{}: no value to bind to {} ({column})",
                            self.where_(query),
                            parameter.name
                        )
                    })
            })
            .collect()
    }

    /// Runs `query` from its generated file; a refusal is returned, not reported.
    fn call(&mut self, query: &Query, arguments: &[Value]) -> Result<Answer, String> {
        let parsed = &self.parsed[&query.name];
        match self.executor.run(&parsed.sql, parsed.command, arguments) {
            Ok(answer) => {
                self.executed.insert(query.name.clone());
                Ok(answer)
            }
            Err(rejection) => Err(format!(
                "{}: the query failed: {rejection}\n  SQL: {}\n  arguments: {arguments:?}",
                self.where_(query),
                parsed.sql
            )),
        }
    }

    fn rows(&mut self, query: &Query, bind: &Bind<'_>, limit: i64) -> Outcome<Vec<Vec<Cell>>> {
        let arguments = self.arguments(query, bind, limit)?;
        match self.call(query, &arguments)? {
            Answer::Rows(rows) => {
                if let Some(row) = rows
                    .iter()
                    .find(|row| row.len() != query.result_columns.len())
                {
                    return Err(format!(
                        "{}: a row has {} columns, the query set says {}",
                        self.where_(query),
                        row.len(),
                        query.result_columns.len()
                    ));
                }
                if query.command == Command::One && rows.len() > 1 {
                    return Err(format!(
                        "{}: a :one query returned {} rows",
                        self.where_(query),
                        rows.len()
                    ));
                }
                Ok(rows)
            }
            other => Err(format!(
                "{}: expected rows, got {other:?}",
                self.where_(query)
            )),
        }
    }

    fn affected(&mut self, query: &Query, bind: &Bind<'_>) -> Outcome<u64> {
        let arguments = self.arguments(query, bind, PAGE)?;
        match self.call(query, &arguments)? {
            Answer::Affected(count) => Ok(count),
            other => Err(format!(
                "{}: expected a row count, got {other:?}",
                self.where_(query)
            )),
        }
    }

    fn expect_equal<T: PartialEq + std::fmt::Debug>(
        &self,
        query: &Query,
        what: &str,
        actual: T,
        expected: T,
    ) -> Outcome {
        if actual == expected {
            Ok(())
        } else {
            Err(format!(
                "{}: {what}: got {actual:?}, expected {expected:?}",
                self.where_(query)
            ))
        }
    }

    /// Checks each cell of a result row against the value `expected` gives for its column.
    fn check_cells(
        &self,
        query: &Query,
        cells: &[Cell],
        expected: &dyn Fn(&ResultColumn) -> Option<Value>,
    ) -> Outcome {
        for (column, cell) in query.result_columns.iter().zip(cells) {
            let Some(value) = expected(column) else {
                return Err(format!(
                    "{}: nothing to compare {} with",
                    self.where_(query),
                    column.name
                ));
            };
            if !holds(cell, &column.column_type, &value) {
                return Err(format!(
                    "{}: column {} is {cell:?}, expected {value:?}",
                    self.where_(query),
                    column.name
                ));
            }
        }
        Ok(())
    }

    /// Checks a result row of `table`'s own columns against `row`.
    fn check_row(&self, query: &Query, cells: &[Cell], row: &Row) -> Outcome {
        self.check_cells(query, cells, &|column| {
            column
                .column
                .as_ref()
                .and_then(|name| row.get(name))
                .cloned()
        })
    }

    /// A new valid row for `table`, not inserted; its parents are.
    fn candidate(&mut self, table: usize) -> Outcome<Row> {
        let seed = self.filler.fresh_seed();
        self.filler.candidate(&mut *self.db, table, seed, &[])
    }

    /// The table's create query and its arguments for `values`.
    fn create_with(&self, table_index: usize, values: &Row) -> Outcome<(Query, Vec<Value>)> {
        let table = self.table(table_index);
        let create = self.expect_query(&table.name, &QueryKind::Create)?;
        let arguments = self.arguments(
            &create,
            &Bind {
                values: Some(values),
                ..Bind::default()
            },
            PAGE,
        )?;
        Ok((create, arguments))
    }

    /// Inserts `values` with the table's create query and returns the row with its generated
    /// key.
    fn create_row(&mut self, table_index: usize, values: Row) -> Outcome<Row> {
        let table = self.table(table_index);
        let (create, arguments) = self.create_with(table_index, &values)?;
        let answer = self.call(&create, &arguments)?;
        self.complete_row(&create, table, values, answer)
    }

    /// The row as stored after a create: `values` plus the generated key from `answer`.
    fn complete_row(
        &self,
        create: &Query,
        table: &Table,
        values: Row,
        answer: Answer,
    ) -> Outcome<Row> {
        let generated: Vec<&Column> = table
            .columns
            .iter()
            .filter(|column| column.auto_increment)
            .collect();
        let mut row = values;
        match (answer, generated.as_slice()) {
            (Answer::Rows(rows), _) if rows.len() == 1 && rows[0].len() == generated.len() => {
                for (column, cell) in generated.iter().zip(&rows[0]) {
                    if *cell == Cell::Null {
                        return Err(format!(
                            "{}: RETURNING gave NULL for {}",
                            self.where_(create),
                            column.name
                        ));
                    }
                    row.insert(column.name.clone(), cell.to_value(&column.column_type));
                }
            }
            (Answer::LastId(id), [column]) if id > 0 => {
                row.insert(column.name.clone(), Value::Integer(id));
            }
            (Answer::Done, []) => {}
            (answer, _) => {
                return Err(format!(
                    "{}: the create gave {answer:?} for the generated columns {:?}",
                    self.where_(create),
                    generated
                        .iter()
                        .map(|column| &column.name)
                        .collect::<Vec<_>>()
                ));
            }
        }
        Ok(row)
    }

    /// A fresh row of `table`, created with its create query.
    fn create_fresh(&mut self, table: usize) -> Outcome<Row> {
        let values = self.candidate(table)?;
        self.create_row(table, values)
    }

    /// The key columns' values of `row`.
    fn key_of(&self, table: &Table, row: &Row) -> Outcome<Row> {
        key_columns(table)
            .iter()
            .map(|column| {
                row.get(&column.name)
                    .cloned()
                    .map(|value| (column.name.clone(), value))
                    .ok_or_else(|| {
                        format!(
                            "{}: a row of {} has no {}",
                            self.fixture.file, table.name, column.name
                        )
                    })
            })
            .collect()
    }

    fn count(&mut self, table: &Table) -> Outcome<i64> {
        let query = self.expect_query(&table.name, &QueryKind::Count)?;
        let rows = self.rows(&query, &Bind::default(), PAGE)?;
        match rows.as_slice() {
            [row] => match row
                .first()
                .and_then(Cell::text)
                .and_then(|text| text.parse().ok())
            {
                Some(count) => Ok(count),
                None => Err(format!("{}: the count is {row:?}", self.where_(&query))),
            },
            _ => Err(format!(
                "{}: {} rows for a count",
                self.where_(&query),
                rows.len()
            )),
        }
    }

    /// The row with `key`, read with the table's get query.
    fn get(&mut self, table: &Table, key: &Row) -> Outcome<(Query, Option<Vec<Cell>>)> {
        let query = self.expect_query(&table.name, &QueryKind::Get)?;
        let rows = self.rows(
            &query,
            &Bind {
                matches: Some(key),
                ..Bind::default()
            },
            PAGE,
        )?;
        Ok((query, rows.into_iter().next()))
    }

    /// Every page of a list: `first`, then `after` with the last row's key until a short page
    /// (or, without `after`, one page of all rows). `key` names the listed table's key columns;
    /// the result must be in key order without repeats. Returns every row.
    fn pages(
        &mut self,
        first: &Query,
        after: Option<&Query>,
        matches: &Row,
        key: &[&Column],
    ) -> Outcome<Vec<Vec<Cell>>> {
        let key_positions: Vec<(usize, &Column)> = key
            .iter()
            .filter_map(|column| {
                first
                    .result_columns
                    .iter()
                    .position(|result| result.column.as_deref() == Some(column.name.as_str()))
                    .map(|position| (position, *column))
            })
            .collect();
        let bind = Bind {
            matches: Some(matches),
            ..Bind::default()
        };
        if after.is_none() {
            // Without a key to page by there is one page: ask for more rows than there are.
            return self.rows(first, &bind, 10_000);
        }
        let mut page = self.rows(first, &bind, PAGE)?;
        let mut all: Vec<Vec<Cell>> = Vec::new();
        let mut called_after = false;
        for _ in 0..10_000 {
            if page.len() as i64 > PAGE {
                return Err(format!(
                    "{}: a page of {} rows for a limit of {PAGE}",
                    self.where_(first),
                    page.len()
                ));
            }
            let short = (page.len() as i64) < PAGE;
            let last = page.last().cloned();
            all.extend(page);
            let (Some(last), Some(after)) = (last, after) else {
                break;
            };
            if short && called_after {
                break;
            }
            let cursor: Row = key_positions
                .iter()
                .map(|(position, column)| {
                    (
                        column.name.clone(),
                        last[*position].to_value(&column.column_type),
                    )
                })
                .collect();
            page = self.rows(
                after,
                &Bind {
                    matches: Some(matches),
                    after: Some(&cursor),
                    ..Bind::default()
                },
                PAGE,
            )?;
            called_after = true;
        }
        if !key.is_empty() {
            let keys: Vec<Vec<Option<String>>> = all
                .iter()
                .map(|row| {
                    key_positions
                        .iter()
                        .map(|(position, _)| row[*position].text())
                        .collect()
                })
                .collect();
            let distinct: BTreeSet<&Vec<Option<String>>> = keys.iter().collect();
            if distinct.len() != keys.len() {
                return Err(format!(
                    "{}: the pages repeat rows: {keys:?}",
                    self.where_(first)
                ));
            }
            if let [(_, column)] = key_positions.as_slice()
                && column.column_type.is_integer()
            {
                let numbers: Vec<i64> = keys
                    .iter()
                    .filter_map(|key| key[0].as_ref().and_then(|text| text.parse().ok()))
                    .collect();
                if numbers.windows(2).any(|pair| pair[0] >= pair[1]) {
                    return Err(format!(
                        "{}: the pages are not in key order: {numbers:?}",
                        self.where_(first)
                    ));
                }
            }
        }
        Ok(all)
    }

    /// Whether a result row holds the key of `row` (a row of `table`).
    fn has_key(query: &Query, cells: &[Cell], table: &Table, row: &Row) -> bool {
        key_columns(table).iter().all(|column| {
            let position = query.result_columns.iter().position(|result| {
                result.table.as_deref() == Some(table.name.as_str())
                    && result.column.as_deref() == Some(column.name.as_str())
            });
            match (position, row.get(&column.name)) {
                (Some(position), Some(value)) => {
                    holds(&cells[position], &column.column_type, value)
                }
                _ => false,
            }
        })
    }

    /// Create → get → get by unique keys → list → count → update → get → delete → get.
    fn crud(&mut self, table_index: usize) -> Outcome {
        let table = self.table(table_index);
        let key = key_columns(table);
        self.defaults(table_index)?;
        let before = self.count(table)?;
        let row = self.create_fresh(table_index)?;
        let count = self.count(table)?;
        if count != before + 1 {
            return Err(format!(
                "{}: {} has {count} rows after a create, not {}",
                self.fixture.file,
                table.name,
                before + 1
            ));
        }
        for query in self
            .set
            .queries()
            .filter(|query| query.table == table.name)
            .cloned()
            .collect::<Vec<_>>()
        {
            let QueryKind::GetByUnique { columns } = &query.kind else {
                continue;
            };
            let rows = self.rows(
                &query,
                &Bind {
                    matches: Some(&row),
                    ..Bind::default()
                },
                PAGE,
            )?;
            let has_null = columns
                .iter()
                .any(|column| matches!(row.get(column), None | Some(Value::Null)));
            match (rows.as_slice(), has_null) {
                ([found], false) => self.check_row(&query, found, &row)?,
                ([], true) => {}
                (rows, _) => {
                    return Err(format!(
                        "{}: {} rows for a unique key{}",
                        self.where_(&query),
                        rows.len(),
                        if has_null { " holding NULL" } else { "" }
                    ));
                }
            }
        }
        let list = self.expect_query(&table.name, &QueryKind::List { after: false })?;
        if key.is_empty() {
            let rows = self.rows(&list, &Bind::default(), count + 1)?;
            self.expect_equal(&list, "rows listed", rows.len() as i64, count)?;
            if !rows
                .iter()
                .any(|cells| self.check_row(&list, cells, &row).is_ok())
            {
                return Err(format!(
                    "{}: the new row is not in the list",
                    self.where_(&list)
                ));
            }
            return Ok(());
        }
        let after = self.expect_query(&table.name, &QueryKind::List { after: true })?;
        let listed = self.pages(&list, Some(&after), &Row::new(), &key)?;
        self.expect_equal(&list, "rows over all pages", listed.len() as i64, count)?;
        let found: Vec<&Vec<Cell>> = listed
            .iter()
            .filter(|cells| Self::has_key(&list, cells, table, &row))
            .collect();
        match found.as_slice() {
            [cells] => self.check_row(&list, cells, &row)?,
            _ => {
                return Err(format!(
                    "{}: the new row is listed {} times",
                    self.where_(&list),
                    found.len()
                ));
            }
        }
        let key_row = self.key_of(table, &row)?;
        let (get, cells) = self.get(table, &key_row)?;
        match cells {
            Some(cells) => self.check_row(&get, &cells, &row)?,
            None => return Err(format!("{}: the new row is not found", self.where_(&get))),
        }
        let update = self.find(&table.name, &QueryKind::Update);
        if let Some(update) = &update {
            let fresh = self.candidate(table_index)?;
            let mut changed = row.clone();
            for column in &table.columns {
                if !column.auto_increment
                    && !key_row.contains_key(&column.name)
                    && let Some(value) = fresh.get(&column.name)
                {
                    changed.insert(column.name.clone(), value.clone());
                }
            }
            let count = self.affected(
                update,
                &Bind {
                    values: Some(&changed),
                    matches: Some(&key_row),
                    ..Bind::default()
                },
            )?;
            self.expect_equal(update, "rows changed", count, 1)?;
            let (get, cells) = self.get(table, &key_row)?;
            match cells {
                Some(cells) => self.check_row(&get, &cells, &changed)?,
                None => return Err(format!("{}: the updated row is gone", self.where_(&get))),
            }
        }
        let delete = self.expect_query(&table.name, &QueryKind::Delete)?;
        let deleted = self.affected(
            &delete,
            &Bind {
                matches: Some(&key_row),
                ..Bind::default()
            },
        )?;
        self.expect_equal(&delete, "rows deleted", deleted, 1)?;
        let (get, cells) = self.get(table, &key_row)?;
        if cells.is_some() {
            return Err(format!(
                "{}: the deleted row is still found",
                self.where_(&get)
            ));
        }
        let count = self.count(table)?;
        self.expect_equal(&delete, "rows after the delete", count, before)?;
        let again = self.affected(
            &delete,
            &Bind {
                matches: Some(&key_row),
                ..Bind::default()
            },
        )?;
        self.expect_equal(&delete, "rows deleted the second time", again, 0)?;
        if let Some(update) = &update {
            let values = self.candidate(table_index)?;
            let mut missing = values;
            missing.extend(key_row.clone());
            let changed = self.affected(
                update,
                &Bind {
                    values: Some(&missing),
                    matches: Some(&key_row),
                    ..Bind::default()
                },
            )?;
            self.expect_equal(update, "rows changed for a missing key", changed, 0)?;
        }
        Ok(())
    }

    /// A create that passes NULL for each NOT NULL column with a default stores the default.
    /// Columns of a foreign key keep their values (a default need not point at a real parent).
    fn defaults(&mut self, table_index: usize) -> Outcome {
        let table = self.table(table_index);
        let create = self.expect_query(&table.name, &QueryKind::Create)?;
        let in_foreign_key = |name: &str| {
            table
                .foreign_keys
                .iter()
                .any(|key| key.columns.iter().any(|column| column == name))
        };
        let defaulted: Vec<&Column> = create
            .parameters
            .iter()
            .filter(|parameter| parameter.role == ParameterRole::ValueOrDefault)
            .filter_map(|parameter| parameter.column.as_deref())
            .filter(|name| !in_foreign_key(name))
            .filter_map(|name| table.column(name))
            .collect();
        if defaulted.is_empty() {
            return Ok(());
        }
        let mut values = self.candidate(table_index)?;
        for column in &defaulted {
            values.insert(column.name.clone(), Value::Null);
        }
        let row = self.create_row(table_index, values)?;
        if key_columns(table).is_empty() {
            return Ok(());
        }
        let key_row = self.key_of(table, &row)?;
        let (get, cells) = self.get(table, &key_row)?;
        let Some(cells) = cells else {
            return Err(format!(
                "{}: the row created with defaults is not found",
                self.where_(&get)
            ));
        };
        for (result, cell) in get.result_columns.iter().zip(&cells) {
            let Some(column) = defaulted
                .iter()
                .find(|column| Some(&column.name) == result.column.as_ref())
            else {
                continue;
            };
            let expected = column
                .default
                .as_ref()
                .and_then(|default| default_value(column, default));
            let right = match &expected {
                Some(value) => holds(cell, &column.column_type, value),
                None => *cell != Cell::Null,
            };
            if !right {
                return Err(format!(
                    "{}: {} is {cell:?} after a create with NULL, expected its default {:?}",
                    self.where_(&create),
                    column.name,
                    column.default
                ));
            }
        }
        let delete = self.expect_query(&table.name, &QueryKind::Delete)?;
        let deleted = self.affected(
            &delete,
            &Bind {
                matches: Some(&key_row),
                ..Bind::default()
            },
        )?;
        self.expect_equal(&delete, "rows deleted", deleted, 1)
    }

    /// The values of `key`'s columns that point at `parent`.
    fn pointing_at(&self, key: &ForeignKey, parent: &Row) -> Outcome<Row> {
        key.columns
            .iter()
            .zip(&key.referenced_columns)
            .map(|(column, referenced)| match parent.get(referenced) {
                Some(value) if *value != Value::Null => Ok((column.clone(), value.clone())),
                _ => Err(format!(
                    "{}: the parent row has no {referenced} for {}",
                    self.fixture.file, key.name
                )),
            })
            .collect()
    }

    /// A create whose foreign key points at no row is refused as a foreign key violation.
    fn refuses_missing_parent(&mut self, table_index: usize, key: &ForeignKey) -> Outcome {
        let table = self.table(table_index);
        let mut values = self.candidate(table_index)?;
        let seed = self.filler.fresh_seed();
        for column in &key.columns {
            if let Some(definition) = table.column(column) {
                values.insert(
                    column.clone(),
                    Value::for_type(&definition.column_type, MISSING_SEED + seed),
                );
            }
        }
        let (create, arguments) = self.create_with(table_index, &values)?;
        let parsed = &self.parsed[&create.name];
        match self.executor.run(&parsed.sql, parsed.command, &arguments) {
            Err(rejection) if rejection.kind == RejectionKind::ForeignKey => Ok(()),
            Err(rejection) => Err(format!(
                "{}: a row with a missing parent for {} was refused, but not as a foreign key violation: {rejection}",
                self.where_(&create),
                key.name
            )),
            Ok(answer) => Err(format!(
                "{}: a row with a missing parent for {} was accepted ({answer:?}); arguments: {arguments:?}",
                self.where_(&create),
                key.name
            )),
        }
    }

    /// The children of a fresh parent, its parent, a childless parent and a missing parent.
    fn relationship(&mut self, child_index: usize, key: &ForeignKey) -> Outcome {
        let child = self.table(child_index);
        let parent_index = self.table_index(&key.referenced_table)?;
        let parent_table = self.table(parent_index);
        let parent = self.create_fresh(parent_index)?;
        let pointing = self.pointing_at(key, &parent)?;
        let count = if child.has_unique_key(&key.columns) {
            1
        } else {
            3
        };
        let mut children = Vec::new();
        for _ in 0..count {
            let mut values = self.candidate(child_index)?;
            values.extend(pointing.clone());
            children.push(self.create_row(child_index, values)?);
        }
        let first = self.expect_query(
            &child.name,
            &QueryKind::ListChildren {
                foreign_key: key.name.clone(),
                after: false,
            },
        )?;
        let after = self.find(
            &child.name,
            &QueryKind::ListChildren {
                foreign_key: key.name.clone(),
                after: true,
            },
        );
        let child_key = key_columns(child);
        let listed = self.pages(&first, after.as_ref(), &pointing, &child_key)?;
        self.expect_equal(&first, "children listed", listed.len(), children.len())?;
        for row in &children {
            let found = listed.iter().find(|cells| {
                if child_key.is_empty() {
                    self.check_row(&first, cells, row).is_ok()
                } else {
                    Self::has_key(&first, cells, child, row)
                }
            });
            match found {
                Some(cells) => self.check_row(&first, cells, row)?,
                None => {
                    return Err(format!(
                        "{}: a child of the parent is not listed: {row:?}",
                        self.where_(&first)
                    ));
                }
            }
        }
        let childless = self.create_fresh(parent_index)?;
        let nobody = self.pointing_at(key, &childless)?;
        let listed = self.pages(&first, after.as_ref(), &nobody, &child_key)?;
        self.expect_equal(&first, "children of a parent without any", listed.len(), 0)?;
        if let Some(get_parent) = self.find(
            &child.name,
            &QueryKind::GetParent {
                foreign_key: key.name.clone(),
            },
        ) {
            let child_row = self.key_of(child, &children[0])?;
            let rows = self.rows(
                &get_parent,
                &Bind {
                    matches: Some(&child_row),
                    ..Bind::default()
                },
                PAGE,
            )?;
            match rows.as_slice() {
                [cells] => self.check_row(&get_parent, cells, &parent)?,
                _ => {
                    return Err(format!(
                        "{}: {} rows for the parent",
                        self.where_(&get_parent),
                        rows.len()
                    ));
                }
            }
            let nullable = key
                .columns
                .iter()
                .all(|name| child.column(name).is_some_and(|column| column.nullable));
            if nullable {
                let mut values = self.candidate(child_index)?;
                for column in &key.columns {
                    values.insert(column.clone(), Value::Null);
                }
                let orphan = self.create_row(child_index, values)?;
                let orphan_key = self.key_of(child, &orphan)?;
                let rows = self.rows(
                    &get_parent,
                    &Bind {
                        matches: Some(&orphan_key),
                        ..Bind::default()
                    },
                    PAGE,
                )?;
                self.expect_equal(
                    &get_parent,
                    "parents of a row whose key is NULL",
                    rows.len(),
                    0,
                )?;
            }
        }
        let _ = parent_table;
        self.refuses_missing_parent(child_index, key)
    }

    /// Link rows of both sides, list each side through the other, unlink.
    fn junction(
        &mut self,
        junction_index: usize,
        left: &ForeignKey,
        right: &ForeignKey,
    ) -> Outcome {
        let junction = self.table(junction_index);
        let left_index = self.table_index(&left.referenced_table)?;
        let right_index = self.table_index(&right.referenced_table)?;
        let lefts = vec![
            self.create_fresh(left_index)?,
            self.create_fresh(left_index)?,
        ];
        let rights = vec![
            self.create_fresh(right_index)?,
            self.create_fresh(right_index)?,
            self.create_fresh(right_index)?,
        ];
        let mut links: Vec<(usize, usize, Row)> = Vec::new();
        for (l, r) in [(0, 0), (0, 1), (1, 0)] {
            let mut values = self.candidate(junction_index)?;
            values.extend(self.pointing_at(left, &lefts[l])?);
            values.extend(self.pointing_at(right, &rights[r])?);
            links.push((l, r, self.create_row(junction_index, values)?));
        }
        let expectations: [(JunctionSide, usize, Vec<usize>); 4] = [
            (JunctionSide::Left, 0, vec![0, 1]),
            (JunctionSide::Left, 1, vec![0]),
            (JunctionSide::Right, 0, vec![0, 1]),
            (JunctionSide::Right, 2, vec![]),
        ];
        for (from, row, expected) in expectations {
            self.through(
                junction,
                (left, right),
                (&lefts, &rights),
                &links,
                from,
                row,
                &expected,
            )?;
        }
        let unlink = self.expect_query(&junction.name, &QueryKind::Delete)?;
        let link_key = self.key_of(junction, &links[1].2)?;
        let removed = self.affected(
            &unlink,
            &Bind {
                matches: Some(&link_key),
                ..Bind::default()
            },
        )?;
        self.expect_equal(&unlink, "links removed", removed, 1)?;
        let remaining: Vec<(usize, usize, Row)> = links
            .into_iter()
            .filter(|(l, r, _)| (*l, *r) != (0, 1))
            .collect();
        self.through(
            junction,
            (left, right),
            (&lefts, &rights),
            &remaining,
            JunctionSide::Left,
            0,
            &[0],
        )?;
        self.refuses_missing_parent(junction_index, left)?;
        self.refuses_missing_parent(junction_index, right)
    }

    /// Lists the rows linked to row `row` of side `from`, and checks they are exactly the rows
    /// `expected` of the other side, with the link's own columns.
    #[allow(clippy::too_many_arguments)]
    fn through(
        &mut self,
        junction: &Table,
        (left, right): (&ForeignKey, &ForeignKey),
        (lefts, rights): (&[Row], &[Row]),
        links: &[(usize, usize, Row)],
        from: JunctionSide,
        row: usize,
        expected: &[usize],
    ) -> Outcome {
        let (from_key, to_key, from_rows, to_rows) = match from {
            JunctionSide::Left => (left, right, lefts, rights),
            JunctionSide::Right => (right, left, rights, lefts),
        };
        let target_index = self.table_index(&to_key.referenced_table)?;
        let target = self.table(target_index);
        let first = self.expect_query(
            &junction.name,
            &QueryKind::ListThrough { from, after: false },
        )?;
        let after = self.expect_query(
            &junction.name,
            &QueryKind::ListThrough { from, after: true },
        )?;
        let matches = self.pointing_at(from_key, &from_rows[row])?;
        let listed = self.pages(&first, Some(&after), &matches, &key_columns(target))?;
        self.expect_equal(&first, "rows linked", listed.len(), expected.len())?;
        for &other in expected {
            let Some(cells) = listed
                .iter()
                .find(|cells| Self::has_key(&first, cells, target, &to_rows[other]))
            else {
                return Err(format!(
                    "{}: a linked row is missing: {:?}",
                    self.where_(&first),
                    to_rows[other]
                ));
            };
            let link = links
                .iter()
                .find(|(l, r, _)| match from {
                    JunctionSide::Left => (*l, *r) == (row, other),
                    JunctionSide::Right => (*l, *r) == (other, row),
                })
                .map(|(_, _, link)| link.clone())
                .unwrap_or_default();
            let target_row = &to_rows[other];
            self.check_cells(&first, cells, &|column| {
                let name = column.column.as_ref()?;
                if column.table.as_deref() == Some(target.name.as_str()) {
                    target_row.get(name).cloned()
                } else {
                    link.get(name).cloned()
                }
            })?;
        }
        Ok(())
    }
}
