//! Diagrams and the report: the Mermaid and DOT text of the example, relationship sentences,
//! and the SVG of the example and of a generated schema of 36 tables, checked by parsing it.

use dbkit_generate::diagram::{
    relationships, render_dot, render_mermaid, render_report, render_svg, sentence,
};
use dbkit_model::{ParseOptions, Schema, parse_schema};

fn parse(source: &str) -> Schema {
    match parse_schema(source, "schema.toml", &ParseOptions::default()) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{diagnostics}"),
    }
}

fn example() -> Schema {
    parse(include_str!("../../../schema.toml"))
}

/// A schema of 36 tables: three roots, a tree of tables below them, every fourth table also
/// referencing a root, with nullable, unique (one-to-one) and self references, a reference cycle
/// and junction tables.
fn generated_source() -> String {
    let mut source = String::from("[project]\nname = \"generated\"\n");
    for index in 0..32 {
        source.push_str(&format!(
            "\n[tables.table_{index:02}s]\ncolumns.id = \"id\"\ncolumns.title = \"varchar(80)\"\n"
        ));
        for extra in 0..(index % 5) {
            source.push_str(&format!("columns.value_{extra} = \"decimal(10,2)?\"\n"));
        }
        if index >= 3 {
            let parent = (index - 3) / 2;
            source.push_str(&format!(
                "columns.table_{parent:02}_id = {{ references = \"table_{parent:02}s\" }}\n"
            ));
        }
        if index >= 6 && index % 4 == 0 {
            let parent = index % 3;
            source.push_str(&format!(
                "columns.other_table_{parent:02}_id = {{ references = \"table_{parent:02}s\", nullable = true }}\n"
            ));
        }
        if index % 7 == 4 {
            source.push_str(&format!(
                "columns.parent_id = {{ references = \"table_{index:02}s\", nullable = true }}\n"
            ));
        }
        if index == 10 {
            source
                .push_str("columns.table_05_id = { references = \"table_05s\", unique = true }\n");
        }
        if index == 1 {
            source.push_str(
                "columns.table_02_id = { references = \"table_02s\", nullable = true }\n",
            );
        }
        if index == 2 {
            source.push_str(
                "columns.table_01_id = { references = \"table_01s\", nullable = true }\n",
            );
        }
    }
    for (name, left, right) in [
        ("table_03_table_17s", "table_03s", "table_17s"),
        ("table_08_table_30s", "table_08s", "table_30s"),
        ("table_12_table_25s", "table_12s", "table_25s"),
        ("table_00_table_31s", "table_00s", "table_31s"),
    ] {
        source.push_str(&format!(
            "\n[relationships.{name}]\nmany_to_many = [\"{left}\", \"{right}\"]\n"
        ));
    }
    source
}

#[test]
fn relationships_read_as_sentences() {
    let schema = example();
    let sentences: Vec<String> = relationships(&schema).iter().map(sentence).collect();
    for expected in [
        "A member has zero or more loans; each loan belongs to exactly one member.",
        "A publisher has zero or more books; each book belongs to at most one publisher.",
        "A member has at most one member card; each member card belongs to exactly one member.",
        "A category has zero or more categories (through parent_id); each category belongs to at most one category.",
    ] {
        assert!(
            sentences.iter().any(|sentence| sentence == expected),
            "missing {expected:?} in {sentences:#?}"
        );
    }
}

#[test]
fn mermaid_of_the_example() {
    insta::assert_snapshot!(render_mermaid(&example()));
}

#[test]
fn dot_of_the_example() {
    let dot = render_dot(&example());
    assert!(dot.starts_with("digraph \"library\" {"));
    assert!(dot.contains(
        "\"loans\":c2 -> \"members\" [arrowhead=teetee, arrowtail=crowodot, style=dashed"
    ));
    assert!(dot.contains(
        "\"books\":c4 -> \"publishers\" [arrowhead=teeodot, arrowtail=crowodot, style=dashed"
    ));
    assert!(dot.contains(
        "\"member_cards\":c1 -> \"members\" [arrowhead=teetee, arrowtail=teeodot, style=dashed"
    ));
    assert!(dot.contains(
        "\"book_authors\":c0 -> \"books\" [arrowhead=teetee, arrowtail=crowodot, style=solid"
    ));
    assert_eq!(
        dot.matches("arrowhead=").count(),
        relationships(&example()).len()
    );
    assert!(dot.trim_end().ends_with('}'));
}

#[test]
fn report_of_the_example() {
    let schema = example();
    let findings = dbkit_lint::lint(&schema);
    insta::assert_snapshot!(render_report(&schema, &findings));
}

/// A box on the page.
#[derive(Debug, Clone, Copy)]
struct Rect {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

impl Rect {
    fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }

    /// Whether the axis-parallel segment from `a` to `b` passes through the inside of the box.
    fn crossed_by(&self, a: (f64, f64), b: (f64, f64)) -> bool {
        let inset = 0.5;
        let (left, right) = (self.x + inset, self.x + self.width - inset);
        let (top, bottom) = (self.y + inset, self.y + self.height - inset);
        let (x1, x2) = (a.0.min(b.0), a.0.max(b.0));
        let (y1, y2) = (a.1.min(b.1), a.1.max(b.1));
        x1 < right && x2 > left && y1 < bottom && y2 > top
    }
}

fn number(node: roxmltree::Node<'_, '_>, attribute: &str) -> f64 {
    node.attribute(attribute)
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("{attribute} of {:?}", node.tag_name()))
}

fn points(path: &str) -> Vec<(f64, f64)> {
    path.split(['M', 'L'])
        .filter(|part| !part.trim().is_empty())
        .map(|part| {
            let mut numbers = part
                .split_whitespace()
                .map(|value| value.parse::<f64>().expect("a coordinate"));
            (numbers.next().expect("x"), numbers.next().expect("y"))
        })
        .collect()
}

/// Parses the SVG and checks: every table has a box, no two boxes overlap, everything is on the
/// page, every foreign key has a line that is orthogonal, starts and ends on its own tables'
/// boxes, and crosses no box.
fn check_svg(schema: &Schema, svg: &str) {
    let document =
        roxmltree::Document::parse(svg).unwrap_or_else(|error| panic!("invalid SVG: {error}"));
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    let (page_width, page_height) = (number(root, "width"), number(root, "height"));
    let mut boxes: Vec<(String, Rect)> = Vec::new();
    for group in root
        .descendants()
        .filter(|node| node.attribute("data-table").is_some())
    {
        let name = group
            .attribute("data-table")
            .unwrap_or_default()
            .to_string();
        let rect = group
            .children()
            .find(|child| child.attribute("class") == Some("box"))
            .unwrap_or_else(|| panic!("table {name} has no box"));
        let rect = Rect {
            x: number(rect, "x"),
            y: number(rect, "y"),
            width: number(rect, "width"),
            height: number(rect, "height"),
        };
        assert!(rect.x >= 0.0 && rect.y >= 0.0, "{name} is off the page");
        assert!(
            rect.x + rect.width <= page_width && rect.y + rect.height <= page_height,
            "{name} is off the page"
        );
        let texts: Vec<&str> = group.descendants().filter_map(|node| node.text()).collect();
        let table = schema
            .table(&name)
            .unwrap_or_else(|| panic!("unknown table {name}"));
        for column in &table.columns {
            assert!(
                texts.contains(&column.name.as_str()),
                "{name}.{} is not drawn",
                column.name
            );
        }
        boxes.push((name, rect));
    }
    let mut names: Vec<&str> = boxes.iter().map(|(name, _)| name.as_str()).collect();
    names.sort_unstable();
    let mut expected: Vec<&str> = schema
        .tables
        .iter()
        .map(|table| table.name.as_str())
        .collect();
    expected.sort_unstable();
    assert_eq!(names, expected, "every table has exactly one box");
    for (index, (name, rect)) in boxes.iter().enumerate() {
        for (other, other_rect) in &boxes[index + 1..] {
            assert!(!rect.overlaps(other_rect), "{name} overlaps {other}");
        }
    }
    let find = |name: &str| {
        boxes
            .iter()
            .find(|(candidate, _)| candidate == name)
            .map(|(_, rect)| *rect)
    };
    let lines: Vec<roxmltree::Node<'_, '_>> = root
        .descendants()
        .filter(|node| node.attribute("class") == Some("relationship"))
        .collect();
    assert_eq!(
        lines.len(),
        relationships(schema).len(),
        "one line per foreign key"
    );
    for line in lines {
        let (from, to) = (
            line.attribute("data-from").unwrap_or_default(),
            line.attribute("data-to").unwrap_or_default(),
        );
        let path = line
            .children()
            .find(|child| {
                child
                    .attribute("class")
                    .is_some_and(|class| class.starts_with("line"))
            })
            .and_then(|path| path.attribute("d"))
            .unwrap_or_else(|| panic!("{from} -> {to} has no line"));
        let route = points(path);
        assert!(route.len() >= 2, "{from} -> {to}: {path}");
        let (start, end) = (route[0], route[route.len() - 1]);
        let on_edge = |rect: Rect, point: (f64, f64)| {
            let near = |a: f64, b: f64| (a - b).abs() < 0.11;
            let inside_x = point.0 >= rect.x - 0.1 && point.0 <= rect.x + rect.width + 0.1;
            let inside_y = point.1 >= rect.y - 0.1 && point.1 <= rect.y + rect.height + 0.1;
            (inside_x && (near(point.1, rect.y) || near(point.1, rect.y + rect.height)))
                || (inside_y && (near(point.0, rect.x) || near(point.0, rect.x + rect.width)))
        };
        let (child, parent) = (
            find(from).expect("child box"),
            find(to).expect("parent box"),
        );
        assert!(
            on_edge(child, start),
            "{from} -> {to} does not start on {from}: {path}"
        );
        assert!(
            on_edge(parent, end),
            "{from} -> {to} does not end on {to}: {path}"
        );
        for pair in route.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(
                (a.0 - b.0).abs() < 0.01 || (a.1 - b.1).abs() < 0.01,
                "{from} -> {to} is not orthogonal: {path}"
            );
            assert!(a.0 >= 0.0 && a.0 <= page_width && a.1 >= 0.0 && a.1 <= page_height);
            for (name, rect) in &boxes {
                assert!(
                    !rect.crossed_by(a, b),
                    "{from} -> {to} crosses {name}: {path}"
                );
            }
        }
    }
}

#[test]
fn svg_of_the_example_is_readable() {
    let schema = example();
    let svg = render_svg(&schema);
    check_svg(&schema, &svg);
    assert_eq!(
        svg,
        render_svg(&schema),
        "the same schema gives the same drawing"
    );
}

#[test]
fn svg_of_a_schema_of_36_tables_is_readable() {
    let schema = parse(&generated_source());
    assert_eq!(schema.tables.len(), 36);
    let svg = render_svg(&schema);
    check_svg(&schema, &svg);
}
