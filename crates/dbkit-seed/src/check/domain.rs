//! What a table's CHECK constraints say about each column: bounds, allowed and excluded values,
//! lengths, nullability, and order relations between columns. Generation uses these to produce
//! values that satisfy the checks by construction; every check is still evaluated on every row.

use super::expr::{CheckExpr, Cmp, Function, Literal};

/// The rules the checks place on one column.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ColumnRule {
    /// Lower bounds: the constant and whether it is included.
    pub(crate) lows: Vec<(Literal, bool)>,
    /// Upper bounds.
    pub(crate) highs: Vec<(Literal, bool)>,
    /// The only values allowed, when a check lists them (intersected over checks).
    pub(crate) allowed: Option<Vec<Literal>>,
    /// Values that are not allowed.
    pub(crate) excluded: Vec<Literal>,
    /// The fewest characters a value may have.
    pub(crate) min_chars: Option<usize>,
    /// The most characters a value may have.
    pub(crate) max_chars: Option<usize>,
    /// Whether a check requires a value.
    pub(crate) not_null: bool,
    /// Whether a check requires NULL.
    pub(crate) null_only: bool,
}

/// `column cmp other` for two columns of the same table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Relation {
    pub(crate) column: usize,
    pub(crate) cmp: Cmp,
    pub(crate) other: usize,
}

/// Everything the checks of one table say about its columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Rules {
    pub(crate) columns: Vec<ColumnRule>,
    pub(crate) relations: Vec<Relation>,
}

impl Rules {
    /// The rules of `checks` over a table of `column_count` columns.
    pub(crate) fn from_checks(checks: &[CheckExpr], column_count: usize) -> Rules {
        let mut rules = Rules {
            columns: vec![ColumnRule::default(); column_count],
            relations: Vec::new(),
        };
        for check in checks {
            rules.absorb(check);
        }
        rules
    }

    fn absorb(&mut self, expr: &CheckExpr) {
        match expr {
            CheckExpr::And(left, right) => {
                self.absorb(left);
                self.absorb(right);
            }
            // `x IS NULL OR rule`: requiring the rule always is stricter, hence safe.
            CheckExpr::Or(left, right) => match (&**left, &**right) {
                (CheckExpr::IsNull(inner, false), other)
                | (other, CheckExpr::IsNull(inner, false))
                    if matches!(**inner, CheckExpr::Column(_)) =>
                {
                    self.absorb(other)
                }
                _ => {}
            },
            CheckExpr::Compare(cmp, left, right) => self.comparison(*cmp, left, right),
            CheckExpr::Between {
                expr,
                low,
                high,
                negated: false,
            } => {
                if let (
                    CheckExpr::Column(column),
                    CheckExpr::Literal(low),
                    CheckExpr::Literal(high),
                ) = (&**expr, &**low, &**high)
                {
                    self.columns[*column].lows.push((low.clone(), true));
                    self.columns[*column].highs.push((high.clone(), true));
                }
            }
            CheckExpr::InList {
                expr,
                list,
                negated,
            } => {
                let CheckExpr::Column(column) = **expr else {
                    return;
                };
                let literals: Option<Vec<Literal>> = list
                    .iter()
                    .map(|item| match item {
                        CheckExpr::Literal(literal) if *literal != Literal::Null => {
                            Some(literal.clone())
                        }
                        _ => None,
                    })
                    .collect();
                let Some(literals) = literals else { return };
                let rule = &mut self.columns[column];
                if *negated {
                    rule.excluded.extend(literals);
                } else {
                    rule.allowed = Some(match rule.allowed.take() {
                        Some(existing) => existing
                            .into_iter()
                            .filter(|value| literals.contains(value))
                            .collect(),
                        None => literals,
                    });
                }
            }
            CheckExpr::IsNull(inner, negated) => {
                if let CheckExpr::Column(column) = **inner {
                    if *negated {
                        self.columns[column].not_null = true;
                    } else {
                        self.columns[column].null_only = true;
                    }
                }
            }
            _ => {}
        }
    }

    fn comparison(&mut self, cmp: Cmp, left: &CheckExpr, right: &CheckExpr) {
        match (left, right) {
            (CheckExpr::Column(column), CheckExpr::Literal(literal)) => {
                self.bound(*column, cmp, literal)
            }
            (CheckExpr::Literal(literal), CheckExpr::Column(column)) => {
                self.bound(*column, cmp.flipped(), literal)
            }
            (CheckExpr::Column(column), CheckExpr::Column(other))
                if column != other && cmp != Cmp::Ne =>
            {
                self.relations.push(Relation {
                    column: *column,
                    cmp,
                    other: *other,
                });
            }
            (
                CheckExpr::Call(Function::Length, arguments),
                CheckExpr::Literal(Literal::Number(number)),
            ) => self.length(arguments, cmp, *number),
            (
                CheckExpr::Literal(Literal::Number(number)),
                CheckExpr::Call(Function::Length, arguments),
            ) => self.length(arguments, cmp.flipped(), *number),
            _ => {}
        }
    }

    fn bound(&mut self, column: usize, cmp: Cmp, literal: &Literal) {
        if *literal == Literal::Null {
            return;
        }
        let rule = &mut self.columns[column];
        match cmp {
            Cmp::Lt => rule.highs.push((literal.clone(), false)),
            Cmp::Le => rule.highs.push((literal.clone(), true)),
            Cmp::Gt => rule.lows.push((literal.clone(), false)),
            Cmp::Ge => rule.lows.push((literal.clone(), true)),
            Cmp::Eq => {
                rule.allowed = Some(match rule.allowed.take() {
                    Some(existing) => existing
                        .into_iter()
                        .filter(|value| value == literal)
                        .collect(),
                    None => vec![literal.clone()],
                })
            }
            Cmp::Ne => rule.excluded.push(literal.clone()),
        }
    }

    fn length(&mut self, arguments: &[CheckExpr], cmp: Cmp, number: f64) {
        let column = match arguments {
            [CheckExpr::Column(column)] => *column,
            [CheckExpr::Call(Function::Trim, inner)] => match inner.as_slice() {
                [CheckExpr::Column(column)] => *column,
                _ => return,
            },
            _ => return,
        };
        let rule = &mut self.columns[column];
        let at_least = |value: f64| value.max(0.0).ceil() as usize;
        match cmp {
            Cmp::Gt => {
                rule.min_chars = Some(
                    rule.min_chars
                        .unwrap_or(0)
                        .max(at_least(number.floor() + 1.0)),
                )
            }
            Cmp::Ge => rule.min_chars = Some(rule.min_chars.unwrap_or(0).max(at_least(number))),
            Cmp::Lt => {
                rule.max_chars = Some(
                    rule.max_chars
                        .unwrap_or(usize::MAX)
                        .min(at_least(number).saturating_sub(1)),
                )
            }
            Cmp::Le => {
                rule.max_chars = Some(
                    rule.max_chars
                        .unwrap_or(usize::MAX)
                        .min(number.max(0.0).floor() as usize),
                )
            }
            Cmp::Eq => {
                rule.min_chars = Some(at_least(number));
                rule.max_chars = Some(number.max(0.0).floor() as usize);
            }
            Cmp::Ne => {}
        }
    }
}
