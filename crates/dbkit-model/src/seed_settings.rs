//! The `[seed]` table of `schema.toml` and the `seed = { ... }` key of a column: how `dbkit seed`
//! fills tables with sample data.
//!
//! ```toml
//! [seed]
//! rows = 500                                   # rows per table unless said otherwise
//!
//! [seed.tables.members]
//! rows = 10000
//! columns.email = { generator = "email" }
//! columns.age = { range = [18, 65] }
//! columns.status = { values = ["active", "closed"] }
//!
//! [tables.books]
//! columns.title = { type = "varchar(255)", seed = { generator = "title" } }
//! ```
//!
//! The model checks that every table and column named exists, that generator names are known,
//! and that values and ranges fit the column's type; the generators themselves live in
//! `dbkit-seed`.

use serde::{Deserialize, Serialize};

/// What `[seed]` and the columns' `seed` keys say.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SeedSettings {
    /// Rows per table for tables without their own count (`[seed] rows`).
    pub rows: Option<u64>,
    /// Per-table settings, in the order written.
    pub tables: Vec<TableSeed>,
}

/// Seed settings of one table (`[seed.tables.<name>]`, plus its columns' `seed` keys).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TableSeed {
    /// The table's name.
    pub table: String,
    /// How many rows to generate for this table.
    pub rows: Option<u64>,
    /// Per-column overrides, in the order written.
    pub columns: Vec<ColumnSeed>,
}

/// How to fill one column, overriding what dbkit would choose from its name and type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnSeed {
    /// The column's name.
    pub column: String,
    /// A named generator (see [`GENERATORS`]).
    pub generator: Option<String>,
    /// Values to pick from, each equally likely.
    pub values: Vec<SeedValue>,
    /// The smallest and largest value (numbers, or dates and timestamps written as strings).
    pub range: Option<(SeedValue, SeedValue)>,
    /// The share of rows left NULL, between 0 and 1 (nullable columns only).
    pub null_fraction: Option<f64>,
}

/// A value written in `values` or `range`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum SeedValue {
    /// A whole number.
    Integer(i64),
    /// A number with a fractional part, as written.
    Number(String),
    /// A string (also dates, times and timestamps).
    String(String),
    /// `true` or `false`.
    Boolean(bool),
}

impl SeedValue {
    /// The value as a [`crate::DefaultValue`], to check that it fits a column's type.
    pub fn as_default(&self) -> crate::DefaultValue {
        match self {
            SeedValue::Integer(number) => crate::DefaultValue::Integer(*number),
            SeedValue::Number(text) => crate::DefaultValue::Number(text.clone()),
            SeedValue::String(text) => crate::DefaultValue::String(text.clone()),
            SeedValue::Boolean(flag) => crate::DefaultValue::Boolean(*flag),
        }
    }
}

impl SeedSettings {
    /// The settings of `table`, if any were written.
    pub fn table(&self, table: &str) -> Option<&TableSeed> {
        self.tables.iter().find(|settings| settings.table == table)
    }

    /// The override of `table.column`, if one was written.
    pub fn column(&self, table: &str, column: &str) -> Option<&ColumnSeed> {
        self.table(table)?
            .columns
            .iter()
            .find(|settings| settings.column == column)
    }
}

/// The generator names `seed = { generator = "..." }` accepts.
pub const GENERATORS: &[&str] = &[
    "first_name",
    "last_name",
    "full_name",
    "email",
    "username",
    "phone",
    "street_address",
    "city",
    "state",
    "postal_code",
    "country",
    "country_code",
    "company",
    "job_title",
    "title",
    "isbn",
    "url",
    "domain",
    "ipv4",
    "word",
    "words",
    "sentence",
    "paragraph",
    "code",
    "uuid",
    "color",
    "currency_code",
    "product",
    "category",
    "slug",
    "password_hash",
    "price",
    "quantity",
    "integer",
    "decimal",
    "boolean",
    "date",
    "time",
    "timestamp",
    "birth_date",
    "json",
];
