//! The SVG diagrams in a real browser: the example schema, a generated schema of 36 tables and
//! Sakila pulled from a SQLite database are each drawn by `render_svg`, loaded inline in an HTML
//! page in headless Chromium, and measured with the browser's own layout (`getBBox`): every
//! table has its box, no two boxes (with their texts as drawn) overlap, every text stays inside
//! its box, and every box is inside the drawing.
//!
//! Without Chromium the test fails, saying how to install it (`apt-get install -y chromium`).

mod chromium;

use std::collections::BTreeSet;

use chromium::{Rendered, render};
use dbkit_generate::diagram::render_svg;
use dbkit_model::{Schema, parse_schema};
use dbkit_tests::pull::{ScratchDatabase, parse_options};

/// How far (in SVG units) a text may reach past its box, for anti-aliasing.
const TOLERANCE: f64 = 0.5;

/// Every problem the browser's layout shows for `schema`'s diagram.
fn problems(schema: &Schema, rendered: &Rendered) -> Vec<String> {
    let mut problems = Vec::new();
    let expected: BTreeSet<&str> = schema
        .tables
        .iter()
        .map(|table| table.name.as_str())
        .collect();
    let drawn: Vec<&str> = rendered
        .tables
        .iter()
        .map(|table| table.name.as_str())
        .collect();
    let drawn_set: BTreeSet<&str> = drawn.iter().copied().collect();
    if drawn.len() != drawn_set.len() {
        problems.push(format!("a table is drawn twice: {drawn:?}"));
    }
    for missing in expected.difference(&drawn_set) {
        problems.push(format!("no box for table {missing}"));
    }
    for extra in drawn_set.difference(&expected) {
        problems.push(format!(
            "a box for {extra}, which is not a table of the schema"
        ));
    }
    for table in &rendered.tables {
        let rect = table.rect;
        if rect.width <= 0.0 || rect.height <= 0.0 {
            problems.push(format!("the box of {} is empty: {rect:?}", table.name));
        }
        let canvas = chromium::Rect {
            x: 0.0,
            y: 0.0,
            width: rendered.width,
            height: rendered.height,
        };
        if !canvas.contains(&table.drawn, TOLERANCE) {
            problems.push(format!(
                "{} ({:?}) reaches outside the {}x{} drawing",
                table.name, table.drawn, rendered.width, rendered.height
            ));
        }
        for text in &table.texts {
            if !rect.contains(&text.bounds, TOLERANCE) {
                problems.push(format!(
                    "in {}, the text {:?} ({:?}) sticks out of its box ({rect:?})",
                    table.name, text.content, text.bounds
                ));
            }
        }
        if table.texts.first().map(|text| text.content.as_str()) != Some(table.name.as_str()) {
            problems.push(format!(
                "the box of {} does not start with its name",
                table.name
            ));
        }
    }
    for (index, first) in rendered.tables.iter().enumerate() {
        for second in &rendered.tables[index + 1..] {
            let shared = first.drawn.overlap(&second.drawn);
            if shared > 0.0 {
                problems.push(format!(
                    "{} ({:?}) and {} ({:?}) overlap by {shared:.1} square units",
                    first.name, first.drawn, second.name, second.drawn
                ));
            }
        }
    }
    problems
}

/// Draws `schema`, renders it in Chromium and fails with every problem found.
fn check_in_browser(name: &str, schema: &Schema, minimum_tables: usize) {
    assert!(
        schema.tables.len() >= minimum_tables,
        "{name}: expected at least {minimum_tables} tables, the schema has {}",
        schema.tables.len()
    );
    let folder = tempfile::tempdir()
        .unwrap_or_else(|error| panic!("cannot create a temporary folder: {error}"));
    let svg = render_svg(schema);
    let rendered =
        render(&svg, folder.path(), name).unwrap_or_else(|message| panic!("{name}: {message}"));
    let problems = problems(schema, &rendered);
    assert!(
        problems.is_empty(),
        "{name}: the diagram of {} tables, as Chromium lays it out, has {} problem(s):\n  {}",
        schema.tables.len(),
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn the_example_diagram_has_every_table_and_no_overlap_in_chromium() {
    let schema = dbkit_tests::example_fixture().schema;
    check_in_browser("example", &schema, 10);
}

#[test]
fn a_diagram_of_36_tables_has_every_table_and_no_overlap_in_chromium() {
    let source = large_schema_source(36);
    let schema =
        parse_schema(&source, "large.toml", &parse_options()).unwrap_or_else(|diagnostics| {
            panic!("the generated schema does not parse:\n{diagnostics}\n{source}")
        });
    check_in_browser("large", &schema, 36);
}

#[test]
fn the_pulled_sakila_diagram_has_every_table_and_no_overlap_in_chromium() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/sakila/sqlite-sakila-db/sqlite-sakila-schema.sql"
    );
    let script =
        std::fs::read_to_string(path).unwrap_or_else(|error| panic!("cannot read {path}: {error}"));
    let database = ScratchDatabase::sqlite("diagram_sakila");
    let dbkit_db::Target::SqliteFile(file) = database.url().target() else {
        panic!("a SQLite scratch database is a file");
    };
    let connection = rusqlite::Connection::open(file)
        .unwrap_or_else(|error| panic!("cannot open {}: {error}", file.display()));
    connection
        .execute_batch(&script)
        .unwrap_or_else(|error| panic!("cannot load {path}: {error}"));
    drop(connection);
    let pulled = database
        .pull()
        .unwrap_or_else(|message| panic!("{message}"));
    check_in_browser("sakila", &pulled.schema, 16);
}

#[test]
fn the_checks_find_a_missing_box_an_overlap_and_a_text_that_sticks_out() {
    let source = "[tables.authors]\ncolumns.id = \"id\"\n\n[tables.books]\ncolumns.id = \"id\"\n\n\
                  [tables.loans]\ncolumns.id = \"id\"\n";
    let schema = parse_schema(source, "three.toml", &parse_options())
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    // Two boxes that overlap, the second with a name far wider than its box; no box for loans.
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"200\" font-size=\"12\">\
        <g class=\"table\" data-table=\"authors\"><rect class=\"box\" x=\"10\" y=\"10\" width=\"120\" height=\"60\"/>\
        <text x=\"16\" y=\"28\">authors</text></g>\
        <g class=\"table\" data-table=\"books\"><rect class=\"box\" x=\"100\" y=\"40\" width=\"40\" height=\"60\"/>\
        <text x=\"106\" y=\"58\">books with a name much wider than the box</text></g></svg>";
    let folder = tempfile::tempdir()
        .unwrap_or_else(|error| panic!("cannot create a temporary folder: {error}"));
    let rendered =
        render(svg, folder.path(), "faulty").unwrap_or_else(|message| panic!("{message}"));
    let problems = problems(&schema, &rendered);
    let has = |needle: &str| problems.iter().any(|problem| problem.contains(needle));
    assert!(has("no box for table loans"), "{problems:#?}");
    assert!(has("authors") && has("overlap"), "{problems:#?}");
    assert!(has("sticks out of its box"), "{problems:#?}");
}

/// Words for the generated tables' names, some of them long, so that boxes differ in width.
const WORDS: &[&str] = &[
    "customers",
    "orders",
    "order_lines",
    "products",
    "product_categories",
    "suppliers",
    "warehouses",
    "inventory_movements",
    "shipments",
    "invoices",
    "payments",
    "refunds",
];

/// A `schema.toml` of `count` tables: each references one or two earlier tables (a few hubs are
/// referenced by many), some have many columns with long names, two reference themselves, and
/// four many-to-many relationships add junction tables.
fn large_schema_source(count: usize) -> String {
    let junctions = 4;
    let plain = count - junctions;
    let name = |index: usize| format!("{}_{index:02}", WORDS[index % WORDS.len()]);
    let mut source = String::from("[project]\nname = \"large\"\n");
    for index in 0..plain {
        let table = name(index);
        source.push_str(&format!(
            "\n[tables.{table}]\ncolumns.id = \"id\"\ncolumns.label = \"varchar(100)\"\n"
        ));
        for extra in 0..(index % 6) {
            source.push_str(&format!(
                "columns.rather_long_attribute_name_{extra} = \"{}\"\n",
                [
                    "decimal(12,2)",
                    "timestamp?",
                    "varchar(255)?",
                    "boolean",
                    "date",
                    "text?"
                ][extra]
            ));
        }
        let mut parents: Vec<usize> = Vec::new();
        if index > 0 {
            parents.push(index / 3);
        }
        if index > 4 {
            parents.push(index - 1);
        }
        parents.dedup();
        for parent in parents {
            source.push_str(&format!(
                "columns.{}_id = {{ references = \"{}\", nullable = true }}\n",
                name(parent),
                name(parent)
            ));
        }
        if index % 13 == 7 {
            source.push_str(&format!(
                "columns.parent_id = {{ references = \"{table}\", nullable = true }}\n"
            ));
        }
    }
    for junction in 0..junctions {
        let (left, right) = (name(junction * 5 + 1), name(junction * 7 + 3));
        source.push_str(&format!(
            "\n[relationships.link_{junction}]\nmany_to_many = [\"{left}\", \"{right}\"]\n"
        ));
    }
    source
}
