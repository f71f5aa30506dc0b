//! `dbkit pull` on MariaDB: every fixture survives build → pull → schema.toml → build → pull,
//! MariaDB's own spellings read into the model, and what the model cannot hold is reported.

use dbkit_db::introspect::WarningKind;
use dbkit_dialect_mysql::MysqlDialect;
use dbkit_model::{ColumnType, DefaultValue, write_schema_toml};
use dbkit_tests::pull::{
    ScratchDatabase, assert_warned, every_fixture_round_trips, inline_fixture,
    pull_queries_do_not_grow_with_tables, round_trip_allowing,
};

#[test]
fn every_fixture_round_trips_through_mariadb() {
    every_fixture_round_trips(&MysqlDialect, &ScratchDatabase::mariadb);
}

/// Everything the model holds beyond the portable core, as MariaDB has it: unsigned and
/// 8/24-bit integers, text and blob sizes, binary strings, native types, table options, column
/// collations, full-text, prefix and descending indexes.
const EXTENDED: &str = r#"
[project]
name = "extended"
dialects = ["mysql"]
auto_index_foreign_keys = false

[tables.film_texts]
engine = "MyISAM"
collation = "utf8mb4_general_ci"
columns.film_id = { type = "smallint unsigned", primary_key = true }
columns.title = "varchar(255)"
columns.description = "text?"
indexes.idx_title_description = { columns = ["title", "description"], fulltext = true }

[tables.films]
comment = "Films, with every size of integer, text and blob"
columns.film_id = { type = "smallint unsigned", auto_increment = true, primary_key = true }
columns.title = { type = "varchar(128)", collation = "utf8mb4_bin" }
columns.rating = { type = "enum(G, PG, 'PG-13', R, 'NC-17')", nullable = true, default = "G" }
columns.rental_rate = { type = "decimal(4,2)", default = 4.99 }
columns.length = "smallint unsigned?"
columns.tiny = { type = "tinyint", default = -3 }
columns.medium = "mediumint?"
columns.tiny_unsigned = "tinyint unsigned?"
columns.medium_unsigned = "mediumint unsigned?"
columns.count = { type = "int unsigned", default = 4000000000 }
columns.big = "bigint unsigned?"
columns.summary = "tinytext?"
columns.body = "mediumtext?"
columns.archive = "longtext?"
columns.thumb = "tinyblob?"
columns.picture = "mediumblob?"
columns.picture_small = { type = "blob", native = { mysql = "blob" }, nullable = true }
columns.hash = "binary(16)?"
columns.token = "varbinary(64)?"
columns.special_features = { native = { mysql = "set('Trailers','Commentaries')" }, nullable = true }
columns.release_year = { native = { mysql = "year(4)" }, nullable = true }
columns.last_update = { type = "timestamp", native = { mysql = "timestamp" }, default = "now" }
indexes.idx_title_prefix = { columns = ["title"], prefix_lengths = { title = 10 } }
indexes.idx_length_desc = { columns = ["length", "title"], descending = ["length"] }

[tables.film_actors]
columns.film_id = { references = "films", on_delete = "cascade", on_update = "cascade" }
columns.actor_id = "smallint unsigned"
primary_key = ["actor_id", "film_id"]
primary_key_name = "PRIMARY"
"#;

#[test]
fn the_extended_model_round_trips_through_mariadb() {
    let fixture = inline_fixture("extended_mariadb", EXTENDED);
    round_trip_allowing(
        &fixture,
        &MysqlDialect,
        &ScratchDatabase::mariadb,
        &[WarningKind::NativeType],
    )
    .unwrap_or_else(|message| panic!("{message}"));
}

#[test]
fn mariadb_spellings_read_into_the_same_model_as_mysql() {
    let db = ScratchDatabase::mariadb("pull_spellings");
    db.execute(&[
        "CREATE TABLE members (id INT(11) NOT NULL AUTO_INCREMENT PRIMARY KEY, \
         is_active TINYINT(1) NOT NULL DEFAULT 1, \
         joined_at DATETIME NOT NULL DEFAULT current_timestamp(), \
         joined_on DATE DEFAULT (curdate()), \
         nickname VARCHAR(20) DEFAULT 'it''s', \
         settings JSON, \
         score DECIMAL(5,2) DEFAULT 0)",
    ])
    .unwrap_or_else(|message| panic!("{message}"));
    let pulled = db.pull().unwrap_or_else(|message| panic!("{message}"));
    let written = write_schema_toml(&pulled.schema);
    let table = pulled.schema.table("members").expect("the table is pulled");
    let column = |name: &str| {
        table
            .column(name)
            .unwrap_or_else(|| panic!("no column {name}:\n{written}"))
    };
    assert_eq!(column("id").column_type, ColumnType::Int);
    assert!(column("id").auto_increment);
    assert_eq!(column("is_active").column_type, ColumnType::Boolean);
    assert_eq!(
        column("is_active").default,
        Some(DefaultValue::Boolean(true))
    );
    assert_eq!(column("joined_at").column_type, ColumnType::Timestamp);
    assert_eq!(
        column("joined_at").default,
        Some(DefaultValue::CurrentTimestamp)
    );
    assert_eq!(column("joined_on").default, Some(DefaultValue::CurrentDate));
    assert_eq!(
        column("nickname").default,
        Some(DefaultValue::String("it's".into()))
    );
    assert_eq!(column("settings").column_type, ColumnType::Json);
    assert_eq!(column("settings").collation, None);
    assert_eq!(
        column("score").default,
        Some(DefaultValue::Number("0.00".into()))
    );
    assert!(
        table.checks.is_empty(),
        "the JSON check is the type's own: {:?}",
        table.checks
    );
    assert!(pulled.warnings.is_empty(), "{:?}", pulled.warnings);
    assert!(
        written.contains("columns.settings = \"json?\""),
        "{written}"
    );
}

#[test]
fn what_the_model_cannot_hold_is_reported() {
    let db = ScratchDatabase::mariadb("pull_warnings");
    db.execute(&[
        "CREATE TABLE members (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, \
         updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, \
         name_length INT AS (CHAR_LENGTH(name)) VIRTUAL, \
         code VARCHAR(10) DEFAULT (UPPER('x')))",
        "CREATE VIEW active_members AS SELECT id, name FROM members",
        "CREATE TRIGGER members_touch BEFORE INSERT ON members FOR EACH ROW SET NEW.name = TRIM(NEW.name)",
        "CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2",
        "CREATE PROCEDURE nothing() BEGIN END",
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
        (
            WarningKind::Trigger,
            "trigger members_touch on table members",
        ),
        (WarningKind::Routine, "function twice"),
        (WarningKind::Routine, "procedure nothing"),
        (WarningKind::GeneratedColumn, "column members.name_length"),
        (WarningKind::Default, "column members.code"),
    ] {
        assert!(
            found.contains(&expected),
            "missing {expected:?} in {found:#?}"
        );
    }
    let table = pulled.schema.table("members").expect("the table is pulled");
    assert!(
        table.column("name_length").is_some(),
        "the generated column is kept as a column"
    );
    assert_eq!(
        pulled.schema.tables.len(),
        1,
        "the view is not pulled as a table"
    );
    let written = write_schema_toml(&pulled.schema);
    assert!(
        written.contains(
            "columns.updated_at = { type = \"timestamp\", native = { mysql = \"timestamp ON UPDATE current_timestamp()\" }, default = \"now\" }"
        ),
        "ON UPDATE CURRENT_TIMESTAMP is kept in the MySQL spelling of the type:\n{written}"
    );
}

/// Table options, key comments and invisible columns, which the model does not hold, are
/// reported one by one, never dropped in silence.
#[test]
fn details_the_model_cannot_hold_are_reported() {
    let db = ScratchDatabase::mariadb("pull_details");
    db.execute(&[
        "CREATE TABLE packed (id INT NOT NULL, name VARCHAR(50) NOT NULL, secret INT INVISIBLE, \
         PRIMARY KEY (id) COMMENT 'the surrogate key', KEY packed_name (name) COMMENT 'lookups') \
         ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8",
    ])
    .unwrap_or_else(|message| panic!("{message}"));
    let pulled = db.pull().unwrap_or_else(|message| panic!("{message}"));
    assert_warned(
        &pulled,
        &[
            (
                WarningKind::TableOption,
                "table packed",
                "row_format=COMPRESSED",
            ),
            (WarningKind::TableOption, "table packed", "key_block_size=8"),
            (
                WarningKind::Comment,
                "index packed.PRIMARY",
                "the surrogate key",
            ),
            (WarningKind::Comment, "index packed.packed_name", "lookups"),
            (WarningKind::Other, "column packed.secret", "INVISIBLE"),
        ],
    );
    let table = pulled.schema.table("packed").expect("the table is pulled");
    assert_eq!(
        table.indexes.len(),
        1,
        "the commented index is still pulled"
    );
}

/// The catalog is read with a fixed handful of queries, whatever the number of tables.
#[test]
fn the_pull_sends_the_same_few_queries_for_2_or_60_tables() {
    pull_queries_do_not_grow_with_tables(&ScratchDatabase::mariadb)
        .unwrap_or_else(|message| panic!("{message}"));
}
