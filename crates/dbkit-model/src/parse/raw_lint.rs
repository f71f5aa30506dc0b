//! Reads the `[lint]` table: a level per rule, and the naming convention under `[lint.naming]`.

use toml::Spanned;
use toml::de::DeValue;

use super::toml_view::{Entry, Reader, describe, find};
use crate::diagnostic::Diagnostic;
use crate::lint_settings::{LintLevel, LintSettings, NamingSettings, RuleSetting, TableNumber};

const NAMING_KEYS: &[&str] = &[
    "table_names",
    "foreign_key_suffix",
    "boolean_prefixes",
    "timestamp_suffixes",
    "date_suffixes",
    "allowed_reserved_words",
];

/// Reads `[lint]`; rule names are not checked here (the linter knows them).
pub(crate) fn read_lint(reader: &mut Reader, entry: &Entry<'_, '_>) -> LintSettings {
    let mut settings = LintSettings::default();
    let Some(entries) = reader.table(entry.value, "[lint]") else {
        return settings;
    };
    for rule in &entries {
        if rule.key.value == "naming" {
            settings.naming = read_naming(reader, rule);
            continue;
        }
        let what = format!("the level of lint rule \"{}\"", rule.key.value);
        let Some(text) = reader.string(rule.value, &what) else {
            continue;
        };
        let normalised = text.value.trim().to_ascii_lowercase();
        let normalised = if normalised == "warning" {
            "warn".to_string()
        } else {
            normalised
        };
        match LintLevel::ALL
            .iter()
            .find(|(keyword, _)| *keyword == normalised)
        {
            Some((_, level)) => settings.rules.push(RuleSetting {
                rule: rule.key.value.clone(),
                level: *level,
                span: rule.key.span.clone(),
            }),
            None => reader.error(
                Diagnostic::at(
                    text.span,
                    format!("unknown level \"{}\" for {what}", text.value),
                )
                .with_help("use \"error\", \"warn\" or \"off\""),
            ),
        }
    }
    settings
}

fn read_naming(reader: &mut Reader, entry: &Entry<'_, '_>) -> NamingSettings {
    let mut naming = NamingSettings::default();
    let Some(entries) = reader.table(entry.value, "[lint.naming]") else {
        return naming;
    };
    reader.reject_unknown_keys(&entries, NAMING_KEYS, "[lint.naming]");
    if let Some(choice) = find(&entries, "table_names")
        && let Some(text) = reader.string(choice.value, "lint.naming.table_names")
    {
        match TableNumber::ALL
            .iter()
            .find(|(keyword, _)| *keyword == text.value.trim())
        {
            Some((_, number)) => naming.table_names = *number,
            None => reader.error(
                Diagnostic::at(
                    text.span,
                    format!(
                        "unknown choice \"{}\" for lint.naming.table_names",
                        text.value
                    ),
                )
                .with_help("use \"plural\", \"singular\" or \"any\""),
            ),
        }
    }
    if let Some(suffix) = find(&entries, "foreign_key_suffix")
        && let Some(text) = reader.string(suffix.value, "lint.naming.foreign_key_suffix")
    {
        naming.foreign_key_suffix = text.value;
    }
    for (key, target) in [
        ("boolean_prefixes", &mut naming.boolean_prefixes),
        ("timestamp_suffixes", &mut naming.timestamp_suffixes),
        ("date_suffixes", &mut naming.date_suffixes),
        ("allowed_reserved_words", &mut naming.allowed_reserved_words),
    ] {
        if let Some(list) = find(&entries, key)
            && let Some(words) = read_words(reader, list.value, &format!("lint.naming.{key}"))
        {
            *target = words;
        }
    }
    naming
}

/// A list of strings that may be empty (an empty list turns a convention off).
fn read_words(
    reader: &mut Reader,
    value: &Spanned<DeValue<'_>>,
    what: &str,
) -> Option<Vec<String>> {
    match value.get_ref() {
        DeValue::Array(items) => {
            let mut words = Vec::new();
            for item in items.iter() {
                words.push(reader.string(item, &format!("each item of {what}"))?.value);
            }
            Some(words)
        }
        other => {
            reader.error(
                Diagnostic::at(
                    value.span(),
                    format!("{what} must be a list of strings, not {}", describe(other)),
                )
                .with_help(format!("write {what} = [\"...\", \"...\"]")),
            );
            None
        }
    }
}
