//! DBK010: foreign-key columns not named `<singular of the referenced table>_id`.

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::rule::{Issue, Rule};
use crate::words::singular;

pub(crate) static RULE: Rule = Rule {
    code: "DBK010",
    name: "foreign-key-name",
    summary: "a foreign-key column not named <singular>_id",
    explanation: "When every foreign-key column is named after the table it references (member_id references \
        members), a reader sees each relationship in the column list and joins write themselves. A role may come \
        first (home_address_id), and a table that references the same table twice, or itself, names the roles \
        (sender_id, recipient_id, parent_id). A key that references another unique column than the primary key is \
        named after that column (country_code for countries.code). The suffix is [lint.naming] foreign_key_suffix \
        (\"_id\").",
    default_level: LintLevel::Warn,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let suffix = context.naming.foreign_key_suffix.as_str();
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        for key in &table.foreign_keys {
            let ([column], [referenced]) =
                (key.columns.as_slice(), key.referenced_columns.as_slice())
            else {
                continue;
            };
            let target = context.table(&key.referenced_table);
            let references_primary_key = target
                .and_then(|target| target.primary_key.as_ref())
                .is_some_and(|primary| primary.columns == [referenced.clone()]);
            let ending = if references_primary_key {
                suffix.to_string()
            } else {
                format!("_{referenced}")
            };
            let expected = format!("{}{ending}", singular(&key.referenced_table));
            let with_role = column.ends_with(&format!("_{expected}"));
            let needs_roles = key.referenced_table == table.name
                || table
                    .foreign_keys
                    .iter()
                    .filter(|other| other.referenced_table == key.referenced_table)
                    .count()
                    > 1;
            let role_named =
                needs_roles && column.ends_with(&ending) && column.len() > ending.len();
            if *column == expected || with_role || role_named {
                continue;
            }
            issues.push(Issue::column(
                &table.name,
                column,
                format!(
                    "{}.{column} references {}.{referenced} but is not named \"{expected}\"",
                    table.name, key.referenced_table
                ),
                format!("rename it to \"{expected}\" (or \"<role>_{expected}\", as in \"home_{expected}\")"),
            ));
        }
    }
    issues
}
