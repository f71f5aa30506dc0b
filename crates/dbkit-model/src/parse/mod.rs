//! Reading `schema.toml` into a [`Schema`], reporting every mistake at once.

mod functional_dependencies;
mod names;
mod raw;
mod raw_lint;
mod raw_options;
mod raw_seed;
mod resolve;
mod resolve_options;
mod toml_view;

pub use names::IdentifierLimit;

/// The dialects built into dbkit. Without plugins, `[project] dialects` may only name these.
pub const BUILT_IN_DIALECTS: &[&str] = &["mysql", "postgres", "sqlite"];

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::schema::Schema;

/// What the parser needs to know beyond the file itself.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// The identifier length limit of every dialect the schema will be built for.
    pub identifier_limits: Vec<IdentifierLimit>,
}

/// Reads and checks a `schema.toml`.
///
/// `file` is the name used in messages. On failure, every problem found is returned, sorted by
/// position; the function never panics on any input.
pub fn parse_schema(
    source: &str,
    file: &str,
    options: &ParseOptions,
) -> Result<Schema, Diagnostics> {
    let failed = |list: Vec<Diagnostic>| Diagnostics {
        file: file.to_string(),
        source: source.to_string(),
        list,
    };
    let document = match toml::de::DeTable::parse(source) {
        Ok(document) => document,
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let message = error.message().trim_end().to_string();
            let help = if message.contains("invalid unquoted key") {
                "put a name with spaces or other characters than letters, digits, - and _ in quotes, as in [tables.\"bücher\"] or columns.\"order total\""
            } else {
                "see docs/schema-toml.md for the format"
            };
            return Err(failed(vec![
                Diagnostic::at(span, format!("invalid TOML: {message}")).with_help(help),
            ]));
        }
    };
    let mut reader = toml_view::Reader::default();
    let root = toml_view::entries(document.get_ref());
    let raw = raw::read_schema(&mut reader, &root);
    let mut resolver = resolve::Resolver::new(source);
    let schema = resolver.resolve(raw);
    let mut diagnostics = reader.diagnostics;
    diagnostics.append(&mut resolver.diagnostics);
    if schema.tables.is_empty() && diagnostics.is_empty() {
        diagnostics.push(
            Diagnostic::at(0..0, "the schema has no tables")
                .with_help("add a table, as in [tables.members] with columns.id = \"id\""),
        );
    }
    names::check_names(
        &schema,
        &resolver.spans,
        &options.identifier_limits,
        &mut diagnostics,
    );
    if diagnostics.is_empty() {
        return Ok(schema);
    }
    diagnostics.sort_by_key(|diagnostic| diagnostic.span.as_ref().map_or(0, |span| span.start));
    diagnostics.dedup();
    Err(failed(diagnostics))
}
