//! Turns the raw document into the resolved [`Schema`], checking everything it means.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::raw::{RawColumn, RawDefault, RawSchema, RawTable};
use super::toml_view::Located;
use crate::check_expression::referenced_columns;
use crate::column_type::{ColumnType, TypeError, TypeSpec, parse_type};
use crate::default_value::DefaultValue;
use crate::diagnostic::Diagnostic;
use crate::naming;
use crate::schema::{
    CheckConstraint, Column, ForeignKey, Index, IndexOrigin, PrimaryKey, Project, ReferentialAction,
    Schema, Table, TableKind, UniqueConstraint,
};
use crate::suggest::did_you_mean;

/// A table as it is being resolved, before foreign keys can be checked against their targets.
struct DraftTable {
    name: Located<String>,
    comment: Option<String>,
    kind: TableKind,
    columns: Vec<DraftColumn>,
    primary_key: Option<DraftPrimaryKey>,
    unique: Vec<(Located<String>, Vec<Located<String>>)>,
    checks: Vec<(Located<String>, Located<String>)>,
    indexes: Vec<(Located<String>, Vec<Located<String>>, bool, IndexOrigin)>,
    foreign_keys: Vec<DraftForeignKey>,
}

struct DraftPrimaryKey {
    name: Option<Located<String>>,
    columns: Vec<Located<String>>,
}

struct DraftColumn {
    name: Located<String>,
    column_type: Option<ColumnType>,
    type_span: Range<usize>,
    auto_increment: bool,
    nullable: bool,
    default: Option<Located<RawDefault>>,
    reference: Option<ColumnReference>,
    comment: Option<String>,
    /// Set when the column's type could not be read; later checks skip it.
    broken: bool,
}

struct ColumnReference {
    table: Located<String>,
    column: Option<Located<String>>,
}

struct DraftForeignKey {
    name: Option<Located<String>>,
    columns: Vec<Located<String>>,
    table: Located<String>,
    referenced_columns: Option<Vec<Located<String>>>,
    on_delete: Option<Located<ReferentialAction>>,
    on_update: Option<Located<ReferentialAction>>,
    /// Where to point when the key as a whole is wrong.
    span: Range<usize>,
}

#[derive(Default)]
pub(crate) struct Resolver {
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Columns whose type could not be resolved (already reported), as (table, column).
    broken: HashSet<(String, String)>,
    /// Where each table, column, constraint and index was written, for later checks.
    pub(crate) spans: NameSpans,
}

/// Where names were written: by table, and by (table, name) for columns, constraints and indexes.
#[derive(Default)]
pub(crate) struct NameSpans {
    pub(crate) tables: HashMap<String, Range<usize>>,
    pub(crate) objects: HashMap<(String, String), Range<usize>>,
}

impl NameSpans {
    /// Where `name` of `table` was written, or where the table was, if the name was generated.
    pub(crate) fn of(&self, table: &str, name: &str) -> Range<usize> {
        self.objects
            .get(&(table.to_string(), name.to_string()))
            .or_else(|| self.tables.get(table))
            .cloned()
            .unwrap_or(0..0)
    }

    fn record(&mut self, table: &str, name: &str, span: &Range<usize>) {
        self.objects
            .entry((table.to_string(), name.to_string()))
            .or_insert_with(|| span.clone());
    }
}

impl Resolver {
    fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(crate) fn resolve(&mut self, raw: RawSchema) -> Schema {
        let project = Project {
            name: raw.project.name.unwrap_or_else(|| "dbkit".to_string()),
            dialects: raw
                .project
                .dialects
                .iter()
                .map(|dialect| dialect.value.clone())
                .collect(),
            plugins: raw.project.plugins,
            auto_index_foreign_keys: raw.project.auto_index_foreign_keys.unwrap_or(true),
        };
        let mut drafts: Vec<DraftTable> = Vec::new();
        for table in raw.tables {
            let draft = self.draft_table(table);
            drafts.push(draft);
        }
        for relationship in raw.relationships {
            let [left, right] = [&relationship.sides.value[0], &relationship.sides.value[1]];
            let names: Vec<Located<String>> = match &relationship.column_names {
                Some(names) => names.value.clone(),
                None => [left, right]
                    .iter()
                    .map(|side| Located {
                        value: format!("{}_id", naming::singular(&side.value)),
                        span: side.span.clone(),
                    })
                    .collect(),
            };
            if names[0].value == names[1].value {
                self.error(
                    Diagnostic::at(
                        relationship.sides.span.clone(),
                        format!(
                            "relationship \"{}\" would have two columns named \"{}\"",
                            relationship.name.value, names[0].value
                        ),
                    )
                    .with_help("name the two columns with column_names = [\"first_id\", \"second_id\"]"),
                );
                continue;
            }
            let side_column = |name: &Located<String>, side: &Located<String>| DraftColumn {
                name: name.clone(),
                column_type: None,
                type_span: side.span.clone(),
                auto_increment: false,
                nullable: false,
                default: None,
                reference: Some(ColumnReference {
                    table: side.clone(),
                    column: None,
                }),
                comment: None,
                broken: false,
            };
            let mut columns = vec![side_column(&names[0], left), side_column(&names[1], right)];
            let junction = relationship.name.value.clone();
            for column in relationship.columns {
                columns.push(self.draft_column(&junction, &column));
            }
            let foreign_key = |column: &Located<String>, side: &Located<String>| DraftForeignKey {
                name: None,
                columns: vec![column.clone()],
                table: side.clone(),
                referenced_columns: None,
                on_delete: Some(Located {
                    value: ReferentialAction::Cascade,
                    span: side.span.clone(),
                }),
                on_update: None,
                span: side.span.clone(),
            };
            let foreign_keys = vec![foreign_key(&names[0], left), foreign_key(&names[1], right)];
            let second_index = Located {
                value: naming::index_name(&junction, std::slice::from_ref(&names[1].value)),
                span: relationship.name.span.clone(),
            };
            drafts.push(DraftTable {
                name: relationship.name.clone(),
                comment: relationship.comment,
                kind: TableKind::Junction {
                    left: left.value.clone(),
                    right: right.value.clone(),
                },
                columns,
                primary_key: Some(DraftPrimaryKey {
                    name: None,
                    columns: names.clone(),
                }),
                unique: Vec::new(),
                checks: Vec::new(),
                indexes: vec![(second_index, vec![names[1].clone()], false, IndexOrigin::Junction)],
                foreign_keys,
            });
        }
        self.check_table_names(&drafts);
        self.infer_reference_types(&mut drafts);
        let mut tables: Vec<Table> = Vec::new();
        let mut foreign_key_spans: Vec<Vec<DraftForeignKey>> = Vec::new();
        for draft in drafts {
            let (table, foreign_keys) = self.build_table(draft);
            tables.push(table);
            foreign_key_spans.push(foreign_keys);
        }
        self.resolve_foreign_keys(&mut tables, foreign_key_spans);
        if project.auto_index_foreign_keys {
            add_foreign_key_indexes(&mut tables);
        }
        Schema { project, tables }
    }

    fn draft_table(&mut self, table: RawTable) -> DraftTable {
        let table_name = table.name.value.clone();
        let columns: Vec<DraftColumn> = table
            .columns
            .iter()
            .map(|column| self.draft_column(&table_name, column))
            .collect();
        let mut foreign_keys = Vec::new();
        let mut unique = Vec::new();
        for (column, draft) in table.columns.iter().zip(&columns) {
            if let Some(reference) = &draft.reference {
                foreign_keys.push(DraftForeignKey {
                    name: column.foreign_key_name.clone(),
                    columns: vec![column.name.clone()],
                    table: reference.table.clone(),
                    referenced_columns: reference.column.clone().map(|column| vec![column]),
                    on_delete: column.on_delete.clone(),
                    on_update: column.on_update.clone(),
                    span: reference.table.span.clone(),
                });
            } else if let Some(action) = column.on_delete.as_ref().or(column.on_update.as_ref()) {
                self.error(
                    Diagnostic::at(
                        action.span.clone(),
                        format!(
                            "column {table_name}.{} has an on_delete/on_update action but no references",
                            column.name.value
                        ),
                    )
                    .with_help("add references = \"<table>\", or remove the action"),
                );
            }
            if column.unique {
                let name = column.unique_name.clone().unwrap_or_else(|| Located {
                    value: naming::unique_name(&table_name, std::slice::from_ref(&column.name.value)),
                    span: column.name.span.clone(),
                });
                unique.push((name, vec![column.name.clone()]));
            } else if let Some(name) = &column.unique_name {
                self.error(
                    Diagnostic::at(
                        name.span.clone(),
                        format!("column {table_name}.{} has a unique_name but is not unique", column.name.value),
                    )
                    .with_help("add unique = true, or remove unique_name"),
                );
            }
        }
        unique.extend(
            table
                .unique
                .iter()
                .map(|(name, columns)| (name.clone(), columns.value.clone())),
        );
        for foreign_key in &table.foreign_keys {
            foreign_keys.push(DraftForeignKey {
                name: Some(foreign_key.name.clone()),
                columns: foreign_key.columns.value.clone(),
                table: foreign_key.references.clone(),
                referenced_columns: foreign_key
                    .referenced_columns
                    .as_ref()
                    .map(|columns| columns.value.clone()),
                on_delete: foreign_key.on_delete.clone(),
                on_update: foreign_key.on_update.clone(),
                span: foreign_key.name.span.clone(),
            });
        }
        let primary_key = self.draft_primary_key(&table, &columns);
        DraftTable {
            name: table.name,
            comment: table.comment,
            kind: TableKind::Plain,
            columns,
            primary_key,
            unique,
            checks: table.checks,
            indexes: table
                .indexes
                .into_iter()
                .map(|index| (index.name, index.columns.value, index.unique, IndexOrigin::User))
                .collect(),
            foreign_keys,
        }
    }

    fn draft_primary_key(&mut self, table: &RawTable, columns: &[DraftColumn]) -> Option<DraftPrimaryKey> {
        let table_name = &table.name.value;
        let mut candidates: Vec<Located<String>> = columns
            .iter()
            .zip(&table.columns)
            .filter(|(draft, raw)| draft.auto_increment || raw.primary_key)
            .map(|(draft, _)| draft.name.clone())
            .collect();
        if candidates.len() > 1 {
            self.error(
                Diagnostic::at(
                    candidates[1].span.clone(),
                    format!(
                        "table \"{table_name}\" has more than one primary key column ({})",
                        candidates.iter().map(|c| c.value.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                )
                .with_help(format!(
                    "a table has one primary key; for a composite key write primary_key = [{}] under [tables.{table_name}]",
                    candidates.iter().map(|c| format!("\"{}\"", c.value)).collect::<Vec<_>>().join(", ")
                )),
            );
            candidates.truncate(1);
        }
        let name = table.primary_key_name.clone();
        match (&table.primary_key, candidates.pop()) {
            (Some(list), Some(column)) => {
                self.error(
                    Diagnostic::at(
                        list.span.clone(),
                        format!(
                            "table \"{table_name}\" has both primary_key = [...] and the primary key column \"{}\"",
                            column.value
                        ),
                    )
                    .with_help("keep one of the two"),
                );
                None
            }
            (Some(list), None) => {
                if table.no_primary_key {
                    self.error(Diagnostic::at(
                        list.span.clone(),
                        format!("table \"{table_name}\" has a primary key and no_primary_key = true"),
                    ));
                }
                Some(DraftPrimaryKey {
                    name,
                    columns: list.value.clone(),
                })
            }
            (None, Some(column)) => {
                if table.no_primary_key {
                    self.error(Diagnostic::at(
                        column.span.clone(),
                        format!("table \"{table_name}\" has a primary key and no_primary_key = true"),
                    ));
                }
                Some(DraftPrimaryKey {
                    name,
                    columns: vec![column],
                })
            }
            (None, None) => {
                if !table.no_primary_key && !table.columns.is_empty() {
                    self.error(
                        Diagnostic::at(
                            table.name.span.clone(),
                            format!("table \"{table_name}\" has no primary key"),
                        )
                        .with_help(
                            "add columns.id = \"id\", mark a column primary_key = true, or write primary_key = [\"a\", \"b\"]; a legacy table without one can say no_primary_key = true",
                        ),
                    );
                }
                if let Some(name) = name {
                    self.error(Diagnostic::at(
                        name.span,
                        format!("table \"{table_name}\" has a primary_key_name but no primary key"),
                    ));
                }
                None
            }
        }
    }

    fn draft_column(&mut self, table: &str, column: &RawColumn) -> DraftColumn {
        let what = format!("{table}.{}", column.name.value);
        let mut draft = DraftColumn {
            name: column.name.clone(),
            column_type: None,
            type_span: column.name.span.clone(),
            auto_increment: false,
            nullable: column.nullable.as_ref().is_some_and(|flag| flag.value),
            default: column.default.clone(),
            reference: column.references.as_ref().map(|table| ColumnReference {
                table: table.clone(),
                column: column.referenced_column.clone(),
            }),
            comment: column.comment.clone(),
            broken: false,
        };
        if column.referenced_column.is_some() && column.references.is_none() {
            self.error(Diagnostic::at(
                column.referenced_column.as_ref().map_or(column.name.span.clone(), |c| c.span.clone()),
                format!("column {what} has referenced_column but no references"),
            ));
        }
        match &column.type_text {
            Some(text) => {
                draft.type_span = text.span.clone();
                let (type_text, marked_nullable) = match text.value.trim_end().strip_suffix('?') {
                    Some(stripped) => (stripped, true),
                    None => (text.value.as_str(), false),
                };
                if marked_nullable {
                    if column.nullable.as_ref().is_some_and(|flag| !flag.value) {
                        self.error(
                            Diagnostic::at(
                                text.span.clone(),
                                format!("column {what} is marked nullable with \"?\" and nullable = false"),
                            )
                            .with_help("keep one of the two"),
                        );
                    }
                    draft.nullable = true;
                }
                match parse_type(type_text) {
                    Ok(TypeSpec::Id) => {
                        draft.column_type = Some(ColumnType::BigInt);
                        draft.auto_increment = true;
                        if draft.nullable {
                            self.error(Diagnostic::at(
                                text.span.clone(),
                                format!("the id column {what} cannot be nullable"),
                            ));
                        }
                        if let Some(default) = &column.default {
                            self.error(
                                Diagnostic::at(
                                    default.span.clone(),
                                    format!("the id column {what} cannot have a default"),
                                )
                                .with_help("the database generates its values"),
                            );
                        }
                        if let Some(references) = &column.references {
                            self.error(
                                Diagnostic::at(
                                    references.span.clone(),
                                    format!("the id column {what} cannot reference another table"),
                                )
                                .with_help(
                                    "for a key shared with the parent, write type = \"bigint\", primary_key = true",
                                ),
                            );
                            draft.reference = None;
                        }
                    }
                    Ok(TypeSpec::Type(column_type)) => draft.column_type = Some(column_type),
                    Err(error) => {
                        draft.broken = true;
                        let help = match &error {
                            TypeError::Unknown {
                                suggestion: Some(suggestion),
                                ..
                            } => format!("did you mean \"{suggestion}\"?"),
                            TypeError::Unknown { .. } => format!(
                                "the types are: {}",
                                crate::column_type::TYPE_NAMES.join(", ")
                            ),
                            TypeError::BadParameters { .. } => {
                                "see the type table in docs/schema-toml.md".to_string()
                            }
                        };
                        self.error(
                            Diagnostic::at(text.span.clone(), format!("{error} in column {what}"))
                                .with_help(help),
                        );
                    }
                }
            }
            None if column.references.is_some() => {}
            None => {
                draft.broken = true;
                self.error(
                    Diagnostic::at(column.name.span.clone(), format!("column {what} has no type"))
                        .with_help("add type = \"...\", or references = \"<table>\" to take the type of its key"),
                );
            }
        }
        draft
    }

    fn check_table_names(&mut self, drafts: &[DraftTable]) {
        let mut seen: HashMap<String, &Located<String>> = HashMap::new();
        for draft in drafts {
            if draft.name.value.is_empty() {
                self.error(Diagnostic::at(draft.name.span.clone(), "a table name cannot be empty"));
                continue;
            }
            let key = draft.name.value.to_lowercase();
            if let Some(first) = seen.get(&key) {
                let first_location = first.value.clone();
                self.error(
                    Diagnostic::at(
                        draft.name.span.clone(),
                        format!(
                            "duplicate table name \"{}\" (already used by table \"{first_location}\")",
                            draft.name.value
                        ),
                    )
                    .with_help(
                        "table names must differ in more than letter case, since MySQL on Windows and macOS ignores case",
                    ),
                );
            } else {
                seen.insert(key, &draft.name);
            }
            let mut columns: HashMap<String, &str> = HashMap::new();
            for column in &draft.columns {
                if column.name.value.is_empty() {
                    self.error(Diagnostic::at(
                        column.name.span.clone(),
                        format!("a column name in table \"{}\" cannot be empty", draft.name.value),
                    ));
                    continue;
                }
                let key = column.name.value.to_lowercase();
                if let Some(first) = columns.get(&key) {
                    self.error(
                        Diagnostic::at(
                            column.name.span.clone(),
                            format!(
                                "duplicate column \"{}\" in table \"{}\" (already used by \"{first}\")",
                                column.name.value, draft.name.value
                            ),
                        )
                        .with_help("column names must differ in more than letter case"),
                    );
                } else {
                    columns.insert(key, &column.name.value);
                }
            }
        }
    }

    /// Gives every `references` column without a type the type of the key it references.
    fn infer_reference_types(&mut self, drafts: &mut [DraftTable]) {
        loop {
            let mut progress = false;
            for table_index in 0..drafts.len() {
                for column_index in 0..drafts[table_index].columns.len() {
                    let column = &drafts[table_index].columns[column_index];
                    if column.column_type.is_some() || column.broken {
                        continue;
                    }
                    let Some(reference) = &column.reference else { continue };
                    match target_column(drafts, reference) {
                        Ok(Target::Known(column_type)) => {
                            drafts[table_index].columns[column_index].column_type = Some(column_type);
                            progress = true;
                        }
                        Ok(Target::Pending) => {}
                        Ok(Target::Broken) => {
                            drafts[table_index].columns[column_index].broken = true;
                            progress = true;
                        }
                        Err(diagnostic) => {
                            let table = &drafts[table_index];
                            let column = &table.columns[column_index];
                            let diagnostic = Diagnostic {
                                message: format!(
                                    "{} (column {}.{})",
                                    diagnostic.message, table.name.value, column.name.value
                                ),
                                ..diagnostic
                            };
                            self.error(diagnostic);
                            drafts[table_index].columns[column_index].broken = true;
                        }
                    }
                }
            }
            if !progress {
                break;
            }
        }
        for draft in drafts.iter_mut() {
            for column in &mut draft.columns {
                if column.column_type.is_none() && !column.broken {
                    column.broken = true;
                    self.error(
                        Diagnostic::at(
                            column.name.span.clone(),
                            format!(
                                "the type of column {}.{} cannot be inferred: its references form a loop",
                                draft.name.value, column.name.value
                            ),
                        )
                        .with_help("give the column an explicit type"),
                    );
                }
            }
        }
    }

    fn build_table(&mut self, draft: DraftTable) -> (Table, Vec<DraftForeignKey>) {
        let table_name = draft.name.value.clone();
        let column_names: Vec<String> = draft.columns.iter().map(|c| c.name.value.clone()).collect();
        self.spans
            .tables
            .entry(table_name.clone())
            .or_insert_with(|| draft.name.span.clone());
        for column in &draft.columns {
            self.spans.record(&table_name, &column.name.value, &column.name.span);
        }
        if let Some(DraftPrimaryKey { name: Some(name), .. }) = &draft.primary_key {
            self.spans.record(&table_name, &name.value, &name.span);
        }
        let user_names = draft
            .unique
            .iter()
            .map(|(name, _)| name)
            .chain(draft.checks.iter().map(|(name, _)| name))
            .chain(draft.indexes.iter().map(|(name, ..)| name))
            .chain(draft.foreign_keys.iter().filter_map(|key| key.name.as_ref()));
        for name in user_names {
            self.spans.record(&table_name, &name.value, &name.span);
        }
        for key in &draft.foreign_keys {
            if key.name.is_none() {
                let columns: Vec<String> = key.columns.iter().map(|c| c.value.clone()).collect();
                let name = naming::foreign_key_name(&table_name, &columns);
                self.spans.record(&table_name, &name, &key.span);
                let index = naming::index_name(&table_name, &columns);
                self.spans.record(&table_name, &index, &key.span);
            }
        }
        let mut columns = Vec::new();
        for column in &draft.columns {
            let Some(column_type) = column.column_type.clone() else {
                self.broken.insert((table_name.clone(), column.name.value.clone()));
                continue;
            };
            let default = column
                .default
                .as_ref()
                .and_then(|default| self.resolve_default(&table_name, column, &column_type, default));
            columns.push(Column {
                name: column.name.value.clone(),
                column_type,
                nullable: column.nullable,
                default,
                auto_increment: column.auto_increment,
                comment: column.comment.clone(),
            });
        }
        let primary_key = draft.primary_key.map(|key| {
            self.check_columns_exist(&table_name, &column_names, &key.columns, "the primary key");
            self.check_no_repeats(&table_name, &key.columns, "the primary key");
            for column in &key.columns {
                if let Some(draft_column) = draft.columns.iter().find(|c| c.name.value == column.value)
                    && draft_column.nullable
                {
                    self.error(
                        Diagnostic::at(
                            column.span.clone(),
                            format!("primary key column {table_name}.{} cannot be nullable", column.value),
                        )
                        .with_help("remove the \"?\" or nullable = true"),
                    );
                }
            }
            PrimaryKey {
                name: key
                    .name
                    .map_or_else(|| naming::primary_key_name(&table_name), |name| name.value),
                columns: key.columns.into_iter().map(|column| column.value).collect(),
            }
        });
        let mut unique_constraints = Vec::new();
        for (name, key_columns) in draft.unique {
            let what = format!("unique constraint \"{}\"", name.value);
            self.check_columns_exist(&table_name, &column_names, &key_columns, &what);
            self.check_no_repeats(&table_name, &key_columns, &what);
            unique_constraints.push(UniqueConstraint {
                name: name.value,
                columns: key_columns.into_iter().map(|column| column.value).collect(),
            });
        }
        let mut checks = Vec::new();
        for (name, expression) in draft.checks {
            match referenced_columns(&expression.value) {
                Ok(referenced) => {
                    for column in referenced {
                        if !column_names.iter().any(|name| name.eq_ignore_ascii_case(&column)) {
                            self.error(
                                Diagnostic::at(
                                    expression.span.clone(),
                                    format!(
                                        "unknown column \"{column}\" in check \"{}\" of table \"{table_name}\"",
                                        name.value
                                    ),
                                )
                                .with_optional_help(did_you_mean(
                                    &column,
                                    column_names.iter().map(String::as_str),
                                )),
                            );
                        }
                    }
                }
                Err(reason) => self.error(
                    Diagnostic::at(
                        expression.span.clone(),
                        format!(
                            "check \"{}\" of table \"{table_name}\" is not a valid SQL expression: {reason}",
                            name.value
                        ),
                    )
                    .with_help("write a boolean expression over the table's columns, as in \"fee >= 0\""),
                ),
            }
            checks.push(CheckConstraint {
                name: name.value,
                expression: expression.value,
            });
        }
        let mut indexes = Vec::new();
        for (name, index_columns, unique, origin) in draft.indexes {
            let what = format!("index \"{}\"", name.value);
            self.check_columns_exist(&table_name, &column_names, &index_columns, &what);
            self.check_no_repeats(&table_name, &index_columns, &what);
            indexes.push(Index {
                name: name.value,
                columns: index_columns.into_iter().map(|column| column.value).collect(),
                unique,
                origin,
            });
        }
        let table = Table {
            name: table_name,
            comment: draft.comment,
            kind: draft.kind,
            columns,
            primary_key,
            unique_constraints,
            checks,
            foreign_keys: Vec::new(),
            indexes,
        };
        (table, draft.foreign_keys)
    }

    fn resolve_default(
        &mut self,
        table: &str,
        column: &DraftColumn,
        column_type: &ColumnType,
        default: &Located<RawDefault>,
    ) -> Option<DefaultValue> {
        let value = match &default.value {
            RawDefault::String(text) if text.eq_ignore_ascii_case("now") && column_type.is_temporal() => {
                match column_type {
                    ColumnType::Date => DefaultValue::CurrentDate,
                    ColumnType::Time => DefaultValue::CurrentTime,
                    _ => DefaultValue::CurrentTimestamp,
                }
            }
            RawDefault::String(text) => DefaultValue::String(text.clone()),
            RawDefault::Integer(number) => DefaultValue::Integer(*number),
            RawDefault::Number(text) => DefaultValue::Number(text.clone()),
            RawDefault::Boolean(flag) => DefaultValue::Boolean(*flag),
        };
        match value.check_fits(column_type) {
            Ok(()) => Some(value),
            Err(reason) => {
                self.error(Diagnostic::at(
                    default.span.clone(),
                    format!(
                        "the default of column {table}.{} does not fit its type: {reason}",
                        column.name.value
                    ),
                ));
                None
            }
        }
    }

    fn check_columns_exist(&mut self, table: &str, columns: &[String], used: &[Located<String>], what: &str) {
        for column in used {
            let broken = self.broken.contains(&(table.to_string(), column.value.clone()));
            if !broken && !columns.contains(&column.value) {
                self.error(
                    Diagnostic::at(
                        column.span.clone(),
                        format!("unknown column \"{}\" in {what} of table \"{table}\"", column.value),
                    )
                    .with_optional_help(did_you_mean(&column.value, columns.iter().map(String::as_str))),
                );
            }
        }
    }

    fn check_no_repeats(&mut self, table: &str, used: &[Located<String>], what: &str) {
        for (index, column) in used.iter().enumerate() {
            if used[..index].iter().any(|earlier| earlier.value == column.value) {
                self.error(Diagnostic::at(
                    column.span.clone(),
                    format!("column \"{}\" appears twice in {what} of table \"{table}\"", column.value),
                ));
            }
        }
    }

    fn resolve_foreign_keys(&mut self, tables: &mut [Table], drafts: Vec<Vec<DraftForeignKey>>) {
        let table_names: Vec<String> = tables.iter().map(|table| table.name.clone()).collect();
        for (table_index, drafts) in drafts.into_iter().enumerate() {
            for draft in drafts {
                if let Some(foreign_key) = self.resolve_foreign_key(tables, table_index, &table_names, draft) {
                    tables[table_index].foreign_keys.push(foreign_key);
                }
            }
        }
    }

    fn resolve_foreign_key(
        &mut self,
        tables: &[Table],
        table_index: usize,
        table_names: &[String],
        draft: DraftForeignKey,
    ) -> Option<ForeignKey> {
        let table = &tables[table_index];
        let columns: Vec<String> = draft.columns.iter().map(|column| column.value.clone()).collect();
        let what = format!("foreign key of table \"{}\"", table.name);
        let known: Vec<String> = table.columns.iter().map(|column| column.name.clone()).collect();
        if draft
            .columns
            .iter()
            .any(|column| self.broken.contains(&(table.name.clone(), column.value.clone())))
        {
            return None;
        }
        let before = self.diagnostics.len();
        self.check_columns_exist(&table.name, &known, &draft.columns, "the foreign key");
        if self.diagnostics.len() > before {
            return None;
        }
        let Some(target) = tables.iter().find(|candidate| candidate.name == draft.table.value) else {
            self.error(
                Diagnostic::at(
                    draft.table.span.clone(),
                    format!("unknown table \"{}\" in {what}", draft.table.value),
                )
                .with_optional_help(did_you_mean(
                    &draft.table.value,
                    table_names.iter().map(String::as_str),
                )),
            );
            return None;
        };
        let referenced: Vec<Located<String>> = match draft.referenced_columns {
            Some(referenced) => referenced,
            None => match &target.primary_key {
                Some(key) => key
                    .columns
                    .iter()
                    .map(|column| Located {
                        value: column.clone(),
                        span: draft.table.span.clone(),
                    })
                    .collect(),
                None => {
                    self.error(
                        Diagnostic::at(
                            draft.table.span.clone(),
                            format!("{what} references table \"{}\", which has no primary key", target.name),
                        )
                        .with_help("name the referenced unique column(s) explicitly"),
                    );
                    return None;
                }
            },
        };
        let target_columns: Vec<String> = target.columns.iter().map(|column| column.name.clone()).collect();
        let before = self.diagnostics.len();
        for column in &referenced {
            if !target_columns.contains(&column.value) {
                self.error(
                    Diagnostic::at(
                        column.span.clone(),
                        format!(
                            "unknown column \"{}\" of table \"{}\" referenced by {what}",
                            column.value, target.name
                        ),
                    )
                    .with_optional_help(did_you_mean(
                        &column.value,
                        target_columns.iter().map(String::as_str),
                    )),
                );
            }
        }
        if self.diagnostics.len() > before {
            return None;
        }
        let referenced_columns: Vec<String> = referenced.iter().map(|column| column.value.clone()).collect();
        if referenced_columns.len() != columns.len() {
            self.error(Diagnostic::at(
                draft.span.clone(),
                format!(
                    "{what} has {} column(s) but references {} column(s) of table \"{}\"",
                    columns.len(),
                    referenced_columns.len(),
                    target.name
                ),
            ));
            return None;
        }
        if !target.has_unique_key(&referenced_columns) {
            self.error(
                Diagnostic::at(
                    draft.table.span.clone(),
                    format!(
                        "{what} references {}({}), which is neither the primary key nor unique",
                        target.name,
                        referenced_columns.join(", ")
                    ),
                )
                .with_help(format!(
                    "reference the primary key of \"{}\", or make the referenced column(s) unique",
                    target.name
                )),
            );
            return None;
        }
        for ((column, span), referenced) in columns
            .iter()
            .zip(draft.columns.iter().map(|c| c.span.clone()))
            .zip(&referenced_columns)
        {
            let (Some(own), Some(other)) = (table.column(column), target.column(referenced)) else {
                continue;
            };
            if own.column_type != other.column_type {
                self.error(
                    Diagnostic::at(
                        span,
                        format!(
                            "type mismatch in {what}: {}.{column} is {} but {}.{referenced} is {}",
                            table.name, own.column_type, target.name, other.column_type
                        ),
                    )
                    .with_help(format!(
                        "give {column} the type {}, or leave out its type so that it is taken from the referenced key",
                        other.column_type
                    )),
                );
            }
        }
        let on_delete = draft.on_delete.as_ref().map_or(ReferentialAction::NoAction, |a| a.value);
        let on_update = draft.on_update.as_ref().map_or(ReferentialAction::NoAction, |a| a.value);
        for action in [&draft.on_delete, &draft.on_update].into_iter().flatten() {
            for column in &columns {
                let Some(own) = table.column(column) else { continue };
                if action.value == ReferentialAction::SetNull && !own.nullable {
                    self.error(
                        Diagnostic::at(
                            action.span.clone(),
                            format!(
                                "\"set null\" on the NOT NULL column {}.{column}",
                                table.name
                            ),
                        )
                        .with_help("mark the column nullable = true, or choose another action"),
                    );
                }
                if action.value == ReferentialAction::SetDefault && own.default.is_none() {
                    self.error(
                        Diagnostic::at(
                            action.span.clone(),
                            format!(
                                "\"set default\" on the column {}.{column}, which has no default",
                                table.name
                            ),
                        )
                        .with_help("give the column a default, or choose another action"),
                    );
                }
            }
        }
        Some(ForeignKey {
            name: draft
                .name
                .map_or_else(|| naming::foreign_key_name(&table.name, &columns), |name| name.value),
            columns,
            referenced_table: target.name.clone(),
            referenced_columns,
            on_delete,
            on_update,
        })
    }
}

/// What is known of the column a reference points at.
enum Target {
    /// Its type.
    Known(ColumnType),
    /// Its type is not inferred yet.
    Pending,
    /// Its type cannot be known (an error was reported for it already).
    Broken,
}

/// The type of the column a reference points at, or an error when it cannot be found.
fn target_column(drafts: &[DraftTable], reference: &ColumnReference) -> Result<Target, Diagnostic> {
    let table = &reference.table;
    let Some(target) = drafts.iter().find(|draft| draft.name.value == table.value) else {
        let help = did_you_mean(&table.value, drafts.iter().map(|draft| draft.name.value.as_str()));
        return Err(Diagnostic::at(
            table.span.clone(),
            format!("unknown table \"{}\" in references", table.value),
        )
        .with_optional_help(help));
    };
    let (column_name, span) = match &reference.column {
        Some(column) => (column.value.clone(), column.span.clone()),
        None => match &target.primary_key {
            Some(key) if key.columns.len() == 1 => (key.columns[0].value.clone(), table.span.clone()),
            Some(key) => {
                return Err(Diagnostic::at(
                    table.span.clone(),
                    format!(
                        "table \"{}\" has a primary key of {} columns, which one column cannot reference",
                        target.name.value,
                        key.columns.len()
                    ),
                )
                .with_help("declare the columns and a table-level entry under foreign_keys"));
            }
            None => {
                return Err(Diagnostic::at(
                    table.span.clone(),
                    format!("table \"{}\" has no primary key to reference", target.name.value),
                )
                .with_help("name a unique column with referenced_column = \"...\""));
            }
        },
    };
    let Some(column) = target.columns.iter().find(|column| column.name.value == column_name) else {
        let help = did_you_mean(&column_name, target.columns.iter().map(|c| c.name.value.as_str()));
        return Err(Diagnostic::at(
            span,
            format!("unknown column \"{column_name}\" of table \"{}\" in references", target.name.value),
        )
        .with_optional_help(help));
    };
    Ok(match (&column.column_type, column.broken) {
        (_, true) => Target::Broken,
        (Some(column_type), false) => Target::Known(column_type.clone()),
        (None, false) => Target::Pending,
    })
}

/// Adds an index for every foreign key whose columns do not lead an existing key or index.
fn add_foreign_key_indexes(tables: &mut [Table]) {
    for table in tables {
        let mut added = Vec::new();
        for foreign_key in &table.foreign_keys {
            let covered = table.has_index_leading_with(&foreign_key.columns)
                || added.iter().any(|index: &Index| index.columns == foreign_key.columns);
            if !covered {
                added.push(Index {
                    name: naming::index_name(&table.name, &foreign_key.columns),
                    columns: foreign_key.columns.clone(),
                    unique: false,
                    origin: IndexOrigin::ForeignKey,
                });
            }
        }
        table.indexes.extend(added);
    }
}
