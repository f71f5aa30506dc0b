//! Migrations: writing them from the differences between schemas, and applying them safely.
//!
//! A project's migrations live in one folder (see [`folder`]): `V0001__create_tables/`,
//! `V0002__add_email/`..., each with the `schema.toml` it leads to and an `up.sql` and a
//! `down.sql` per dialect. [`new_migration`] writes the next one from the differences between the
//! last one's state and the current `schema.toml`; [`up`] and [`down`] run them on a database
//! with refinery's history table, under a lock (see [`lock`]), refusing when an applied
//! migration was edited (checksums ignore line endings and trailing spaces, see [`checksum`]) or
//! when the live schema drifted from what the migrations lead to. On MySQL/MariaDB, where DDL
//! cannot be rolled back, statements run one at a time with their progress recorded (see
//! [`progress`]): a failure is reported at its statement and the next run resumes there.
//! [`status`], [`check`], [`baseline`] and [`repair`] complete the commands; see
//! `docs/migrations.md`.
//!
//! ```no_run
//! use std::path::Path;
//! use dbkit_db::DatabaseUrl;
//! use dbkit_db::migrate::{RunOptions, status, up};
//!
//! let url = DatabaseUrl::parse("mysql://root@127.0.0.1/library")?;
//! let report = up(&url, Path::new("migrations"), None, &RunOptions::default())?;
//! println!("{report}");
//! println!("{}", status(&url, Path::new("migrations"))?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod baseline;
mod changes;
mod check;
pub mod checksum;
mod drift;
mod driver;
mod error;
pub mod folder;
pub mod history;
pub mod lock;
mod new;
pub mod progress;
mod render;
mod repair;
mod run;
pub mod split;
mod status;

pub use baseline::{BaselineReport, baseline};
pub use changes::{
    describe, describe_differences, destructive_changes, drift_changes, narrows, reverse_target,
};
pub use check::{CheckReport, check};
pub use drift::{BOOKKEEPING_TABLES, compare};
pub use error::MigrateError;
pub use folder::{Direction, MigrationDir, MigrationFolder, MigrationScript};
pub use new::{NewMigration, NewOutcome, WrittenMigration, new_migration};
pub use render::{RenderedScripts, render_scripts};
pub use repair::{RepairAction, RepairReport, repair};
pub use run::{ResumeCause, Resumed, RunOptions, RunReport, RunStep, down, up};
pub use status::{MigrationState, MigrationStatus, StatusReport, status};
