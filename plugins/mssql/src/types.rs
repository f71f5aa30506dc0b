//! The SQL Server type of each logical type.
//!
//! | logical type       | SQL Server                          |
//! |--------------------|-------------------------------------|
//! | smallint, int, bigint | `SMALLINT`, `INT`, `BIGINT`      |
//! | decimal(p,s)       | `DECIMAL(p,s)` (p at most 38)       |
//! | real, double       | `REAL`, `FLOAT(53)`                 |
//! | char(n)            | `NCHAR(n)` (n at most 4000)         |
//! | varchar(n)         | `NVARCHAR(n)`, `NVARCHAR(MAX)` above 4000 |
//! | text, json         | `NVARCHAR(MAX)` (json with an `ISJSON` check) |
//! | boolean            | `BIT`                               |
//! | date, time         | `DATE`, `TIME`                      |
//! | timestamp          | `DATETIME2`                         |
//! | timestamptz        | `DATETIMEOFFSET`                    |
//! | uuid               | `UNIQUEIDENTIFIER`                  |
//! | blob               | `VARBINARY(MAX)`                    |
//! | enum(...)          | `NVARCHAR(longest value)` with a CHECK |
//!
//! Strings are `NCHAR`/`NVARCHAR` so that any Unicode text fits whatever the database collation.
//! See <https://learn.microsoft.com/sql/t-sql/data-types/data-types-transact-sql>.

use dbkit_sdk::DialectError;
use dbkit_sdk::model::{Column, ColumnType, Table};

use crate::NAME;

/// The longest `NCHAR(n)`/`NVARCHAR(n)`; longer strings are `NVARCHAR(MAX)`.
const MAX_NCHAR: u32 = 4000;

/// The largest `DECIMAL` precision.
const MAX_PRECISION: u32 = 38;

/// The native type of `column`.
pub(crate) fn native_type(table: &Table, column: &Column) -> Result<String, DialectError> {
    let unsupported = |feature: String| DialectError::unsupported(NAME, table, column, &feature);
    Ok(match &column.column_type {
        ColumnType::SmallInt => "SMALLINT".into(),
        ColumnType::Int => "INT".into(),
        ColumnType::BigInt => "BIGINT".into(),
        ColumnType::Decimal { precision, scale } => {
            if *precision == 0 || *precision > MAX_PRECISION || scale > precision {
                return Err(unsupported(format!(
                    "decimal({precision},{scale}): the precision must be 1 to {MAX_PRECISION} and at least the scale"
                )));
            }
            format!("DECIMAL({precision},{scale})")
        }
        ColumnType::Real => "REAL".into(),
        ColumnType::Double => "FLOAT(53)".into(),
        ColumnType::Char { length } => {
            if *length == 0 || *length > MAX_NCHAR {
                return Err(unsupported(format!(
                    "char({length}): the length must be 1 to {MAX_NCHAR}"
                ))
                .with_help("use varchar or text for longer strings"));
            }
            format!("NCHAR({length})")
        }
        ColumnType::Varchar { length } => string_type(*length).map_err(unsupported)?,
        ColumnType::Text | ColumnType::Json => "NVARCHAR(MAX)".into(),
        ColumnType::Boolean => "BIT".into(),
        ColumnType::Date => "DATE".into(),
        ColumnType::Time => "TIME".into(),
        ColumnType::Timestamp => "DATETIME2".into(),
        ColumnType::TimestampTz => "DATETIMEOFFSET".into(),
        ColumnType::Uuid => "UNIQUEIDENTIFIER".into(),
        ColumnType::Blob => "VARBINARY(MAX)".into(),
        ColumnType::Enum { .. } => match column.column_type.max_length() {
            Some(length) => string_type(length).map_err(unsupported)?,
            None => return Err(unsupported("an enum without values".into())),
        },
        other => return Err(unsupported(format!("the type {other}"))),
    })
}

fn string_type(length: u32) -> Result<String, String> {
    match length {
        0 => Err("strings of length 0".into()),
        1..=MAX_NCHAR => Ok(format!("NVARCHAR({length})")),
        _ => Ok("NVARCHAR(MAX)".into()),
    }
}

#[cfg(test)]
mod tests {
    use dbkit_sdk::model::{ParseOptions, parse_schema};

    use super::*;

    fn types_of(source: &str) -> Vec<Result<String, String>> {
        let schema = parse_schema(source, "schema.toml", &ParseOptions::default())
            .expect("the test schema parses");
        let table = &schema.tables[0];
        table
            .columns
            .iter()
            .map(|column| native_type(table, column).map_err(|error| error.to_string()))
            .collect()
    }

    #[test]
    fn maps_every_logical_type() {
        let types = types_of(
            r#"
            [tables.t]
            columns.id = "id"
            columns.a = "smallint"
            columns.b = "int"
            columns.c = "decimal(12,4)"
            columns.d = "real"
            columns.e = "double"
            columns.f = "char(3)"
            columns.g = "varchar(4000)"
            columns.h = "varchar(4001)"
            columns.i = "text"
            columns.j = "boolean"
            columns.k = "date"
            columns.l = "time"
            columns.m = "timestamp"
            columns.n = "timestamptz"
            columns.o = "uuid"
            columns.p = "json"
            columns.q = "blob"
            columns.r = "enum(new, used, broken)"
            "#,
        );
        let expected = [
            "BIGINT",
            "SMALLINT",
            "INT",
            "DECIMAL(12,4)",
            "REAL",
            "FLOAT(53)",
            "NCHAR(3)",
            "NVARCHAR(4000)",
            "NVARCHAR(MAX)",
            "NVARCHAR(MAX)",
            "BIT",
            "DATE",
            "TIME",
            "DATETIME2",
            "DATETIMEOFFSET",
            "UNIQUEIDENTIFIER",
            "NVARCHAR(MAX)",
            "VARBINARY(MAX)",
            "NVARCHAR(6)",
        ];
        let expected: Vec<Result<String, String>> =
            expected.iter().map(|name| Ok(name.to_string())).collect();
        assert_eq!(types, expected);
    }

    #[test]
    fn refuses_what_sql_server_cannot_store() {
        let schema = parse_schema(
            "[tables.t]\ncolumns.id = \"id\"\ncolumns.wide = \"char(3)\"",
            "schema.toml",
            &ParseOptions::default(),
        )
        .expect("the test schema parses");
        let table = &schema.tables[0];
        let mut column = table.columns[1].clone();
        let refused =
            |column: &Column| native_type(table, column).map_err(|error| error.to_string());
        column.column_type = ColumnType::Char { length: 5000 };
        assert_eq!(
            refused(&column),
            Err("t.wide: mssql does not support char(5000): the length must be 1 to 4000; use varchar or text for longer strings".to_string())
        );
        column.column_type = ColumnType::Decimal {
            precision: 40,
            scale: 2,
        };
        assert_eq!(
            refused(&column),
            Err("t.wide: mssql does not support decimal(40,2): the precision must be 1 to 38 and at least the scale".to_string())
        );
    }
}
