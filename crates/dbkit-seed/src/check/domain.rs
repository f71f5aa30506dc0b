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
            CheckExpr::Or(left, right) => {
                if self.alternatives(expr) {
                    return;
                }
                match (&**left, &**right) {
                    (CheckExpr::IsNull(inner, false), other)
                    | (other, CheckExpr::IsNull(inner, false))
                        if matches!(**inner, CheckExpr::Column(_)) =>
                    {
                        self.absorb(other)
                    }
                    _ => {}
                }
            }
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

    /// `x = 'a' OR x IN ('b', 'c') OR x LIKE '%d%' OR x IS NULL`: alternatives over one column
    /// allow the values they name, and for each LIKE pattern the text it matches with every
    /// `%` left out and every `_` an `x` (Sakila's `special_features LIKE '%Trailers%' OR ...`).
    fn alternatives(&mut self, expr: &CheckExpr) -> bool {
        let mut branches = Vec::new();
        flatten_or(expr, &mut branches);
        let mut column = None;
        let mut values = Vec::new();
        for branch in branches {
            let (target, found): (usize, Vec<Literal>) = match branch {
                CheckExpr::IsNull(inner, false) => match **inner {
                    CheckExpr::Column(target) => (target, Vec::new()),
                    _ => return false,
                },
                CheckExpr::Compare(Cmp::Eq, left, right) => match (&**left, &**right) {
                    (CheckExpr::Column(target), CheckExpr::Literal(literal))
                    | (CheckExpr::Literal(literal), CheckExpr::Column(target))
                        if *literal != Literal::Null =>
                    {
                        (*target, vec![literal.clone()])
                    }
                    _ => return false,
                },
                CheckExpr::InList {
                    expr,
                    list,
                    negated: false,
                } => {
                    let CheckExpr::Column(target) = **expr else {
                        return false;
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
                    match literals {
                        Some(literals) => (target, literals),
                        None => return false,
                    }
                }
                CheckExpr::Like {
                    expr,
                    pattern,
                    negated: false,
                    ..
                } => match **expr {
                    CheckExpr::Column(target) => {
                        let example: String = pattern
                            .chars()
                            .filter(|character| *character != '%')
                            .map(|character| if character == '_' { 'x' } else { character })
                            .collect();
                        (target, vec![Literal::Text(example)])
                    }
                    _ => return false,
                },
                _ => return false,
            };
            if column.is_some_and(|column| column != target) {
                return false;
            }
            column = Some(target);
            values.extend(found);
        }
        let Some(column) = column else { return false };
        if values.is_empty() {
            return false;
        }
        let rule = &mut self.columns[column];
        rule.allowed = Some(match rule.allowed.take() {
            Some(existing) => existing
                .into_iter()
                .filter(|value| values.contains(value))
                .collect(),
            None => values,
        });
        true
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

/// The operands of a tree of ORs, left to right.
fn flatten_or<'a>(expr: &'a CheckExpr, out: &mut Vec<&'a CheckExpr>) {
    match expr {
        CheckExpr::Or(left, right) => {
            flatten_or(left, out);
            flatten_or(right, out);
        }
        other => out.push(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::expr::compile;

    fn rules(expression: &str) -> Rules {
        let source = r#"
            [tables.films]
            columns.features = "varchar(100)?"
            columns.rating = "varchar(5)?"
            no_primary_key = true
        "#;
        let schema = match dbkit_model::parse_schema(source, "test.toml", &Default::default()) {
            Ok(schema) => schema,
            Err(diagnostics) => panic!("{diagnostics}"),
        };
        let columns = &schema.tables[0].columns;
        let compiled = compile(expression, columns).expect("compiles");
        Rules::from_checks(&[compiled], columns.len())
    }

    #[test]
    fn alternatives_over_one_column_allow_the_values_they_name() {
        let found = rules(
            "features IS NULL OR features LIKE '%Trailers%' OR features LIKE 'Deleted_Scenes' OR features = 'None' OR features IN ('a', 'b')",
        );
        assert_eq!(
            found.columns[0].allowed,
            Some(vec![
                Literal::Text("Trailers".into()),
                Literal::Text("DeletedxScenes".into()),
                Literal::Text("None".into()),
                Literal::Text("a".into()),
                Literal::Text("b".into()),
            ])
        );
        assert!(!found.columns[0].not_null);
        let two = rules("features IS NULL OR features LIKE '%Commentaries%'");
        assert_eq!(
            two.columns[0].allowed,
            Some(vec![Literal::Text("Commentaries".into())])
        );
    }

    #[test]
    fn alternatives_over_two_columns_allow_nothing_in_particular() {
        let found = rules("features LIKE '%a%' OR rating = 'G'");
        assert_eq!(found.columns[0].allowed, None);
        assert_eq!(found.columns[1].allowed, None);
    }
}
