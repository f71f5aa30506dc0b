//! The help texts.

use super::support::Project;

#[test]
fn help_lists_the_commands() {
    let run = Project::empty().dbkit(&["--help"]);
    run.assert_success();
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn build_help_lists_the_options() {
    let run = Project::empty().dbkit(&["build", "--help"]);
    run.assert_success();
    insta::assert_snapshot!(run.transcript());
}

#[test]
fn apply_and_init_help() {
    let project = Project::empty();
    let apply = project.dbkit(&["apply", "--help"]);
    let init = project.dbkit(&["init", "--help"]);
    apply.assert_success();
    init.assert_success();
    insta::assert_snapshot!(format!("{}\n{}", apply.transcript(), init.transcript()));
}
