//! The resolved schema model: every name, type and constraint made explicit.
//!
//! A [`Schema`] is what `schema.toml` means once every shorthand has been expanded: foreign-key
//! columns carry the type of the key they reference, many-to-many relationships are ordinary
//! junction tables, every constraint and index has its final name, and the indexes that dbkit adds
//! for foreign keys are listed like any other index. Generators, dialects, the diff and
//! introspection all work on this one shape.

use serde::{Deserialize, Serialize};

use crate::column_type::ColumnType;
use crate::default_value::DefaultValue;
use crate::functional_dependency::FunctionalDependency;
use crate::lint_settings::LintSettings;
pub use crate::options::{IndexOptions, TableOptions};

/// A whole data model: the project settings and its tables in the order they were written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Schema {
    /// Project-wide settings from `[project]`.
    pub project: Project,
    /// Tables in the order they were written (junction tables of relationships follow the tables).
    pub tables: Vec<Table>,
    /// The lint settings from `[lint]`.
    #[serde(default)]
    pub lint: LintSettings,
    /// How `dbkit seed` fills the tables, from `[seed]` and the columns' `seed` keys.
    #[serde(default)]
    pub seed: crate::seed_settings::SeedSettings,
}

/// Project-wide settings from the `[project]` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// The project's name, used in generated file headers.
    pub name: String,
    /// The dialects `dbkit build` targets when `--dialect` is not given. Empty means all built-in ones.
    pub dialects: Vec<String>,
    /// Paths of dialect plugin libraries to load, relative to `schema.toml`.
    pub plugins: Vec<String>,
    /// Whether dbkit adds an index for every foreign key that no key or index already covers.
    pub auto_index_foreign_keys: bool,
}

/// Where a table came from in `schema.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TableKind {
    /// A table written under `[tables.<name>]`.
    Plain,
    /// A junction table expanded from a `many_to_many` relationship.
    Junction {
        /// The table on the first side of the relationship.
        left: String,
        /// The table on the second side of the relationship.
        right: String,
    },
}

/// One table with all of its columns, keys, constraints and indexes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// The table's name, exactly as it is created in the database.
    pub name: String,
    /// A human description, rendered as the table comment where the dialect has one.
    pub comment: Option<String>,
    /// Whether the table was written directly or expanded from a relationship.
    pub kind: TableKind,
    /// Columns in the order they were written.
    pub columns: Vec<Column>,
    /// The primary key; `None` only for a table that opted out with `no_primary_key = true`.
    pub primary_key: Option<PrimaryKey>,
    /// Unique constraints, column-level ones first (in column order), then table-level ones.
    pub unique_constraints: Vec<UniqueConstraint>,
    /// CHECK constraints written by the user.
    pub checks: Vec<CheckConstraint>,
    /// Foreign keys, column-level ones first (in column order), then table-level ones.
    pub foreign_keys: Vec<ForeignKey>,
    /// Non-constraint indexes: the ones written by the user, then the ones added for foreign keys.
    pub indexes: Vec<Index>,
    /// Functional dependencies declared beyond the keys, for the normal-form analysis.
    #[serde(default)]
    pub functional_dependencies: Vec<FunctionalDependency>,
    /// Storage options (engine, character set, collation), where the database has them.
    #[serde(default, skip_serializing_if = "TableOptions::is_empty")]
    pub options: TableOptions,
    /// The table's previous name, when `schema.toml` declares a rename (`renamed_from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// The column's name, exactly as it is created in the database.
    pub name: String,
    /// The logical type, mapped to a native type by each dialect.
    #[serde(rename = "type")]
    pub column_type: ColumnType,
    /// Whether the column accepts NULL. Columns are NOT NULL unless marked.
    pub nullable: bool,
    /// The value the database fills in when an insert omits the column.
    pub default: Option<DefaultValue>,
    /// Whether the database generates the value (an `id` surrogate key).
    pub auto_increment: bool,
    /// A human description, rendered as the column comment where the dialect has one.
    pub comment: Option<String>,
    /// The collation of a text column, when it differs from the table's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// The column's previous name, when `schema.toml` declares a rename (`renamed_from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
}

/// What a database does to referencing rows when the referenced row is deleted or updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReferentialAction {
    /// Reject the change while referencing rows exist (checked immediately).
    Restrict,
    /// Delete or update the referencing rows too.
    Cascade,
    /// Set the referencing columns to NULL.
    SetNull,
    /// Set the referencing columns to their default.
    SetDefault,
    /// Reject the change while referencing rows exist (checked at the end of the statement).
    NoAction,
}

impl ReferentialAction {
    /// Every action with its `schema.toml` spelling.
    pub const ALL: [(&'static str, ReferentialAction); 5] = [
        ("restrict", ReferentialAction::Restrict),
        ("cascade", ReferentialAction::Cascade),
        ("set null", ReferentialAction::SetNull),
        ("set default", ReferentialAction::SetDefault),
        ("no action", ReferentialAction::NoAction),
    ];

    /// The SQL keywords of this action (`ON DELETE <keywords>`).
    pub fn sql(self) -> &'static str {
        match self {
            ReferentialAction::Restrict => "RESTRICT",
            ReferentialAction::Cascade => "CASCADE",
            ReferentialAction::SetNull => "SET NULL",
            ReferentialAction::SetDefault => "SET DEFAULT",
            ReferentialAction::NoAction => "NO ACTION",
        }
    }

    /// The `schema.toml` spelling of this action.
    pub fn keyword(self) -> &'static str {
        match self {
            ReferentialAction::Restrict => "restrict",
            ReferentialAction::Cascade => "cascade",
            ReferentialAction::SetNull => "set null",
            ReferentialAction::SetDefault => "set default",
            ReferentialAction::NoAction => "no action",
        }
    }
}

/// A table's primary key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrimaryKey {
    /// The constraint name (`pk_<table>` unless overridden).
    pub name: String,
    /// The key's columns, in key order.
    pub columns: Vec<String>,
}

/// A UNIQUE constraint over one or more columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UniqueConstraint {
    /// The constraint name (`uq_<table>_<columns>` unless written by the user).
    pub name: String,
    /// The constrained columns, in order.
    pub columns: Vec<String>,
}

/// A named CHECK constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckConstraint {
    /// The constraint name as written by the user.
    pub name: String,
    /// The boolean SQL expression, as written; dialects re-quote its identifiers.
    pub expression: String,
}

/// A foreign key from columns of this table to a primary key or unique key of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignKey {
    /// The constraint name (`fk_<table>_<columns>` unless overridden).
    pub name: String,
    /// The referencing columns of this table.
    pub columns: Vec<String>,
    /// The referenced table (may be this table: a self-reference).
    pub referenced_table: String,
    /// The referenced columns, in the same order as `columns`.
    pub referenced_columns: Vec<String>,
    /// What happens to referencing rows when the referenced row is deleted.
    pub on_delete: ReferentialAction,
    /// What happens to referencing rows when the referenced key changes.
    pub on_update: ReferentialAction,
}

/// Why an index exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexOrigin {
    /// Written by the user under `indexes`.
    User,
    /// Added by dbkit because a foreign key had no covering key or index.
    ForeignKey,
    /// Added for the second side of a many-to-many junction table.
    Junction,
}

/// A (non-constraint) index over one or more columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    /// The index name (`idx_<table>_<columns>` unless written by the user).
    pub name: String,
    /// The indexed columns, in order.
    pub columns: Vec<String>,
    /// Whether the index rejects duplicate values.
    pub unique: bool,
    /// Why the index exists.
    pub origin: IndexOrigin,
    /// Full-text search, prefix lengths, descending columns and a partial-index condition.
    #[serde(default, skip_serializing_if = "IndexOptions::is_empty")]
    pub options: IndexOptions,
}

impl Schema {
    /// The table with this name.
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|table| table.name == name)
    }
}

impl Table {
    /// The column with this name.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|column| column.name == name)
    }

    /// Whether `columns` (in any order) are the leading columns of the primary key, a unique
    /// constraint or an index of this table, so that lookups by them use an index.
    pub fn has_index_leading_with(&self, columns: &[String]) -> bool {
        let covers = |key: &[String]| {
            key.len() >= columns.len()
                && columns
                    .iter()
                    .all(|column| key[..columns.len()].contains(column))
        };
        self.primary_key
            .iter()
            .map(|key| key.columns.as_slice())
            .chain(
                self.unique_constraints
                    .iter()
                    .map(|key| key.columns.as_slice()),
            )
            .chain(self.indexes.iter().map(|index| index.columns.as_slice()))
            .any(covers)
    }

    /// Whether `columns` (in any order) are exactly the primary key or a unique constraint or
    /// unique index, so that a foreign key may reference them.
    pub fn has_unique_key(&self, columns: &[String]) -> bool {
        let same = |key: &[String]| {
            key.len() == columns.len() && columns.iter().all(|column| key.contains(column))
        };
        self.primary_key
            .iter()
            .map(|key| key.columns.as_slice())
            .chain(
                self.unique_constraints
                    .iter()
                    .map(|key| key.columns.as_slice()),
            )
            .chain(
                self.indexes
                    .iter()
                    .filter(|index| index.unique)
                    .map(|index| index.columns.as_slice()),
            )
            .any(same)
    }

    /// Whether `column` alone is the primary key or has a single-column unique constraint.
    pub fn is_single_column_unique(&self, column: &str) -> bool {
        self.has_unique_key(&[column.to_string()])
    }
}
