//! The valid fixtures in `tests/fixtures/valid/` (shared with the integration tests that build
//! them on real databases) cover every feature of schema.toml; each must parse, and resolve to
//! exactly the model the format promises.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use dbkit_model::{
    ColumnType, DefaultValue, IdentifierLimit, IndexOrigin, ParseOptions, ReferentialAction,
    Schema, Table, TableKind, creation_order, parse_schema,
};

fn options() -> ParseOptions {
    let limit = |dialect: &str, max_length| IdentifierLimit {
        dialect: dialect.to_string(),
        max_length,
    };
    ParseOptions {
        identifier_limits: vec![
            limit("mysql", 64),
            limit("postgres", 63),
            limit("sqlite", 1000),
        ],
    }
}

fn fixture_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/valid")
}

fn parse(path: &Path) -> Schema {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = match fs::read_to_string(path) {
        Ok(source) => source,
        Err(error) => panic!("cannot read {}: {error}", path.display()),
    };
    match parse_schema(&source, &name, &options()) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{name} must parse:\n{diagnostics}"),
    }
}

fn fixture(name: &str) -> Schema {
    parse(&fixture_folder().join(name))
}

fn table<'a>(schema: &'a Schema, name: &str) -> &'a Table {
    match schema.table(name) {
        Some(table) => table,
        None => panic!("no table {name}"),
    }
}

fn names<'a>(items: impl IntoIterator<Item = &'a String>) -> Vec<&'a str> {
    items.into_iter().map(String::as_str).collect()
}

fn column_names(table: &Table) -> Vec<&str> {
    names(table.columns.iter().map(|column| &column.name))
}

fn column_type(table: &Table, column: &str) -> ColumnType {
    match table.column(column) {
        Some(found) => found.column_type.clone(),
        None => panic!("no column {}.{column}", table.name),
    }
}

fn default(table: &Table, column: &str) -> Option<DefaultValue> {
    table.column(column).and_then(|found| found.default.clone())
}

/// Every constraint and index name of a table, with the table's own name.
fn object_names(table: &Table) -> Vec<&str> {
    let mut list = vec![table.name.as_str()];
    list.extend(table.primary_key.iter().map(|key| key.name.as_str()));
    list.extend(table.unique_constraints.iter().map(|key| key.name.as_str()));
    list.extend(table.checks.iter().map(|check| check.name.as_str()));
    list.extend(table.foreign_keys.iter().map(|key| key.name.as_str()));
    list.extend(table.indexes.iter().map(|index| index.name.as_str()));
    list
}

#[test]
fn every_valid_fixture_parses_with_unique_short_names() {
    let mut paths: Vec<PathBuf> = match fs::read_dir(fixture_folder()) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| {
                path.extension()
                    .is_some_and(|extension| extension == "toml")
            })
            .collect(),
        Err(error) => panic!("cannot list {}: {error}", fixture_folder().display()),
    };
    paths.sort();
    let found: Vec<String> = paths
        .iter()
        .filter_map(|path| {
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
        })
        .collect();
    for expected in [
        "all_types.toml",
        "cycle.toml",
        "keys_and_constraints.toml",
        "relationships.toml",
        "reserved_words.toml",
    ] {
        assert!(
            found.iter().any(|name| name == expected),
            "missing fixture {expected}"
        );
    }
    for path in &paths {
        let schema = parse(path);
        let mut seen = HashSet::new();
        for table in &schema.tables {
            for name in object_names(table) {
                assert!(
                    name.len() <= 63,
                    "{}: \"{name}\" is longer than 63 bytes",
                    path.display()
                );
                assert!(
                    seen.insert(name.to_lowercase()),
                    "{}: the name \"{name}\" is used twice",
                    path.display()
                );
            }
            for column in &table.columns {
                assert!(column.name.len() <= 63 && !column.name.ends_with(' '));
                if let Some(value) = &column.default {
                    assert!(
                        !matches!(
                            column.column_type,
                            ColumnType::Text | ColumnType::Json | ColumnType::Blob
                        ),
                        "{}: {}.{} has a default MySQL refuses: {value:?}",
                        path.display(),
                        table.name,
                        column.name
                    );
                }
            }
        }
    }
}

#[test]
fn all_types_covers_every_logical_type() {
    let schema = fixture("all_types.toml");
    let samples = table(&schema, "samples");
    let id = samples
        .column("id")
        .map(|c| (c.column_type.clone(), c.auto_increment, c.nullable));
    assert_eq!(id, Some((ColumnType::BigInt, true, false)));
    let expected = [
        ("small_count", ColumnType::SmallInt),
        ("count", ColumnType::Int),
        ("big_count", ColumnType::BigInt),
        (
            "price",
            ColumnType::Decimal {
                precision: 10,
                scale: 2,
            },
        ),
        ("ratio", ColumnType::Real),
        ("precise_ratio", ColumnType::Double),
        ("country_code", ColumnType::Char { length: 2 }),
        ("title", ColumnType::Varchar { length: 200 }),
        ("body", ColumnType::Text),
        ("is_published", ColumnType::Boolean),
        ("published_on", ColumnType::Date),
        ("opens_at", ColumnType::Time),
        ("created_at", ColumnType::Timestamp),
        ("happened_at", ColumnType::TimestampTz),
        ("public_id", ColumnType::Uuid),
        ("metadata", ColumnType::Json),
        ("thumbnail", ColumnType::Blob),
        (
            "status",
            ColumnType::Enum {
                values: vec!["draft".into(), "published".into(), "archived".into()],
            },
        ),
    ];
    for (column, column_type) in &expected {
        assert_eq!(
            &self::column_type(samples, column),
            column_type,
            "samples.{column}"
        );
    }
    assert!(
        samples
            .columns
            .iter()
            .all(|column| !column.nullable && column.default.is_none())
    );
    assert_eq!(
        samples.comment.as_deref(),
        Some("One NOT NULL column of every logical type")
    );

    let nullable = table(&schema, "nullable_samples");
    let types: HashSet<String> = nullable
        .columns
        .iter()
        .skip(1)
        .map(|c| {
            c.column_type
                .to_string()
                .split('(')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(types.len(), expected.len(), "one nullable column per type");
    assert!(
        nullable
            .columns
            .iter()
            .skip(1)
            .all(|column| column.nullable)
    );
    assert!(!nullable.columns[0].nullable);
}

#[test]
fn all_types_defaults_are_typed() {
    let schema = fixture("all_types.toml");
    let defaults = table(&schema, "defaults");
    let expected = [
        ("quantity", DefaultValue::Integer(1)),
        ("balance", DefaultValue::Integer(-5)),
        ("views", DefaultValue::Integer(0)),
        ("price", DefaultValue::Number("9.99".into())),
        ("discount", DefaultValue::Integer(0)),
        ("ratio", DefaultValue::Number("0.5".into())),
        ("weight", DefaultValue::Integer(2)),
        ("currency", DefaultValue::String("EUR".into())),
        ("label", DefaultValue::String("it's \"new\"".into())),
        ("is_active", DefaultValue::Boolean(true)),
        ("is_deleted", DefaultValue::Boolean(false)),
        ("starts_on", DefaultValue::String("2024-02-29".into())),
        ("created_on", DefaultValue::CurrentDate),
        ("opens_at", DefaultValue::String("09:30:00".into())),
        ("checked_at", DefaultValue::CurrentTime),
        (
            "launched_at",
            DefaultValue::String("2024-01-31 09:30:00".into()),
        ),
        ("created_at", DefaultValue::CurrentTimestamp),
        ("updated_at", DefaultValue::CurrentTimestamp),
        (
            "expires_at",
            DefaultValue::String("2030-12-31 23:59:59".into()),
        ),
        (
            "tracking_id",
            DefaultValue::String("123e4567-e89b-12d3-a456-426614174000".into()),
        ),
        ("status", DefaultValue::String("draft".into())),
        ("note", DefaultValue::String("none".into())),
    ];
    for (column, value) in expected {
        assert_eq!(default(defaults, column), Some(value), "defaults.{column}");
    }
    assert_eq!(defaults.columns.len(), 23, "id and one column per default");
    assert!(
        defaults
            .column("note")
            .is_some_and(|column| column.nullable)
    );
}

#[test]
fn keys_and_constraints_follow_the_convention_unless_overridden() {
    let schema = fixture("keys_and_constraints.toml");
    assert!(!schema.project.auto_index_foreign_keys);
    assert!(
        schema
            .tables
            .iter()
            .flat_map(|t| &t.indexes)
            .all(|index| index.origin == IndexOrigin::User),
        "auto_index_foreign_keys = false adds no index"
    );

    let countries = table(&schema, "countries");
    let key = countries
        .primary_key
        .as_ref()
        .map(|key| (key.name.as_str(), names(&key.columns)));
    assert_eq!(key, Some(("countries_pk", vec!["code"])));
    let unique: Vec<(&str, Vec<&str>)> = countries
        .unique_constraints
        .iter()
        .map(|key| (key.name.as_str(), names(&key.columns)))
        .collect();
    assert_eq!(
        unique,
        [
            ("uq_countries_name", vec!["name"]),
            ("countries_iso_number_key", vec!["iso_number"])
        ]
    );

    let cities = table(&schema, "cities");
    assert_eq!(
        cities.primary_key.as_ref().map(|key| key.name.as_str()),
        Some("pk_cities")
    );
    assert_eq!(
        column_type(cities, "country_code"),
        ColumnType::Char { length: 2 }
    );
    let foreign_key = &cities.foreign_keys[0];
    assert_eq!(
        (
            foreign_key.name.as_str(),
            foreign_key.referenced_table.as_str(),
            names(&foreign_key.referenced_columns)
        ),
        ("cities_country_fk", "countries", vec!["code"])
    );
    assert_eq!(
        (foreign_key.on_delete, foreign_key.on_update),
        (ReferentialAction::NoAction, ReferentialAction::NoAction)
    );
    let unique: Vec<(&str, Vec<&str>)> = cities
        .unique_constraints
        .iter()
        .map(|key| (key.name.as_str(), names(&key.columns)))
        .collect();
    assert_eq!(
        unique,
        [
            ("city_postal_prefix", vec!["postal_prefix"]),
            ("city_name_per_country", vec!["country_code", "name"])
        ]
    );
    let checks: Vec<(&str, &str)> = cities
        .checks
        .iter()
        .map(|c| (c.name.as_str(), c.expression.as_str()))
        .collect();
    assert_eq!(
        checks,
        [
            (
                "population_not_negative",
                "population IS NULL OR population >= 0"
            ),
            ("name_not_blank", "length(name) > 0")
        ]
    );

    let bookings = table(&schema, "room_bookings");
    let key = bookings
        .primary_key
        .as_ref()
        .map(|key| (key.name.as_str(), names(&key.columns)));
    assert_eq!(
        key,
        Some(("pk_room_bookings", vec!["building", "room_number", "day"]))
    );
    let indexes: Vec<(&str, Vec<&str>, bool)> = bookings
        .indexes
        .iter()
        .map(|index| (index.name.as_str(), names(&index.columns), index.unique))
        .collect();
    assert_eq!(
        indexes,
        [
            ("room_bookings_by_day", vec!["day"], false),
            ("room_bookings_by_person", vec!["booked_by", "day"], false),
            (
                "one_room_per_person_and_day",
                vec!["booked_by", "day", "building"],
                true
            ),
        ]
    );

    let products = table(&schema, "products");
    let unique: Vec<&str> = products
        .unique_constraints
        .iter()
        .map(|key| key.name.as_str())
        .collect();
    assert_eq!(unique, ["products_sku_key", "uq_products_barcode"]);
    assert!(
        products
            .indexes
            .iter()
            .any(|index| index.name == "products_by_name_and_price" && !index.unique)
    );
    assert!(
        products
            .indexes
            .iter()
            .any(|index| index.name == "products_by_barcode_and_sku" && index.unique)
    );
    assert_eq!(products.foreign_keys[0].name, "fk_products_city_id");
    assert_eq!(
        products.foreign_keys[0].on_delete,
        ReferentialAction::SetNull
    );

    let audit = table(&schema, "audit_entries");
    assert_eq!(audit.primary_key, None);
    assert_eq!(
        default(audit, "happened_at"),
        Some(DefaultValue::CurrentTimestamp)
    );
}

#[test]
fn relationships_cover_every_form_of_foreign_key() {
    let schema = fixture("relationships.toml");
    let order: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        order,
        [
            "authors",
            "author_profiles",
            "categories",
            "books",
            "shelves",
            "copies",
            "shelf_inspections",
            "tags",
            "book_tags",
            "book_contributors",
            "related_books"
        ],
        "tables keep the written order; junction tables follow"
    );

    let mut actions = HashSet::new();
    for key in schema.tables.iter().flat_map(|t| &t.foreign_keys) {
        actions.insert(key.on_delete);
        actions.insert(key.on_update);
    }
    for (keyword, action) in ReferentialAction::ALL {
        if action == ReferentialAction::SetDefault {
            continue;
        }
        assert!(
            actions.contains(&action),
            "no foreign key uses \"{keyword}\""
        );
    }

    let profiles = table(&schema, "author_profiles");
    assert!(profiles.is_single_column_unique("author_id"), "one-to-one");
    let key = &profiles.foreign_keys[0];
    assert_eq!(
        (key.on_delete, key.on_update),
        (ReferentialAction::Cascade, ReferentialAction::Cascade)
    );
    assert!(
        profiles.indexes.is_empty(),
        "the unique constraint covers the foreign key"
    );

    let categories = table(&schema, "categories");
    let key = &categories.foreign_keys[0];
    assert_eq!(
        (
            key.name.as_str(),
            key.referenced_table.as_str(),
            key.on_delete,
            key.on_update
        ),
        (
            "categories_parent_fk",
            "categories",
            ReferentialAction::SetNull,
            ReferentialAction::NoAction
        )
    );
    assert_eq!(categories.indexes[0].name, "idx_categories_parent_id");
    assert_eq!(categories.indexes[0].origin, IndexOrigin::ForeignKey);

    let books = table(&schema, "books");
    let pen_name = books
        .foreign_keys
        .iter()
        .find(|k| k.columns == ["translator_pen_name"])
        .expect("pen name key");
    assert_eq!(names(&pen_name.referenced_columns), ["pen_name"]);
    assert_eq!(
        column_type(books, "translator_pen_name"),
        ColumnType::Varchar { length: 100 }
    );
    assert_eq!(column_type(books, "author_id"), ColumnType::BigInt);
    assert!(
        books
            .column("author_id")
            .is_some_and(|c| !c.auto_increment && !c.nullable)
    );

    let copies = table(&schema, "copies");
    let shelf = copies
        .foreign_keys
        .iter()
        .find(|k| k.name == "copies_on_shelf")
        .expect("composite key");
    assert_eq!(names(&shelf.columns), ["shelf_room", "shelf_number"]);
    assert_eq!(names(&shelf.referenced_columns), ["room", "number"]);
    assert_eq!(
        (shelf.on_delete, shelf.on_update),
        (ReferentialAction::Restrict, ReferentialAction::Cascade)
    );
    let index_names: Vec<&str> = copies.indexes.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        index_names,
        ["idx_copies_book_isbn", "idx_copies_shelf_room_shelf_number"]
    );

    let inspections = table(&schema, "shelf_inspections");
    let shelf = inspections
        .foreign_keys
        .iter()
        .find(|k| k.name == "inspections_of_shelf")
        .expect("composite key");
    assert_eq!(
        names(&shelf.referenced_columns),
        ["room", "number"],
        "defaults to the primary key"
    );
    assert_eq!(column_type(inspections, "number"), ColumnType::SmallInt);

    let tags = table(&schema, "book_tags");
    assert_eq!(
        tags.kind,
        TableKind::Junction {
            left: "books".into(),
            right: "tags".into()
        }
    );
    assert_eq!(column_names(tags), ["book_id", "tag_id"]);
    assert_eq!(
        tags.primary_key.as_ref().map(|k| names(&k.columns)),
        Some(vec!["book_id", "tag_id"])
    );
    assert!(
        tags.foreign_keys
            .iter()
            .all(|k| k.on_delete == ReferentialAction::Cascade)
    );
    let names_and_origins: Vec<(&str, IndexOrigin)> = tags
        .indexes
        .iter()
        .map(|i| (i.name.as_str(), i.origin))
        .collect();
    assert_eq!(
        names_and_origins,
        [("idx_book_tags_tag_id", IndexOrigin::Junction)]
    );

    let contributors = table(&schema, "book_contributors");
    assert_eq!(
        column_names(contributors),
        ["book_id", "author_id", "role", "position"]
    );
    assert_eq!(
        default(contributors, "position"),
        Some(DefaultValue::Integer(1))
    );

    let related = table(&schema, "related_books");
    assert_eq!(column_names(related), ["book_id", "related_book_id"]);
    assert!(
        related
            .foreign_keys
            .iter()
            .all(|k| k.referenced_table == "books")
    );
    let foreign_keys: Vec<&str> = related
        .foreign_keys
        .iter()
        .map(|k| k.name.as_str())
        .collect();
    assert_eq!(
        foreign_keys,
        [
            "fk_related_books_book_id",
            "fk_related_books_related_book_id"
        ]
    );
}

#[test]
fn cycles_are_broken_by_deferring_the_closing_foreign_keys() {
    let schema = fixture("cycle.toml");
    let order = creation_order(&schema);
    let created: Vec<&str> = order
        .tables
        .iter()
        .map(|&index| schema.tables[index].name.as_str())
        .collect();
    assert_eq!(
        created,
        ["departments", "employees", "projects", "sprints", "teams"]
    );
    let deferred: Vec<&str> = order
        .deferred
        .iter()
        .map(|key| {
            schema.tables[key.table].foreign_keys[key.foreign_key]
                .name
                .as_str()
        })
        .collect();
    assert_eq!(
        deferred,
        ["fk_departments_manager_id", "fk_projects_lead_team_id"]
    );
    for key in &order.deferred {
        let foreign_key = &schema.tables[key.table].foreign_keys[key.foreign_key];
        let table = &schema.tables[key.table];
        assert!(
            foreign_key
                .columns
                .iter()
                .all(|c| table.column(c).is_some_and(|column| column.nullable)),
            "a deferred key's columns are nullable"
        );
    }
    let employees = table(&schema, "employees");
    let mentor = employees
        .foreign_keys
        .iter()
        .position(|k| k.columns == ["mentor_id"])
        .expect("mentor key");
    let employees_index = schema
        .tables
        .iter()
        .position(|t| t.name == "employees")
        .unwrap_or_default();
    assert!(
        !order.is_deferred(employees_index, mentor),
        "a self-reference is never deferred"
    );
    assert_eq!(
        column_type(table(&schema, "departments"), "manager_id"),
        ColumnType::BigInt
    );
}

#[test]
fn reserved_words_and_odd_names_are_kept_verbatim() {
    let schema = fixture("reserved_words.toml");
    let order_table = table(&schema, "order");
    assert_eq!(
        column_names(order_table),
        [
            "id",
            "from",
            "to",
            "condition",
            "group_id",
            "it's \"odd\" `name`",
            "Mixed Case"
        ]
    );
    assert_eq!(
        order_table.primary_key.as_ref().map(|k| k.name.as_str()),
        Some("pk_order")
    );
    let checks: Vec<&str> = order_table.checks.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(checks, ["dates_in_order", "condition_known"]);
    let odd = order_table
        .indexes
        .iter()
        .find(|i| i.name == "order by odd name")
        .expect("odd index");
    assert_eq!(names(&odd.columns), ["it's \"odd\" `name`"]);
    assert_eq!(order_table.foreign_keys[0].name, "fk_order_group_id");
    assert!(
        order_table
            .indexes
            .iter()
            .any(|i| i.name == "idx_order_group_id" && i.origin == IndexOrigin::ForeignKey)
    );

    let group = table(&schema, "group");
    assert_eq!(column_names(group), ["id", "name", "user", "select"]);
    assert_eq!(group.unique_constraints[0].name, "uq_group_name");
    assert_eq!(
        default(group, "select"),
        Some(DefaultValue::String(String::new()))
    );

    let user = table(&schema, "user");
    assert_eq!(user.foreign_keys[0].name, "user's \"order\"");
    assert_eq!(default(user, "primary"), Some(DefaultValue::Boolean(false)));

    let line_item = table(&schema, "line item");
    assert_eq!(line_item.foreign_keys[0].name, "fk_line item_order");
    assert_eq!(line_item.checks[0].name, "quantity > 0");

    let junction = table(&schema, "order_groups");
    assert_eq!(column_names(junction), ["order_id", "group_id", "where"]);
    assert_eq!(
        junction.kind,
        TableKind::Junction {
            left: "order".into(),
            right: "group".into()
        }
    );
}

#[test]
fn set_default_is_kept_where_the_targets_support_it() {
    let schema = fixture("set_default.toml");
    let copies = table(&schema, "copies");
    let shelf = &copies.foreign_keys[0];
    assert_eq!(
        (shelf.name.as_str(), shelf.on_delete, shelf.on_update),
        (
            "copies_on_shelf",
            ReferentialAction::SetDefault,
            ReferentialAction::Cascade
        )
    );
    let inspections = table(&schema, "shelf_inspections");
    let librarian = inspections
        .foreign_keys
        .iter()
        .find(|k| k.columns == ["librarian_id"])
        .expect("librarian key");
    assert_eq!(
        (librarian.on_delete, librarian.on_update),
        (ReferentialAction::SetDefault, ReferentialAction::SetDefault)
    );
}

#[test]
fn set_default_is_refused_when_mysql_is_a_target() {
    let source = std::fs::read_to_string(fixture_folder().join("set_default.toml"))
        .expect("fixture is readable")
        .replace(
            "dialects = [\"postgres\", \"sqlite\"]",
            "dialects = [\"mysql\", \"postgres\"]",
        );
    let diagnostics = parse_schema(&source, "set_default.toml", &options())
        .expect_err("mysql cannot do set default");
    let rendered = diagnostics.to_string();
    assert_eq!(diagnostics.list.len(), 3, "{rendered}");
    assert!(
        rendered.contains("\"set default\" in foreign key \"copies_on_shelf\""),
        "{rendered}"
    );
    assert!(
        rendered.contains("not supported by MySQL/MariaDB"),
        "{rendered}"
    );
}
