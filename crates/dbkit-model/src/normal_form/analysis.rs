//! Normal-form analysis of the tables of a schema: keys, declared dependencies, the normal form
//! reached, the violations in plain words, and a proposed decomposition.

use std::fmt::Write;

use serde::{Deserialize, Serialize};

use super::check::{NormalForm, Violation, classify};
use super::closure::{AttributeSet, Dependency};
use super::decompose::{
    lost_dependencies, project_dependencies, refine_to_bcnf, split_to_bcnf,
    synthesize_third_normal_form,
};
use super::explain::{column_group, explain_violation, names_of, table_name_for};
use super::fragment::{Decomposition, ProposedTable, ProposedTableKind, render_table_toml};
use super::keys::candidate_keys;
use crate::check_expression::referenced_columns;
use crate::functional_dependency::FunctionalDependency;
use crate::naming;
use crate::schema::{ForeignKey, PrimaryKey, ReferentialAction, Schema, Table, TableKind};

/// One dependency that keeps a table from a higher normal form, by column name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableViolation {
    /// The normal form it breaks (2NF, 3NF or BCNF).
    pub breaks: NormalForm,
    /// The determining columns.
    pub determinant: Vec<String>,
    /// The columns they determine.
    pub dependent: Vec<String>,
    /// The violation in plain words.
    pub explanation: String,
}

/// What the analysis found for one table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TableAnalysis {
    /// The table's name.
    pub table: String,
    /// Whether the table declares functional dependencies beyond its keys. Without them, only
    /// the keys' dependencies are known and every table is in BCNF.
    pub has_declared_dependencies: bool,
    /// The candidate keys, each in column order.
    pub candidate_keys: Vec<Vec<String>>,
    /// The highest normal form the table meets.
    pub normal_form: NormalForm,
    /// Every violating dependency, lowest normal form first.
    pub violations: Vec<TableViolation>,
    /// The proposed fix, when there are violations.
    pub decomposition: Option<Decomposition>,
}

/// Analyses every table of the schema, in order.
pub fn analyze_schema(schema: &Schema) -> Vec<TableAnalysis> {
    schema
        .tables
        .iter()
        .map(|table| analyze_table(schema, table))
        .collect()
}

/// The dependencies of a table: each key determines every column; then the declared ones.
pub(crate) fn table_dependencies(table: &Table) -> Vec<Dependency> {
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|column| column.name.clone())
        .collect();
    let position = |name: &String| columns.iter().position(|column| column == name);
    let all: Vec<usize> = (0..columns.len()).collect();
    let keys = table
        .primary_key
        .iter()
        .map(|key| &key.columns)
        .chain(table.unique_constraints.iter().map(|key| &key.columns))
        .chain(
            table
                .indexes
                .iter()
                .filter(|index| index.unique)
                .map(|index| &index.columns),
        );
    let mut dependencies: Vec<Dependency> = keys
        .map(|key| Dependency::new(key.iter().filter_map(position), all.iter().copied()))
        .collect();
    for declared in &table.functional_dependencies {
        dependencies.push(Dependency::new(
            declared.determinant.iter().filter_map(position),
            declared.dependent.iter().filter_map(position),
        ));
    }
    dependencies
}

/// Analyses one table of `schema`.
pub fn analyze_table(schema: &Schema, table: &Table) -> TableAnalysis {
    let columns: Vec<String> = table
        .columns
        .iter()
        .map(|column| column.name.clone())
        .collect();
    let all: AttributeSet = (0..columns.len()).collect();
    let dependencies = table_dependencies(table);
    let keys = candidate_keys(&all, &dependencies);
    let (normal_form, violations) = classify(&all, &dependencies);
    let main_key = chosen_key(table, &columns, &keys);
    let named_violations: Vec<TableViolation> = violations
        .iter()
        .map(|violation| TableViolation {
            breaks: violation.breaks(),
            determinant: names_of(&violation.determinant, &columns),
            dependent: names_of(&violation.dependent, &columns),
            explanation: explain_violation(&table.name, &columns, violation, &main_key),
        })
        .collect();
    let decomposition = if violations.is_empty() || !matches!(table.kind, TableKind::Plain) {
        None
    } else {
        Some(decompose(
            schema,
            table,
            &columns,
            &all,
            &dependencies,
            &violations,
        ))
    };
    TableAnalysis {
        table: table.name.clone(),
        has_declared_dependencies: !table.functional_dependencies.is_empty(),
        candidate_keys: keys.iter().map(|key| names_of(key, &columns)).collect(),
        normal_form,
        violations: named_violations,
        decomposition,
    }
}

/// The key explanations name: the primary key, or else the first candidate key.
fn chosen_key(table: &Table, columns: &[String], keys: &[AttributeSet]) -> AttributeSet {
    match &table.primary_key {
        Some(primary) => primary
            .columns
            .iter()
            .filter_map(|name| columns.iter().position(|column| column == name))
            .collect(),
        None => keys.first().cloned().unwrap_or_default(),
    }
}

fn decompose(
    schema: &Schema,
    table: &Table,
    columns: &[String],
    all: &AttributeSet,
    dependencies: &[Dependency],
    violations: &[Violation],
) -> Decomposition {
    let synthesized = synthesize_third_normal_form(all, dependencies);
    let outcome = refine_to_bcnf(&synthesized, dependencies);
    let (relations, lost) = if outcome.relations.len() > 1 {
        (outcome.relations, Vec::new())
    } else {
        // Already in 3NF and no BCNF split keeps every dependency: show the BCNF split with
        // what it loses.
        let split = split_to_bcnf(all, dependencies);
        let lost = lost_dependencies(&split, dependencies);
        (split, lost)
    };
    let original_keys = candidate_keys(all, dependencies);
    let primary: AttributeSet = chosen_key(table, columns, &original_keys);
    let main = relations
        .iter()
        .position(|relation| primary.is_subset(relation))
        .or_else(|| {
            relations
                .iter()
                .position(|relation| original_keys.iter().any(|key| key.is_subset(relation)))
        })
        .unwrap_or(0);
    let mut taken: Vec<String> = schema
        .tables
        .iter()
        .map(|other| other.name.clone())
        .collect();
    let mut proposed: Vec<(AttributeSet, AttributeSet, ProposedTable)> = Vec::new();
    for (index, relation) in relations.iter().enumerate() {
        let projected = project_dependencies(relation, dependencies);
        let key = if index == main {
            original_keys
                .iter()
                .find(|key| **key == primary && key.is_subset(relation))
                .or_else(|| original_keys.iter().find(|key| key.is_subset(relation)))
                .cloned()
                .unwrap_or_else(|| relation.clone())
        } else {
            candidate_keys(relation, &projected)
                .into_iter()
                .next()
                .unwrap_or_else(|| relation.clone())
        };
        let key_names = names_of(&key, columns);
        let existing = table
            .foreign_keys
            .iter()
            .find(|foreign| index != main && sorted(&foreign.columns) == sorted(&key_names));
        let (kind, name) = match existing {
            Some(foreign) => (
                ProposedTableKind::Existing,
                foreign.referenced_table.clone(),
            ),
            None if index == main => (ProposedTableKind::Original, table.name.clone()),
            None => {
                let base = table_name_for(&key_names);
                let name = if taken.contains(&base) {
                    format!("{}_{base}", naming::singular(&table.name))
                } else {
                    base
                };
                taken.push(name.clone());
                (ProposedTableKind::New, name)
            }
        };
        let new_table = project_table(table, &name, relation, &key_names, index == main, columns);
        proposed.push((
            relation.clone(),
            key,
            ProposedTable {
                kind,
                table: new_table,
            },
        ));
    }
    link_tables(&mut proposed, table, columns);
    let lost_named: Vec<FunctionalDependency> = lost
        .iter()
        .map(|dependency| FunctionalDependency {
            determinant: names_of(&dependency.determinant, columns),
            dependent: names_of(&dependency.dependent, columns),
        })
        .collect();
    let mut tables: Vec<ProposedTable> = proposed.into_iter().map(|(_, _, table)| table).collect();
    tables.sort_by_key(|proposed| proposed.kind != ProposedTableKind::Original);
    let fragment = write_fragment(schema, table, &tables, &lost_named, violations, columns);
    Decomposition {
        tables,
        lost_dependencies: lost_named,
        fragment,
    }
}

fn sorted(names: &[String]) -> Vec<String> {
    let mut names = names.to_vec();
    names.sort();
    names
}

/// The part of `table` within `relation`, keyed by `key`.
fn project_table(
    table: &Table,
    name: &str,
    relation: &AttributeSet,
    key: &[String],
    is_main: bool,
    columns: &[String],
) -> Table {
    let kept = names_of(relation, columns);
    let inside = |names: &[String]| names.iter().all(|name| kept.contains(name));
    // Cloned, then narrowed, so that settings this analysis does not know of carry over.
    let mut projected = table.clone();
    projected.name = name.to_string();
    if !is_main {
        projected.comment = None;
    }
    projected.kind = TableKind::Plain;
    projected
        .columns
        .retain(|column| kept.contains(&column.name));
    projected.unique_constraints.clear();
    projected.checks.clear();
    projected.foreign_keys.clear();
    projected.indexes.clear();
    projected.functional_dependencies.clear();
    if !is_main {
        for column in &mut projected.columns {
            column.auto_increment = false;
            if key.contains(&column.name) {
                column.nullable = false;
                column.default = None;
            }
        }
    }
    projected.primary_key = Some(PrimaryKey {
        name: if is_main
            && table
                .primary_key
                .as_ref()
                .is_some_and(|primary| primary.columns == key)
        {
            table.primary_key.as_ref().map_or_else(
                || naming::primary_key_name(name),
                |primary| primary.name.clone(),
            )
        } else {
            naming::primary_key_name(name)
        },
        columns: key.to_vec(),
    });
    let rename = |old: &str, default_old: String, default_new: String| {
        if old == default_old {
            default_new
        } else {
            old.to_string()
        }
    };
    for unique in &table.unique_constraints {
        if inside(&unique.columns)
            && unique.columns != key
            && (is_main || !key.iter().all(|k| unique.columns.contains(k)))
        {
            let mut unique = unique.clone();
            unique.name = rename(
                &unique.name,
                naming::unique_name(&table.name, &unique.columns),
                naming::unique_name(name, &unique.columns),
            );
            projected.unique_constraints.push(unique);
        }
    }
    for check in &table.checks {
        let used = referenced_columns(&check.expression).unwrap_or_default();
        let within = used
            .iter()
            .all(|used| kept.iter().any(|name| name.eq_ignore_ascii_case(used)));
        let anchored = used
            .iter()
            .any(|used| kept.iter().any(|name| name.eq_ignore_ascii_case(used)));
        if within && (anchored || is_main) {
            projected.checks.push(check.clone());
        }
    }
    for index in &table.indexes {
        if inside(&index.columns) && (is_main || index.columns != key) {
            let mut index = index.clone();
            index.name = rename(
                &index.name,
                naming::index_name(&table.name, &index.columns),
                naming::index_name(name, &index.columns),
            );
            projected.indexes.push(index);
        }
    }
    for foreign in &table.foreign_keys {
        if inside(&foreign.columns)
            && (is_main || foreign.columns.iter().any(|column| !key.contains(column)))
        {
            let mut foreign = foreign.clone();
            foreign.name = rename(
                &foreign.name,
                naming::foreign_key_name(&table.name, &foreign.columns),
                naming::foreign_key_name(name, &foreign.columns),
            );
            projected.foreign_keys.push(foreign);
        }
    }
    let key_set: Vec<String> = key.to_vec();
    for declared in &table.functional_dependencies {
        let mut every: Vec<String> = declared.determinant.clone();
        every.extend(declared.dependent.iter().cloned());
        if inside(&every)
            && !declared
                .determinant
                .iter()
                .all(|column| key_set.contains(column))
        {
            projected.functional_dependencies.push(declared.clone());
        }
    }
    projected
}

/// Adds a foreign key from every proposed table that holds the key of a new table to it.
fn link_tables(
    proposed: &mut [(AttributeSet, AttributeSet, ProposedTable)],
    table: &Table,
    columns: &[String],
) {
    let targets: Vec<(AttributeSet, String, ProposedTableKind)> = proposed
        .iter()
        .map(|(_, key, target)| (key.clone(), target.table.name.clone(), target.kind.clone()))
        .collect();
    for (relation, own_key, holder) in proposed.iter_mut() {
        for (key, target, kind) in &targets {
            if *kind != ProposedTableKind::New
                || *target == holder.table.name
                || !key.is_subset(relation)
            {
                continue;
            }
            if key == own_key && holder.kind == ProposedTableKind::New {
                continue;
            }
            let key_names = names_of(key, columns);
            let already = holder
                .table
                .foreign_keys
                .iter()
                .any(|foreign| foreign.columns == key_names);
            if already {
                continue;
            }
            let nullable = key_names
                .iter()
                .any(|name| table.column(name).is_some_and(|column| column.nullable));
            holder.table.foreign_keys.push(ForeignKey {
                name: naming::foreign_key_name(&holder.table.name, &key_names),
                columns: key_names.clone(),
                referenced_table: target.clone(),
                referenced_columns: key_names,
                on_delete: if nullable {
                    ReferentialAction::SetNull
                } else {
                    ReferentialAction::Restrict
                },
                on_update: ReferentialAction::Cascade,
            });
        }
    }
}

fn write_fragment(
    schema: &Schema,
    table: &Table,
    tables: &[ProposedTable],
    lost: &[FunctionalDependency],
    violations: &[Violation],
    columns: &[String],
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Proposed decomposition of table \"{}\": replace its section with these.",
        table.name
    );
    for violation in violations {
        let determinant = names_of(&violation.determinant, columns);
        let dependent = names_of(&violation.dependent, columns);
        let home = tables
            .iter()
            .find(|proposed| {
                proposed.kind != ProposedTableKind::Original
                    && determinant
                        .iter()
                        .chain(&dependent)
                        .all(|name| proposed.table.column(name).is_some())
            })
            .map(|proposed| proposed.table.name.clone());
        if let Some(home) = home {
            let _ = writeln!(
                out,
                "# {} -> {} moves to table \"{home}\".",
                column_group(&determinant).replace('`', ""),
                column_group(&dependent).replace('`', "")
            );
        }
    }
    for dependency in lost {
        let _ = writeln!(
            out,
            "# This split reaches BCNF but loses the dependency {dependency}: no single table can check it\n# any more, so the application (or a trigger) must keep it. Keeping the table as it is (in 3NF) is the\n# alternative."
        );
    }
    let mut known: Vec<Table> = schema.tables.clone();
    known.extend(tables.iter().map(|proposed| proposed.table.clone()));
    for proposed in tables {
        out.push('\n');
        match proposed.kind {
            ProposedTableKind::Existing => {
                let moved: Vec<&str> = proposed
                    .table
                    .columns
                    .iter()
                    .filter(|column| {
                        proposed
                            .table
                            .primary_key
                            .as_ref()
                            .is_none_or(|primary| !primary.columns.contains(&column.name))
                    })
                    .map(|column| column.name.as_str())
                    .collect();
                let verb = if moved.len() == 1 {
                    "belongs"
                } else {
                    "belong"
                };
                let _ = writeln!(
                    out,
                    "# {} {verb} in the existing table \"{}\", which \"{}\" already references:\n# keep it there (add it under [tables.{}] if it lacks it) and drop it here.",
                    moved.join(", "),
                    proposed.table.name,
                    table.name,
                    proposed.table.name
                );
            }
            ProposedTableKind::Original | ProposedTableKind::New => {
                out.push_str(&render_table_toml(&proposed.table, &known));
            }
        }
    }
    out
}
