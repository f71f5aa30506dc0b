//! `diff` lists what turns one schema into another, as data, in an order that can be applied,
//! and renders it as text and JSON.

use dbkit_model::{
    Change, ColumnChange, ColumnType, DefaultValue, ParseOptions, Schema, diff, parse_schema,
    render_json, render_text,
};

fn parse(source: &str) -> Schema {
    parse_schema(source, "schema.toml", &ParseOptions::default())
        .unwrap_or_else(|diagnostics| panic!("does not parse:\n{diagnostics}"))
}

const LIBRARY: &str = r#"
[tables.authors]
columns.id = "id"
columns.name = "varchar(100)"

[tables.books]
columns.id = "id"
columns.title = "varchar(100)"
columns.author_id = { references = "authors" }
columns.status = { type = "enum(new, used)", default = "new" }
columns.fee = { type = "decimal(6,2)", default = 0 }
checks.fee_not_negative = "fee >= 0"
indexes.books_by_title = ["title"]
"#;

#[test]
fn the_same_schema_has_no_differences() {
    let schema = parse(LIBRARY);
    assert_eq!(diff(&schema, &schema), []);
    assert_eq!(render_text(&[]), "No differences.\n");
    assert_eq!(render_json(&[]), "[]\n");
}

#[test]
fn what_a_database_rewrites_is_not_a_difference() {
    let written = parse(LIBRARY);
    let mut stored = written.clone();
    let books = stored
        .tables
        .iter_mut()
        .find(|table| table.name == "books")
        .expect("books");
    books.checks[0].expression = "(fee >= (0)::numeric)".to_string();
    let fee = books
        .columns
        .iter_mut()
        .find(|column| column.name == "fee")
        .expect("fee");
    fee.default = Some(DefaultValue::Number("0.00".into()));
    for index in &mut books.indexes {
        index.origin = dbkit_model::IndexOrigin::User;
    }
    assert_eq!(diff(&written, &stored), []);
}

#[test]
fn lists_every_kind_of_change_in_an_order_that_can_be_applied() {
    let from = parse(LIBRARY);
    let to = parse(
        r#"
[tables.writers]
renamed_from = "authors"
columns.id = "id"
columns.full_name = { type = "varchar(200)", renamed_from = "name" }
columns.born_on = "date?"

[tables.books]
columns.id = "id"
columns.title = "varchar(200)"
columns.author_id = { references = "writers", on_delete = "cascade" }
columns.status = { type = "enum(new, used, lost)", default = "new" }
checks.title_not_blank = "length(title) > 0"
unique.one_title_per_author = ["author_id", "title"]

[tables.shelves]
columns.id = "id"
columns.label = "varchar(20)"
"#,
    );
    let changes = diff(&from, &to);
    let text = render_text(&changes);
    assert_eq!(
        text,
        "~ table authors renamed to writers\n\
         ~ column writers.name renamed to full_name\n\
         - foreign key books.fk_books_author_id (author_id) -> authors (id)\n\
         - index books.books_by_title (title)\n\
         - index books.idx_books_author_id (author_id)\n\
         - check books.fee_not_negative: fee >= 0\n\
         - primary key writers.pk_authors (id)\n\
         - column books.fee decimal(6,2) default 0\n\
         + table shelves (2 columns)\n\
         + column writers.born_on date?\n\
         ~ column books.status: enum values added: lost\n\
         ~ column books.title: type varchar(100) -> varchar(200)\n\
         ~ column writers.full_name: type varchar(100) -> varchar(200)\n\
         + primary key writers.pk_writers (id)\n\
         + unique books.one_title_per_author (author_id, title)\n\
         + check books.title_not_blank: length(title) > 0\n\
         + foreign key books.fk_books_author_id (author_id) -> writers (id) on delete cascade\n"
    );
    let status = changes
        .iter()
        .find_map(|change| match change {
            Change::AlterColumn {
                column, changes, ..
            } if column == "status" => Some(changes.clone()),
            _ => None,
        })
        .expect("the enum change is listed");
    assert_eq!(
        status,
        [ColumnChange::EnumValues {
            added: vec!["lost".into()],
            removed: vec![],
            from: vec!["new".into(), "used".into()],
            to: vec!["new".into(), "used".into(), "lost".into()],
        }]
    );
    assert_eq!(
        diff(&from, &to),
        changes,
        "the same schemas give the same list"
    );
}

#[test]
fn renames_are_never_guessed() {
    let from = parse(LIBRARY);
    let to = parse(
        &LIBRARY
            .replace("[tables.authors]", "[tables.writers]")
            .replace("references = \"authors\"", "references = \"writers\""),
    );
    let changes = diff(&from, &to);
    assert!(
        changes
            .iter()
            .any(|change| matches!(change, Change::DropTable { table } if table.name == "authors"))
    );
    assert!(
        changes.iter().any(
            |change| matches!(change, Change::CreateTable { table } if table.name == "writers")
        )
    );
    assert!(
        !changes
            .iter()
            .any(|change| matches!(change, Change::RenameTable { .. }))
    );
}

#[test]
fn tables_are_dropped_children_first_and_created_parents_first() {
    let empty = parse("[tables.unrelated]\ncolumns.id = \"id\"\n");
    let full = parse(LIBRARY.trim_start());
    let created: Vec<String> = diff(&empty, &full)
        .iter()
        .filter_map(|change| match change {
            Change::CreateTable { table } => Some(table.name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(created, ["authors", "books"]);
    let dropped: Vec<String> = diff(&full, &empty)
        .iter()
        .filter_map(|change| match change {
            Change::DropTable { table } => Some(table.name.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(dropped, ["books", "authors"]);
}

#[test]
fn json_names_each_change_and_property() {
    let from = parse(LIBRARY);
    let mut to = from.clone();
    let books = to
        .tables
        .iter_mut()
        .find(|table| table.name == "books")
        .expect("books");
    let title = books
        .columns
        .iter_mut()
        .find(|column| column.name == "title")
        .expect("title");
    title.nullable = true;
    title.column_type = ColumnType::Text;
    let json = render_json(&diff(&from, &to));
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value[0]["change"], "alter_column");
    assert_eq!(value[0]["table"], "books");
    assert_eq!(value[0]["column"], "title");
    assert_eq!(value[0]["changes"][0]["property"], "type");
    assert_eq!(value[0]["changes"][0]["to"]["name"], "text");
    assert_eq!(value[0]["changes"][1]["property"], "nullable");
    assert_eq!(value[0]["changes"][1]["to"], true);
    let back: Vec<Change> = serde_json::from_str(&json).expect("the JSON reads back");
    assert_eq!(back, diff(&from, &to));
}

#[test]
fn a_new_order_of_the_same_columns_is_a_change_and_added_columns_are_not_part_of_it() {
    let from = parse(
        r#"
[tables.users]
columns.id = "id"
columns.name = "varchar(40)"
columns.nickname = "varchar(20)"
columns.email = "varchar(200)?"
"#,
    );
    let to = parse(
        r#"
[tables.users]
columns.id = "id"
columns.nickname = "varchar(20)"
columns.phone = "varchar(30)?"
columns.name = "varchar(40)"
columns.email = "varchar(200)?"
"#,
    );
    assert_eq!(
        render_text(&diff(&from, &to)),
        "+ column users.phone varchar(30)?\n\
         ~ table users: columns reordered from (id, name, nickname, email) to (id, nickname, name, email)\n"
    );
    let only_added = parse(
        r#"
[tables.users]
columns.id = "id"
columns.phone = "varchar(30)?"
columns.name = "varchar(40)"
columns.nickname = "varchar(20)"
columns.email = "varchar(200)?"
"#,
    );
    assert!(
        !diff(&from, &only_added)
            .iter()
            .any(|change| matches!(change, Change::ReorderColumns { .. })),
        "a column added between others moves none of them"
    );
}
