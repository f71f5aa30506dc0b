//! Values written by hand for the rules a generic walk cannot guess: a value that breaks each
//! CHECK a fixture writes, and valid values where a made-up one would break a CHECK.

use crate::fixtures::EXAMPLE;
use crate::rejection::RejectionKind;
use crate::value::Value;

/// A valid value for one column, by seed, used instead of the made-up one.
#[derive(Debug, Clone)]
pub struct ValidValue {
    /// The table.
    pub table: &'static str,
    /// The column.
    pub column: &'static str,
    /// The value for a seed.
    pub value: fn(u32) -> Value,
}

/// Column values that make one CHECK constraint fail (every other column stays valid).
#[derive(Debug, Clone)]
pub struct CheckViolation {
    /// The table.
    pub table: &'static str,
    /// The CHECK constraint's name.
    pub check: &'static str,
    /// The columns to set, with their violating values.
    pub values: Vec<(&'static str, Value)>,
    /// How the database may refuse them: `Check`, and `InvalidValue` where the column's type
    /// refuses the value before the CHECK is evaluated.
    pub refused_as: Vec<RejectionKind>,
    /// Other constraints the database may name, when the values break more than this CHECK.
    pub also_named: Vec<&'static str>,
}

/// Everything written by hand for one fixture.
#[derive(Debug, Clone, Default)]
pub struct HandWritten {
    /// Valid values that replace made-up ones.
    pub valid: Vec<ValidValue>,
    /// A violation for every CHECK the fixture writes.
    pub violations: Vec<CheckViolation>,
}

impl HandWritten {
    /// The hand-written valid value of `table.column` for `seed`, if there is one.
    pub fn valid_value(&self, table: &str, column: &str, seed: u32) -> Option<Value> {
        self.valid
            .iter()
            .find(|valid| valid.table == table && valid.column == column)
            .map(|valid| (valid.value)(seed))
    }

    /// The violation written for `check` of `table`, if there is one.
    pub fn violation(&self, table: &str, check: &str) -> Option<&CheckViolation> {
        self.violations
            .iter()
            .find(|violation| violation.table == table && violation.check == check)
    }
}

fn violation(
    table: &'static str,
    check: &'static str,
    values: Vec<(&'static str, Value)>,
) -> CheckViolation {
    CheckViolation {
        table,
        check,
        values,
        refused_as: vec![RejectionKind::Check],
        also_named: Vec::new(),
    }
}

fn valid(table: &'static str, column: &'static str, value: fn(u32) -> Value) -> ValidValue {
    ValidValue {
        table,
        column,
        value,
    }
}

fn text(value: &str) -> Value {
    Value::Text(value.to_string())
}

fn number(value: &str) -> Value {
    Value::Number(value.to_string())
}

/// The hand-written values of the fixture called `fixture`.
pub fn hand_written(fixture: &str) -> HandWritten {
    match fixture {
        EXAMPLE => HandWritten {
            valid: vec![valid("books", "publication_year", |seed| {
                Value::Integer(1900 + i64::from(seed % 200))
            })],
            violations: vec![
                violation(
                    "books",
                    "sane_year",
                    vec![("publication_year", Value::Integer(1000))],
                ),
                violation("loans", "fee_not_negative", vec![("fee", number("-1"))]),
            ],
        },
        "cycle" => HandWritten {
            valid: Vec::new(),
            violations: vec![violation(
                "sprints",
                "sprint_dates_in_order",
                vec![
                    ("starts_on", text("2024-02-01")),
                    ("ends_on", text("2024-01-31")),
                ],
            )],
        },
        "keys_and_constraints" => HandWritten {
            valid: vec![
                valid("room_bookings", "seats", |seed| {
                    Value::Integer(1 + i64::from(seed % 500))
                }),
                valid("room_bookings", "building", |seed| {
                    text(if seed % 2 == 0 { "north" } else { "south" })
                }),
                valid("products", "discount_price", |_| number("0.50")),
            ],
            violations: vec![
                violation(
                    "cities",
                    "population_not_negative",
                    vec![("population", Value::Integer(-1))],
                ),
                violation("cities", "name_not_blank", vec![("name", text(""))]),
                violation(
                    "room_bookings",
                    "seats_in_range",
                    vec![("seats", Value::Integer(501))],
                ),
                violation(
                    "room_bookings",
                    "known_building",
                    vec![("building", text("west"))],
                ),
                violation(
                    "products",
                    "price_positive",
                    vec![("price", number("0")), ("discount_price", Value::Null)],
                ),
                violation(
                    "products",
                    "discount_below_price",
                    vec![("discount_price", number("99999999.00"))],
                ),
            ],
        },
        "reserved_words" => HandWritten {
            valid: Vec::new(),
            violations: vec![
                CheckViolation {
                    refused_as: vec![RejectionKind::Check, RejectionKind::InvalidValue],
                    ..violation(
                        "group",
                        "select_is_short",
                        vec![("select", text(&"s".repeat(51)))],
                    )
                },
                violation(
                    "order",
                    "dates_in_order",
                    vec![("from", text("2024-02-01")), ("to", text("2024-01-31"))],
                ),
                CheckViolation {
                    refused_as: vec![RejectionKind::Check, RejectionKind::InvalidValue],
                    also_named: vec!["ck_order_condition"],
                    ..violation(
                        "order",
                        "condition_known",
                        vec![("condition", text("junk"))],
                    )
                },
                violation(
                    "line item",
                    "quantity > 0",
                    vec![("quantity", Value::Integer(0))],
                ),
            ],
        },
        _ => HandWritten::default(),
    }
}
