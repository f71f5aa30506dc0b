//! The catalog queries for SQLite: `sqlite_master` joined with the table-valued pragma
//! functions, four queries for the whole file, whatever the number of tables.

use rusqlite::Connection;

/// Everything the catalog says about the file, as raw rows.
#[derive(Debug, Default)]
pub(super) struct SqliteCatalog {
    pub(super) columns: Vec<ColumnRow>,
    pub(super) foreign_key_parts: Vec<ForeignKeyPartRow>,
    pub(super) index_parts: Vec<IndexPartRow>,
    pub(super) objects: Vec<ObjectRow>,
}

#[derive(Debug)]
pub(super) struct ColumnRow {
    pub(super) table: String,
    pub(super) table_sql: String,
    pub(super) name: String,
    pub(super) declared_type: String,
    pub(super) not_null: bool,
    pub(super) default: Option<String>,
    /// The column's position in the primary key, from 1; 0 when it is not part of it.
    pub(super) primary_key_position: i64,
    /// 0 for an ordinary column, 2 or 3 for a generated one.
    pub(super) hidden: i64,
}

#[derive(Debug)]
pub(super) struct ForeignKeyPartRow {
    pub(super) table: String,
    pub(super) id: i64,
    pub(super) referenced_table: String,
    pub(super) column: String,
    /// `None` when the key references the other table's primary key implicitly.
    pub(super) referenced_column: Option<String>,
    pub(super) on_update: String,
    pub(super) on_delete: String,
}

#[derive(Debug)]
pub(super) struct IndexPartRow {
    pub(super) table: String,
    pub(super) index: String,
    pub(super) unique: bool,
    /// `c` created with CREATE INDEX, `u` for a UNIQUE constraint, `pk` for a primary key.
    pub(super) origin: String,
    pub(super) partial: bool,
    /// `None` for a part that is an expression.
    pub(super) column: Option<String>,
    pub(super) descending: bool,
    pub(super) index_sql: Option<String>,
}

#[derive(Debug)]
pub(super) struct ObjectRow {
    pub(super) kind: String,
    pub(super) name: String,
    pub(super) table: String,
    pub(super) sql: Option<String>,
}

const COLUMNS: &str = "SELECT m.name, m.sql, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden \
     FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
       AND m.name IN (SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table') \
     ORDER BY m.name, p.cid";

const FOREIGN_KEY_PARTS: &str = "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_update, f.on_delete \
     FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
       AND m.name IN (SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table') \
     ORDER BY m.name, f.id, f.seq";

const INDEX_PARTS: &str = "SELECT m.name, l.name, l.\"unique\", l.origin, l.partial, x.name, x.\"desc\", i.sql \
     FROM sqlite_master m \
     JOIN pragma_index_list(m.name) l \
     JOIN pragma_index_xinfo(l.name) x \
     LEFT JOIN sqlite_master i ON i.type = 'index' AND i.name = l.name \
     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' \
       AND m.name IN (SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table') AND x.key = 1 \
     ORDER BY m.name, l.name, x.seqno";

const OBJECTS: &str = "SELECT type, name, tbl_name, sql FROM sqlite_master \
     WHERE type IN ('view', 'trigger') OR (type = 'table' AND sql LIKE 'CREATE VIRTUAL%') \
     ORDER BY type, name";

/// Reads the catalog of the connection's main database.
pub(super) fn read_catalog(connection: &Connection) -> Result<SqliteCatalog, rusqlite::Error> {
    let columns = connection
        .prepare(COLUMNS)?
        .query_map([], |row| {
            Ok(ColumnRow {
                table: row.get(0)?,
                table_sql: row.get::<_, Option<String>>(1)?.unwrap_or_default(),
                name: row.get(2)?,
                declared_type: row.get(3)?,
                not_null: row.get::<_, i64>(4)? != 0,
                default: row.get(5)?,
                primary_key_position: row.get(6)?,
                hidden: row.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let foreign_key_parts = connection
        .prepare(FOREIGN_KEY_PARTS)?
        .query_map([], |row| {
            Ok(ForeignKeyPartRow {
                table: row.get(0)?,
                id: row.get(1)?,
                referenced_table: row.get(2)?,
                column: row.get(3)?,
                referenced_column: row.get(4)?,
                on_update: row.get(5)?,
                on_delete: row.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let index_parts = connection
        .prepare(INDEX_PARTS)?
        .query_map([], |row| {
            Ok(IndexPartRow {
                table: row.get(0)?,
                index: row.get(1)?,
                unique: row.get::<_, i64>(2)? != 0,
                origin: row.get(3)?,
                partial: row.get::<_, i64>(4)? != 0,
                column: row.get(5)?,
                descending: row.get::<_, i64>(6)? != 0,
                index_sql: row.get(7)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let objects = connection
        .prepare(OBJECTS)?
        .query_map([], |row| {
            Ok(ObjectRow {
                kind: row.get(0)?,
                name: row.get(1)?,
                table: row.get(2)?,
                sql: row.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(SqliteCatalog {
        columns,
        foreign_key_parts,
        index_parts,
        objects,
    })
}
