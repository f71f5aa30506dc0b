//! The invariants of one rendered fixture: tables created and dropped once, dependency order,
//! quoted identifiers.

use dbkit_generate::DdlScripts;
use dbkit_sdk::Dialect;
use dbkit_sdk::model::{ColumnType, DefaultValue, Schema, naming};

use crate::fixtures::RESERVED_IDENTIFIERS;
use crate::violation::Rule;

/// Every invariant broken by `scripts`, the scripts `dialect` rendered for `schema`.
pub(crate) fn check(
    schema: &Schema,
    dialect: &dyn Dialect,
    scripts: &DdlScripts,
) -> Vec<(Rule, String)> {
    let create = scripts.create.sql_statements();
    let drop = scripts.drop.sql_statements();
    let mut found = Vec::new();
    every_table_created(schema, dialect, &create, &drop, &mut found);
    if found.is_empty() {
        dependency_order(schema, dialect, &create, &drop, &mut found);
    }
    let all: Vec<&str> = create.iter().chain(&drop).copied().collect();
    quoted_identifiers(schema, dialect, &all, &mut found);
    found
}

/// Whether `statement` is `CREATE TABLE` (or `DROP TABLE`, as `verb`) of the table quoted as `quoted`.
fn is_table_statement(statement: &str, verb: &str, quoted: &str) -> bool {
    let statement = statement.trim_start();
    let starts = statement
        .get(..verb.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(verb));
    let head = statement.split('(').next().unwrap_or_default();
    starts && head.contains(quoted)
}

fn positions(statements: &[&str], verb: &str, quoted: &str) -> Vec<usize> {
    statements
        .iter()
        .enumerate()
        .filter(|(_, statement)| is_table_statement(statement, verb, quoted))
        .map(|(position, _)| position)
        .collect()
}

fn every_table_created(
    schema: &Schema,
    dialect: &dyn Dialect,
    create: &[&str],
    drop: &[&str],
    found: &mut Vec<(Rule, String)>,
) {
    for table in &schema.tables {
        let quoted = dialect.quote_identifier(&table.name);
        for (verb, statements, script) in [
            ("CREATE TABLE", create, "create"),
            ("DROP TABLE", drop, "drop"),
        ] {
            let count = positions(statements, verb, &quoted).len();
            if count != 1 {
                found.push((
                    Rule::EveryTableCreated,
                    format!("table {} has {count} `{verb} {quoted}` statements in the {script} script, not 1", table.name),
                ));
            }
        }
    }
}

fn dependency_order(
    schema: &Schema,
    dialect: &dyn Dialect,
    create: &[&str],
    drop: &[&str],
    found: &mut Vec<(Rule, String)>,
) {
    let created_at = |name: &str| {
        positions(create, "CREATE TABLE", &dialect.quote_identifier(name))
            .first()
            .copied()
    };
    let dropped_at = |name: &str| {
        positions(drop, "DROP TABLE", &dialect.quote_identifier(name))
            .first()
            .copied()
    };
    let alters = dialect.info().supports_alter_foreign_keys;
    for table in &schema.tables {
        for key in &table.foreign_keys {
            let quoted_key = dialect.quote_identifier(&key.name);
            let Some(key_at) = create
                .iter()
                .position(|statement| statement.contains(&quoted_key))
            else {
                found.push((
                    Rule::DependencyOrder,
                    format!(
                        "the foreign key {} of table {} is never created: {quoted_key} is not in the create script",
                        key.name, table.name
                    ),
                ));
                continue;
            };
            let (Some(table_at), Some(referenced_at)) =
                (created_at(&table.name), created_at(&key.referenced_table))
            else {
                continue;
            };
            if key_at < table_at || (alters && key_at < referenced_at) {
                found.push((
                    Rule::DependencyOrder,
                    format!(
                        "the foreign key {} of table {} (statement {}) comes before table {} is created (statement {})",
                        key.name,
                        table.name,
                        key_at + 1,
                        if key_at < table_at { &table.name } else { &key.referenced_table },
                        table_at.max(referenced_at) + 1
                    ),
                ));
            }
            if !alters || key.referenced_table == table.name {
                continue;
            }
            let (Some(table_dropped), Some(referenced_dropped)) =
                (dropped_at(&table.name), dropped_at(&key.referenced_table))
            else {
                continue;
            };
            let key_dropped_first = drop[..referenced_dropped]
                .iter()
                .any(|statement| statement.contains(&quoted_key));
            if table_dropped > referenced_dropped && !key_dropped_first {
                found.push((
                    Rule::DependencyOrder,
                    format!(
                        "table {} is dropped (statement {}) while table {} still references it through {} (dropped at statement {})",
                        key.referenced_table,
                        referenced_dropped + 1,
                        table.name,
                        key.name,
                        table_dropped + 1
                    ),
                ));
            }
        }
    }
}

/// `quote_identifier` must change every reserved word.
pub(crate) fn reserved_words_quoted(dialect: &dyn Dialect) -> Vec<String> {
    RESERVED_IDENTIFIERS
        .iter()
        .filter(|word| dialect.quote_identifier(word) == **word)
        .map(|word| format!("quote_identifier(\"{word}\") leaves it unquoted"))
        .collect()
}

fn quoted_identifiers(
    schema: &Schema,
    dialect: &dyn Dialect,
    statements: &[&str],
    found: &mut Vec<(Rule, String)>,
) {
    let mut quoted_names: Vec<String> = Vec::new();
    let mut strings: Vec<&str> = vec![schema.project.name.as_str()];
    for table in &schema.tables {
        quoted_names.push(table.name.clone());
        strings.extend(table.comment.as_deref());
        for column in &table.columns {
            quoted_names.push(column.name.clone());
            quoted_names.push(naming::type_check_name(&table.name, &column.name));
            strings.extend(column.comment.as_deref());
            if let ColumnType::Enum { values } = &column.column_type {
                strings.extend(values.iter().map(String::as_str));
            }
            if let Some(DefaultValue::String(text)) = &column.default {
                strings.push(text);
            }
        }
        let names = table
            .primary_key
            .iter()
            .map(|key| &key.name)
            .chain(table.unique_constraints.iter().map(|key| &key.name))
            .chain(table.checks.iter().map(|check| &check.name))
            .chain(table.foreign_keys.iter().map(|key| &key.name))
            .chain(table.indexes.iter().map(|index| &index.name));
        quoted_names.extend(names.cloned());
    }
    let mut quoted: Vec<String> = quoted_names
        .iter()
        .map(|name| dialect.quote_identifier(name))
        .collect();
    // An identifier may also be passed as a string, to a catalog procedure for example.
    let as_strings: Vec<String> = quoted_names
        .iter()
        .map(|name| dialect.quote_string(name))
        .collect();
    quoted.extend(as_strings);
    quoted.extend(strings.iter().map(|text| dialect.quote_string(text)));
    quoted.sort_by_key(|text| std::cmp::Reverse(text.len()));
    for statement in statements {
        let mut rest = statement.to_string();
        for text in quoted.iter().filter(|text| !text.is_empty()) {
            rest = rest.replace(text.as_str(), " ");
        }
        let bare: Vec<&str> = rest
            .split(|character: char| !(character.is_alphanumeric() || character == '_'))
            .filter(|word| RESERVED_IDENTIFIERS.contains(word))
            .collect();
        if let Some(word) = bare.first() {
            found.push((
                Rule::QuotedIdentifiers,
                format!("`{word}` appears unquoted in: {statement}"),
            ));
        }
    }
}
