//! Splitting a migration script into the statements it runs one at a time.

/// How a database reads the text of a script, as far as splitting it needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SqlFlavor {
    /// `\` escapes the next character inside string literals (MySQL/MariaDB).
    pub backslash_escapes: bool,
    /// `#` starts a comment that runs to the end of the line (MySQL/MariaDB).
    pub hash_comments: bool,
    /// `$tag$ ... $tag$` quotes a string (PostgreSQL).
    pub dollar_quotes: bool,
}

impl SqlFlavor {
    /// The flavor of a dbkit dialect name (`mysql`, `postgres`, `sqlite`); standard SQL for others.
    pub fn of_dialect(dialect: &str) -> SqlFlavor {
        SqlFlavor {
            backslash_escapes: dialect == "mysql",
            hash_comments: dialect == "mysql",
            dollar_quotes: dialect == "postgres",
        }
    }
}

/// Splits `script` at the semicolons that end statements: those outside string literals, quoted
/// names, comments and (PostgreSQL) dollar-quoted strings.
///
/// Each statement comes back trimmed and without its semicolon; comments inside or before it
/// are kept. Pieces that hold nothing but comments and blanks are left out.
pub fn split_statements(script: &str, flavor: SqlFlavor) -> Vec<String> {
    let mut statements = Vec::new();
    let mut start = 0;
    let mut meaningful = false;
    let bytes = script.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        match byte {
            b'\'' | b'"' | b'`' => {
                index = skip_quoted(bytes, index, byte, flavor.backslash_escapes && byte != b'`');
                meaningful = true;
                continue;
            }
            b'-' if bytes.get(index + 1) == Some(&b'-') => {
                index = skip_line(bytes, index);
                continue;
            }
            b'#' if flavor.hash_comments => {
                index = skip_line(bytes, index);
                continue;
            }
            b'/' if bytes.get(index + 1) == Some(&b'*') => {
                index = match script[index + 2..].find("*/") {
                    Some(end) => index + 2 + end + 2,
                    None => bytes.len(),
                };
                continue;
            }
            b'$' if flavor.dollar_quotes => {
                if let Some(end) = skip_dollar_quoted(script, index) {
                    index = end;
                    meaningful = true;
                    continue;
                }
            }
            b';' => {
                if meaningful {
                    statements.push(script[start..index].trim().to_string());
                }
                start = index + 1;
                meaningful = false;
                index += 1;
                continue;
            }
            _ => {}
        }
        if !byte.is_ascii_whitespace() {
            meaningful = true;
        }
        index += 1;
    }
    if meaningful {
        statements.push(script[start..].trim().to_string());
    }
    statements
}

/// The index just past the closing quote of the literal or name opened at `open`.
fn skip_quoted(bytes: &[u8], open: usize, quote: u8, backslash_escapes: bool) -> usize {
    let mut index = open + 1;
    while index < bytes.len() {
        let byte = bytes[index];
        if backslash_escapes && byte == b'\\' {
            index += 2;
            continue;
        }
        if byte == quote {
            if bytes.get(index + 1) == Some(&quote) {
                index += 2;
                continue;
            }
            return index + 1;
        }
        index += 1;
    }
    bytes.len()
}

/// The index of the line break that ends the comment starting at `start` (or the end).
fn skip_line(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .position(|&byte| byte == b'\n')
        .map_or(bytes.len(), |offset| start + offset)
}

/// The index just past a `$tag$ ... $tag$` string starting at `start`, or `None` when the `$`
/// does not open one (a positional parameter such as `$1`).
fn skip_dollar_quoted(script: &str, start: usize) -> Option<usize> {
    let rest = &script[start + 1..];
    let tag_length = rest.find('$')?;
    let tag = &rest[..tag_length];
    let valid_tag = tag.chars().enumerate().all(|(position, character)| {
        character == '_'
            || character.is_alphabetic()
            || (position > 0 && character.is_ascii_digit())
    });
    if !valid_tag {
        return None;
    }
    let delimiter = format!("${tag}$");
    let body_start = start + delimiter.len();
    match script[body_start..].find(&delimiter) {
        Some(end) => Some(body_start + end + delimiter.len()),
        None => Some(script.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MYSQL: SqlFlavor = SqlFlavor {
        backslash_escapes: true,
        hash_comments: true,
        dollar_quotes: false,
    };
    const POSTGRES: SqlFlavor = SqlFlavor {
        backslash_escapes: false,
        hash_comments: false,
        dollar_quotes: true,
    };

    #[test]
    fn splits_at_semicolons_outside_quotes_and_comments() {
        let script = "-- header; with a semicolon\nCREATE TABLE \"a;b\" (x TEXT DEFAULT 'it''s; fine');\n\
                      /* block; comment */ INSERT INTO t VALUES ('a\\'b;c');\n-- trailing comment only\n";
        assert_eq!(
            split_statements(script, MYSQL),
            vec![
                "-- header; with a semicolon\nCREATE TABLE \"a;b\" (x TEXT DEFAULT 'it''s; fine')"
                    .to_string(),
                "/* block; comment */ INSERT INTO t VALUES ('a\\'b;c')".to_string(),
            ]
        );
    }

    #[test]
    fn backslashes_are_plain_characters_outside_mysql() {
        let script = "INSERT INTO t VALUES ('C:\\');\nSELECT 1";
        assert_eq!(
            split_statements(script, POSTGRES),
            vec![
                "INSERT INTO t VALUES ('C:\\')".to_string(),
                "SELECT 1".to_string()
            ]
        );
    }

    #[test]
    fn dollar_quotes_hold_semicolons_on_postgres() {
        let script = "DO $body$ BEGIN PERFORM 1; END $body$;\nSELECT $1;";
        assert_eq!(
            split_statements(script, POSTGRES),
            vec![
                "DO $body$ BEGIN PERFORM 1; END $body$".to_string(),
                "SELECT $1".to_string()
            ]
        );
    }

    #[test]
    fn hash_comments_only_on_mysql() {
        assert_eq!(
            split_statements("# note; here\nSELECT 1;", MYSQL),
            vec!["# note; here\nSELECT 1"]
        );
        assert_eq!(split_statements(";;  ;\n", MYSQL), Vec::<String>::new());
    }
}
