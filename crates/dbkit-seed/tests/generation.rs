//! Generation without a database: determinism, realistic values, the rules every row keeps, and
//! the errors for rules that cannot be kept.

use std::collections::{BTreeMap, HashMap, HashSet};

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_model::{ParseOptions, Schema, parse_schema};
use dbkit_seed::{Dataset, SeedError, SeedOptions, Value, generate, render_seed_sql, write_csv};

fn schema(source: &str) -> Schema {
    parse_schema(source, "test.toml", &ParseOptions::default())
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"))
}

fn example() -> Schema {
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema.toml"))
        .unwrap_or_else(|error| panic!("cannot read schema.toml: {error}"));
    schema(&source)
}

fn options(rows: u64, seed: u64) -> SeedOptions {
    SeedOptions {
        rows_default: Some(rows),
        seed,
        ..SeedOptions::default()
    }
}

fn run(schema: &Schema, options: &SeedOptions) -> Dataset {
    generate(schema, options).unwrap_or_else(|error| panic!("{error}"))
}

fn texts<'a>(dataset: &'a Dataset, table: &str, column: &str) -> Vec<Option<&'a str>> {
    let column = dataset
        .table(table)
        .and_then(|table| table.column(column))
        .unwrap_or_else(|| panic!("no {table}.{column}"));
    (0..column.len())
        .map(|row| match column.value(row) {
            Value::Text(text) => Some(text),
            _ => None,
        })
        .collect()
}

fn integers(dataset: &Dataset, table: &str, column: &str) -> Vec<Option<i64>> {
    let column = dataset
        .table(table)
        .and_then(|table| table.column(column))
        .unwrap_or_else(|| panic!("no {table}.{column}"));
    (0..column.len())
        .map(|row| match column.value(row) {
            Value::Int(number) => Some(number),
            _ => None,
        })
        .collect()
}

#[test]
fn the_same_schema_counts_and_seed_give_byte_identical_output() {
    let schema = example();
    for dialect in [
        &MysqlDialect as &dyn dbkit_sdk::Dialect,
        &PostgresDialect,
        &SqliteDialect,
    ] {
        let first = render_seed_sql(&run(&schema, &options(200, 42)), dialect);
        let second = render_seed_sql(&run(&schema, &options(200, 42)), dialect);
        assert_eq!(first, second, "{}", dialect.info().name);
    }
    let other_seed = render_seed_sql(&run(&schema, &options(200, 43)), &MysqlDialect);
    assert_ne!(
        render_seed_sql(&run(&schema, &options(200, 42)), &MysqlDialect),
        other_seed
    );
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let (a, b) = (folder.path().join("a"), folder.path().join("b"));
    write_csv(&run(&schema, &options(50, 9)), &a).unwrap_or_else(|error| panic!("{error}"));
    write_csv(&run(&schema, &options(50, 9)), &b).unwrap_or_else(|error| panic!("{error}"));
    for table in &schema.tables {
        let name = format!("{}.csv", table.name);
        let read = |dir: &std::path::Path| {
            std::fs::read(dir.join(&name)).unwrap_or_else(|error| panic!("{name}: {error}"))
        };
        assert_eq!(read(&a), read(&b), "{name}");
    }
}

#[test]
fn another_tables_count_or_a_new_table_leaves_a_table_unchanged() {
    let base = example();
    let mut more_loans = options(100, 5);
    more_loans.rows_per_table.insert("loans".into(), 1000);
    let first = run(&base, &options(100, 5));
    let second = run(&base, &more_loans);
    // Tables that do not depend on loans keep every value.
    for table in [
        "authors",
        "publishers",
        "books",
        "copies",
        "members",
        "member_cards",
        "categories",
    ] {
        assert_eq!(first.table(table), second.table(table), "{table} changed");
    }
    let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema.toml"))
        .unwrap_or_else(|error| panic!("{error}"));
    let extended = schema(&format!(
        "{source}\n[tables.events]\ncolumns.id = \"id\"\ncolumns.title = \"varchar(100)\"\n"
    ));
    let third = run(&extended, &options(100, 5));
    for table in &base.tables {
        assert_eq!(
            first.table(&table.name),
            third.table(&table.name),
            "{} changed",
            table.name
        );
    }
}

#[test]
fn values_look_like_what_the_columns_hold() {
    let dataset = run(&example(), &options(500, 1));
    let names = texts(&dataset, "members", "name");
    let emails = texts(&dataset, "members", "email");
    for (name, email) in names.iter().zip(&emails) {
        let (name, email) = (
            name.expect("names are NOT NULL"),
            email.expect("emails are NOT NULL"),
        );
        let (first, last) = name.split_once(' ').expect("a first and a last name");
        let local = email.split('@').next().unwrap_or_default();
        assert!(
            local.starts_with(&format!("{}.{}", first.to_lowercase(), last.to_lowercase())),
            "{email} is not derived from {name}"
        );
    }
    let isbns: Vec<&str> = texts(&dataset, "books", "isbn")
        .into_iter()
        .flatten()
        .collect();
    assert!(
        isbns.len() > 400,
        "about a tenth of the nullable ISBNs are NULL, not {}",
        500 - isbns.len()
    );
    for isbn in &isbns {
        let digits: Vec<u32> = isbn.chars().filter_map(|c| c.to_digit(10)).collect();
        let sum: u32 = digits
            .iter()
            .enumerate()
            .map(|(i, d)| d * if i % 2 == 0 { 1 } else { 3 })
            .sum();
        assert!(
            digits.len() == 13 && sum.is_multiple_of(10),
            "{isbn} is not a valid ISBN-13"
        );
    }
    let years: Vec<i64> = integers(&dataset, "books", "publication_year")
        .into_iter()
        .flatten()
        .collect();
    assert!(
        years.iter().all(|year| (1450..=2100).contains(year)),
        "the check sane_year holds"
    );
    let conditions: HashSet<&str> = texts(&dataset, "copies", "condition")
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(
        conditions,
        HashSet::from(["new", "good", "worn", "damaged"])
    );
    let phones = texts(&dataset, "members", "phone");
    assert!(
        phones
            .iter()
            .flatten()
            .all(|phone| phone.starts_with('+') && phone.len() <= 20)
    );
    assert!(
        phones.iter().any(Option::is_none),
        "a nullable column gets some NULLs"
    );
}

#[test]
fn dates_come_in_order_and_checks_between_columns_hold() {
    let source = r#"
        [tables.loans]
        columns.id = "id"
        columns.borrowed_at = "timestamp"
        columns.due_on = "date"
        columns.returned_at = "timestamp?"
        columns.fee = { type = "decimal(6,2)", default = 0 }
        columns.quantity = "int"
        checks.due_after = "due_on >= borrowed_at"
        checks.returned_after = "returned_at IS NULL OR returned_at >= borrowed_at"
        checks.fee_range = "fee BETWEEN 0 AND 20"
        checks.quantity_listed = "quantity IN (1, 2, 5)"
    "#;
    let dataset = run(&schema(source), &options(2000, 3));
    let table = dataset.table("loans").expect("loans");
    let column = |name: &str| table.column(name).expect("column");
    for row in 0..table.rows {
        let Value::Timestamp(borrowed) = column("borrowed_at").value(row) else {
            panic!("borrowed_at")
        };
        let Value::Date(due) = column("due_on").value(row) else {
            panic!("due_on")
        };
        assert!(due * 86_400 > borrowed, "row {row}: due before the borrow");
        if let Value::Timestamp(returned) = column("returned_at").value(row) {
            assert!(
                returned >= borrowed,
                "row {row}: returned before the borrow"
            );
        }
        let Value::Decimal(fee, 2) = column("fee").value(row) else {
            panic!("fee")
        };
        assert!((0..=2000).contains(&fee));
        let Value::Int(quantity) = column("quantity").value(row) else {
            panic!("quantity")
        };
        assert!([1, 2, 5].contains(&quantity));
    }
}

#[test]
fn foreign_keys_are_skewed_unique_keys_distinct_and_trees_shallow() {
    let dataset = run(&example(), &options(1000, 8));
    let mut per_member: HashMap<i64, usize> = HashMap::new();
    for member in integers(&dataset, "loans", "member_id")
        .into_iter()
        .flatten()
    {
        *per_member.entry(member).or_default() += 1;
    }
    let busiest = per_member.values().copied().max().unwrap_or(0);
    assert!(
        busiest >= 10,
        "some members borrow often (the busiest borrowed {busiest} times)"
    );
    assert!(
        per_member.len() < 800,
        "some members never borrow ({} of 1000 did)",
        per_member.len()
    );
    let cards: Vec<i64> = integers(&dataset, "member_cards", "member_id")
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(
        cards.iter().collect::<HashSet<_>>().len(),
        cards.len(),
        "one card per member"
    );
    let pairs: Vec<(Option<i64>, Option<i64>)> = integers(&dataset, "book_authors", "book_id")
        .into_iter()
        .zip(integers(&dataset, "book_authors", "author_id"))
        .collect();
    assert_eq!(
        pairs.iter().collect::<HashSet<_>>().len(),
        pairs.len(),
        "no junction pair twice"
    );
    let parents: BTreeMap<i64, Option<i64>> = integers(&dataset, "categories", "id")
        .into_iter()
        .flatten()
        .zip(integers(&dataset, "categories", "parent_id"))
        .collect();
    let depth = |mut id: i64| {
        let mut depth = 0;
        while let Some(Some(parent)) = parents.get(&id) {
            assert!(*parent < id, "a parent comes before its children");
            id = *parent;
            depth += 1;
        }
        depth
    };
    let deepest = parents.keys().map(|id| depth(*id)).max().unwrap_or(0);
    assert!(
        (1..=3).contains(&deepest),
        "category trees are 2 to 4 levels deep, not {}",
        deepest + 1
    );
}

#[test]
fn a_junction_table_close_to_every_pair_still_has_no_duplicate() {
    let source = r#"
        [tables.students]
        columns.id = "id"
        [tables.courses]
        columns.id = "id"
        [relationships.enrolments]
        many_to_many = ["students", "courses"]
    "#;
    let mut asked = options(30, 2);
    asked.rows_per_table.insert("enrolments".into(), 900);
    let dataset = run(&schema(source), &asked);
    let pairs: HashSet<(Option<i64>, Option<i64>)> = integers(&dataset, "enrolments", "student_id")
        .into_iter()
        .zip(integers(&dataset, "enrolments", "course_id"))
        .collect();
    assert_eq!(pairs.len(), 900, "all 30 × 30 pairs, each once");
    asked.rows_per_table.insert("enrolments".into(), 901);
    let error = generate(&schema(source), &asked).expect_err("901 pairs of 30 × 30");
    assert!(error.to_string().contains("enrolments"), "{error}");
}

#[test]
fn a_rule_that_cannot_be_kept_names_the_table_and_column() {
    let message = |source: &str, table: &str, rows: u64| {
        let mut asked = options(10, 1);
        asked.rows_per_table.insert(table.into(), rows);
        match generate(&schema(source), &asked) {
            Err(error @ SeedError::Unsatisfiable { .. }) => error.to_string(),
            other => panic!("expected an unsatisfiable rule, got {other:?}"),
        }
    };
    let small = message(
        "[tables.t]\ncolumns.id = \"id\"\ncolumns.code = { type = \"smallint\", unique = true }\n",
        "t",
        100_000,
    );
    assert_eq!(
        small,
        "cannot generate t.code: 100000 rows need 100000 distinct values of the unique column t.code, but its type, checks and references allow only 65536; ask for fewer rows or widen the column"
    );
    let check = message(
        "[tables.t]\ncolumns.id = \"id\"\ncolumns.code = \"varchar(10)\"\nchecks.odd = \"md5(code) <> ''\"\n",
        "t",
        5,
    );
    assert!(check.starts_with("cannot generate t.code: dbkit seed cannot solve the check odd (md5(code) <> ''): it calls md5()"), "{check}");
    let empty = message(
        "[tables.t]\ncolumns.id = \"id\"\ncolumns.n = \"int\"\nchecks.never = \"n > 10 AND n < 5\"\n",
        "t",
        5,
    );
    assert!(
        empty.starts_with(
            "cannot generate t.n: its type, checks and seed range leave no possible value"
        ),
        "{empty}"
    );
    let enum_unique = message(
        "[tables.t]\ncolumns.id = \"id\"\ncolumns.size = { type = \"enum(s, m, l)\", unique = true }\n",
        "t",
        4,
    );
    assert!(enum_unique.contains("allow only 3"), "{enum_unique}");
}

#[test]
fn default_counts_shrink_to_what_a_key_allows_and_say_so() {
    let source = r#"
        [tables.sizes]
        columns.id = "id"
        columns.label = { type = "enum(s, m, l)", unique = true }
    "#;
    let dataset = run(&schema(source), &options(10, 1));
    assert_eq!(dataset.table("sizes").map(|table| table.rows), Some(3));
    assert_eq!(
        dataset.notes,
        ["sizes: 3 rows instead of 10, the most that the unique column sizes.label allows"]
    );
}

#[test]
fn overrides_in_schema_toml_decide_the_values() {
    let source = r#"
        [tables.people]
        columns.id = "id"
        columns.nickname = { type = "varchar(40)", seed = { generator = "username" } }
        columns.status = { type = "varchar(10)", seed = { values = ["active", "away"] } }
        columns.age = { type = "int", nullable = true, seed = { range = [30, 40], null_fraction = 0.5 } }
        columns.since = { type = "date", seed = { range = ["2020-01-01", "2020-01-31"] } }

        [seed]
        rows = 7

        [seed.tables.people]
        rows = 400
    "#;
    let parsed = schema(source);
    let dataset = run(&parsed, &SeedOptions::default());
    assert_eq!(dataset.table("people").map(|table| table.rows), Some(400));
    let statuses: HashSet<&str> = texts(&dataset, "people", "status")
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(statuses, HashSet::from(["active", "away"]));
    let ages = integers(&dataset, "people", "age");
    assert!(ages.iter().flatten().all(|age| (30..=40).contains(age)));
    let nulls = ages.iter().filter(|age| age.is_none()).count();
    assert!((120..280).contains(&nulls), "about half NULL, got {nulls}");
    assert!(
        texts(&dataset, "people", "nickname")
            .iter()
            .flatten()
            .all(|nick| nick.chars().all(|c| c.is_ascii_alphanumeric()))
    );
    let since = dataset
        .table("people")
        .and_then(|table| table.column("since"))
        .expect("since");
    for row in 0..400 {
        let Value::Date(day) = since.value(row) else {
            panic!("a date")
        };
        assert!(
            (18_262..=18_292).contains(&day),
            "January 2020, not day {day}"
        );
    }
}

#[test]
fn seed_sql_escapes_strings_for_each_dialect() {
    let source = r#"
        [tables.notes]
        columns.id = "id"
        columns.body = { type = "text", seed = { values = ["it's a \\ path"] } }
    "#;
    let dataset = run(&schema(source), &options(1, 1));
    assert!(render_seed_sql(&dataset, &MysqlDialect).contains("(1, 'it''s a \\\\ path');"));
    assert!(render_seed_sql(&dataset, &PostgresDialect).contains("(1, 'it''s a \\ path');"));
    assert!(render_seed_sql(&dataset, &SqliteDialect).contains("(1, 'it''s a \\ path');"));
}

#[test]
fn unknown_tables_in_the_counts_are_refused() {
    let mut asked = options(10, 1);
    asked.rows_per_table.insert("member".into(), 5);
    let error = generate(&example(), &asked).expect_err("no table member");
    assert_eq!(
        error.to_string(),
        "the row counts name the table \"member\", which is not in the schema; did you mean \"members\"?"
    );
}
