//! CHECK expressions in T-SQL.
//!
//! A check in `schema.toml` is written once for every database. SQL Server names a few common
//! functions differently; this module renames them, leaving string literals and quoted names
//! alone. `length(x)` becomes `LEN(x)`, which does not count trailing spaces.

/// Functions written one way in `schema.toml` and another in T-SQL.
const RENAMED_FUNCTIONS: &[(&str, &str)] = &[
    ("length", "LEN"),
    ("char_length", "LEN"),
    ("character_length", "LEN"),
];

/// `expression` with the functions of [`RENAMED_FUNCTIONS`] renamed.
pub(crate) fn rename_functions(expression: &str) -> String {
    let characters: Vec<char> = expression.chars().collect();
    let mut out = String::with_capacity(expression.len());
    let mut position = 0;
    while position < characters.len() {
        let character = characters[position];
        if let Some(close) = closing_quote(character) {
            // Copy a string literal or quoted name whole; a doubled closing quote stays inside.
            out.push(character);
            position += 1;
            while position < characters.len() {
                out.push(characters[position]);
                if characters[position] == close {
                    if characters.get(position + 1) == Some(&close) {
                        out.push(close);
                        position += 1;
                    } else {
                        position += 1;
                        break;
                    }
                }
                position += 1;
            }
            continue;
        }
        if character.is_alphabetic() || character == '_' {
            let start = position;
            while position < characters.len()
                && (characters[position].is_alphanumeric() || characters[position] == '_')
            {
                position += 1;
            }
            let word: String = characters[start..position].iter().collect();
            let mut next = position;
            while characters
                .get(next)
                .is_some_and(|character| character.is_whitespace())
            {
                next += 1;
            }
            let is_call = characters.get(next) == Some(&'(');
            match RENAMED_FUNCTIONS
                .iter()
                .find(|(from, _)| word.eq_ignore_ascii_case(from))
            {
                Some((_, to)) if is_call => out.push_str(to),
                _ => out.push_str(&word),
            }
            continue;
        }
        out.push(character);
        position += 1;
    }
    out
}

fn closing_quote(opening: char) -> Option<char> {
    match opening {
        '\'' => Some('\''),
        '"' => Some('"'),
        '`' => Some('`'),
        '[' => Some(']'),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_function_calls_only() {
        assert_eq!(rename_functions("length(name) > 0"), "LEN(name) > 0");
        assert_eq!(
            rename_functions("LENGTH (\"select\") <= 50"),
            "LEN (\"select\") <= 50"
        );
        assert_eq!(
            rename_functions("length > 0 AND char_length(x) < 9"),
            "length > 0 AND LEN(x) < 9"
        );
    }

    #[test]
    fn leaves_strings_and_quoted_names_alone() {
        assert_eq!(
            rename_functions(
                "note <> 'length(x)' AND \"length(\" = 'it''s length(' AND [length]()"
            ),
            "note <> 'length(x)' AND \"length(\" = 'it''s length(' AND [length]()"
        );
    }
}
