//! What rules see: the schema, the naming convention, the target dialects and the normal-form
//! analysis (computed once for the rules that need it).

use dbkit_model::lint_settings::NamingSettings;
use dbkit_model::normal_form::{TableAnalysis, analyze_schema};
use dbkit_model::{Schema, Table};

use crate::reserved::BuiltInDialect;

/// The input of every rule.
pub(crate) struct Context<'a> {
    /// The schema being linted.
    pub(crate) schema: &'a Schema,
    /// The naming convention from `[lint.naming]`.
    pub(crate) naming: &'a NamingSettings,
    /// The built-in dialects the schema is built for (`[project] dialects`, or all of them).
    pub(crate) dialects: Vec<BuiltInDialect>,
    /// The normal-form analysis of every table, in table order.
    pub(crate) normal_forms: Vec<TableAnalysis>,
}

impl<'a> Context<'a> {
    /// The context for linting `schema`.
    pub(crate) fn new(schema: &'a Schema) -> Self {
        let dialects = if schema.project.dialects.is_empty() {
            BuiltInDialect::ALL.to_vec()
        } else {
            BuiltInDialect::ALL
                .iter()
                .copied()
                .filter(|dialect| {
                    schema
                        .project
                        .dialects
                        .iter()
                        .any(|name| name == dialect.name())
                })
                .collect()
        };
        Context {
            schema,
            naming: &schema.lint.naming,
            dialects,
            normal_forms: analyze_schema(schema),
        }
    }

    /// The table with this name.
    pub(crate) fn table(&self, name: &str) -> Option<&'a Table> {
        self.schema.table(name)
    }
}
