//! Turns the raw document into the resolved [`Schema`], checking everything it means.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::BUILT_IN_DIALECTS;
use super::raw::{RawColumn, RawDefault, RawSchema, RawTable};
use super::raw_options::RawIndexOptions;
use super::resolve_options::{ColumnExtras, apply_column_options, resolve_index_options};
use super::toml_view::Located;
use crate::check_expression::analyse;
use crate::column_type::{ColumnType, TypeError, TypeSpec, parse_type};
use crate::default_value::DefaultValue;
use crate::diagnostic::Diagnostic;
use crate::naming;
use crate::options::{IndexOptions, TableOptions};
use crate::schema::{
    CheckConstraint, Column, ForeignKey, Index, IndexOrigin, PrimaryKey, Project,
    ReferentialAction, Schema, Table, TableKind, UniqueConstraint,
};
use crate::suggest::did_you_mean;

/// An index as it is being resolved: name, columns, whether it is unique, why it exists, options.
type DraftIndex = (
    Located<String>,
    Vec<Located<String>>,
    bool,
    IndexOrigin,
    RawIndexOptions,
);

/// A table as it is being resolved, before foreign keys can be checked against their targets.
struct DraftTable {
    name: Located<String>,
    comment: Option<String>,
    kind: TableKind,
    columns: Vec<DraftColumn>,
    primary_key: Option<DraftPrimaryKey>,
    unique: Vec<(Located<String>, Vec<Located<String>>)>,
    checks: Vec<(Located<String>, Located<String>)>,
    indexes: Vec<DraftIndex>,
    foreign_keys: Vec<DraftForeignKey>,
    functional_dependencies: Vec<Located<String>>,
    renamed_from: Option<String>,
    options: TableOptions,
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
    collation: Option<String>,
    renamed_from: Option<String>,
}

struct ColumnReference {
    table: Located<String>,
    column: Option<Located<String>>,
    /// The relationship whose junction table this column belongs to, for a junction key column.
    relationship: Option<String>,
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

pub(crate) struct Resolver {
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Columns whose type could not be resolved (already reported), as (table, column).
    broken: HashSet<(String, String)>,
    /// Where each table, column, constraint and index was written, for later checks.
    pub(crate) spans: NameSpans,
    /// The text of the file, to point inside strings (at a column in a CHECK expression).
    source: String,
    /// Whether MySQL is one of the targets, so that its limits on keys and defaults apply.
    mysql_is_target: bool,
}

/// What a name names; a table may use the same name for a column and a constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NameKind {
    Table,
    Column,
    PrimaryKey,
    Unique,
    Check,
    ForeignKey,
    Index,
    /// The CHECK a dialect adds to enforce a type (enum values, booleans, JSON).
    TypeCheck,
}

impl NameKind {
    /// The kind in words, for messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            NameKind::Table => "table",
            NameKind::Column => "column",
            NameKind::PrimaryKey => "primary key",
            NameKind::Unique => "unique constraint",
            NameKind::Check => "check",
            NameKind::ForeignKey => "foreign key",
            NameKind::Index => "index",
            NameKind::TypeCheck => "type check",
        }
    }
}

/// Where names were written, by (table, kind, name).
#[derive(Default)]
pub(crate) struct NameSpans {
    objects: HashMap<(String, NameKind, String), Range<usize>>,
    /// The constraint and index names the user wrote (the others follow the naming convention).
    written: HashSet<(String, NameKind, String)>,
}

impl NameSpans {
    /// Where `name` of `table` was written, or where the table was, if the name was generated.
    pub(crate) fn of(&self, table: &str, kind: NameKind, name: &str) -> Range<usize> {
        self.objects
            .get(&(table.to_string(), kind, name.to_string()))
            .or_else(|| {
                self.objects
                    .get(&(table.to_string(), NameKind::Table, table.to_string()))
            })
            .cloned()
            .unwrap_or(0..0)
    }

    /// Whether the user wrote this name, rather than dbkit deriving it from a table or column name.
    pub(crate) fn is_written(&self, table: &str, kind: NameKind, name: &str) -> bool {
        matches!(kind, NameKind::Table | NameKind::Column)
            || self
                .written
                .contains(&(table.to_string(), kind, name.to_string()))
    }

    fn record(&mut self, table: &str, kind: NameKind, name: &str, span: &Range<usize>) {
        self.objects
            .entry((table.to_string(), kind, name.to_string()))
            .or_insert_with(|| span.clone());
    }

    fn record_written(&mut self, table: &str, kind: NameKind, name: &str, span: &Range<usize>) {
        self.record(table, kind, name, span);
        self.written
            .insert((table.to_string(), kind, name.to_string()));
    }
}

impl Resolver {
    pub(crate) fn new(source: &str) -> Self {
        Resolver {
            diagnostics: Vec::new(),
            broken: HashSet::new(),
            spans: NameSpans::default(),
            source: source.to_string(),
            mysql_is_target: true,
        }
    }

    fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The span of `part` (at byte `offset`, `length` bytes long) inside the string `text`
    /// written at `written`, when the string was written without escapes; otherwise the span of
    /// the whole string.
    fn span_inside(
        &self,
        written: &Range<usize>,
        text: &str,
        offset: usize,
        length: usize,
    ) -> Range<usize> {
        let Some(raw) = self.source.get(written.clone()) else {
            return written.clone();
        };
        for quote in ["\"\"\"", "'''", "\"", "'"] {
            let Some(inner) = raw
                .strip_prefix(quote)
                .and_then(|rest| rest.strip_suffix(quote))
            else {
                continue;
            };
            let unwrapped = if quote.len() == 3 {
                inner
                    .strip_prefix("\r\n")
                    .or_else(|| inner.strip_prefix('\n'))
                    .unwrap_or(inner)
            } else {
                inner
            };
            if unwrapped == text {
                let start = written.start + quote.len() + (inner.len() - unwrapped.len()) + offset;
                return start..start + length;
            }
            break;
        }
        written.clone()
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
        self.mysql_is_target = project.dialects.is_empty()
            || project.dialects.iter().any(|dialect| dialect == "mysql");
        if project.plugins.is_empty() {
            for dialect in &raw.project.dialects {
                if !BUILT_IN_DIALECTS.contains(&dialect.value.as_str()) {
                    let help = did_you_mean(&dialect.value, BUILT_IN_DIALECTS.iter().copied()).unwrap_or_else(|| {
                        format!(
                            "the built-in dialects are {}; other dialects come from plugins listed in [project] plugins",
                            BUILT_IN_DIALECTS.join(", ")
                        )
                    });
                    self.error(
                        Diagnostic::at(
                            dialect.span.clone(),
                            format!("unknown dialect \"{}\"", dialect.value),
                        )
                        .with_help(help),
                    );
                }
            }
        }
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
                    .with_help(
                        "name the two columns with column_names = [\"first_id\", \"second_id\"]",
                    ),
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
                    relationship: Some(relationship.name.value.clone()),
                }),
                comment: None,
                broken: false,
                collation: None,
                renamed_from: None,
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
                indexes: vec![(
                    second_index,
                    vec![names[1].clone()],
                    false,
                    IndexOrigin::Junction,
                    RawIndexOptions::default(),
                )],
                foreign_keys,
                functional_dependencies: Vec::new(),
                renamed_from: None,
                options: TableOptions::default(),
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
        let seed = super::raw_seed::resolve_seed(raw.seed, &tables, &mut self.diagnostics);
        Schema {
            project,
            tables,
            lint: raw.lint,
            seed,
        }
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
            } else {
                let actions = [
                    ("on_delete", &column.on_delete),
                    ("on_update", &column.on_update),
                ];
                for (key, action) in actions {
                    if let Some(action) = action {
                        self.error(
                            Diagnostic::at(
                                action.span.clone(),
                                format!(
                                    "column {table_name}.{} has {key} but no references",
                                    column.name.value
                                ),
                            )
                            .with_help(format!("add references = \"<table>\", or remove {key}")),
                        );
                    }
                }
            }
            if let (Some(name), None) = (&column.foreign_key_name, &column.references) {
                self.error(
                    Diagnostic::at(
                        name.span.clone(),
                        format!(
                            "column {table_name}.{} has foreign_key_name but no references",
                            column.name.value
                        ),
                    )
                    .with_help("add references = \"<table>\", or remove foreign_key_name"),
                );
            }
            if column.unique {
                let name = column.unique_name.clone().unwrap_or_else(|| Located {
                    value: naming::unique_name(
                        &table_name,
                        std::slice::from_ref(&column.name.value),
                    ),
                    span: column.name.span.clone(),
                });
                unique.push((name, vec![column.name.clone()]));
            } else if let Some(name) = &column.unique_name {
                self.error(
                    Diagnostic::at(
                        name.span.clone(),
                        format!(
                            "column {table_name}.{} has a unique_name but is not unique",
                            column.name.value
                        ),
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
                .map(|index| {
                    (
                        index.name,
                        index.columns.value,
                        index.unique,
                        IndexOrigin::User,
                        index.options,
                    )
                })
                .collect(),
            foreign_keys,
            functional_dependencies: table.functional_dependencies,
            renamed_from: table.renamed_from.map(|name| name.value),
            options: table.options,
        }
    }

    fn draft_primary_key(
        &mut self,
        table: &RawTable,
        columns: &[DraftColumn],
    ) -> Option<DraftPrimaryKey> {
        let table_name = &table.name.value;
        let mut candidates: Vec<Located<String>> = columns
            .iter()
            .zip(&table.columns)
            .filter(|(draft, raw)| {
                (draft.auto_increment && raw.auto_increment.is_none()) || raw.primary_key
            })
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
                    self.error(
                        Diagnostic::at(
                            list.span.clone(),
                            format!(
                                "table \"{table_name}\" has a primary key and no_primary_key = true"
                            ),
                        )
                        .with_help("remove no_primary_key = true, or the primary key"),
                    );
                }
                Some(DraftPrimaryKey {
                    name,
                    columns: list.value.clone(),
                })
            }
            (None, Some(column)) => {
                if table.no_primary_key {
                    self.error(
                        Diagnostic::at(
                            column.span.clone(),
                            format!(
                                "table \"{table_name}\" has a primary key and no_primary_key = true"
                            ),
                        )
                        .with_help("remove no_primary_key = true, or the primary key"),
                    );
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
                    self.error(
                        Diagnostic::at(
                            name.span,
                            format!(
                                "table \"{table_name}\" has a primary_key_name but no primary key"
                            ),
                        )
                        .with_help("remove primary_key_name, or give the table a primary key"),
                    );
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
                relationship: None,
            }),
            comment: column.comment.clone(),
            broken: false,
            collation: column.collation.clone(),
            renamed_from: column.renamed_from.as_ref().map(|name| name.value.clone()),
        };
        if column.referenced_column.is_some() && column.references.is_none() {
            self.error(
                Diagnostic::at(
                    column
                        .referenced_column
                        .as_ref()
                        .map_or(column.name.span.clone(), |c| c.span.clone()),
                    format!("column {what} has referenced_column but no references"),
                )
                .with_help("add references = \"<table>\", or remove referenced_column"),
            );
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
                        let (message, help) = match &error {
                            TypeError::Unknown { name, suggestion } => (
                                format!("unknown type \"{name}\" in column {what}"),
                                match suggestion {
                                    Some(suggestion) => format!("did you mean \"{suggestion}\"?"),
                                    None => format!(
                                        "the types are: {}",
                                        crate::column_type::TYPE_NAMES.join(", ")
                                    ),
                                },
                            ),
                            TypeError::BadParameters { name, reason } => (
                                format!(
                                    "bad parameters for type \"{name}\" in column {what}: {reason}"
                                ),
                                "see the type table in docs/schema-toml.md".to_string(),
                            ),
                        };
                        self.error(Diagnostic::at(text.span.clone(), message).with_help(help));
                    }
                }
            }
            None if column.references.is_some() || column.native.is_some() => {}
            None if column.type_invalid => draft.broken = true,
            None => {
                draft.broken = true;
                self.error(
                    Diagnostic::at(column.name.span.clone(), format!("column {what} has no type"))
                        .with_help("add type = \"...\", or references = \"<table>\" to take the type of its key"),
                );
            }
        }
        if !draft.broken {
            let mut extras = ColumnExtras {
                column_type: &mut draft.column_type,
                auto_increment: &mut draft.auto_increment,
                nullable: draft.nullable,
            };
            apply_column_options(&what, column, &mut extras, &mut self.diagnostics);
        }
        draft
    }

    fn check_table_names(&mut self, drafts: &[DraftTable]) {
        let mut seen: HashMap<String, &Located<String>> = HashMap::new();
        for draft in drafts {
            if draft.name.value.is_empty() {
                self.error(Diagnostic::at(
                    draft.name.span.clone(),
                    "a table name cannot be empty",
                ));
                continue;
            }
            let key = draft.name.value.to_lowercase();
            if let Some(first) = seen.get(&key) {
                let first_name = first.value.clone();
                let name = &draft.name.value;
                let (message, help) = match (&draft.kind, first_name == *name) {
                    (TableKind::Junction { .. }, _) => (
                        format!(
                            "relationship \"{name}\" would create a junction table named like the table \"{first_name}\""
                        ),
                        "rename the relationship: its name is the name of its junction table".to_string(),
                    ),
                    (TableKind::Plain, true) => (
                        format!("duplicate table name \"{name}\""),
                        "rename one of the two tables".to_string(),
                    ),
                    (TableKind::Plain, false) => (
                        format!("table name \"{name}\" differs from the table \"{first_name}\" only in letter case"),
                        "rename one of them: MySQL on Windows and macOS ignores the case of table names".to_string(),
                    ),
                };
                self.error(Diagnostic::at(draft.name.span.clone(), message).with_help(help));
            } else {
                seen.insert(key, &draft.name);
            }
            let mut columns: HashMap<String, &str> = HashMap::new();
            let generated = match draft.kind {
                TableKind::Junction { .. } => 2,
                TableKind::Plain => 0,
            };
            for (position, column) in draft.columns.iter().enumerate() {
                if column.name.value.is_empty() {
                    self.error(Diagnostic::at(
                        column.name.span.clone(),
                        format!(
                            "a column name in table \"{}\" cannot be empty",
                            draft.name.value
                        ),
                    ));
                    continue;
                }
                let key = column.name.value.to_lowercase();
                if let Some(first) = columns.get(&key) {
                    let (message, help) = if position >= generated
                        && draft.columns[..generated]
                            .iter()
                            .any(|side| side.name.value.to_lowercase() == key)
                    {
                        (
                            format!(
                                "relationship \"{}\" already has the key column \"{first}\"",
                                draft.name.value
                            ),
                            "rename this column, or name the key columns with column_names = [\"first_id\", \"second_id\"]"
                                .to_string(),
                        )
                    } else if *first == column.name.value {
                        (
                            format!(
                                "duplicate column \"{first}\" in table \"{}\"",
                                draft.name.value
                            ),
                            "rename one of the two columns".to_string(),
                        )
                    } else {
                        (
                            format!(
                                "column \"{}\" of table \"{}\" differs from the column \"{first}\" only in letter case",
                                column.name.value, draft.name.value
                            ),
                            "rename one of them: column names are compared ignoring letter case"
                                .to_string(),
                        )
                    };
                    self.error(Diagnostic::at(column.name.span.clone(), message).with_help(help));
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
                    let Some(reference) = &column.reference else {
                        continue;
                    };
                    let owner = &drafts[table_index].name.value;
                    match target_column(drafts, owner, &column.name.value, reference) {
                        Ok(Target::Known(column_type)) => {
                            drafts[table_index].columns[column_index].column_type =
                                Some(column_type);
                            progress = true;
                        }
                        Ok(Target::Pending) => {}
                        Ok(Target::Broken) => {
                            drafts[table_index].columns[column_index].broken = true;
                            progress = true;
                        }
                        Err(diagnostic) => {
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
        let column_names: Vec<String> =
            draft.columns.iter().map(|c| c.name.value.clone()).collect();
        self.spans
            .record(&table_name, NameKind::Table, &table_name, &draft.name.span);
        for column in &draft.columns {
            self.spans.record(
                &table_name,
                NameKind::Column,
                &column.name.value,
                &column.name.span,
            );
        }
        if let Some(DraftPrimaryKey {
            name: Some(name), ..
        }) = &draft.primary_key
        {
            self.spans
                .record_written(&table_name, NameKind::PrimaryKey, &name.value, &name.span);
        }
        for (name, columns) in &draft.unique {
            let columns: Vec<String> = columns.iter().map(|c| c.value.clone()).collect();
            if name.value == naming::unique_name(&table_name, &columns) {
                self.spans
                    .record(&table_name, NameKind::Unique, &name.value, &name.span);
            } else {
                self.spans
                    .record_written(&table_name, NameKind::Unique, &name.value, &name.span);
            }
        }
        for (name, _) in &draft.checks {
            self.spans
                .record_written(&table_name, NameKind::Check, &name.value, &name.span);
        }
        for (name, _, _, origin, ..) in &draft.indexes {
            if *origin == IndexOrigin::User {
                self.spans
                    .record_written(&table_name, NameKind::Index, &name.value, &name.span);
            } else {
                self.spans
                    .record(&table_name, NameKind::Index, &name.value, &name.span);
            }
        }
        for key in &draft.foreign_keys {
            let columns: Vec<String> = key.columns.iter().map(|c| c.value.clone()).collect();
            match &key.name {
                Some(name) => self.spans.record_written(
                    &table_name,
                    NameKind::ForeignKey,
                    &name.value,
                    &name.span,
                ),
                None => {
                    let name = naming::foreign_key_name(&table_name, &columns);
                    self.spans
                        .record(&table_name, NameKind::ForeignKey, &name, &key.span);
                }
            }
            let index = naming::index_name(&table_name, &columns);
            self.spans
                .record(&table_name, NameKind::Index, &index, &key.span);
        }
        let mut columns = Vec::new();
        for column in &draft.columns {
            let Some(column_type) = column.column_type.clone() else {
                self.broken
                    .insert((table_name.clone(), column.name.value.clone()));
                continue;
            };
            let default = column.default.as_ref().and_then(|default| {
                self.resolve_default(&table_name, column, &column_type, default)
            });
            columns.push(Column {
                name: column.name.value.clone(),
                column_type,
                nullable: column.nullable,
                default,
                auto_increment: column.auto_increment,
                comment: column.comment.clone(),
                collation: column.collation.clone(),
                renamed_from: column.renamed_from.clone(),
            });
        }
        let primary_key = draft.primary_key.map(|key| {
            self.check_columns_exist(&table_name, &column_names, &key.columns, "the primary key");
            self.check_no_repeats(&table_name, &key.columns, "the primary key");
            self.check_mysql_key(&table_name, &columns, &key.columns, "the primary key");
            for column in &key.columns {
                if let Some(draft_column) =
                    draft.columns.iter().find(|c| c.name.value == column.value)
                    && draft_column.nullable
                    && !draft_column.auto_increment
                {
                    self.error(
                        Diagnostic::at(
                            column.span.clone(),
                            format!(
                                "primary key column {table_name}.{} cannot be nullable",
                                column.value
                            ),
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
            self.check_mysql_key(&table_name, &columns, &key_columns, &what);
            unique_constraints.push(UniqueConstraint {
                name: name.value,
                columns: key_columns.into_iter().map(|column| column.value).collect(),
            });
        }
        let mut checks = Vec::new();
        for (name, expression) in draft.checks {
            self.check_expression(&table_name, &columns, &column_names, &name, &expression);
            checks.push(CheckConstraint {
                name: name.value,
                expression: expression.value,
            });
        }
        let mut indexes = Vec::new();
        for (name, index_columns, unique, origin, options) in draft.indexes {
            let what = format!("index \"{}\"", name.value);
            self.check_columns_exist(&table_name, &column_names, &index_columns, &what);
            self.check_no_repeats(&table_name, &index_columns, &what);
            let options = resolve_index_options(
                &table_name,
                &what,
                &index_columns,
                unique,
                options,
                &mut self.diagnostics,
            );
            if !options.fulltext {
                let whole: Vec<Located<String>> = index_columns
                    .iter()
                    .filter(|column| !options.prefix_lengths.contains_key(&column.value))
                    .cloned()
                    .collect();
                self.check_mysql_key(&table_name, &columns, &whole, &what);
            }
            indexes.push(Index {
                name: name.value,
                columns: index_columns
                    .into_iter()
                    .map(|column| column.value)
                    .collect(),
                unique,
                origin,
                options,
            });
        }
        let functional_dependencies =
            super::functional_dependencies::resolve_functional_dependencies(
                &table_name,
                &column_names,
                &draft.functional_dependencies,
                &mut self.diagnostics,
            );
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
            functional_dependencies,
            options: draft.options,
            renamed_from: draft.renamed_from,
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
            RawDefault::String(text)
                if text.eq_ignore_ascii_case("now") && column_type.is_temporal() =>
            {
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
        let is_now =
            matches!(&default.value, RawDefault::String(text) if text.eq_ignore_ascii_case("now"));
        match value.check_fits(column_type) {
            Ok(()) if self.mysql_is_target && is_long_value(column_type) => {
                self.error(
                    Diagnostic::at(
                        default.span.clone(),
                        format!(
                            "column {table}.{} is {column_type}, which cannot have a default in MySQL",
                            column.name.value
                        ),
                    )
                    .with_help("use varchar(n) for a column with a default, or set the value when inserting rows"),
                );
                None
            }
            Ok(()) => Some(value),
            Err(reason) => {
                let help = if is_now {
                    "\"now\" is only for date, time, timestamp and timestamptz columns".to_string()
                } else {
                    default_help(column_type)
                };
                self.error(
                    Diagnostic::at(
                        default.span.clone(),
                        format!(
                            "the default of column {table}.{} does not fit its type: {reason}",
                            column.name.value
                        ),
                    )
                    .with_help(help),
                );
                None
            }
        }
    }

    fn check_columns_exist(
        &mut self,
        table: &str,
        columns: &[String],
        used: &[Located<String>],
        what: &str,
    ) {
        for column in used {
            let broken = self
                .broken
                .contains(&(table.to_string(), column.value.clone()));
            if !broken && !columns.contains(&column.value) {
                self.error(
                    Diagnostic::at(
                        column.span.clone(),
                        format!(
                            "unknown column \"{}\" in {what} of table \"{table}\"",
                            column.value
                        ),
                    )
                    .with_optional_help(suggest_or_list(
                        &column.value,
                        columns.iter().map(String::as_str),
                        &format!("the columns of table \"{table}\" are"),
                    )),
                );
            }
        }
    }

    /// Checks a CHECK expression: valid SQL, only this table's columns, no subquery, and a
    /// condition rather than a value.
    fn check_expression(
        &mut self,
        table: &str,
        columns: &[Column],
        column_names: &[String],
        name: &Located<String>,
        expression: &Located<String>,
    ) {
        let what = format!("check \"{}\" of table \"{table}\"", name.value);
        let example = "write a condition over the table's columns, as in \"fee >= 0\"";
        if expression.value.trim().is_empty() {
            self.error(
                Diagnostic::at(expression.span.clone(), format!("{what} is empty"))
                    .with_help(example),
            );
            return;
        }
        let analysis = match analyse(&expression.value) {
            Ok(analysis) => analysis,
            Err(reason) => {
                self.error(
                    Diagnostic::at(
                        expression.span.clone(),
                        format!("{what} is not a valid SQL expression: {reason}"),
                    )
                    .with_help(format!("{example}; join several conditions with AND")),
                );
                return;
            }
        };
        let columns_to_check = if analysis.has_subquery {
            &[][..]
        } else {
            &analysis.columns[..]
        };
        for used in columns_to_check {
            let written = used.qualified.as_deref().unwrap_or(&used.name);
            let quoted = expression
                .value
                .get(used.offset..)
                .is_some_and(|rest| rest.starts_with(['"', '`', '[']));
            let length = written.len() + if quoted { 2 } else { 0 };
            let span = self.span_inside(&expression.span, &expression.value, used.offset, length);
            if used.qualified.is_some() {
                self.error(
                    Diagnostic::at(
                        span,
                        format!("{what} uses \"{written}\", but a check can only use the columns of its own table"),
                    )
                    .with_help(format!("write the column name alone: {}", used.name)),
                );
            } else if !column_names
                .iter()
                .any(|known| known.eq_ignore_ascii_case(&used.name))
            {
                self.error(
                    Diagnostic::at(span, format!("unknown column \"{}\" in {what}", used.name))
                        .with_optional_help(suggest_or_list(
                            &used.name,
                            column_names.iter().map(String::as_str),
                            &format!("the columns of table \"{table}\" are"),
                        )),
                );
            }
        }
        if analysis.has_subquery {
            self.error(
                Diagnostic::at(
                    expression.span.clone(),
                    format!("{what} contains a subquery, which databases do not allow in a CHECK"),
                )
                .with_help("a check can only test the row being written; use a foreign key or a unique constraint for rules across rows"),
            );
        }
        if let Some(function) = &analysis.changing_function {
            self.error(
                Diagnostic::at(
                    expression.span.clone(),
                    format!(
                        "{what} uses {function}, whose value changes over time, which MySQL and SQLite do not allow in a CHECK"
                    ),
                )
                .with_help("a check must give the same answer whenever it is evaluated; compare the row's own columns instead"),
            );
        }
        let not_a_condition = analysis.not_a_condition.map(str::to_string).or_else(|| {
            let bare = analysis.bare_column.as_ref()?;
            let column = columns
                .iter()
                .find(|column| column.name.eq_ignore_ascii_case(bare))?;
            (column.column_type != ColumnType::Boolean)
                .then(|| format!("the {} column \"{}\"", column.column_type, column.name))
        });
        if let Some(kind) = not_a_condition {
            self.error(
                Diagnostic::at(
                    expression.span.clone(),
                    format!("{what} is {kind}, not a condition that is true or false"),
                )
                .with_help(
                    "compare values, as in \"fee >= 0\" or \"status IN ('open', 'closed')\"",
                ),
            );
        }
    }

    /// Reports a key or index that MySQL cannot build: over a text, blob or json column, or
    /// longer than InnoDB's 3072-byte limit (MariaDB silently turns both into a prefix or hash
    /// index that foreign keys cannot use).
    fn check_mysql_key(
        &mut self,
        table: &str,
        columns: &[Column],
        key: &[Located<String>],
        what: &str,
    ) {
        if !self.mysql_is_target {
            return;
        }
        let mut bytes = 0;
        for used in key {
            let Some(column) = columns.iter().find(|column| column.name == used.value) else {
                return;
            };
            if is_long_value(&column.column_type) {
                self.error(
                    Diagnostic::at(
                        used.span.clone(),
                        format!(
                            "{what} of table \"{table}\" uses the {} column \"{}\", which MySQL cannot index",
                            column.column_type, column.name
                        ),
                    )
                    .with_help("give the column a bounded type such as varchar(255), or leave it out of the key"),
                );
                return;
            }
            bytes += mysql_key_bytes(&column.column_type);
        }
        if bytes > MYSQL_MAX_KEY_BYTES {
            let first = key.first().map_or(0..0, |column| column.span.clone());
            let last = key
                .last()
                .map_or(first.clone(), |column| column.span.clone());
            self.error(
                Diagnostic::at(
                    first.start..last.end.max(first.end),
                    format!(
                        "{what} of table \"{table}\" takes {bytes} bytes in MySQL, over its limit of {MYSQL_MAX_KEY_BYTES} bytes"
                    ),
                )
                .with_help("shorten its char/varchar columns: MySQL counts 4 bytes per character (varchar(768) alone fills a key)"),
            );
        }
    }

    fn check_no_repeats(&mut self, table: &str, used: &[Located<String>], what: &str) {
        for (index, column) in used.iter().enumerate() {
            if used[..index]
                .iter()
                .any(|earlier| earlier.value == column.value)
            {
                self.error(Diagnostic::at(
                    column.span.clone(),
                    format!(
                        "column \"{}\" appears twice in {what} of table \"{table}\"",
                        column.value
                    ),
                ));
            }
        }
    }

    fn resolve_foreign_keys(&mut self, tables: &mut [Table], drafts: Vec<Vec<DraftForeignKey>>) {
        let table_names: Vec<String> = tables.iter().map(|table| table.name.clone()).collect();
        for (table_index, drafts) in drafts.into_iter().enumerate() {
            for draft in drafts {
                if let Some(foreign_key) =
                    self.resolve_foreign_key(tables, table_index, &table_names, draft)
                {
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
        let columns: Vec<String> = draft
            .columns
            .iter()
            .map(|column| column.value.clone())
            .collect();
        let what = match (&draft.name, columns.as_slice()) {
            (Some(name), _) => {
                format!("foreign key \"{}\" of table \"{}\"", name.value, table.name)
            }
            (None, [column]) => format!("the foreign key of column {}.{column}", table.name),
            (None, _) => format!("a foreign key of table \"{}\"", table.name),
        };
        let known: Vec<String> = table
            .columns
            .iter()
            .map(|column| column.name.clone())
            .collect();
        if draft.columns.iter().any(|column| {
            self.broken
                .contains(&(table.name.clone(), column.value.clone()))
        }) {
            return None;
        }
        let before = self.diagnostics.len();
        let key_name = match &draft.name {
            Some(name) => format!("foreign key \"{}\"", name.value),
            None => "a foreign key".to_string(),
        };
        self.check_columns_exist(&table.name, &known, &draft.columns, &key_name);
        if self.diagnostics.len() > before {
            return None;
        }
        let Some(target) = tables
            .iter()
            .find(|candidate| candidate.name == draft.table.value)
        else {
            self.error(
                Diagnostic::at(
                    draft.table.span.clone(),
                    format!("unknown table \"{}\" in {what}", draft.table.value),
                )
                .with_optional_help(suggest_or_list(
                    &draft.table.value,
                    table_names.iter().map(String::as_str),
                    "the tables are",
                )),
            );
            return None;
        };
        let explicit = draft.referenced_columns.is_some();
        let referenced: Vec<Located<String>> = match draft.referenced_columns {
            Some(referenced) => referenced,
            None => {
                match &target.primary_key {
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
                        .with_help("name the referenced unique columns with referenced_columns = [...]"),
                    );
                        return None;
                    }
                }
            }
        };
        let target_columns: Vec<String> = target
            .columns
            .iter()
            .map(|column| column.name.clone())
            .collect();
        let before = self.diagnostics.len();
        for column in &referenced {
            if !target_columns.contains(&column.value)
                && !self
                    .broken
                    .contains(&(target.name.clone(), column.value.clone()))
            {
                self.error(
                    Diagnostic::at(
                        column.span.clone(),
                        format!(
                            "unknown column \"{}\" of table \"{}\" referenced by {what}",
                            column.value, target.name
                        ),
                    )
                    .with_optional_help(suggest_or_list(
                        &column.value,
                        target_columns.iter().map(String::as_str),
                        &format!("the columns of table \"{}\" are", target.name),
                    )),
                );
            }
        }
        if self.diagnostics.len() > before
            || referenced.iter().any(|column| {
                self.broken
                    .contains(&(target.name.clone(), column.value.clone()))
            })
        {
            return None;
        }
        let referenced_columns: Vec<String> = referenced
            .iter()
            .map(|column| column.value.clone())
            .collect();
        if referenced_columns.len() != columns.len() {
            let count = |n: usize| {
                if n == 1 {
                    "1 column".to_string()
                } else {
                    format!("{n} columns")
                }
            };
            let help = if explicit {
                "list as many columns in columns as in referenced_columns, in matching order"
                    .to_string()
            } else {
                format!(
                    "the primary key of table \"{}\" is ({}); list one column for each, or name other referenced_columns",
                    target.name,
                    referenced_columns.join(", ")
                )
            };
            self.error(
                Diagnostic::at(
                    draft.span.clone(),
                    format!(
                        "{what} has {} but references {} of table \"{}\" ({})",
                        count(columns.len()),
                        count(referenced_columns.len()),
                        target.name,
                        referenced_columns.join(", ")
                    ),
                )
                .with_help(help),
            );
            return None;
        }
        if !target.has_unique_key(&referenced_columns) {
            let span = if explicit {
                let first = referenced
                    .first()
                    .map_or(draft.table.span.clone(), |c| c.span.clone());
                let last = referenced.last().map_or(first.clone(), |c| c.span.clone());
                first.start..last.end
            } else {
                draft.table.span.clone()
            };
            self.error(
                Diagnostic::at(
                    span,
                    format!(
                        "{what} references {}({}), which is neither the primary key nor unique",
                        target.name,
                        referenced_columns.join(", ")
                    ),
                )
                .with_help(format!(
                    "reference the primary key of table \"{}\", or make the referenced columns unique there",
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
        let on_delete = draft
            .on_delete
            .as_ref()
            .map_or(ReferentialAction::NoAction, |a| a.value);
        let on_update = draft
            .on_update
            .as_ref()
            .map_or(ReferentialAction::NoAction, |a| a.value);
        for action in [&draft.on_delete, &draft.on_update].into_iter().flatten() {
            if action.value == ReferentialAction::SetDefault && self.mysql_is_target {
                self.error(
                    Diagnostic::at(
                        action.span.clone(),
                        format!("\"set default\" in {what} is not supported by MySQL/MariaDB (InnoDB ignores or rejects it)"),
                    )
                    .with_help(
                        "choose \"set null\", \"cascade\" or \"restrict\", or leave mysql out of [project] dialects",
                    ),
                );
                continue;
            }
            let own_columns = columns.iter().filter_map(|column| table.column(column));
            let offending: Vec<String> = match action.value {
                ReferentialAction::SetNull => own_columns
                    .filter(|own| !own.nullable)
                    .map(|own| format!("{}.{}", table.name, own.name))
                    .collect(),
                ReferentialAction::SetDefault => own_columns
                    .filter(|own| own.default.is_none())
                    .map(|own| format!("{}.{}", table.name, own.name))
                    .collect(),
                _ => Vec::new(),
            };
            if offending.is_empty() {
                continue;
            }
            let plural = offending.len() > 1;
            let (message, help) = if action.value == ReferentialAction::SetNull {
                (
                    format!(
                        "\"set null\" in {what}, but {} {} NOT NULL",
                        offending.join(", "),
                        if plural { "are" } else { "is" }
                    ),
                    format!(
                        "mark {} nullable = true (or end its type with \"?\"), or choose another action",
                        if plural { "the columns" } else { "the column" }
                    ),
                )
            } else {
                (
                    format!(
                        "\"set default\" in {what}, but {} {} no default",
                        offending.join(", "),
                        if plural { "have" } else { "has" }
                    ),
                    format!(
                        "give {} a default, or choose another action",
                        if plural { "the columns" } else { "the column" }
                    ),
                )
            };
            self.error(Diagnostic::at(action.span.clone(), message).with_help(help));
        }
        Some(ForeignKey {
            name: draft.name.map_or_else(
                || naming::foreign_key_name(&table.name, &columns),
                |name| name.value,
            ),
            columns,
            referenced_table: target.name.clone(),
            referenced_columns,
            on_delete,
            on_update,
        })
    }
}

/// How to write a default of `column_type`.
fn default_help(column_type: &ColumnType) -> String {
    match column_type {
        ColumnType::SmallInt | ColumnType::Int | ColumnType::BigInt => {
            let (min, max) = column_type.integer_range().unwrap_or((i64::MIN, i64::MAX));
            format!("write a whole number from {min} to {max} without quotes, as in default = 0")
        }
        ColumnType::Decimal { precision, scale } => format!(
            "write a number without quotes with at most {} digits before the point and {scale} after it, as in default = 0",
            precision - scale
        ),
        ColumnType::Real | ColumnType::Double => "write a number without quotes, as in default = 0.5".to_string(),
        ColumnType::Boolean => "write default = true or default = false".to_string(),
        ColumnType::Char { length } | ColumnType::Varchar { length } => {
            format!("write a string in quotes of at most {length} characters")
        }
        ColumnType::Text => "write a string in quotes".to_string(),
        ColumnType::Enum { values } => format!(
            "use one of: {}",
            values.iter().map(|value| format!("\"{value}\"")).collect::<Vec<_>>().join(", ")
        ),
        ColumnType::Date => "write a date in quotes, as in default = \"2024-01-31\", or default = \"now\"".to_string(),
        ColumnType::Time => "write a time in quotes, as in default = \"09:30:00\", or default = \"now\"".to_string(),
        ColumnType::Timestamp | ColumnType::TimestampTz => {
            "write a timestamp in quotes, as in default = \"2024-01-31 09:30:00\", or default = \"now\"".to_string()
        }
        ColumnType::Uuid => "write a UUID in quotes, as in default = \"123e4567-e89b-12d3-a456-426614174000\"".to_string(),
        _ => "remove the default and set the value when inserting rows".to_string(),
    }
}

/// The longest key InnoDB (MySQL, MariaDB) accepts, in bytes.
const MYSQL_MAX_KEY_BYTES: u32 = 3072;

/// Whether MySQL stores values of `column_type` off the row (TEXT, BLOB and JSON kinds), so that
/// they can neither be indexed whole nor have a literal default.
fn is_long_value(column_type: &ColumnType) -> bool {
    matches!(
        column_type,
        ColumnType::Text
            | ColumnType::TinyText
            | ColumnType::MediumText
            | ColumnType::LongText
            | ColumnType::Blob
            | ColumnType::TinyBlob
            | ColumnType::MediumBlob
            | ColumnType::Json
    )
}

/// How many bytes a value of `column_type` takes in a MySQL index (4 per character, for utf8mb4).
fn mysql_key_bytes(column_type: &ColumnType) -> u32 {
    match column_type {
        ColumnType::Char { length } | ColumnType::Varchar { length } => length.saturating_mul(4),
        ColumnType::Binary { length } | ColumnType::VarBinary { length } => *length,
        ColumnType::Uuid => 36 * 4,
        ColumnType::Decimal { precision, .. } => precision / 2 + 1,
        ColumnType::TinyInt | ColumnType::TinyIntUnsigned | ColumnType::Boolean => 1,
        ColumnType::SmallInt | ColumnType::SmallIntUnsigned | ColumnType::Enum { .. } => 2,
        ColumnType::MediumInt
        | ColumnType::MediumIntUnsigned
        | ColumnType::Date
        | ColumnType::Time => 3,
        ColumnType::Int | ColumnType::IntUnsigned | ColumnType::Real => 4,
        ColumnType::Timestamp | ColumnType::TimestampTz => 5,
        _ => 8,
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

/// "did you mean ...?" when one candidate is close to `input`, otherwise the list of candidates
/// (`the columns of table "x" are: a, b`) when it is short enough to read.
fn suggest_or_list<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str> + Clone,
    list: &str,
) -> Option<String> {
    did_you_mean(input, candidates.clone()).or_else(|| {
        let names: Vec<&str> = candidates.into_iter().collect();
        (!names.is_empty() && names.len() <= 30).then(|| format!("{list}: {}", names.join(", ")))
    })
}

/// The type of the column a reference points at, or an error when it cannot be found.
///
/// `owner` and `column` name the referencing column, for the message.
fn target_column(
    drafts: &[DraftTable],
    owner: &str,
    column: &str,
    reference: &ColumnReference,
) -> Result<Target, Diagnostic> {
    let table = &reference.table;
    let Some(target) = drafts.iter().find(|draft| draft.name.value == table.value) else {
        let help = suggest_or_list(
            &table.value,
            drafts.iter().map(|draft| draft.name.value.as_str()),
            "the tables are",
        );
        let message = match &reference.relationship {
            Some(relationship) => format!(
                "unknown table \"{}\" in many_to_many of relationship \"{relationship}\"",
                table.value
            ),
            None => format!(
                "unknown table \"{}\" in references of column {owner}.{column}",
                table.value
            ),
        };
        return Err(Diagnostic::at(table.span.clone(), message).with_optional_help(help));
    };
    let target_name = &target.name.value;
    let (column_name, span) = match &reference.column {
        Some(column) => (column.value.clone(), column.span.clone()),
        None => match &target.primary_key {
            Some(key) if key.columns.len() == 1 => {
                (key.columns[0].value.clone(), table.span.clone())
            }
            Some(key) => {
                let key_columns: Vec<&str> = key.columns.iter().map(|c| c.value.as_str()).collect();
                let key_columns = key_columns.join(", ");
                let (message, help) = match &reference.relationship {
                    Some(relationship) => (
                        format!(
                            "relationship \"{relationship}\" cannot link table \"{target_name}\", whose primary key has {} columns ({key_columns})",
                            key.columns.len()
                        ),
                        "a many_to_many side needs a single-column primary key; otherwise write the junction table under [tables] with composite foreign_keys".to_string(),
                    ),
                    None => (
                        format!(
                            "column {owner}.{column} cannot reference table \"{target_name}\" alone, since its primary key has {} columns ({key_columns})",
                            key.columns.len()
                        ),
                        format!(
                            "declare one column per key column and a composite key: foreign_keys.<name> = {{ columns = [...], references = \"{target_name}\" }}"
                        ),
                    ),
                };
                return Err(Diagnostic::at(table.span.clone(), message).with_help(help));
            }
            None => {
                let (message, help) = match &reference.relationship {
                    Some(relationship) => (
                        format!(
                            "relationship \"{relationship}\" cannot link table \"{target_name}\", which has no primary key"
                        ),
                        format!(
                            "give table \"{target_name}\" a primary key, as in columns.id = \"id\""
                        ),
                    ),
                    None => (
                        format!(
                            "column {owner}.{column} cannot reference table \"{target_name}\", which has no primary key"
                        ),
                        "name a unique column of it with referenced_column = \"...\"".to_string(),
                    ),
                };
                return Err(Diagnostic::at(table.span.clone(), message).with_help(help));
            }
        },
    };
    let Some(found) = target
        .columns
        .iter()
        .find(|candidate| candidate.name.value == column_name)
    else {
        let help = suggest_or_list(
            &column_name,
            target.columns.iter().map(|c| c.name.value.as_str()),
            &format!("the columns of table \"{target_name}\" are"),
        );
        return Err(Diagnostic::at(
            span,
            format!("unknown column \"{column_name}\" of table \"{target_name}\" in referenced_column of column {owner}.{column}"),
        )
        .with_optional_help(help));
    };
    Ok(match (&found.column_type, found.broken) {
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
                || added
                    .iter()
                    .any(|index: &Index| index.columns == foreign_key.columns);
            if !covered {
                added.push(Index {
                    name: naming::index_name(&table.name, &foreign_key.columns),
                    columns: foreign_key.columns.clone(),
                    unique: false,
                    origin: IndexOrigin::ForeignKey,
                    options: IndexOptions::default(),
                });
            }
        }
        table.indexes.extend(added);
    }
}
