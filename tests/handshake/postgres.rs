//! The handshake's PostgreSQL queries, run with bound parameters on a real PostgreSQL server.
//!
//! The server is `DBKIT_TEST_POSTGRES_URL`, by default
//! `postgres://postgres@127.0.0.1:5432/postgres`. Each fixture gets a database of its own; a
//! server that does not answer fails the test.

#[path = "engine/mod.rs"]
mod engine;

use std::error::Error;
use std::str::FromStr;

use dbkit_dialect_postgres::PostgresDialect;
use dbkit_generate::queries::Command;
use dbkit_tests::postgres::{DEFAULT_URL, URL_VARIABLE, rejection};
use dbkit_tests::{Database, Postgres, Rejection, Value};
use engine::{Answer, Cell, Executor, check_fixture, fixtures_for};
use postgres::types::private::BytesMut;
use postgres::types::{Format, FromSql, IsNull, ToSql, Type};
use postgres::{Client, Config, NoTls};

type DecodeError = Box<dyn Error + Sync + Send>;

/// A parameter sent as text, which the server reads as whatever type the statement needs,
/// exactly as a driver that binds strings does.
#[derive(Debug)]
struct TextParameter(Option<String>);

impl ToSql for TextParameter {
    fn to_sql(&self, _: &Type, out: &mut BytesMut) -> Result<IsNull, DecodeError> {
        match &self.0 {
            Some(text) => {
                out.extend_from_slice(text.as_bytes());
                Ok(IsNull::No)
            }
            None => Ok(IsNull::Yes),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    fn encode_format(&self, _: &Type) -> Format {
        Format::Text
    }

    fn to_sql_checked(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, DecodeError> {
        self.to_sql(ty, out)
    }
}

fn argument(value: &Value) -> TextParameter {
    TextParameter(match value {
        Value::Null => None,
        Value::Integer(number) => Some(number.to_string()),
        Value::Number(text) | Value::Text(text) => Some(text.clone()),
        Value::Boolean(flag) => Some(flag.to_string()),
        Value::Bytes(bytes) => Some(format!(
            "\\x{}",
            bytes
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect::<String>()
        )),
    })
}

/// A result value of any type, decoded from PostgreSQL's binary format.
struct AnyCell(Cell);

fn take<const N: usize>(raw: &[u8]) -> Result<[u8; N], DecodeError> {
    raw.get(..N)
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| "a value is shorter than its type".into())
}

/// `YYYY-MM-DD` of a day counted from 2000-01-01.
fn date(days_since_2000: i64) -> String {
    let days = days_since_2000 + 10_957 + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `HH:MM:SS` of a number of microseconds since midnight.
fn time(microseconds: i64) -> String {
    let seconds = microseconds.div_euclid(1_000_000);
    format!(
        "{:02}:{:02}:{:02}",
        seconds / 3600,
        (seconds / 60) % 60,
        seconds % 60
    )
}

/// The text of a binary NUMERIC.
fn numeric(raw: &[u8]) -> Result<String, DecodeError> {
    let count = i16::from_be_bytes(take(raw)?) as usize;
    let weight = i64::from(i16::from_be_bytes(take(&raw[2..])?));
    let sign = u16::from_be_bytes(take(&raw[4..])?);
    let scale = u16::from_be_bytes(take(&raw[6..])?) as usize;
    let mut digits = Vec::with_capacity(count);
    for index in 0..count {
        digits.push(i16::from_be_bytes(take(&raw[8 + 2 * index..])?));
    }
    let digit = |position: i64| -> i16 {
        usize::try_from(position)
            .ok()
            .and_then(|index| digits.get(index).copied())
            .unwrap_or(0)
    };
    let mut whole = String::new();
    for position in 0..=weight.max(-1) {
        if position == 0 {
            whole.push_str(&digit(position).to_string());
        } else {
            whole.push_str(&format!("{:04}", digit(position)));
        }
    }
    if whole.is_empty() {
        whole.push('0');
    }
    let mut fraction = String::new();
    let mut position = weight + 1;
    while fraction.len() < scale {
        fraction.push_str(&format!("{:04}", digit(position)));
        position += 1;
    }
    fraction.truncate(scale);
    let sign = if sign == 0x4000 { "-" } else { "" };
    Ok(if scale > 0 {
        format!("{sign}{whole}.{fraction}")
    } else {
        format!("{sign}{whole}")
    })
}

impl<'a> FromSql<'a> for AnyCell {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Self, DecodeError> {
        let text = || String::from_utf8(raw.to_vec());
        Ok(AnyCell(match *ty {
            Type::BOOL => Cell::Boolean(take::<1>(raw)?[0] != 0),
            Type::INT2 => Cell::Integer(i64::from(i16::from_be_bytes(take(raw)?))),
            Type::INT4 => Cell::Integer(i64::from(i32::from_be_bytes(take(raw)?))),
            Type::INT8 => Cell::Integer(i64::from_be_bytes(take(raw)?)),
            Type::FLOAT4 => Cell::Float(f64::from(f32::from_be_bytes(take(raw)?))),
            Type::FLOAT8 => Cell::Float(f64::from_be_bytes(take(raw)?)),
            Type::NUMERIC => Cell::Text(numeric(raw)?),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::JSON | Type::UNKNOWN => {
                Cell::Text(text()?)
            }
            Type::JSONB => Cell::Text(String::from_utf8(
                raw.get(1..).unwrap_or_default().to_vec(),
            )?),
            Type::DATE => Cell::Text(date(i64::from(i32::from_be_bytes(take(raw)?)))),
            Type::TIME => Cell::Text(time(i64::from_be_bytes(take(raw)?))),
            Type::TIMESTAMP | Type::TIMESTAMPTZ => {
                let microseconds = i64::from_be_bytes(take(raw)?);
                let day = microseconds.div_euclid(86_400_000_000);
                Cell::Text(format!(
                    "{} {}",
                    date(day),
                    time(microseconds.rem_euclid(86_400_000_000))
                ))
            }
            Type::UUID => {
                let hex: String = take::<16>(raw)?
                    .iter()
                    .map(|byte| format!("{byte:02x}"))
                    .collect();
                Cell::Text(format!(
                    "{}-{}-{}-{}-{}",
                    &hex[..8],
                    &hex[8..12],
                    &hex[12..16],
                    &hex[16..20],
                    &hex[20..]
                ))
            }
            Type::BYTEA => Cell::Bytes(raw.to_vec()),
            ref other => return Err(format!("the test cannot read values of type {other}").into()),
        }))
    }

    fn from_sql_null(_: &Type) -> Result<Self, DecodeError> {
        Ok(AnyCell(Cell::Null))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// A second connection to a scratch database, running prepared statements as a backend does.
struct PostgresExecutor {
    client: Client,
    database: String,
}

impl PostgresExecutor {
    fn connect(db: &mut Postgres) -> PostgresExecutor {
        let database = db
            .query_text("SELECT current_database()")
            .unwrap_or_else(|error| panic!("cannot read the scratch database's name: {error}"));
        let url = std::env::var(URL_VARIABLE).unwrap_or_else(|_| DEFAULT_URL.to_string());
        let mut config = Config::from_str(&url)
            .unwrap_or_else(|error| panic!("{URL_VARIABLE} is not a PostgreSQL URL: {error}"));
        let mut client = config
            .dbname(&database)
            .connect(NoTls)
            .unwrap_or_else(|error| {
                panic!("cannot open a second connection to {database}: {error}")
            });
        client
            .batch_execute("SET TIME ZONE 'UTC'")
            .unwrap_or_else(|error| panic!("cannot set the time zone: {error}"));
        PostgresExecutor { client, database }
    }
}

impl Executor for PostgresExecutor {
    fn describe(&self) -> String {
        format!("PostgreSQL database {}", self.database)
    }

    fn run(
        &mut self,
        sql: &str,
        command: Command,
        arguments: &[Value],
    ) -> Result<Answer, Rejection> {
        let parameters: Vec<TextParameter> = arguments.iter().map(argument).collect();
        let references: Vec<&(dyn ToSql + Sync)> = parameters
            .iter()
            .map(|parameter| parameter as &(dyn ToSql + Sync))
            .collect();
        match command {
            Command::One | Command::Many => {
                let rows = self
                    .client
                    .query(sql, &references)
                    .map_err(|error| rejection(&error))?;
                let mut out = Vec::new();
                for row in rows {
                    let mut cells = Vec::new();
                    for index in 0..row.len() {
                        let cell: AnyCell = row
                            .try_get(index)
                            .map_err(|error| Rejection::other(error.to_string()))?;
                        cells.push(cell.0);
                    }
                    out.push(cells);
                }
                Ok(Answer::Rows(out))
            }
            Command::ExecRows => self
                .client
                .execute(sql, &references)
                .map(Answer::Affected)
                .map_err(|error| rejection(&error)),
            Command::Exec => self
                .client
                .execute(sql, &references)
                .map(|_| Answer::Done)
                .map_err(|error| rejection(&error)),
            Command::ExecLastId => Err(Rejection::other(
                "PostgreSQL has no last insert id; creates use RETURNING",
            )),
        }
    }
}

/// Every generated query of every fixture runs on PostgreSQL and does what its README says.
#[test]
fn every_generated_query_runs_on_postgres() {
    let mut failures = Vec::new();
    for fixture in fixtures_for(&PostgresDialect) {
        let mut db = Postgres::scratch(&format!("handshake_{}", fixture.name));
        let mut executor = PostgresExecutor::connect(&mut db);
        if let Err(error) = check_fixture(&fixture, &mut db, &mut executor) {
            failures.push(error);
        }
        drop(executor);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn numerics_and_dates_decode() {
    // 1234.50: weight 0 (units of 10000 before the point: 1234), then 5000 after it.
    let raw = [0, 2, 0, 0, 0, 0, 0, 2, 4, 210, 19, 136];
    assert_eq!(numeric(&raw).ok(), Some("1234.50".to_string()));
    assert_eq!(date(0), "2000-01-01");
    assert_eq!(date(8_825), "2024-02-29");
    assert_eq!(date(-1), "1999-12-31");
    assert_eq!(time(34_200_000_000), "09:30:00");
}
