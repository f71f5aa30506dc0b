//! Names of queries, parameters and files, made from table and column names.
//!
//! Table and column names may hold any printable character; query names must be identifiers in
//! Go (for sqlc) and Python, and file names must be safe in every file system. Everything here
//! keeps letters and ASCII digits and turns anything else into a word break.

use std::collections::HashMap;

use dbkit_model::{Schema, Table, naming};

/// Whether a character may appear in a generated identifier: a letter or an ASCII digit.
fn is_word_character(character: char) -> bool {
    character.is_alphabetic() || character.is_ascii_digit()
}

/// The words of a name: runs of letters and digits, split before an upper-case letter that
/// follows a lower-case one (`bookAuthors` is `book`, `Authors`).
fn words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for character in name.chars() {
        if !is_word_character(character) {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if character.is_uppercase() && previous_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        previous_lower = character.is_lowercase() || character.is_ascii_digit();
        current.push(character);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `book_authors` → `BookAuthors`. Empty when the name has no letter or digit.
pub(crate) fn pascal_case(name: &str) -> String {
    words(name)
        .iter()
        .map(|word| {
            let mut characters = word.chars();
            match characters.next() {
                Some(first) => first.to_uppercase().collect::<String>() + characters.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// `GetBookAuthors` or `book authors` → `get_book_authors`: lower-case words joined by `_`,
/// never empty, never starting with a digit.
pub(crate) fn snake_case(name: &str) -> String {
    let joined = words(name)
        .iter()
        .map(|word| word.to_lowercase())
        .collect::<Vec<_>>()
        .join("_");
    if joined.is_empty() {
        "value".to_string()
    } else if joined.starts_with(|character: char| character.is_ascii_digit()) {
        format!("c_{joined}")
    } else {
        joined
    }
}

/// The words a table's queries are named with: `Book` in `GetBook`, `Books` in `ListBooks`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TableNames {
    /// One row: the singular of the table's name (`Book`, `Category`).
    pub(crate) one: String,
    /// All rows: the table's name as it is (`Books`, `Categories`).
    pub(crate) all: String,
    /// The file name of the table's queries, without `.sql`.
    pub(crate) file_stem: String,
}

/// The names of every table's queries, in schema order.
///
/// When two tables have the same singular (`book` and `books`), the table whose name is not
/// already singular uses its own name for one row too, so that their queries stay apart.
pub(crate) fn table_names(schema: &Schema) -> Vec<TableNames> {
    let fallback = |position: usize, text: String| {
        if text.is_empty() {
            format!("Table{}", position + 1)
        } else {
            text
        }
    };
    let mut names: Vec<TableNames> = schema
        .tables
        .iter()
        .enumerate()
        .map(|(position, table)| TableNames {
            one: fallback(position, pascal_case(&naming::singular(&table.name))),
            all: fallback(position, pascal_case(&table.name)),
            file_stem: file_stem(&table.name, position),
        })
        .collect();
    let mut singular_count: HashMap<String, usize> = HashMap::new();
    for name in &names {
        *singular_count
            .entry(name.one.to_ascii_lowercase())
            .or_default() += 1;
    }
    for name in &mut names {
        if singular_count
            .get(&name.one.to_ascii_lowercase())
            .copied()
            .unwrap_or(0)
            > 1
            && name.one != name.all
        {
            name.one = name.all.clone();
        }
    }
    let mut used: HashMap<String, usize> = HashMap::new();
    for name in &mut names {
        let key = name.file_stem.to_ascii_lowercase();
        let count = used.entry(key).or_default();
        *count += 1;
        if *count > 1 {
            name.file_stem = format!("{}_{count}", name.file_stem);
        }
    }
    names
}

/// A file name (without extension) for a table: letters, ASCII digits, `_` and `-` kept, any
/// other character (`/`, `.`, spaces) replaced by `_`.
fn file_stem(table: &str, position: usize) -> String {
    let stem: String = table
        .chars()
        .map(|character| {
            if is_word_character(character) || character == '_' || character == '-' {
                character
            } else {
                '_'
            }
        })
        .collect();
    if stem.trim_matches('_').is_empty() {
        format!("table_{}", position + 1)
    } else {
        stem
    }
}

/// The name a foreign key gives the parent it points at: its column without `_id`
/// (`publisher_id` → `Publisher`, `parent_id` → `Parent`), or its columns joined.
pub(crate) fn role_name(table: &Table, columns: &[String], referenced_table: &str) -> String {
    let _ = table;
    let name = match columns {
        [column] => {
            let lower = column.to_ascii_lowercase();
            match lower.strip_suffix("_id") {
                Some(stem) if !stem.is_empty() => pascal_case(&column[..stem.len()]),
                _ => pascal_case(column),
            }
        }
        _ => columns.iter().map(|column| pascal_case(column)).collect(),
    };
    if name.is_empty() {
        pascal_case(&naming::singular(referenced_table))
    } else {
        name
    }
}

/// Makes `name` unique among `taken` by adding `_2`, `_3`..., and records it.
pub(crate) fn unique_name(name: String, taken: &mut Vec<String>) -> String {
    let mut candidate = name.clone();
    let mut counter = 1;
    while taken.contains(&candidate) {
        counter += 1;
        candidate = format!("{name}_{counter}");
    }
    taken.push(candidate.clone());
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_identifiers() {
        assert_eq!(pascal_case("book_authors"), "BookAuthors");
        assert_eq!(pascal_case("bookAuthors"), "BookAuthors");
        assert_eq!(pascal_case("order items 2"), "OrderItems2");
        assert_eq!(pascal_case("élève"), "Élève");
        assert_eq!(pascal_case("★"), "");
        assert_eq!(snake_case("GetBookAuthors"), "get_book_authors");
        assert_eq!(snake_case("first name"), "first_name");
        assert_eq!(snake_case("2fa"), "c_2fa");
        assert_eq!(snake_case("—"), "value");
        assert_eq!(snake_case("NomÉlève"), "nom_élève");
        assert_eq!(file_stem("a/b..c", 0), "a_b__c");
        assert_eq!(file_stem("..", 4), "table_5");
    }

    #[test]
    fn unique_names_get_a_counter() {
        let mut taken = vec!["id".to_string()];
        assert_eq!(unique_name("id".into(), &mut taken), "id_2");
        assert_eq!(unique_name("id".into(), &mut taken), "id_3");
        assert_eq!(unique_name("limit".into(), &mut taken), "limit");
    }
}
