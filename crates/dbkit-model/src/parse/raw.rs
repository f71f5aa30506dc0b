//! Reads the TOML document into raw, span-carrying structures, rejecting unknown keys.
//!
//! Nothing is checked here beyond the shape of the document; meaning (types, references, names)
//! is checked by the resolver.

use toml::Spanned;
use toml::de::DeValue;

use std::collections::BTreeMap;

use super::raw_options::{RawIndexOptions, read_index_options, read_native, read_table_options};
use super::toml_view::{Entry, Located, Reader, describe, find};
use crate::diagnostic::Diagnostic;
use crate::lint_settings::LintSettings;
use crate::options::TableOptions;
use crate::schema::ReferentialAction;

pub(crate) struct RawSchema {
    pub(crate) project: RawProject,
    pub(crate) tables: Vec<RawTable>,
    pub(crate) relationships: Vec<RawRelationship>,
    pub(crate) lint: LintSettings,
    pub(crate) seed: super::raw_seed::RawSeed,
}

#[derive(Default)]
pub(crate) struct RawProject {
    pub(crate) name: Option<String>,
    pub(crate) dialects: Vec<Located<String>>,
    pub(crate) plugins: Vec<String>,
    pub(crate) auto_index_foreign_keys: Option<bool>,
}

/// A list of column names, each with where it was written.
pub(crate) type ColumnList = Vec<Located<String>>;

pub(crate) struct RawTable {
    pub(crate) name: Located<String>,
    pub(crate) comment: Option<String>,
    pub(crate) columns: Vec<RawColumn>,
    pub(crate) primary_key: Option<Located<Vec<Located<String>>>>,
    pub(crate) primary_key_name: Option<Located<String>>,
    pub(crate) no_primary_key: bool,
    pub(crate) unique: Vec<(Located<String>, Located<ColumnList>)>,
    pub(crate) checks: Vec<(Located<String>, Located<String>)>,
    pub(crate) indexes: Vec<RawIndex>,
    pub(crate) foreign_keys: Vec<RawForeignKey>,
    pub(crate) functional_dependencies: Vec<Located<String>>,
    pub(crate) renamed_from: Option<Located<String>>,
    pub(crate) options: TableOptions,
}

pub(crate) struct RawColumn {
    pub(crate) name: Located<String>,
    pub(crate) type_text: Option<Located<String>>,
    /// Set when `type` was written but is not a string (already reported).
    pub(crate) type_invalid: bool,
    pub(crate) nullable: Option<Located<bool>>,
    pub(crate) default: Option<Located<RawDefault>>,
    pub(crate) unique: bool,
    pub(crate) unique_name: Option<Located<String>>,
    pub(crate) primary_key: bool,
    pub(crate) references: Option<Located<String>>,
    pub(crate) referenced_column: Option<Located<String>>,
    pub(crate) on_delete: Option<Located<ReferentialAction>>,
    pub(crate) on_update: Option<Located<ReferentialAction>>,
    pub(crate) foreign_key_name: Option<Located<String>>,
    pub(crate) comment: Option<String>,
    pub(crate) collation: Option<String>,
    pub(crate) renamed_from: Option<Located<String>>,
    pub(crate) auto_increment: Option<Located<bool>>,
    pub(crate) native: Option<Located<BTreeMap<String, String>>>,
    pub(crate) seed: Option<super::raw_seed::RawColumnSeed>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum RawDefault {
    Integer(i64),
    Number(String),
    String(String),
    Boolean(bool),
}

pub(crate) struct RawIndex {
    pub(crate) name: Located<String>,
    pub(crate) columns: Located<Vec<Located<String>>>,
    pub(crate) unique: bool,
    pub(crate) options: RawIndexOptions,
}

pub(crate) struct RawForeignKey {
    pub(crate) name: Located<String>,
    pub(crate) columns: Located<Vec<Located<String>>>,
    pub(crate) references: Located<String>,
    pub(crate) referenced_columns: Option<Located<Vec<Located<String>>>>,
    pub(crate) on_delete: Option<Located<ReferentialAction>>,
    pub(crate) on_update: Option<Located<ReferentialAction>>,
}

pub(crate) struct RawRelationship {
    pub(crate) name: Located<String>,
    pub(crate) sides: Located<Vec<Located<String>>>,
    pub(crate) column_names: Option<Located<Vec<Located<String>>>>,
    pub(crate) comment: Option<String>,
    pub(crate) columns: Vec<RawColumn>,
}

const TOP_LEVEL_KEYS: &[&str] = &["project", "tables", "relationships", "lint", "seed"];
const PROJECT_KEYS: &[&str] = &["name", "dialects", "plugins", "auto_index_foreign_keys"];
const TABLE_KEYS: &[&str] = &[
    "comment",
    "columns",
    "primary_key",
    "primary_key_name",
    "no_primary_key",
    "unique",
    "checks",
    "indexes",
    "foreign_keys",
    "functional_dependencies",
    "renamed_from",
    "engine",
    "charset",
    "collation",
];
const COLUMN_KEYS: &[&str] = &[
    "type",
    "nullable",
    "default",
    "unique",
    "unique_name",
    "primary_key",
    "references",
    "referenced_column",
    "on_delete",
    "on_update",
    "foreign_key_name",
    "comment",
    "collation",
    "renamed_from",
    "auto_increment",
    "native",
    "seed",
];
const INDEX_KEYS: &[&str] = &[
    "columns",
    "unique",
    "fulltext",
    "prefix_lengths",
    "descending",
    "where",
    "method",
];
const FOREIGN_KEY_KEYS: &[&str] = &[
    "columns",
    "references",
    "referenced_columns",
    "on_delete",
    "on_update",
];
const RELATIONSHIP_KEYS: &[&str] = &["many_to_many", "column_names", "comment", "columns"];

pub(crate) fn read_schema(reader: &mut Reader, root: &[Entry<'_, '_>]) -> RawSchema {
    reader.reject_unknown_keys(root, TOP_LEVEL_KEYS, "the top level of schema.toml");
    let project = match find(root, "project") {
        Some(entry) => read_project(reader, entry),
        None => RawProject::default(),
    };
    let mut tables = Vec::new();
    if let Some(entry) = find(root, "tables")
        && let Some(entries) = reader.table(entry.value, "\"tables\"")
    {
        for table in &entries {
            if let Some(table) = read_table(reader, table) {
                tables.push(table);
            }
        }
    }
    let mut relationships = Vec::new();
    if let Some(entry) = find(root, "relationships")
        && let Some(entries) = reader.table(entry.value, "\"relationships\"")
    {
        for relationship in &entries {
            if let Some(relationship) = read_relationship(reader, relationship) {
                relationships.push(relationship);
            }
        }
    }
    let lint = match find(root, "lint") {
        Some(entry) => super::raw_lint::read_lint(reader, entry),
        None => LintSettings::default(),
    };
    let mut seed = match find(root, "seed") {
        Some(entry) => super::raw_seed::read_seed(reader, entry),
        None => super::raw_seed::RawSeed::default(),
    };
    for table in &mut tables {
        for column in &mut table.columns {
            if let Some(column_seed) = column.seed.take() {
                seed.column_overrides
                    .push((table.name.value.clone(), column_seed));
            }
        }
    }
    for relationship in &mut relationships {
        for column in &mut relationship.columns {
            if let Some(column_seed) = column.seed.take() {
                seed.column_overrides
                    .push((relationship.name.value.clone(), column_seed));
            }
        }
    }
    RawSchema {
        project,
        tables,
        relationships,
        lint,
        seed,
    }
}

fn read_project(reader: &mut Reader, entry: &Entry<'_, '_>) -> RawProject {
    let mut project = RawProject::default();
    let Some(entries) = reader.table(entry.value, "[project]") else {
        return project;
    };
    reader.reject_unknown_keys(&entries, PROJECT_KEYS, "[project]");
    if let Some(name) = find(&entries, "name") {
        project.name = reader
            .string(name.value, "project.name")
            .map(|name| name.value);
    }
    if let Some(dialects) = find(&entries, "dialects") {
        project.dialects = reader
            .string_list(dialects.value, "project.dialects")
            .map(|list| list.value)
            .unwrap_or_default();
    }
    if let Some(plugins) = find(&entries, "plugins") {
        project.plugins = reader
            .string_list(plugins.value, "project.plugins")
            .map(|list| list.value.into_iter().map(|path| path.value).collect())
            .unwrap_or_default();
    }
    if let Some(flag) = find(&entries, "auto_index_foreign_keys") {
        project.auto_index_foreign_keys = reader
            .boolean(flag.value, "project.auto_index_foreign_keys")
            .map(|flag| flag.value);
    }
    project
}

fn read_table(reader: &mut Reader, entry: &Entry<'_, '_>) -> Option<RawTable> {
    let name = entry.key.clone();
    let what = format!("table \"{}\"", name.value);
    let entries = reader.table(entry.value, &what)?;
    reader.reject_unknown_keys(&entries, TABLE_KEYS, &what);
    let mut table = RawTable {
        name,
        comment: None,
        columns: Vec::new(),
        primary_key: None,
        primary_key_name: None,
        no_primary_key: false,
        unique: Vec::new(),
        checks: Vec::new(),
        indexes: Vec::new(),
        foreign_keys: Vec::new(),
        functional_dependencies: Vec::new(),
        renamed_from: None,
        options: read_table_options(reader, &entries, &what),
    };
    if let Some(old) = find(&entries, "renamed_from") {
        table.renamed_from = reader.string(old.value, &format!("renamed_from of {what}"));
    }
    let table_name = table.name.value.clone();
    if let Some(comment) = find(&entries, "comment") {
        table.comment = reader
            .string(comment.value, &format!("the comment of {what}"))
            .map(|comment| comment.value);
    }
    match find(&entries, "columns") {
        Some(columns) => table.columns = read_columns(reader, columns, &table_name),
        None => reader.error(
            Diagnostic::at(table.name.span.clone(), format!("{what} has no columns")).with_help(
                format!("add columns under [tables.{table_name}], as in columns.id = \"id\""),
            ),
        ),
    }
    if let Some(key) = find(&entries, "primary_key") {
        table.primary_key = reader.string_list(key.value, &format!("the primary key of {what}"));
    }
    if let Some(key) = find(&entries, "primary_key_name") {
        table.primary_key_name = reader.string(key.value, &format!("primary_key_name of {what}"));
    }
    if let Some(flag) = find(&entries, "no_primary_key") {
        table.no_primary_key = reader
            .boolean(flag.value, &format!("no_primary_key of {what}"))
            .is_some_and(|flag| flag.value);
    }
    if let Some(unique) = find(&entries, "unique")
        && let Some(constraints) = reader.table(unique.value, &format!("unique of {what}"))
    {
        for constraint in &constraints {
            let columns = reader.string_list(
                constraint.value,
                &format!("unique constraint \"{}\" of {what}", constraint.key.value),
            );
            if let Some(columns) = columns {
                table.unique.push((constraint.key.clone(), columns));
            }
        }
    }
    if let Some(checks) = find(&entries, "checks")
        && let Some(checks) = reader.table(checks.value, &format!("checks of {what}"))
    {
        for check in &checks {
            let expression = reader.string(
                check.value,
                &format!("check \"{}\" of {what}", check.key.value),
            );
            if let Some(expression) = expression {
                table.checks.push((check.key.clone(), expression));
            }
        }
    }
    if let Some(indexes) = find(&entries, "indexes")
        && let Some(indexes) = reader.table(indexes.value, &format!("indexes of {what}"))
    {
        for index in &indexes {
            if let Some(index) = read_index(reader, index, &what) {
                table.indexes.push(index);
            }
        }
    }
    if let Some(foreign_keys) = find(&entries, "foreign_keys")
        && let Some(foreign_keys) =
            reader.table(foreign_keys.value, &format!("foreign_keys of {what}"))
    {
        for foreign_key in &foreign_keys {
            if let Some(foreign_key) = read_foreign_key(reader, foreign_key, &what) {
                table.foreign_keys.push(foreign_key);
            }
        }
    }
    if let Some(dependencies) = find(&entries, "functional_dependencies")
        && let Some(list) = reader.string_list(
            dependencies.value,
            &format!("functional_dependencies of {what}"),
        )
    {
        table.functional_dependencies = list.value;
    }
    Some(table)
}

fn read_columns(reader: &mut Reader, entry: &Entry<'_, '_>, table: &str) -> Vec<RawColumn> {
    let Some(entries) = reader.table(entry.value, &format!("the columns of table \"{table}\""))
    else {
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|column| read_column(reader, column, table))
        .collect()
}

fn read_column(reader: &mut Reader, entry: &Entry<'_, '_>, table: &str) -> Option<RawColumn> {
    let mut column = RawColumn {
        name: entry.key.clone(),
        type_text: None,
        type_invalid: false,
        nullable: None,
        default: None,
        unique: false,
        unique_name: None,
        primary_key: false,
        references: None,
        referenced_column: None,
        on_delete: None,
        on_update: None,
        foreign_key_name: None,
        comment: None,
        collation: None,
        renamed_from: None,
        auto_increment: None,
        native: None,
        seed: None,
    };
    let what = format!("column {table}.{}", column.name.value);
    match entry.value.get_ref() {
        DeValue::String(text) => {
            column.type_text = Some(Located {
                value: text.to_string(),
                span: entry.value.span(),
            });
            return Some(column);
        }
        DeValue::Table(_) => {}
        other => {
            reader.error(
                Diagnostic::at(
                    entry.value.span(),
                    format!(
                        "{what} must be a type string or a table, not {}",
                        describe(other)
                    ),
                )
                .with_help(format!(
                    "write {} = \"varchar(255)\" or {} = {{ type = \"int\", nullable = true }}",
                    column.name.value, column.name.value
                )),
            );
            return None;
        }
    }
    let entries = reader.table(entry.value, &what)?;
    reader.reject_unknown_keys(&entries, COLUMN_KEYS, &what);
    for field in &entries {
        let value = field.value;
        match field.key.value.as_str() {
            "type" => {
                column.type_text = reader.string(value, &format!("the type of {what}"));
                column.type_invalid = column.type_text.is_none();
            }
            "nullable" => column.nullable = reader.boolean(value, &format!("nullable of {what}")),
            "default" => column.default = read_default(reader, value, &what),
            "unique" => {
                column.unique = reader
                    .boolean(value, &format!("unique of {what}"))
                    .is_some_and(|flag| flag.value)
            }
            "unique_name" => {
                column.unique_name = reader.string(value, &format!("unique_name of {what}"))
            }
            "primary_key" => {
                column.primary_key = reader
                    .boolean(value, &format!("primary_key of {what}"))
                    .is_some_and(|flag| flag.value)
            }
            "references" => {
                column.references = reader.string(value, &format!("references of {what}"))
            }
            "referenced_column" => {
                column.referenced_column =
                    reader.string(value, &format!("referenced_column of {what}"))
            }
            "on_delete" => {
                column.on_delete = read_action(reader, value, &format!("on_delete of {what}"))
            }
            "on_update" => {
                column.on_update = read_action(reader, value, &format!("on_update of {what}"))
            }
            "foreign_key_name" => {
                column.foreign_key_name =
                    reader.string(value, &format!("foreign_key_name of {what}"))
            }
            "comment" => {
                column.comment = reader
                    .string(value, &format!("the comment of {what}"))
                    .map(|comment| comment.value)
            }
            "collation" => {
                column.collation = reader
                    .string(value, &format!("the collation of {what}"))
                    .map(|collation| collation.value)
            }
            "renamed_from" => {
                column.renamed_from = reader.string(value, &format!("renamed_from of {what}"))
            }
            "auto_increment" => {
                column.auto_increment = reader.boolean(value, &format!("auto_increment of {what}"))
            }
            "native" => column.native = read_native(reader, value, &what),
            "seed" => {
                column.seed = super::raw_seed::read_column_seed(
                    reader,
                    column.name.clone(),
                    value,
                    &format!("seed of {what}"),
                )
            }
            _ => {}
        }
    }
    Some(column)
}

fn read_default(
    reader: &mut Reader,
    value: &Spanned<DeValue<'_>>,
    what: &str,
) -> Option<Located<RawDefault>> {
    let span = value.span();
    let raw = match value.get_ref() {
        DeValue::String(text) => RawDefault::String(text.to_string()),
        DeValue::Boolean(flag) => RawDefault::Boolean(*flag),
        DeValue::Integer(integer) => {
            let digits = integer.as_str().replace('_', "");
            let parsed = match integer.radix() {
                10 => digits.parse::<i64>().ok(),
                radix => {
                    let unprefixed = digits.get(2..).unwrap_or_default();
                    i64::from_str_radix(unprefixed, radix).ok()
                }
            };
            match parsed {
                Some(number) => RawDefault::Integer(number),
                None => {
                    reader.error(Diagnostic::at(
                        span,
                        format!("the default of {what} is too large for a 64-bit integer"),
                    ));
                    return None;
                }
            }
        }
        DeValue::Float(float) => {
            let text = float.as_str().replace('_', "");
            if text
                .parse::<f64>()
                .map_or(true, |number| !number.is_finite())
            {
                reader.error(Diagnostic::at(
                    span,
                    format!("the default of {what} must be a finite number"),
                ));
                return None;
            }
            RawDefault::Number(text)
        }
        DeValue::Datetime(datetime) => {
            reader.error(
                Diagnostic::at(
                    span,
                    format!("the default of {what} must be written as a string"),
                )
                .with_help(format!("put it in quotes: default = \"{datetime}\"")),
            );
            return None;
        }
        other => {
            reader.error(
                Diagnostic::at(
                    span,
                    format!("the default of {what} cannot be {}", describe(other)),
                )
                .with_help(
                    "write a string, a number, true or false, or \"now\" for dates and times",
                ),
            );
            return None;
        }
    };
    Some(Located { value: raw, span })
}

fn read_action(
    reader: &mut Reader,
    value: &Spanned<DeValue<'_>>,
    what: &str,
) -> Option<Located<ReferentialAction>> {
    let text = reader.string(value, what)?;
    let normalised = text.value.trim().to_ascii_lowercase().replace('_', " ");
    match ReferentialAction::ALL
        .iter()
        .find(|(keyword, _)| *keyword == normalised)
    {
        Some((_, action)) => Some(Located {
            value: *action,
            span: text.span,
        }),
        None => {
            let keywords = ReferentialAction::ALL.map(|(keyword, _)| keyword);
            reader.error(
                Diagnostic::at(
                    text.span,
                    format!("unknown action \"{}\" for {what}", text.value),
                )
                .with_help(format!(
                    "use one of: {}",
                    keywords.map(|keyword| format!("\"{keyword}\"")).join(", ")
                )),
            );
            None
        }
    }
}

fn read_index(reader: &mut Reader, entry: &Entry<'_, '_>, table: &str) -> Option<RawIndex> {
    let what = format!("index \"{}\" of {table}", entry.key.value);
    if let DeValue::Table(_) = entry.value.get_ref() {
        let entries = reader.table(entry.value, &what)?;
        reader.reject_unknown_keys(&entries, INDEX_KEYS, &what);
        let Some(columns) = find(&entries, "columns") else {
            reader.error(
                Diagnostic::at(entry.key.span.clone(), format!("{what} has no columns"))
                    .with_help("add columns = [\"column\", ...]"),
            );
            return None;
        };
        let columns = reader.string_list(columns.value, &format!("the columns of {what}"))?;
        let unique = match find(&entries, "unique") {
            Some(flag) => reader
                .boolean(flag.value, &format!("unique of {what}"))
                .is_some_and(|flag| flag.value),
            None => false,
        };
        let options = read_index_options(reader, &entries, &what);
        return Some(RawIndex {
            name: entry.key.clone(),
            columns,
            unique,
            options,
        });
    }
    let columns = reader.string_list(entry.value, &format!("the columns of {what}"))?;
    Some(RawIndex {
        name: entry.key.clone(),
        columns,
        unique: false,
        options: RawIndexOptions::default(),
    })
}

fn read_foreign_key(
    reader: &mut Reader,
    entry: &Entry<'_, '_>,
    table: &str,
) -> Option<RawForeignKey> {
    let what = format!("foreign key \"{}\" of {table}", entry.key.value);
    let entries = reader.table(entry.value, &what)?;
    reader.reject_unknown_keys(&entries, FOREIGN_KEY_KEYS, &what);
    let (Some(columns), Some(references)) =
        (find(&entries, "columns"), find(&entries, "references"))
    else {
        reader.error(
            Diagnostic::at(
                entry.key.span.clone(),
                format!("{what} needs both \"columns\" and \"references\""),
            )
            .with_help("write { columns = [\"a\", \"b\"], references = \"parent\" }"),
        );
        return None;
    };
    let columns = reader.string_list(columns.value, &format!("the columns of {what}"))?;
    let references = reader.string(references.value, &format!("references of {what}"))?;
    let referenced_columns = match find(&entries, "referenced_columns") {
        Some(list) => {
            Some(reader.string_list(list.value, &format!("referenced_columns of {what}"))?)
        }
        None => None,
    };
    let on_delete = find(&entries, "on_delete")
        .and_then(|action| read_action(reader, action.value, &format!("on_delete of {what}")));
    let on_update = find(&entries, "on_update")
        .and_then(|action| read_action(reader, action.value, &format!("on_update of {what}")));
    Some(RawForeignKey {
        name: entry.key.clone(),
        columns,
        references,
        referenced_columns,
        on_delete,
        on_update,
    })
}

fn read_relationship(reader: &mut Reader, entry: &Entry<'_, '_>) -> Option<RawRelationship> {
    let what = format!("relationship \"{}\"", entry.key.value);
    let entries = reader.table(entry.value, &what)?;
    reader.reject_unknown_keys(&entries, RELATIONSHIP_KEYS, &what);
    let Some(sides) = find(&entries, "many_to_many") else {
        reader.error(
            Diagnostic::at(
                entry.key.span.clone(),
                format!("{what} has no \"many_to_many\""),
            )
            .with_help("write many_to_many = [\"first_table\", \"second_table\"]"),
        );
        return None;
    };
    let sides = reader.string_list(sides.value, &format!("many_to_many of {what}"))?;
    if sides.value.len() != 2 {
        reader.error(Diagnostic::at(
            sides.span.clone(),
            format!("many_to_many of {what} must name exactly two tables"),
        ));
        return None;
    }
    let column_names = match find(&entries, "column_names") {
        Some(names) => {
            let names = reader.string_list(names.value, &format!("column_names of {what}"))?;
            if names.value.len() != 2 {
                reader.error(Diagnostic::at(
                    names.span.clone(),
                    format!("column_names of {what} must name exactly two columns"),
                ));
                return None;
            }
            Some(names)
        }
        None => None,
    };
    let comment = find(&entries, "comment").and_then(|comment| {
        reader
            .string(comment.value, &format!("the comment of {what}"))
            .map(|comment| comment.value)
    });
    let columns = match find(&entries, "columns") {
        Some(columns) => read_columns(reader, columns, &entry.key.value),
        None => Vec::new(),
    };
    Some(RawRelationship {
        name: entry.key.clone(),
        sides,
        column_names,
        comment,
        columns,
    })
}
