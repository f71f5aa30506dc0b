//! Generated rows, stored column by column so that millions of values cost no allocation each.

use dbkit_model::ColumnType;

/// Every generated table, in the order the tables are inserted (parents before children).
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// The project's name, for file headers.
    pub project: String,
    /// The seed the data was generated with.
    pub seed: u64,
    /// The tables, in insertion order.
    pub tables: Vec<TableData>,
    /// Remarks about choices made while generating (a row count lowered to what a key allows).
    pub notes: Vec<String>,
}

impl Dataset {
    /// The table with this name.
    pub fn table(&self, name: &str) -> Option<&TableData> {
        self.tables.iter().find(|table| table.name == name)
    }

    /// The number of rows over all tables.
    pub fn total_rows(&self) -> usize {
        self.tables.iter().map(|table| table.rows).sum()
    }
}

/// The generated rows of one table.
#[derive(Debug, Clone, PartialEq)]
pub struct TableData {
    /// The table's name.
    pub name: String,
    /// The number of rows.
    pub rows: usize,
    /// One entry per column of the table, in the table's column order.
    pub columns: Vec<ColumnData>,
    /// Indexes (into `columns`) of the primary key, used to address rows in later updates.
    pub key: Vec<usize>,
    /// Indexes of the columns that close a reference cycle: they are inserted as NULL and set by
    /// an UPDATE once every table holds its rows.
    pub deferred: Vec<usize>,
    /// Indexes of the NOT NULL columns that close a reference cycle: they are inserted with their
    /// values, which reference rows inserted later, so their foreign keys are checked only once
    /// every table holds its rows (see `render::postpone`).
    pub postponed: Vec<usize>,
    /// Indexes of the auto-increment columns that were given explicit values, whose sequence must
    /// be moved past them (PostgreSQL).
    pub identity: Vec<usize>,
}

impl TableData {
    /// The column with this name.
    pub fn column(&self, name: &str) -> Option<&ColumnData> {
        self.columns.iter().find(|column| column.name == name)
    }

    /// Whether `column` (an index) is set after the inserts.
    pub fn is_deferred(&self, column: usize) -> bool {
        self.deferred.contains(&column)
    }

    /// The postponed columns' names, when the table has any.
    pub fn postponed_columns(&self) -> Vec<&str> {
        self.postponed
            .iter()
            .map(|&column| self.columns[column].name.as_str())
            .collect()
    }
}

/// The values of one column.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnData {
    /// The column's name.
    pub name: String,
    /// The column's logical type.
    pub column_type: ColumnType,
    /// The values; a NULL row holds a placeholder.
    pub cells: Cells,
    /// Which rows are NULL; empty when no row is.
    pub nulls: Vec<bool>,
}

impl ColumnData {
    /// An empty column of `column_type`.
    pub fn new(name: &str, column_type: &ColumnType, capacity: usize) -> ColumnData {
        ColumnData {
            name: name.to_string(),
            column_type: column_type.clone(),
            cells: Cells::for_type(column_type, capacity),
            nulls: Vec::new(),
        }
    }

    /// Whether row `row` is NULL.
    #[inline]
    pub fn is_null(&self, row: usize) -> bool {
        self.nulls.get(row).copied().unwrap_or(false)
    }

    /// The value of row `row`.
    #[inline]
    pub fn value(&self, row: usize) -> Value<'_> {
        if self.is_null(row) {
            return Value::Null;
        }
        self.cells.value(row)
    }

    /// Appends a value (`Value::Null` for NULL). A value of another kind than the column's is
    /// stored as NULL; generation never produces one.
    pub fn push(&mut self, value: Value<'_>) {
        let row = self.cells.len();
        let null = matches!(value, Value::Null) || !self.cells.push(value);
        if null {
            self.cells.push_placeholder();
            if self.nulls.len() < row {
                self.nulls.resize(row, false);
            }
            self.nulls.push(true);
        } else if !self.nulls.is_empty() {
            self.nulls.push(false);
        }
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether the column holds no value.
    pub fn is_empty(&self) -> bool {
        self.cells.len() == 0
    }
}

/// One value, borrowed from a column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// SQL NULL.
    Null,
    /// An integer.
    Int(i64),
    /// A decimal: the digits as an integer, and how many of them follow the point.
    Decimal(i128, u32),
    /// A floating-point number.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A date, as days since 1970-01-01.
    Date(i64),
    /// A time of day, as seconds since midnight.
    Time(i64),
    /// A date and time (UTC), as seconds since 1970-01-01 00:00:00.
    Timestamp(i64),
    /// A UUID.
    Uuid(u128),
    /// Text.
    Text(&'a str),
    /// Binary data.
    Bytes(&'a [u8]),
}

/// Values of one type, stored contiguously.
#[derive(Debug, Clone, PartialEq)]
pub enum Cells {
    /// Integers of every size, signed or not.
    Int(Vec<i64>),
    /// decimal(p, s): unscaled digits.
    Decimal {
        /// Digits after the point.
        scale: u32,
        /// The unscaled values.
        values: Vec<i128>,
    },
    /// real and double.
    Float(Vec<f64>),
    /// boolean.
    Bool(Vec<bool>),
    /// date: days since 1970-01-01.
    Date(Vec<i64>),
    /// time: seconds since midnight.
    Time(Vec<i64>),
    /// timestamp and timestamptz: seconds since the epoch (UTC).
    Timestamp(Vec<i64>),
    /// uuid.
    Uuid(Vec<u128>),
    /// char, varchar, every text, enum and json.
    Text(TextCells),
    /// blob, binary and varbinary.
    Bytes(ByteCells),
}

impl Cells {
    /// Empty storage for values of `column_type`.
    pub fn for_type(column_type: &ColumnType, capacity: usize) -> Cells {
        match column_type {
            ColumnType::Native { .. } => Cells::Text(TextCells::with_capacity(capacity)),
            column_type if column_type.integer_range().is_some() => {
                Cells::Int(Vec::with_capacity(capacity))
            }
            ColumnType::Decimal { scale, .. } => Cells::Decimal {
                scale: *scale,
                values: Vec::with_capacity(capacity),
            },
            ColumnType::Real | ColumnType::Double => Cells::Float(Vec::with_capacity(capacity)),
            ColumnType::Boolean => Cells::Bool(Vec::with_capacity(capacity)),
            ColumnType::Date => Cells::Date(Vec::with_capacity(capacity)),
            ColumnType::Time => Cells::Time(Vec::with_capacity(capacity)),
            ColumnType::Timestamp | ColumnType::TimestampTz => {
                Cells::Timestamp(Vec::with_capacity(capacity))
            }
            ColumnType::Uuid => Cells::Uuid(Vec::with_capacity(capacity)),
            column_type if column_type.is_binary() => {
                Cells::Bytes(ByteCells::with_capacity(capacity))
            }
            _ => Cells::Text(TextCells::with_capacity(capacity)),
        }
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        match self {
            Cells::Int(values)
            | Cells::Date(values)
            | Cells::Time(values)
            | Cells::Timestamp(values) => values.len(),
            Cells::Decimal { values, .. } => values.len(),
            Cells::Float(values) => values.len(),
            Cells::Bool(values) => values.len(),
            Cells::Uuid(values) => values.len(),
            Cells::Text(values) => values.len(),
            Cells::Bytes(values) => values.len(),
        }
    }

    /// Whether there is no value.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The value of row `row`.
    #[inline]
    pub fn value(&self, row: usize) -> Value<'_> {
        match self {
            Cells::Int(values) => Value::Int(values[row]),
            Cells::Decimal { scale, values } => Value::Decimal(values[row], *scale),
            Cells::Float(values) => Value::Float(values[row]),
            Cells::Bool(values) => Value::Bool(values[row]),
            Cells::Date(values) => Value::Date(values[row]),
            Cells::Time(values) => Value::Time(values[row]),
            Cells::Timestamp(values) => Value::Timestamp(values[row]),
            Cells::Uuid(values) => Value::Uuid(values[row]),
            Cells::Text(values) => Value::Text(values.get(row)),
            Cells::Bytes(values) => Value::Bytes(values.get(row)),
        }
    }

    /// Appends `value`; false when it is not of this storage's kind.
    #[inline]
    fn push(&mut self, value: Value<'_>) -> bool {
        match (self, value) {
            (Cells::Int(values), Value::Int(v)) => values.push(v),
            (Cells::Decimal { scale, values }, Value::Decimal(v, s)) => {
                values.push(rescale(v, s, *scale))
            }
            (Cells::Decimal { scale, values }, Value::Int(v)) => {
                values.push(rescale(i128::from(v), 0, *scale))
            }
            (Cells::Float(values), Value::Float(v)) => values.push(v),
            (Cells::Float(values), Value::Int(v)) => values.push(v as f64),
            (Cells::Bool(values), Value::Bool(v)) => values.push(v),
            (Cells::Date(values), Value::Date(v)) => values.push(v),
            (Cells::Time(values), Value::Time(v)) => values.push(v),
            (Cells::Timestamp(values), Value::Timestamp(v)) => values.push(v),
            (Cells::Uuid(values), Value::Uuid(v)) => values.push(v),
            (Cells::Text(values), Value::Text(v)) => values.push(v),
            (Cells::Bytes(values), Value::Bytes(v)) => values.push(v),
            _ => return false,
        }
        true
    }

    fn push_placeholder(&mut self) {
        match self {
            Cells::Int(values)
            | Cells::Date(values)
            | Cells::Time(values)
            | Cells::Timestamp(values) => values.push(0),
            Cells::Decimal { values, .. } => values.push(0),
            Cells::Float(values) => values.push(0.0),
            Cells::Bool(values) => values.push(false),
            Cells::Uuid(values) => values.push(0),
            Cells::Text(values) => values.push(""),
            Cells::Bytes(values) => values.push(&[]),
        }
    }
}

/// Changes the number of digits after the point of an unscaled decimal (rounding toward zero).
pub(crate) fn rescale(value: i128, from: u32, to: u32) -> i128 {
    if to >= from {
        value.saturating_mul(10_i128.saturating_pow(to - from))
    } else {
        value / 10_i128.saturating_pow(from - to)
    }
}

/// Many strings in one buffer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextCells {
    data: String,
    ends: Vec<usize>,
}

impl TextCells {
    /// Room for `capacity` strings.
    pub fn with_capacity(capacity: usize) -> TextCells {
        TextCells {
            data: String::with_capacity(capacity * 16),
            ends: Vec::with_capacity(capacity),
        }
    }

    /// Appends a string.
    #[inline]
    pub fn push(&mut self, text: &str) {
        self.data.push_str(text);
        self.ends.push(self.data.len());
    }

    /// The string of row `row`.
    #[inline]
    pub fn get(&self, row: usize) -> &str {
        let start = if row == 0 { 0 } else { self.ends[row - 1] };
        &self.data[start..self.ends[row]]
    }

    /// The number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is no string.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Many byte strings in one buffer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ByteCells {
    data: Vec<u8>,
    ends: Vec<usize>,
}

impl ByteCells {
    /// Room for `capacity` byte strings.
    pub fn with_capacity(capacity: usize) -> ByteCells {
        ByteCells {
            data: Vec::with_capacity(capacity * 16),
            ends: Vec::with_capacity(capacity),
        }
    }

    /// Appends a byte string.
    pub fn push(&mut self, bytes: &[u8]) {
        self.data.extend_from_slice(bytes);
        self.ends.push(self.data.len());
    }

    /// The bytes of row `row`.
    pub fn get(&self, row: usize) -> &[u8] {
        let start = if row == 0 { 0 } else { self.ends[row - 1] };
        &self.data[start..self.ends[row]]
    }

    /// The number of byte strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is no byte string.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_keep_values_and_nulls_in_order() {
        let mut column = ColumnData::new("name", &ColumnType::Varchar { length: 20 }, 4);
        column.push(Value::Text("Ann"));
        column.push(Value::Null);
        column.push(Value::Text("O'Brien"));
        assert_eq!(column.len(), 3);
        assert_eq!(column.value(0), Value::Text("Ann"));
        assert_eq!(column.value(1), Value::Null);
        assert_eq!(column.value(2), Value::Text("O'Brien"));
        let mut fee = ColumnData::new(
            "fee",
            &ColumnType::Decimal {
                precision: 8,
                scale: 2,
            },
            2,
        );
        fee.push(Value::Int(3));
        fee.push(Value::Decimal(125, 1));
        assert_eq!(fee.value(0), Value::Decimal(300, 2));
        assert_eq!(fee.value(1), Value::Decimal(1250, 2));
    }
}
