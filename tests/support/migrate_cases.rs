//! One migration per kind of change, run up and down on a real database: the live schema must
//! be the target after `up` and the start after `down`, a re-diff must be empty, and the rows
//! must survive (renamed tables and columns keeping their data).

use dbkit_db::migrate::{NewMigration, NewOutcome, down, new_migration, up};

use crate::Outcome;
use crate::migrate::{
    MigrationsDir, ScratchDb, Server, migration_dialects, schema_of, test_options,
};

/// The schema every case starts from.
pub const BASE: &str = r#"
[project]
name = "cases"

[tables.members]
comment = "People who borrow"
columns.id = "id"
columns.name = "varchar(100)"
columns.email = { type = "varchar(200)", nullable = true }
columns.active = { type = "boolean", default = true }
columns.status = { type = "enum(new, active)", default = "new" }

[tables.notes]
columns.id = "id"
columns.member_id = { references = "members", on_delete = "cascade" }
columns.body = "text"

[tables.codes]
no_primary_key = true
columns.code = "char(2)"
columns.label = "varchar(40)"
"#;

/// The rows every case starts with.
pub const SEED: &[&str] = &[
    "INSERT INTO members (id, name, email, active, status) VALUES (1, 'Ann', 'ann@example.org', TRUE, 'active')",
    "INSERT INTO members (id, name, email, active, status) VALUES (2, 'Bob', NULL, FALSE, 'new')",
    "INSERT INTO notes (id, member_id, body) VALUES (10, 1, 'first note')",
    "INSERT INTO notes (id, member_id, body) VALUES (11, 2, 'second note')",
    "INSERT INTO codes (code, label) VALUES ('de', 'German')",
];

/// A query and the rows it must return.
pub struct RowCheck {
    /// The query.
    pub sql: &'static str,
    /// The rows, cells as text, NULL as `NULL`.
    pub rows: &'static [&'static [&'static str]],
}

/// One kind of change.
pub struct Case {
    /// What it changes.
    pub name: &'static str,
    /// The schema it leads to, made from [`BASE`].
    pub after: fn() -> String,
    /// Checks after `up`.
    pub after_up: &'static [RowCheck],
    /// Checks after `down`.
    pub after_down: &'static [RowCheck],
}

const MEMBERS: RowCheck = RowCheck {
    sql: "SELECT id, name, email FROM members ORDER BY id",
    rows: &[&["1", "Ann", "ann@example.org"], &["2", "Bob", "NULL"]],
};
const MEMBER_NAMES: RowCheck = RowCheck {
    sql: "SELECT id, name FROM members ORDER BY id",
    rows: &[&["1", "Ann"], &["2", "Bob"]],
};
const NOTES: RowCheck = RowCheck {
    sql: "SELECT id, member_id, body FROM notes ORDER BY id",
    rows: &[&["10", "1", "first note"], &["11", "2", "second note"]],
};

const CODES: RowCheck = RowCheck {
    sql: "SELECT code, label FROM codes",
    rows: &[&["de", "German"]],
};

fn replaced(pairs: &[(&str, &str)]) -> String {
    let mut text = BASE.to_string();
    for (old, new) in pairs {
        assert!(text.contains(old), "the base schema has no {old:?}");
        text = text.replacen(old, new, 1);
    }
    text
}

/// Every case.
pub fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "create table",
            after: || {
                format!(
                    "{BASE}\n[tables.tags]\ncolumns.id = \"id\"\ncolumns.label = {{ type = \"varchar(50)\", unique = true }}\n"
                )
            },
            after_up: &[MEMBERS, NOTES],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "drop table",
            after: || {
                BASE.split("[tables.notes]")
                    .next()
                    .unwrap_or_default()
                    .to_string()
            },
            after_up: &[MEMBERS],
            after_down: &[
                MEMBERS,
                RowCheck {
                    sql: "SELECT COUNT(*) FROM notes",
                    rows: &[&["0"]],
                },
            ],
        },
        Case {
            name: "rename table",
            after: || {
                replaced(&[
                    (
                        "[tables.members]\n",
                        "[tables.people]\nrenamed_from = \"members\"\n",
                    ),
                    ("references = \"members\"", "references = \"people\""),
                ])
            },
            after_up: &[
                RowCheck {
                    sql: "SELECT id, name, email FROM people ORDER BY id",
                    rows: &[&["1", "Ann", "ann@example.org"], &["2", "Bob", "NULL"]],
                },
                RowCheck {
                    sql: "SELECT notes.id, people.name FROM notes JOIN people ON people.id = notes.member_id ORDER BY notes.id",
                    rows: &[&["10", "Ann"], &["11", "Bob"]],
                },
            ],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "add nullable column",
            after: || {
                replaced(&[(
                    "columns.status",
                    "columns.phone = \"varchar(30)?\"\ncolumns.status",
                )])
            },
            after_up: &[
                MEMBERS,
                RowCheck {
                    sql: "SELECT id, phone FROM members ORDER BY id",
                    rows: &[&["1", "NULL"], &["2", "NULL"]],
                },
            ],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "add column with a default",
            after: || {
                replaced(&[(
                    "columns.status",
                    "columns.level = { type = \"int\", default = 3 }\ncolumns.status",
                )])
            },
            after_up: &[
                MEMBERS,
                RowCheck {
                    sql: "SELECT id, level FROM members ORDER BY id",
                    rows: &[&["1", "3"], &["2", "3"]],
                },
            ],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "drop column",
            after: || {
                replaced(&[(
                    "columns.email = { type = \"varchar(200)\", nullable = true }\n",
                    "",
                )])
            },
            after_up: &[MEMBER_NAMES, NOTES],
            after_down: &[MEMBER_NAMES, NOTES],
        },
        Case {
            // MySQL/MariaDB move the columns, SQLite rebuilds the table; PostgreSQL cannot move
            // a column and appends the new one (its drift check leaves the order out).
            name: "reorder columns and add one between them",
            after: || {
                replaced(&[(
                    "columns.name = \"varchar(100)\"\ncolumns.email = { type = \"varchar(200)\", nullable = true }",
                    "columns.email = { type = \"varchar(200)\", nullable = true }\ncolumns.phone = \"varchar(30)?\"\ncolumns.name = \"varchar(100)\"",
                )])
            },
            after_up: &[MEMBERS, NOTES],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "rename column",
            after: || {
                replaced(&[(
                    "columns.email = { type = \"varchar(200)\", nullable = true }",
                    "columns.contact = { type = \"varchar(200)\", nullable = true, renamed_from = \"email\" }",
                )])
            },
            after_up: &[RowCheck {
                sql: "SELECT id, name, contact FROM members ORDER BY id",
                rows: &[&["1", "Ann", "ann@example.org"], &["2", "Bob", "NULL"]],
            }],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "rename a boolean column",
            after: || {
                replaced(&[(
                    "columns.active = { type = \"boolean\", default = true }",
                    "columns.enabled = { type = \"boolean\", default = true, renamed_from = \"active\" }",
                )])
            },
            after_up: &[RowCheck {
                sql: "SELECT id, CASE WHEN enabled THEN 'yes' ELSE 'no' END FROM members ORDER BY id",
                rows: &[&["1", "yes"], &["2", "no"]],
            }],
            after_down: &[RowCheck {
                sql: "SELECT id, CASE WHEN active THEN 'yes' ELSE 'no' END FROM members ORDER BY id",
                rows: &[&["1", "yes"], &["2", "no"]],
            }],
        },
        Case {
            name: "widen a type",
            after: || {
                replaced(&[(
                    "columns.name = \"varchar(100)\"",
                    "columns.name = \"varchar(250)\"",
                )])
            },
            after_up: &[MEMBERS],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "allow NULL",
            after: || {
                replaced(&[(
                    "columns.name = \"varchar(100)\"",
                    "columns.name = \"varchar(100)?\"",
                )])
            },
            after_up: &[MEMBERS],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "change a default",
            after: || replaced(&[("default = \"new\"", "default = \"active\"")]),
            after_up: &[MEMBERS],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "add enum values",
            after: || replaced(&[("enum(new, active)", "enum(new, active, banned)")]),
            after_up: &[
                MEMBERS,
                RowCheck {
                    sql: "SELECT id, status FROM members ORDER BY id",
                    rows: &[&["1", "active"], &["2", "new"]],
                },
            ],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "add a unique constraint",
            after: || {
                replaced(&[(
                    "columns.email = { type = \"varchar(200)\", nullable = true }",
                    "columns.email = { type = \"varchar(200)\", nullable = true, unique = true }",
                )])
            },
            after_up: &[MEMBERS],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "add a check",
            after: || {
                replaced(&[(
                    "[tables.notes]",
                    "checks.name_not_empty = \"name <> ''\"\n\n[tables.notes]",
                )])
            },
            after_up: &[MEMBERS],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "add an index",
            after: || {
                replaced(&[(
                    "[tables.notes]",
                    "indexes.members_by_name = [\"name\"]\n\n[tables.notes]",
                )])
            },
            after_up: &[MEMBERS],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "change a foreign key",
            after: || replaced(&[("on_delete = \"cascade\"", "on_delete = \"restrict\"")]),
            after_up: &[MEMBERS, NOTES],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "add a foreign key column",
            after: || {
                replaced(&[(
                    "columns.body = \"text\"",
                    "columns.body = \"text\"\ncolumns.reviewer_id = { references = \"members\", nullable = true }",
                )])
            },
            after_up: &[MEMBERS, NOTES],
            after_down: &[MEMBERS, NOTES],
        },
        Case {
            name: "add a primary key",
            after: || {
                replaced(&[(
                    "no_primary_key = true\ncolumns.code = \"char(2)\"",
                    "columns.code = { type = \"char(2)\", primary_key = true }",
                )])
            },
            after_up: &[MEMBERS, NOTES, CODES],
            after_down: &[MEMBERS, NOTES, CODES],
        },
        Case {
            name: "change comments",
            after: || {
                replaced(&[
                    (
                        "comment = \"People who borrow\"",
                        "comment = \"Everyone who borrows\"",
                    ),
                    (
                        "columns.name = \"varchar(100)\"",
                        "columns.name = { type = \"varchar(100)\", comment = \"Full name\" }",
                    ),
                ])
            },
            after_up: &[MEMBERS],
            after_down: &[MEMBERS, NOTES],
        },
    ]
}

fn check_rows(db: &ScratchDb, checks: &[RowCheck], when: &str) -> Outcome {
    for check in checks {
        let rows = db
            .rows(check.sql)
            .map_err(|error| format!("{when}: {error}"))?;
        let expected: Vec<Vec<String>> = check
            .rows
            .iter()
            .map(|row| row.iter().map(|cell| cell.to_string()).collect())
            .collect();
        if rows != expected {
            return Err(format!(
                "{when}: {} returned {rows:?}, expected {expected:?}",
                check.sql
            ));
        }
    }
    Ok(())
}

/// Runs one case on a fresh database of `server`.
pub fn run_case(server: Server, case: &Case) -> Outcome {
    let db = ScratchDb::new(server, &format!("mig_{}", case.name.replace(' ', "_")));
    let url = db.url();
    let folder = MigrationsDir::new();
    folder.add("start", BASE)?;
    let after = (case.after)();
    let second = folder.add("change", &after)?;
    let options = test_options();
    let context = |step: &str| format!("case \"{}\" on {:?}, {step}", case.name, server);
    up(&url, &folder.path(), Some(1), &options)
        .map_err(|error| format!("{}: {error}", context("up to 1")))?;
    db.execute(SEED)
        .map_err(|error| format!("{}: {error}", context("seeding")))?;
    let report = up(&url, &folder.path(), None, &options).map_err(|error| {
        format!(
            "{}: {error}\n--- up.sql ---\n{}",
            context("up"),
            folder.script(&second, db.dialect().info().name.as_str(), "up.sql")
        )
    })?;
    if report.version_after != 2 {
        return Err(format!(
            "{}: ended at version {}",
            context("up"),
            report.version_after
        ));
    }
    db.assert_schema(&schema_of(&after), &context("after up"))?;
    check_rows(&db, case.after_up, &context("after up"))?;
    let dialects = migration_dialects();
    let again = new_migration(&NewMigration {
        name: "again",
        schema: &schema_of(&after),
        schema_source: &after,
        migrations: &folder.path(),
        dialects: &dialects,
        allow_destructive: true,
    })
    .map_err(|error| format!("{}: {error}", context("re-diff")))?;
    if again != (NewOutcome::Unchanged { version: 2 }) {
        return Err(format!(
            "{}: a re-diff found changes: {again}",
            context("re-diff")
        ));
    }
    down(&url, &folder.path(), None, &options).map_err(|error| {
        format!(
            "{}: {error}\n--- down.sql ---\n{}",
            context("down"),
            folder.script(&second, db.dialect().info().name.as_str(), "down.sql")
        )
    })?;
    db.assert_schema(&schema_of(BASE), &context("after down"))?;
    check_rows(&db, case.after_down, &context("after down"))?;
    up(&url, &folder.path(), None, &options)
        .map_err(|error| format!("{}: {error}", context("up again")))?;
    db.assert_schema(&schema_of(&after), &context("after the second up"))?;
    Ok(())
}

/// Runs every case on `server` and fails with all the failures.
pub fn run_all_cases(server: Server) -> Outcome {
    let failures: Vec<String> = cases()
        .iter()
        .filter_map(|case| run_case(server, case).err())
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} of {} cases failed:\n\n{}",
            failures.len(),
            cases().len(),
            failures.join("\n\n")
        ))
    }
}
