//! Column values the tests insert, made up from a column's type and a seed number.

use dbkit_model::ColumnType;
use dbkit_sdk::Dialect;

/// One value to insert, kept apart from any dialect until it is written as SQL.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// SQL NULL.
    Null,
    /// A whole number.
    Integer(i64),
    /// A decimal or floating-point number, written as it is.
    Number(String),
    /// Text of any kind: strings, enum values, dates, times, timestamps, UUIDs, JSON documents.
    Text(String),
    /// A boolean.
    Boolean(bool),
    /// Binary data.
    Bytes(Vec<u8>),
}

impl Value {
    /// A valid value of `column_type`, different for each `seed` (within the type's room).
    pub fn for_type(column_type: &ColumnType, seed: u32) -> Value {
        let seed_number = i64::from(seed);
        match column_type {
            ColumnType::SmallInt | ColumnType::Int | ColumnType::BigInt => {
                Value::Integer(2000 + seed_number)
            }
            ColumnType::Decimal { precision, scale } => {
                let whole_digits = precision.saturating_sub(*scale).min(9);
                if whole_digits == 0 {
                    let fraction = format!("{seed:0width$}", width = *scale as usize);
                    Value::Number(format!(
                        "0.{}",
                        &fraction[fraction.len() - *scale as usize..]
                    ))
                } else {
                    Value::Number((seed_number % 10_i64.pow(whole_digits)).to_string())
                }
            }
            ColumnType::Real | ColumnType::Double => Value::Number(format!("{seed}.5")),
            ColumnType::Char { length } | ColumnType::Varchar { length } => {
                Value::Text(short_text(seed, *length as usize))
            }
            ColumnType::Text => Value::Text(format!("text {seed}")),
            ColumnType::Boolean => Value::Boolean(seed % 2 == 1),
            ColumnType::Date => Value::Text(date(seed)),
            ColumnType::Time => Value::Text(format!(
                "{:02}:{:02}:{:02}",
                (seed / 60) % 24,
                seed % 60,
                30
            )),
            ColumnType::Timestamp | ColumnType::TimestampTz => Value::Text(format!(
                "{} {:02}:{:02}:00",
                date(seed),
                8 + seed % 12,
                seed % 60
            )),
            ColumnType::Uuid => Value::Text(format!("00000000-0000-4000-8000-{seed:012x}")),
            ColumnType::Json => Value::Text(format!("{{\"n\": {seed}}}")),
            ColumnType::Blob => Value::Bytes(seed.to_be_bytes().to_vec()),
            ColumnType::Enum { values } => match values.get(seed as usize % values.len().max(1)) {
                Some(value) => Value::Text(value.clone()),
                None => Value::Null,
            },
            _ => Value::Null,
        }
    }

    /// The value as a SQL literal of `dialect`.
    pub fn sql(&self, dialect: &dyn Dialect) -> String {
        match self {
            Value::Null => "NULL".to_string(),
            Value::Integer(number) => number.to_string(),
            Value::Number(text) => text.clone(),
            Value::Text(text) => dialect.quote_string(text),
            Value::Boolean(true) => "TRUE".to_string(),
            Value::Boolean(false) => "FALSE".to_string(),
            Value::Bytes(bytes) => {
                let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
                if dialect.info().name == "postgres" {
                    format!("'\\x{hex}'")
                } else {
                    format!("X'{hex}'")
                }
            }
        }
    }

    /// Whether the database's text for a value read back (`None` for NULL) is this value.
    pub fn matches(&self, read: Option<&str>) -> bool {
        match (self, read) {
            (Value::Null, None) => true,
            (Value::Null, Some(_)) | (_, None) => false,
            (Value::Integer(number), Some(text)) => text.trim().parse::<i64>() == Ok(*number),
            (Value::Number(number), Some(text)) => {
                match (number.parse::<f64>(), text.trim().parse::<f64>()) {
                    (Ok(left), Ok(right)) => left == right,
                    _ => false,
                }
            }
            (Value::Text(expected), Some(text)) => expected.trim_end() == text.trim_end(),
            (Value::Boolean(flag), Some(text)) => {
                matches!(
                    (flag, text),
                    (true, "1" | "t" | "true") | (false, "0" | "f" | "false")
                )
            }
            (Value::Bytes(_), Some(_)) => false,
        }
    }
}

/// Up to `length` characters that differ for each seed: `v<seed>`, or the seed in base 36 when
/// the column is shorter than that.
fn short_text(seed: u32, length: usize) -> String {
    let text = format!("v{seed}");
    if text.len() <= length {
        return text;
    }
    let mut digits = Vec::new();
    let mut rest = seed;
    loop {
        digits.push(char::from_digit(rest % 36, 36).unwrap_or('0'));
        rest /= 36;
        if rest == 0 {
            break;
        }
    }
    digits.iter().take(length).rev().collect()
}

/// A date that moves one day per seed, always valid.
fn date(seed: u32) -> String {
    format!(
        "{}-{:02}-{:02}",
        2024 + seed / 336,
        1 + (seed / 28) % 12,
        1 + seed % 28
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_fit_their_types() {
        assert_eq!(
            Value::for_type(&ColumnType::SmallInt, 3),
            Value::Integer(2003)
        );
        assert_eq!(
            Value::for_type(
                &ColumnType::Decimal {
                    precision: 8,
                    scale: 2
                },
                12
            ),
            Value::Number("12".into())
        );
        assert_eq!(
            Value::for_type(
                &ColumnType::Decimal {
                    precision: 2,
                    scale: 2
                },
                7
            ),
            Value::Number("0.07".into())
        );
        assert_eq!(
            Value::for_type(&ColumnType::Char { length: 2 }, 5),
            Value::Text("v5".into())
        );
        assert_eq!(
            Value::for_type(&ColumnType::Char { length: 1 }, 35),
            Value::Text("z".into())
        );
        assert_eq!(
            Value::for_type(&ColumnType::Date, 27),
            Value::Text("2024-01-28".into())
        );
        assert_eq!(
            Value::for_type(
                &ColumnType::Enum {
                    values: vec!["a".into(), "b".into()]
                },
                3
            ),
            Value::Text("b".into())
        );
    }

    #[test]
    fn read_back_text_compares_by_meaning() {
        assert!(Value::Integer(7).matches(Some("7")));
        assert!(Value::Number("0".into()).matches(Some("0.00")));
        assert!(Value::Text("ab".into()).matches(Some("ab   ")));
        assert!(Value::Boolean(true).matches(Some("t")));
        assert!(!Value::Null.matches(Some("0")));
    }
}
