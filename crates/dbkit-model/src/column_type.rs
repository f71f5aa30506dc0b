//! Logical column types and their `schema.toml` spelling.

use std::collections::BTreeMap;
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
    /// An 8-bit integer (MySQL `TINYINT`; PostgreSQL has none and uses `SMALLINT`).
    TinyInt,
    /// A 24-bit integer (MySQL `MEDIUMINT`; elsewhere `INTEGER`).
    MediumInt,
    /// An unsigned 8-bit integer (MySQL `TINYINT UNSIGNED`).
    TinyIntUnsigned,
    /// An unsigned 16-bit integer (MySQL `SMALLINT UNSIGNED`).
    SmallIntUnsigned,
    /// An unsigned 24-bit integer (MySQL `MEDIUMINT UNSIGNED`).
    MediumIntUnsigned,
    /// An unsigned 32-bit integer (MySQL `INT UNSIGNED`).
    IntUnsigned,
    /// An unsigned 64-bit integer (MySQL `BIGINT UNSIGNED`).
    BigIntUnsigned,
    /// Fixed-length binary data of `length` bytes.
    Binary {
        /// Length in bytes.
        length: u32,
    },
    /// Variable-length binary data of at most `length` bytes.
    VarBinary {
        /// Maximum length in bytes.
        length: u32,
    },
    /// Text of at most 255 bytes (MySQL `TINYTEXT`; elsewhere `TEXT`).
    TinyText,
    /// Text of at most 16 MiB (MySQL `MEDIUMTEXT`; elsewhere `TEXT`).
    MediumText,
    /// Text of at most 4 GiB (MySQL `LONGTEXT`; elsewhere `TEXT`).
    LongText,
    /// Binary data of at most 255 bytes (MySQL `TINYBLOB`; elsewhere as `blob`).
    TinyBlob,
    /// Binary data of at most 16 MiB (MySQL `MEDIUMBLOB`; elsewhere as `blob`).
    MediumBlob,
    /// A type dbkit does not model, spelled natively per dialect (`native = { postgres = "citext" }`).
    ///
    /// A dialect renders its own spelling from `types`; without one it renders `base`, and
    /// without a base it refuses the column.
    Native {
        /// The portable type to use where no native spelling is given, if any.
        base: Option<Box<ColumnType>>,
        /// The native type per dialect name, written as the database spells it.
        types: BTreeMap<String, String>,
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
    "tinyint",
    "mediumint",
    "tinyint unsigned",
    "smallint unsigned",
    "mediumint unsigned",
    "int unsigned",
    "bigint unsigned",
    "binary",
    "varbinary",
    "tinytext",
    "mediumtext",
    "longtext",
    "tinyblob",
    "mediumblob",
];

/// Other spellings accepted for some types, offered as suggestions too.
pub const TYPE_ALIASES: &[&str] = &[
    "integer", "float", "bool", "datetime", "numeric", "longblob",
];

/// The largest length accepted for `char(n)`: MySQL's limit, the smallest of the three.
pub const MAX_CHAR_LENGTH: u32 = 255;
/// The largest length accepted for `varchar(n)`: MySQL's limit for four-byte (utf8mb4) text.
pub const MAX_VARCHAR_LENGTH: u32 = 16_383;
/// The largest precision accepted for `decimal(p,s)` (MySQL's limit, the smallest of the three).
pub const MAX_DECIMAL_PRECISION: u32 = 65;
/// The largest scale accepted for `decimal(p,s)` (MySQL's limit, the smallest of the three).
pub const MAX_DECIMAL_SCALE: u32 = 30;
/// The largest length accepted for `binary(n)` (MySQL's limit).
pub const MAX_BINARY_LENGTH: u32 = 255;
/// The largest length accepted for `varbinary(n)` (MySQL's row limit).
pub const MAX_VARBINARY_LENGTH: u32 = 65_535;

impl ColumnType {
    /// Whether values of this type are integers.
    pub fn is_integer(&self) -> bool {
        match self {
            ColumnType::Native {
                base: Some(base), ..
            } => base.is_integer(),
            _ => self.integer_range().is_some(),
        }
    }

    /// Whether values of this type are numbers of any kind.
    pub fn is_numeric(&self) -> bool {
        match self {
            ColumnType::Native {
                base: Some(base), ..
            } => base.is_numeric(),
            _ => {
                self.is_integer()
                    || matches!(
                        self,
                        ColumnType::Decimal { .. } | ColumnType::Real | ColumnType::Double
                    )
            }
        }
    }

    /// Whether values of this type are character strings.
    pub fn is_string(&self) -> bool {
        match self {
            ColumnType::Native {
                base: Some(base), ..
            } => base.is_string(),
            _ => matches!(
                self,
                ColumnType::Char { .. }
                    | ColumnType::Varchar { .. }
                    | ColumnType::Text
                    | ColumnType::TinyText
                    | ColumnType::MediumText
                    | ColumnType::LongText
                    | ColumnType::Uuid
                    | ColumnType::Enum { .. }
            ),
        }
    }

    /// Whether values of this type are binary data.
    pub fn is_binary(&self) -> bool {
        match self {
            ColumnType::Native {
                base: Some(base), ..
            } => base.is_binary(),
            _ => matches!(
                self,
                ColumnType::Blob
                    | ColumnType::TinyBlob
                    | ColumnType::MediumBlob
                    | ColumnType::Binary { .. }
                    | ColumnType::VarBinary { .. }
            ),
        }
    }

    /// Whether values of this type are dates, times or timestamps.
    pub fn is_temporal(&self) -> bool {
        match self {
            ColumnType::Native {
                base: Some(base), ..
            } => base.is_temporal(),
            _ => matches!(
                self,
                ColumnType::Date
                    | ColumnType::Time
                    | ColumnType::Timestamp
                    | ColumnType::TimestampTz
            ),
        }
    }

    /// The inclusive range of an integer type.
    pub fn integer_range(&self) -> Option<(i64, i64)> {
        match self {
            ColumnType::SmallInt => Some((i16::MIN.into(), i16::MAX.into())),
            ColumnType::Int => Some((i32::MIN.into(), i32::MAX.into())),
            ColumnType::BigInt => Some((i64::MIN, i64::MAX)),
            ColumnType::TinyInt => Some((i8::MIN.into(), i8::MAX.into())),
            ColumnType::MediumInt => Some((-8_388_608, 8_388_607)),
            ColumnType::TinyIntUnsigned => Some((0, u8::MAX.into())),
            ColumnType::SmallIntUnsigned => Some((0, u16::MAX.into())),
            ColumnType::MediumIntUnsigned => Some((0, 16_777_215)),
            ColumnType::IntUnsigned => Some((0, u32::MAX.into())),
            // The model's integers are 64-bit signed; larger unsigned values are out of its reach.
            ColumnType::BigIntUnsigned => Some((0, i64::MAX)),
            ColumnType::Native {
                base: Some(base), ..
            } => base.integer_range(),
            _ => None,
        }
    }

    /// The longest string a value may have, for length-limited string types.
    pub fn max_length(&self) -> Option<u32> {
        match self {
            ColumnType::Char { length } | ColumnType::Varchar { length } => Some(*length),
            ColumnType::Uuid => Some(36),
            ColumnType::TinyText => Some(255),
            ColumnType::Native {
                base: Some(base), ..
            } => base.max_length(),
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
            ColumnType::TinyInt => f.write_str("tinyint"),
            ColumnType::MediumInt => f.write_str("mediumint"),
            ColumnType::TinyIntUnsigned => f.write_str("tinyint unsigned"),
            ColumnType::SmallIntUnsigned => f.write_str("smallint unsigned"),
            ColumnType::MediumIntUnsigned => f.write_str("mediumint unsigned"),
            ColumnType::IntUnsigned => f.write_str("int unsigned"),
            ColumnType::BigIntUnsigned => f.write_str("bigint unsigned"),
            ColumnType::Binary { length } => write!(f, "binary({length})"),
            ColumnType::VarBinary { length } => write!(f, "varbinary({length})"),
            ColumnType::TinyText => f.write_str("tinytext"),
            ColumnType::MediumText => f.write_str("mediumtext"),
            ColumnType::LongText => f.write_str("longtext"),
            ColumnType::TinyBlob => f.write_str("tinyblob"),
            ColumnType::MediumBlob => f.write_str("mediumblob"),
            ColumnType::Native { base, types } => {
                let spellings: Vec<String> = types
                    .iter()
                    .map(|(dialect, native)| format!("{dialect}: {native}"))
                    .collect();
                match base {
                    Some(base) => write!(f, "{base} (native {})", spellings.join(", ")),
                    None => write!(f, "native ({})", spellings.join(", ")),
                }
            }
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
    let lower = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
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
        "blob" | "longblob" => plain(ColumnType::Blob),
        "tinyint" => plain(ColumnType::TinyInt),
        "mediumint" => plain(ColumnType::MediumInt),
        "tinyint unsigned" => plain(ColumnType::TinyIntUnsigned),
        "smallint unsigned" => plain(ColumnType::SmallIntUnsigned),
        "mediumint unsigned" => plain(ColumnType::MediumIntUnsigned),
        "int unsigned" | "integer unsigned" => plain(ColumnType::IntUnsigned),
        "bigint unsigned" => plain(ColumnType::BigIntUnsigned),
        "tinytext" => plain(ColumnType::TinyText),
        "mediumtext" => plain(ColumnType::MediumText),
        "longtext" => plain(ColumnType::LongText),
        "tinyblob" => plain(ColumnType::TinyBlob),
        "mediumblob" => plain(ColumnType::MediumBlob),
        "binary" | "varbinary" => {
            let (example, max) = if lower == "binary" {
                (16, MAX_BINARY_LENGTH)
            } else {
                (255, MAX_VARBINARY_LENGTH)
            };
            let Some(parameters) = parameters else {
                return Err(bad(
                    &lower,
                    &format!("a length in bytes is required, as in {lower}({example})"),
                ));
            };
            let length = parse_number(&lower, parameters.trim(), "length")?;
            if length == 0 || length > max {
                return Err(bad(
                    &lower,
                    &format!(
                        "the length must be between 1 and {max}, not {length}; use blob for longer data"
                    ),
                ));
            }
            Ok(TypeSpec::Type(if lower == "binary" {
                ColumnType::Binary { length }
            } else {
                ColumnType::VarBinary { length }
            }))
        }
        "char" | "varchar" => {
            let (example, max) = if lower == "char" {
                (10, MAX_CHAR_LENGTH)
            } else {
                (255, MAX_VARCHAR_LENGTH)
            };
            let Some(parameters) = parameters else {
                return Err(bad(
                    &lower,
                    &format!("a length is required, as in {lower}({example})"),
                ));
            };
            let length = parse_number(&lower, parameters.trim(), "length")?;
            if length == 0 || length > max {
                let longer = if length > max {
                    "; use text for longer strings"
                } else {
                    ""
                };
                return Err(bad(
                    &lower,
                    &format!("the length must be between 1 and {max}, not {length}{longer}"),
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
            if scale > MAX_DECIMAL_SCALE {
                return Err(bad(
                    "decimal",
                    &format!("the scale must be at most {MAX_DECIMAL_SCALE}, not {scale}"),
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
            suggestion: crate::suggest::closest(
                &lower,
                TYPE_NAMES.iter().chain(TYPE_ALIASES).copied(),
            )
            .map(str::to_string),
        }),
    }
}

fn parse_enum_values(parameters: &str) -> Result<Vec<String>, TypeError> {
    if parameters.trim().is_empty() {
        return Err(bad(
            "enum",
            "at least one value is required, as in enum(new, used)",
        ));
    }
    let mut values: Vec<String> = Vec::new();
    for value in split_enum_values(parameters)? {
        if value.is_empty() {
            return Err(bad("enum", "an enum value cannot be empty"));
        }
        if let Some(existing) = values
            .iter()
            .find(|existing| existing.to_lowercase() == value.to_lowercase())
        {
            let reason = if *existing == value {
                format!("the value \"{value}\" is listed twice")
            } else {
                format!(
                    "the values \"{existing}\" and \"{value}\" differ only in letter case, which MySQL does not allow"
                )
            };
            return Err(bad("enum", &reason));
        }
        values.push(value);
    }
    Ok(values)
}

/// Splits `a, 'b, c', "d"` into its values: a value in quotes may contain commas, and a quote
/// inside it is written twice (`'it''s'`). Unquoted values are trimmed.
fn split_enum_values(parameters: &str) -> Result<Vec<String>, TypeError> {
    let mut values = Vec::new();
    let mut chars = parameters.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let value = match chars.peek().copied() {
            Some(quote @ ('\'' | '"')) => {
                chars.next();
                let mut value = String::new();
                loop {
                    match chars.next() {
                        Some(c) if c == quote => {
                            if chars.next_if_eq(&quote).is_some() {
                                value.push(quote);
                            } else {
                                break;
                            }
                        }
                        Some(c) => value.push(c),
                        None => {
                            return Err(bad(
                                "enum",
                                &format!("the quote {quote} before \"{value}\" is never closed"),
                            ));
                        }
                    }
                }
                while chars.next_if(|c| c.is_whitespace()).is_some() {}
                if chars.peek().is_some_and(|c| *c != ',') {
                    return Err(bad(
                        "enum",
                        &format!("expected a comma after the quoted value {quote}{value}{quote}"),
                    ));
                }
                value
            }
            _ => {
                let mut value = String::new();
                while let Some(c) = chars.next_if(|c| *c != ',') {
                    value.push(c);
                }
                value.trim_end().to_string()
            }
        };
        values.push(value);
        if chars.next().is_none() {
            return Ok(values);
        }
    }
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
    fn quoted_enum_values_may_hold_commas_and_quotes() {
        assert_eq!(
            parse_type("enum('a, b', \"it's\", 'say ''hi''', plain value)"),
            Ok(TypeSpec::Type(ColumnType::Enum {
                values: vec![
                    "a, b".into(),
                    "it's".into(),
                    "say 'hi'".into(),
                    "plain value".into()
                ]
            }))
        );
        let message = |text: &str| parse_type(text).expect_err(text).to_string();
        assert_eq!(
            message("enum(on, On)"),
            "bad parameters for type \"enum\": the values \"on\" and \"On\" differ only in letter case, which MySQL does not allow"
        );
        assert_eq!(
            message("enum('open, closed)"),
            "bad parameters for type \"enum\": the quote ' before \"open, closed\" is never closed"
        );
        assert_eq!(
            message("char(256)"),
            "bad parameters for type \"char\": the length must be between 1 and 255, not 256; use text for longer strings"
        );
        assert_eq!(
            message("decimal(40,31)"),
            "bad parameters for type \"decimal\": the scale must be at most 30, not 31"
        );
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
            "bad parameters for type \"varchar\": the length must be between 1 and 16383, not 0"
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
