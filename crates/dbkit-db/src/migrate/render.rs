//! Writing a migration's `up.sql` and `down.sql` for one dialect.

use dbkit_model::{Change, Schema, diff};
use dbkit_sdk::Dialect;

use super::changes::{describe, reverse_target};
use super::error::MigrateError;

/// The up and down scripts of a migration, as file text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedScripts {
    /// `up.sql`: from the previous state to the new one.
    pub up: String,
    /// `down.sql`: back again.
    pub down: String,
}

/// Renders the migration from `from` to `to` (whose differences are `changes`) for `dialect`.
pub fn render_scripts(
    title: &str,
    changes: &[Change],
    from: &Schema,
    to: &Schema,
    dialect: &dyn Dialect,
) -> Result<RenderedScripts, MigrateError> {
    let info = dialect.info();
    let failed = |error: dbkit_sdk::DialectError| MigrateError::Render {
        dialect: info.display_name.clone(),
        message: error.to_string(),
    };
    let up = dialect
        .migration_statements(changes, from, to)
        .map_err(failed)?;
    let back = reverse_target(from, changes);
    let undo = diff(to, &back);
    let down = dialect
        .migration_statements(&undo, to, &back)
        .map_err(failed)?;
    Ok(RenderedScripts {
        up: script_text(
            &format!("{title} — applies it on {}", info.display_name),
            changes,
            &up,
        ),
        down: script_text(
            &format!("{title} — undoes it on {}", info.display_name),
            &undo,
            &down,
        ),
    })
}

/// The file text: a header naming the changes, then each statement ended by `;` and a blank line.
fn script_text(title: &str, changes: &[Change], statements: &[String]) -> String {
    let mut out = format!(
        "-- {title}\n-- Written by `dbkit migrate new`. Review it before applying; once applied, leave it as it is\n-- and put further changes in a new migration.\n--\n-- Changes:\n"
    );
    for line in describe(changes) {
        out.push_str("--   ");
        out.push_str(&line);
        out.push('\n');
    }
    for statement in statements {
        out.push('\n');
        out.push_str(statement);
        out.push_str(";\n");
    }
    out
}
