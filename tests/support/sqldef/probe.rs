//! What a PostgreSQL database can hold that the pull neither reads nor warns about, because it
//! lies outside the current schema's tables: other schemas, extensions, row-level security and
//! comments on indexes and constraints. A case that creates any of them is out of scope.

use dbkit_db::{Connection, DriverConnection};

use super::verdict::Reason;
use crate::Outcome;

const FINDINGS: &str = "\
SELECT 'other_schema', 'schema ' || nspname FROM pg_namespace \
 WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\\_%' \
UNION ALL SELECT 'extension', 'extension ' || extname FROM pg_extension WHERE extname <> 'plpgsql' \
UNION ALL SELECT 'row_security', 'policy ' || polname FROM pg_policy \
UNION ALL SELECT 'row_security', 'row-level security on ' || relname FROM pg_class \
 WHERE relrowsecurity AND relnamespace = current_schema()::regnamespace \
UNION ALL SELECT 'object_comment', 'comment on constraint ' || c.conname FROM pg_description d \
 JOIN pg_constraint c ON d.classoid = 'pg_constraint'::regclass AND d.objoid = c.oid \
UNION ALL SELECT 'object_comment', 'comment on index ' || c.relname FROM pg_description d \
 JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND d.objoid = c.oid AND c.relkind IN ('i', 'I') \
ORDER BY 1, 2";

/// The first thing the pull cannot see in the PostgreSQL database of `connection`, if any; other
/// databases have none of these.
pub fn unseen_by_the_pull(connection: &mut Connection) -> Outcome<Option<(Reason, String)>> {
    let DriverConnection::Postgres(client) = connection.driver() else {
        return Ok(None);
    };
    let rows = client
        .query(FINDINGS, &[])
        .map_err(|error| format!("cannot read the PostgreSQL catalog: {error}"))?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let kind: String = row.get(0);
    let detail: String = row.get(1);
    let reason = match kind.as_str() {
        "other_schema" => Reason::OtherSchema,
        "extension" => Reason::Extension,
        "row_security" => Reason::RowSecurity,
        _ => Reason::ObjectComment,
    };
    Ok(Some((reason, detail)))
}
