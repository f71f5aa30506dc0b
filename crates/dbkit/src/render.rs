//! Rendering a schema's scripts for several dialects, entirely in memory.

use dbkit_generate::{DdlScripts, render_ddl};
use dbkit_model::Schema;
use dbkit_sdk::Dialect;

use crate::error::CliError;

/// The scripts of one dialect.
pub(crate) struct Rendered {
    /// The dialect's name, which is also its output folder.
    pub(crate) dialect: String,
    /// The name people know the database by.
    pub(crate) display_name: String,
    /// The create and drop scripts.
    pub(crate) scripts: DdlScripts,
}

/// Renders `schema` for every dialect in `dialects`, failing on the first one that cannot
/// express it.
pub(crate) fn render_all(
    schema: &Schema,
    dialects: &[&dyn Dialect],
) -> Result<Vec<Rendered>, CliError> {
    dialects
        .iter()
        .map(|dialect| {
            let info = dialect.info();
            Ok(Rendered {
                dialect: info.name,
                display_name: info.display_name,
                scripts: render_ddl(schema, *dialect)?,
            })
        })
        .collect()
}
