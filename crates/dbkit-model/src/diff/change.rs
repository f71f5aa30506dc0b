//! The differences between two schemas, as data.

use serde::{Deserialize, Serialize};

use crate::column_type::ColumnType;
use crate::default_value::DefaultValue;
use crate::options::TableOptions;
use crate::schema::{
    CheckConstraint, Column, ForeignKey, Index, PrimaryKey, Table, UniqueConstraint,
};

/// One difference between two schemas: what to do to the first to get the second.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A table only the second schema has, with all its columns, keys and indexes.
    CreateTable {
        /// The new table.
        table: Table,
    },
    /// A table only the first schema has.
    DropTable {
        /// The table that goes, as it was.
        table: Table,
    },
    /// A table renamed, as declared with `renamed_from`.
    RenameTable {
        /// The old name.
        from: String,
        /// The new name.
        to: String,
    },
    /// A table's comment or storage options changed.
    AlterTable {
        /// The table (by its new name).
        table: String,
        /// What changed.
        changes: Vec<TableChange>,
    },
    /// A column only the second schema's table has.
    AddColumn {
        /// The table.
        table: String,
        /// The new column.
        column: Column,
        /// The column it follows, `None` when it is the first.
        after: Option<String>,
    },
    /// A column only the first schema's table has.
    DropColumn {
        /// The table.
        table: String,
        /// The column that goes, as it was.
        column: Column,
    },
    /// A column renamed, as declared with `renamed_from`.
    RenameColumn {
        /// The table (by its new name).
        table: String,
        /// The old name.
        from: String,
        /// The new name.
        to: String,
    },
    /// A column whose type, nullability, default, comment, collation or generation changed.
    AlterColumn {
        /// The table.
        table: String,
        /// The column (by its new name).
        column: String,
        /// The column as it was.
        from: Column,
        /// The column as it becomes.
        to: Column,
        /// What changed, in a fixed order.
        changes: Vec<ColumnChange>,
    },
    /// The columns that both versions of a table have stand in another order. Columns added or
    /// dropped are not listed: [`Change::AddColumn`] places a new column itself.
    ReorderColumns {
        /// The table (by its new name).
        table: String,
        /// The shared columns in their old order (by their new names).
        from: Vec<String>,
        /// The same columns in their new order.
        to: Vec<String>,
    },
    /// A primary key added (or replaced: dropped, then added).
    AddPrimaryKey {
        /// The table.
        table: String,
        /// The new key.
        key: PrimaryKey,
    },
    /// A primary key removed.
    DropPrimaryKey {
        /// The table.
        table: String,
        /// The key as it was.
        key: PrimaryKey,
    },
    /// A unique constraint added.
    AddUnique {
        /// The table.
        table: String,
        /// The new constraint.
        constraint: UniqueConstraint,
    },
    /// A unique constraint removed.
    DropUnique {
        /// The table.
        table: String,
        /// The constraint as it was.
        constraint: UniqueConstraint,
    },
    /// A CHECK constraint added.
    AddCheck {
        /// The table.
        table: String,
        /// The new check.
        check: CheckConstraint,
    },
    /// A CHECK constraint removed.
    DropCheck {
        /// The table.
        table: String,
        /// The check as it was.
        check: CheckConstraint,
    },
    /// An index added.
    AddIndex {
        /// The table.
        table: String,
        /// The new index.
        index: Index,
    },
    /// An index removed.
    DropIndex {
        /// The table.
        table: String,
        /// The index as it was.
        index: Index,
    },
    /// A foreign key added.
    AddForeignKey {
        /// The table.
        table: String,
        /// The new key.
        key: ForeignKey,
    },
    /// A foreign key removed.
    DropForeignKey {
        /// The table.
        table: String,
        /// The key as it was.
        key: ForeignKey,
    },
}

/// One property of a column that changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "property", rename_all = "snake_case")]
pub enum ColumnChange {
    /// The type changed (for two enums, see [`ColumnChange::EnumValues`] instead).
    Type {
        /// The old type.
        from: ColumnType,
        /// The new type.
        to: ColumnType,
    },
    /// The values of an enum changed.
    EnumValues {
        /// Values only the new enum has.
        added: Vec<String>,
        /// Values only the old enum has.
        removed: Vec<String>,
        /// The old values, in order.
        from: Vec<String>,
        /// The new values, in order.
        to: Vec<String>,
    },
    /// NULL became allowed or disallowed.
    Nullable {
        /// Whether NULL was allowed.
        from: bool,
        /// Whether NULL is allowed.
        to: bool,
    },
    /// The default changed, appeared or went.
    Default {
        /// The old default.
        from: Option<DefaultValue>,
        /// The new default.
        to: Option<DefaultValue>,
    },
    /// The database started or stopped generating the values.
    AutoIncrement {
        /// Whether values were generated.
        from: bool,
        /// Whether values are generated.
        to: bool,
    },
    /// The comment changed.
    Comment {
        /// The old comment.
        from: Option<String>,
        /// The new comment.
        to: Option<String>,
    },
    /// The collation changed.
    Collation {
        /// The old collation.
        from: Option<String>,
        /// The new collation.
        to: Option<String>,
    },
}

/// One property of a table (besides its columns and constraints) that changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "property", rename_all = "snake_case")]
pub enum TableChange {
    /// The comment changed.
    Comment {
        /// The old comment.
        from: Option<String>,
        /// The new comment.
        to: Option<String>,
    },
    /// The engine, character set or collation changed.
    Options {
        /// The old options.
        from: TableOptions,
        /// The new options.
        to: TableOptions,
    },
}

impl Change {
    /// The table the change is about (its new name for a rename).
    pub fn table(&self) -> &str {
        match self {
            Change::CreateTable { table } | Change::DropTable { table } => &table.name,
            Change::RenameTable { to, .. } => to,
            Change::AlterTable { table, .. }
            | Change::AddColumn { table, .. }
            | Change::DropColumn { table, .. }
            | Change::RenameColumn { table, .. }
            | Change::AlterColumn { table, .. }
            | Change::ReorderColumns { table, .. }
            | Change::AddPrimaryKey { table, .. }
            | Change::DropPrimaryKey { table, .. }
            | Change::AddUnique { table, .. }
            | Change::DropUnique { table, .. }
            | Change::AddCheck { table, .. }
            | Change::DropCheck { table, .. }
            | Change::AddIndex { table, .. }
            | Change::DropIndex { table, .. }
            | Change::AddForeignKey { table, .. }
            | Change::DropForeignKey { table, .. } => table,
        }
    }
}
