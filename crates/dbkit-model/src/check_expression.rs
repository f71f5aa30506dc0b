//! CHECK expressions: validated once with `sqlparser`, re-quoted for each dialect.
//!
//! A check is written once in `schema.toml` (`"fee >= 0"`). Its column names must be quoted the
//! way each dialect quotes identifiers, so that a check on a column named `order` or `condition`
//! works everywhere, and its string literals escaped the way each dialect escapes strings.

use sqlparser::ast::{Expr, Visit, Visitor};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Token, Tokenizer};
use std::ops::ControlFlow;

/// The column names an expression refers to, in the order they appear.
///
/// Fails with the parser's message when the text is not a single SQL expression.
pub fn referenced_columns(expression: &str) -> Result<Vec<String>, String> {
    let dialect = GenericDialect {};
    let mut parser = Parser::new(&dialect)
        .try_with_sql(expression)
        .map_err(|error| error.to_string())?;
    let parsed = parser.parse_expr().map_err(|error| error.to_string())?;
    if parser.peek_token().token != Token::EOF {
        return Err(format!(
            "unexpected {} after the end of the expression",
            parser.peek_token().token
        ));
    }
    struct Columns(Vec<String>);
    impl Visitor for Columns {
        type Break = ();
        fn pre_visit_expr(&mut self, expr: &Expr) -> ControlFlow<()> {
            match expr {
                Expr::Identifier(ident) => self.0.push(ident.value.clone()),
                Expr::CompoundIdentifier(parts) => {
                    if let Some(last) = parts.last() {
                        self.0.push(last.value.clone());
                    }
                }
                _ => {}
            }
            ControlFlow::Continue(())
        }
    }
    let mut columns = Columns(Vec::new());
    let _ = parsed.visit(&mut columns);
    Ok(columns.0)
}

/// Rewrites `expression` with every reference to one of `columns` quoted by `quote_identifier`
/// (as the column is named in `columns`) and every string literal written by `quote_string`.
/// Everything else is kept as written.
pub fn requote(
    expression: &str,
    columns: &[String],
    quote_identifier: &dyn Fn(&str) -> String,
    quote_string: &dyn Fn(&str) -> String,
) -> Result<String, String> {
    let dialect = GenericDialect {};
    let tokens = Tokenizer::new(&dialect, expression)
        .tokenize()
        .map_err(|error| error.to_string())?;
    let mut out = String::with_capacity(expression.len() + 8);
    for (index, token) in tokens.iter().enumerate() {
        match token {
            Token::Word(word) => {
                let followed_by_call = tokens[index + 1..]
                    .iter()
                    .find(|next| !matches!(next, Token::Whitespace(_)))
                    .is_some_and(|next| *next == Token::LParen);
                let column = if followed_by_call {
                    None
                } else if word.quote_style.is_some() {
                    columns.iter().find(|column| **column == word.value)
                } else {
                    columns
                        .iter()
                        .find(|column| column.eq_ignore_ascii_case(&word.value))
                };
                match column {
                    Some(column) => out.push_str(&quote_identifier(column)),
                    None => out.push_str(&token.to_string()),
                }
            }
            Token::SingleQuotedString(text) => out.push_str(&quote_string(text)),
            other => out.push_str(&other.to_string()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ansi(name: &str) -> String {
        format!("\"{}\"", name.replace('"', "\"\""))
    }

    fn string(text: &str) -> String {
        format!("'{}'", text.replace('\'', "''"))
    }

    #[test]
    fn finds_the_columns_of_an_expression() {
        assert_eq!(
            referenced_columns("publication_year BETWEEN 1450 AND 2100"),
            Ok(vec!["publication_year".to_string()])
        );
        assert_eq!(
            referenced_columns("due_on >= borrowed_at AND length(name) > 0"),
            Ok(vec!["due_on".into(), "borrowed_at".into(), "name".into()])
        );
        assert!(referenced_columns("fee >=").is_err());
        assert!(referenced_columns("fee > 0 fee").is_err());
    }

    #[test]
    fn quotes_columns_but_not_functions_or_keywords() {
        let columns = vec!["condition".to_string(), "name".to_string()];
        assert_eq!(
            requote(
                "condition IN ('new', 'it''s') AND length(name) > 0",
                &columns,
                &ansi,
                &string
            ),
            Ok("\"condition\" IN ('new', 'it''s') AND length(\"name\") > 0".to_string())
        );
    }
}
