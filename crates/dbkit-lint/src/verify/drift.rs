//! The drift between `schema.toml` and the database: the changes that would make the database
//! match the design, as `dbkit_model::diff` lists them (the design taken as this kind of
//! database stores it, so that what a database cannot keep is not counted).

use dbkit_db::migrate::drift_changes;
use dbkit_model::render_text;

use super::live::Live;
use super::report::{Check, CheckKind, plural};

const KIND: CheckKind = CheckKind::Drift;

/// The drift item. What the database has that the model cannot hold (views, triggers...) is
/// listed with it, but does not count as drift.
pub(crate) fn check(live: &Live<'_>) -> Check {
    let changes = drift_changes(live.backend, &live.database, &live.design);
    let not_compared: Vec<String> = live
        .warnings
        .iter()
        .map(|warning| format!("not compared: {warning}"))
        .collect();
    if changes.is_empty() {
        return Check::pass(KIND, "the database matches schema.toml").with_details(not_compared);
    }
    let mut details: Vec<String> = render_text(&changes).lines().map(str::to_string).collect();
    details.extend(not_compared);
    Check::fail(
        KIND,
        "database",
        format!(
            "the database differs from schema.toml in {}",
            plural(changes.len(), "place")
        ),
        "the database was changed by hand, or schema.toml was changed after the database was built; \
         each line below is a change that would make the database match schema.toml \
         (+ add, - remove, ~ change)",
        "make those changes to the database, or update schema.toml where the database is right",
    )
    .with_details(details)
}
