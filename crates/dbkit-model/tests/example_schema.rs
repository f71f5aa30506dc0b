//! The repository's own `schema.toml` resolves to the model the documentation promises.

use dbkit_model::{
    ColumnType, IndexOrigin, ParseOptions, ReferentialAction, TableKind, parse_schema,
};

fn example() -> dbkit_model::Schema {
    let source = include_str!("../../../schema.toml");
    match parse_schema(source, "schema.toml", &ParseOptions::default()) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{diagnostics}"),
    }
}

#[test]
fn tables_keep_the_written_order_and_junctions_follow() {
    let schema = example();
    let names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "authors",
            "publishers",
            "books",
            "copies",
            "members",
            "member_cards",
            "loans",
            "categories",
            "book_authors",
            "book_categories"
        ]
    );
}

#[test]
fn shorthands_expand_to_explicit_keys() {
    let schema = example();
    let books = schema.table("books").expect("books");
    let publisher = books.column("publisher_id").expect("publisher_id");
    assert_eq!(publisher.column_type, ColumnType::BigInt);
    assert!(publisher.nullable);
    assert!(!publisher.auto_increment);
    let key = &books.foreign_keys[0];
    assert_eq!(key.name, "fk_books_publisher_id");
    assert_eq!(key.referenced_table, "publishers");
    assert_eq!(key.referenced_columns, ["id"]);
    assert_eq!(key.on_delete, ReferentialAction::SetNull);
    assert_eq!(key.on_update, ReferentialAction::NoAction);
    assert_eq!(books.unique_constraints[0].name, "uq_books_isbn");
    assert_eq!(
        books.primary_key.as_ref().map(|k| k.name.as_str()),
        Some("pk_books")
    );
    let index = books
        .indexes
        .iter()
        .find(|i| i.columns == ["publisher_id"])
        .expect("fk index");
    assert_eq!(
        (index.name.as_str(), index.origin),
        ("idx_books_publisher_id", IndexOrigin::ForeignKey)
    );
}

#[test]
fn foreign_keys_already_covered_get_no_extra_index() {
    let schema = example();
    let cards = schema.table("member_cards").expect("member_cards");
    assert!(
        cards.indexes.is_empty(),
        "member_id is unique already: {:?}",
        cards.indexes
    );
    let categories = schema.table("categories").expect("categories");
    assert!(
        categories.indexes.is_empty(),
        "parent_id leads name_in_parent: {:?}",
        categories.indexes
    );
}

#[test]
fn many_to_many_becomes_a_junction_table() {
    let schema = example();
    let junction = schema.table("book_authors").expect("book_authors");
    assert_eq!(
        junction.kind,
        TableKind::Junction {
            left: "books".into(),
            right: "authors".into()
        }
    );
    let columns: Vec<&str> = junction.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(columns, ["book_id", "author_id", "position"]);
    assert_eq!(
        junction.primary_key.as_ref().map(|k| k.columns.clone()),
        Some(vec!["book_id".into(), "author_id".into()])
    );
    assert!(
        junction
            .foreign_keys
            .iter()
            .all(|k| k.on_delete == ReferentialAction::Cascade)
    );
    let indexes: Vec<(&str, IndexOrigin)> = junction
        .indexes
        .iter()
        .map(|i| (i.name.as_str(), i.origin))
        .collect();
    assert_eq!(
        indexes,
        [("idx_book_authors_author_id", IndexOrigin::Junction)]
    );
    let categories = schema.table("book_categories").expect("book_categories");
    assert_eq!(categories.columns[1].name, "category_id");
}

#[test]
fn defaults_are_typed() {
    let schema = example();
    let members = schema.table("members").expect("members");
    assert_eq!(
        members.column("is_active").and_then(|c| c.default.clone()),
        Some(dbkit_model::DefaultValue::Boolean(true))
    );
    assert_eq!(
        members.column("joined_at").and_then(|c| c.default.clone()),
        Some(dbkit_model::DefaultValue::CurrentTimestamp)
    );
}
