//! Typed, span-aware reading of a parsed TOML document that reports every mistake it meets.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::Diagnostic;
use crate::suggest::did_you_mean;

/// A value together with the byte range of the text it was read from.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Located<T> {
    pub(crate) value: T,
    pub(crate) span: Range<usize>,
}

/// One entry of a TOML table: its key (with the key's span) and its value.
pub(crate) struct Entry<'a, 'i> {
    pub(crate) key: Located<String>,
    pub(crate) value: &'a Spanned<DeValue<'i>>,
}

/// Collects diagnostics while the document is read.
#[derive(Default)]
pub(crate) struct Reader {
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Reader {
    pub(crate) fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// The entries of `value` in the order they were written, or an error if it is not a table.
    pub(crate) fn table<'a, 'i>(
        &mut self,
        value: &'a Spanned<DeValue<'i>>,
        what: &str,
    ) -> Option<Vec<Entry<'a, 'i>>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(entries(table)),
            other => {
                self.error(Diagnostic::at(
                    value.span(),
                    format!("{what} must be a table, not {}", describe(other)),
                ));
                None
            }
        }
    }

    /// Reports every key of `entries` that is not in `allowed`, with a suggestion.
    pub(crate) fn reject_unknown_keys(
        &mut self,
        entries: &[Entry<'_, '_>],
        allowed: &[&str],
        what: &str,
    ) {
        for entry in entries {
            if !allowed.contains(&entry.key.value.as_str()) {
                let help =
                    did_you_mean(&entry.key.value, allowed.iter().copied()).unwrap_or_else(|| {
                        format!("the keys allowed here are: {}", allowed.join(", "))
                    });
                self.error(
                    Diagnostic::at(
                        entry.key.span.clone(),
                        format!("unknown key \"{}\" in {what}", entry.key.value),
                    )
                    .with_help(help),
                );
            }
        }
    }

    pub(crate) fn string(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        what: &str,
    ) -> Option<Located<String>> {
        match value.get_ref() {
            DeValue::String(text) => Some(Located {
                value: text.to_string(),
                span: value.span(),
            }),
            other => {
                self.error(Diagnostic::at(
                    value.span(),
                    format!("{what} must be a string, not {}", describe(other)),
                ));
                None
            }
        }
    }

    pub(crate) fn boolean(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        what: &str,
    ) -> Option<Located<bool>> {
        match value.get_ref() {
            DeValue::Boolean(flag) => Some(Located {
                value: *flag,
                span: value.span(),
            }),
            other => {
                self.error(Diagnostic::at(
                    value.span(),
                    format!("{what} must be true or false, not {}", describe(other)),
                ));
                None
            }
        }
    }

    /// A list of strings; a single string counts as a list of one.
    pub(crate) fn string_list(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        what: &str,
    ) -> Option<Located<Vec<Located<String>>>> {
        match value.get_ref() {
            DeValue::String(text) => Some(Located {
                value: vec![Located {
                    value: text.to_string(),
                    span: value.span(),
                }],
                span: value.span(),
            }),
            DeValue::Array(items) => {
                let mut list = Vec::new();
                for item in items.iter() {
                    list.push(self.string(item, &format!("each item of {what}"))?);
                }
                if list.is_empty() {
                    self.error(Diagnostic::at(
                        value.span(),
                        format!("{what} cannot be empty"),
                    ));
                    return None;
                }
                Some(Located {
                    value: list,
                    span: value.span(),
                })
            }
            other => {
                self.error(Diagnostic::at(
                    value.span(),
                    format!(
                        "{what} must be a list of column names, not {}",
                        describe(other)
                    ),
                ));
                None
            }
        }
    }
}

/// The entries of a table sorted by where their keys were written.
pub(crate) fn entries<'a, 'i>(table: &'a DeTable<'i>) -> Vec<Entry<'a, 'i>> {
    let mut list: Vec<Entry<'a, 'i>> = table
        .iter()
        .map(|(key, value)| Entry {
            key: Located {
                value: key.get_ref().to_string(),
                span: key.span(),
            },
            value,
        })
        .collect();
    list.sort_by_key(|entry| entry.key.span.start);
    list
}

/// Finds the entry with this key.
pub(crate) fn find<'e, 'a, 'i>(
    entries: &'e [Entry<'a, 'i>],
    key: &str,
) -> Option<&'e Entry<'a, 'i>> {
    entries.iter().find(|entry| entry.key.value == key)
}

/// "a string", "a number", ... for error messages.
pub(crate) fn describe(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}
