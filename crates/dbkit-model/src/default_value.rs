//! Column defaults and whether they fit their column's type.

use serde::{Deserialize, Serialize};

use crate::column_type::ColumnType;

/// A column default, as the database should fill it in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum DefaultValue {
    /// A whole number.
    Integer(i64),
    /// A number with a fractional part, kept as written (`"0.50"`) so that no precision is lost.
    Number(String),
    /// A string literal (also dates, times and timestamps written as text).
    String(String),
    /// `true` or `false`.
    Boolean(bool),
    /// The current date and time (`"now"` on a timestamp column).
    CurrentTimestamp,
    /// The current date (`"now"` on a date column).
    CurrentDate,
    /// The current time of day (`"now"` on a time column).
    CurrentTime,
}

impl DefaultValue {
    /// Checks that this default is a valid value of `column_type`; the error says why not.
    pub fn check_fits(&self, column_type: &ColumnType) -> Result<(), String> {
        if let ColumnType::Native { base, .. } = column_type {
            // A native type is checked by the database; its portable base, if any, here.
            return base.as_ref().map_or(Ok(()), |base| self.check_fits(base));
        }
        match (self, column_type) {
            (DefaultValue::Integer(value), column_type) if column_type.is_integer() => {
                let (min, max) = column_type.integer_range().unwrap_or((i64::MIN, i64::MAX));
                if *value < min || *value > max {
                    return Err(format!(
                        "{value} is out of range for {column_type} ({min} to {max})"
                    ));
                }
                Ok(())
            }
            (DefaultValue::Integer(value), ColumnType::Decimal { precision, scale }) => {
                let digits = value.unsigned_abs().to_string().len() as u32;
                if digits > precision - scale {
                    return Err(format!(
                        "{value} has more than {} digits before the point allowed by {column_type}",
                        precision - scale
                    ));
                }
                Ok(())
            }
            (DefaultValue::Integer(_), ColumnType::Real | ColumnType::Double) => Ok(()),
            (DefaultValue::Number(text), ColumnType::Decimal { precision, scale }) => {
                let unsigned = text.trim_start_matches('-');
                let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
                let whole = whole.trim_start_matches('0');
                if whole.len() as u32 > precision - scale
                    || fraction.trim_end_matches('0').len() as u32 > *scale
                {
                    return Err(format!("{text} does not fit {column_type}"));
                }
                Ok(())
            }
            (DefaultValue::Number(_), ColumnType::Real | ColumnType::Double) => Ok(()),
            (DefaultValue::Boolean(_), ColumnType::Boolean) => Ok(()),
            (DefaultValue::String(text), ColumnType::Enum { values }) => {
                if values.contains(text) {
                    Ok(())
                } else {
                    Err(format!(
                        "\"{text}\" is not one of the enum's values ({})",
                        values.join(", ")
                    ))
                }
            }
            (DefaultValue::String(text), ColumnType::Uuid) => {
                if is_uuid(text) {
                    Ok(())
                } else {
                    Err(format!("\"{text}\" is not a UUID"))
                }
            }
            (DefaultValue::String(text), column_type) if column_type.is_string() => {
                match column_type.max_length() {
                    Some(max) if text.chars().count() as u32 > max => Err(format!(
                        "\"{text}\" is longer than the {max} characters allowed by {column_type}"
                    )),
                    _ => Ok(()),
                }
            }
            (DefaultValue::String(text), ColumnType::Date) => {
                check_format(text, is_date, "a date written as YYYY-MM-DD")
            }
            (DefaultValue::String(text), ColumnType::Time) => {
                check_format(text, is_time, "a time written as HH:MM:SS")
            }
            (DefaultValue::String(text), ColumnType::Timestamp | ColumnType::TimestampTz) => {
                check_format(
                    text,
                    is_timestamp,
                    "a timestamp written as YYYY-MM-DD HH:MM:SS",
                )
            }
            (DefaultValue::CurrentTimestamp, ColumnType::Timestamp | ColumnType::TimestampTz)
            | (DefaultValue::CurrentDate, ColumnType::Date)
            | (DefaultValue::CurrentTime, ColumnType::Time) => Ok(()),
            (DefaultValue::String(_), ColumnType::Json | ColumnType::Blob) => Err(format!(
                "a {column_type} column cannot have a default in every dialect"
            )),
            (value, column_type) => Err(format!(
                "{} is not a valid {column_type} value",
                value.describe()
            )),
        }
    }

    /// A short description of the value for error messages.
    pub fn describe(&self) -> String {
        match self {
            DefaultValue::Integer(value) => format!("the number {value}"),
            DefaultValue::Number(value) => format!("the number {value}"),
            DefaultValue::String(value) => format!("the string \"{value}\""),
            DefaultValue::Boolean(value) => format!("the boolean {value}"),
            DefaultValue::CurrentTimestamp
            | DefaultValue::CurrentDate
            | DefaultValue::CurrentTime => "\"now\"".to_string(),
        }
    }
}

fn check_format(text: &str, valid: fn(&str) -> bool, expected: &str) -> Result<(), String> {
    if valid(text) {
        Ok(())
    } else if has_impossible_date(text) {
        Err(format!("\"{text}\" names a day that does not exist"))
    } else {
        Err(format!("\"{text}\" is not {expected} (or \"now\")"))
    }
}

/// Whether `text` starts with a date written as YYYY-MM-DD whose month or day is out of range.
fn has_impossible_date(text: &str) -> bool {
    let date = text.split_once([' ', 'T']).map_or(text, |(date, _)| date);
    let parts: Vec<&str> = date.split('-').collect();
    matches!(parts.as_slice(), [year, month, day]
        if digits(year, 4).is_some() && digits(month, 2).is_some() && digits(day, 2).is_some())
        && !is_date(date)
}

fn digits(text: &str, count: usize) -> Option<u32> {
    (text.len() == count && text.bytes().all(|byte| byte.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn is_date(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    match (digits(year, 4), digits(month, 2), digits(day, 2)) {
        (Some(year), Some(month @ 1..=12), Some(day)) => {
            day >= 1 && day <= days_in_month(year, month)
        }
        _ => false,
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn is_time(text: &str) -> bool {
    let parts: Vec<&str> = text.split(':').collect();
    let [hour, minute, second] = parts.as_slice() else {
        return false;
    };
    matches!(
        (digits(hour, 2), digits(minute, 2), digits(second, 2)),
        (Some(0..=23), Some(0..=59), Some(0..=59))
    )
}

fn is_timestamp(text: &str) -> bool {
    match text.split_once([' ', 'T']) {
        Some((date, time)) => is_date(date) && is_time(time),
        None => false,
    }
}

fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(group, length)| {
            group.len() == length && group.bytes().all(|byte| byte.is_ascii_hexdigit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_values_of_the_right_type() {
        let fits = |value: DefaultValue, column_type: ColumnType| value.check_fits(&column_type);
        assert_eq!(fits(DefaultValue::Integer(1), ColumnType::SmallInt), Ok(()));
        assert_eq!(
            fits(
                DefaultValue::Integer(0),
                ColumnType::Decimal {
                    precision: 8,
                    scale: 2
                }
            ),
            Ok(())
        );
        assert_eq!(
            fits(
                DefaultValue::Number("12.50".into()),
                ColumnType::Decimal {
                    precision: 4,
                    scale: 2
                }
            ),
            Ok(())
        );
        assert_eq!(
            fits(DefaultValue::String("2024-02-29".into()), ColumnType::Date),
            Ok(())
        );
        assert_eq!(
            fits(DefaultValue::CurrentTimestamp, ColumnType::TimestampTz),
            Ok(())
        );
    }

    #[test]
    fn rejects_values_that_do_not_fit() {
        let fits = |value: DefaultValue, column_type: ColumnType| value.check_fits(&column_type);
        let fails = |value: DefaultValue, column_type: ColumnType| {
            value.check_fits(&column_type).expect_err("should not fit")
        };
        assert_eq!(
            fails(DefaultValue::Integer(40_000), ColumnType::SmallInt),
            "40000 is out of range for smallint (-32768 to 32767)"
        );
        assert_eq!(
            fails(DefaultValue::String("abc".into()), ColumnType::Int),
            "the string \"abc\" is not a valid int value"
        );
        assert_eq!(
            fails(
                DefaultValue::Number("123.456".into()),
                ColumnType::Decimal {
                    precision: 5,
                    scale: 2
                }
            ),
            "123.456 does not fit decimal(5,2)"
        );
        assert_eq!(
            fails(
                DefaultValue::String("toolong".into()),
                ColumnType::Varchar { length: 3 }
            ),
            "\"toolong\" is longer than the 3 characters allowed by varchar(3)"
        );
        assert_eq!(
            fails(DefaultValue::String("31/12/2024".into()), ColumnType::Date),
            "\"31/12/2024\" is not a date written as YYYY-MM-DD (or \"now\")"
        );
        for impossible in ["2023-02-29", "2024-04-31", "2024-00-10", "1900-02-29"] {
            assert_eq!(
                fails(DefaultValue::String(impossible.into()), ColumnType::Date),
                format!("\"{impossible}\" names a day that does not exist")
            );
        }
        assert_eq!(
            fits(DefaultValue::String("2000-02-29".into()), ColumnType::Date),
            Ok(())
        );
    }
}
