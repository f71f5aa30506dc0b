//! `dbkit pull` on PostgreSQL: every fixture survives build → pull → schema.toml → build →
//! pull, and what the model cannot hold is reported.

use dbkit_db::introspect::WarningKind;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_model::{ColumnType, DefaultValue};
use dbkit_tests::pull::{
    ScratchDatabase, assert_warned, every_fixture_round_trips, inline_fixture,
    pull_queries_do_not_grow_with_tables, round_trip_allowing,
};

#[test]
fn every_fixture_round_trips_through_postgres() {
    every_fixture_round_trips(&PostgresDialect, &ScratchDatabase::postgres);
}

/// Everything the model holds beyond the portable core, as PostgreSQL has it: native types
/// (arrays, `tsvector`, `json`, `citext`-like strings), collations, identity columns of any
/// integer size, partial, descending and GIN indexes, and the types PostgreSQL stores as
/// others (`tinyint` as `smallint`, `mediumblob` as `bytea`...).
const EXTENDED: &str = r#"
[project]
name = "extended"
dialects = ["postgres"]

[tables.films]
comment = "Films"
columns.film_id = { type = "int", auto_increment = true, primary_key = true }
columns.title = { type = "varchar(128)", collation = "C", comment = "as printed" }
columns.tags = { native = { postgres = "text[]" }, nullable = true }
columns.search = { native = { postgres = "tsvector" }, nullable = true }
columns.email = { type = "text", native = { postgres = "character varying" }, nullable = true }
columns.data = { type = "json", native = { postgres = "json" }, nullable = true }
columns.rating = { type = "enum(G, PG, 'PG-13')", default = "G" }
columns.price = { type = "decimal(6,2)", default = 0 }
columns.tiny = "tinyint?"
columns.huge = "bigint unsigned?"
columns.picture = "mediumblob?"
columns.body = "longtext?"
columns.deleted_at = "timestamptz?"
checks.price_positive = "price >= 0 AND length(title) > 0"
indexes.idx_live_title = { columns = ["title"], where = "deleted_at IS NULL", descending = ["title"] }
indexes.idx_tags = { columns = ["tags"], method = "gin" }
indexes.idx_rating = { columns = ["rating"], where = "rating IN ('G', 'PG')" }
"#;

#[test]
fn the_extended_model_round_trips_through_postgres() {
    let fixture = inline_fixture("extended_postgres", EXTENDED);
    round_trip_allowing(
        &fixture,
        &PostgresDialect,
        &ScratchDatabase::postgres,
        &[WarningKind::NativeType],
    )
    .unwrap_or_else(|message| panic!("{message}"));
}

#[test]
fn serial_keys_enum_types_and_domains_read_into_the_model() {
    let db = ScratchDatabase::postgres("pull_pg_spellings");
    db.execute(&[
        "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
        "CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (VALUE >= 1901 AND VALUE <= 2155)",
        "CREATE TABLE people (id serial PRIMARY KEY, feeling mood NOT NULL DEFAULT 'ok', born year, \
         created timestamp NOT NULL DEFAULT now(), code varchar(10) DEFAULT upper('x'), \
         tag text DEFAULT 'it''s'::text)",
    ])
    .unwrap_or_else(|message| panic!("{message}"));
    let pulled = db.pull().unwrap_or_else(|message| panic!("{message}"));
    let table = pulled.schema.table("people").expect("the table is pulled");
    let column = |name: &str| {
        table
            .column(name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    assert_eq!(column("id").column_type, ColumnType::Int);
    assert!(
        column("id").auto_increment,
        "serial is an auto-increment column"
    );
    assert_eq!(
        column("feeling").column_type,
        ColumnType::Enum {
            values: vec!["sad".into(), "ok".into(), "happy".into()]
        }
    );
    assert_eq!(
        column("feeling").default,
        Some(DefaultValue::String("ok".into()))
    );
    assert_eq!(column("born").column_type, ColumnType::Int);
    assert_eq!(
        column("created").default,
        Some(DefaultValue::CurrentTimestamp)
    );
    assert_eq!(column("code").default, None);
    assert_eq!(
        column("tag").default,
        Some(DefaultValue::String("it's".into()))
    );
    let found: Vec<(WarningKind, &str)> = pulled
        .warnings
        .iter()
        .map(|warning| (warning.kind, warning.object.as_str()))
        .collect();
    for expected in [
        (WarningKind::UserType, "type mood"),
        (WarningKind::UserType, "type year"),
        (WarningKind::UserType, "column people.born"),
        (WarningKind::Default, "column people.code"),
    ] {
        assert!(
            found.contains(&expected),
            "missing {expected:?} in {found:#?}"
        );
    }
    assert!(
        !found.iter().any(|(kind, _)| *kind == WarningKind::Sequence),
        "the serial's own sequence is part of the column: {found:#?}"
    );
}

#[test]
fn what_the_model_cannot_hold_is_reported() {
    let db = ScratchDatabase::postgres("pull_pg_warnings");
    db.execute(&[
        "CREATE TABLE members (id integer PRIMARY KEY, name text NOT NULL, \
         name_length integer GENERATED ALWAYS AS (length(name)) STORED)",
        "CREATE INDEX members_lower_name ON members (lower(name))",
        "CREATE VIEW active_members AS SELECT id, name FROM members",
        "CREATE MATERIALIZED VIEW member_count AS SELECT count(*) FROM members",
        "CREATE SEQUENCE tickets",
        "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
        "CREATE TRIGGER members_touch BEFORE INSERT ON members FOR EACH ROW EXECUTE FUNCTION touch()",
        "CREATE TABLE events (id integer NOT NULL, happened date NOT NULL) PARTITION BY RANGE (happened)",
    ])
    .unwrap_or_else(|message| panic!("{message}"));
    let pulled = db.pull().unwrap_or_else(|message| panic!("{message}"));
    let found: Vec<(WarningKind, &str)> = pulled
        .warnings
        .iter()
        .map(|warning| (warning.kind, warning.object.as_str()))
        .collect();
    for expected in [
        (WarningKind::View, "view active_members"),
        (WarningKind::View, "materialized view member_count"),
        (WarningKind::Sequence, "sequence tickets"),
        (WarningKind::Routine, "function touch"),
        (WarningKind::Trigger, "trigger members_touch"),
        (WarningKind::Index, "index members.members_lower_name"),
        (WarningKind::GeneratedColumn, "column members.name_length"),
        (WarningKind::Partition, "table events"),
    ] {
        assert!(
            found.contains(&expected),
            "missing {expected:?} in {found:#?}"
        );
    }
    let names: Vec<&str> = pulled
        .schema
        .tables
        .iter()
        .map(|table| table.name.as_str())
        .collect();
    assert_eq!(names, ["events", "members"]);
}

/// The details of tables, indexes and constraints that the model does not hold are reported one
/// by one, never dropped in silence.
#[test]
fn details_the_model_cannot_hold_are_reported() {
    let db = ScratchDatabase::postgres("pull_pg_details");
    db.execute(&[
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE SCHEMA audit",
        "CREATE TABLE audit.entries (id integer PRIMARY KEY)",
        "CREATE TABLE teams (id integer PRIMARY KEY, region text NOT NULL, \
         UNIQUE (id, region))",
        "CREATE TABLE members (id integer PRIMARY KEY, name text NOT NULL, email text, \
         code text, team_id integer, region text, \
         CONSTRAINT members_name_length CHECK (length(name) > 0) NO INHERIT, \
         CONSTRAINT members_team FOREIGN KEY (team_id, region) REFERENCES teams (id, region) MATCH FULL) \
         WITH (fillfactor = 70)",
        "CREATE UNLOGGED TABLE scratch (id integer PRIMARY KEY)",
        "CREATE INDEX members_name_pattern ON members (name text_pattern_ops)",
        "CREATE INDEX members_email_c ON members (email COLLATE \"C\")",
        "CREATE INDEX members_code_nulls_first ON members (code NULLS FIRST)",
        "CREATE UNIQUE INDEX members_code_once ON members (code) NULLS NOT DISTINCT",
        "CREATE INDEX members_team_id ON members (team_id) WITH (fillfactor = 50)",
        "COMMENT ON INDEX members_team_id IS 'team lookups'",
        "COMMENT ON CONSTRAINT members_team ON members IS 'both or neither'",
        "ALTER TABLE members ADD CONSTRAINT members_one_lower_name EXCLUDE USING btree (lower(name) WITH =)",
        "ALTER TABLE members ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY members_own ON members USING (true)",
    ])
    .unwrap_or_else(|message| panic!("{message}"));
    let pulled = db.pull().unwrap_or_else(|message| panic!("{message}"));
    assert_warned(
        &pulled,
        &[
            (
                WarningKind::Extension,
                "extension pg_trgm",
                "CREATE EXTENSION pg_trgm",
            ),
            (
                WarningKind::OtherSchema,
                "schema audit",
                "only the current schema",
            ),
            (
                WarningKind::TableOption,
                "table members",
                "WITH (fillfactor=70)",
            ),
            (WarningKind::TableOption, "table scratch", "UNLOGGED"),
            (
                WarningKind::RowSecurity,
                "table members",
                "row-level security",
            ),
            (
                WarningKind::RowSecurity,
                "policy members_own",
                "on table members",
            ),
            (
                WarningKind::Constraint,
                "constraint members.members_name_length",
                "NO INHERIT",
            ),
            (
                WarningKind::Constraint,
                "constraint members.members_team",
                "MATCH FULL",
            ),
            (
                WarningKind::Comment,
                "constraint members.members_team",
                "both or neither",
            ),
            (
                WarningKind::Index,
                "index members.members_name_pattern",
                "name text_pattern_ops",
            ),
            (
                WarningKind::Index,
                "index members.members_email_c",
                "email C",
            ),
            (
                WarningKind::Index,
                "index members.members_code_nulls_first",
                "NULLS FIRST",
            ),
            (
                WarningKind::Index,
                "index members.members_code_once",
                "NULLS NOT DISTINCT",
            ),
            (
                WarningKind::Index,
                "index members.members_team_id",
                "WITH (fillfactor=50)",
            ),
            (
                WarningKind::Comment,
                "index members.members_team_id",
                "team lookups",
            ),
            (
                WarningKind::Constraint,
                "constraint members.members_one_lower_name",
                "EXCLUDE USING btree (lower(name) WITH =)",
            ),
        ],
    );
    let names: Vec<&str> = pulled
        .schema
        .tables
        .iter()
        .map(|table| table.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["members", "scratch", "teams"],
        "only the current schema's tables are pulled"
    );
}

/// The catalog is read with a fixed handful of queries, whatever the number of tables.
#[test]
fn the_pull_sends_the_same_few_queries_for_2_or_60_tables() {
    pull_queries_do_not_grow_with_tables(&ScratchDatabase::postgres)
        .unwrap_or_else(|message| panic!("{message}"));
}
