//! Columns of a type the model knows only by the database's own spelling (`native = { ... }`,
//! mostly from `dbkit pull`): MySQL `year`, `set(...)`, `timestamp ON UPDATE ...` and
//! `geometry`, PostgreSQL arrays, `tsvector`, `bytea`, `inet` or `point`, SQLite's free-form
//! type names. Each is filled like a portable type, or with text in the form the database reads
//! for it; a type dbkit cannot fill leaves a nullable column NULL and is an error on a NOT NULL
//! one (unless `seed = { values = [...] }` gives the values).

use dbkit_model::{Column, ColumnType, Schema, Table};

use super::text::TextKind;
use crate::check::expr::Literal;
use crate::error::SeedError;

/// How a column of a native type is filled.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Filling {
    /// Like a column of the resolved portable type.
    Plain,
    /// Text of this kind, in the form the database reads for the type.
    Text(TextKind),
    /// A MySQL geometry: a point in MySQL's internal format (SRID, then well-known binary).
    MysqlPoint,
    /// Always NULL: the type is unknown to dbkit and the column is nullable.
    Null,
}

/// What dbkit seed makes of a column's type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    /// The portable type the generated values have.
    pub(crate) column_type: ColumnType,
    /// The smallest and largest values the native type holds, when narrower than the portable
    /// type's (MySQL `year`, `timestamp`).
    pub(crate) range: Option<(Literal, Literal)>,
    pub(crate) filling: Filling,
    /// The native spelling, for notes and messages.
    pub(crate) spelling: String,
}

/// The schema with every native column type replaced by the portable type it is filled as, and
/// for each table and column what [`resolve_type`] found (`None` for portable types).
pub(crate) type Resolution = (Schema, Vec<Vec<Option<Resolved>>>);

/// Resolves every native column of `schema`; fails on a NOT NULL column whose type dbkit cannot
/// fill and that has no `seed = { values = [...] }`.
pub(crate) fn resolve_schema(schema: &Schema) -> Result<Resolution, SeedError> {
    let mut resolved = schema.clone();
    let mut fillings = Vec::with_capacity(schema.tables.len());
    for table in &mut resolved.tables {
        let mut row = Vec::with_capacity(table.columns.len());
        for index in 0..table.columns.len() {
            let column = &table.columns[index];
            let ColumnType::Native { types, .. } = &column.column_type else {
                row.push(None);
                continue;
            };
            let found = match resolve_type(&column.column_type) {
                Some(found) => found,
                None => unknown(schema, table, column, types)?,
            };
            table.columns[index].column_type = found.column_type.clone();
            row.push(Some(found));
        }
        fillings.push(row);
    }
    Ok((resolved, fillings))
}

/// A column of a native type dbkit cannot fill: text when the user gave values, NULL when
/// nullable, an error otherwise.
fn unknown(
    schema: &Schema,
    table: &Table,
    column: &Column,
    types: &std::collections::BTreeMap<String, String>,
) -> Result<Resolved, SeedError> {
    let spelling = types
        .iter()
        .map(|(dialect, spelling)| format!("{dialect}: {spelling}"))
        .collect::<Vec<_>>()
        .join(", ");
    let has_values = schema
        .seed
        .column(&table.name, &column.name)
        .is_some_and(|seed| !seed.values.is_empty());
    let filling = if has_values {
        Filling::Plain
    } else if column.nullable {
        Filling::Null
    } else {
        return Err(SeedError::unsatisfiable(
            &table.name,
            &column.name,
            format!(
                "dbkit seed cannot make values of the native type {spelling}, and the column is NOT NULL; give it values with seed = {{ values = [...] }} in schema.toml, or give {} no rows",
                table.name
            ),
        ));
    };
    Ok(Resolved {
        column_type: ColumnType::Text,
        range: None,
        filling,
        spelling,
    })
}

/// What a native type is filled as, or `None` when it is not native or dbkit does not know it.
/// A native type with a portable base is filled as the base (within the range of a MySQL
/// `timestamp` or `year`); otherwise the first spelling dbkit recognises decides.
pub(crate) fn resolve_type(column_type: &ColumnType) -> Option<Resolved> {
    let ColumnType::Native { base, types } = column_type else {
        return None;
    };
    let range = types
        .get("mysql")
        .and_then(|spelling| mysql_range(&normalized(spelling)));
    let spelling = types
        .iter()
        .map(|(dialect, spelling)| format!("{dialect}: {spelling}"))
        .collect::<Vec<_>>()
        .join(", ");
    if let Some(base) = base {
        let column_type = match resolve_type(base) {
            Some(inner) => inner.column_type,
            None => (**base).clone(),
        };
        return Some(Resolved {
            column_type,
            range,
            filling: Filling::Plain,
            spelling,
        });
    }
    types.iter().find_map(|(dialect, native)| {
        let (column_type, filling) = recognise(dialect, native)?;
        Some(Resolved {
            column_type,
            range: if dialect == "mysql" {
                range.clone()
            } else {
                None
            },
            filling,
            spelling: spelling.clone(),
        })
    })
}

/// The spelling in lower case, with single spaces.
fn normalized(spelling: &str) -> String {
    spelling
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// The range of a MySQL type narrower than the portable type it is filled as.
fn mysql_range(spelling: &str) -> Option<(Literal, Literal)> {
    let name = type_name(spelling);
    match name {
        "year" => Some((Literal::Number(1901.0), Literal::Number(2155.0))),
        // TIMESTAMP counts seconds since 1970 in 32 bits; a day's margin on each side keeps
        // every session time zone inside.
        "timestamp" => Some((
            Literal::Text("1970-01-02 00:00:00".into()),
            Literal::Text("2038-01-18 00:00:00".into()),
        )),
        _ => None,
    }
}

/// The type's name: the spelling up to its parameters, attributes or array brackets.
fn type_name(spelling: &str) -> &str {
    let end = spelling
        .find(['(', '['])
        .unwrap_or(spelling.len())
        .min(attribute_start(spelling));
    spelling[..end].trim()
}

/// Where attributes such as `unsigned`, `on update ...` or `with time zone` start.
fn attribute_start(spelling: &str) -> usize {
    [
        " unsigned",
        " signed",
        " zerofill",
        " on update",
        " character set",
        " collate",
        " srid",
    ]
    .iter()
    .filter_map(|attribute| spelling.find(attribute))
    .min()
    .unwrap_or(spelling.len())
}

/// The first number in parentheses, as in `varchar(40)`.
fn length_of(spelling: &str) -> Option<u32> {
    let open = spelling.find('(')?;
    let close = spelling[open..].find(')')? + open;
    spelling[open + 1..close]
        .split(',')
        .next()?
        .trim()
        .parse()
        .ok()
}

/// The portable type and filling of a native spelling of `dialect`.
fn recognise(dialect: &str, original: &str) -> Option<(ColumnType, Filling)> {
    let spelling = &normalized(original);
    let plain = |column_type: ColumnType| Some((column_type, Filling::Plain));
    let text = |kind: TextKind| Some((ColumnType::Text, Filling::Text(kind)));
    if spelling.ends_with("[]") || (dialect == "postgres" && spelling.starts_with('_')) {
        let element = spelling.trim_start_matches('_').trim_end_matches("[]");
        let numbers = [
            "int", "smallint", "bigint", "integer", "int2", "int4", "int8",
        ];
        return if numbers.contains(&type_name(element)) {
            text(TextKind::IntegerArray)
        } else {
            text(TextKind::WordArray)
        };
    }
    let name = type_name(spelling);
    match (dialect, name) {
        (_, "year") => plain(ColumnType::SmallInt),
        ("mysql", "set") => Some((
            ColumnType::Enum {
                values: set_combinations(&quoted_values(original)),
            },
            Filling::Plain,
        )),
        (_, "enum") => plain(ColumnType::Enum {
            values: quoted_values(original),
        }),
        ("mysql", "timestamp" | "datetime") => plain(ColumnType::Timestamp),
        // A point is a valid value of both.
        ("mysql", "geometry" | "point") => Some((ColumnType::Blob, Filling::MysqlPoint)),
        ("postgres", "point") => text(TextKind::Point),
        (_, "tsvector") => text(TextKind::Lexemes),
        (_, "bytea") => plain(ColumnType::Blob),
        (_, "json" | "jsonb") => plain(ColumnType::Json),
        (_, "uuid") => plain(ColumnType::Uuid),
        (_, "inet" | "cidr") => text(TextKind::Ipv4),
        (_, "interval") => text(TextKind::Interval),
        (_, "money") => plain(ColumnType::Decimal {
            precision: 12,
            scale: 2,
        }),
        (_, "citext" | "name" | "clob" | "ntext") => plain(ColumnType::Text),
        (
            _,
            "varchar"
            | "character varying"
            | "nvarchar"
            | "varchar2"
            | "nvarchar2"
            | "national character varying",
        ) => plain(match length_of(spelling) {
            Some(length) if length > 0 => ColumnType::Varchar { length },
            _ => ColumnType::Text,
        }),
        (_, "char" | "character" | "nchar" | "bpchar" | "national character") => {
            plain(ColumnType::Char {
                length: length_of(spelling).unwrap_or(1).max(1),
            })
        }
        (_, "bool" | "boolean") => plain(ColumnType::Boolean),
        (_, "date") => plain(ColumnType::Date),
        (_, "time" | "time without time zone") => plain(ColumnType::Time),
        (_, "timestamptz" | "timestamp with time zone") => plain(ColumnType::TimestampTz),
        (_, "timestamp" | "datetime" | "timestamp without time zone" | "smalldatetime") => {
            plain(ColumnType::Timestamp)
        }
        (_, "smallint" | "int2" | "smallserial") => plain(ColumnType::SmallInt),
        (_, "int" | "integer" | "int4" | "serial" | "mediumint") => plain(ColumnType::Int),
        (_, "bigint" | "int8" | "bigserial") => plain(ColumnType::BigInt),
        (_, "real" | "float4") => plain(ColumnType::Real),
        (_, "double" | "double precision" | "float8" | "float") => plain(ColumnType::Double),
        (_, "numeric" | "decimal" | "number") => plain(decimal_of(spelling)),
        ("sqlite", _) => sqlite_affinity(name),
        _ => None,
    }
}

/// `numeric(p, s)`, or a decimal with cents when the spelling gives no precision.
fn decimal_of(spelling: &str) -> ColumnType {
    let parameters: Option<Vec<u32>> = spelling
        .find('(')
        .and_then(|open| {
            spelling[open + 1..].split(')').next().map(|inside| {
                inside
                    .split(',')
                    .map(|part| part.trim().parse().ok())
                    .collect()
            })
        })
        .flatten();
    match parameters.as_deref() {
        Some([precision]) if *precision > 0 => ColumnType::Decimal {
            precision: (*precision).min(38),
            scale: 0,
        },
        Some([precision, scale]) if *precision > 0 && scale <= precision => ColumnType::Decimal {
            precision: (*precision).min(38),
            scale: (*scale).min(30),
        },
        _ => ColumnType::Decimal {
            precision: 12,
            scale: 2,
        },
    }
}

/// SQLite's rules for a declared type it does not know (its "type affinity"): `INT` anywhere
/// makes an integer, `CHAR`, `CLOB` or `TEXT` text, `BLOB` (or nothing) binary data, `REAL`,
/// `FLOA` or `DOUB` a floating-point number, anything else a number.
fn sqlite_affinity(name: &str) -> Option<(ColumnType, Filling)> {
    let column_type = if name.contains("int") {
        ColumnType::BigInt
    } else if ["char", "clob", "text"]
        .iter()
        .any(|part| name.contains(part))
    {
        ColumnType::Text
    } else if name.contains("blob") || name.is_empty() {
        ColumnType::Blob
    } else if ["real", "floa", "doub"]
        .iter()
        .any(|part| name.contains(part))
    {
        ColumnType::Double
    } else {
        ColumnType::Decimal {
            precision: 12,
            scale: 2,
        }
    };
    Some((column_type, Filling::Plain))
}

/// The quoted values of `set('a','b')` or `enum('a','b')`, with `''` read as one quote.
fn quoted_values(spelling: &str) -> Vec<String> {
    let mut values = Vec::new();
    let Some(open) = spelling.find('(') else {
        return values;
    };
    let mut characters = spelling[open + 1..].chars().peekable();
    while let Some(character) = characters.next() {
        if character == ')' {
            break;
        }
        if character != '\'' {
            continue;
        }
        let mut value = String::new();
        while let Some(character) = characters.next() {
            if character == '\'' {
                if characters.peek() == Some(&'\'') {
                    characters.next();
                    value.push('\'');
                    continue;
                }
                break;
            }
            value.push(character);
        }
        values.push(value);
    }
    values
}

/// The values a MySQL `SET` column can hold, written as MySQL does (members in declaration
/// order, separated by commas): every non-empty combination of up to eight members, or each
/// member and each pair for larger sets.
fn set_combinations(members: &[String]) -> Vec<String> {
    if members.len() <= 8 {
        return (1_u32..(1 << members.len()))
            .map(|mask| {
                members
                    .iter()
                    .enumerate()
                    .filter(|(index, _)| mask & (1 << index) != 0)
                    .map(|(_, member)| member.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            })
            .collect();
    }
    let mut values: Vec<String> = members.to_vec();
    for (first, left) in members.iter().enumerate() {
        for right in &members[first + 1..] {
            values.push(format!("{left},{right}"));
        }
    }
    values
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn native(dialect: &str, spelling: &str) -> ColumnType {
        ColumnType::Native {
            base: None,
            types: BTreeMap::from([(dialect.to_string(), spelling.to_string())]),
        }
    }

    #[test]
    fn mysql_types_are_filled_within_their_ranges() {
        let year = resolve_type(&native("mysql", "year(4)")).expect("year");
        assert_eq!(year.column_type, ColumnType::SmallInt);
        assert_eq!(
            year.range,
            Some((Literal::Number(1901.0), Literal::Number(2155.0)))
        );
        let updated = resolve_type(&ColumnType::Native {
            base: Some(Box::new(ColumnType::Timestamp)),
            types: BTreeMap::from([(
                "mysql".to_string(),
                "timestamp ON UPDATE current_timestamp()".to_string(),
            )]),
        })
        .expect("timestamp");
        assert_eq!(updated.column_type, ColumnType::Timestamp);
        assert!(updated.range.is_some());
        let point = resolve_type(&native("mysql", "geometry")).expect("geometry");
        assert_eq!(point.filling, Filling::MysqlPoint);
    }

    #[test]
    fn a_set_holds_its_members_in_order() {
        let set = resolve_type(&native("mysql", "set('Trailers','It''s','Deleted Scenes')"))
            .expect("set");
        let ColumnType::Enum { values } = set.column_type else {
            panic!("a set is filled as an enum of its combinations");
        };
        assert_eq!(values.len(), 7);
        assert_eq!(values[0], "Trailers");
        assert!(values.contains(&"Trailers,It's,Deleted Scenes".to_string()));
        assert!(
            !values
                .iter()
                .any(|value| value.starts_with("It's,Trailers"))
        );
    }

    #[test]
    fn postgres_and_sqlite_spellings() {
        let array = resolve_type(&native("postgres", "text[]")).expect("array");
        assert_eq!(array.filling, Filling::Text(TextKind::WordArray));
        let numbers = resolve_type(&native("postgres", "integer[]")).expect("array");
        assert_eq!(numbers.filling, Filling::Text(TextKind::IntegerArray));
        let lexemes = resolve_type(&native("postgres", "tsvector")).expect("tsvector");
        assert_eq!(lexemes.filling, Filling::Text(TextKind::Lexemes));
        assert_eq!(
            resolve_type(&native("postgres", "character varying(12)"))
                .expect("varchar")
                .column_type,
            ColumnType::Varchar { length: 12 }
        );
        assert_eq!(
            resolve_type(&native("sqlite", "NUMERIC"))
                .expect("numeric")
                .column_type,
            ColumnType::Decimal {
                precision: 12,
                scale: 2
            }
        );
        assert_eq!(
            resolve_type(&native("sqlite", "UNSIGNED BIG INT"))
                .expect("affinity")
                .column_type,
            ColumnType::BigInt
        );
        assert_eq!(resolve_type(&native("postgres", "macaddr8")), None);
    }
}
