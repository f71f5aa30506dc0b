//! SQL Server's rule on cascading foreign keys.
//!
//! SQL Server refuses a foreign key whose `ON DELETE` or `ON UPDATE` action is `CASCADE`,
//! `SET NULL` or `SET DEFAULT` if it "may cause cycles or multiple cascade paths" (error 1785):
//! a table may not reach itself, nor reach another table along two routes, through such keys.
//! A self-reference with a cascading action is the simplest case. Rather than let the script fail
//! halfway, the dialect finds the first key SQL Server would refuse and says how to fix it.
//! See <https://learn.microsoft.com/sql/relational-databases/errors-events/mssqlserver-1785-database-engine-error>.

use std::collections::BTreeMap;

use dbkit_sdk::DialectError;
use dbkit_sdk::model::{ForeignKey, ReferentialAction, Schema};

use crate::NAME;

/// Whether SQL Server treats `action` as cascading (everything but `NO ACTION`; dbkit writes
/// `RESTRICT` as `NO ACTION`).
fn cascades(action: ReferentialAction) -> bool {
    !matches!(
        action,
        ReferentialAction::NoAction | ReferentialAction::Restrict
    )
}

/// The first foreign key, in creation order, that SQL Server would refuse.
pub(crate) fn check(schema: &Schema) -> Result<(), DialectError> {
    for (event, action_of) in [
        (
            "ON DELETE",
            (|key: &ForeignKey| key.on_delete) as fn(&ForeignKey) -> ReferentialAction,
        ),
        ("ON UPDATE", |key: &ForeignKey| key.on_update),
    ] {
        // Edges from the referenced table to the referencing one, added key by key.
        let mut edges: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for table in &schema.tables {
            for key in table
                .foreign_keys
                .iter()
                .filter(|key| cascades(action_of(key)))
            {
                let parent = key.referenced_table.as_str();
                let child = table.name.as_str();
                edges.entry(parent).or_default().push(child);
                if let Some(problem) = problem(&edges, parent, child) {
                    return Err(DialectError::Unsupported {
                        dialect: NAME.to_string(),
                        location: format!("{}.{}", table.name, key.columns.join(",")),
                        feature: format!(
                            "{event} {} on the foreign key {}, because {problem} (SQL Server refuses keys that \"may cause cycles or multiple cascade paths\")",
                            action_of(key).sql(),
                            key.name
                        ),
                        help: Some(format!(
                            "write {} = \"no action\" for this key, and remove the referencing rows in the application or in an INSTEAD OF trigger",
                            if event == "ON DELETE" {
                                "on_delete"
                            } else {
                                "on_update"
                            }
                        )),
                    });
                }
            }
        }
    }
    Ok(())
}

/// What is wrong once the edge `parent -> child` is in `edges`: a cycle, or a table reached
/// along two routes.
fn problem(edges: &BTreeMap<&str, Vec<&str>>, parent: &str, child: &str) -> Option<String> {
    if parent == child {
        return Some(format!("{child} references itself"));
    }
    if let Some(route) = route(edges, child, parent) {
        return Some(format!(
            "it closes the cycle {parent} -> {}",
            route.join(" -> ")
        ));
    }
    for &start in edges.keys() {
        let mut counts = BTreeMap::new();
        count_paths(edges, start, &mut counts);
        if let Some((target, _)) = counts.iter().find(|(_, count)| **count >= 2) {
            return Some(format!(
                "deleting or updating a row of {start} would reach {target} along two routes"
            ));
        }
    }
    None
}

/// The tables along some route from `from` to `to`, both included.
fn route<'a>(
    edges: &BTreeMap<&'a str, Vec<&'a str>>,
    from: &'a str,
    to: &str,
) -> Option<Vec<&'a str>> {
    let mut stack = vec![vec![from]];
    let mut seen = vec![from];
    while let Some(path) = stack.pop() {
        let last = path[path.len() - 1];
        if last == to {
            return Some(path);
        }
        for &next in edges.get(last).map(Vec::as_slice).unwrap_or_default() {
            if !seen.contains(&next) {
                seen.push(next);
                let mut longer = path.clone();
                longer.push(next);
                stack.push(longer);
            }
        }
    }
    None
}

/// How many routes lead from `start` to each table (counting stops at 2), in a graph without
/// cycles.
fn count_paths<'a>(
    edges: &BTreeMap<&'a str, Vec<&'a str>>,
    start: &'a str,
    counts: &mut BTreeMap<&'a str, u32>,
) {
    for &next in edges.get(start).map(Vec::as_slice).unwrap_or_default() {
        let count = counts.entry(next).or_insert(0);
        *count = (*count + 1).min(2);
        count_paths(edges, next, counts);
    }
}

#[cfg(test)]
mod tests {
    use dbkit_sdk::model::{ParseOptions, parse_schema};

    use super::*;

    fn checked(source: &str) -> Result<(), String> {
        let schema = parse_schema(source, "schema.toml", &ParseOptions::default())
            .expect("the test schema parses");
        check(&schema).map_err(|error| error.to_string())
    }

    #[test]
    fn accepts_cascades_along_a_tree() {
        assert_eq!(
            checked(
                r#"
                [tables.a]
                columns.id = "id"
                [tables.b]
                columns.id = "id"
                columns.a_id = { references = "a", on_delete = "cascade" }
                [tables.c]
                columns.id = "id"
                columns.b_id = { references = "b", on_delete = "cascade" }
                columns.other_a_id = { references = "a", nullable = true }
                "#
            ),
            Ok(())
        );
    }

    #[test]
    fn refuses_a_cascading_self_reference() {
        assert_eq!(
            checked(
                r#"
                [tables.categories]
                columns.id = "id"
                columns.parent_id = { references = "categories", nullable = true, on_delete = "cascade" }
                "#
            ),
            Err("categories.parent_id: mssql does not support ON DELETE CASCADE on the foreign key fk_categories_parent_id, because categories references itself (SQL Server refuses keys that \"may cause cycles or multiple cascade paths\"); write on_delete = \"no action\" for this key, and remove the referencing rows in the application or in an INSTEAD OF trigger".to_string())
        );
    }

    #[test]
    fn refuses_a_cycle_and_two_routes() {
        let cycle = checked(
            r#"
            [tables.a]
            columns.id = "id"
            columns.b_id = { references = "b", nullable = true, on_update = "cascade" }
            [tables.b]
            columns.id = "id"
            columns.a_id = { references = "a", nullable = true, on_update = "set null" }
            "#,
        );
        assert!(
            cycle.as_ref().is_err_and(|message| message.starts_with(
                "b.a_id: mssql does not support ON UPDATE SET NULL on the foreign key fk_b_a_id, because it closes the cycle a -> b -> a"
            )),
            "{cycle:?}"
        );
        let two_routes = checked(
            r#"
            [tables.a]
            columns.id = "id"
            [tables.b]
            columns.id = "id"
            columns.a_id = { references = "a", on_delete = "cascade" }
            [tables.c]
            columns.id = "id"
            columns.a_id = { references = "a", on_delete = "cascade" }
            columns.b_id = { references = "b", on_delete = "set null", nullable = true }
            "#,
        );
        assert!(
            two_routes.as_ref().is_err_and(|message| message.starts_with(
                "c.b_id: mssql does not support ON DELETE SET NULL on the foreign key fk_c_b_id, because deleting or updating a row of a would reach c along two routes"
            )),
            "{two_routes:?}"
        );
    }
}
