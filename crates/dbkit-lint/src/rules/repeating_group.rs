//! DBK006: repeating groups (`phone1`, `phone2`; `author_1`, `author_2`; `address`, `address2`).

use dbkit_model::lint_settings::LintLevel;

use crate::context::Context;
use crate::rule::{Issue, Rule};
use crate::words::{plural, singular};

pub(crate) static RULE: Rule = Rule {
    code: "DBK006",
    name: "repeating-group",
    summary: "numbered columns that repeat one attribute (phone1, phone2)",
    explanation: "Numbered columns (phone1, phone2, author_1, author_2) store a list in the width of the table: \
        the table breaks first normal form. The number of values is fixed by the schema, so a third phone needs a \
        migration; searching means testing every column; and the slots fill unevenly with NULLs. Store one value \
        per row in a child table that references this one. dbkit reports two or more columns named alike with \
        numbers that run from 1 or 2 (a bare name counts as number 1), so isbn10 and isbn13 are not a group.",
    default_level: LintLevel::Warn,
    check,
};

/// `("phone", 1)` for `phone1` or `phone_1`.
fn numbered(name: &str) -> Option<(&str, u32)> {
    let digits_start = name
        .trim_end_matches(|character: char| character.is_ascii_digit())
        .len();
    if digits_start == name.len() || digits_start == 0 {
        return None;
    }
    let number: u32 = name[digits_start..].parse().ok()?;
    let stem = name[..digits_start].trim_end_matches('_');
    (!stem.is_empty()).then_some((stem, number))
}

fn check(context: &Context<'_>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for table in &context.schema.tables {
        let mut stems: Vec<&str> = Vec::new();
        for column in &table.columns {
            if let Some((stem, _)) = numbered(&column.name)
                && !stems.contains(&stem)
            {
                stems.push(stem);
            }
        }
        for stem in stems {
            let mut members: Vec<(&str, u32)> = table
                .columns
                .iter()
                .filter_map(|column| match numbered(&column.name) {
                    Some((other, number)) if other == stem => Some((column.name.as_str(), number)),
                    _ => None,
                })
                .collect();
            if let Some(bare) = table.columns.iter().find(|column| column.name == stem) {
                members.push((bare.name.as_str(), 1));
            }
            members.sort_by_key(|(_, number)| *number);
            let numbers: Vec<u32> = members.iter().map(|(_, number)| *number).collect();
            let runs = numbers.first().is_some_and(|first| *first <= 2)
                && numbers.windows(2).all(|pair| pair[1] == pair[0] + 1);
            if members.len() < 2 || !runs {
                continue;
            }
            let names: Vec<&str> = members.iter().map(|(name, _)| *name).collect();
            let child = format!("{}_{}", singular(&table.name), plural(stem));
            issues.push(Issue::column(
                &table.name,
                names[0],
                format!("table \"{}\" repeats one attribute in numbered columns: {}", table.name, names.join(", ")),
                format!(
                    "replace them with a table \"{child}\" with columns.{}_id = {{ references = \"{}\" }} and columns.{stem}, one row per value",
                    singular(&table.name),
                    table.name
                ),
            ));
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_numbered_names() {
        assert_eq!(numbered("phone1"), Some(("phone", 1)));
        assert_eq!(numbered("author_2"), Some(("author", 2)));
        assert_eq!(numbered("isbn13"), Some(("isbn", 13)));
        assert_eq!(numbered("phone"), None);
        assert_eq!(numbered("2"), None);
    }
}
