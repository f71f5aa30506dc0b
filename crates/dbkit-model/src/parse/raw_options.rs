//! Reads the keys for what real databases hold beyond the portable model: native types, table
//! storage options, and full-text, prefix, descending and partial indexes.

use std::collections::BTreeMap;

use toml::Spanned;
use toml::de::DeValue;

use super::toml_view::{Entry, Located, Reader, describe, find};
use crate::diagnostic::Diagnostic;
use crate::options::TableOptions;

/// The options of an index as written, with spans for the resolver's checks.
#[derive(Default)]
pub(crate) struct RawIndexOptions {
    pub(crate) fulltext: Option<Located<bool>>,
    pub(crate) prefix_lengths: Vec<(Located<String>, u32)>,
    pub(crate) descending: Vec<Located<String>>,
    pub(crate) predicate: Option<Located<String>>,
    pub(crate) method: Option<String>,
}

/// Reads `native = { postgres = "citext", mysql = "varchar(40)" }`.
pub(crate) fn read_native(
    reader: &mut Reader,
    value: &Spanned<DeValue<'_>>,
    what: &str,
) -> Option<Located<BTreeMap<String, String>>> {
    let entries = reader.table(value, &format!("native of {what}"))?;
    let mut types = BTreeMap::new();
    for entry in &entries {
        // An empty spelling is a column without a declared type, which SQLite allows.
        let spelling = reader.string(
            entry.value,
            &format!("the native {} type of {what}", entry.key.value),
        )?;
        types.insert(entry.key.value.clone(), spelling.value.trim().to_string());
    }
    if types.is_empty() {
        reader.error(
            Diagnostic::at(value.span(), format!("native of {what} names no dialect"))
                .with_help("write native = { postgres = \"citext\" }, one entry per dialect"),
        );
        return None;
    }
    Some(Located {
        value: types,
        span: value.span(),
    })
}

/// Reads `engine`, `charset` and `collation` of a table.
pub(crate) fn read_table_options(
    reader: &mut Reader,
    entries: &[Entry<'_, '_>],
    what: &str,
) -> TableOptions {
    let mut text = |key: &str| {
        find(entries, key).and_then(|entry| {
            reader
                .string(entry.value, &format!("{key} of {what}"))
                .map(|value| value.value)
        })
    };
    TableOptions {
        engine: text("engine"),
        charset: text("charset"),
        collation: text("collation"),
    }
}

/// Reads `fulltext`, `prefix_lengths`, `descending`, `where` and `method` of an index.
pub(crate) fn read_index_options(
    reader: &mut Reader,
    entries: &[Entry<'_, '_>],
    what: &str,
) -> RawIndexOptions {
    let mut options = RawIndexOptions::default();
    if let Some(flag) = find(entries, "fulltext") {
        options.fulltext = reader.boolean(flag.value, &format!("fulltext of {what}"));
    }
    if let Some(lengths) = find(entries, "prefix_lengths")
        && let Some(lengths) = reader.table(lengths.value, &format!("prefix_lengths of {what}"))
    {
        for length in &lengths {
            let described = format!(
                "the prefix length of column \"{}\" in {what}",
                length.key.value
            );
            match length.value.get_ref() {
                DeValue::Integer(number) => match number.as_str().replace('_', "").parse::<u32>() {
                    Ok(value) if value > 0 => {
                        options.prefix_lengths.push((length.key.clone(), value))
                    }
                    _ => reader.error(Diagnostic::at(
                        length.value.span(),
                        format!("{described} must be a whole number of at least 1"),
                    )),
                },
                other => reader.error(Diagnostic::at(
                    length.value.span(),
                    format!(
                        "{described} must be a whole number, not {}",
                        describe(other)
                    ),
                )),
            }
        }
    }
    if let Some(descending) = find(entries, "descending")
        && let Some(list) = reader.string_list(descending.value, &format!("descending of {what}"))
    {
        options.descending = list.value;
    }
    if let Some(predicate) = find(entries, "where") {
        options.predicate = reader.string(predicate.value, &format!("where of {what}"));
    }
    if let Some(method) = find(entries, "method") {
        options.method = reader
            .string(method.value, &format!("method of {what}"))
            .map(|method| method.value);
    }
    options
}
