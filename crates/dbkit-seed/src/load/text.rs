//! The tab-separated text that `LOAD DATA` and `COPY` read: one line per row, `\N` for NULL,
//! backslash escapes for backslashes, tabs and line breaks.

use crate::dataset::{TableData, Value};
use crate::render::literal::{Flavor, push_plain};

/// Bytes per chunk handed to the database.
const CHUNK: usize = 256 * 1024;

/// Renders `table` as bulk-load text for `flavor` (MySQL or PostgreSQL), a chunk at a time;
/// stops early when `send` returns false. Cycle-closing columns are written as NULL.
pub(crate) fn render_chunks(
    table: &TableData,
    flavor: Flavor,
    send: &mut dyn FnMut(Vec<u8>) -> bool,
) {
    let mut out = String::with_capacity(CHUNK + 4096);
    let mut field = String::with_capacity(256);
    for row in 0..table.rows {
        for (index, column) in table.columns.iter().enumerate() {
            if index > 0 {
                out.push('\t');
            }
            let value = if table.is_deferred(index) {
                Value::Null
            } else {
                column.value(row)
            };
            match value {
                Value::Null => out.push_str("\\N"),
                Value::Text(text) => push_escaped(&mut out, text, flavor),
                Value::Bytes(bytes) => {
                    if flavor == Flavor::Postgres {
                        out.push_str("\\\\x");
                    }
                    crate::calendar::push_hex(&mut out, bytes);
                }
                value => {
                    field.clear();
                    push_plain(&mut field, value, &column.column_type, flavor);
                    out.push_str(&field);
                }
            }
        }
        out.push('\n');
        if out.len() >= CHUNK {
            let chunk = std::mem::replace(&mut out, String::with_capacity(CHUNK + 4096));
            if !send(chunk.into_bytes()) {
                return;
            }
        }
    }
    if !out.is_empty() {
        send(out.into_bytes());
    }
}

#[inline]
fn push_escaped(out: &mut String, text: &str, flavor: Flavor) {
    if !text
        .bytes()
        .any(|byte| matches!(byte, b'\\' | b'\t' | b'\n' | b'\r' | 0))
    {
        out.push_str(text);
        return;
    }
    for character in text.chars() {
        match character {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\0' if flavor == Flavor::Mysql => out.push_str("\\0"),
            other => out.push(other),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_bulk_loads_treat_specially() {
        let mut out = String::new();
        push_escaped(&mut out, "a\\b\tc\nd\re", Flavor::Postgres);
        assert_eq!(out, "a\\\\b\\tc\\nd\\re");
        let mut plain = String::new();
        push_escaped(&mut plain, "naïve 100%", Flavor::Mysql);
        assert_eq!(plain, "naïve 100%");
    }
}
