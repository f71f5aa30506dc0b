//! Turns the PostgreSQL catalog rows into the model.

use std::collections::{BTreeMap, HashMap};

use dbkit_model::{
    CheckConstraint, Column, ColumnType, ForeignKey, Index, IndexOptions, IndexOrigin, PrimaryKey,
    ReferentialAction, UniqueConstraint, parse_type,
};

use super::query::{ColumnRow, IndexRow, PostgresCatalog, RelationRow};
use crate::introspect::absorb::{TypeChecks, absorb_type_checks};
use crate::introspect::assemble::TableFacts;
use crate::introspect::check_text;
use crate::introspect::default_text::{Quoting, read_default, strip_parentheses};
use crate::introspect::warning::{PullWarning, WarningKind};

const DIALECT: &str = "postgres";

/// The tables of `catalog`, with warnings for what the model cannot hold.
pub(super) fn tables(catalog: PostgresCatalog, warnings: &mut Vec<PullWarning>) -> Vec<TableFacts> {
    let mut tables: BTreeMap<i64, TableFacts> = BTreeMap::new();
    for relation in catalog.relations {
        let (kind, what) = match relation.kind.as_str() {
            "r" | "p" => {
                if relation.kind == "p" {
                    warnings.push(PullWarning::new(
                        WarningKind::Partition,
                        format!("table {}", relation.name),
                        "partitioning is not part of the model; the table is pulled unpartitioned",
                    ));
                }
                if relation.inherits {
                    warnings.push(PullWarning::new(
                        WarningKind::Partition,
                        format!("table {}", relation.name),
                        "table inheritance (INHERITS) is not part of the model; the table is pulled as a table of its own, with the inherited columns",
                    ));
                }
                if relation.is_partition {
                    warnings.push(PullWarning::new(
                        WarningKind::Partition,
                        format!("table {}", relation.name),
                        "this table is a partition of another; it is pulled as a table of its own",
                    ));
                }
                table_option_warnings(&relation, warnings);
                let mut facts = TableFacts::named(&relation.name);
                facts.comment = relation.comment;
                tables.insert(relation.oid, facts);
                continue;
            }
            "v" => (WarningKind::View, "view"),
            "m" => (WarningKind::View, "materialized view"),
            "f" => (WarningKind::Other, "foreign table"),
            "S" if relation.owned => continue,
            "S" => (WarningKind::Sequence, "sequence"),
            _ => continue,
        };
        warnings.push(PullWarning::new(
            kind,
            format!("{what} {}", relation.name),
            format!("a {what} is not part of the model; recreate it after building the schema"),
        ));
    }
    let mut names: HashMap<(i64, i16), String> = HashMap::new();
    for row in catalog.columns {
        names.insert((row.table, row.number), row.name.clone());
        let Some(table) = tables.get_mut(&row.table) else {
            continue;
        };
        let object = format!("column {}.{}", table.name, row.name);
        let column = column(row, &object, warnings);
        table.columns.push(column);
    }
    let column_names = |table: i64, numbers: &[i16]| -> Option<Vec<String>> {
        numbers
            .iter()
            .map(|number| names.get(&(table, *number)).cloned())
            .collect()
    };
    let table_oids: std::collections::HashSet<i64> = tables.keys().copied().collect();
    for row in catalog.constraints {
        let Some(table) = tables.get_mut(&row.table) else {
            continue;
        };
        let object = format!("constraint {}.{}", table.name, row.name);
        if row.deferrable {
            warnings.push(PullWarning::new(
                WarningKind::Constraint,
                &object,
                "DEFERRABLE is not part of the model; the constraint is pulled as checked immediately",
            ));
        }
        if !row.validated {
            warnings.push(PullWarning::new(
                WarningKind::Constraint,
                &object,
                "the constraint is NOT VALID (existing rows were not checked); it is pulled as a valid one",
            ));
        }
        if row.kind == "c" && row.no_inherit {
            warnings.push(PullWarning::new(
                WarningKind::Constraint,
                &object,
                "NO INHERIT is not part of the model; the CHECK is pulled as one that child tables inherit",
            ));
        }
        if row.kind == "f" && row.match_type != "s" {
            warnings.push(PullWarning::new(
                WarningKind::Constraint,
                &object,
                format!(
                    "MATCH {} is not part of the model; the foreign key is pulled as MATCH SIMPLE (a row with some key columns NULL is not checked)",
                    if row.match_type == "f" { "FULL" } else { "PARTIAL" }
                ),
            ));
        }
        if let Some(comment) = &row.comment {
            warnings.push(PullWarning::new(
                WarningKind::Comment,
                &object,
                format!("comments on constraints are not part of the model; the comment {comment:?} is not pulled"),
            ));
        }
        if row.kind == "x" {
            // Before the columns are read: an exclusion constraint over expressions has none.
            warnings.push(PullWarning::new(
                WarningKind::Constraint,
                &object,
                format!(
                    "exclusion constraints are not part of the model: {}",
                    row.definition
                ),
            ));
            continue;
        }
        let Some(columns) = column_names(row.table, &row.columns) else {
            continue;
        };
        match row.kind.as_str() {
            "p" => {
                table.primary_key = Some(PrimaryKey {
                    name: row.name,
                    columns,
                })
            }
            "u" => table.unique_constraints.push(UniqueConstraint {
                name: row.name,
                columns,
            }),
            "c" => table.checks.push(CheckConstraint {
                name: row.name,
                expression: check_text::from_postgres(&row.definition),
            }),
            "f" => {
                let in_schema = table_oids.contains(&row.referenced_oid);
                let referenced = column_names(row.referenced_oid, &row.referenced_columns);
                match (row.referenced_table, referenced, in_schema) {
                    (Some(referenced_table), Some(referenced_columns), true) => {
                        table.foreign_keys.push(ForeignKey {
                            name: row.name,
                            columns,
                            referenced_table,
                            referenced_columns,
                            on_delete: action(&row.on_delete),
                            on_update: action(&row.on_update),
                        })
                    }
                    (referenced_table, ..) => warnings.push(PullWarning::new(
                        WarningKind::Constraint,
                        &object,
                        format!(
                            "it references {}.{}, outside the schema, which the model cannot express",
                            row.referenced_schema.unwrap_or_default(),
                            referenced_table.unwrap_or_default()
                        ),
                    )),
                }
            }
            _ => {}
        }
    }
    for row in catalog.indexes {
        let Some(table) = tables.get_mut(&row.table) else {
            continue;
        };
        let object = format!("index {}.{}", table.name, row.name);
        index_detail_warnings(&row, &object, warnings);
        if row.backs_constraint {
            continue;
        }
        let keys = usize::try_from(row.key_count)
            .unwrap_or(row.columns.len())
            .min(row.columns.len());
        if row.has_expressions || row.columns[..keys].contains(&0) {
            warnings.push(PullWarning::new(
                WarningKind::Index,
                object,
                "indexes on expressions are not part of the model; recreate it after building the schema",
            ));
            continue;
        }
        if keys < row.columns.len() {
            warnings.push(PullWarning::new(
                WarningKind::Index,
                &object,
                "INCLUDE columns are not part of the model; the index is pulled without them",
            ));
        }
        let Some(columns) = column_names(row.table, &row.columns[..keys]) else {
            continue;
        };
        let descending = columns
            .iter()
            .zip(&row.column_options)
            .filter(|(_, option)| *option & 1 == 1)
            .map(|(column, _)| column.clone())
            .collect();
        table.indexes.push(Index {
            name: row.name,
            columns,
            unique: row.unique,
            origin: IndexOrigin::User,
            options: IndexOptions {
                descending,
                predicate: row.predicate.map(|predicate| {
                    check_text::in_lists_from_postgres(strip_parentheses(&predicate))
                }),
                method: Some(row.method).filter(|method| method != "btree"),
                ..IndexOptions::default()
            },
        });
    }
    for object in catalog.objects {
        let (kind, message) = match object.kind.as_str() {
            "trigger" => (
                WarningKind::Trigger,
                format!(
                    "triggers are not part of the model; recreate it on table {} after building the schema",
                    object.detail.unwrap_or_default()
                ),
            ),
            "policy" => (
                WarningKind::RowSecurity,
                format!(
                    "row-level security policies are not part of the model; recreate it on table {} after building the schema",
                    object.detail.unwrap_or_default()
                ),
            ),
            "extension" => (
                WarningKind::Extension,
                format!(
                    "extensions are not part of the model; run CREATE EXTENSION {} (in schema {}) before building the schema",
                    object.name,
                    object.detail.unwrap_or_default()
                ),
            ),
            "schema" => (
                WarningKind::OtherSchema,
                "only the current schema is pulled; the tables and other objects of this schema are not".to_string(),
            ),
            "rule" => (
                WarningKind::Other,
                format!(
                    "rules are not part of the model; recreate it on table {} after building the schema",
                    object.detail.unwrap_or_default()
                ),
            ),
            "type" => (
                WarningKind::UserType,
                match object.detail.as_deref() {
                    Some("e") => "enum types are not part of the model; columns of this type are pulled as enums (VARCHAR with a CHECK)".to_string(),
                    Some("d") => "domains are not part of the model; columns of this type are pulled with its base type, without its constraints".to_string(),
                    _ => "user-defined types are not part of the model; create it before building the schema".to_string(),
                },
            ),
            _ => (
                WarningKind::Routine,
                "functions and procedures are not part of the model; recreate it after building the schema".to_string(),
            ),
        };
        warnings.push(PullWarning::new(
            kind,
            format!("{} {}", object.kind, object.name),
            message,
        ));
    }
    let rules = TypeChecks {
        enum_values: true,
        ..TypeChecks::default()
    };
    tables
        .into_values()
        .map(|mut table| {
            absorb_type_checks(&mut table, rules);
            table
        })
        .collect()
}

/// Warnings for what a table has beyond its columns and keys: storage parameters, `UNLOGGED`,
/// row-level security.
fn table_option_warnings(relation: &RelationRow, warnings: &mut Vec<PullWarning>) {
    let object = format!("table {}", relation.name);
    if let Some(parameters) = relation
        .storage_parameters
        .as_deref()
        .filter(|parameters| !parameters.is_empty())
    {
        warnings.push(PullWarning::new(
            WarningKind::TableOption,
            &object,
            format!(
                "storage parameters are not part of the model; the table is pulled without WITH ({parameters})"
            ),
        ));
    }
    if relation.unlogged {
        warnings.push(PullWarning::new(
            WarningKind::TableOption,
            &object,
            "UNLOGGED is not part of the model; the table is pulled as an ordinary (logged) table",
        ));
    }
    if relation.row_security {
        warnings.push(PullWarning::new(
            WarningKind::RowSecurity,
            &object,
            "row-level security is not part of the model; run ALTER TABLE ... ENABLE ROW LEVEL SECURITY after building the schema",
        ));
    }
}

/// Warnings for the parts of an index the model does not hold: operator classes, collations,
/// `NULLS FIRST`/`NULLS LAST` against the direction's default, `NULLS NOT DISTINCT`, storage
/// parameters and comments.
fn index_detail_warnings(row: &IndexRow, object: &str, warnings: &mut Vec<PullWarning>) {
    let mut lost = Vec::new();
    if !row.operator_classes.is_empty() {
        lost.push(format!(
            "the operator classes {}",
            row.operator_classes.join(", ")
        ));
    }
    if !row.collations.is_empty() {
        lost.push(format!("the collations {}", row.collations.join(", ")));
    }
    // Bit 0 of an index column's option is DESC, bit 1 NULLS FIRST; NULLS FIRST is the default
    // of a descending column only.
    if row
        .column_options
        .iter()
        .any(|option| (option & 1 == 1) != (option & 2 == 2))
    {
        lost.push("NULLS FIRST/NULLS LAST against the direction's default".to_string());
    }
    if row.nulls_not_distinct {
        lost.push("NULLS NOT DISTINCT".to_string());
    }
    if let Some(parameters) = row
        .storage_parameters
        .as_deref()
        .filter(|parameters| !parameters.is_empty())
    {
        lost.push(format!("the storage parameters WITH ({parameters})"));
    }
    if !lost.is_empty() {
        warnings.push(PullWarning::new(
            WarningKind::Index,
            object,
            format!(
                "the model does not hold {}; the index is pulled without them",
                lost.join(", ")
            ),
        ));
    }
    if let Some(comment) = &row.comment {
        warnings.push(PullWarning::new(
            WarningKind::Comment,
            object,
            format!("comments on indexes are not part of the model; the comment {comment:?} is not pulled"),
        ));
    }
}

/// One column: type, nullability, default, generation and comment.
fn column(row: ColumnRow, object: &str, warnings: &mut Vec<PullWarning>) -> Column {
    let mut column_type = match (row.type_kind.as_str(), &row.enum_labels, &row.domain_base) {
        ("e", Some(labels), _) => {
            enum_type(labels).unwrap_or_else(|| native(None, &row.formatted_type))
        }
        ("d", _, Some(base)) => {
            warnings.push(PullWarning::new(
                WarningKind::UserType,
                object,
                format!(
                    "its type is the domain {}; it is pulled with the base type {base}, without the domain's constraints",
                    row.type_name
                ),
            ));
            base_type(base, "")
        }
        _ => base_type(&row.formatted_type, &row.type_category),
    };
    if let ColumnType::Native { base: None, .. } = column_type {
        warnings.push(PullWarning::new(
            WarningKind::NativeType,
            object,
            format!(
                "the type {} is not one dbkit models; it is kept as a native PostgreSQL type, so other dialects need their own spelling (native = {{ ... }})",
                row.formatted_type
            ),
        ));
    }
    let mut auto_increment = !row.identity.is_empty();
    if row.identity == "a" {
        warnings.push(PullWarning::new(
            WarningKind::Other,
            object,
            "GENERATED ALWAYS AS IDENTITY is pulled as an auto-increment column, which dbkit builds as GENERATED BY DEFAULT",
        ));
    }
    let mut default = None;
    if row.generated == "s" {
        warnings.push(PullWarning::new(
            WarningKind::GeneratedColumn,
            object,
            format!(
                "generated columns are not part of the model; it is pulled as a plain column (it was GENERATED ALWAYS AS ({}))",
                row.default.as_deref().unwrap_or_default()
            ),
        ));
    } else if let Some(text) = &row.default {
        if text.starts_with("nextval(") && column_type.is_integer() {
            auto_increment = true;
        } else {
            match read_default(text, &column_type, Quoting::Standard) {
                Ok(value) => default = value,
                Err(reason) => warnings.push(PullWarning::new(
                    WarningKind::Default,
                    object,
                    format!("{reason}; the column is pulled without a default"),
                )),
            }
        }
    }
    if auto_increment
        && let ColumnType::Native {
            base: Some(base), ..
        } = &column_type
    {
        column_type = (**base).clone();
    }
    Column {
        name: row.name,
        column_type,
        nullable: !row.not_null,
        default,
        auto_increment,
        comment: row.comment,
        collation: row.collation,
        renamed_from: None,
    }
}

/// The model type of a PostgreSQL type as `format_type` writes it; `category` is the type's
/// `typcategory` (`S` for string types), which gives unknown string types a `text` base.
fn base_type(formatted: &str, category: &str) -> ColumnType {
    let modelled = |text: &str| match parse_type(text) {
        Ok(dbkit_model::TypeSpec::Type(column_type)) => Some(column_type),
        _ => None,
    };
    let parameters = formatted.find('(').and_then(|open| {
        formatted[open + 1..]
            .find(')')
            .map(|close| &formatted[open + 1..open + 1 + close])
    });
    let known = match formatted {
        "smallint" => Some(ColumnType::SmallInt),
        "integer" => Some(ColumnType::Int),
        "bigint" => Some(ColumnType::BigInt),
        "real" => Some(ColumnType::Real),
        "double precision" => Some(ColumnType::Double),
        "text" => Some(ColumnType::Text),
        "boolean" => Some(ColumnType::Boolean),
        "date" => Some(ColumnType::Date),
        "time without time zone" => Some(ColumnType::Time),
        "timestamp without time zone" => Some(ColumnType::Timestamp),
        "timestamp with time zone" => Some(ColumnType::TimestampTz),
        "uuid" => Some(ColumnType::Uuid),
        "jsonb" => Some(ColumnType::Json),
        "bytea" => Some(ColumnType::Blob),
        _ if formatted.starts_with("numeric(") => {
            parameters.and_then(|p| modelled(&format!("decimal({p})")))
        }
        _ if formatted.starts_with("character varying(") => {
            parameters.and_then(|p| modelled(&format!("varchar({p})")))
        }
        _ if formatted.starts_with("character(") => {
            parameters.and_then(|p| modelled(&format!("char({p})")))
        }
        _ => None,
    };
    if let Some(known) = known {
        return known;
    }
    let base = if formatted.ends_with("[]") {
        None
    } else if formatted.starts_with("character") || category == "S" {
        Some(ColumnType::Text)
    } else if formatted == "json" {
        Some(ColumnType::Json)
    } else if formatted.starts_with("timestamp(") {
        Some(
            if formatted.ends_with("with time zone") && !formatted.ends_with("without time zone") {
                ColumnType::TimestampTz
            } else {
                ColumnType::Timestamp
            },
        )
    } else if formatted.starts_with("time(") && formatted.ends_with("without time zone") {
        Some(ColumnType::Time)
    } else {
        None
    };
    native(base, formatted)
}

fn native(base: Option<ColumnType>, formatted: &str) -> ColumnType {
    ColumnType::Native {
        base: base.map(Box::new),
        types: BTreeMap::from([(DIALECT.to_string(), formatted.to_string())]),
    }
}

/// An enum type's labels as an enum, when `schema.toml` can hold them.
fn enum_type(labels: &[String]) -> Option<ColumnType> {
    let written = labels
        .iter()
        .map(|label| format!("'{}'", label.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(", ");
    match parse_type(&format!("enum({written})")) {
        Ok(dbkit_model::TypeSpec::Type(column_type @ ColumnType::Enum { .. })) => Some(column_type),
        _ => None,
    }
}

fn action(code: &str) -> ReferentialAction {
    match code {
        "r" => ReferentialAction::Restrict,
        "c" => ReferentialAction::Cascade,
        "n" => ReferentialAction::SetNull,
        "d" => ReferentialAction::SetDefault,
        _ => ReferentialAction::NoAction,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_formatted_types() {
        assert_eq!(
            base_type("character varying(255)", "S"),
            ColumnType::Varchar { length: 255 }
        );
        assert_eq!(
            base_type("numeric(8,2)", "N"),
            ColumnType::Decimal {
                precision: 8,
                scale: 2
            }
        );
        assert_eq!(
            base_type("timestamp with time zone", "D"),
            ColumnType::TimestampTz
        );
        assert_eq!(
            base_type("character(16)", "S"),
            ColumnType::Char { length: 16 }
        );
        assert!(matches!(
            base_type("citext", "S"),
            ColumnType::Native { base: Some(_), .. }
        ));
        assert!(matches!(
            base_type("text[]", "A"),
            ColumnType::Native { base: None, .. }
        ));
        assert!(matches!(
            base_type("tsvector", "U"),
            ColumnType::Native { base: None, .. }
        ));
        assert!(matches!(
            base_type("numeric", "N"),
            ColumnType::Native { base: None, .. }
        ));
    }
}
