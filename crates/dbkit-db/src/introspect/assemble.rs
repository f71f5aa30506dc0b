//! Puts the facts read from a catalog together into a [`Schema`], in one deterministic order.
//!
//! The order is chosen so that the pulled model reads naturally and survives a round trip
//! through `schema.toml` unchanged: tables by name, columns by position, single-column unique
//! constraints and foreign keys in column order (they become column shorthands) before the
//! multi-column ones by name, and checks and indexes by name.

use dbkit_model::{
    CheckConstraint, Column, ForeignKey, Index, PrimaryKey, Project, ReferentialAction, Schema,
    Table, TableKind, TableOptions, UniqueConstraint,
};

use super::warning::{PullWarning, WarningKind};

/// Everything read about one table, in any order.
#[derive(Debug, Clone, Default)]
pub(crate) struct TableFacts {
    pub(crate) name: String,
    pub(crate) comment: Option<String>,
    pub(crate) options: TableOptions,
    /// Columns in their position order.
    pub(crate) columns: Vec<Column>,
    pub(crate) primary_key: Option<PrimaryKey>,
    pub(crate) unique_constraints: Vec<UniqueConstraint>,
    pub(crate) checks: Vec<CheckConstraint>,
    pub(crate) foreign_keys: Vec<ForeignKey>,
    pub(crate) indexes: Vec<Index>,
}

impl TableFacts {
    /// An empty table named `name`.
    pub(crate) fn named(name: &str) -> TableFacts {
        TableFacts {
            name: name.to_string(),
            ..TableFacts::default()
        }
    }

    /// The column named `name`.
    pub(crate) fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|column| column.name == name)
    }

    /// The position of column `name`, or past the end for an unknown column.
    fn position(&self, name: &str) -> usize {
        self.columns
            .iter()
            .position(|column| column.name == name)
            .unwrap_or(usize::MAX)
    }
}

/// The schema of the database `database` made of `tables`, pulled for `dialect`.
pub(crate) fn assemble(
    database: &str,
    dialect: &str,
    tables: Vec<TableFacts>,
    warnings: &mut Vec<PullWarning>,
) -> Schema {
    let mut tables: Vec<Table> = tables
        .into_iter()
        .map(|mut table| {
            settle_actions(&mut table, warnings);
            into_table(table)
        })
        .collect();
    tables.sort_by(|left, right| left.name.cmp(&right.name));
    reconcile_foreign_key_types(&mut tables, warnings);
    Schema {
        project: Project {
            name: database.to_string(),
            dialects: vec![dialect.to_string()],
            plugins: Vec::new(),
            auto_index_foreign_keys: false,
        },
        tables,
        lint: Default::default(),
        seed: Default::default(),
    }
}

fn into_table(mut facts: TableFacts) -> Table {
    let mut uniques = std::mem::take(&mut facts.unique_constraints);
    uniques.sort_by_key(|key| shorthand_order(&facts, &key.columns, &key.name));
    let mut foreign_keys = std::mem::take(&mut facts.foreign_keys);
    foreign_keys.sort_by_key(|key| shorthand_order(&facts, &key.columns, &key.name));
    facts
        .checks
        .sort_by(|left, right| left.name.cmp(&right.name));
    facts
        .indexes
        .sort_by(|left, right| left.name.cmp(&right.name));
    Table {
        name: facts.name,
        comment: facts.comment,
        kind: TableKind::Plain,
        columns: facts.columns,
        primary_key: facts.primary_key,
        unique_constraints: uniques,
        checks: facts.checks,
        foreign_keys,
        indexes: facts.indexes,
        functional_dependencies: Vec::new(),
        options: facts.options,
        renamed_from: None,
    }
}

/// Foreign key actions a database accepted but cannot carry out: `SET NULL` on a NOT NULL
/// column, `SET DEFAULT` on a column without a default (PostgreSQL and SQLite accept both and
/// fail when the action runs). The model does not allow them; they are pulled as what the
/// database does in effect (`NO ACTION`: the change is refused, or `SET NULL` for a nullable
/// column without a default), with a warning.
fn settle_actions(table: &mut TableFacts, warnings: &mut Vec<PullWarning>) {
    let columns = table.columns.clone();
    for key in &mut table.foreign_keys {
        let own: Vec<&Column> = key
            .columns
            .iter()
            .filter_map(|name| columns.iter().find(|column| column.name == *name))
            .collect();
        for (action, when) in [
            (&mut key.on_delete, "ON DELETE"),
            (&mut key.on_update, "ON UPDATE"),
        ] {
            let settled = match *action {
                ReferentialAction::SetNull if own.iter().any(|column| !column.nullable) => {
                    ReferentialAction::NoAction
                }
                ReferentialAction::SetDefault
                    if own.iter().any(|column| column.default.is_none()) =>
                {
                    if own.iter().all(|column| column.nullable) {
                        ReferentialAction::SetNull
                    } else {
                        ReferentialAction::NoAction
                    }
                }
                _ => continue,
            };
            warnings.push(PullWarning::new(
                WarningKind::Constraint,
                format!("foreign key {}.{}", table.name, key.name),
                format!(
                    "{when} {} cannot work on its columns (NOT NULL, or without a default), so the database refuses the change; it is pulled as {when} {}",
                    action.sql(),
                    settled.sql()
                ),
            ));
            *action = settled;
        }
    }
}

/// Gives each foreign key column the type of the column it references, when they differ.
///
/// The model requires them equal. Databases are more lenient: SQLite stores every integer the
/// same way (an `INTEGER` column may reference an `INTEGER PRIMARY KEY`, which the model reads
/// as `bigint`), and PostgreSQL lets an `integer` reference a `bigint`. The column takes the
/// referenced type, with a warning.
fn reconcile_foreign_key_types(tables: &mut [Table], warnings: &mut Vec<PullWarning>) {
    let mut changes = Vec::new();
    for (table_index, table) in tables.iter().enumerate() {
        for key in &table.foreign_keys {
            let Some(target) = tables
                .iter()
                .find(|candidate| candidate.name == key.referenced_table)
            else {
                continue;
            };
            for (column, referenced) in key.columns.iter().zip(&key.referenced_columns) {
                let (Some(own), Some(other)) = (table.column(column), target.column(referenced))
                else {
                    continue;
                };
                if own.column_type != other.column_type {
                    changes.push((
                        table_index,
                        column.clone(),
                        other.column_type.clone(),
                        own.column_type.clone(),
                        format!("{}.{referenced}", target.name),
                    ));
                }
            }
        }
    }
    for (table_index, column, referenced_type, own_type, referenced) in changes {
        let table = &mut tables[table_index];
        let Some(own) = table
            .columns
            .iter_mut()
            .find(|candidate| candidate.name == column)
        else {
            continue;
        };
        if own.column_type != own_type {
            continue;
        }
        warnings.push(PullWarning::new(
            WarningKind::Other,
            format!("column {}.{column}", table.name),
            format!(
                "its type {own_type} differs from the type {referenced_type} of {referenced}, which it references; the model needs them equal, so it is pulled as {referenced_type}"
            ),
        ));
        own.column_type = referenced_type;
    }
}

/// Single-column keys first, by column position; then the others by name.
fn shorthand_order(facts: &TableFacts, columns: &[String], name: &str) -> (bool, usize, String) {
    match columns {
        [column] => (false, facts.position(column), name.to_string()),
        _ => (true, 0, name.to_string()),
    }
}
