//! Numbers, dates and times as integers in their smallest step ("units"): an int counts ones, a
//! decimal(8,2) hundredths, a float hundredths, a date days, a time or timestamp seconds. Ranges,
//! bounds from CHECKs and relations between columns are all worked out in units, and compared
//! across columns through a common scale (the number itself, or seconds).

use dbkit_model::ColumnType;

use crate::calendar::{self, DAY};
use crate::check::expr::{Literal, TemporalKind, temporal_literal};
use crate::dataset::Value;

/// The unit of a numeric or temporal column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Int,
    Decimal(u32),
    Float,
    Date,
    Time,
    Timestamp,
}

/// The earliest date or timestamp generated for a column with no other bound: 1900-01-01.
const EARLIEST_DAY: i128 = -25_567;
/// The latest: 2099-12-31.
const LATEST_DAY: i128 = 47_481;

impl Unit {
    /// The unit of `column_type`, if it is numeric or temporal.
    pub(crate) fn of(column_type: &ColumnType) -> Option<Unit> {
        Some(match column_type {
            ColumnType::Native { .. } => return None,
            column_type if column_type.integer_range().is_some() => Unit::Int,
            ColumnType::Decimal { scale, .. } => Unit::Decimal(*scale),
            ColumnType::Real | ColumnType::Double => Unit::Float,
            ColumnType::Date => Unit::Date,
            ColumnType::Time => Unit::Time,
            ColumnType::Timestamp | ColumnType::TimestampTz => Unit::Timestamp,
            _ => return None,
        })
    }

    /// The smallest and largest value of `column_type` in units.
    pub(crate) fn limits(self, column_type: &ColumnType) -> (i128, i128) {
        match (self, column_type) {
            (Unit::Int, column_type) => {
                let (low, high) = column_type.integer_range().unwrap_or((i64::MIN, i64::MAX));
                (i128::from(low), i128::from(high))
            }
            (Unit::Decimal(_), ColumnType::Decimal { precision, .. }) => {
                let high = 10_i128.saturating_pow((*precision).min(38)) - 1;
                (-high, high)
            }
            (Unit::Decimal(_), _) => (0, 0),
            (Unit::Float, ColumnType::Real) => (-1_000_000_000, 1_000_000_000),
            (Unit::Float, _) => (-100_000_000_000_000, 100_000_000_000_000),
            (Unit::Date, _) => (EARLIEST_DAY, LATEST_DAY),
            (Unit::Time, _) => (0, i128::from(DAY) - 1),
            (Unit::Timestamp, _) => (
                EARLIEST_DAY * i128::from(DAY),
                (LATEST_DAY + 1) * i128::from(DAY) - 1,
            ),
        }
    }

    /// The stored value of `units`.
    #[inline]
    pub(crate) fn value(self, units: i128) -> Value<'static> {
        match self {
            Unit::Int => Value::Int(units as i64),
            Unit::Decimal(scale) => Value::Decimal(units, scale),
            Unit::Float => Value::Float(units as f64 / 100.0),
            Unit::Date => Value::Date(units as i64),
            Unit::Time => Value::Time(units as i64),
            Unit::Timestamp => Value::Timestamp(units as i64),
        }
    }

    /// The units of a stored value of this unit's kind.
    pub(crate) fn units_of(self, value: Value<'_>) -> Option<i128> {
        Some(match (self, value) {
            (Unit::Int, Value::Int(number)) => i128::from(number),
            (Unit::Decimal(scale), Value::Decimal(digits, from)) => {
                crate::dataset::rescale(digits, from, scale)
            }
            (Unit::Decimal(scale), Value::Int(number)) => i128::from(number) * 10_i128.pow(scale),
            (Unit::Float, Value::Float(number)) => (number * 100.0).round() as i128,
            (Unit::Date, Value::Date(days)) => i128::from(days),
            (Unit::Time, Value::Time(seconds)) | (Unit::Timestamp, Value::Timestamp(seconds)) => {
                i128::from(seconds)
            }
            _ => return None,
        })
    }

    /// `units` on the common scale: the number itself, or seconds for dates and times.
    pub(crate) fn common(self, units: i128) -> f64 {
        match self {
            Unit::Int => units as f64,
            Unit::Decimal(scale) => units as f64 / 10f64.powi(scale as i32),
            Unit::Float => units as f64 / 100.0,
            Unit::Date => (units * i128::from(DAY)) as f64,
            Unit::Time | Unit::Timestamp => units as f64,
        }
    }

    /// The units nearest to `value` (on the common scale), rounding up or down.
    pub(crate) fn units_near(self, value: f64, up: bool) -> i128 {
        let scaled = match self {
            Unit::Int | Unit::Time | Unit::Timestamp => value,
            Unit::Decimal(scale) => value * 10f64.powi(scale as i32),
            Unit::Float => value * 100.0,
            Unit::Date => value / DAY as f64,
        };
        let rounded = if up { scaled.ceil() } else { scaled.floor() };
        rounded.clamp(-1.0e37, 1.0e37) as i128
    }

    /// The temporal kind, for dates, times and timestamps.
    pub(crate) fn temporal(self) -> Option<TemporalKind> {
        match self {
            Unit::Date => Some(TemporalKind::Date),
            Unit::Time => Some(TemporalKind::Time),
            Unit::Timestamp => Some(TemporalKind::Timestamp),
            _ => None,
        }
    }

    /// The smallest value above (`low`) or the largest below a constant on the common scale,
    /// written with `kind` (for temporal constants). A bound that is not inclusive, or that
    /// compares a date with a timestamp (never equal as text in SQLite), excludes the constant.
    pub(crate) fn bound(
        self,
        value: f64,
        kind: Option<TemporalKind>,
        inclusive: bool,
        low: bool,
    ) -> i128 {
        let mixed = matches!(
            (self.temporal(), kind),
            (Some(TemporalKind::Date), Some(TemporalKind::Timestamp))
                | (Some(TemporalKind::Timestamp), Some(TemporalKind::Date))
        );
        let strict = !inclusive || mixed;
        if low {
            let mut units = self.units_near(value, true);
            if strict && self.common(units) <= value {
                units += 1;
            }
            units
        } else {
            let mut units = self.units_near(value, false);
            if strict && self.common(units) >= value {
                units -= 1;
            }
            units
        }
    }

    /// A CHECK or `schema.toml` constant as a value on the common scale, with its temporal kind.
    pub(crate) fn literal(self, literal: &Literal) -> Option<(f64, Option<TemporalKind>)> {
        match (literal, self.temporal()) {
            (Literal::Number(number), None) => Some((*number, None)),
            (Literal::Bool(flag), None) => Some((f64::from(u8::from(*flag)), None)),
            (Literal::Text(text), None) => text.trim().parse().ok().map(|number| (number, None)),
            (Literal::Text(text), Some(kind)) => {
                temporal_literal(text, kind).map(|(seconds, kind)| (seconds as f64, Some(kind)))
            }
            _ => None,
        }
    }

    /// Units from text written in `schema.toml` (a number, or a date, time or timestamp).
    pub(crate) fn parse(self, text: &str) -> Option<i128> {
        match self {
            Unit::Date => calendar::parse_date(text).map(i128::from),
            Unit::Time => calendar::parse_time(text).map(i128::from),
            Unit::Timestamp => calendar::parse_timestamp(text).map(i128::from),
            _ => {
                let number: f64 = text.trim().parse().ok()?;
                Some(self.units_near(number, false))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_round_inward_and_exclude_strict_constants() {
        assert_eq!(Unit::Int.bound(0.0, None, true, true), 0);
        assert_eq!(Unit::Int.bound(0.0, None, false, true), 1);
        assert_eq!(Unit::Int.bound(2.5, None, true, false), 2);
        assert_eq!(Unit::Decimal(2).bound(0.0, None, false, true), 1);
        assert_eq!(
            Unit::Date.bound(86_400.0 * 10.0, Some(TemporalKind::Date), true, true),
            10
        );
        assert_eq!(
            Unit::Date.bound(86_400.0 * 10.0, Some(TemporalKind::Timestamp), true, true),
            11
        );
        assert_eq!(
            Unit::Date.bound(
                86_400.0 * 10.0 + 5.0,
                Some(TemporalKind::Timestamp),
                true,
                true
            ),
            11
        );
        assert_eq!(
            Unit::Timestamp.bound(86_400.0, Some(TemporalKind::Date), true, false),
            86_399
        );
    }

    #[test]
    fn values_round_trip_through_units() {
        for (unit, units) in [
            (Unit::Int, -5),
            (Unit::Decimal(2), 1250),
            (Unit::Float, 314),
            (Unit::Date, 19_000),
        ] {
            assert_eq!(unit.units_of(unit.value(units)), Some(units));
        }
        assert_eq!(Unit::Decimal(2).parse("12.5"), Some(1250));
        assert_eq!(Unit::Date.parse("1970-01-11"), Some(10));
    }
}
