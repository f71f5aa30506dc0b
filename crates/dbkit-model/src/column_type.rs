//! Logical column types and their `schema.toml` spelling.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A logical column type. Each dialect maps it to a native type (see `docs/schema-toml.md`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "name", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ColumnType {
    /// A 16-bit integer.
    SmallInt,
    /// A 32-bit integer.
    Int,
    /// A 64-bit integer (also the type of `id` surrogate keys).
    BigInt,
    /// An exact decimal number with `precision` digits, `scale` of them after the point.
    Decimal {
        /// Total number of digits.
        precision: u32,
        /// Digits after the decimal point.
        scale: u32,
    },
    /// A single-precision floating-point number.
    Real,
    /// A double-precision floating-point number.
    Double,
    /// A fixed-length string of `length` characters.
    Char {
        /// Length in characters.
        length: u32,
    },
    /// A variable-length string of at most `length` characters.
    Varchar {
        /// Maximum length in characters.
        length: u32,
    },
    /// Unbounded text.
    Text,
    /// True or false.
    Boolean,
    /// A calendar date.
    Date,
    /// A time of day.
    Time,
    /// A date and time without time zone.
    Timestamp,
    /// A point in time, time-zone aware.
    TimestampTz,
    /// A UUID.
    Uuid,
    /// A JSON document.
    Json,
    /// Binary data.
    Blob,
    /// One of a fixed list of string values.
    Enum {
        /// The allowed values, in order.
        values: Vec<String>,
    },
}

/// What a type string in `schema.toml` names: a plain type, or the `id` surrogate key shorthand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeSpec {
    /// `id`: an auto-increment surrogate primary key.
    Id,
    /// Any other type.
    Type(ColumnType),
}

/// Why a type string could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TypeError {
    /// The type name is not one dbkit knows.
    #[error("unknown type \"{name}\"")]
    Unknown {
        /// The name as written.
        name: String,
        /// The closest known type name, if any is close.
        suggestion: Option<String>,
    },
    /// The type's parameters are missing, extra or out of range.
    #[error("bad parameters for type \"{name}\": {reason}")]
    BadParameters {
        /// The type name.
        name: String,
        /// What is wrong, in a few words.
        reason: String,
    },
}

/// The type names `schema.toml` accepts, for suggestions and documentation.
pub const TYPE_NAMES: &[&str] = &[
    "id",
    "smallint",
    "int",
    "bigint",
    "decimal",
    "real",
    "double",
    "char",
    "varchar",
    "text",
    "boolean",
    "date",
    "time",
    "timestamp",
    "timestamptz",
    "uuid",
    "json",
    "blob",
    "enum",
];

/// The largest length accepted for `char(n)` and `varchar(n)`.
pub const MAX_STRING_LENGTH: u32 = 65_535;
/// The largest precision accepted for `decimal(p,s)` (MySQL's limit, the smallest of the three).
pub const MAX_DECIMAL_PRECISION: u32 = 65;

impl ColumnType {
    /// Whether values of this type are integers.
    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            ColumnType::SmallInt | ColumnType::Int | ColumnType::BigInt
        )
    }

    /// Whether values of this type are numbers of any kind.
    pub fn is_numeric(&self) -> bool {
        self.is_integer()
            || matches!(
                self,
                ColumnType::Decimal { .. } | ColumnType::Real | ColumnType::Double
            )
    }

    /// Whether values of this type are character strings.
    pub fn is_string(&self) -> bool {
        matches!(
            self,
            ColumnType::Char { .. }
                | ColumnType::Varchar { .. }
                | ColumnType::Text
                | ColumnType::Uuid
                | ColumnType::Enum { .. }
        )
    }

    /// Whether values of this type are dates, times or timestamps.
    pub fn is_temporal(&self) -> bool {
        matches!(
            self,
            ColumnType::Date | ColumnType::Time | ColumnType::Timestamp | ColumnType::TimestampTz
        )
    }

    /// The inclusive range of an integer type.
    pub fn integer_range(&self) -> Option<(i64, i64)> {
        match self {
            ColumnType::SmallInt => Some((i16::MIN.into(), i16::MAX.into())),
            ColumnType::Int => Some((i32::MIN.into(), i32::MAX.into())),
            ColumnType::BigInt => Some((i64::MIN, i64::MAX)),
            _ => None,
        }
    }

    /// The longest string a value may have, for length-limited string types.
    pub fn max_length(&self) -> Option<u32> {
        match self {
            ColumnType::Char { length } | ColumnType::Varchar { length } => Some(*length),
            ColumnType::Uuid => Some(36),
            ColumnType::Enum { values } => values
                .iter()
                .map(|value| value.chars().count() as u32)
                .max(),
            _ => None,
        }
    }
}

impl fmt::Display for ColumnType {
    /// Writes the type in its canonical `schema.toml` spelling.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnType::SmallInt => f.write_str("smallint"),
            ColumnType::Int => f.write_str("int"),
            ColumnType::BigInt => f.write_str("bigint"),
            ColumnType::Decimal { precision, scale } => write!(f, "decimal({precision},{scale})"),
            ColumnType::Real => f.write_str("real"),
            ColumnType::Double => f.write_str("double"),
            ColumnType::Char { length } => write!(f, "char({length})"),
            ColumnType::Varchar { length } => write!(f, "varchar({length})"),
            ColumnType::Text => f.write_str("text"),
            ColumnType::Boolean => f.write_str("boolean"),
            ColumnType::Date => f.write_str("date"),
            ColumnType::Time => f.write_str("time"),
            ColumnType::Timestamp => f.write_str("timestamp"),
            ColumnType::TimestampTz => f.write_str("timestamptz"),
            ColumnType::Uuid => f.write_str("uuid"),
            ColumnType::Json => f.write_str("json"),
            ColumnType::Blob => f.write_str("blob"),
            ColumnType::Enum { values } => write!(f, "enum({})", values.join(", ")),
        }
    }
}

/// Reads a type string such as `varchar(255)`, `decimal(8, 2)`, `enum(a, b)` or `id`.
///
/// The nullable marker `?` must already be removed. Names are case-insensitive and surrounding
/// spaces are ignored.
pub fn parse_type(text: &str) -> Result<TypeSpec, TypeError> {
    let text = text.trim();
    let (name, parameters) = match text.find('(') {
        Some(open) => {
            let Some(inner) = text[open + 1..].strip_suffix(')') else {
                return Err(bad(
                    text[..open].trim(),
                    "the parameter list must end with \")\"",
                ));
            };
            (text[..open].trim(), Some(inner))
        }
        None => (text, None),
    };
    let lower = name.to_ascii_lowercase();
    let plain = |column_type: ColumnType| match parameters {
        None => Ok(TypeSpec::Type(column_type)),
        Some(_) => Err(bad(&lower, "this type takes no parameters")),
    };
    match lower.as_str() {
        "id" => match parameters {
            None => Ok(TypeSpec::Id),
            Some(_) => Err(bad(&lower, "this type takes no parameters")),
        },
        "smallint" => plain(ColumnType::SmallInt),
        "int" | "integer" => plain(ColumnType::Int),
        "bigint" => plain(ColumnType::BigInt),
        "real" | "float" => plain(ColumnType::Real),
        "double" => plain(ColumnType::Double),
        "text" => plain(ColumnType::Text),
        "boolean" | "bool" => plain(ColumnType::Boolean),
        "date" => plain(ColumnType::Date),
        "time" => plain(ColumnType::Time),
        "timestamp" | "datetime" => plain(ColumnType::Timestamp),
        "timestamptz" => plain(ColumnType::TimestampTz),
        "uuid" => plain(ColumnType::Uuid),
        "json" => plain(ColumnType::Json),
        "blob" => plain(ColumnType::Blob),
        "char" | "varchar" => {
            let Some(parameters) = parameters else {
                return Err(bad(
                    &lower,
                    &format!("a length is required, as in {lower}(255)"),
                ));
            };
            let length = parse_number(&lower, parameters.trim(), "length")?;
            if length == 0 || length > MAX_STRING_LENGTH {
                return Err(bad(
                    &lower,
                    &format!("the length must be between 1 and {MAX_STRING_LENGTH}, not {length}"),
                ));
            }
            Ok(TypeSpec::Type(if lower == "char" {
                ColumnType::Char { length }
            } else {
                ColumnType::Varchar { length }
            }))
        }
        "decimal" | "numeric" => {
            let Some(parameters) = parameters else {
                return Err(bad(
                    "decimal",
                    "a precision and scale are required, as in decimal(10,2)",
                ));
            };
            let parts: Vec<&str> = parameters.split(',').map(str::trim).collect();
            let (precision, scale) = match parts.as_slice() {
                [precision] => (parse_number("decimal", precision, "precision")?, 0),
                [precision, scale] => (
                    parse_number("decimal", precision, "precision")?,
                    parse_number("decimal", scale, "scale")?,
                ),
                _ => {
                    return Err(bad(
                        "decimal",
                        "expected decimal(precision, scale), as in decimal(10,2)",
                    ));
                }
            };
            if precision == 0 || precision > MAX_DECIMAL_PRECISION {
                return Err(bad(
                    "decimal",
                    &format!(
                        "the precision must be between 1 and {MAX_DECIMAL_PRECISION}, not {precision}"
                    ),
                ));
            }
            if scale > precision {
                return Err(bad(
                    "decimal",
                    &format!("the scale ({scale}) cannot exceed the precision ({precision})"),
                ));
            }
            Ok(TypeSpec::Type(ColumnType::Decimal { precision, scale }))
        }
        "enum" => {
            let Some(parameters) = parameters else {
                return Err(bad(
                    "enum",
                    "the allowed values are required, as in enum(new, used)",
                ));
            };
            let values = parse_enum_values(parameters)?;
            Ok(TypeSpec::Type(ColumnType::Enum { values }))
        }
        _ => Err(TypeError::Unknown {
            name: name.to_string(),
            suggestion: crate::suggest::closest(&lower, TYPE_NAMES.iter().copied())
                .map(str::to_string),
        }),
    }
}

fn parse_enum_values(parameters: &str) -> Result<Vec<String>, TypeError> {
    let mut values: Vec<String> = Vec::new();
    for raw in parameters.split(',') {
        let raw = raw.trim();
        let value = match raw.as_bytes() {
            [b'\'', .., b'\''] | [b'"', .., b'"'] if raw.len() >= 2 => &raw[1..raw.len() - 1],
            _ => raw,
        };
        if value.is_empty() {
            return Err(bad("enum", "an enum value cannot be empty"));
        }
        if values.iter().any(|existing| existing == value) {
            return Err(bad(
                "enum",
                &format!("the value \"{value}\" is listed twice"),
            ));
        }
        values.push(value.to_string());
    }
    Ok(values)
}

fn parse_number(type_name: &str, text: &str, what: &str) -> Result<u32, TypeError> {
    text.parse::<u32>().map_err(|_| {
        bad(
            type_name,
            &format!("the {what} must be a whole number, not \"{text}\""),
        )
    })
}

fn bad(name: &str, reason: &str) -> TypeError {
    TypeError::BadParameters {
        name: name.to_string(),
        reason: reason.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_documented_type() {
        let cases = [
            ("smallint", ColumnType::SmallInt),
            ("INT", ColumnType::Int),
            ("bigint", ColumnType::BigInt),
            (
                "decimal(8, 2)",
                ColumnType::Decimal {
                    precision: 8,
                    scale: 2,
                },
            ),
            ("char(16)", ColumnType::Char { length: 16 }),
            ("varchar(255)", ColumnType::Varchar { length: 255 }),
            ("timestamptz", ColumnType::TimestampTz),
            (
                "enum(new, 'good', worn)",
                ColumnType::Enum {
                    values: vec!["new".into(), "good".into(), "worn".into()],
                },
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_type(text), Ok(TypeSpec::Type(expected)), "{text}");
        }
        assert_eq!(parse_type("id"), Ok(TypeSpec::Id));
    }

    #[test]
    fn canonical_spelling_reads_back_to_the_same_type() {
        for text in ["decimal(10,0)", "varchar(3)", "enum(a, b)", "timestamptz"] {
            let TypeSpec::Type(column_type) = parse_type(text).expect("valid type") else {
                panic!("not a plain type: {text}");
            };
            assert_eq!(column_type.to_string(), text);
        }
    }

    #[test]
    fn rejects_bad_parameters_with_a_reason() {
        let message = |text: &str| parse_type(text).expect_err(text).to_string();
        assert_eq!(
            message("varchar"),
            "bad parameters for type \"varchar\": a length is required, as in varchar(255)"
        );
        assert_eq!(
            message("varchar(0)"),
            "bad parameters for type \"varchar\": the length must be between 1 and 65535, not 0"
        );
        assert_eq!(
            message("decimal(4,6)"),
            "bad parameters for type \"decimal\": the scale (6) cannot exceed the precision (4)"
        );
        assert_eq!(
            message("enum(a, a)"),
            "bad parameters for type \"enum\": the value \"a\" is listed twice"
        );
        assert_eq!(
            message("text(5)"),
            "bad parameters for type \"text\": this type takes no parameters"
        );
        assert_eq!(
            parse_type("varchr(5)"),
            Err(TypeError::Unknown {
                name: "varchr".into(),
                suggestion: Some("varchar".into())
            })
        );
    }
}
