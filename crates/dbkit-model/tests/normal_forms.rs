//! Normal-form analysis on textbook cases: the normal form reached, the violation in plain
//! words, and the proposed decomposition, which must itself be a valid schema in BCNF or 3NF.

use dbkit_model::normal_form::{NormalForm, ProposedTableKind, TableAnalysis, analyze_table};
use dbkit_model::{ParseOptions, Schema, parse_schema};

fn schema(source: &str) -> Schema {
    match parse_schema(source, "schema.toml", &ParseOptions::default()) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("{diagnostics}"),
    }
}

fn analysis(schema: &Schema, table: &str) -> TableAnalysis {
    let table = schema
        .table(table)
        .unwrap_or_else(|| panic!("table {table}"));
    analyze_table(schema, table)
}

/// The decomposition's fragment, with the analysed table's section replaced, parses; every
/// table of the result is analysed again and reaches at least `expected`.
fn check_fragment_is_valid(
    source: &str,
    table: &str,
    analysis: &TableAnalysis,
    expected: NormalForm,
) -> Schema {
    let decomposition = analysis.decomposition.as_ref().expect("a decomposition");
    let header = format!("[tables.{table}]");
    let start = source.find(&header).expect("table section");
    let end = source[start + header.len()..]
        .find("\n[")
        .map_or(source.len(), |offset| start + header.len() + offset);
    let rewritten = format!(
        "{}{}\n{}",
        &source[..start],
        decomposition.fragment,
        &source[end..]
    );
    let fixed = match parse_schema(&rewritten, "fixed.toml", &ParseOptions::default()) {
        Ok(fixed) => fixed,
        Err(diagnostics) => panic!("{diagnostics}\n{rewritten}"),
    };
    for table in &fixed.tables {
        let again = analyze_table(&fixed, table);
        assert!(
            again.normal_form >= expected,
            "{} is in {} after the decomposition:\n{rewritten}",
            table.name,
            again.normal_form
        );
    }
    fixed
}

const STUDENTS: &str = r#"
[tables.students]
columns.id = "id"
columns.student_name = "varchar(100)"
columns.major = "varchar(100)"
columns.advisor_name = "varchar(100)"
columns.advisor_phone = "varchar(20)"
functional_dependencies = ["advisor_name -> advisor_phone"]
"#;

#[test]
fn student_major_advisor_has_a_transitive_dependency() {
    let schema = schema(STUDENTS);
    let result = analysis(&schema, "students");
    assert_eq!(result.normal_form, NormalForm::Second);
    assert_eq!(result.candidate_keys, [["id"]]);
    assert_eq!(result.violations.len(), 1);
    let violation = &result.violations[0];
    assert_eq!(violation.breaks, NormalForm::Third);
    assert_eq!(
        violation.explanation,
        "`advisor_phone` depends on `advisor_name`, which is not a key: a transitive dependency (`id` -> `advisor_name` -> `advisor_phone`), so `students` is not in 3NF"
    );
    let decomposition = result.decomposition.as_ref().expect("decomposition");
    assert!(decomposition.lost_dependencies.is_empty());
    let names: Vec<(&str, &ProposedTableKind)> = decomposition
        .tables
        .iter()
        .map(|proposed| (proposed.table.name.as_str(), &proposed.kind))
        .collect();
    assert_eq!(
        names,
        [
            ("students", &ProposedTableKind::Original),
            ("advisors", &ProposedTableKind::New)
        ]
    );
    assert_eq!(
        decomposition.fragment,
        r#"# Proposed decomposition of table "students": replace its section with these.
# advisor_name -> advisor_phone moves to table "advisors".

[tables.students]
columns.id = "id"
columns.student_name = "varchar(100)"
columns.major = "varchar(100)"
columns.advisor_name = { references = "advisors", on_delete = "restrict", on_update = "cascade" }

[tables.advisors]
columns.advisor_name = { type = "varchar(100)", primary_key = true }
columns.advisor_phone = "varchar(20)"
"#
    );
    let fixed = check_fragment_is_valid(STUDENTS, "students", &result, NormalForm::BoyceCodd);
    let students = fixed.table("students").expect("students");
    assert_eq!(students.foreign_keys[0].referenced_table, "advisors");
}

const ORDER_ITEMS: &str = r#"
[tables.order_items]
columns.order_id = "bigint"
columns.product_id = "bigint"
columns.product_name = "varchar(255)"
columns.quantity = "int"
columns.unit_price = "decimal(10,2)"
primary_key = ["order_id", "product_id"]
functional_dependencies = ["product_id -> product_name"]
checks.positive_quantity = "quantity > 0"
"#;

#[test]
fn order_items_with_product_names_have_a_partial_dependency() {
    let schema = schema(ORDER_ITEMS);
    let result = analysis(&schema, "order_items");
    assert_eq!(result.normal_form, NormalForm::First);
    assert_eq!(result.violations.len(), 1);
    assert_eq!(result.violations[0].breaks, NormalForm::Second);
    assert_eq!(
        result.violations[0].explanation,
        "`product_name` depends on `product_id` alone, which is only part of the key (`order_id`, `product_id`): a partial dependency, so `order_items` is not in 2NF"
    );
    let decomposition = result.decomposition.as_ref().expect("decomposition");
    assert_eq!(
        decomposition.fragment,
        r#"# Proposed decomposition of table "order_items": replace its section with these.
# product_id -> product_name moves to table "products".

[tables.order_items]
columns.order_id = "bigint"
columns.product_id = { references = "products", on_delete = "restrict", on_update = "cascade" }
columns.quantity = "int"
columns.unit_price = "decimal(10,2)"
primary_key = ["order_id", "product_id"]
checks.positive_quantity = "quantity > 0"

[tables.products]
columns.product_id = { type = "bigint", primary_key = true }
columns.product_name = "varchar(255)"
"#
    );
    check_fragment_is_valid(ORDER_ITEMS, "order_items", &result, NormalForm::BoyceCodd);
}

#[test]
fn a_determinant_that_references_a_table_moves_its_columns_there() {
    let source = r#"
[tables.products]
columns.id = "id"
columns.name = "varchar(255)"

[tables.order_items]
columns.id = "id"
columns.order_number = "int"
columns.product_id = { references = "products" }
columns.product_name = "varchar(255)"
columns.quantity = "int"
unique.one_line_per_product = ["order_number", "product_id"]
functional_dependencies = ["product_id -> product_name"]
"#;
    let schema = schema(source);
    let result = analysis(&schema, "order_items");
    assert_eq!(result.normal_form, NormalForm::First);
    assert_eq!(
        result.candidate_keys,
        [vec!["id"], vec!["order_number", "product_id"]]
    );
    let decomposition = result.decomposition.as_ref().expect("decomposition");
    let existing = decomposition
        .tables
        .iter()
        .find(|proposed| proposed.kind == ProposedTableKind::Existing)
        .expect("columns move to the existing table");
    assert_eq!(existing.table.name, "products");
    assert!(
        decomposition
            .fragment
            .contains("product_name belongs in the existing table \"products\"")
    );
    assert!(!decomposition.fragment.contains("columns.product_name"));
}

const ENROLMENTS: &str = r#"
[tables.enrolments]
columns.student = "varchar(100)"
columns.course = "varchar(100)"
columns.instructor = "varchar(100)"
primary_key = ["student", "course"]
functional_dependencies = ["instructor -> course"]
"#;

#[test]
fn course_instructor_is_in_3nf_but_not_bcnf() {
    let schema = schema(ENROLMENTS);
    let result = analysis(&schema, "enrolments");
    assert_eq!(result.normal_form, NormalForm::Third);
    assert_eq!(
        result.candidate_keys,
        [vec!["student", "course"], vec!["student", "instructor"]]
    );
    assert_eq!(result.violations.len(), 1);
    assert_eq!(result.violations[0].breaks, NormalForm::BoyceCodd);
    assert_eq!(
        result.violations[0].explanation,
        "`course` depends on `instructor`, which is not a key: `enrolments` is in 3NF only because `course` is part of a key, and not in BCNF, where every determinant is a key"
    );
    let decomposition = result.decomposition.as_ref().expect("decomposition");
    let lost: Vec<String> = decomposition
        .lost_dependencies
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(lost, ["student, course -> instructor"]);
    assert_eq!(
        decomposition.fragment,
        r#"# Proposed decomposition of table "enrolments": replace its section with these.
# instructor -> course moves to table "instructors".
# This split reaches BCNF but loses the dependency student, course -> instructor: no single table can check it
# any more, so the application (or a trigger) must keep it. Keeping the table as it is (in 3NF) is the
# alternative.

[tables.enrolments]
columns.student = "varchar(100)"
columns.instructor = { references = "instructors", on_delete = "restrict", on_update = "cascade" }
primary_key = ["student", "instructor"]

[tables.instructors]
columns.course = "varchar(100)"
columns.instructor = { type = "varchar(100)", primary_key = true }
"#
    );
    check_fragment_is_valid(ENROLMENTS, "enrolments", &result, NormalForm::BoyceCodd);
}

#[test]
fn tables_without_declared_dependencies_are_in_bcnf() {
    let source = include_str!("../../../schema.toml");
    let schema = schema(source);
    for table in &schema.tables {
        let result = analyze_table(&schema, table);
        assert_eq!(result.normal_form, NormalForm::BoyceCodd, "{}", table.name);
        assert!(result.violations.is_empty());
        assert!(result.decomposition.is_none());
        assert!(!result.has_declared_dependencies);
    }
}

#[test]
fn zip_code_determines_city_and_state() {
    let source = r#"
[tables.customers]
columns.id = "id"
columns.name = "varchar(100)"
columns.zip_code = "char(5)"
columns.city = "varchar(100)"
columns.state = "char(2)"
functional_dependencies = ["zip_code -> city, state"]
"#;
    let schema = schema(source);
    let result = analysis(&schema, "customers");
    assert_eq!(result.normal_form, NormalForm::Second);
    assert_eq!(
        result.violations[0].explanation,
        "`city` and `state` depend on `zip_code`, which is not a key: a transitive dependency (`id` -> `zip_code` -> (`city`, `state`)), so `customers` is not in 3NF"
    );
    let fixed = check_fragment_is_valid(source, "customers", &result, NormalForm::BoyceCodd);
    let zip_codes = fixed.table("zip_codes").expect("zip_codes");
    let columns: Vec<&str> = zip_codes
        .columns
        .iter()
        .map(|column| column.name.as_str())
        .collect();
    assert_eq!(columns, ["zip_code", "city", "state"]);
}
