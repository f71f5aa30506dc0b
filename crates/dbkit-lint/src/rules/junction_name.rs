//! DBK014: junction tables not named after both tables they link.

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::facts::junction_keys;
use crate::rule::{Issue, Rule};
use crate::words::{mentions, singular};

pub(crate) static RULE: Rule = Rule {
    code: "DBK014",
    name: "junction-name",
    summary: "a junction table not named after both tables it links",
    explanation: "A junction table named after the two tables it links (book_authors links books and authors) can \
        be found from either side and says what it holds; a name like links or map says nothing. dbkit accepts \
        either table in the singular or the plural, in any order (book_authors, books_authors, author_books). A \
        junction table that links a table to itself only needs to name it once (member_friends).",
    default_level: LintLevel::Warn,
    check,
};

fn check(context: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        let Some(keys) = junction_keys(table) else {
            continue;
        };
        let mut sides: Vec<&str> = Vec::new();
        for key in &keys {
            if !sides.contains(&key.referenced_table.as_str()) {
                sides.push(&key.referenced_table);
            }
        }
        let sides: Vec<&str> = sides.into_iter().take(2).collect();
        if sides.iter().all(|side| mentions(&table.name, side)) {
            continue;
        }
        let suggestion = match sides.as_slice() {
            [left, right] => format!("{}_{right}", singular(left)),
            [only] => format!("{}_links", singular(only)),
            _ => continue,
        };
        issues.push(Issue::table(
            &table.name,
            format!(
                "junction table \"{}\" links {} but is not named after {}",
                table.name,
                sides.join(" and "),
                if sides.len() == 2 { "both" } else { "it" }
            ),
            format!("rename it to \"{suggestion}\""),
        ));
    }
    issues
}
