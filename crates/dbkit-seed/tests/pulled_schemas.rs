//! What real schemas pulled from databases hold beyond a hand-written `schema.toml`: native
//! types (MySQL `year`, `set(...)`, `geometry`, PostgreSQL arrays and `tsvector`, SQLite's free
//! type names), MySQL's sized and unsigned types, and reference cycles closed through NOT NULL
//! columns (Sakila's staff and store).

use std::collections::BTreeSet;

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_model::{ParseOptions, Schema, parse_schema};
use dbkit_seed::{Dataset, SeedError, SeedOptions, Value, generate, render_seed_sql};

fn schema(source: &str) -> Schema {
    parse_schema(source, "test.toml", &ParseOptions::default())
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"))
}

fn options(rows: u64) -> SeedOptions {
    SeedOptions {
        rows_default: Some(rows),
        seed: 9,
        ..SeedOptions::default()
    }
}

fn run(schema: &Schema, rows: u64) -> Dataset {
    generate(schema, &options(rows)).unwrap_or_else(|error| panic!("{error}"))
}

fn values<'a>(dataset: &'a Dataset, table: &str, column: &str) -> Vec<Value<'a>> {
    let column = dataset
        .table(table)
        .and_then(|table| table.column(column))
        .unwrap_or_else(|| panic!("no {table}.{column}"));
    (0..column.len()).map(|row| column.value(row)).collect()
}

const CYCLE: &str = r#"
[tables.staff]
columns.staff_id = "id"
columns.name = "varchar(40)"
columns.store_id = { references = "store" }

[tables.store]
columns.store_id = "id"
columns.manager_staff_id = { references = "staff", unique = true }
"#;

#[test]
fn a_cycle_through_not_null_keys_is_filled_with_existing_parents() {
    let cycle = schema(CYCLE);
    let dataset = run(&cycle, 30);
    let ids = |table: &str, column: &str| -> BTreeSet<i64> {
        values(&dataset, table, column)
            .into_iter()
            .map(|value| match value {
                Value::Int(id) => id,
                other => panic!("{table}.{column} holds {other:?}"),
            })
            .collect()
    };
    let stores = ids("store", "store_id");
    let staff = ids("staff", "staff_id");
    assert!(ids("staff", "store_id").is_subset(&stores));
    assert!(ids("store", "manager_staff_id").is_subset(&staff));
    assert_eq!(
        ids("store", "manager_staff_id").len(),
        30,
        "a manager runs one store"
    );
    let postponed: Vec<&str> = dataset
        .tables
        .iter()
        .flat_map(|table| table.postponed_columns())
        .collect();
    assert_eq!(postponed.len(), 1, "one key closes the cycle");
    let mysql = render_seed_sql(&dataset, &MysqlDialect);
    assert!(
        mysql.contains("SET FOREIGN_KEY_CHECKS = 0;")
            && mysql.contains("SET FOREIGN_KEY_CHECKS = 1;")
    );
    let sqlite = render_seed_sql(&dataset, &SqliteDialect);
    assert!(sqlite.contains("BEGIN;\n\n-- References that close a cycle through NOT NULL columns are checked once every table has its rows\nPRAGMA defer_foreign_keys = ON;"));
    let postgres = render_seed_sql(&dataset, &PostgresDialect);
    assert!(postgres.contains("EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I'"));
    assert!(postgres.contains("LOOP EXECUTE kept; END LOOP;"));
    assert!(
        !postgres.contains("UPDATE "),
        "nothing is inserted as NULL and set later"
    );
}

#[test]
fn a_not_null_cycle_without_enough_parents_names_the_column() {
    let cycle = schema(CYCLE);
    let mut asked = options(30);
    asked.rows_per_table.insert("store".into(), 40);
    asked.rows_per_table.insert("staff".into(), 10);
    let error = generate(&cycle, &asked).expect_err("40 stores need 40 managers");
    assert!(
        matches!(&error, SeedError::Unsatisfiable { table, column, .. } if table == "store" && column == "manager_staff_id"),
        "{error}"
    );
}

const NATIVE: &str = r#"
[tables.films]
columns.film_id = "id"
columns.release_year = { native = { mysql = "year(4)" }, nullable = true }
columns.features = { native = { mysql = "set('Trailers','Commentaries','Deleted Scenes')" } }
columns.tags = { native = { postgres = "text[]" } }
columns.lexemes = { native = { postgres = "tsvector" } }
columns.location = { native = { mysql = "geometry" } }
columns.price = { native = { sqlite = "NUMERIC" } }
columns.odd = { native = { postgres = "macaddr8" }, nullable = true }
columns.updated = { type = "timestamp", native = { mysql = "timestamp ON UPDATE current_timestamp()" }, unique = true }
columns.small = "tinyint unsigned"
columns.digest = "binary(16)"
columns.short = "varbinary(4)"
columns.caption = "tinytext"
"#;

#[test]
fn native_and_sized_types_get_values_the_database_reads() {
    let films = schema(NATIVE);
    let dataset = run(&films, 300);
    for value in values(&dataset, "films", "release_year") {
        match value {
            Value::Null => {}
            Value::Int(year) => assert!((1901..=2155).contains(&year), "year {year}"),
            other => panic!("a year holds {other:?}"),
        }
    }
    let members = ["Trailers", "Commentaries", "Deleted Scenes"];
    let mut seen = BTreeSet::new();
    for value in values(&dataset, "films", "features") {
        let Value::Text(text) = value else {
            panic!("a set holds {value:?}")
        };
        let parts: Vec<&str> = text.split(',').collect();
        let positions: Vec<usize> = parts
            .iter()
            .map(|part| {
                members
                    .iter()
                    .position(|member| member == part)
                    .expect("a member")
            })
            .collect();
        assert!(positions.windows(2).all(|pair| pair[0] < pair[1]), "{text}");
        seen.insert(text);
    }
    assert!(seen.len() > 3, "{seen:?}");
    for value in values(&dataset, "films", "tags") {
        let Value::Text(text) = value else { continue };
        assert!(text.starts_with("{\"") && text.ends_with("\"}"), "{text}");
    }
    for value in values(&dataset, "films", "lexemes") {
        let Value::Text(text) = value else {
            panic!("a tsvector holds {value:?}")
        };
        assert!(
            !text.is_empty() && text.chars().all(|c| c.is_ascii_lowercase() || c == ' '),
            "{text}"
        );
    }
    for value in values(&dataset, "films", "location") {
        let Value::Bytes(bytes) = value else {
            panic!("a geometry holds {value:?}")
        };
        assert_eq!(bytes.len(), 25);
        assert_eq!(&bytes[..9], &[0, 0, 0, 0, 1, 1, 0, 0, 0]);
    }
    assert!(
        values(&dataset, "films", "price")
            .iter()
            .all(|value| matches!(value, Value::Decimal(_, 2)))
    );
    assert!(
        values(&dataset, "films", "odd")
            .iter()
            .all(|value| *value == Value::Null)
    );
    assert!(
        dataset
            .notes
            .iter()
            .any(|note| note.starts_with("films: odd is left NULL")),
        "{:?}",
        dataset.notes
    );
    let earliest = dbkit_seed::calendar::parse_timestamp("1970-01-02 00:00:00").expect("date");
    let latest = dbkit_seed::calendar::parse_timestamp("2038-01-18 00:00:00").expect("date");
    for value in values(&dataset, "films", "updated") {
        let Value::Timestamp(seconds) = value else {
            panic!("a timestamp holds {value:?}")
        };
        assert!((earliest..=latest).contains(&seconds));
    }
    for value in values(&dataset, "films", "small") {
        assert!(matches!(value, Value::Int(0..=255)), "{value:?}");
    }
    for value in values(&dataset, "films", "digest") {
        assert!(
            matches!(value, Value::Bytes(bytes) if bytes.len() == 16),
            "{value:?}"
        );
    }
    for value in values(&dataset, "films", "short") {
        assert!(
            matches!(value, Value::Bytes(bytes) if bytes.len() <= 4),
            "{value:?}"
        );
    }
    for value in values(&dataset, "films", "caption") {
        assert!(
            matches!(value, Value::Text(text) if text.len() <= 255),
            "{value:?}"
        );
    }
}

#[test]
fn a_not_null_column_of_an_unknown_native_type_is_refused_by_name() {
    let source = NATIVE.replace(
        "columns.odd = { native = { postgres = \"macaddr8\" }, nullable = true }",
        "columns.odd = { native = { postgres = \"macaddr8\" } }",
    );
    let error = generate(&schema(&source), &options(5)).expect_err("no macaddr8 values");
    assert_eq!(
        error.to_string(),
        "cannot generate films.odd: dbkit seed cannot make values of the native type postgres: macaddr8, and the column is NOT NULL; give it values with seed = { values = [...] } in schema.toml, or give films no rows"
    );
    let given = source.replace(
        "columns.odd = { native = { postgres = \"macaddr8\" } }",
        "columns.odd = { native = { postgres = \"macaddr8\" }, seed = { values = [\"08:00:2b:01:02:03:04:05\"] } }",
    );
    let dataset = run(&schema(&given), 5);
    assert!(
        values(&dataset, "films", "odd")
            .iter()
            .all(|value| *value == Value::Text("08:00:2b:01:02:03:04:05"))
    );
}
