//! Checks for seeded databases: every rule of the schema is asked of the database itself (no
//! orphan, no duplicate key, no NULL in a NOT NULL column, every CHECK holds), not taken on the
//! generator's word.

use dbkit_model::{Schema, Table};
use dbkit_seed::{Dataset, SeedOptions};

use crate::Outcome;
use crate::database::Database;

/// The options the seeding tests generate with: `rows` per table and a fixed seed.
pub fn options(rows: u64, seed: u64) -> SeedOptions {
    SeedOptions {
        rows_default: Some(rows),
        seed,
        ..SeedOptions::default()
    }
}

/// Generates a dataset, failing with the generator's message.
pub fn dataset(schema: &Schema, options: &SeedOptions, what: &str) -> Dataset {
    dbkit_seed::generate(schema, options)
        .unwrap_or_else(|error| panic!("{what}: cannot generate sample data: {error}"))
}

/// Checks every rule of `schema` against the rows in `database`, and that each table holds the
/// number of rows `expected` gives (by table name).
pub fn verify(
    database: &mut dyn Database,
    schema: &Schema,
    expected: &dyn Fn(&str) -> Option<u64>,
) -> Outcome {
    for table in &schema.tables {
        let quoted = database.quote(&table.name);
        if let Some(rows) = expected(&table.name) {
            let found = database.query_integer(&format!("SELECT COUNT(*) FROM {quoted}"))?;
            if found != rows as i64 {
                return Err(format!(
                    "{}: {} holds {found} rows, expected {rows}",
                    database.describe(),
                    table.name
                ));
            }
        }
        for column in table.columns.iter().filter(|column| !column.nullable) {
            let sql = format!(
                "SELECT COUNT(*) FROM {quoted} WHERE {} IS NULL",
                database.quote(&column.name)
            );
            expect_zero(
                database,
                &sql,
                &format!(
                    "NULLs in the NOT NULL column {}.{}",
                    table.name, column.name
                ),
            )?;
        }
        for key in unique_keys(table) {
            let columns = key
                .iter()
                .map(|column| database.quote(column))
                .collect::<Vec<_>>()
                .join(", ");
            let present = key
                .iter()
                .map(|column| format!("{} IS NOT NULL", database.quote(column)))
                .collect::<Vec<_>>()
                .join(" AND ");
            let sql = format!(
                "SELECT COUNT(*) FROM (SELECT {columns} FROM {quoted} WHERE {present} GROUP BY {columns} HAVING COUNT(*) > 1) duplicates"
            );
            expect_zero(
                database,
                &sql,
                &format!(
                    "duplicates of the unique key ({}) of {}",
                    key.join(", "),
                    table.name
                ),
            )?;
        }
        for key in &table.foreign_keys {
            let parent = database.quote(&key.referenced_table);
            let present = key
                .columns
                .iter()
                .map(|column| format!("child.{} IS NOT NULL", database.quote(column)))
                .collect::<Vec<_>>()
                .join(" AND ");
            let matches = key
                .columns
                .iter()
                .zip(&key.referenced_columns)
                .map(|(column, referenced)| {
                    format!(
                        "parent.{} = child.{}",
                        database.quote(referenced),
                        database.quote(column)
                    )
                })
                .collect::<Vec<_>>()
                .join(" AND ");
            let sql = format!(
                "SELECT COUNT(*) FROM {quoted} child WHERE {present} AND NOT EXISTS (SELECT 1 FROM {parent} parent WHERE {matches})"
            );
            expect_zero(
                database,
                &sql,
                &format!("orphans of the foreign key {} of {}", key.name, table.name),
            )?;
        }
        for check in &table.checks {
            let condition = database
                .dialect()
                .check_expression(table, &check.expression)
                .map_err(|error| format!("cannot write the check {}: {error}", check.name))?;
            let sql = format!("SELECT COUNT(*) FROM {quoted} WHERE NOT ({condition})");
            expect_zero(
                database,
                &sql,
                &format!(
                    "rows of {} failing the check {} ({})",
                    table.name, check.name, check.expression
                ),
            )?;
        }
    }
    Ok(())
}

/// The row counts of a dataset, by table name.
pub fn counts_of(dataset: &Dataset) -> impl Fn(&str) -> Option<u64> + '_ {
    move |table| dataset.table(table).map(|table| table.rows as u64)
}

fn expect_zero(database: &mut dyn Database, sql: &str, what: &str) -> Outcome {
    let count = database.query_integer(sql)?;
    if count != 0 {
        return Err(format!(
            "{}: {count} {what}\n  SQL: {sql}",
            database.describe()
        ));
    }
    Ok(())
}

fn unique_keys(table: &Table) -> Vec<Vec<String>> {
    let mut keys: Vec<Vec<String>> = Vec::new();
    let candidates = table
        .primary_key
        .iter()
        .map(|key| key.columns.clone())
        .chain(
            table
                .unique_constraints
                .iter()
                .map(|key| key.columns.clone()),
        )
        .chain(
            table
                .indexes
                .iter()
                .filter(|index| index.unique)
                .map(|index| index.columns.clone()),
        );
    for key in candidates {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

/// Text values that are hard to escape: quotes, backslashes, `%`, line breaks, tabs and text
/// beyond ASCII.
pub const TRICKY_TEXT: &[&str] = &[
    "it's",
    "back\\slash",
    "trailing backslash\\",
    "100% sure_",
    "two\nlines",
    "carriage\r\nreturn",
    "tab\there",
    "double \"quotes\"",
    "naïve café — 日本語 🙂",
    "semi;colon -- not a comment",
    "\\N",
    "''",
];

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            other => out.push(other),
        }
    }
    out.push('"');
    out
}

/// A schema whose text columns take exactly [`TRICKY_TEXT`], to check escaping end to end.
pub fn tricky_schema() -> Schema {
    let values = TRICKY_TEXT
        .iter()
        .map(|text| toml_string(text))
        .collect::<Vec<_>>()
        .join(", ");
    let source = format!(
        r#"
[project]
name = "escaping"

[tables.notes]
columns.id = "id"
columns.body = {{ type = "text", seed = {{ values = [{values}] }} }}
columns.label = {{ type = "varchar(60)", seed = {{ values = [{values}] }} }}
"#
    );
    dbkit_model::parse_schema(&source, "escaping.toml", &crate::fixtures::parse_options())
        .unwrap_or_else(|diagnostics| panic!("the escaping schema does not parse:\n{diagnostics}"))
}

/// The database name at the end of a scratch database's description (`MariaDB database NAME`).
pub fn database_name(database: &dyn Database) -> String {
    database
        .describe()
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Compares the text read back from a database with the generated values, row by row (ordered
/// by id).
pub fn compare_text(
    database: &mut dyn Database,
    dataset: &Dataset,
    table: &str,
    column: &str,
) -> Outcome {
    let data = dataset
        .table(table)
        .ok_or_else(|| format!("no table {table} in the dataset"))?;
    let values = data
        .column(column)
        .ok_or_else(|| format!("no column {table}.{column} in the dataset"))?;
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        database.quote(column),
        database.quote(table),
        database.quote("id")
    );
    let rows = database
        .query(&sql)
        .map_err(|rejection| format!("{}: {rejection}\n  SQL: {sql}", database.describe()))?;
    if rows.len() != data.rows {
        return Err(format!(
            "{}: {table} holds {} rows, expected {}",
            database.describe(),
            rows.len(),
            data.rows
        ));
    }
    for (row, stored) in rows.iter().enumerate() {
        let expected = match values.value(row) {
            dbkit_seed::Value::Text(text) => Some(text.to_string()),
            dbkit_seed::Value::Null => None,
            other => return Err(format!("{table}.{column} holds {other:?}, not text")),
        };
        let stored = stored.first().cloned().flatten();
        if stored != expected {
            return Err(format!(
                "{}: {table}.{column} row {} reads back as {stored:?}, but {expected:?} was written",
                database.describe(),
                row + 1
            ));
        }
    }
    Ok(())
}

/// Loads sample data into a scratch database through the bulk path, as `dbkit seed --url` does.
pub type BulkSeed<'a, D> =
    &'a dyn Fn(
        &mut D,
        &Schema,
        &SeedOptions,
        dbkit_seed::load::LoadOptions,
    ) -> Result<dbkit_seed::load::LoadReport, dbkit_seed::SeedError>;

/// Builds every fixture meant for the database, runs its `seed.sql`, and checks every rule.
pub fn every_fixture_through_seed_sql<D: Database>(scratch: &dyn Fn(&str) -> D) -> Outcome {
    let mut failures = Vec::new();
    for fixture in crate::all_fixtures() {
        let mut database = scratch(&fixture.name);
        if !fixture.targets(database.dialect()) {
            continue;
        }
        let dataset = dataset(&fixture.schema, &options(120, 7), &fixture.file);
        let seed_sql = dbkit_seed::render_seed_sql(&dataset, database.dialect());
        let outcome = database
            .run_script(&fixture.scripts(database.dialect()).create.render())
            .and_then(|()| database.run_script(&seed_sql))
            .and_then(|()| verify(&mut database, &fixture.schema, &counts_of(&dataset)));
        if let Err(error) = outcome {
            failures.push(format!("{}: {error}", fixture.file));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n\n"))
    }
}

/// Rows per table for the bulk-load tests: 300, or `DBKIT_TEST_SEED_ROWS` for a longer run.
pub fn bulk_rows() -> u64 {
    std::env::var("DBKIT_TEST_SEED_ROWS")
        .ok()
        .and_then(|rows| rows.parse().ok())
        .unwrap_or(300)
}

/// Builds every fixture meant for the database, loads it through the bulk path, and checks
/// every rule.
pub fn every_fixture_through_bulk_load<D: Database>(
    scratch: &dyn Fn(&str) -> D,
    bulk: BulkSeed<'_, D>,
) -> Outcome {
    let mut failures = Vec::new();
    for fixture in crate::all_fixtures() {
        let mut database = scratch(&fixture.name);
        if !fixture.targets(database.dialect()) {
            continue;
        }
        let seed_options = options(bulk_rows(), 11);
        let outcome = database
            .run_script(&fixture.scripts(database.dialect()).create.render())
            .and_then(|()| {
                bulk(
                    &mut database,
                    &fixture.schema,
                    &seed_options,
                    Default::default(),
                )
                .map_err(|error| error.to_string())
            })
            .and_then(|report| {
                let counts: std::collections::BTreeMap<String, u64> = report
                    .tables
                    .iter()
                    .map(|(table, rows, _)| (table.clone(), *rows as u64))
                    .collect();
                let expected = dataset(&fixture.schema, &seed_options, &fixture.file);
                for (table, rows) in &counts {
                    let generated = expected.table(table).map(|table| table.rows as u64);
                    if generated != Some(*rows) {
                        return Err(format!(
                            "{table}: {rows} rows loaded, {generated:?} generated"
                        ));
                    }
                }
                verify(&mut database, &fixture.schema, &|table| {
                    counts.get(table).copied()
                })
            });
        if let Err(error) = outcome {
            failures.push(format!("{}: {error}", fixture.file));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n\n"))
    }
}

/// Seeds the example twice (the second time appends: new ids, no colliding unique values),
/// then once more with `truncate`, which starts over.
pub fn append_then_truncate<D: Database>(
    scratch: &dyn Fn(&str) -> D,
    bulk: BulkSeed<'_, D>,
) -> Outcome {
    let fixture = crate::example_fixture();
    let mut database = scratch("seed_append");
    database.run_script(&fixture.scripts(database.dialect()).create.render())?;
    let seed_options = options(40, 3);
    let first = bulk(
        &mut database,
        &fixture.schema,
        &seed_options,
        Default::default(),
    )
    .map_err(|error| error.to_string())?;
    if !first.appended.is_empty() {
        return Err(format!(
            "an empty database reported appended tables: {:?}",
            first.appended
        ));
    }
    // The same seed again: the same values would collide, so the unique ones must change.
    let second = bulk(
        &mut database,
        &fixture.schema,
        &seed_options,
        Default::default(),
    )
    .map_err(|error| error.to_string())?;
    if second.appended.len() != fixture.schema.tables.len() {
        return Err(format!(
            "the second run appended to {:?}, expected every table",
            second.appended
        ));
    }
    let doubled = |table: &str| {
        let first = first
            .tables
            .iter()
            .find(|(name, _, _)| name == table)
            .map(|(_, rows, _)| *rows as u64);
        let second = second
            .tables
            .iter()
            .find(|(name, _, _)| name == table)
            .map(|(_, rows, _)| *rows as u64);
        Some(first? + second?)
    };
    verify(&mut database, &fixture.schema, &doubled)?;
    let members = database.quote("members");
    let smallest = database.query_integer(&format!(
        "SELECT MIN({id}) FROM {members} WHERE {id} > 40",
        id = database.quote("id")
    ))?;
    if smallest != 41 {
        return Err(format!(
            "the appended members start at id {smallest}, expected 41"
        ));
    }
    let truncated = dbkit_seed::load::LoadOptions { truncate: true };
    let third = bulk(&mut database, &fixture.schema, &seed_options, truncated)
        .map_err(|error| error.to_string())?;
    if !third.appended.is_empty() {
        return Err(format!(
            "after truncate, tables still held rows: {:?}",
            third.appended
        ));
    }
    let counts = |table: &str| {
        third
            .tables
            .iter()
            .find(|(name, _, _)| name == table)
            .map(|(_, rows, _)| *rows as u64)
    };
    verify(&mut database, &fixture.schema, &counts)
}

/// Writes quotes, backslashes, `%`, line breaks and text beyond ASCII through `seed.sql` and
/// through the bulk path, and reads them back unchanged.
pub fn tricky_text_round_trips<D: Database>(
    scratch: &dyn Fn(&str) -> D,
    bulk: BulkSeed<'_, D>,
) -> Outcome {
    let schema = tricky_schema();
    let seed_options = options(60, 5);
    let generated = dataset(&schema, &seed_options, "escaping.toml");
    let mut database = scratch("seed_escaping_sql");
    let create = dbkit_generate::render_ddl(&schema, database.dialect())
        .map_err(|error| error.to_string())?
        .create
        .render();
    database.run_script(&create)?;
    database.run_script(&dbkit_seed::render_seed_sql(&generated, database.dialect()))?;
    compare_text(&mut database, &generated, "notes", "body")?;
    compare_text(&mut database, &generated, "notes", "label")?;
    let seen: std::collections::BTreeSet<&str> = {
        let body = generated
            .table("notes")
            .and_then(|table| table.column("body"))
            .ok_or("no notes.body")?;
        (0..body.len())
            .filter_map(|row| match body.value(row) {
                dbkit_seed::Value::Text(text) => Some(text),
                _ => None,
            })
            .collect()
    };
    if seen.len() < TRICKY_TEXT.len() / 2 {
        return Err(format!(
            "only {} of the tricky values were used: {seen:?}",
            seen.len()
        ));
    }
    let mut database = scratch("seed_escaping_bulk");
    database.run_script(&create)?;
    bulk(&mut database, &schema, &seed_options, Default::default())
        .map_err(|error| error.to_string())?;
    compare_text(&mut database, &generated, "notes", "body")?;
    compare_text(&mut database, &generated, "notes", "label")
}

/// Seeding a database that lacks one of the schema's tables is refused before anything is
/// loaded, naming the table and what to do.
pub fn missing_table_is_refused<D: Database>(
    scratch: &dyn Fn(&str) -> D,
    bulk: BulkSeed<'_, D>,
) -> Outcome {
    let fixture = crate::example_fixture();
    let mut database = scratch("seed_missing");
    let create = fixture.scripts(database.dialect()).create.render();
    database.run_script(&create)?;
    let mut schema = fixture.schema.clone();
    schema.tables.push(Table {
        name: "not_created".to_string(),
        ..schema.tables[0].clone()
    });
    let error = match bulk(&mut database, &schema, &options(10, 1), Default::default()) {
        Ok(_) => return Err("seeding with a missing table succeeded".to_string()),
        Err(error) => error.to_string(),
    };
    if !error.contains("the table not_created does not exist")
        || !error.contains("create the schema first")
    {
        return Err(format!("unexpected message: {error}"));
    }
    for table in &fixture.schema.tables {
        let rows = database.query_integer(&format!(
            "SELECT COUNT(*) FROM {}",
            database.dialect().quote_identifier(&table.name)
        ))?;
        if rows != 0 {
            return Err(format!(
                "{rows} rows were loaded into {} before the refusal",
                table.name
            ));
        }
    }
    Ok(())
}
