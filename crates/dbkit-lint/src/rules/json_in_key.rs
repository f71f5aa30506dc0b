//! DBK016: a JSON column used in a key, an index or a CHECK.

use dbkit_model::ColumnType;
use dbkit_model::check_expression::referenced_columns;
use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::rule::{Issue, Rule};

pub(crate) static RULE: Rule = Rule {
    code: "DBK016",
    name: "json-in-key",
    summary: "a JSON column used in an index, a key or a CHECK",
    explanation: "A JSON document has no order and no single equality: MySQL refuses to index a JSON column at all, \
        PostgreSQL's json type has no equality operator (so no unique or foreign key), and two documents that mean \
        the same can differ in spacing or key order. A key, an index or a CHECK over a whole document therefore fails \
        to build or does not do what it says. Move the value that identifies or constrains the row into a column of \
        its own.",
    default_level: LintLevel::Error,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        let json: Vec<&str> = table
            .columns
            .iter()
            .filter(|column| column.column_type == ColumnType::Json)
            .map(|column| column.name.as_str())
            .collect();
        if json.is_empty() {
            continue;
        }
        let mut uses: Vec<(String, &String)> = Vec::new();
        if let Some(key) = &table.primary_key {
            uses.extend(
                key.columns
                    .iter()
                    .map(|column| ("the primary key".to_string(), column)),
            );
        }
        for unique in &table.unique_constraints {
            uses.extend(
                unique
                    .columns
                    .iter()
                    .map(|column| (format!("unique constraint \"{}\"", unique.name), column)),
            );
        }
        for index in &table.indexes {
            uses.extend(
                index
                    .columns
                    .iter()
                    .map(|column| (format!("index \"{}\"", index.name), column)),
            );
        }
        for key in &table.foreign_keys {
            uses.extend(
                key.columns
                    .iter()
                    .map(|column| (format!("foreign key \"{}\"", key.name), column)),
            );
        }
        let mut check_uses: Vec<(String, String)> = Vec::new();
        for check in &table.checks {
            for column in referenced_columns(&check.expression).unwrap_or_default() {
                if let Some(name) = json.iter().find(|name| name.eq_ignore_ascii_case(&column)) {
                    check_uses.push((format!("check \"{}\"", check.name), (*name).to_string()));
                }
            }
        }
        let all = uses
            .into_iter()
            .map(|(what, column)| (what, column.clone()))
            .chain(check_uses);
        let mut seen: Vec<(String, String)> = Vec::new();
        for (what, column) in all {
            if !json.contains(&column.as_str()) || seen.contains(&(what.clone(), column.clone())) {
                continue;
            }
            seen.push((what.clone(), column.clone()));
            issues.push(Issue::column(
                &table.name,
                &column,
                format!("the json column {}.{column} is used in {what}", table.name),
                format!(
                    "remove {column} from {what}; keep the value it needs in a column of its own (say {column}_key of type varchar) and use that"
                ),
            ));
        }
    }
    issues
}
