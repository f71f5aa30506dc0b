//! The catalog queries for MySQL/MariaDB: a fixed handful for the whole database, whatever the
//! number of tables, each reading one `information_schema` view for every table at once.

use mysql::prelude::Queryable;
use mysql::{Row, Value};

/// Which server answered, for the few places where MariaDB and MySQL differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flavour {
    MariaDb,
    Mysql,
}

/// Everything the catalog says about the current database, as raw rows.
#[derive(Debug, Default)]
pub(super) struct MysqlCatalog {
    pub(super) database: String,
    pub(super) flavour: Option<Flavour>,
    pub(super) tables: Vec<TableRow>,
    pub(super) columns: Vec<ColumnRow>,
    pub(super) index_parts: Vec<IndexPartRow>,
    pub(super) foreign_key_parts: Vec<ForeignKeyPartRow>,
    pub(super) checks: Vec<CheckRow>,
    pub(super) objects: Vec<ObjectRow>,
}

#[derive(Debug)]
pub(super) struct TableRow {
    pub(super) name: String,
    pub(super) table_type: String,
    pub(super) engine: Option<String>,
    pub(super) collation: Option<String>,
    pub(super) comment: String,
    pub(super) create_options: String,
}

#[derive(Debug)]
pub(super) struct ColumnRow {
    pub(super) table: String,
    pub(super) name: String,
    pub(super) default: Option<String>,
    pub(super) nullable: bool,
    pub(super) data_type: String,
    pub(super) column_type: String,
    pub(super) collation: Option<String>,
    pub(super) extra: String,
    pub(super) comment: String,
}

#[derive(Debug)]
pub(super) struct IndexPartRow {
    pub(super) table: String,
    pub(super) index: String,
    pub(super) unique: bool,
    /// `None` for a part that is an expression (MySQL 8 functional indexes).
    pub(super) column: Option<String>,
    pub(super) prefix_length: Option<u32>,
    pub(super) descending: bool,
    pub(super) index_type: String,
    /// The index's comment, on each of its parts; empty for none.
    pub(super) comment: String,
}

#[derive(Debug)]
pub(super) struct ForeignKeyPartRow {
    pub(super) table: String,
    pub(super) name: String,
    pub(super) column: String,
    pub(super) referenced_schema: String,
    pub(super) referenced_table: String,
    pub(super) referenced_column: String,
    pub(super) on_update: String,
    pub(super) on_delete: String,
}

#[derive(Debug)]
pub(super) struct CheckRow {
    pub(super) table: String,
    pub(super) name: String,
    pub(super) clause: String,
}

#[derive(Debug)]
pub(super) struct ObjectRow {
    pub(super) kind: String,
    pub(super) name: String,
    pub(super) table: Option<String>,
}

const TABLES: &str = "SELECT TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, TABLE_COMMENT, CREATE_OPTIONS \
     FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()";

const COLUMNS: &str = "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, COLUMN_TYPE, \
     COLLATION_NAME, EXTRA, COLUMN_COMMENT \
     FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() \
     ORDER BY TABLE_NAME, ORDINAL_POSITION";

const INDEX_PARTS: &str = "SELECT TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, INDEX_TYPE, \
     INDEX_COMMENT \
     FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() \
     ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";

const FOREIGN_KEY_PARTS: &str = "SELECT k.TABLE_NAME, k.CONSTRAINT_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, \
     k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME, r.UPDATE_RULE, r.DELETE_RULE \
     FROM information_schema.KEY_COLUMN_USAGE k \
     JOIN information_schema.REFERENTIAL_CONSTRAINTS r \
       ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME \
      AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME \
     WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL \
     ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION";

/// MariaDB names checks per table, and lists each with its table.
const CHECKS_MARIADB: &str = "SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE \
     FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE()";

/// MySQL names checks per schema; their tables come from `TABLE_CONSTRAINTS`.
const CHECKS_MYSQL: &str = "SELECT t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE \
     FROM information_schema.TABLE_CONSTRAINTS t \
     JOIN information_schema.CHECK_CONSTRAINTS c \
       ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME \
     WHERE t.TABLE_SCHEMA = DATABASE() AND t.CONSTRAINT_TYPE = 'CHECK'";

/// Everything else that lives in the database: triggers, routines, events, partitions.
const OBJECTS: &str = "SELECT 'trigger', TRIGGER_NAME, EVENT_OBJECT_TABLE \
     FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE() \
     UNION ALL SELECT LOWER(ROUTINE_TYPE), ROUTINE_NAME, NULL \
     FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE() \
     UNION ALL SELECT 'event', EVENT_NAME, NULL \
     FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE() \
     UNION ALL SELECT DISTINCT 'partition', TABLE_NAME, TABLE_NAME \
     FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL";

/// Reads the catalog of the connection's current database; `Ok(None)` when none is selected.
pub(super) fn read_catalog(
    connection: &mut impl Queryable,
) -> Result<Option<MysqlCatalog>, mysql::Error> {
    let header: Vec<Row> = connection.query("SELECT DATABASE(), VERSION()")?;
    let Some(row) = header.first() else {
        return Ok(None);
    };
    let Some(database) = text(row, 0) else {
        return Ok(None);
    };
    let flavour = if text(row, 1)
        .unwrap_or_default()
        .to_ascii_lowercase()
        .contains("mariadb")
    {
        Flavour::MariaDb
    } else {
        Flavour::Mysql
    };
    let mut catalog = MysqlCatalog {
        database,
        flavour: Some(flavour),
        ..MysqlCatalog::default()
    };
    catalog.tables = connection.query_map(TABLES, |row: Row| TableRow {
        name: text(&row, 0).unwrap_or_default(),
        table_type: text(&row, 1).unwrap_or_default(),
        engine: text(&row, 2),
        collation: text(&row, 3),
        comment: text(&row, 4).unwrap_or_default(),
        create_options: text(&row, 5).unwrap_or_default(),
    })?;
    catalog.columns = connection.query_map(COLUMNS, |row: Row| ColumnRow {
        table: text(&row, 0).unwrap_or_default(),
        name: text(&row, 1).unwrap_or_default(),
        default: text(&row, 2),
        nullable: text(&row, 3).as_deref() == Some("YES"),
        data_type: text(&row, 4).unwrap_or_default().to_ascii_lowercase(),
        column_type: text(&row, 5).unwrap_or_default(),
        collation: text(&row, 6),
        extra: text(&row, 7).unwrap_or_default(),
        comment: text(&row, 8).unwrap_or_default(),
    })?;
    catalog.index_parts = connection.query_map(INDEX_PARTS, |row: Row| IndexPartRow {
        table: text(&row, 0).unwrap_or_default(),
        index: text(&row, 1).unwrap_or_default(),
        unique: text(&row, 2).as_deref() == Some("0"),
        column: text(&row, 3),
        prefix_length: text(&row, 4).and_then(|length| length.parse().ok()),
        descending: text(&row, 5).as_deref() == Some("D"),
        index_type: text(&row, 6).unwrap_or_default(),
        comment: text(&row, 7).unwrap_or_default(),
    })?;
    catalog.foreign_key_parts =
        connection.query_map(FOREIGN_KEY_PARTS, |row: Row| ForeignKeyPartRow {
            table: text(&row, 0).unwrap_or_default(),
            name: text(&row, 1).unwrap_or_default(),
            column: text(&row, 2).unwrap_or_default(),
            referenced_schema: text(&row, 3).unwrap_or_default(),
            referenced_table: text(&row, 4).unwrap_or_default(),
            referenced_column: text(&row, 5).unwrap_or_default(),
            on_update: text(&row, 6).unwrap_or_default(),
            on_delete: text(&row, 7).unwrap_or_default(),
        })?;
    let checks = match flavour {
        Flavour::MariaDb => CHECKS_MARIADB,
        Flavour::Mysql => CHECKS_MYSQL,
    };
    catalog.checks = connection.query_map(checks, |row: Row| CheckRow {
        table: text(&row, 0).unwrap_or_default(),
        name: text(&row, 1).unwrap_or_default(),
        clause: text(&row, 2).unwrap_or_default(),
    })?;
    catalog.objects = connection.query_map(OBJECTS, |row: Row| ObjectRow {
        kind: text(&row, 0).unwrap_or_default(),
        name: text(&row, 1).unwrap_or_default(),
        table: text(&row, 2),
    })?;
    Ok(Some(catalog))
}

/// Column `index` of `row` as text; `None` for NULL.
fn text(row: &Row, index: usize) -> Option<String> {
    match row.as_ref(index)? {
        Value::NULL => None,
        Value::Bytes(bytes) => Some(String::from_utf8_lossy(bytes).into_owned()),
        Value::Int(number) => Some(number.to_string()),
        Value::UInt(number) => Some(number.to_string()),
        other => Some(other.as_sql(true)),
    }
}
