//! Reads a column default as a catalog reports it (`'good'`, `'good'::character varying`,
//! `current_timestamp()`, `0.00`, `NULL`) into a [`DefaultValue`].

use dbkit_model::{ColumnType, DefaultValue};

/// How string literals are escaped in the default text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quoting {
    /// Standard SQL: a quote inside is doubled.
    Standard,
    /// MySQL/MariaDB: a backslash escapes the next character as well.
    Backslash,
}

/// The default `text` means for a column of `column_type`: `Ok(None)` for no default (`NULL`),
/// `Err` with the reason when the model cannot hold it (an expression, or a value that does not
/// fit the type).
pub(crate) fn read_default(
    text: &str,
    column_type: &ColumnType,
    quoting: Quoting,
) -> Result<Option<DefaultValue>, String> {
    let text = strip_casts(strip_parentheses(text.trim()));
    let text = strip_parentheses(text);
    if text.eq_ignore_ascii_case("null") {
        return Ok(None);
    }
    let value = if let Some(literal) = string_literal(text, quoting) {
        from_string(literal, column_type)
    } else if is_number(text) {
        from_number(text, column_type)
    } else if text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false") {
        DefaultValue::Boolean(text.eq_ignore_ascii_case("true"))
    } else if let Some(now) = current_time(text, column_type) {
        now
    } else {
        return Err(format!(
            "the default {text} is an expression, which the model cannot hold"
        ));
    };
    match value.check_fits(column_type) {
        Ok(()) => Ok(Some(value)),
        Err(reason) => Err(format!(
            "the default {text} does not fit the column's type: {reason}"
        )),
    }
}

/// A default that a catalog reports unquoted (MySQL 8 literals): the text is the value.
pub(crate) fn read_raw_literal(
    text: &str,
    column_type: &ColumnType,
) -> Result<Option<DefaultValue>, String> {
    let value =
        if (column_type.is_numeric() || *column_type == ColumnType::Boolean) && is_number(text) {
            from_number(text, column_type)
        } else {
            from_string(text.to_string(), column_type)
        };
    match value.check_fits(column_type) {
        Ok(()) => Ok(Some(value)),
        Err(reason) => Err(format!(
            "the default '{text}' does not fit the column's type: {reason}"
        )),
    }
}

fn from_string(text: String, column_type: &ColumnType) -> DefaultValue {
    match column_type {
        ColumnType::Boolean => match text.to_ascii_lowercase().as_str() {
            "1" | "t" | "true" | "y" | "yes" | "on" => DefaultValue::Boolean(true),
            "0" | "f" | "false" | "n" | "no" | "off" => DefaultValue::Boolean(false),
            _ => DefaultValue::String(text),
        },
        column_type if column_type.is_numeric() && is_number(&text) => {
            from_number(&text, column_type)
        }
        ColumnType::TimestampTz => DefaultValue::String(without_offset(&text).to_string()),
        ColumnType::Native {
            base: Some(base), ..
        } if **base == ColumnType::TimestampTz => {
            DefaultValue::String(without_offset(&text).to_string())
        }
        _ => DefaultValue::String(text),
    }
}

/// A time-zone-aware timestamp without the offset PostgreSQL adds (`+00`, `-05:30`): the model
/// writes such defaults in the session's time zone, which is how PostgreSQL shows them.
fn without_offset(text: &str) -> &str {
    let bytes = text.as_bytes();
    for length in [6, 3] {
        if bytes.len() > length + 10 {
            let start = bytes.len() - length;
            let offset = &bytes[start..];
            let shaped = matches!(offset[0], b'+' | b'-')
                && offset[1..].iter().enumerate().all(|(index, byte)| {
                    if length == 6 && index == 2 {
                        *byte == b':'
                    } else {
                        byte.is_ascii_digit()
                    }
                });
            if shaped {
                return &text[..start];
            }
        }
    }
    text
}

fn from_number(text: &str, column_type: &ColumnType) -> DefaultValue {
    if *column_type == ColumnType::Boolean {
        match text {
            "1" => return DefaultValue::Boolean(true),
            "0" => return DefaultValue::Boolean(false),
            _ => {}
        }
    }
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    match unsigned.parse::<i64>() {
        Ok(number) => DefaultValue::Integer(number),
        Err(_) => DefaultValue::Number(tidy_number(unsigned)),
    }
}

/// A number as TOML can write it back: a digit before and after any point.
fn tidy_number(text: &str) -> String {
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let digits = if digits.starts_with('.') {
        format!("0{digits}")
    } else {
        digits.to_string()
    };
    let digits = if digits.ends_with('.') {
        format!("{digits}0")
    } else {
        digits
    };
    format!("{sign}{digits}")
}

fn is_number(text: &str) -> bool {
    let text = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (text, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    !(whole.is_empty() && fraction.is_empty())
        && digits(whole)
        && digits(fraction)
        && exponent.is_none_or(|exponent| {
            let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
            !exponent.is_empty() && digits(exponent)
        })
}

fn current_time(text: &str, column_type: &ColumnType) -> Option<DefaultValue> {
    let lower = text.to_ascii_lowercase();
    let name = lower.split('(').next().unwrap_or_default().trim();
    let arguments_ok = match lower.find('(') {
        Some(open) => lower[open..]
            .trim_end_matches(')')
            .trim_start_matches('(')
            .trim()
            .bytes()
            .all(|b| b.is_ascii_digit()),
        None => true,
    };
    if !arguments_ok {
        return None;
    }
    let value = match name {
        "current_timestamp" | "now" | "localtimestamp" | "transaction_timestamp" | "localtime"
            if !matches!(column_type, ColumnType::Time) =>
        {
            DefaultValue::CurrentTimestamp
        }
        "current_date" | "curdate" => DefaultValue::CurrentDate,
        "current_time" | "curtime" | "localtime" => DefaultValue::CurrentTime,
        _ => return None,
    };
    Some(match (value, column_type) {
        (DefaultValue::CurrentTimestamp, ColumnType::Date) => DefaultValue::CurrentDate,
        (value, _) => value,
    })
}

/// `'it''s'` (or `E'...'`, or `N'...'`) unquoted, when `text` is one string literal.
fn string_literal(text: &str, quoting: Quoting) -> Option<String> {
    let body = text
        .strip_prefix(['E', 'e', 'N', 'n'])
        .filter(|rest| rest.starts_with('\''))
        .unwrap_or(text);
    let inner = body.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars().peekable();
    while let Some(character) = chars.next() {
        match character {
            '\'' => {
                // Inside a literal a quote must be doubled; a single one ends it early.
                chars.next_if_eq(&'\'')?;
                out.push('\'');
            }
            '\\' if quoting == Quoting::Backslash => match chars.next()? {
                '0' => out.push('\0'),
                'n' => out.push('\n'),
                'r' => out.push('\r'),
                't' => out.push('\t'),
                'Z' => out.push('\u{1a}'),
                other => out.push(other),
            },
            other => out.push(other),
        }
    }
    Some(out)
}

/// `text` without `::type` casts at its end (PostgreSQL), such as `'new'::character varying`.
/// A `::` followed by more than a type name (`'a'::text || 'b'`) is part of an expression and
/// stays.
fn strip_casts(text: &str) -> &str {
    let mut text = text;
    while let Some(position) = last_cast(text) {
        let is_type_name = text[position + 2..]
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || " _.\"(),[]".contains(character));
        if !is_type_name {
            break;
        }
        text = strip_parentheses(text[..position].trim_end());
    }
    text
}

/// Where the last `::` outside quotes and parentheses starts.
fn last_cast(text: &str) -> Option<usize> {
    let mut in_string = false;
    let mut depth = 0usize;
    let mut found = None;
    let bytes = text.as_bytes();
    for (index, byte) in bytes.iter().enumerate() {
        match byte {
            b'\'' => in_string = !in_string,
            b'(' if !in_string => depth += 1,
            b')' if !in_string => depth = depth.saturating_sub(1),
            b':' if !in_string
                && depth == 0
                && bytes.get(index + 1) == Some(&b':')
                && (index == 0 || bytes[index - 1] != b':') =>
            {
                found = Some(index);
            }
            _ => {}
        }
    }
    found
}

/// `text` without parentheses that wrap all of it.
pub(crate) fn strip_parentheses(text: &str) -> &str {
    let mut text = text.trim();
    while text.starts_with('(') && text.ends_with(')') && closes_at_end(text) {
        text = text[1..text.len() - 1].trim();
    }
    text
}

/// Whether the `(` at the start of `text` is closed by its last character.
fn closes_at_end(text: &str) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    for (index, character) in text.char_indices() {
        match character {
            '\'' => in_string = !in_string,
            '(' if !in_string => depth += 1,
            ')' if !in_string => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return index == text.len() - 1;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, column_type: ColumnType) -> Result<Option<DefaultValue>, String> {
        read_default(text, &column_type, Quoting::Standard)
    }

    #[test]
    fn reads_what_catalogs_report() {
        let varchar = ColumnType::Varchar { length: 20 };
        assert_eq!(
            read("'good'::character varying", varchar.clone()),
            Ok(Some(DefaultValue::String("good".into())))
        );
        assert_eq!(
            read("'it''s'", varchar.clone()),
            Ok(Some(DefaultValue::String("it's".into())))
        );
        assert_eq!(read("NULL", varchar.clone()), Ok(None));
        assert_eq!(read("NULL::character varying", varchar), Ok(None));
        assert_eq!(
            read("current_timestamp()", ColumnType::Timestamp),
            Ok(Some(DefaultValue::CurrentTimestamp))
        );
        assert_eq!(
            read("CURRENT_TIMESTAMP", ColumnType::TimestampTz),
            Ok(Some(DefaultValue::CurrentTimestamp))
        );
        assert_eq!(
            read("now()", ColumnType::Timestamp),
            Ok(Some(DefaultValue::CurrentTimestamp))
        );
        assert_eq!(
            read("curdate()", ColumnType::Date),
            Ok(Some(DefaultValue::CurrentDate))
        );
        assert_eq!(
            read("CURRENT_DATE", ColumnType::Date),
            Ok(Some(DefaultValue::CurrentDate))
        );
        assert_eq!(
            read("1", ColumnType::Boolean),
            Ok(Some(DefaultValue::Boolean(true)))
        );
        assert_eq!(
            read("true", ColumnType::Boolean),
            Ok(Some(DefaultValue::Boolean(true)))
        );
        let decimal = ColumnType::Decimal {
            precision: 8,
            scale: 2,
        };
        assert_eq!(
            read("0.00", decimal.clone()),
            Ok(Some(DefaultValue::Number("0.00".into())))
        );
        assert_eq!(
            read("(0)::numeric", decimal),
            Ok(Some(DefaultValue::Integer(0)))
        );
        assert_eq!(
            read("'-5'::integer", ColumnType::Int),
            Ok(Some(DefaultValue::Integer(-5)))
        );
        assert!(read("nextval('seq'::regclass)", ColumnType::Int).is_err());
        assert!(read("(now() + '1 day'::interval)", ColumnType::Timestamp).is_err());
        assert!(read("'abc'", ColumnType::Int).is_err());
        assert_eq!(
            read(
                "'2030-12-31 23:59:59+00'::timestamp with time zone",
                ColumnType::TimestampTz
            ),
            Ok(Some(DefaultValue::String("2030-12-31 23:59:59".into())))
        );
        assert_eq!(
            read("'2030-12-31 23:59:59-05:30'", ColumnType::TimestampTz),
            Ok(Some(DefaultValue::String("2030-12-31 23:59:59".into())))
        );
    }

    #[test]
    fn an_expression_of_cast_literals_is_not_its_first_literal() {
        assert!(read("('a'::text || 'b'::text)", ColumnType::Text).is_err());
        assert_eq!(
            read("('a'::character varying)::text", ColumnType::Text),
            Ok(Some(DefaultValue::String("a".to_string())))
        );
    }

    #[test]
    fn mysql_escapes_backslashes() {
        assert_eq!(
            read_default(r"'a\\b\'c'", &ColumnType::Text, Quoting::Backslash),
            Ok(Some(DefaultValue::String(r"a\b'c".into())))
        );
        assert_eq!(
            read_raw_literal("good", &ColumnType::Varchar { length: 10 }),
            Ok(Some(DefaultValue::String("good".into())))
        );
    }
}
