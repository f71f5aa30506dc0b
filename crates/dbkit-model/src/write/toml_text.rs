//! The pieces of TOML text the writer needs: keys, strings, lists and inline tables.

use crate::default_value::DefaultValue;

/// A key as TOML needs it: bare when it is letters, digits, `_` and `-`, quoted otherwise.
pub(crate) fn key(name: &str) -> String {
    let bare = !name.is_empty()
        && name.chars().all(|character| {
            character.is_ascii_alphanumeric() || character == '_' || character == '-'
        });
    if bare { name.to_string() } else { string(name) }
}

/// A TOML basic string.
pub(crate) fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            control if control.is_control() => {
                out.push_str(&format!("\\u{:04X}", u32::from(control)))
            }
            other => out.push(other),
        }
    }
    out.push('"');
    out
}

/// A list of strings: `["a", "b"]`.
pub(crate) fn string_list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<String> = items.iter().map(|item| string(item.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// An inline table of already-written values: `{ a = 1, b = "x" }`.
pub(crate) fn inline_table(entries: &[(String, String)]) -> String {
    let entries: Vec<String> = entries
        .iter()
        .map(|(name, value)| format!("{name} = {value}"))
        .collect();
    format!("{{ {} }}", entries.join(", "))
}

/// A column default as a TOML value.
pub(crate) fn default_value(value: &DefaultValue) -> String {
    match value {
        DefaultValue::Integer(number) => number.to_string(),
        DefaultValue::Number(text) => text.clone(),
        DefaultValue::String(text) => string(text),
        DefaultValue::Boolean(flag) => flag.to_string(),
        DefaultValue::CurrentTimestamp | DefaultValue::CurrentDate | DefaultValue::CurrentTime => {
            string("now")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_needs_quotes() {
        assert_eq!(key("book_id"), "book_id");
        assert_eq!(key("Order Details"), "\"Order Details\"");
        assert_eq!(key("bücher"), "\"bücher\"");
        assert_eq!(string("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
        assert_eq!(string_list(&["a", "b"]), "[\"a\", \"b\"]");
    }
}
