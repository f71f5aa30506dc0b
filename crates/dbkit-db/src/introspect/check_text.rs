//! Turns the text of a CHECK as a database reports it into the text a person would write in
//! `schema.toml`: no outer parentheses, no `CHECK` keyword, columns unquoted where that is safe.
//!
//! The meaning is kept exactly; only quoting and wrapping change. Dialects quote the columns
//! again when they render the check.

use sqlparser::ast::Expr;
use sqlparser::dialect::{GenericDialect, SQLiteDialect};
use sqlparser::keywords::{
    ALL_KEYWORDS, ALL_KEYWORDS_INDEX, RESERVED_FOR_COLUMN_ALIAS, RESERVED_FOR_TABLE_ALIAS,
};
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, Tokenizer};

use super::default_text::strip_parentheses;

/// A PostgreSQL constraint definition (`CHECK ((fee >= (0)::numeric))`) as an expression.
pub(crate) fn from_postgres(definition: &str) -> String {
    let text = definition.trim();
    let text = text.strip_suffix("NOT VALID").unwrap_or(text).trim_end();
    let text = text.strip_suffix("NO INHERIT").unwrap_or(text).trim_end();
    let text = text.strip_prefix("CHECK").unwrap_or(text).trim_start();
    let text = strip_one(text);
    in_lists_from_postgres(strip_one(text))
}

/// PostgreSQL writes `x IN ('a', 'b')` as `(x)::text = ANY ((ARRAY['a'::character varying,
/// 'b'::character varying])::text[])`, and that text, built again, comes back in yet another
/// form. The `IN` list is put back, so that the text stays the same from pull to pull.
pub(crate) fn in_lists_from_postgres(text: &str) -> String {
    if !text.contains("ANY (") {
        return text.to_string();
    }
    let Some(mut expr) = parse(text) else {
        return text.to_string();
    };
    let mut rewrote = false;
    let _ = sqlparser::ast::visit_expressions_mut(&mut expr, |expr| {
        if let Expr::AnyOp {
            left,
            compare_op: sqlparser::ast::BinaryOperator::Eq,
            right,
            ..
        } = expr
            && let Some(list) = array_of_literals(right)
        {
            let column = uncast(left);
            *expr = match <[Expr; 1]>::try_from(list) {
                // PostgreSQL itself keeps `x IN (v)` as `x = v`: so does the pull.
                Ok([value]) => Expr::BinaryOp {
                    left: Box::new(column),
                    op: sqlparser::ast::BinaryOperator::Eq,
                    right: Box::new(value),
                },
                Err(list) => Expr::InList {
                    expr: Box::new(column),
                    list,
                    negated: false,
                },
            };
            rewrote = true;
        }
        std::ops::ControlFlow::<()>::Continue(())
    });
    if rewrote {
        expr.to_string()
    } else {
        text.to_string()
    }
}

/// The literals of `ARRAY['a'::character varying, ...]` (with any casts around it), uncast.
fn array_of_literals(expr: &Expr) -> Option<Vec<Expr>> {
    match uncast(expr) {
        Expr::Array(array) => array
            .elem
            .iter()
            .map(|element| match uncast(element) {
                literal @ Expr::Value(_) => Some(literal),
                _ => None,
            })
            .collect(),
        _ => None,
    }
}

/// `expr` without the casts and parentheses around it.
fn uncast(expr: &Expr) -> Expr {
    match expr {
        Expr::Cast { expr, .. } | Expr::Nested(expr) => uncast(expr),
        other => other.clone(),
    }
}

/// A MySQL/MariaDB `CHECK_CLAUSE` (`` `fee` >= 0 ``, `(_utf8mb4'a' ...)`) as an expression.
///
/// MariaDB reports `length(x)` as `octet_length(x)`, its own name for the same function; the
/// name the user wrote is put back.
pub(crate) fn from_mysql(clause: &str) -> String {
    let without_introducers = strip_charset_introducers(clause).replace("\\'", "''");
    let unquoted = unquote_identifiers(strip_parentheses(&without_introducers), &GenericDialect {});
    rename_function(&unquoted, "octet_length", "length")
}

/// A CHECK expression from SQLite's `CREATE TABLE` text, with columns unquoted where safe.
pub(crate) fn from_sqlite(expression: &str) -> String {
    unquote_identifiers(strip_parentheses(expression), &SQLiteDialect {})
}

/// Removes one pair of parentheses around all of `text`.
fn strip_one(text: &str) -> &str {
    let trimmed = text.trim();
    if trimmed.starts_with('(') && trimmed.ends_with(')') && strip_parentheses(trimmed) != trimmed {
        trimmed[1..trimmed.len() - 1].trim()
    } else {
        trimmed
    }
}

/// Rewrites quoted identifiers (`` `name` `` or `"name"`) as bare names when the expression
/// still reads the same without the quotes, and as `"name"` otherwise; string literals are
/// written back with standard quote doubling.
///
/// `dialect` reads the quoting of the text (SQLite also quotes with `[name]`).
fn unquote_identifiers(text: &str, dialect: &dyn sqlparser::dialect::Dialect) -> String {
    let Ok(tokens) = Tokenizer::new(dialect, text).tokenize() else {
        return text.to_string();
    };
    let written = |bare: bool| {
        let mut out = String::with_capacity(text.len());
        for token in &tokens {
            match token {
                Token::Word(word) if word.quote_style.is_some() => {
                    if bare && is_simple_name(&word.value) {
                        out.push_str(&word.value);
                    } else {
                        out.push('"');
                        out.push_str(&word.value.replace('"', "\"\""));
                        out.push('"');
                    }
                }
                Token::SingleQuotedString(value) => {
                    out.push('\'');
                    out.push_str(&value.replace('\'', "''"));
                    out.push('\'');
                }
                other => out.push_str(&other.to_string()),
            }
        }
        out
    };
    let bare = written(true);
    let quoted = written(false);
    match (parse(&bare), parse(&quoted)) {
        (Some(bare_expr), Some(quoted_expr)) if same_shape(&bare_expr, &quoted_expr) => bare,
        _ => quoted,
    }
}

/// Letters, digits and `_`, not starting with a digit, and not a reserved word of SQL
/// (`select`, `from`...), which reads better quoted even where a parser would accept it bare.
fn is_simple_name(name: &str) -> bool {
    let mut characters = name.chars();
    let simple = characters
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
        && characters.all(|character| character.is_ascii_alphanumeric() || character == '_');
    let reserved = ALL_KEYWORDS
        .binary_search(&name.to_ascii_uppercase().as_str())
        .ok()
        .and_then(|index| ALL_KEYWORDS_INDEX.get(index))
        .is_some_and(|keyword| {
            RESERVED_FOR_COLUMN_ALIAS.contains(keyword)
                || RESERVED_FOR_TABLE_ALIAS.contains(keyword)
        });
    simple && !reserved
}

/// `text` with every call of the function `from` calling `to` instead.
fn rename_function(text: &str, from: &str, to: &str) -> String {
    let dialect = GenericDialect {};
    let Ok(tokens) = Tokenizer::new(&dialect, text).tokenize() else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len());
    for (index, token) in tokens.iter().enumerate() {
        match token {
            Token::Word(word)
                if word.quote_style.is_none()
                    && word.value.eq_ignore_ascii_case(from)
                    && tokens.get(index + 1) == Some(&Token::LParen) =>
            {
                out.push_str(to);
            }
            Token::SingleQuotedString(value) => {
                out.push('\'');
                out.push_str(&value.replace('\'', "''"));
                out.push('\'');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    out
}

fn parse(text: &str) -> Option<Expr> {
    let mut parser = Parser::new(&GenericDialect {}).try_with_sql(text).ok()?;
    let expr = parser.parse_expr().ok()?;
    (parser.peek_token().token == Token::EOF).then_some(expr)
}

/// Whether two parsed expressions are the same apart from identifier quoting.
fn same_shape(left: &Expr, right: &Expr) -> bool {
    let unquoted = |expr: &Expr| {
        let mut expr = expr.clone();
        let _ = sqlparser::ast::visit_expressions_mut(&mut expr, |expr| {
            if let Expr::Identifier(ident) = expr {
                ident.quote_style = None;
            }
            std::ops::ControlFlow::<()>::Continue(())
        });
        expr.to_string()
    };
    unquoted(left) == unquoted(right)
}

/// `_utf8mb4'text'` written as `'text'`.
fn strip_charset_introducers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut in_string = false;
    while let Some(character) = rest.chars().next() {
        if character == '\'' {
            in_string = !in_string;
        }
        if !in_string
            && character == '_'
            && !out.ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '`')
        {
            let length = rest[1..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(rest.len() - 1);
            if length > 0 && rest[1 + length..].starts_with('\'') {
                rest = &rest[1 + length..];
                continue;
            }
        }
        out.push(character);
        rest = &rest[character.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidies_what_databases_report() {
        assert_eq!(
            from_postgres("CHECK ((fee >= (0)::numeric))"),
            "fee >= (0)::numeric"
        );
        let in_list = "CHECK ((((building)::text = ANY ((ARRAY['north'::character varying, 'it''s'::character varying])::text[])) AND (room > 0)))";
        assert_eq!(
            from_postgres(in_list),
            "(building IN ('north', 'it''s')) AND (room > 0)"
        );
        assert_eq!(
            from_postgres("CHECK (((publication_year >= 1450) AND (publication_year <= 2100)))"),
            "(publication_year >= 1450) AND (publication_year <= 2100)"
        );
        assert_eq!(
            from_mysql("`publication_year` between 1450 and 2100"),
            "publication_year between 1450 and 2100"
        );
        assert_eq!(from_mysql("`order` >= 0"), "\"order\" >= 0");
        assert_eq!(
            from_mysql("octet_length(`select`) <= 50"),
            "length(\"select\") <= 50"
        );
        assert_eq!(from_mysql("`unit price` > 0"), "\"unit price\" > 0");
        assert_eq!(
            from_mysql("(`status` in (_utf8mb4'a',_utf8mb4'it\\'s'))"),
            "status in ('a','it''s')"
        );
        assert_eq!(
            from_sqlite("\"condition\" IN ('new', 'good')"),
            "condition IN ('new', 'good')"
        );
    }
}
