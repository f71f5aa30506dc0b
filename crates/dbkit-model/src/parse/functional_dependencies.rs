//! Checks a table's `functional_dependencies` and turns them into the model's form.

use super::toml_view::Located;
use crate::diagnostic::Diagnostic;
use crate::functional_dependency::{
    FunctionalDependency, WrittenColumn, parse_functional_dependency,
};
use crate::suggest::did_you_mean;

/// The dependencies of `table` whose text reads and whose columns exist; every other one is
/// reported, pointing at the offending column where there is one.
pub(crate) fn resolve_functional_dependencies(
    table: &str,
    columns: &[String],
    written: &[Located<String>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<FunctionalDependency> {
    let mut dependencies = Vec::new();
    for text in written {
        let parsed = match parse_functional_dependency(&text.value) {
            Ok(parsed) => parsed,
            Err(reason) => {
                diagnostics.push(
                    Diagnostic::at(
                        text.span.clone(),
                        format!("functional dependency \"{}\" of table \"{table}\" cannot be read: {reason}", text.value),
                    )
                    .with_help("write \"determinant -> dependent\", as in \"zip_code -> city, state\""),
                );
                continue;
            }
        };
        // The text starts one byte after the opening quote.
        let span_of = |column: &WrittenColumn| {
            let start = (text.span.start + 1 + column.offset).min(text.span.end);
            start..(start + column.name.len()).min(text.span.end)
        };
        let before = diagnostics.len();
        for column in parsed.determinant.iter().chain(&parsed.dependent) {
            if !columns.contains(&column.name) {
                diagnostics.push(
                    Diagnostic::at(
                        span_of(column),
                        format!(
                            "unknown column \"{}\" in functional dependency \"{}\" of table \"{table}\"",
                            column.name, text.value
                        ),
                    )
                    .with_optional_help(did_you_mean(&column.name, columns.iter().map(String::as_str))),
                );
            }
        }
        let sides = [&parsed.determinant, &parsed.dependent];
        for (side, list) in sides.iter().enumerate() {
            for (index, column) in list.iter().enumerate() {
                let repeated = list[..index]
                    .iter()
                    .any(|earlier| earlier.name == column.name);
                let on_both = side == 1
                    && parsed
                        .determinant
                        .iter()
                        .any(|left| left.name == column.name);
                if repeated || on_both {
                    diagnostics.push(
                        Diagnostic::at(
                            span_of(column),
                            format!(
                                "column \"{}\" appears twice in functional dependency \"{}\" of table \"{table}\"",
                                column.name, text.value
                            ),
                        )
                        .with_help("a column determines itself; name each column once"),
                    );
                }
            }
        }
        if diagnostics.len() > before {
            continue;
        }
        let names =
            |list: &[WrittenColumn]| list.iter().map(|column| column.name.clone()).collect();
        dependencies.push(FunctionalDependency {
            determinant: names(&parsed.determinant),
            dependent: names(&parsed.dependent),
        });
    }
    dependencies
}
