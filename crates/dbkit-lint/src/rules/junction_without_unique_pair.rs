//! DBK005: a junction table without a composite primary key or unique pair.

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::facts::junction_keys;
use crate::rule::{Issue, Rule};

pub(crate) static RULE: Rule = Rule {
    code: "DBK005",
    name: "junction-without-unique-pair",
    summary: "a junction table without a composite primary key or unique pair",
    explanation: "A junction table records which rows of two tables belong together (which authors wrote which \
        book). If nothing makes the pair unique, the same pair can be stored twice: counts double, joins return \
        rows twice, and deleting \"the\" link leaves a copy behind. The pair of foreign-key columns should be the \
        primary key, or at least a unique constraint next to a surrogate id. dbkit treats a table as a junction \
        table when it comes from a many_to_many relationship, or when it has foreign keys to two different tables \
        and either holds nothing else (but an id and columns such as created_at or position) or is named after \
        both tables.",
    default_level: LintLevel::Error,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        let Some(keys) = junction_keys(table) else {
            continue;
        };
        let key_columns: Vec<&String> = keys.iter().flat_map(|key| key.columns.iter()).collect();
        let unique_sets = table
            .primary_key
            .iter()
            .map(|key| &key.columns)
            .chain(table.unique_constraints.iter().map(|key| &key.columns))
            .chain(
                table
                    .indexes
                    .iter()
                    .filter(|index| index.unique)
                    .map(|index| &index.columns),
            );
        let paired = unique_sets.into_iter().any(|set| {
            let all_key_columns = set.iter().all(|column| key_columns.contains(&column));
            let sides = keys
                .iter()
                .filter(|key| key.columns.iter().all(|column| set.contains(column)))
                .count();
            all_key_columns && sides >= 2
        });
        if paired {
            continue;
        }
        let pair: Vec<String> = keys
            .iter()
            .take(2)
            .flat_map(|key| key.columns.iter().map(|column| format!("\"{column}\"")))
            .collect();
        let sides: Vec<&str> = keys
            .iter()
            .take(2)
            .map(|key| key.referenced_table.as_str())
            .collect();
        issues.push(Issue::table(
            &table.name,
            format!(
                "junction table \"{}\" links {} and {} but nothing stops the same pair from being stored twice",
                table.name, sides[0], sides[1]
            ),
            format!(
                "write primary_key = [{}] under [tables.{}] (dropping the id column), or add unique.one_link = [{}]",
                pair.join(", "),
                table.name,
                pair.join(", ")
            ),
        ));
    }
    issues
}
