//! The dbkit linter: design rules that check a [`Schema`] before it reaches a database.
//!
//! Every rule has a stable code (`DBK001`), a name (`missing-primary-key`), a paragraph that
//! explains why it matters and a default level. `schema.toml` may change the level of any rule
//! under `[lint]` (`"error"`, `"warn"` or `"off"`), and the naming convention under
//! `[lint.naming]`. [`lint`] runs every rule that is not off and returns its findings; a
//! finding names its table and column, says what is wrong in one line and how to fix it.
//!
//! [`verify`] checks a live database against the design instead: that it enforces its foreign
//! keys and CHECK constraints, has every constraint of `schema.toml`, and holds no orphan rows or
//! duplicates (`dbkit verify`).
//!
//! ```
//! use dbkit_model::{ParseOptions, parse_schema};
//!
//! let source = "[tables.logs]\ncolumns.message = \"text\"\nno_primary_key = true\n";
//! let schema = parse_schema(source, "schema.toml", &ParseOptions::default()).map_err(|e| e.to_string())?;
//! let findings = dbkit_lint::lint(&schema);
//! assert_eq!(findings[0].code, "DBK001");
//! assert!(dbkit_lint::has_errors(&findings));
//! # Ok::<(), String>(())
//! ```
//!
//! [`Schema`]: dbkit_model::Schema

mod context;
mod facts;
pub mod finding;
mod lint;
pub mod render;
pub mod reserved;
pub mod rule;
mod rules;
pub mod settings;
pub mod verify;
mod words;

pub use finding::{Finding, Severity, has_errors};
pub use lint::lint;
pub use render::{render_findings_json, render_findings_text};
pub use rule::Rule;
pub use rules::{RULES, find_rule};
pub use settings::check_settings;
