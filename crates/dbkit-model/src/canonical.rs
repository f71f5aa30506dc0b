//! A canonical text for SQL expressions (CHECK constraints, partial-index conditions), so that
//! an expression written one way in `schema.toml` and read back the way a database rewrote it
//! compare equal.
//!
//! Databases keep the meaning of a CHECK but not its text: PostgreSQL writes
//! `publication_year BETWEEN 1450 AND 2100` back as
//! `((publication_year >= 1450) AND (publication_year <= 2100))` and `condition IN ('a', 'b')` as
//! `((condition)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))`;
//! MariaDB quotes every column with backticks and lowers keywords. The canonical form removes
//! those differences: no parentheses or casts, `BETWEEN` spelled as two comparisons, `= ANY
//! (ARRAY[...])` as `IN (...)`, identifiers unquoted and in lower case, keywords in upper case.

use std::ops::ControlFlow;

use sqlparser::ast::{BinaryOperator, Expr, Ident, ObjectNamePart, Value, visit_expressions_mut};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Token;

/// The canonical text of `text`. An expression that cannot be parsed is compared by its text
/// with runs of whitespace collapsed and letters in lower case.
pub fn canonical_expression(text: &str) -> String {
    match parse_canonical(text) {
        Some(expr) => expr.to_string(),
        None => text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    }
}

/// Whether two expressions mean the same, as far as their canonical forms tell.
pub fn same_expression(left: &str, right: &str) -> bool {
    left == right || canonical_expression(left) == canonical_expression(right)
}

/// A literal in an `IN` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    /// A string literal, unescaped.
    String(String),
    /// A number, as written.
    Number(String),
}

/// The column and values of an expression of the form `column IN (value, ...)` (or an
/// equivalent that a database rewrote it to), `None` for any other expression.
pub fn in_list(text: &str) -> Option<(String, Vec<Literal>)> {
    let Expr::InList {
        expr,
        list,
        negated: false,
    } = parse_canonical(text)?
    else {
        return None;
    };
    let Expr::Identifier(column) = *expr else {
        return None;
    };
    let values = list
        .into_iter()
        .map(|item| match item {
            Expr::Value(value) => match value.value {
                Value::SingleQuotedString(text) => Some(Literal::String(text)),
                Value::Number(number, _) => Some(Literal::Number(number)),
                _ => None,
            },
            Expr::UnaryOp {
                op: sqlparser::ast::UnaryOperator::Minus,
                expr,
            } => match *expr {
                Expr::Value(value) => match value.value {
                    Value::Number(number, _) => Some(Literal::Number(format!("-{number}"))),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    Some((column.value, values))
}

/// The function name (in lower case) and column of an expression of the form
/// `function(column)`, such as `json_valid(data)`.
pub fn function_of_column(text: &str) -> Option<(String, String)> {
    let Expr::Function(function) = parse_canonical(text)? else {
        return None;
    };
    let name = function.name.to_string();
    let sqlparser::ast::FunctionArguments::List(arguments) = function.args else {
        return None;
    };
    match arguments.args.as_slice() {
        [
            sqlparser::ast::FunctionArg::Unnamed(sqlparser::ast::FunctionArgExpr::Expr(
                Expr::Identifier(column),
            )),
        ] => Some((name, column.value.clone())),
        _ => None,
    }
}

/// Parses `text` as one expression and rewrites it into its canonical form.
fn parse_canonical(text: &str) -> Option<Expr> {
    let dialect = GenericDialect {};
    let cleaned = strip_charset_introducers(text);
    let mut parser = Parser::new(&dialect).try_with_sql(&cleaned).ok()?;
    let mut expr = parser.parse_expr().ok()?;
    if parser.peek_token().token != Token::EOF {
        return None;
    }
    let _ = visit_expressions_mut(&mut expr, |expr| {
        rewrite(expr);
        ControlFlow::<()>::Continue(())
    });
    Some(expr)
}

/// Removes MySQL's character-set introducers (`_utf8mb4'text'` becomes `'text'`), which MySQL
/// adds to string literals in the CHECK clauses it reports.
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
            && !out.ends_with(|c: char| c.is_alphanumeric() || c == '_')
        {
            let word_length = rest[1..]
                .find(|c: char| !c.is_ascii_alphanumeric())
                .map_or(rest.len() - 1, |end| end);
            if word_length > 0 && rest[1 + word_length..].starts_with('\'') {
                rest = &rest[1 + word_length..];
                continue;
            }
        }
        out.push(character);
        rest = &rest[character.len_utf8()..];
    }
    out
}

/// One step of the canonical rewrite; children are already rewritten.
fn rewrite(expr: &mut Expr) {
    let replacement = match expr {
        Expr::Nested(inner) => Some((**inner).clone()),
        Expr::Cast { expr: inner, .. } => Some((**inner).clone()),
        Expr::Identifier(ident) => {
            *ident = Ident::new(ident.value.to_lowercase());
            None
        }
        Expr::CompoundIdentifier(parts) => parts
            .last()
            .map(|last| Expr::Identifier(Ident::new(last.value.to_lowercase()))),
        Expr::Function(function) => {
            for part in &mut function.name.0 {
                if let ObjectNamePart::Identifier(ident) = part {
                    *ident = Ident::new(ident.value.to_lowercase());
                }
            }
            None
        }
        Expr::Between {
            expr: inner,
            negated,
            low,
            high,
        } => {
            let both = Expr::BinaryOp {
                left: Box::new(Expr::BinaryOp {
                    left: inner.clone(),
                    op: BinaryOperator::GtEq,
                    right: low.clone(),
                }),
                op: BinaryOperator::And,
                right: Box::new(Expr::BinaryOp {
                    left: inner.clone(),
                    op: BinaryOperator::LtEq,
                    right: high.clone(),
                }),
            };
            Some(if *negated {
                Expr::UnaryOp {
                    op: sqlparser::ast::UnaryOperator::Not,
                    expr: Box::new(both),
                }
            } else {
                both
            })
        }
        Expr::AnyOp {
            left,
            compare_op: BinaryOperator::Eq,
            right,
            ..
        } => match right.as_ref() {
            Expr::Array(array) => Some(Expr::InList {
                expr: left.clone(),
                list: array.elem.clone(),
                negated: false,
            }),
            _ => None,
        },
        _ => None,
    };
    if let Some(replacement) = replacement {
        *expr = replacement;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_rewrites_compare_equal_to_what_was_written() {
        let cases = [
            (
                "publication_year BETWEEN 1450 AND 2100",
                "((publication_year >= 1450) AND (publication_year <= 2100))",
            ),
            ("fee >= 0", "(fee >= (0)::numeric)"),
            ("fee >= 0", "`fee` >= 0"),
            ("length(name) > 0", "(length((name)::text) > 0)"),
            (
                "\"condition\" IN ('new', 'good')",
                "((condition)::text = ANY ((ARRAY['new'::character varying, 'good'::character varying])::text[]))",
            ),
            ("json_valid(data)", "json_valid(`data`)"),
            (
                "status IN ('a', 'b')",
                "(`status` in (_utf8mb4'a',_utf8mb4'b'))",
            ),
        ];
        for (written, stored) in cases {
            assert_eq!(
                canonical_expression(written),
                canonical_expression(stored),
                "{written} / {stored}"
            );
            assert!(same_expression(written, stored));
        }
        assert!(!same_expression("fee >= 0", "fee > 0"));
    }

    #[test]
    fn reads_in_lists_and_function_calls() {
        assert_eq!(
            in_list(
                "((condition)::text = ANY ((ARRAY['new'::character varying, 'it''s'::character varying])::text[]))"
            ),
            Some((
                "condition".to_string(),
                vec![
                    Literal::String("new".into()),
                    Literal::String("it's".into())
                ]
            ))
        );
        assert_eq!(
            in_list("`is_active` in (0,1)"),
            Some((
                "is_active".to_string(),
                vec![Literal::Number("0".into()), Literal::Number("1".into())]
            ))
        );
        assert_eq!(in_list("fee > 0"), None);
        assert_eq!(
            function_of_column("json_valid(`payload`)"),
            Some(("json_valid".to_string(), "payload".to_string()))
        );
    }
}
