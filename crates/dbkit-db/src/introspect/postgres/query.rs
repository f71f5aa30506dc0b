//! The catalog queries for PostgreSQL: five queries over `pg_catalog` for the whole current
//! schema, whatever the number of tables. Comments come from `pg_description`, joined once,
//! not from `obj_description`, which runs a query for every row.

use postgres::Client;

/// Everything the catalog says about the current schema, as raw rows.
#[derive(Debug, Default)]
pub(super) struct PostgresCatalog {
    pub(super) database: String,
    pub(super) relations: Vec<RelationRow>,
    pub(super) columns: Vec<ColumnRow>,
    pub(super) constraints: Vec<ConstraintRow>,
    pub(super) indexes: Vec<IndexRow>,
    pub(super) objects: Vec<ObjectRow>,
}

#[derive(Debug)]
pub(super) struct RelationRow {
    pub(super) oid: i64,
    pub(super) name: String,
    /// `r` table, `p` partitioned table, `v` view, `m` materialized view, `f` foreign table,
    /// `S` sequence.
    pub(super) kind: String,
    pub(super) comment: Option<String>,
    pub(super) is_partition: bool,
    /// For a sequence: whether a column owns it (`serial`, identity).
    pub(super) owned: bool,
    /// Whether the table inherits from another (`INHERITS`), not as a partition.
    pub(super) inherits: bool,
    /// Storage parameters (`WITH (fillfactor=70)`), as `fillfactor=70, ...`.
    pub(super) storage_parameters: Option<String>,
    /// Whether row-level security is enabled on the table.
    pub(super) row_security: bool,
    /// Whether the table is `UNLOGGED`.
    pub(super) unlogged: bool,
}

#[derive(Debug)]
pub(super) struct ColumnRow {
    pub(super) table: i64,
    pub(super) name: String,
    pub(super) number: i16,
    /// `format_type`: `character varying(255)`, `timestamp with time zone`, `text[]`...
    pub(super) formatted_type: String,
    pub(super) type_name: String,
    /// `b` base, `d` domain, `e` enum, `c` composite, `r` range...
    pub(super) type_kind: String,
    /// `S` string, `N` numeric, `A` array, `U` user-defined...
    pub(super) type_category: String,
    pub(super) not_null: bool,
    pub(super) default: Option<String>,
    /// `a` always, `d` by default, empty for no identity.
    pub(super) identity: String,
    /// `s` stored generated column, empty otherwise.
    pub(super) generated: String,
    pub(super) comment: Option<String>,
    /// The column's collation when it differs from its type's default.
    pub(super) collation: Option<String>,
    /// For a domain: its base type, formatted.
    pub(super) domain_base: Option<String>,
    /// For an enum type: its labels in order.
    pub(super) enum_labels: Option<Vec<String>>,
}

#[derive(Debug)]
pub(super) struct ConstraintRow {
    pub(super) table: i64,
    pub(super) name: String,
    /// `p` primary key, `u` unique, `f` foreign key, `c` check, `x` exclusion, `t` trigger.
    pub(super) kind: String,
    pub(super) columns: Vec<i16>,
    pub(super) referenced_table: Option<String>,
    pub(super) referenced_schema: Option<String>,
    pub(super) referenced_oid: i64,
    pub(super) referenced_columns: Vec<i16>,
    pub(super) on_update: String,
    pub(super) on_delete: String,
    pub(super) definition: String,
    pub(super) deferrable: bool,
    pub(super) validated: bool,
    /// A CHECK that is `NO INHERIT`.
    pub(super) no_inherit: bool,
    /// A foreign key's match type: `s` simple, `f` full, `p` partial.
    pub(super) match_type: String,
    pub(super) comment: Option<String>,
}

#[derive(Debug)]
pub(super) struct IndexRow {
    pub(super) table: i64,
    pub(super) name: String,
    pub(super) unique: bool,
    pub(super) columns: Vec<i16>,
    pub(super) column_options: Vec<i16>,
    pub(super) key_count: i32,
    pub(super) predicate: Option<String>,
    pub(super) method: String,
    pub(super) has_expressions: bool,
    pub(super) backs_constraint: bool,
    /// A unique index with `NULLS NOT DISTINCT` (PostgreSQL 15 and later).
    pub(super) nulls_not_distinct: bool,
    /// The operator classes of key columns that are not their type's default, as
    /// `column opclass`.
    pub(super) operator_classes: Vec<String>,
    /// The collations of key columns that differ from the column's own, as `column collation`.
    pub(super) collations: Vec<String>,
    /// Storage parameters (`WITH (fillfactor=70)`), as `fillfactor=70, ...`.
    pub(super) storage_parameters: Option<String>,
    pub(super) comment: Option<String>,
}

#[derive(Debug)]
pub(super) struct ObjectRow {
    pub(super) kind: String,
    pub(super) name: String,
    pub(super) detail: Option<String>,
}

const RELATIONS: &str = "SELECT c.oid::int8, c.relname::text, c.relkind::text, \
       ds.description, c.relispartition, \
       EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid \
               AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')), \
       EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid) AND NOT c.relispartition, \
       array_to_string(c.reloptions, ', '), c.relrowsecurity, c.relpersistence = 'u' \
     FROM pg_class c \
     LEFT JOIN pg_description ds ON ds.objoid = c.oid \
       AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0 \
     WHERE c.relnamespace = current_schema()::regnamespace \
       AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') \
       AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass \
                       AND e.objid = c.oid AND e.deptype = 'e')";

const COLUMNS: &str = "SELECT a.attrelid::int8, a.attname::text, a.attnum, format_type(a.atttypid, a.atttypmod), \
       t.typname::text, t.typtype::text, t.typcategory::text, a.attnotnull, \
       pg_get_expr(d.adbin, d.adrelid), a.attidentity::text, a.attgenerated::text, \
       ds.description, \
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN co.collname::text END, \
       CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END, \
       CASE WHEN t.typtype = 'e' THEN (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) \
                                       FROM pg_enum e WHERE e.enumtypid = t.oid) END \
     FROM pg_attribute a \
     JOIN pg_class c ON c.oid = a.attrelid \
     JOIN pg_type t ON t.oid = a.atttypid \
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum \
     LEFT JOIN pg_collation co ON co.oid = a.attcollation \
     LEFT JOIN pg_description ds ON ds.objoid = a.attrelid \
       AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum \
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') \
       AND a.attnum > 0 AND NOT a.attisdropped \
     ORDER BY a.attrelid, a.attnum";

const CONSTRAINTS: &str = "SELECT k.conrelid::int8, k.conname::text, k.contype::text, \
       coalesce(k.conkey, '{}')::int2[], f.relname::text, fn.nspname::text, k.confrelid::int8, \
       coalesce(k.confkey, '{}')::int2[], k.confupdtype::text, k.confdeltype::text, \
       pg_get_constraintdef(k.oid), k.condeferrable, k.convalidated, k.connoinherit, \
       k.confmatchtype::text, ds.description \
     FROM pg_constraint k \
     JOIN pg_class c ON c.oid = k.conrelid \
     LEFT JOIN pg_description ds ON ds.objoid = k.oid \
       AND ds.classoid = 'pg_constraint'::regclass AND ds.objsubid = 0 \
     LEFT JOIN pg_class f ON f.oid = k.confrelid \
     LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace \
     WHERE c.relnamespace = current_schema()::regnamespace \
     ORDER BY k.conrelid, k.conname";

/// `{nulls_not_distinct}` is [`nulls_not_distinct_column`], which depends on the server version.
/// The operator classes and collations of an index's columns are looked up only for the indexes
/// that have a non-default operator class, or a collation other than the default (100), which
/// keeps the query as fast for a thousand ordinary indexes as without them.
const INDEXES: &str = "SELECT i.indrelid::int8, x.relname::text, i.indisunique, i.indkey::int2[], \
       i.indoption::int2[], i.indnkeyatts::int4, pg_get_expr(i.indpred, i.indrelid), am.amname::text, \
       i.indexprs IS NOT NULL, \
       EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid \
               AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')), \
       {nulls_not_distinct}, \
       CASE WHEN i.indclass::oid[] && (SELECT array_agg(oid) FROM pg_opclass WHERE NOT opcdefault) THEN \
       ARRAY(SELECT a.attname::text || ' ' || oc.opcname::text \
             FROM unnest(i.indkey::int2[], i.indclass::oid[]) AS u(attnum, opclass) \
             JOIN pg_opclass oc ON oc.oid = u.opclass \
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.attnum \
             WHERE NOT oc.opcdefault) ELSE '{}' END, \
       CASE WHEN NOT i.indcollation::oid[] <@ '{0,100}'::oid[] THEN \
       ARRAY(SELECT a.attname::text || ' ' || co.collname::text \
             FROM unnest(i.indkey::int2[], i.indcollation::oid[]) AS u(attnum, collation_oid) \
             JOIN pg_collation co ON co.oid = u.collation_oid \
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.attnum \
             WHERE u.collation_oid <> a.attcollation) ELSE '{}' END, \
       array_to_string(x.reloptions, ', '), ds.description \
     FROM pg_index i \
     JOIN pg_class x ON x.oid = i.indexrelid \
     LEFT JOIN pg_description ds ON ds.objoid = i.indexrelid \
       AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0 \
     JOIN pg_class c ON c.oid = i.indrelid \
     JOIN pg_am am ON am.oid = x.relam \
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') \
     ORDER BY i.indrelid, x.relname";

/// Triggers, routines, rules, user-defined types, row-level security policies, extensions and
/// other schemas, leaving out what extensions installed.
const OBJECTS: &str = "SELECT 'policy', p.polname::text, c.relname::text \
     FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid \
     WHERE c.relnamespace = current_schema()::regnamespace \
     UNION ALL \
     SELECT 'extension', e.extname::text, n.nspname::text \
     FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace \
     WHERE e.extname <> 'plpgsql' \
     UNION ALL \
     SELECT 'schema', n.nspname::text, NULL \
     FROM pg_namespace n \
     WHERE n.oid <> current_schema()::regnamespace AND n.nspname NOT IN ('public', 'information_schema') \
       AND n.nspname NOT LIKE 'pg\\_%' \
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass \
                       AND d.objid = n.oid AND d.deptype = 'e') \
     UNION ALL \
     SELECT 'trigger', t.tgname::text, c.relname::text \
     FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid \
     WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace \
     UNION ALL \
     SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END, \
            p.proname::text, NULL \
     FROM pg_proc p \
     WHERE p.pronamespace = current_schema()::regnamespace \
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass \
                       AND d.objid = p.oid AND d.deptype = 'e') \
     UNION ALL \
     SELECT 'rule', r.rulename::text, c.relname::text \
     FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class \
     WHERE r.rulename <> '_RETURN' AND c.relnamespace = current_schema()::regnamespace \
     UNION ALL \
     SELECT 'type', t.typname::text, t.typtype::text \
     FROM pg_type t \
     WHERE t.typnamespace = current_schema()::regnamespace AND t.typtype IN ('d', 'e', 'r', 'm', 'c') \
       AND (t.typtype <> 'c' OR EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c')) \
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass \
                       AND d.objid = t.oid AND d.deptype = 'e')";

/// `pg_index.indnullsnotdistinct` where the server has it (PostgreSQL 15 and later).
fn nulls_not_distinct_column(server_version: i32) -> &'static str {
    if server_version >= 150_000 {
        "i.indnullsnotdistinct"
    } else {
        "false"
    }
}

/// Reads the catalog of the client's current schema.
pub(super) fn read_catalog(client: &mut Client) -> Result<PostgresCatalog, postgres::Error> {
    let header = client.query_one(
        "SELECT current_database()::text, current_setting('server_version_num')::int4",
        &[],
    )?;
    let database: String = header.try_get(0)?;
    let server_version: i32 = header.try_get(1)?;
    let relations = client
        .query(RELATIONS, &[])?
        .iter()
        .map(|row| -> Result<RelationRow, postgres::Error> {
            Ok(RelationRow {
                oid: row.try_get(0)?,
                name: row.try_get(1)?,
                kind: row.try_get(2)?,
                comment: row.try_get(3)?,
                is_partition: row.try_get(4)?,
                owned: row.try_get(5)?,
                inherits: row.try_get(6)?,
                storage_parameters: row.try_get(7)?,
                row_security: row.try_get(8)?,
                unlogged: row.try_get(9)?,
            })
        })
        .collect::<Result<_, _>>()?;
    let columns = client
        .query(COLUMNS, &[])?
        .iter()
        .map(|row| -> Result<ColumnRow, postgres::Error> {
            Ok(ColumnRow {
                table: row.try_get(0)?,
                name: row.try_get(1)?,
                number: row.try_get(2)?,
                formatted_type: row.try_get(3)?,
                type_name: row.try_get(4)?,
                type_kind: row.try_get(5)?,
                type_category: row.try_get(6)?,
                not_null: row.try_get(7)?,
                default: row.try_get(8)?,
                identity: row.try_get(9)?,
                generated: row.try_get(10)?,
                comment: row.try_get(11)?,
                collation: row.try_get(12)?,
                domain_base: row.try_get(13)?,
                enum_labels: row.try_get(14)?,
            })
        })
        .collect::<Result<_, _>>()?;
    let constraints = client
        .query(CONSTRAINTS, &[])?
        .iter()
        .map(|row| -> Result<ConstraintRow, postgres::Error> {
            Ok(ConstraintRow {
                table: row.try_get(0)?,
                name: row.try_get(1)?,
                kind: row.try_get(2)?,
                columns: row.try_get(3)?,
                referenced_table: row.try_get(4)?,
                referenced_schema: row.try_get(5)?,
                referenced_oid: row.try_get(6)?,
                referenced_columns: row.try_get(7)?,
                on_update: row.try_get(8)?,
                on_delete: row.try_get(9)?,
                definition: row.try_get(10)?,
                deferrable: row.try_get(11)?,
                validated: row.try_get(12)?,
                no_inherit: row.try_get(13)?,
                match_type: row.try_get(14)?,
                comment: row.try_get(15)?,
            })
        })
        .collect::<Result<_, _>>()?;
    let indexes = client
        .query(
            &INDEXES.replace(
                "{nulls_not_distinct}",
                nulls_not_distinct_column(server_version),
            ),
            &[],
        )?
        .iter()
        .map(|row| -> Result<IndexRow, postgres::Error> {
            Ok(IndexRow {
                table: row.try_get(0)?,
                name: row.try_get(1)?,
                unique: row.try_get(2)?,
                columns: row.try_get(3)?,
                column_options: row.try_get(4)?,
                key_count: row.try_get(5)?,
                predicate: row.try_get(6)?,
                method: row.try_get(7)?,
                has_expressions: row.try_get(8)?,
                backs_constraint: row.try_get(9)?,
                nulls_not_distinct: row.try_get(10)?,
                operator_classes: row.try_get(11)?,
                collations: row.try_get(12)?,
                storage_parameters: row.try_get(13)?,
                comment: row.try_get(14)?,
            })
        })
        .collect::<Result<_, _>>()?;
    let objects = client
        .query(OBJECTS, &[])?
        .iter()
        .map(|row| -> Result<ObjectRow, postgres::Error> {
            Ok(ObjectRow {
                kind: row.try_get(0)?,
                name: row.try_get(1)?,
                detail: row.try_get(2)?,
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(PostgresCatalog {
        database,
        relations,
        columns,
        constraints,
        indexes,
        objects,
    })
}
