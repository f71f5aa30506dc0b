//! The differences between two schemas, as data: what to do to the first to get the second.
//!
//! [`diff`] compares tables by name, and columns, constraints and indexes within a table by
//! name. A rename is recognised only when the second schema declares it (`renamed_from`);
//! nothing is guessed. Which tables came from relationships and which indexes dbkit added does
//! not count (the database cannot tell them apart), and neither do the project settings.
//!
//! The changes come in an order that can be applied one after the other: renames first, then
//! everything that goes (foreign keys before what they depend on, tables in reverse dependency
//! order), then everything that comes (tables in dependency order, foreign keys last). Within a
//! step they are sorted by table and name, so the same two schemas always give the same list.
//!
//! [`render_text`] writes the list for people and [`render_json`] for programs.

mod change;
mod compare;
mod render;

pub use change::{Change, ColumnChange, TableChange};
pub use render::{render_json, render_text};

use std::collections::HashMap;

use crate::order::creation_order;
use crate::schema::Schema;

use compare::{Renames, compare_tables};

/// The changes that turn `from` into `to`.
pub fn diff(from: &Schema, to: &Schema) -> Vec<Change> {
    let mut renames = Renames::default();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut changes = Vec::new();
    for (new_index, new) in to.tables.iter().enumerate() {
        let same_name = from.tables.iter().position(|old| old.name == new.name);
        let renamed = || {
            let old_name = new.renamed_from.as_ref()?;
            if to.table(old_name).is_some() {
                return None;
            }
            from.tables.iter().position(|old| old.name == *old_name)
        };
        if let Some(old_index) = same_name.or_else(renamed) {
            let old = &from.tables[old_index];
            if old.name != new.name {
                renames.tables.insert(old.name.clone(), new.name.clone());
                changes.push(Change::RenameTable {
                    from: old.name.clone(),
                    to: new.name.clone(),
                });
            }
            pairs.push((old_index, new_index));
        }
    }
    for &(old_index, new_index) in &pairs {
        let (old, new) = (&from.tables[old_index], &to.tables[new_index]);
        for column in &new.columns {
            let Some(old_name) = &column.renamed_from else {
                continue;
            };
            if new.column(old_name).is_none()
                && old.column(&column.name).is_none()
                && old.column(old_name).is_some()
            {
                renames
                    .columns
                    .insert((new.name.clone(), old_name.clone()), column.name.clone());
            }
        }
    }
    for &(old_index, new_index) in &pairs {
        compare_tables(
            &from.tables[old_index],
            &to.tables[new_index],
            &renames,
            &mut changes,
        );
    }
    let paired_old: Vec<usize> = pairs.iter().map(|(old, _)| *old).collect();
    let paired_new: Vec<usize> = pairs.iter().map(|(_, new)| *new).collect();
    let drop_rank = rank_of(&creation_order(from).tables, true);
    let create_rank = rank_of(&creation_order(to).tables, false);
    for (index, table) in from.tables.iter().enumerate() {
        if !paired_old.contains(&index) {
            changes.push(Change::DropTable {
                table: table.clone(),
            });
        }
    }
    for (index, table) in to.tables.iter().enumerate() {
        if !paired_new.contains(&index) {
            changes.push(Change::CreateTable {
                table: table.clone(),
            });
        }
    }
    let table_rank = |change: &Change| -> usize {
        match change {
            Change::DropTable { table } => from
                .tables
                .iter()
                .position(|candidate| candidate.name == table.name)
                .and_then(|index| drop_rank.get(&index).copied())
                .unwrap_or(usize::MAX),
            Change::CreateTable { table } => to
                .tables
                .iter()
                .position(|candidate| candidate.name == table.name)
                .and_then(|index| create_rank.get(&index).copied())
                .unwrap_or(usize::MAX),
            _ => 0,
        }
    };
    let column_position = |change: &Change| -> usize {
        match change {
            Change::AddColumn { table, column, .. } => to
                .table(table)
                .and_then(|table| {
                    table
                        .columns
                        .iter()
                        .position(|candidate| candidate.name == column.name)
                })
                .unwrap_or(usize::MAX),
            _ => 0,
        }
    };
    changes.sort_by_cached_key(|change| {
        (
            step(change),
            table_rank(change),
            change.table().to_string(),
            column_position(change),
            object_name(change),
        )
    });
    changes
}

/// Each table's place in `order`, reversed when `reverse`.
fn rank_of(order: &[usize], reverse: bool) -> HashMap<usize, usize> {
    order
        .iter()
        .enumerate()
        .map(|(rank, table)| (*table, if reverse { order.len() - rank } else { rank }))
        .collect()
}

/// The step a change belongs to, in the order they can be applied.
fn step(change: &Change) -> u8 {
    match change {
        Change::RenameTable { .. } => 0,
        Change::RenameColumn { .. } => 1,
        Change::DropForeignKey { .. } => 2,
        Change::DropIndex { .. } => 3,
        Change::DropCheck { .. } => 4,
        Change::DropUnique { .. } => 5,
        Change::DropPrimaryKey { .. } => 6,
        Change::DropColumn { .. } => 7,
        Change::DropTable { .. } => 8,
        Change::CreateTable { .. } => 9,
        Change::AlterTable { .. } => 10,
        Change::AddColumn { .. } => 11,
        Change::AlterColumn { .. } => 12,
        Change::ReorderColumns { .. } => 13,
        Change::AddPrimaryKey { .. } => 14,
        Change::AddUnique { .. } => 15,
        Change::AddCheck { .. } => 16,
        Change::AddIndex { .. } => 17,
        Change::AddForeignKey { .. } => 18,
    }
}

/// The name of the object a change is about, for sorting within a table.
fn object_name(change: &Change) -> String {
    match change {
        Change::CreateTable { table } | Change::DropTable { table } => table.name.clone(),
        Change::RenameTable { from, .. } | Change::RenameColumn { from, .. } => from.clone(),
        Change::AlterTable { table, .. } | Change::ReorderColumns { table, .. } => table.clone(),
        Change::AddColumn { column, .. } | Change::DropColumn { column, .. } => column.name.clone(),
        Change::AlterColumn { column, .. } => column.clone(),
        Change::AddPrimaryKey { key, .. } | Change::DropPrimaryKey { key, .. } => key.name.clone(),
        Change::AddUnique { constraint, .. } | Change::DropUnique { constraint, .. } => {
            constraint.name.clone()
        }
        Change::AddCheck { check, .. } | Change::DropCheck { check, .. } => check.name.clone(),
        Change::AddIndex { index, .. } | Change::DropIndex { index, .. } => index.name.clone(),
        Change::AddForeignKey { key, .. } | Change::DropForeignKey { key, .. } => key.name.clone(),
    }
}
