//! CHECK expressions compiled from SQL into a small tree over column indexes, and evaluated on a
//! generated row with SQL's three-valued logic.

use std::borrow::Cow;
use std::cmp::Ordering;

use dbkit_model::Column;
use sqlparser::ast::{
    BinaryOperator, Expr, FunctionArg, FunctionArgExpr, FunctionArguments, UnaryOperator,
    Value as SqlValue,
};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;

use crate::calendar::{self, DAY};
use crate::dataset::Value;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl Cmp {
    /// The operator with its operands swapped (`a < b` is `b > a`).
    pub(crate) fn flipped(self) -> Cmp {
        match self {
            Cmp::Lt => Cmp::Gt,
            Cmp::Le => Cmp::Ge,
            Cmp::Gt => Cmp::Lt,
            Cmp::Ge => Cmp::Le,
            other => other,
        }
    }

    fn holds(self, ordering: Ordering) -> bool {
        match self {
            Cmp::Lt => ordering == Ordering::Less,
            Cmp::Le => ordering != Ordering::Greater,
            Cmp::Gt => ordering == Ordering::Greater,
            Cmp::Ge => ordering != Ordering::Less,
            Cmp::Eq => ordering == Ordering::Equal,
            Cmp::Ne => ordering != Ordering::Equal,
        }
    }
}

/// How a temporal value is written, which matters where dates and timestamps are compared as
/// text (SQLite): a date equals no timestamp there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TemporalKind {
    Date,
    Time,
    Timestamp,
}

/// A constant in a CHECK expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Literal {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
}

/// A scalar function a check may call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Function {
    Length,
    Lower,
    Upper,
    Trim,
    Abs,
    Coalesce,
}

/// An arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arithmetic {
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
}

/// A compiled CHECK expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CheckExpr {
    Column(usize),
    Literal(Literal),
    Compare(Cmp, Box<CheckExpr>, Box<CheckExpr>),
    And(Box<CheckExpr>, Box<CheckExpr>),
    Or(Box<CheckExpr>, Box<CheckExpr>),
    Not(Box<CheckExpr>),
    IsNull(Box<CheckExpr>, bool),
    Between {
        expr: Box<CheckExpr>,
        low: Box<CheckExpr>,
        high: Box<CheckExpr>,
        negated: bool,
    },
    InList {
        expr: Box<CheckExpr>,
        list: Vec<CheckExpr>,
        negated: bool,
    },
    Like {
        expr: Box<CheckExpr>,
        pattern: String,
        negated: bool,
        case_insensitive: bool,
    },
    Arithmetic(Arithmetic, Box<CheckExpr>, Box<CheckExpr>),
    Negate(Box<CheckExpr>),
    Call(Function, Vec<CheckExpr>),
}

/// Compiles `expression` over `columns`; the error says, in a few words, what cannot be
/// evaluated.
pub(crate) fn compile(expression: &str, columns: &[Column]) -> Result<CheckExpr, String> {
    let dialect = GenericDialect {};
    let parsed = Parser::new(&dialect)
        .try_with_sql(expression)
        .and_then(|mut parser| parser.parse_expr())
        .map_err(|error| error.to_string())?;
    Compiler { columns }.expr(&parsed)
}

/// A cast, as dbkit seed reads it: a constant cast to a number becomes that number; any other
/// cast keeps its operand (a string compared with a date or timestamp column is read as one).
fn cast(operand: CheckExpr, data_type: &str) -> CheckExpr {
    let data_type = data_type.to_ascii_lowercase();
    let numeric = [
        "int", "smallint", "bigint", "integer", "numeric", "decimal", "real", "double", "float",
    ]
    .iter()
    .any(|name| data_type.starts_with(name));
    match operand {
        CheckExpr::Literal(Literal::Text(text)) if numeric => match text.trim().parse() {
            Ok(number) => CheckExpr::Literal(Literal::Number(number)),
            Err(_) => CheckExpr::Literal(Literal::Text(text)),
        },
        other => other,
    }
}

struct Compiler<'a> {
    columns: &'a [Column],
}

impl Compiler<'_> {
    fn column(&self, name: &str) -> Result<CheckExpr, String> {
        self.columns
            .iter()
            .position(|column| column.name == name)
            .or_else(|| {
                self.columns
                    .iter()
                    .position(|column| column.name.eq_ignore_ascii_case(name))
            })
            .map(CheckExpr::Column)
            .ok_or_else(|| format!("it refers to \"{name}\", which is not a column of the table"))
    }

    fn boxed(&self, expr: &Expr) -> Result<Box<CheckExpr>, String> {
        self.expr(expr).map(Box::new)
    }

    fn expr(&self, expr: &Expr) -> Result<CheckExpr, String> {
        Ok(match expr {
            Expr::Identifier(ident) => self.column(&ident.value)?,
            Expr::CompoundIdentifier(parts) => match parts.last() {
                Some(last) => self.column(&last.value)?,
                None => return Err("it has an empty name".into()),
            },
            Expr::Nested(inner) => self.expr(inner)?,
            // PostgreSQL writes the checks it stores with casts:
            // `payment_date >= '2007-01-01 00:00:00'::timestamp without time zone`.
            Expr::Cast {
                expr: inner,
                data_type,
                format: None,
                ..
            } => cast(self.expr(inner)?, &data_type.to_string()),
            Expr::Value(value) => CheckExpr::Literal(literal(&value.value)?),
            Expr::TypedString(typed) => match &typed.value.value {
                SqlValue::SingleQuotedString(text) => {
                    CheckExpr::Literal(Literal::Text(text.clone()))
                }
                other => {
                    return Err(format!(
                        "it uses the constant {other}, which dbkit seed cannot read"
                    ));
                }
            },
            Expr::UnaryOp { op, expr } => match op {
                UnaryOperator::Not => CheckExpr::Not(self.boxed(expr)?),
                UnaryOperator::Plus => self.expr(expr)?,
                UnaryOperator::Minus => match self.expr(expr)? {
                    CheckExpr::Literal(Literal::Number(number)) => {
                        CheckExpr::Literal(Literal::Number(-number))
                    }
                    other => CheckExpr::Negate(Box::new(other)),
                },
                other => {
                    return Err(format!(
                        "it uses the operator {other}, which dbkit seed cannot evaluate"
                    ));
                }
            },
            Expr::BinaryOp { left, op, right } => {
                let compare = |cmp| -> Result<CheckExpr, String> {
                    Ok(CheckExpr::Compare(
                        cmp,
                        self.boxed(left)?,
                        self.boxed(right)?,
                    ))
                };
                let arithmetic = |operator| -> Result<CheckExpr, String> {
                    let (left, right) = (self.boxed(left)?, self.boxed(right)?);
                    for side in [&left, &right] {
                        if self.is_temporal(side) {
                            return Err("it does arithmetic on a date or time, which differs between databases".into());
                        }
                    }
                    Ok(CheckExpr::Arithmetic(operator, left, right))
                };
                match op {
                    BinaryOperator::Lt => compare(Cmp::Lt)?,
                    BinaryOperator::LtEq => compare(Cmp::Le)?,
                    BinaryOperator::Gt => compare(Cmp::Gt)?,
                    BinaryOperator::GtEq => compare(Cmp::Ge)?,
                    BinaryOperator::Eq => compare(Cmp::Eq)?,
                    BinaryOperator::NotEq => compare(Cmp::Ne)?,
                    BinaryOperator::And => CheckExpr::And(self.boxed(left)?, self.boxed(right)?),
                    BinaryOperator::Or => CheckExpr::Or(self.boxed(left)?, self.boxed(right)?),
                    BinaryOperator::Plus => arithmetic(Arithmetic::Add)?,
                    BinaryOperator::Minus => arithmetic(Arithmetic::Subtract)?,
                    BinaryOperator::Multiply => arithmetic(Arithmetic::Multiply)?,
                    BinaryOperator::Divide => arithmetic(Arithmetic::Divide)?,
                    BinaryOperator::Modulo => arithmetic(Arithmetic::Modulo)?,
                    other => {
                        return Err(format!(
                            "it uses the operator {other}, which dbkit seed cannot evaluate"
                        ));
                    }
                }
            }
            Expr::IsNull(inner) => CheckExpr::IsNull(self.boxed(inner)?, false),
            Expr::IsNotNull(inner) => CheckExpr::IsNull(self.boxed(inner)?, true),
            Expr::IsTrue(inner) => CheckExpr::Compare(
                Cmp::Eq,
                self.boxed(inner)?,
                Box::new(CheckExpr::Literal(Literal::Bool(true))),
            ),
            Expr::IsFalse(inner) => CheckExpr::Compare(
                Cmp::Eq,
                self.boxed(inner)?,
                Box::new(CheckExpr::Literal(Literal::Bool(false))),
            ),
            Expr::Between {
                expr,
                negated,
                low,
                high,
            } => CheckExpr::Between {
                expr: self.boxed(expr)?,
                low: self.boxed(low)?,
                high: self.boxed(high)?,
                negated: *negated,
            },
            Expr::InList {
                expr,
                list,
                negated,
            } => CheckExpr::InList {
                expr: self.boxed(expr)?,
                list: list
                    .iter()
                    .map(|item| self.expr(item))
                    .collect::<Result<_, _>>()?,
                negated: *negated,
            },
            Expr::Like {
                negated,
                any: false,
                expr,
                pattern,
                escape_char: None,
            } => self.like(expr, pattern, *negated, false)?,
            Expr::ILike {
                negated,
                any: false,
                expr,
                pattern,
                escape_char: None,
            } => self.like(expr, pattern, *negated, true)?,
            Expr::Trim {
                expr,
                trim_where: None,
                trim_what: None,
                trim_characters: None,
            } => CheckExpr::Call(Function::Trim, vec![self.expr(expr)?]),
            Expr::Function(function) => {
                let name = function.name.to_string().to_ascii_lowercase();
                let known = match name.as_str() {
                    "length" | "char_length" | "character_length" | "len" => Function::Length,
                    "lower" | "lcase" => Function::Lower,
                    "upper" | "ucase" => Function::Upper,
                    "trim" => Function::Trim,
                    "abs" => Function::Abs,
                    "coalesce" | "ifnull" => Function::Coalesce,
                    _ => {
                        return Err(format!(
                            "it calls {name}(), which dbkit seed cannot evaluate"
                        ));
                    }
                };
                let FunctionArguments::List(list) = &function.args else {
                    return Err(format!("it calls {name} without arguments"));
                };
                let mut arguments = Vec::new();
                for argument in &list.args {
                    match argument {
                        FunctionArg::Unnamed(FunctionArgExpr::Expr(expr)) => {
                            arguments.push(self.expr(expr)?)
                        }
                        other => {
                            return Err(format!(
                                "it passes {other} to {name}(), which dbkit seed cannot evaluate"
                            ));
                        }
                    }
                }
                let expected = match known {
                    Function::Coalesce => !arguments.is_empty(),
                    _ => arguments.len() == 1,
                };
                if !expected {
                    return Err(format!(
                        "it calls {name}() with {} arguments",
                        arguments.len()
                    ));
                }
                CheckExpr::Call(known, arguments)
            }
            other => {
                let text = other.to_string();
                return Err(format!(
                    "it uses \"{text}\", which dbkit seed cannot evaluate"
                ));
            }
        })
    }

    fn like(
        &self,
        expr: &Expr,
        pattern: &Expr,
        negated: bool,
        case_insensitive: bool,
    ) -> Result<CheckExpr, String> {
        let pattern = match self.expr(pattern)? {
            CheckExpr::Literal(Literal::Text(text)) => text,
            _ => return Err("its LIKE pattern is not a constant string".into()),
        };
        Ok(CheckExpr::Like {
            expr: self.boxed(expr)?,
            pattern,
            negated,
            case_insensitive,
        })
    }

    fn is_temporal(&self, expr: &CheckExpr) -> bool {
        matches!(expr, CheckExpr::Column(index) if self.columns[*index].column_type.is_temporal())
    }
}

fn literal(value: &SqlValue) -> Result<Literal, String> {
    Ok(match value {
        SqlValue::Number(text, _) => Literal::Number(
            text.parse()
                .map_err(|_| format!("it uses the number {text}, which dbkit seed cannot read"))?,
        ),
        SqlValue::SingleQuotedString(text)
        | SqlValue::DoubleQuotedString(text)
        | SqlValue::NationalStringLiteral(text) => Literal::Text(text.clone()),
        SqlValue::Boolean(flag) => Literal::Bool(*flag),
        SqlValue::Null => Literal::Null,
        other => {
            return Err(format!(
                "it uses the constant {other}, which dbkit seed cannot read"
            ));
        }
    })
}

/// A value while an expression is evaluated.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Eval<'a> {
    Null,
    Bool(bool),
    Number(f64),
    Text(Cow<'a, str>),
    Temporal(i64, TemporalKind),
}

impl<'a> Eval<'a> {
    /// The evaluation form of a stored value of `column_type`.
    pub(crate) fn of(value: Value<'a>) -> Eval<'a> {
        match value {
            Value::Null => Eval::Null,
            Value::Int(number) => Eval::Number(number as f64),
            Value::Decimal(digits, scale) => Eval::Number(digits as f64 / 10f64.powi(scale as i32)),
            Value::Float(number) => Eval::Number(number),
            Value::Bool(flag) => Eval::Bool(flag),
            Value::Date(days) => Eval::Temporal(days * DAY, TemporalKind::Date),
            Value::Time(seconds) => Eval::Temporal(seconds, TemporalKind::Time),
            Value::Timestamp(seconds) => Eval::Temporal(seconds, TemporalKind::Timestamp),
            Value::Uuid(uuid) => {
                let mut text = String::with_capacity(36);
                calendar::push_uuid(&mut text, uuid);
                Eval::Text(Cow::Owned(text))
            }
            Value::Text(text) => Eval::Text(Cow::Borrowed(text)),
            Value::Bytes(bytes) => Eval::Text(String::from_utf8_lossy(bytes)),
        }
    }

    fn truth(&self) -> Option<bool> {
        match self {
            Eval::Null => None,
            Eval::Bool(flag) => Some(*flag),
            Eval::Number(number) => Some(*number != 0.0),
            Eval::Text(text) => Some(text.trim().parse::<f64>().is_ok_and(|number| number != 0.0)),
            Eval::Temporal(..) => Some(true),
        }
    }

    fn number(&self) -> Option<f64> {
        match self {
            Eval::Number(number) => Some(*number),
            Eval::Bool(flag) => Some(f64::from(u8::from(*flag))),
            Eval::Text(text) => text.trim().parse().ok(),
            _ => None,
        }
    }
}

/// Reads a temporal constant: a date, or a timestamp when it has a time part.
pub(crate) fn temporal_literal(text: &str, kind: TemporalKind) -> Option<(i64, TemporalKind)> {
    match kind {
        TemporalKind::Time => {
            calendar::parse_time(text).map(|seconds| (seconds, TemporalKind::Time))
        }
        _ => {
            let trimmed = text.trim();
            if trimmed.len() <= 10 {
                calendar::parse_date(trimmed).map(|days| (days * DAY, TemporalKind::Date))
            } else {
                calendar::parse_timestamp(trimmed).map(|seconds| (seconds, TemporalKind::Timestamp))
            }
        }
    }
}

/// Compares two values; `None` when one is NULL or they cannot be compared. A date and a
/// timestamp at the same instant compare as neither equal nor ordered, since SQLite compares
/// them as text and finds them different: generated data avoids that tie.
fn compare(left: &Eval<'_>, right: &Eval<'_>) -> Option<Option<Ordering>> {
    Some(match (left, right) {
        (Eval::Null, _) | (_, Eval::Null) => return None,
        (Eval::Temporal(a, kind_a), Eval::Temporal(b, kind_b)) => {
            let ordering = a.cmp(b);
            if ordering == Ordering::Equal && kind_a != kind_b {
                None
            } else {
                Some(ordering)
            }
        }
        (Eval::Temporal(..), Eval::Text(text)) => {
            let Eval::Temporal(_, kind) = left else {
                return Some(None);
            };
            let parsed =
                temporal_literal(text, *kind).map(|(seconds, kind)| Eval::Temporal(seconds, kind));
            return parsed.map(|parsed| compare(left, &parsed).flatten());
        }
        (Eval::Text(_), Eval::Temporal(..)) => {
            return compare(right, left).map(|ordering| ordering.map(Ordering::reverse));
        }
        (Eval::Text(a), Eval::Text(b)) => Some(a.as_bytes().cmp(b.as_bytes())),
        (a, b) => match (a.number(), b.number()) {
            (Some(a), Some(b)) => a.partial_cmp(&b),
            _ => None,
        },
    })
}

/// Whether `text` matches a LIKE `pattern` (`%` any run, `_` one character).
pub(crate) fn like(text: &str, pattern: &str, case_insensitive: bool) -> bool {
    let fold = |c: char| {
        if case_insensitive {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            c
        }
    };
    let text: Vec<char> = text.chars().map(fold).collect();
    let pattern: Vec<char> = pattern.chars().map(fold).collect();
    let (mut t, mut p) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == '_' || (pattern[p] != '%' && pattern[p] == text[t]))
        {
            t += 1;
            p += 1;
        } else if p < pattern.len() && pattern[p] == '%' {
            star = Some(p);
            mark = t;
            p += 1;
        } else if let Some(position) = star {
            p = position + 1;
            mark += 1;
            t = mark;
        } else {
            return false;
        }
    }
    while p < pattern.len() && pattern[p] == '%' {
        p += 1;
    }
    p == pattern.len()
}

impl CheckExpr {
    /// Whether the check holds for a row: true unless the expression is false (NULL passes, as
    /// in SQL). `row` gives the value of a column by index.
    pub(crate) fn holds<'a>(&self, row: &dyn Fn(usize) -> Value<'a>) -> bool {
        self.eval(row).truth() != Some(false)
    }

    fn eval<'a>(&self, row: &dyn Fn(usize) -> Value<'a>) -> Eval<'a> {
        match self {
            CheckExpr::Column(index) => Eval::of(row(*index)),
            CheckExpr::Literal(literal) => match literal {
                Literal::Null => Eval::Null,
                Literal::Bool(flag) => Eval::Bool(*flag),
                Literal::Number(number) => Eval::Number(*number),
                Literal::Text(text) => Eval::Text(Cow::Owned(text.clone())),
            },
            CheckExpr::Compare(cmp, left, right) => {
                match compare(&left.eval(row), &right.eval(row)) {
                    None => Eval::Null,
                    Some(None) => Eval::Bool(*cmp == Cmp::Ne),
                    Some(Some(ordering)) => Eval::Bool(cmp.holds(ordering)),
                }
            }
            CheckExpr::And(left, right) => {
                match (left.eval(row).truth(), right.eval(row).truth()) {
                    (Some(false), _) | (_, Some(false)) => Eval::Bool(false),
                    (Some(true), Some(true)) => Eval::Bool(true),
                    _ => Eval::Null,
                }
            }
            CheckExpr::Or(left, right) => match (left.eval(row).truth(), right.eval(row).truth()) {
                (Some(true), _) | (_, Some(true)) => Eval::Bool(true),
                (Some(false), Some(false)) => Eval::Bool(false),
                _ => Eval::Null,
            },
            CheckExpr::Not(inner) => match inner.eval(row).truth() {
                Some(flag) => Eval::Bool(!flag),
                None => Eval::Null,
            },
            CheckExpr::IsNull(inner, negated) => {
                Eval::Bool((inner.eval(row) == Eval::Null) != *negated)
            }
            CheckExpr::Between {
                expr,
                low,
                high,
                negated,
            } => {
                let value = expr.eval(row);
                let above = compare(&value, &low.eval(row));
                let below = compare(&value, &high.eval(row));
                match (above, below) {
                    (Some(above), Some(below)) => {
                        let inside = above.is_some_and(|o| o != Ordering::Less)
                            && below.is_some_and(|o| o != Ordering::Greater);
                        Eval::Bool(inside != *negated)
                    }
                    _ => Eval::Null,
                }
            }
            CheckExpr::InList {
                expr,
                list,
                negated,
            } => {
                let value = expr.eval(row);
                if value == Eval::Null {
                    return Eval::Null;
                }
                let mut saw_null = false;
                for item in list {
                    match compare(&value, &item.eval(row)) {
                        Some(Some(Ordering::Equal)) => return Eval::Bool(!*negated),
                        None => saw_null = true,
                        _ => {}
                    }
                }
                if saw_null {
                    Eval::Null
                } else {
                    Eval::Bool(*negated)
                }
            }
            CheckExpr::Like {
                expr,
                pattern,
                negated,
                case_insensitive,
            } => match expr.eval(row) {
                Eval::Null => Eval::Null,
                value => {
                    let text = text_of(&value);
                    // NOT LIKE must hold however the database folds case; LIKE, however it does not.
                    let matched = like(&text, pattern, *case_insensitive || *negated);
                    Eval::Bool(matched != *negated)
                }
            },
            CheckExpr::Arithmetic(operator, left, right) => {
                match (left.eval(row).number(), right.eval(row).number()) {
                    (Some(a), Some(b)) => match operator {
                        Arithmetic::Add => Eval::Number(a + b),
                        Arithmetic::Subtract => Eval::Number(a - b),
                        Arithmetic::Multiply => Eval::Number(a * b),
                        Arithmetic::Divide if b != 0.0 => Eval::Number(a / b),
                        Arithmetic::Modulo if b != 0.0 => Eval::Number(a % b),
                        _ => Eval::Null,
                    },
                    _ => Eval::Null,
                }
            }
            CheckExpr::Negate(inner) => match inner.eval(row).number() {
                Some(number) => Eval::Number(-number),
                None => Eval::Null,
            },
            CheckExpr::Call(function, arguments) => {
                let first = arguments
                    .first()
                    .map_or(Eval::Null, |argument| argument.eval(row));
                match function {
                    Function::Coalesce => arguments
                        .iter()
                        .map(|argument| argument.eval(row))
                        .find(|value| *value != Eval::Null)
                        .unwrap_or(Eval::Null),
                    _ if first == Eval::Null => Eval::Null,
                    Function::Length => Eval::Number(text_of(&first).chars().count() as f64),
                    Function::Lower => Eval::Text(Cow::Owned(text_of(&first).to_lowercase())),
                    Function::Upper => Eval::Text(Cow::Owned(text_of(&first).to_uppercase())),
                    Function::Trim => {
                        Eval::Text(Cow::Owned(text_of(&first).trim_matches(' ').to_string()))
                    }
                    Function::Abs => first
                        .number()
                        .map_or(Eval::Null, |number| Eval::Number(number.abs())),
                }
            }
        }
    }

    /// The columns this expression reads.
    pub(crate) fn columns(&self, out: &mut Vec<usize>) {
        match self {
            CheckExpr::Column(index) => {
                if !out.contains(index) {
                    out.push(*index);
                }
            }
            CheckExpr::Literal(_) => {}
            CheckExpr::Compare(_, a, b)
            | CheckExpr::And(a, b)
            | CheckExpr::Or(a, b)
            | CheckExpr::Arithmetic(_, a, b) => {
                a.columns(out);
                b.columns(out);
            }
            CheckExpr::Not(inner) | CheckExpr::IsNull(inner, _) | CheckExpr::Negate(inner) => {
                inner.columns(out)
            }
            CheckExpr::Like { expr, .. } => expr.columns(out),
            CheckExpr::Between {
                expr, low, high, ..
            } => {
                expr.columns(out);
                low.columns(out);
                high.columns(out);
            }
            CheckExpr::InList { expr, list, .. } => {
                expr.columns(out);
                for item in list {
                    item.columns(out);
                }
            }
            CheckExpr::Call(_, arguments) => {
                for argument in arguments {
                    argument.columns(out);
                }
            }
        }
    }
}

fn text_of<'a>(value: &'a Eval<'_>) -> Cow<'a, str> {
    match value {
        Eval::Text(text) => Cow::Borrowed(text.as_ref()),
        Eval::Number(number) => Cow::Owned(number.to_string()),
        Eval::Bool(flag) => Cow::Borrowed(if *flag { "1" } else { "0" }),
        Eval::Temporal(seconds, kind) => {
            let mut out = String::new();
            match kind {
                TemporalKind::Date => calendar::push_date(&mut out, seconds.div_euclid(DAY)),
                TemporalKind::Time => calendar::push_time(&mut out, *seconds),
                TemporalKind::Timestamp => calendar::push_timestamp(&mut out, *seconds),
            }
            Cow::Owned(out)
        }
        Eval::Null => Cow::Borrowed(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns() -> Vec<Column> {
        let source = r#"
            [tables.loans]
            columns.fee = "decimal(8,2)?"
            columns.borrowed_at = "timestamp?"
            columns.due_on = "date?"
            columns.code = "varchar(10)?"
            no_primary_key = true
        "#;
        match dbkit_model::parse_schema(source, "test.toml", &Default::default()) {
            Ok(schema) => schema.tables[0].columns.clone(),
            Err(diagnostics) => panic!("{diagnostics}"),
        }
    }

    fn holds(expression: &str, values: &[Value<'static>]) -> bool {
        let compiled = compile(expression, &columns()).expect("compiles");
        let values = values.to_vec();
        compiled.holds(&move |index| values[index])
    }

    #[test]
    fn evaluates_comparisons_ranges_and_lists() {
        let row = [
            Value::Decimal(250, 2),
            Value::Timestamp(19_000 * DAY + 3600),
            Value::Date(19_010),
            Value::Text("AB-12"),
        ];
        assert!(holds("fee >= 0", &row));
        assert!(!holds("fee > 2.5", &row));
        assert!(holds(
            "fee BETWEEN 1 AND 3 AND code IN ('AB-12', 'x')",
            &row
        ));
        assert!(holds("due_on >= borrowed_at", &row));
        assert!(!holds("due_on < borrowed_at", &row));
        assert!(holds("code LIKE 'AB-%' AND length(code) = 5", &row));
        assert!(holds("code NOT LIKE 'x%'", &row));
        assert!(holds(
            "due_on > '2021-01-01' AND borrowed_at < '2030-01-01 00:00:00'",
            &row
        ));
        assert!(holds("NOT (fee < 0) OR code IS NULL", &row));
    }

    #[test]
    fn null_passes_and_dates_never_equal_timestamps() {
        let row = [
            Value::Null,
            Value::Timestamp(19_000 * DAY),
            Value::Date(19_000),
            Value::Null,
        ];
        assert!(holds("fee >= 0", &row));
        assert!(holds("code IN ('a')", &row));
        assert!(!holds("due_on >= borrowed_at", &row));
        assert!(!holds("due_on <= borrowed_at", &row));
        assert!(holds("due_on <> borrowed_at", &row));
    }

    #[test]
    fn reads_the_casts_postgresql_writes() {
        let row = [
            Value::Decimal(250, 2),
            Value::Timestamp(calendar::parse_timestamp("2007-01-15 10:00:00").expect("time")),
            Value::Date(19_010),
            Value::Text("AB-12"),
        ];
        let month = "(borrowed_at >= '2007-01-01 00:00:00'::timestamp without time zone) AND (borrowed_at < '2007-02-01 00:00:00'::timestamp without time zone)";
        assert!(holds(month, &row));
        assert!(!holds(&month.replace("2007-02-01", "2007-01-10"), &row));
        assert!(holds(
            "fee >= '2'::numeric AND (code)::text <> 'x'::text",
            &row
        ));
        assert!(!holds("fee > CAST('3' AS integer)", &row));
    }

    #[test]
    fn reports_what_it_cannot_evaluate() {
        let error = |expression: &str| compile(expression, &columns()).expect_err(expression);
        assert_eq!(
            error("md5(code) > 'a'"),
            "it calls md5(), which dbkit seed cannot evaluate"
        );
        assert_eq!(
            error("due_on > borrowed_at + 1"),
            "it does arithmetic on a date or time, which differs between databases"
        );
        assert_eq!(
            error("missing > 1"),
            "it refers to \"missing\", which is not a column of the table"
        );
    }

    #[test]
    fn like_patterns_match_as_sql_does() {
        assert!(like("hello", "h%o", false));
        assert!(like("hello", "_ello", false));
        assert!(!like("Hello", "h%", false));
        assert!(like("Hello", "h%", true));
        assert!(like("a%b", "a%", false));
        assert!(!like("abc", "a_", false));
    }
}
