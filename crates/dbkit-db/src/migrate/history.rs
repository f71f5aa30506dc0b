//! refinery's history table, `refinery_schema_history`: one row per applied migration.
//!
//! dbkit writes and reads it exactly as refinery does (the same columns, RFC 3339 times and
//! refinery's checksums), so that refinery's runner and dbkit's own statement-by-statement
//! runner share it.

use std::time::{SystemTime, UNIX_EPOCH};

use super::driver::{Driver, DriverError};

/// The name of refinery's history table.
pub const HISTORY_TABLE: &str = "refinery_schema_history";

/// One applied migration, as the history table records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedMigration {
    /// The version.
    pub version: u32,
    /// The name (after `V<version>__`).
    pub name: String,
    /// When it was applied (RFC 3339).
    pub applied_on: String,
    /// refinery's checksum of its normalised `up.sql`.
    pub checksum: u64,
}

/// The statement that creates the history table when it is missing (refinery's own).
pub(crate) fn create_table_sql() -> String {
    format!(
        "CREATE TABLE IF NOT EXISTS {HISTORY_TABLE}(
             version int4 PRIMARY KEY,
             name VARCHAR(255),
             applied_on VARCHAR(255),
             checksum VARCHAR(255))"
    )
}

/// The statement that records `version` as applied. `name` is letters, digits and `_` only
/// (checked when the folder is read), so it needs no escaping.
pub(crate) fn insert_sql(version: u32, name: &str, checksum: u64) -> String {
    format!(
        "INSERT INTO {HISTORY_TABLE} (version, name, applied_on, checksum) VALUES ({version}, '{name}', '{}', '{checksum}')",
        rfc3339_now()
    )
}

/// The statement that forgets `version` (after it was undone).
pub(crate) fn delete_sql(version: u32) -> String {
    format!("DELETE FROM {HISTORY_TABLE} WHERE version = {version}")
}

/// Creates the history table if needed.
pub(crate) fn ensure_table(driver: &mut Driver, password: Option<&str>) -> Result<(), DriverError> {
    driver.execute(&create_table_sql(), password)
}

/// Whether the history table exists (without creating it).
pub(crate) fn table_exists(
    driver: &mut Driver,
    password: Option<&str>,
) -> Result<bool, DriverError> {
    let sql = match driver {
        Driver::Mysql(_) => format!(
            "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '{HISTORY_TABLE}'"
        ),
        Driver::Postgres(_) => format!(
            "SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = '{HISTORY_TABLE}'"
        ),
        Driver::Sqlite(_) => format!(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{HISTORY_TABLE}'"
        ),
    };
    let rows = driver.query(&sql, password)?;
    Ok(rows
        .first()
        .and_then(|row| row.first().cloned().flatten())
        .is_some_and(|count| count != "0"))
}

/// The applied migrations, by version; `Err` with a message for a row that cannot be read.
pub(crate) fn read(
    driver: &mut Driver,
    password: Option<&str>,
) -> Result<Result<Vec<AppliedMigration>, String>, DriverError> {
    let rows = driver.query(
        &format!(
            "SELECT version, name, applied_on, checksum FROM {HISTORY_TABLE} ORDER BY version"
        ),
        password,
    )?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let text = |index: usize| row.get(index).cloned().flatten().unwrap_or_default();
            let version = text(0)
                .parse::<u32>()
                .map_err(|_| format!("version \"{}\" is not a positive number", text(0)))?;
            let checksum = text(3).parse::<u64>().map_err(|_| {
                format!(
                    "the checksum \"{}\" of version {version} is not a number",
                    text(3)
                )
            })?;
            Ok(AppliedMigration {
                version,
                name: text(1),
                applied_on: text(2),
                checksum,
            })
        })
        .collect())
}

/// The current time as RFC 3339 in UTC, the form refinery stores and reads back.
pub(crate) fn rfc3339_now() -> String {
    let elapsed = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let seconds = elapsed.as_secs() as i64;
    let (days, of_day) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:09}Z",
        of_day / 3600,
        of_day % 3600 / 60,
        of_day % 60,
        elapsed.subsec_nanos()
    )
}

/// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_days_to_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn times_are_rfc3339() {
        let now = rfc3339_now();
        assert_eq!(now.len(), "2024-01-01T00:00:00.000000000Z".len(), "{now}");
        assert!(now.ends_with('Z') && now.as_bytes()[10] == b'T', "{now}");
    }
}
