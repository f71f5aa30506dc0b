//! CHECK expressions: validated once with `sqlparser`, re-quoted for each dialect.
//!
//! A check is written once in `schema.toml` (`"fee >= 0"`). Its column names must be quoted the
//! way each dialect quotes identifiers, so that a check on a column named `order` or `condition`
//! works everywhere, and its string literals escaped the way each dialect escapes strings.

use sqlparser::ast::{BinaryOperator, Expr, Value, Visit, Visitor};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use sqlparser::tokenizer::{Location, Token, Tokenizer};
use std::ops::ControlFlow;

/// The column names an expression refers to, in the order they appear.
///
/// Fails with the parser's message when the text is not a single SQL expression.
pub fn referenced_columns(expression: &str) -> Result<Vec<String>, String> {
    analyse(expression).map(|analysis| {
        analysis
            .columns
            .into_iter()
            .map(|column| column.name)
            .collect()
    })
}

/// One use of a column name in a CHECK expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ColumnUse {
    /// The name as written, without quotes (the last part of a qualified name).
    pub(crate) name: String,
    /// Where the name starts in the expression, in bytes.
    pub(crate) offset: usize,
    /// The text as written when the name has a table prefix (`other.fee`), which a check cannot use.
    pub(crate) qualified: Option<String>,
}

/// What a CHECK expression refers to and what keeps it from being a portable condition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Analysis {
    /// Every column name used, in order.
    pub(crate) columns: Vec<ColumnUse>,
    /// Whether the expression contains a subquery, which no database allows in a CHECK.
    pub(crate) has_subquery: bool,
    /// A function whose result changes from call to call (`now()`, `CURRENT_DATE`, `random()`),
    /// which MySQL and SQLite refuse in a CHECK, as written.
    pub(crate) changing_function: Option<String>,
    /// Why the whole expression is not a condition (true or false), when that can be seen from
    /// its form: "a number", "an arithmetic expression"...
    pub(crate) not_a_condition: Option<&'static str>,
    /// The column the expression consists of, when it is a bare column name.
    pub(crate) bare_column: Option<String>,
}

/// Parses `expression` and describes it; fails with the parser's message when the text is not a
/// single SQL expression.
pub(crate) fn analyse(expression: &str) -> Result<Analysis, String> {
    let dialect = GenericDialect {};
    let mut parser = Parser::new(&dialect)
        .try_with_sql(expression)
        .map_err(|error| plain_message(&error.to_string()))?;
    let parsed = parser
        .parse_expr()
        .map_err(|error| plain_message(&error.to_string()))?;
    if parser.peek_token().token != Token::EOF {
        return Err(format!(
            "unexpected {} after the end of the expression",
            parser.peek_token().token
        ));
    }
    struct Uses<'a> {
        expression: &'a str,
        analysis: Analysis,
    }
    impl Visitor for Uses<'_> {
        type Break = ();
        fn pre_visit_expr(&mut self, expr: &Expr) -> ControlFlow<()> {
            match expr {
                Expr::Identifier(ident) => self.analysis.columns.push(ColumnUse {
                    name: ident.value.clone(),
                    offset: byte_offset(self.expression, ident.span.start),
                    qualified: None,
                }),
                Expr::CompoundIdentifier(parts) => {
                    if let (Some(first), Some(last)) = (parts.first(), parts.last()) {
                        let written: Vec<String> = parts.iter().map(ToString::to_string).collect();
                        self.analysis.columns.push(ColumnUse {
                            name: last.value.clone(),
                            offset: byte_offset(self.expression, first.span.start),
                            qualified: Some(written.join(".")),
                        });
                    }
                }
                Expr::Subquery(_) | Expr::Exists { .. } | Expr::InSubquery { .. } => {
                    self.analysis.has_subquery = true;
                }
                Expr::Function(function) => {
                    let name = function.name.to_string();
                    if self.analysis.changing_function.is_none()
                        && CHANGING_FUNCTIONS
                            .iter()
                            .any(|known| known.eq_ignore_ascii_case(&name))
                    {
                        self.analysis.changing_function = Some(name);
                    }
                }
                _ => {}
            }
            ControlFlow::Continue(())
        }
    }
    let mut uses = Uses {
        expression,
        analysis: Analysis {
            columns: Vec::new(),
            has_subquery: false,
            changing_function: None,
            not_a_condition: not_a_condition(&parsed),
            bare_column: bare_column(&parsed),
        },
    };
    let _ = parsed.visit(&mut uses);
    Ok(uses.analysis)
}

/// Functions whose result is not fixed by their arguments: the current time, random values.
const CHANGING_FUNCTIONS: &[&str] = &[
    "now",
    "current_date",
    "current_time",
    "current_timestamp",
    "localtime",
    "localtimestamp",
    "curdate",
    "curtime",
    "sysdate",
    "utc_date",
    "utc_time",
    "utc_timestamp",
    "unix_timestamp",
    "random",
    "rand",
    "uuid",
    "gen_random_uuid",
];

/// The parser's message without its "sql parser error: " prefix.
fn plain_message(message: &str) -> String {
    message
        .strip_prefix("sql parser error: ")
        .unwrap_or(message)
        .to_string()
}

/// The byte offset in `text` of a 1-based line and column (counted in characters).
fn byte_offset(text: &str, location: Location) -> usize {
    let Ok(line) = usize::try_from(location.line) else {
        return 0;
    };
    let Ok(column) = usize::try_from(location.column) else {
        return 0;
    };
    if line == 0 || column == 0 {
        return 0;
    }
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let rest = text.get(line_start..).unwrap_or_default();
    line_start
        + rest
            .char_indices()
            .nth(column - 1)
            .map_or(rest.len(), |(offset, _)| offset)
}

/// Why `expr` is clearly not a condition, judging by its outermost form.
fn not_a_condition(expr: &Expr) -> Option<&'static str> {
    match expr {
        Expr::Nested(inner) => not_a_condition(inner),
        Expr::Value(value) => match &value.value {
            Value::Boolean(_) | Value::Null => None,
            Value::Number(..) => Some("a number"),
            _ => Some("a literal value"),
        },
        Expr::BinaryOp { op, .. } => match op {
            BinaryOperator::Plus
            | BinaryOperator::Minus
            | BinaryOperator::Multiply
            | BinaryOperator::Divide
            | BinaryOperator::Modulo
            | BinaryOperator::BitwiseOr
            | BinaryOperator::BitwiseAnd
            | BinaryOperator::BitwiseXor => Some("an arithmetic expression"),
            BinaryOperator::StringConcat => Some("a string"),
            _ => None,
        },
        _ => None,
    }
}

/// The column `expr` consists of, if it is just a column name.
fn bare_column(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Nested(inner) => bare_column(inner),
        Expr::Identifier(ident) => Some(ident.value.clone()),
        _ => None,
    }
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
    fn locates_columns_and_spots_what_is_not_a_portable_condition() {
        let analysis =
            analyse("fee >= 0 AND\n  loans.due_on > \"borrowed_on\"").expect("valid SQL");
        let found: Vec<(&str, usize, Option<&str>)> = analysis
            .columns
            .iter()
            .map(|c| (c.name.as_str(), c.offset, c.qualified.as_deref()))
            .collect();
        assert_eq!(
            found,
            [
                ("fee", 0, None),
                ("due_on", 15, Some("loans.due_on")),
                ("borrowed_on", 30, None)
            ]
        );
        assert!(!analysis.has_subquery);
        assert_eq!(analysis.not_a_condition, None);
        let subquery = analyse("fee IN (SELECT max_fee FROM limits)").expect("valid SQL");
        assert!(subquery.has_subquery);
        assert_eq!(
            analyse("due_on >= CURRENT_DATE").map(|a| a.changing_function),
            Ok(Some("CURRENT_DATE".to_string()))
        );
        assert_eq!(
            analyse("ends_at > now()").map(|a| a.changing_function),
            Ok(Some("now".to_string()))
        );
        assert_eq!(
            analyse("length(name) > 0").map(|a| a.changing_function),
            Ok(None)
        );
        assert_eq!(
            analyse("fee + 1").map(|a| a.not_a_condition),
            Ok(Some("an arithmetic expression"))
        );
        assert_eq!(
            analyse("(42)").map(|a| a.not_a_condition),
            Ok(Some("a number"))
        );
        assert_eq!(
            analyse("(is_active)").map(|a| a.bare_column),
            Ok(Some("is_active".to_string()))
        );
        assert_eq!(
            analyse("fee >=").err(),
            Some("Expected: an expression, found: EOF".to_string())
        );
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
