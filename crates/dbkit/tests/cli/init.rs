//! `dbkit init`.

use super::support::{LIBRARY_SCHEMA, Project};

#[test]
fn writes_the_library_example_by_default() {
    let project = Project::empty();
    let run = project.dbkit(&["init"]);
    run.assert_success();
    insta::assert_snapshot!(run.transcript());
    assert_eq!(project.read("schema.toml"), LIBRARY_SCHEMA);
}

#[test]
fn writes_an_example_into_a_new_folder() {
    let project = Project::empty();
    let run = project.dbkit(&["init", "--example", "blog", "my-blog"]);
    run.assert_success();
    insta::assert_snapshot!(run.transcript());
    assert_eq!(
        project.read("my-blog/schema.toml"),
        include_str!("../../examples-schemas/blog.toml")
    );
}

#[test]
fn refuses_to_overwrite_a_schema() {
    let project = Project::with_schema("# my own work\n");
    let run = project.dbkit(&["init", "--example", "shop"]);
    run.assert_code(1);
    insta::assert_snapshot!(run.transcript());
    assert_eq!(project.read("schema.toml"), "# my own work\n");
    assert_eq!(project.files().len(), 1, "no temporary file left behind");
}

#[test]
fn an_unknown_example_is_a_usage_error() {
    let project = Project::empty();
    let run = project.dbkit(&["init", "--example", "zoo"]);
    run.assert_code(2);
    assert!(
        run.stderr
            .contains("[possible values: library, blog, shop]"),
        "{}",
        run.stderr
    );
    assert!(project.files().is_empty());
}
