//! Values as text: SQL literals for each dialect, and the plain text of CSV and bulk-load formats.

use dbkit_model::ColumnType;
use dbkit_sdk::Dialect;

use crate::calendar;
use crate::dataset::Value;

/// How a database spells the literals that differ between dialects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    Mysql,
    Postgres,
    Sqlite,
    /// Any other dialect (a plugin): standard SQL.
    Standard,
}

impl Flavor {
    pub(crate) fn of(dialect: &dyn Dialect) -> Flavor {
        match dialect.info().name.as_str() {
            "mysql" | "mariadb" => Flavor::Mysql,
            "postgres" | "postgresql" => Flavor::Postgres,
            "sqlite" => Flavor::Sqlite,
            _ => Flavor::Standard,
        }
    }
}

/// Appends the SQL literal of `value` (of a column of `column_type`).
pub(crate) fn push_sql(
    out: &mut String,
    value: Value<'_>,
    column_type: &ColumnType,
    flavor: Flavor,
    dialect: &dyn Dialect,
) {
    match value {
        Value::Null => out.push_str("NULL"),
        Value::Bool(flag) => out.push_str(match (flavor, flag) {
            (Flavor::Mysql | Flavor::Sqlite, true) => "1",
            (Flavor::Mysql | Flavor::Sqlite, false) => "0",
            (_, true) => "TRUE",
            (_, false) => "FALSE",
        }),
        Value::Text(text) => out.push_str(&dialect.quote_string(text)),
        Value::Bytes(bytes) => {
            if flavor == Flavor::Postgres {
                out.push_str("'\\x");
                calendar::push_hex(out, bytes);
                out.push_str("'::bytea");
            } else {
                out.push_str("X'");
                calendar::push_hex(out, bytes);
                out.push('\'');
            }
        }
        Value::Int(_) | Value::Decimal(..) | Value::Float(_) => {
            push_plain(out, value, column_type, flavor)
        }
        Value::Date(_) | Value::Time(_) | Value::Timestamp(_) | Value::Uuid(_) => {
            out.push('\'');
            push_plain(out, value, column_type, flavor);
            out.push('\'');
        }
    }
}

/// Appends the plain text of a non-NULL value, as CSV and bulk loads carry it: numbers as
/// digits, dates `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS` (UTC; `+00` added for
/// PostgreSQL's `timestamptz`), booleans as the flavor's spelling, bytes as hexadecimal.
pub(crate) fn push_plain(
    out: &mut String,
    value: Value<'_>,
    column_type: &ColumnType,
    flavor: Flavor,
) {
    match value {
        Value::Null => {}
        Value::Int(number) => calendar::push_int(out, number),
        Value::Decimal(digits, scale) => calendar::push_decimal(out, digits, scale),
        Value::Float(number) => calendar::push_float(out, number),
        Value::Bool(flag) => out.push_str(match (flavor, flag) {
            (Flavor::Postgres, true) => "t",
            (Flavor::Postgres, false) => "f",
            (Flavor::Standard, true) => "true",
            (Flavor::Standard, false) => "false",
            (_, true) => "1",
            (_, false) => "0",
        }),
        Value::Date(days) => calendar::push_date(out, days),
        Value::Time(seconds) => calendar::push_time(out, seconds),
        Value::Timestamp(seconds) => {
            calendar::push_timestamp(out, seconds);
            if flavor == Flavor::Postgres && *column_type == ColumnType::TimestampTz {
                out.push_str("+00");
            }
        }
        Value::Uuid(uuid) => calendar::push_uuid(out, uuid),
        Value::Text(text) => out.push_str(text),
        Value::Bytes(bytes) => calendar::push_hex(out, bytes),
    }
}
