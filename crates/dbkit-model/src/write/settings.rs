//! The `[lint]` and `[seed]` sections, written only when they say something.

use crate::lint_settings::{LintSettings, NamingSettings, TableNumber};
use crate::seed_settings::{SeedSettings, SeedValue};

use super::toml_text::{inline_table, key, string, string_list};

/// `[lint]` (and `[lint.naming]`), or nothing when every setting is the default.
pub(crate) fn lint_section(lint: &LintSettings) -> Option<String> {
    let default_naming = NamingSettings::default();
    if lint.rules.is_empty() && lint.naming == default_naming {
        return None;
    }
    let mut lines = vec!["[lint]".to_string()];
    for rule in &lint.rules {
        lines.push(format!(
            "{} = {}",
            key(&rule.rule),
            string(rule.level.keyword())
        ));
    }
    let naming = &lint.naming;
    if *naming != default_naming {
        lines.push(String::new());
        lines.push("[lint.naming]".to_string());
        if naming.table_names != default_naming.table_names {
            let spelling = TableNumber::ALL
                .iter()
                .find(|(_, number)| *number == naming.table_names)
                .map_or("plural", |(spelling, _)| spelling);
            lines.push(format!("table_names = {}", string(spelling)));
        }
        if naming.foreign_key_suffix != default_naming.foreign_key_suffix {
            lines.push(format!(
                "foreign_key_suffix = {}",
                string(&naming.foreign_key_suffix)
            ));
        }
        for (name, list, default) in [
            (
                "boolean_prefixes",
                &naming.boolean_prefixes,
                &default_naming.boolean_prefixes,
            ),
            (
                "timestamp_suffixes",
                &naming.timestamp_suffixes,
                &default_naming.timestamp_suffixes,
            ),
            (
                "date_suffixes",
                &naming.date_suffixes,
                &default_naming.date_suffixes,
            ),
            (
                "allowed_reserved_words",
                &naming.allowed_reserved_words,
                &default_naming.allowed_reserved_words,
            ),
        ] {
            if list != default {
                lines.push(format!("{name} = {}", string_list(list)));
            }
        }
    }
    Some(lines.join("\n"))
}

/// `[seed]` and one `[seed.tables.<name>]` per table with settings, or nothing.
pub(crate) fn seed_sections(seed: &SeedSettings) -> Vec<String> {
    if *seed == SeedSettings::default() {
        return Vec::new();
    }
    let mut sections = Vec::new();
    if let Some(rows) = seed.rows {
        sections.push(format!("[seed]\nrows = {rows}"));
    }
    for table in &seed.tables {
        let mut lines = vec![format!("[seed.tables.{}]", key(&table.table))];
        if let Some(rows) = table.rows {
            lines.push(format!("rows = {rows}"));
        }
        for column in &table.columns {
            let mut entries = Vec::new();
            if let Some(generator) = &column.generator {
                entries.push(("generator".to_string(), string(generator)));
            }
            if !column.values.is_empty() {
                let values: Vec<String> = column.values.iter().map(seed_value).collect();
                entries.push(("values".to_string(), format!("[{}]", values.join(", "))));
            }
            if let Some((low, high)) = &column.range {
                entries.push((
                    "range".to_string(),
                    format!("[{}, {}]", seed_value(low), seed_value(high)),
                ));
            }
            if let Some(fraction) = column.null_fraction {
                entries.push(("null_fraction".to_string(), format!("{fraction:?}")));
            }
            lines.push(format!(
                "columns.{} = {}",
                key(&column.column),
                inline_table(&entries)
            ));
        }
        sections.push(lines.join("\n"));
    }
    sections
}

fn seed_value(value: &SeedValue) -> String {
    match value {
        SeedValue::Integer(number) => number.to_string(),
        SeedValue::Number(text) => text.clone(),
        SeedValue::String(text) => string(text),
        SeedValue::Boolean(flag) => flag.to_string(),
    }
}
