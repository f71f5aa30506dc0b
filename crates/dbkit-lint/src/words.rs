//! English words in identifiers: snake case, singular and plural.

use dbkit_model::naming;

/// Plural nouns that do not end in `s`, with their singular.
const IRREGULAR: &[(&str, &str)] = &[
    ("people", "person"),
    ("children", "child"),
    ("men", "man"),
    ("women", "woman"),
    ("feet", "foot"),
    ("teeth", "tooth"),
    ("mice", "mouse"),
    ("geese", "goose"),
    ("criteria", "criterion"),
    ("phenomena", "phenomenon"),
];

/// Nouns that are the same in the singular and the plural, or have no plural.
const UNCOUNTABLE: &[&str] = &[
    "data",
    "metadata",
    "media",
    "staff",
    "series",
    "species",
    "news",
    "information",
    "equipment",
    "feedback",
    "software",
    "inventory",
    "stock",
    "sheep",
    "fish",
];

/// Whether `name` is lower snake case: lower-case letters and digits in words joined by `_`.
pub(crate) fn is_snake_case(name: &str) -> bool {
    !name.is_empty()
        && name.starts_with(|character: char| character.is_ascii_lowercase())
        && name.split('_').all(|word| {
            !word.is_empty()
                && word
                    .chars()
                    .all(|character| character.is_ascii_lowercase() || character.is_ascii_digit())
        })
}

/// `name` in lower snake case: `FirstName` and `first-name` give `first_name`.
pub(crate) fn to_snake_case(name: &str) -> String {
    let mut out = String::new();
    let mut previous: Option<char> = None;
    for character in name.chars() {
        if character.is_ascii_alphanumeric() {
            let boundary = character.is_ascii_uppercase()
                && previous
                    .is_some_and(|before| before.is_ascii_lowercase() || before.is_ascii_digit());
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(character.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
        previous = Some(character);
    }
    out.trim_end_matches('_').to_string()
}

/// The words of a snake-case name.
pub(crate) fn words(name: &str) -> Vec<&str> {
    name.split('_').filter(|word| !word.is_empty()).collect()
}

/// The singular of a noun or of a snake-case name's last word (`order_items` → `order_item`).
pub(crate) fn singular(name: &str) -> String {
    let (head, last) = split_last_word(name);
    let lower = last.to_ascii_lowercase();
    let single = if let Some((_, one)) = IRREGULAR.iter().find(|(many, _)| *many == lower) {
        (*one).to_string()
    } else if UNCOUNTABLE.contains(&lower.as_str()) {
        last.to_string()
    } else {
        naming::singular(last)
    };
    format!("{head}{single}")
}

/// The plural of a noun or of a snake-case name's last word (`order_item` → `order_items`).
pub(crate) fn plural(name: &str) -> String {
    let (head, last) = split_last_word(name);
    let lower = last.to_ascii_lowercase();
    if is_plural(last) {
        return name.to_string();
    }
    let many = if let Some((many, _)) = IRREGULAR.iter().find(|(_, one)| *one == lower) {
        (*many).to_string()
    } else if lower.ends_with('y')
        && !matches!(
            lower.chars().rev().nth(1),
            Some('a' | 'e' | 'i' | 'o' | 'u')
        )
    {
        format!("{}ies", &last[..last.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| lower.ends_with(end))
    {
        format!("{last}es")
    } else {
        format!("{last}s")
    };
    format!("{head}{many}")
}

/// Whether the last word of `name` is a plural noun (or one without a plural, like `data`).
pub(crate) fn is_plural(name: &str) -> bool {
    let (_, last) = split_last_word(name);
    let lower = last.to_ascii_lowercase();
    if IRREGULAR.iter().any(|(many, _)| *many == lower) || UNCOUNTABLE.contains(&lower.as_str()) {
        return true;
    }
    naming::singular(&lower) != lower
}

/// Whether the last word of `name` is a singular noun (or one without a plural).
pub(crate) fn is_singular(name: &str) -> bool {
    let (_, last) = split_last_word(name);
    let lower = last.to_ascii_lowercase();
    UNCOUNTABLE.contains(&lower.as_str()) || !is_plural(name)
}

/// `("order_", "items")` for `order_items`.
fn split_last_word(name: &str) -> (&str, &str) {
    match name.rfind('_') {
        Some(index) => (&name[..=index], &name[index + 1..]),
        None => ("", name),
    }
}

/// Whether the snake-case `name` mentions the table `table`, in the singular or the plural, as
/// whole words (`book_authors` mentions `books` and `authors`).
pub(crate) fn mentions(name: &str, table: &str) -> bool {
    let padded = format!("_{name}_");
    [table.to_string(), singular(table), plural(table)]
        .iter()
        .any(|form| padded.contains(&format!("_{form}_")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_and_makes_snake_case() {
        assert!(is_snake_case("member_id"));
        assert!(is_snake_case("isbn13"));
        assert!(!is_snake_case("MemberId"));
        assert!(!is_snake_case("member__id"));
        assert!(!is_snake_case("_member"));
        assert!(!is_snake_case("2fa_code"));
        assert_eq!(to_snake_case("FirstName"), "first_name");
        assert_eq!(to_snake_case("first-name"), "first_name");
        assert_eq!(to_snake_case("orderID"), "order_id");
    }

    #[test]
    fn singular_and_plural_of_table_names() {
        assert_eq!(singular("order_items"), "order_item");
        assert_eq!(singular("people"), "person");
        assert_eq!(singular("categories"), "category");
        assert_eq!(plural("member"), "members");
        assert_eq!(plural("loan_category"), "loan_categories");
        assert_eq!(plural("person"), "people");
        assert_eq!(plural("address"), "addresses");
        assert_eq!(plural("members"), "members");
        assert!(is_plural("people"));
        assert!(is_plural("staff"));
        assert!(is_singular("staff"));
        assert!(is_singular("member"));
        assert!(!is_singular("members"));
    }

    #[test]
    fn finds_table_names_inside_other_names() {
        assert!(mentions("book_authors", "books"));
        assert!(mentions("book_authors", "authors"));
        assert!(!mentions("bookshelf_links", "books"));
        assert!(mentions("person_roles", "people"));
    }
}
