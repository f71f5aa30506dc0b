//! Violations in plain words, and names for the tables a decomposition creates.

use super::check::{Violation, ViolationKind};
use super::closure::AttributeSet;
use crate::naming::singular;

/// `` `a` ``, `` `a` and `b` ``, `` `a`, `b` and `c` ``.
pub(crate) fn name_list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `` `a` `` for one column, `` (`a`, `b`) `` for several.
pub(crate) fn column_group(names: &[String]) -> String {
    match names {
        [one] => format!("`{one}`"),
        _ => format!(
            "({})",
            names
                .iter()
                .map(|name| format!("`{name}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// The names of the attributes of `set`, in column order.
pub(crate) fn names_of(set: &AttributeSet, columns: &[String]) -> Vec<String> {
    set.iter()
        .filter_map(|position| columns.get(*position).cloned())
        .collect()
}

/// One violation of table `table` (whose columns are `columns`, whose chosen key is `key`)
/// in plain words, as in "`advisor_phone` depends on `advisor_name`, which is not a key: a
/// transitive dependency (`id` -> `advisor_name` -> `advisor_phone`), so `students` is not in 3NF".
pub fn explain_violation(
    table: &str,
    columns: &[String],
    violation: &Violation,
    key: &AttributeSet,
) -> String {
    let dependent = names_of(&violation.dependent, columns);
    let determinant = names_of(&violation.determinant, columns);
    let verb = if dependent.len() == 1 {
        "depends"
    } else {
        "depend"
    };
    let subject = name_list(&dependent);
    match &violation.kind {
        ViolationKind::Partial { key } => format!(
            "{subject} {verb} on {} alone, which is only part of the key {}: a partial dependency, so `{table}` is not in 2NF",
            column_group(&determinant),
            column_group(&names_of(key, columns)),
        ),
        ViolationKind::Transitive => format!(
            "{subject} {verb} on {}, which is not a key: a transitive dependency ({} -> {} -> {}), so `{table}` is not in 3NF",
            column_group(&determinant),
            column_group(&names_of(key, columns)),
            column_group(&determinant),
            column_group(&dependent),
        ),
        ViolationKind::BoyceCodd => format!(
            "{subject} {verb} on {}, which is not a key: `{table}` is in 3NF only because {subject} {} part of a key, and not in BCNF, where every determinant is a key",
            column_group(&determinant),
            if dependent.len() == 1 { "is" } else { "are" },
        ),
    }
}

/// A table name for rows identified by `columns`: `advisor_name` gives `advisors`,
/// `product_id` gives `products`, `zip_code` gives `zip_codes`.
pub fn table_name_for(columns: &[String]) -> String {
    let stems: Vec<&str> = columns
        .iter()
        .map(|column| {
            ["_id", "_name"]
                .iter()
                .find_map(|suffix| column.strip_suffix(suffix).filter(|stem| !stem.is_empty()))
                .unwrap_or(column)
        })
        .collect();
    plural(&stems.join("_"))
}

/// The English plural of a singular noun (`category` → `categories`, `box` → `boxes`).
pub(crate) fn plural(word: &str) -> String {
    if singular(word) != word && !word.ends_with("ss") {
        return word.to_string();
    }
    let lower = word.to_ascii_lowercase();
    let before_y = lower.chars().rev().nth(1);
    if lower.ends_with('y') && !matches!(before_y, Some('a' | 'e' | 'i' | 'o' | 'u')) {
        format!("{}ies", &word[..word.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| lower.ends_with(end))
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_tables_after_the_determinant() {
        let names = |list: &[&str]| {
            list.iter()
                .map(|name| (*name).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(table_name_for(&names(&["advisor_name"])), "advisors");
        assert_eq!(table_name_for(&names(&["product_id"])), "products");
        assert_eq!(table_name_for(&names(&["zip_code"])), "zip_codes");
        assert_eq!(table_name_for(&names(&["category"])), "categories");
        assert_eq!(table_name_for(&names(&["address"])), "addresses");
        assert_eq!(table_name_for(&names(&["day"])), "days");
        assert_eq!(table_name_for(&names(&["instructor"])), "instructors");
    }

    #[test]
    fn lists_names_in_plain_words() {
        let names = |list: &[&str]| {
            list.iter()
                .map(|name| (*name).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(name_list(&names(&["a"])), "`a`");
        assert_eq!(name_list(&names(&["a", "b", "c"])), "`a`, `b` and `c`");
        assert_eq!(column_group(&names(&["a", "b"])), "(`a`, `b`)");
    }
}
