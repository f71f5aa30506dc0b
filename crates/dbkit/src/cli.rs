//! The command line: commands, options and their help texts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// dbkit turns a declarative schema.toml into ready-to-run SQL for MariaDB/MySQL, PostgreSQL and
/// SQLite, and applies it to a database.
#[derive(Debug, Parser)]
#[command(name = "dbkit", version, about, long_about = None)]
#[command(
    after_help = "Start with `dbkit init`, then `dbkit build --apply` (no database server needed)."
)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// The dbkit commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Write DIR/<dialect>/schema.sql, drop.sql and queries/, and DIR/REPORT.md
    Build(BuildArgs),
    /// Build the schema for the database at --url and create its tables there
    Apply(ApplyArgs),
    /// Write a starter schema.toml
    Init(InitArgs),
    /// Review the design: integrity mistakes, naming, normal forms
    Lint(LintArgs),
    /// Draw the schema: Mermaid erDiagram, Graphviz DOT and a self-contained SVG
    Erd(ErdArgs),
    /// Check that the live database at --url behaves as schema.toml designs it
    Verify(VerifyArgs),
    /// List the built-in dialects and the loaded plugin dialects with their versions
    Plugins(PluginsArgs),
    /// Write, apply, undo and check versioned migrations
    #[command(subcommand)]
    Migrate(MigrateCommand),
    /// Fill every table with realistic sample data that breaks no rule of the model
    Seed(SeedArgs),
    /// Read a live database into a schema.toml
    Pull(PullArgs),
    /// List the differences between two schemas, each a schema.toml or a database URL
    Diff(DiffArgs),
}

/// `dbkit pull`.
#[derive(Debug, Args)]
pub(crate) struct PullArgs {
    /// The database: mysql://, mariadb://, postgres://, sqlite://FILE or a file path
    /// [default: $DATABASE_URL, else DATABASE_URL in .env, else sqlite://dbkit.sqlite3]
    #[arg(long, value_name = "URL")]
    pub(crate) url: Option<String>,

    /// Where to write the schema; `-` prints it
    #[arg(long, value_name = "FILE", default_value = "schema.toml")]
    pub(crate) out: PathBuf,

    /// Replace an existing file
    #[arg(long)]
    pub(crate) force: bool,
}

/// `dbkit diff`.
#[derive(Debug, Args)]
pub(crate) struct DiffArgs {
    /// The starting point: a schema.toml path or a database URL
    #[arg(long, value_name = "FILE|URL")]
    pub(crate) from: String,

    /// The target: a schema.toml path or a database URL
    #[arg(long, value_name = "FILE|URL")]
    pub(crate) to: String,

    /// How to print the differences
    #[arg(long, value_enum, default_value_t = FindingsFormat::Text)]
    pub(crate) format: FindingsFormat,
}

/// The files `dbkit seed` can write instead of loading a database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum SeedFormat {
    /// One CSV file per table (DIR/<table>.csv)
    Csv,
    /// Multi-row INSERTs per dialect (DIR/<dialect>/seed.sql)
    Sql,
}

/// `dbkit seed`.
#[derive(Debug, Args)]
pub(crate) struct SeedArgs {
    #[command(flatten)]
    pub(crate) schema: SchemaArgs,

    /// Rows per table [default: [seed] rows, else 100]
    #[arg(long, value_name = "N")]
    pub(crate) rows: Option<u64>,

    /// Rows of one table, as TABLE=N; repeatable
    #[arg(long = "table-rows", value_name = "TABLE=N")]
    pub(crate) table_rows: Vec<String>,

    /// The seed: the same schema, counts and seed give the same rows (dbkit build uses 0)
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub(crate) seed: u64,

    /// Write files instead of loading a database
    #[arg(long, value_enum)]
    pub(crate) format: Option<SeedFormat>,

    /// With --format, the folder to write into
    #[arg(long, value_name = "DIR", default_value = "build")]
    pub(crate) out: PathBuf,

    /// With --format sql, the dialects [default: [project] dialects, else all]
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    pub(crate) dialect: Vec<String>,

    /// The database to load: mysql://, mariadb://, postgres://, sqlite://FILE or a file path
    /// [default: $DATABASE_URL, else DATABASE_URL in .env, else sqlite://dbkit.sqlite3]
    #[arg(long, value_name = "URL", conflicts_with = "format")]
    pub(crate) url: Option<String>,

    /// Empty the schema's tables before loading (without it, rows are appended)
    #[arg(long, conflicts_with = "format")]
    pub(crate) truncate: bool,
}

/// The migrations folder.
#[derive(Debug, Args)]
pub(crate) struct MigrationsArgs {
    /// The migrations folder
    #[arg(long, value_name = "DIR", default_value = "migrations")]
    pub(crate) migrations: PathBuf,
}

/// The database a migration command works on.
#[derive(Debug, Args)]
pub(crate) struct UrlArgs {
    /// The database: mysql://, mariadb://, postgres://, sqlite://FILE or a file path
    /// [default: $DATABASE_URL, else DATABASE_URL in .env, else sqlite://dbkit.sqlite3]
    #[arg(long, value_name = "URL")]
    pub(crate) url: Option<String>,
}

/// `dbkit migrate ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum MigrateCommand {
    /// Write the next migration: what changed in schema.toml since the last one
    New {
        /// The migration's name: letters, digits and _
        name: String,
        #[command(flatten)]
        schema: SchemaArgs,
        #[command(flatten)]
        migrations: MigrationsArgs,
        /// Allow changes that can lose data (dropping a table or column, narrowing a type, ...)
        #[arg(long)]
        allow_destructive: bool,
    },
    /// Apply the pending migrations
    Up {
        /// Stop after this version
        #[arg(long, value_name = "VERSION")]
        to: Option<u32>,
        #[command(flatten)]
        url: UrlArgs,
        #[command(flatten)]
        migrations: MigrationsArgs,
    },
    /// Undo the last migration, or every migration after --to
    Down {
        /// The version to go back to (0 undoes every migration)
        #[arg(long, value_name = "VERSION")]
        to: Option<u32>,
        #[command(flatten)]
        url: UrlArgs,
        #[command(flatten)]
        migrations: MigrationsArgs,
    },
    /// Show applied, pending and failed migrations, edits and drift
    Status {
        #[command(flatten)]
        url: UrlArgs,
        #[command(flatten)]
        migrations: MigrationsArgs,
    },
    /// For CI: fail when schema.toml has changes no migration holds, or an applied one was edited
    Check {
        #[command(flatten)]
        schema: SchemaArgs,
        #[command(flatten)]
        migrations: MigrationsArgs,
        /// Also compare with the migrations applied to this database
        #[arg(long, value_name = "URL")]
        url: Option<String>,
    },
    /// Adopt an existing database whose schema already matches, without running anything
    Baseline {
        /// The version the database is at [default: the latest]
        #[arg(long, value_name = "VERSION")]
        to: Option<u32>,
        #[command(flatten)]
        url: UrlArgs,
        #[command(flatten)]
        migrations: MigrationsArgs,
    },
    /// Record how a migration that failed halfway on MySQL/MariaDB was fixed by hand
    Repair {
        /// The statement it stopped at was applied by hand: skip it
        #[arg(long, group = "repair_action")]
        skip_statement: bool,
        /// The statements that had run were undone by hand: start the migration over
        #[arg(long, group = "repair_action")]
        restart: bool,
        /// The migration was finished by hand: record it as done
        #[arg(long, group = "repair_action")]
        mark_done: bool,
        #[command(flatten)]
        url: UrlArgs,
        #[command(flatten)]
        migrations: MigrationsArgs,
    },
}

/// Dialect plugin libraries to load.
#[derive(Debug, Args)]
pub(crate) struct PluginArgs {
    /// A dialect plugin library to load (built with dbkit_sdk::export_dialect!); repeatable.
    /// Libraries in [project] plugins of the schema file are loaded too
    #[arg(long = "plugin", value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,
}

/// `dbkit plugins`.
#[derive(Debug, Args)]
pub(crate) struct PluginsArgs {
    #[command(flatten)]
    pub(crate) plugins: PluginArgs,

    /// A schema file whose [project] plugins to load too (ignored when it does not exist)
    #[arg(long, value_name = "FILE", default_value = "schema.toml")]
    pub(crate) schema: PathBuf,
}

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FindingsFormat {
    /// One block per finding, for people
    Text,
    /// A JSON document, for tools
    Json,
}

/// `dbkit lint`.
#[derive(Debug, Args)]
pub(crate) struct LintArgs {
    #[command(flatten)]
    pub(crate) schema: SchemaArgs,

    /// How to print the findings
    #[arg(long, value_enum, default_value_t = FindingsFormat::Text)]
    pub(crate) format: FindingsFormat,
}

/// `dbkit verify`.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    #[command(flatten)]
    pub(crate) schema: SchemaArgs,

    /// The database: mysql://, mariadb://, postgres://, sqlite://FILE or a file path
    /// [default: $DATABASE_URL, else DATABASE_URL in .env, else sqlite://dbkit.sqlite3]
    #[arg(long, value_name = "URL")]
    pub(crate) url: Option<String>,

    /// How to print the checklist
    #[arg(long, value_enum, default_value_t = FindingsFormat::Text)]
    pub(crate) format: FindingsFormat,
}

/// The diagram formats `dbkit erd` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiagramFormat {
    /// Mermaid erDiagram (erd.mmd), which GitHub renders in Markdown
    Mermaid,
    /// Graphviz DOT (erd.dot)
    Dot,
    /// A self-contained SVG drawn by dbkit (erd.svg)
    Svg,
    /// All three
    All,
}

/// `dbkit erd`.
#[derive(Debug, Args)]
pub(crate) struct ErdArgs {
    #[command(flatten)]
    pub(crate) schema: SchemaArgs,

    /// Which diagram to write
    #[arg(long, value_enum, default_value_t = DiagramFormat::All)]
    pub(crate) format: DiagramFormat,

    /// The folder to write into
    #[arg(long, value_name = "DIR", default_value = "build")]
    pub(crate) out: PathBuf,
}

/// The `schema.toml` to read.
#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// The schema file to read
    #[arg(long, value_name = "FILE", default_value = "schema.toml")]
    pub(crate) schema: PathBuf,
}

/// `dbkit build`.
#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) schema: SchemaArgs,

    /// The dialects to build: mysql (alias mariadb), postgres (alias postgresql), sqlite, or all;
    /// repeat the option or separate names with commas [default: [project] dialects, else all]
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    pub(crate) dialect: Vec<String>,

    /// The folder to write into
    #[arg(long, value_name = "DIR", default_value = "build")]
    pub(crate) out: PathBuf,

    #[command(flatten)]
    pub(crate) plugins: PluginArgs,

    /// Also write the CRUD queries as code: python (DIR/python/<project>_queries.py, for any
    /// DB-API 2.0 driver)
    #[arg(long, value_enum, value_name = "LANGUAGE", value_delimiter = ',')]
    pub(crate) handshake: Vec<HandshakeLanguage>,

    /// After building, create the tables in the database given by --url
    #[arg(long)]
    pub(crate) apply: bool,

    /// With --apply, the database: mysql://, mariadb://, postgres://, sqlite://FILE or a file path
    /// [default: $DATABASE_URL, else DATABASE_URL in .env, else sqlite://dbkit.sqlite3]
    #[arg(long, value_name = "URL", requires = "apply")]
    pub(crate) url: Option<String>,
}

/// Languages the CRUD handshake can be written in, besides SQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum HandshakeLanguage {
    // A Python module with one function per query, for any DB-API 2.0 driver.
    Python,
}

/// `dbkit apply`.
#[derive(Debug, Args)]
pub(crate) struct ApplyArgs {
    #[command(flatten)]
    pub(crate) schema: SchemaArgs,

    /// The database: mysql://, mariadb://, postgres://, sqlite://FILE or a file path
    /// [default: $DATABASE_URL, else DATABASE_URL in .env, else sqlite://dbkit.sqlite3]
    #[arg(long, value_name = "URL")]
    pub(crate) url: Option<String>,
}

/// `dbkit init`.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The example to start from
    #[arg(long, value_enum, default_value_t = ExampleName::Library)]
    pub(crate) example: ExampleName,

    /// The folder to write schema.toml into (created if missing)
    #[arg(value_name = "DIR", default_value = ".")]
    pub(crate) dir: PathBuf,
}

/// The example schemas `dbkit init` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ExampleName {
    /// A library: books, authors, copies, members, loans
    Library,
    /// A blog: users, posts, threaded comments, tags
    Blog,
    /// A shop: customers, products, orders, order lines, invoices, returns
    Shop,
}
