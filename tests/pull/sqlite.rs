//! `dbkit pull` on SQLite: every fixture survives build → pull → schema.toml → build → pull,
//! and what the model cannot hold is reported.

use dbkit_db::introspect::WarningKind;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_model::{ColumnType, write_schema_toml};
use dbkit_tests::pull::{
    ScratchDatabase, assert_warned, every_fixture_round_trips, inline_fixture, round_trip_allowing,
};

#[test]
fn every_fixture_round_trips_through_sqlite() {
    every_fixture_round_trips(&SqliteDialect, &ScratchDatabase::sqlite);
}

/// Everything the model holds beyond the portable core, as SQLite has it: declared types kept
/// exactly (unsigned, sized, native spellings), collations, partial and descending indexes.
const EXTENDED: &str = r#"
[project]
name = "extended"
dialects = ["sqlite"]

[tables.films]
columns.id = "id"
columns.code = { type = "varchar(20)", collation = "NOCASE" }
columns.created = { type = "timestamp", native = { sqlite = "DATETIME" }, default = "now" }
columns.tiny = "tinyint unsigned"
columns.hash = "binary(16)?"
columns.body = "mediumtext?"
columns.flags = { native = { sqlite = "" }, nullable = true }
columns.deleted_at = "timestamp?"
columns.rating = { type = "enum(G, PG)", default = "G" }
checks.code_not_blank = "length(code) > 0"
indexes.idx_live = { columns = ["code", "tiny"], unique = true, where = "deleted_at IS NULL", descending = ["tiny"] }

[tables.cast_members]
columns.film_id = { references = "films", on_delete = "cascade" }
columns.position = "smallint"
primary_key = ["film_id", "position"]
primary_key_name = "cast_members_key"
"#;

#[test]
fn the_extended_model_round_trips_through_sqlite() {
    let fixture = inline_fixture("extended_sqlite", EXTENDED);
    round_trip_allowing(
        &fixture,
        &SqliteDialect,
        &ScratchDatabase::sqlite,
        &[WarningKind::NativeType],
    )
    .unwrap_or_else(|message| panic!("{message}"));
}

#[test]
fn hand_written_tables_read_with_their_own_names_and_types() {
    let db = ScratchDatabase::sqlite("pull_sqlite_by_hand");
    db.execute(&[
        "CREATE TABLE [Artist] ([ArtistId] INTEGER NOT NULL, [Name] NVARCHAR(120), \
         CONSTRAINT [PK_Artist] PRIMARY KEY ([ArtistId]))",
        "CREATE TABLE \"Album\" (\"AlbumId\" INTEGER PRIMARY KEY AUTOINCREMENT, \"Title\" TEXT NOT NULL, \
         \"ArtistId\" INTEGER NOT NULL REFERENCES \"Artist\", UNIQUE (\"Title\", \"ArtistId\"), \
         CHECK (length(\"Title\") > 0))",
        "CREATE INDEX \"IFK_AlbumArtistId\" ON \"Album\" (\"ArtistId\")",
        "CREATE VIEW albums_by_artist AS SELECT * FROM Album",
        "CREATE TRIGGER album_touch AFTER INSERT ON Album BEGIN SELECT 1; END",
    ])
    .unwrap_or_else(|message| panic!("{message}"));
    let pulled = db.pull().unwrap_or_else(|message| panic!("{message}"));
    let artist = pulled.schema.table("Artist").expect("Artist is pulled");
    assert_eq!(
        artist.primary_key.as_ref().map(|key| key.name.as_str()),
        Some("PK_Artist")
    );
    let artist_id = artist.column("ArtistId").expect("ArtistId is pulled");
    assert_eq!(artist_id.column_type, ColumnType::Int);
    assert!(
        !artist_id.auto_increment,
        "a table-level INTEGER key is a key, not a generated id"
    );
    let album = pulled.schema.table("Album").expect("Album is pulled");
    let album_id = album.column("AlbumId").expect("AlbumId is pulled");
    assert!(album_id.auto_increment && album_id.column_type == ColumnType::BigInt);
    assert_eq!(album.foreign_keys[0].referenced_columns, ["ArtistId"]);
    assert_eq!(album.foreign_keys[0].name, "fk_Album_ArtistId");
    assert_eq!(album.unique_constraints[0].name, "uq_Album_Title_ArtistId");
    assert_eq!(album.checks[0].name, "Album_chk_1");
    assert_eq!(album.checks[0].expression, "length(Title) > 0");
    assert_eq!(album.indexes[0].name, "IFK_AlbumArtistId");
    let found: Vec<(WarningKind, &str)> = pulled
        .warnings
        .iter()
        .map(|warning| (warning.kind, warning.object.as_str()))
        .collect();
    for expected in [
        (WarningKind::View, "view albums_by_artist"),
        (WarningKind::Trigger, "trigger album_touch on table Album"),
        (WarningKind::Other, "table Album"),
    ] {
        assert!(
            found.contains(&expected),
            "missing {expected:?} in {found:#?}"
        );
    }
    let written = write_schema_toml(&pulled.schema);
    assert!(written.contains("columns.Name = { type = \"text\", native = { sqlite = \"NVARCHAR(120)\" }, nullable = true }"), "{written}");
}

/// `WITHOUT ROWID` and `STRICT`, which the model does not hold, are reported.
#[test]
fn table_options_the_model_cannot_hold_are_reported() {
    let db = ScratchDatabase::sqlite("pull_sqlite_options");
    db.execute(&[
        "CREATE TABLE pairs (a INTEGER NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID",
        "CREATE TABLE typed (id INTEGER PRIMARY KEY, n INT) STRICT",
        "CREATE TABLE plain (id INTEGER PRIMARY KEY, n INT)",
    ])
    .unwrap_or_else(|message| panic!("{message}"));
    let pulled = db.pull().unwrap_or_else(|message| panic!("{message}"));
    assert_warned(
        &pulled,
        &[
            (WarningKind::TableOption, "table pairs", "WITHOUT ROWID"),
            (WarningKind::TableOption, "table typed", "STRICT"),
        ],
    );
    assert!(
        !pulled
            .warnings
            .iter()
            .any(|warning| warning.object == "table plain"),
        "{:#?}",
        pulled.warnings
    );
}
