//! Turns the MySQL/MariaDB catalog rows into the model.
//!
//! MariaDB and MySQL spell the same schema differently (`int(11)` and `int`,
//! `current_timestamp()` and `CURRENT_TIMESTAMP`, quoted and unquoted literal defaults, `JSON` as
//! `LONGTEXT` with a `json_valid` check); both read into the same model.

use std::collections::{BTreeMap, HashMap};

use dbkit_model::{
    CheckConstraint, Column, ColumnType, ForeignKey, Index, IndexOptions, IndexOrigin, PrimaryKey,
    ReferentialAction, TableOptions, UniqueConstraint, naming, parse_type,
};

use super::query::{Flavour, MysqlCatalog};
use crate::introspect::absorb::{TypeChecks, absorb_type_checks};
use crate::introspect::assemble::TableFacts;
use crate::introspect::check_text;
use crate::introspect::default_text::{Quoting, read_default, read_raw_literal};
use crate::introspect::warning::{PullWarning, WarningKind};

/// The storage engine dbkit's MySQL dialect writes when a table names none.
const DEFAULT_ENGINE: &str = "InnoDB";
/// The character set dbkit's MySQL dialect writes when a table names none.
const DEFAULT_CHARSET: &str = "utf8mb4";
/// The collation dbkit's MySQL dialect writes when a table names none.
const DEFAULT_COLLATION: &str = "utf8mb4_unicode_ci";

const DIALECT: &str = "mysql";
/// The collation MariaDB gives its JSON columns.
const JSON_COLLATION: &str = "utf8mb4_bin";

/// The tables of `catalog`, with warnings for what the model cannot hold.
pub(super) fn tables(catalog: MysqlCatalog, warnings: &mut Vec<PullWarning>) -> Vec<TableFacts> {
    let flavour = catalog.flavour.unwrap_or(Flavour::MariaDb);
    let mut tables: BTreeMap<String, TableFacts> = BTreeMap::new();
    let mut collations: HashMap<String, String> = HashMap::new();
    for row in catalog.tables {
        match row.table_type.as_str() {
            "BASE TABLE" | "SYSTEM VERSIONED" => {}
            "VIEW" => {
                warnings.push(PullWarning::new(
                    WarningKind::View,
                    format!("view {}", row.name),
                    "views are not part of the model; recreate it after building the schema",
                ));
                continue;
            }
            other => {
                warnings.push(PullWarning::new(
                    WarningKind::Other,
                    format!("{} {}", other.to_ascii_lowercase(), row.name),
                    "this kind of object is not part of the model",
                ));
                continue;
            }
        }
        if row.table_type == "SYSTEM VERSIONED" {
            warnings.push(PullWarning::new(
                WarningKind::Other,
                format!("table {}", row.name),
                "system versioning (WITH SYSTEM VERSIONING) is not part of the model; the table is pulled without it",
            ));
        }
        if row.create_options.contains("partitioned") {
            warnings.push(PullWarning::new(
                WarningKind::Partition,
                format!("table {}", row.name),
                "partitioning is not part of the model; the table is pulled unpartitioned",
            ));
        }
        let options: Vec<&str> = row
            .create_options
            .split_whitespace()
            .filter(|option| *option != "partitioned")
            .collect();
        if !options.is_empty() {
            warnings.push(PullWarning::table_options(&row.name, &options));
        }
        let mut facts = TableFacts::named(&row.name);
        facts.comment = Some(row.comment).filter(|comment| !comment.is_empty());
        let collation = row
            .collation
            .unwrap_or_else(|| DEFAULT_COLLATION.to_string());
        let charset = charset_of(&collation);
        facts.options = TableOptions {
            engine: row
                .engine
                .filter(|engine| !engine.eq_ignore_ascii_case(DEFAULT_ENGINE)),
            charset: Some(charset.clone()).filter(|charset| charset != DEFAULT_CHARSET),
            collation: Some(collation.clone()).filter(|collation| collation != DEFAULT_COLLATION),
        };
        collations.insert(row.name.clone(), collation);
        tables.insert(row.name, facts);
    }
    for row in catalog.columns {
        let Some(table) = tables.get_mut(&row.table) else {
            continue;
        };
        let object = format!("column {}.{}", row.table, row.name);
        let column_type = column_type(
            &row.data_type,
            &row.column_type.to_ascii_lowercase(),
            &row.column_type,
        );
        if let ColumnType::Native { base: None, .. } = column_type {
            warnings.push(PullWarning::new(
                WarningKind::NativeType,
                &object,
                format!(
                    "the type {} is not one dbkit models; it is kept as a native MySQL type, so other dialects need their own spelling (native = {{ ... }})",
                    row.column_type
                ),
            ));
        }
        let extra = row.extra.to_ascii_lowercase();
        let auto_increment = extra.contains("auto_increment");
        if extra.contains("invisible") {
            warnings.push(PullWarning::new(
                WarningKind::Other,
                &object,
                "INVISIBLE columns are not part of the model; it is pulled as a visible column",
            ));
        }
        if extra.contains("generated") && !extra.contains("default_generated") {
            warnings.push(PullWarning::new(
                WarningKind::GeneratedColumn,
                &object,
                "generated columns are not part of the model; it is pulled as a plain column",
            ));
        }
        // `ON UPDATE CURRENT_TIMESTAMP` follows the type in MySQL's column syntax, so it is kept
        // in the native MySQL spelling of the column's type.
        let column_type = match extra.find("on update ") {
            Some(position) => {
                let clause = row.extra[position + "on update ".len()..].trim();
                let base = match column_type {
                    ColumnType::Native { base, .. } => base.map(|base| *base),
                    other => Some(other),
                };
                ColumnType::Native {
                    base: base.map(Box::new),
                    types: BTreeMap::from([(
                        DIALECT.to_string(),
                        format!("{} ON UPDATE {clause}", row.column_type),
                    )]),
                }
            }
            None => column_type,
        };
        let default = if auto_increment
            || extra.contains("generated") && !extra.contains("default_generated")
        {
            None
        } else {
            match (&row.default, flavour) {
                (None, _) => None,
                (Some(text), Flavour::MariaDb) => keep_default(
                    read_default(text, &column_type, Quoting::Backslash),
                    &object,
                    warnings,
                ),
                (Some(text), Flavour::Mysql) if extra.contains("default_generated") => {
                    keep_default(
                        read_default(text, &column_type, Quoting::Backslash),
                        &object,
                        warnings,
                    )
                }
                (Some(text), Flavour::Mysql) => {
                    keep_default(read_raw_literal(text, &column_type), &object, warnings)
                }
            }
        };
        let table_collation = collations.get(&row.table).cloned().unwrap_or_default();
        table.columns.push(Column {
            name: row.name,
            column_type,
            nullable: row.nullable,
            default,
            auto_increment,
            comment: Some(row.comment).filter(|comment| !comment.is_empty()),
            collation: row
                .collation
                .filter(|collation| *collation != table_collation),
            renamed_from: None,
        });
    }
    read_foreign_keys(
        &catalog.database,
        catalog.foreign_key_parts,
        &mut tables,
        warnings,
    );
    read_indexes(catalog.index_parts, &mut tables, warnings);
    for row in catalog.checks {
        if let Some(table) = tables.get_mut(&row.table) {
            table.checks.push(CheckConstraint {
                name: row.name,
                expression: check_text::from_mysql(&row.clause),
            });
        }
    }
    for row in catalog.objects {
        let (kind, what) = match row.kind.as_str() {
            "trigger" => (WarningKind::Trigger, "triggers"),
            "procedure" | "function" => (WarningKind::Routine, "stored procedures and functions"),
            "event" => (WarningKind::Event, "events"),
            _ => continue,
        };
        let on = row
            .table
            .map(|table| format!(" on table {table}"))
            .unwrap_or_default();
        warnings.push(PullWarning::new(
            kind,
            format!("{} {}{on}", row.kind, row.name),
            format!("{what} are not part of the model; recreate it after building the schema"),
        ));
    }
    let rules = TypeChecks {
        enum_values: false,
        boolean: true,
        json: true,
        column_named: flavour == Flavour::MariaDb,
    };
    tables
        .into_values()
        .map(|mut table| {
            absorb_type_checks(&mut table, rules);
            for column in &mut table.columns {
                // MariaDB's JSON is LONGTEXT in the binary collation, which the type implies.
                if column.column_type == ColumnType::Json
                    && column.collation.as_deref() == Some(JSON_COLLATION)
                {
                    column.collation = None;
                }
            }
            table
        })
        .collect()
}

/// The default, or none with a warning when the model cannot hold it.
fn keep_default(
    read: Result<Option<dbkit_model::DefaultValue>, String>,
    object: &str,
    warnings: &mut Vec<PullWarning>,
) -> Option<dbkit_model::DefaultValue> {
    match read {
        Ok(value) => value,
        Err(reason) => {
            warnings.push(PullWarning::new(
                WarningKind::Default,
                object,
                format!("{reason}; the column is pulled without a default"),
            ));
            None
        }
    }
}

fn read_foreign_keys(
    database: &str,
    parts: Vec<super::query::ForeignKeyPartRow>,
    tables: &mut BTreeMap<String, TableFacts>,
    warnings: &mut Vec<PullWarning>,
) {
    let mut keys: BTreeMap<(String, String), ForeignKey> = BTreeMap::new();
    for part in parts {
        if part.referenced_schema != database {
            warnings.push(PullWarning::new(
                WarningKind::Constraint,
                format!("foreign key {}.{}", part.table, part.name),
                format!(
                    "it references {}.{}, in another database, which the model cannot express",
                    part.referenced_schema, part.referenced_table
                ),
            ));
            continue;
        }
        let key = keys
            .entry((part.table.clone(), part.name.clone()))
            .or_insert_with(|| ForeignKey {
                name: part.name.clone(),
                columns: Vec::new(),
                referenced_table: part.referenced_table.clone(),
                referenced_columns: Vec::new(),
                on_delete: action(&part.on_delete),
                on_update: action(&part.on_update),
            });
        key.columns.push(part.column);
        key.referenced_columns.push(part.referenced_column);
    }
    for ((table, _), key) in keys {
        if let Some(table) = tables.get_mut(&table) {
            table.foreign_keys.push(key);
        }
    }
}

fn read_indexes(
    parts: Vec<super::query::IndexPartRow>,
    tables: &mut BTreeMap<String, TableFacts>,
    warnings: &mut Vec<PullWarning>,
) {
    let mut groups: BTreeMap<(String, String), Vec<super::query::IndexPartRow>> = BTreeMap::new();
    for part in parts {
        groups
            .entry((part.table.clone(), part.index.clone()))
            .or_default()
            .push(part);
    }
    for ((table_name, index_name), parts) in groups {
        let Some(table) = tables.get_mut(&table_name) else {
            continue;
        };
        let object = format!("index {table_name}.{index_name}");
        if parts.iter().any(|part| part.column.is_none()) {
            warnings.push(PullWarning::new(
                WarningKind::Index,
                object,
                "indexes on expressions are not part of the model; recreate it after building the schema",
            ));
            continue;
        }
        if !parts[0].comment.is_empty() {
            warnings.push(PullWarning::new(
                WarningKind::Comment,
                &object,
                format!(
                    "comments on keys and indexes are not part of the model; the comment {:?} is not pulled",
                    parts[0].comment
                ),
            ));
        }
        let index_type = parts[0].index_type.to_ascii_uppercase();
        if index_type == "SPATIAL" {
            warnings.push(PullWarning::new(
                WarningKind::Index,
                object,
                "spatial indexes are not part of the model; recreate it after building the schema",
            ));
            continue;
        }
        let columns: Vec<String> = parts
            .iter()
            .filter_map(|part| part.column.clone())
            .collect();
        let unique = parts[0].unique;
        let mut options = IndexOptions {
            fulltext: index_type == "FULLTEXT",
            ..IndexOptions::default()
        };
        for part in &parts {
            let Some(column) = &part.column else { continue };
            if let Some(length) = part.prefix_length {
                options.prefix_lengths.insert(column.clone(), length);
            }
            if part.descending {
                options.descending.push(column.clone());
            }
        }
        if index_name == "PRIMARY" {
            table.primary_key = Some(PrimaryKey {
                name: naming::primary_key_name(&table_name),
                columns,
            });
            continue;
        }
        if unique && options.is_empty() {
            table.unique_constraints.push(UniqueConstraint {
                name: index_name,
                columns,
            });
            continue;
        }
        let implicit = !unique
            && options.is_empty()
            && table
                .foreign_keys
                .iter()
                .any(|key| key.name == index_name && key.columns == columns);
        if implicit {
            // InnoDB creates this index for a foreign key that no other index serves, and
            // creates it again when the schema is built.
            continue;
        }
        table.indexes.push(Index {
            name: index_name,
            columns,
            unique,
            origin: IndexOrigin::User,
            options,
        });
    }
}

fn action(rule: &str) -> ReferentialAction {
    match rule.to_ascii_uppercase().as_str() {
        "CASCADE" => ReferentialAction::Cascade,
        "SET NULL" => ReferentialAction::SetNull,
        "SET DEFAULT" => ReferentialAction::SetDefault,
        "NO ACTION" => ReferentialAction::NoAction,
        _ => ReferentialAction::Restrict,
    }
}

/// `utf8mb4` for `utf8mb4_unicode_ci`.
fn charset_of(collation: &str) -> String {
    collation.split('_').next().unwrap_or(collation).to_string()
}

/// The model type of a column from its `DATA_TYPE` and `COLUMN_TYPE` (in lower case);
/// `written` is `COLUMN_TYPE` as the server spelled it, kept for native types.
fn column_type(data_type: &str, lower: &str, written: &str) -> ColumnType {
    let native = |base: Option<ColumnType>| ColumnType::Native {
        base: base.map(Box::new),
        types: BTreeMap::from([(DIALECT.to_string(), written.to_string())]),
    };
    let unsigned = lower.contains(" unsigned");
    if lower.contains("zerofill") {
        return native(None);
    }
    let integer = |signed: ColumnType, unsigned_type: ColumnType| {
        if unsigned { unsigned_type } else { signed }
    };
    let parameters = lower.find('(').and_then(|open| {
        lower[open + 1..]
            .find(')')
            .map(|close| &lower[open + 1..open + 1 + close])
    });
    let length = parameters.and_then(|text| text.trim().parse::<u32>().ok());
    // Types whose spelling carries no more than the model: read with the model's own parser.
    let modelled = |text: &str| match parse_type(text) {
        Ok(dbkit_model::TypeSpec::Type(column_type)) => Some(column_type),
        _ => None,
    };
    match data_type {
        "tinyint" if lower == "tinyint(1)" => ColumnType::Boolean,
        "tinyint" => integer(ColumnType::TinyInt, ColumnType::TinyIntUnsigned),
        "smallint" => integer(ColumnType::SmallInt, ColumnType::SmallIntUnsigned),
        "mediumint" => integer(ColumnType::MediumInt, ColumnType::MediumIntUnsigned),
        "int" | "integer" => integer(ColumnType::Int, ColumnType::IntUnsigned),
        "bigint" => integer(ColumnType::BigInt, ColumnType::BigIntUnsigned),
        "decimal" if !unsigned => parameters
            .and_then(|parameters| modelled(&format!("decimal({parameters})")))
            .unwrap_or_else(|| native(None)),
        "float" if lower == "float" => ColumnType::Real,
        "double" if lower == "double" => ColumnType::Double,
        "char" | "varchar" | "binary" | "varbinary" => {
            match length.and_then(|length| modelled(&format!("{data_type}({length})"))) {
                Some(column_type) => column_type,
                None if data_type.ends_with("char") => native(Some(ColumnType::Text)),
                None => native(Some(ColumnType::Blob)),
            }
        }
        "tinytext" => ColumnType::TinyText,
        "text" => ColumnType::Text,
        "mediumtext" => ColumnType::MediumText,
        "longtext" => ColumnType::LongText,
        "tinyblob" => ColumnType::TinyBlob,
        "blob" => native(Some(ColumnType::Blob)),
        "mediumblob" => ColumnType::MediumBlob,
        "longblob" => ColumnType::Blob,
        "date" => ColumnType::Date,
        "time" if lower == "time" => ColumnType::Time,
        "time" => native(Some(ColumnType::Time)),
        "datetime" if lower == "datetime" => ColumnType::Timestamp,
        "datetime" | "timestamp" => native(Some(ColumnType::Timestamp)),
        "json" => ColumnType::Json,
        "uuid" => native(Some(ColumnType::Uuid)),
        "enum" => parameters_of(written)
            .and_then(|values| modelled(&format!("enum({values})")))
            .unwrap_or_else(|| native(None)),
        _ => native(None),
    }
}

/// The text between the first `(` and the last `)` of `text`.
fn parameters_of(text: &str) -> Option<&str> {
    let open = text.find('(')?;
    let close = text.rfind(')')?;
    (close > open).then(|| &text[open + 1..close])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> ColumnType {
        let data_type = text.split(['(', ' ']).next().unwrap_or_default();
        column_type(data_type, &text.to_ascii_lowercase(), text)
    }

    #[test]
    fn mariadb_and_mysql_spellings_read_the_same() {
        assert_eq!(read("int(11)"), ColumnType::Int);
        assert_eq!(read("int"), ColumnType::Int);
        assert_eq!(read("bigint(20) unsigned"), ColumnType::BigIntUnsigned);
        assert_eq!(read("tinyint(1)"), ColumnType::Boolean);
        assert_eq!(read("tinyint(4)"), ColumnType::TinyInt);
        assert_eq!(
            read("decimal(8,2)"),
            ColumnType::Decimal {
                precision: 8,
                scale: 2
            }
        );
        assert_eq!(read("varchar(255)"), ColumnType::Varchar { length: 255 });
        assert_eq!(read("longblob"), ColumnType::Blob);
        assert_eq!(
            read("enum('new','it''s')"),
            ColumnType::Enum {
                values: vec!["new".into(), "it's".into()]
            }
        );
        assert!(matches!(
            read("set('a','b')"),
            ColumnType::Native { base: None, .. }
        ));
        assert!(matches!(
            read("blob"),
            ColumnType::Native { base: Some(_), .. }
        ));
        assert!(matches!(
            read("varchar(20000)"),
            ColumnType::Native { base: Some(_), .. }
        ));
        assert!(matches!(
            read("int(10) unsigned zerofill"),
            ColumnType::Native { base: None, .. }
        ));
    }
}
