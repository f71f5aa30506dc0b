//! Reads what only the `CREATE TABLE` text of a SQLite table says: constraint names, CHECK
//! expressions, column collations, and whether the primary key is written on its column
//! (`id INTEGER PRIMARY KEY`, a rowid alias that SQLite numbers itself) or as a table
//! constraint. The pragma functions give everything else.

use sqlparser::dialect::SQLiteDialect;
use sqlparser::tokenizer::{Location, Token, TokenWithSpan, Tokenizer, Word};

/// A constraint of a table or a column, with its name when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Constraint {
    pub(super) name: Option<String>,
    pub(super) kind: ConstraintKind,
}

/// What a constraint is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ConstraintKind {
    PrimaryKey {
        columns: Vec<String>,
        autoincrement: bool,
    },
    Unique {
        columns: Vec<String>,
    },
    /// The expression, as written (quoted names in double quotes).
    Check {
        expression: String,
    },
    ForeignKey {
        columns: Vec<String>,
        table: String,
    },
}

/// The parts of a `CREATE TABLE` that the pragmas do not give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct TableDefinition {
    /// Every constraint, column-level ones first in column order, then table-level ones.
    pub(super) constraints: Vec<Constraint>,
    /// Columns whose definition carries `PRIMARY KEY` itself.
    pub(super) inline_primary_key: Vec<String>,
    /// Column collations, by column.
    pub(super) collations: Vec<(String, String)>,
    /// The table options after the column list, upper-cased: `WITHOUT ROWID`, `STRICT`.
    pub(super) options: Vec<String>,
}

/// Reads `sql`, a `CREATE TABLE` statement as `sqlite_master` keeps it. Unreadable text gives
/// an empty definition: names then fall back to dbkit's convention.
pub(super) fn read_create_table(sql: &str) -> TableDefinition {
    let Some(source) = Source::tokenize(sql) else {
        return TableDefinition::default();
    };
    let tokens = source.tokens.as_slice();
    let Some(open) = tokens.iter().position(|token| token.token == Token::LParen) else {
        return TableDefinition::default();
    };
    let mut definition = TableDefinition::default();
    let mut table_constraints = Vec::new();
    let (elements, after_columns) = split_elements(&tokens[open + 1..]);
    for element in elements {
        match element.first().map(|token| &token.token) {
            Some(Token::Word(word)) if is_table_constraint_start(word) => {
                if let Some(constraint) = table_constraint(&source, element) {
                    table_constraints.push(constraint);
                }
            }
            Some(Token::Word(word)) => {
                column_constraints(&source, &word.value, &element[1..], &mut definition)
            }
            _ => {}
        }
    }
    definition.constraints.extend(table_constraints);
    definition.options = table_options(after_columns);
    definition
}

/// The options after a table's column list (`WITHOUT ROWID, STRICT`), each as one upper-cased
/// string.
fn table_options(after_columns: &[TokenWithSpan]) -> Vec<String> {
    after_columns
        .split(|token| matches!(token.token, Token::Comma | Token::SemiColon))
        .map(|option| {
            option
                .iter()
                .map(|token| token.token.to_string().to_ascii_uppercase())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|option| !option.is_empty())
        .collect()
}

/// A statement's text with its tokens (whitespace left out) and where each line starts.
struct Source<'a> {
    text: &'a str,
    tokens: Vec<TokenWithSpan>,
    line_starts: Vec<usize>,
}

impl<'a> Source<'a> {
    fn tokenize(text: &'a str) -> Option<Source<'a>> {
        let dialect = SQLiteDialect {};
        let tokens = Tokenizer::new(&dialect, text)
            .tokenize_with_location()
            .ok()?
            .into_iter()
            .filter(|token| !matches!(token.token, Token::Whitespace(_)))
            .collect();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(index, _)| index + 1))
            .collect();
        Some(Source {
            text,
            tokens,
            line_starts,
        })
    }

    /// The byte offset of a 1-based line and character column.
    fn offset(&self, location: Location) -> usize {
        let line = usize::try_from(location.line).unwrap_or(0).max(1) - 1;
        let column = usize::try_from(location.column).unwrap_or(0).max(1) - 1;
        let start = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.text.len());
        let rest = &self.text[start..];
        start
            + rest
                .char_indices()
                .nth(column)
                .map_or(rest.len(), |(offset, _)| offset)
    }

    /// The text the tokens were read from, exactly as written.
    fn text_of(&self, tokens: &[TokenWithSpan]) -> String {
        match (tokens.first(), tokens.last()) {
            (Some(first), Some(last)) => {
                let start = self.offset(first.span.start);
                let end = self.offset(last.span.end).max(start);
                self.text
                    .get(start..end)
                    .unwrap_or_default()
                    .trim()
                    .to_string()
            }
            _ => String::new(),
        }
    }
}

/// The top-level, comma-separated elements inside parentheses (`tokens` starts after the opening
/// one), and the tokens after the closing one.
fn split_elements(tokens: &[TokenWithSpan]) -> (Vec<&[TokenWithSpan]>, &[TokenWithSpan]) {
    let mut elements = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (index, token) in tokens.iter().enumerate() {
        match token.token {
            Token::LParen => depth += 1,
            Token::RParen if depth == 0 => {
                elements.push(&tokens[start..index]);
                return (elements, &tokens[index + 1..]);
            }
            Token::RParen => depth -= 1,
            Token::Comma if depth == 0 => {
                elements.push(&tokens[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    elements.push(&tokens[start..]);
    (elements, &[])
}

fn is_keyword(token: Option<&TokenWithSpan>, keyword: &str) -> bool {
    matches!(token.map(|token| &token.token), Some(Token::Word(word)) if word.quote_style.is_none() && word.value.eq_ignore_ascii_case(keyword))
}

fn is_table_constraint_start(word: &Word) -> bool {
    word.quote_style.is_none()
        && ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"]
            .iter()
            .any(|keyword| word.value.eq_ignore_ascii_case(keyword))
}

/// A name token's value (a word, quoted or not, or a string used as a name).
fn name_of(token: Option<&TokenWithSpan>) -> Option<String> {
    match &token?.token {
        Token::Word(word) => Some(word.value.clone()),
        Token::SingleQuotedString(text) | Token::DoubleQuotedString(text) => Some(text.clone()),
        _ => None,
    }
}

/// The tokens inside the parentheses that open at `tokens[start]`, and the index after them.
fn parenthesised(tokens: &[TokenWithSpan], start: usize) -> Option<(&[TokenWithSpan], usize)> {
    if tokens.get(start).map(|token| &token.token) != Some(&Token::LParen) {
        return None;
    }
    let mut depth = 0usize;
    for (index, token) in tokens.iter().enumerate().skip(start) {
        match token.token {
            Token::LParen => depth += 1,
            Token::RParen => {
                depth -= 1;
                if depth == 0 {
                    return Some((&tokens[start + 1..index], index + 1));
                }
            }
            _ => {}
        }
    }
    None
}

/// The column names of an indexed-column list such as `("a", b COLLATE NOCASE DESC)`.
fn column_list(tokens: &[TokenWithSpan]) -> Vec<String> {
    split_elements(tokens)
        .0
        .iter()
        .filter_map(|element| name_of(element.first()))
        .collect()
}

fn table_constraint(source: &Source<'_>, tokens: &[TokenWithSpan]) -> Option<Constraint> {
    let (name, rest) = if is_keyword(tokens.first(), "CONSTRAINT") {
        (name_of(tokens.get(1)), tokens.get(2..).unwrap_or_default())
    } else {
        (None, tokens)
    };
    let kind = if is_keyword(rest.first(), "PRIMARY") {
        let (inside, after) = parenthesised(rest, 2)?;
        ConstraintKind::PrimaryKey {
            columns: column_list(inside),
            autoincrement: rest[after..]
                .iter()
                .any(|token| is_keyword(Some(token), "AUTOINCREMENT")),
        }
    } else if is_keyword(rest.first(), "UNIQUE") {
        ConstraintKind::Unique {
            columns: column_list(parenthesised(rest, 1)?.0),
        }
    } else if is_keyword(rest.first(), "CHECK") {
        ConstraintKind::Check {
            expression: source.text_of(parenthesised(rest, 1)?.0),
        }
    } else if is_keyword(rest.first(), "FOREIGN") {
        let (inside, after) = parenthesised(rest, 2)?;
        if !is_keyword(rest.get(after), "REFERENCES") {
            return None;
        }
        ConstraintKind::ForeignKey {
            columns: column_list(inside),
            table: name_of(rest.get(after + 1))?,
        }
    } else {
        return None;
    };
    Some(Constraint { name, kind })
}

fn column_constraints(
    source: &Source<'_>,
    column: &str,
    tokens: &[TokenWithSpan],
    definition: &mut TableDefinition,
) {
    let mut name: Option<String> = None;
    let mut index = 0;
    while index < tokens.len() {
        let token = tokens.get(index);
        if is_keyword(token, "CONSTRAINT") {
            name = name_of(tokens.get(index + 1));
            index += 2;
            continue;
        }
        let kind = if is_keyword(token, "PRIMARY") {
            definition.inline_primary_key.push(column.to_string());
            let autoincrement = tokens[index..]
                .iter()
                .take_while(|token| !is_keyword(Some(token), "CONSTRAINT"))
                .any(|token| is_keyword(Some(token), "AUTOINCREMENT"));
            index += 2;
            Some(ConstraintKind::PrimaryKey {
                columns: vec![column.to_string()],
                autoincrement,
            })
        } else if is_keyword(token, "UNIQUE") {
            index += 1;
            Some(ConstraintKind::Unique {
                columns: vec![column.to_string()],
            })
        } else if is_keyword(token, "CHECK") {
            match parenthesised(tokens, index + 1) {
                Some((inside, after)) => {
                    index = after;
                    Some(ConstraintKind::Check {
                        expression: source.text_of(inside),
                    })
                }
                None => {
                    index += 1;
                    None
                }
            }
        } else if is_keyword(token, "REFERENCES") {
            let table = name_of(tokens.get(index + 1));
            index += 2;
            table.map(|table| ConstraintKind::ForeignKey {
                columns: vec![column.to_string()],
                table,
            })
        } else if is_keyword(token, "COLLATE") {
            if let Some(collation) = name_of(tokens.get(index + 1)) {
                definition.collations.push((column.to_string(), collation));
            }
            index += 2;
            None
        } else {
            match token.map(|token| &token.token) {
                // Parenthesised parts (type parameters, DEFAULT (expr), reference columns).
                Some(Token::LParen) => {
                    index = parenthesised(tokens, index).map_or(index + 1, |(_, after)| after)
                }
                _ => index += 1,
            }
            continue;
        };
        if let Some(kind) = kind {
            definition.constraints.push(Constraint {
                name: name.take(),
                kind,
            });
        }
    }
}

/// The condition after `WHERE` in a `CREATE INDEX` statement, as written.
pub(super) fn index_predicate(sql: &str) -> Option<String> {
    let source = Source::tokenize(sql)?;
    let mut depth = 0usize;
    for (index, token) in source.tokens.iter().enumerate() {
        match token.token {
            Token::LParen => depth += 1,
            Token::RParen => depth = depth.saturating_sub(1),
            _ if depth == 0 && is_keyword(Some(token), "WHERE") => {
                let rest: Vec<TokenWithSpan> = source.tokens[index + 1..]
                    .iter()
                    .filter(|token| token.token != Token::SemiColon && token.token != Token::EOF)
                    .cloned()
                    .collect();
                return Some(source.text_of(&rest));
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_checks_and_inline_keys() {
        let sql = "CREATE TABLE \"copies\" (\n    \"id\" INTEGER NOT NULL CONSTRAINT \"pk_copies\" PRIMARY KEY,\n    \
                   \"code\" VARCHAR(20) NOT NULL COLLATE NOCASE UNIQUE,\n    \
                   \"book_id\" BIGINT NOT NULL REFERENCES books(id),\n    \
                   \"condition\" TEXT NOT NULL DEFAULT 'good',\n    \
                   CONSTRAINT \"uq_copies_x\" UNIQUE (\"book_id\", \"code\"),\n    \
                   CONSTRAINT \"ck_copies_condition\" CHECK (\"condition\" IN ('new', 'it''s')),\n    \
                   CHECK (length(code) > 0),\n    \
                   CONSTRAINT \"fk_copies_book_id\" FOREIGN KEY (\"book_id\") REFERENCES \"books\" (\"id\") ON DELETE CASCADE\n)";
        let definition = read_create_table(sql);
        assert_eq!(definition.inline_primary_key, ["id"]);
        assert_eq!(
            definition.collations,
            [("code".to_string(), "NOCASE".to_string())]
        );
        let kinds: Vec<(Option<&str>, &ConstraintKind)> = definition
            .constraints
            .iter()
            .map(|constraint| (constraint.name.as_deref(), &constraint.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    Some("pk_copies"),
                    &ConstraintKind::PrimaryKey {
                        columns: vec!["id".into()],
                        autoincrement: false
                    }
                ),
                (
                    None,
                    &ConstraintKind::Unique {
                        columns: vec!["code".into()]
                    }
                ),
                (
                    None,
                    &ConstraintKind::ForeignKey {
                        columns: vec!["book_id".into()],
                        table: "books".into()
                    }
                ),
                (
                    Some("uq_copies_x"),
                    &ConstraintKind::Unique {
                        columns: vec!["book_id".into(), "code".into()]
                    }
                ),
                (
                    Some("ck_copies_condition"),
                    &ConstraintKind::Check {
                        expression: "\"condition\" IN ('new', 'it''s')".into()
                    }
                ),
                (
                    None,
                    &ConstraintKind::Check {
                        expression: "length(code) > 0".into()
                    }
                ),
                (
                    Some("fk_copies_book_id"),
                    &ConstraintKind::ForeignKey {
                        columns: vec!["book_id".into()],
                        table: "books".into()
                    }
                ),
            ]
        );
    }

    #[test]
    fn reads_the_options_after_the_column_list() {
        let definition = read_create_table(
            "CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT CHECK (length(b) > 0)) without rowid, STRICT",
        );
        assert_eq!(definition.options, ["WITHOUT ROWID", "STRICT"]);
        assert!(
            read_create_table("CREATE TABLE t (a INTEGER, b TEXT)")
                .options
                .is_empty()
        );
    }

    #[test]
    fn reads_bracket_names_and_partial_index_conditions() {
        let definition = read_create_table(
            "CREATE TABLE [Album] ([AlbumId] INTEGER NOT NULL, CONSTRAINT [PK_Album] PRIMARY KEY ([AlbumId]))",
        );
        assert_eq!(
            definition.constraints,
            [Constraint {
                name: Some("PK_Album".into()),
                kind: ConstraintKind::PrimaryKey {
                    columns: vec!["AlbumId".into()],
                    autoincrement: false
                }
            }]
        );
        assert_eq!(
            index_predicate("CREATE INDEX \"idx\" ON \"t\" (\"a\") WHERE \"deleted_at\" IS NULL"),
            Some("\"deleted_at\" IS NULL".to_string())
        );
    }
}
