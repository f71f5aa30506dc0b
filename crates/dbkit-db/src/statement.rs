//! Reading just enough of a SQL statement to report on it: its first line, and the table a
//! `CREATE TABLE` creates.

/// The longest first line shown in an error message, in characters.
const FIRST_LINE_LIMIT: usize = 100;

/// The first line of `statement` that is not blank or a `--` comment, shortened for messages.
pub fn first_line(statement: &str) -> String {
    let line = statement
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty() && !line.starts_with("--"))
        .unwrap_or("");
    if line.chars().count() > FIRST_LINE_LIMIT {
        let cut: String = line.chars().take(FIRST_LINE_LIMIT).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}

/// The name of the table a `CREATE TABLE` statement creates, or `None` for any other statement.
///
/// Understands `CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name`, where the name is bare or quoted
/// with `"..."`, `` `...` `` or `[...]` (doubled quotes inside are unescaped) and may be qualified
/// by a schema (`app.members` gives `members`).
pub fn created_table(statement: &str) -> Option<String> {
    let mut rest = skip_comments(statement);
    rest = keyword(rest, "CREATE")?;
    if let Some(after) = keyword(rest, "TEMPORARY").or_else(|| keyword(rest, "TEMP")) {
        rest = after;
    }
    rest = keyword(rest, "TABLE")?;
    if let Some(after) = keyword(rest, "IF")
        .and_then(|r| keyword(r, "NOT"))
        .and_then(|r| keyword(r, "EXISTS"))
    {
        rest = after;
    }
    let (mut name, mut after) = identifier(rest)?;
    while let Some(qualified) = after.strip_prefix('.') {
        let (part, next) = identifier(qualified)?;
        name = part;
        after = next;
    }
    Some(name)
}

/// The names of the tables created by `statements`, in order.
pub fn created_tables<S: AsRef<str>>(statements: &[S]) -> Vec<String> {
    statements
        .iter()
        .filter_map(|statement| created_table(statement.as_ref()))
        .collect()
}

/// Whether the statement is a `PRAGMA` (a SQLite connection setting).
pub(crate) fn is_pragma(statement: &str) -> bool {
    keyword(skip_comments(statement), "PRAGMA").is_some()
}

fn skip_comments(mut text: &str) -> &str {
    loop {
        text = text.trim_start();
        if let Some(comment) = text.strip_prefix("--") {
            text = comment.split_once('\n').map_or("", |(_, rest)| rest);
        } else if let Some(comment) = text.strip_prefix("/*") {
            text = comment.split_once("*/").map_or("", |(_, rest)| rest);
        } else {
            return text;
        }
    }
}

/// Consumes `word` (case-insensitively) followed by a word boundary, returning the rest.
fn keyword<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let text = skip_comments(text);
    let head = text.get(..word.len())?;
    let rest = &text[word.len()..];
    let boundary = rest
        .chars()
        .next()
        .is_none_or(|next| !(next.is_alphanumeric() || next == '_' || next == '$'));
    (head.eq_ignore_ascii_case(word) && boundary).then_some(rest)
}

/// Reads one identifier, quoted or bare, returning it unquoted and the rest of the text.
fn identifier(text: &str) -> Option<(String, &str)> {
    let text = skip_comments(text);
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    let close = match first {
        '"' => '"',
        '`' => '`',
        '[' => ']',
        _ => {
            let end = text
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(text.len());
            return (end > 0).then(|| (text[..end].to_string(), &text[end..]));
        }
    };
    let mut name = String::new();
    let mut iter = text[1..].char_indices().peekable();
    while let Some((offset, c)) = iter.next() {
        if c == close {
            if close != ']' && iter.peek().is_some_and(|(_, next)| *next == close) {
                name.push(c);
                iter.next();
                continue;
            }
            return Some((name, &text[1 + offset + c.len_utf8()..]));
        }
        name.push(c);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_created_tables_in_every_quoting() {
        assert_eq!(
            created_table("CREATE TABLE \"order\" (id INT)"),
            Some("order".into())
        );
        assert_eq!(
            created_table("create table `gro``up` (\n id int)"),
            Some("gro`up".into())
        );
        assert_eq!(
            created_table("CREATE TABLE [odd name] (id INT)"),
            Some("odd name".into())
        );
        assert_eq!(
            created_table("-- members\nCREATE TABLE members(id INT)"),
            Some("members".into())
        );
        assert_eq!(
            created_table("CREATE TEMPORARY TABLE IF NOT EXISTS app.\"a\"\"b\" (x INT)"),
            Some("a\"b".into())
        );
        assert_eq!(created_table("CREATE INDEX idx ON t (a)"), None);
        assert_eq!(created_table("CREATE TABLESPACE x"), None);
        assert_eq!(created_table("ALTER TABLE t ADD x INT"), None);
        assert_eq!(created_table("CREATE TABLE \"unterminated"), None);
    }

    #[test]
    fn shows_the_first_meaningful_line() {
        assert_eq!(
            first_line("-- comment\n\n  CREATE TABLE t (\n  id INT\n)"),
            "CREATE TABLE t ("
        );
        let long = format!("SELECT {}", "x".repeat(200));
        assert_eq!(first_line(&long).chars().count(), FIRST_LINE_LIMIT + 1);
    }

    #[test]
    fn recognises_pragmas() {
        assert!(is_pragma("PRAGMA foreign_keys = ON"));
        assert!(is_pragma("  pragma foreign_keys=OFF"));
        assert!(!is_pragma("PRAGMATIC"));
        assert!(!is_pragma("CREATE TABLE t (x INT)"));
    }
}
