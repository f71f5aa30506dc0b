//! DBK017: a foreign key over VARCHAR (or text) columns.

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::facts::is_variable_string;
use crate::rule::{Issue, Rule};
use crate::words::singular;

pub(crate) static RULE: Rule = Rule {
    code: "DBK017",
    name: "varchar-foreign-key",
    summary: "a VARCHAR (or text) column used as a foreign key",
    explanation: "A foreign key over a variable-length string copies a natural value (a name, an email) into every \
        referencing row: renaming it must cascade through all of them, the key and its index are many times wider \
        than an integer, and comparisons depend on collation, so MySQL may refuse the key when the two columns' \
        character sets differ. Reference the surrogate id of the other table instead. Fixed-length codes (char(n), \
        such as country codes) are not reported.",
    default_level: LintLevel::Warn,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        for key in &table.foreign_keys {
            for (column, referenced) in key.columns.iter().zip(&key.referenced_columns) {
                let Some(own) = table.column(column) else {
                    continue;
                };
                if !is_variable_string(&own.column_type) {
                    continue;
                }
                issues.push(Issue::column(
                    &table.name,
                    column,
                    format!(
                        "{}.{column} is a {} foreign key to {}.{referenced}",
                        table.name, own.column_type, key.referenced_table
                    ),
                    format!(
                        "give {} an id and reference it: columns.{}_id = {{ references = \"{}\" }}",
                        key.referenced_table,
                        singular(&key.referenced_table),
                        key.referenced_table
                    ),
                ));
            }
        }
    }
    issues
}
