//! One CSV file per table (RFC 4180): a header row of column names, CRLF line ends, fields quoted
//! when they hold a comma, a quote, a line break or surrounding spaces, quotes doubled inside.
//! NULL is an empty field; an empty string is `""`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::literal::{Flavor, push_plain};
use crate::dataset::{Dataset, TableData, Value};
use crate::error::SeedError;

/// Writes `<dir>/<table>.csv` for every table and returns the paths, in insertion order.
///
/// Every file is written under a temporary name first and renamed once all are complete, so a
/// failure leaves no partial output. Cycle-closing columns hold their final values: load such
/// tables with foreign key checks deferred, or set those columns afterwards.
pub fn write_csv(dataset: &Dataset, dir: &Path) -> Result<Vec<PathBuf>, SeedError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SeedError::Io { path, source }
    };
    fs::create_dir_all(dir).map_err(io(dir))?;
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = (|| {
        for table in &dataset.tables {
            let path = dir.join(format!("{}.csv", table.name));
            let temporary = dir.join(format!(".{}.csv.tmp", table.name));
            let file = fs::File::create(&temporary).map_err(io(&temporary))?;
            written.push((temporary.clone(), path));
            let mut writer = std::io::BufWriter::with_capacity(1 << 16, file);
            write_table_csv(table, &mut writer).map_err(io(&temporary))?;
            writer.flush().map_err(io(&temporary))?;
        }
        Ok(())
    })();
    if let Err(error) = result {
        for (temporary, _) in &written {
            let _ = fs::remove_file(temporary);
        }
        return Err(error);
    }
    let mut paths = Vec::with_capacity(written.len());
    for (temporary, path) in written {
        fs::rename(&temporary, &path).map_err(io(&path))?;
        paths.push(path);
    }
    Ok(paths)
}

/// Writes one table as CSV.
pub fn write_table_csv(table: &TableData, writer: &mut dyn Write) -> std::io::Result<()> {
    let mut out = String::with_capacity(1 << 16);
    for (index, column) in table.columns.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        push_field(&mut out, &column.name);
    }
    out.push_str("\r\n");
    let mut field = String::new();
    for row in 0..table.rows {
        for (index, column) in table.columns.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            match column.value(row) {
                Value::Null => {}
                value => {
                    field.clear();
                    push_plain(&mut field, value, &column.column_type, Flavor::Standard);
                    push_field(&mut out, &field);
                }
            }
        }
        out.push_str("\r\n");
        if out.len() > 1 << 16 {
            writer.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    writer.write_all(out.as_bytes())
}

fn push_field(out: &mut String, text: &str) {
    let needs_quotes = text.is_empty()
        || text.starts_with(' ')
        || text.ends_with(' ')
        || text
            .bytes()
            .any(|byte| matches!(byte, b',' | b'"' | b'\r' | b'\n'));
    if !needs_quotes {
        out.push_str(text);
        return;
    }
    out.push('"');
    for character in text.chars() {
        if character == '"' {
            out.push('"');
        }
        out.push(character);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_fields_as_rfc_4180_says() {
        let mut out = String::new();
        for text in ["plain", "a,b", "say \"hi\"", "two\nlines", "", " padded"] {
            push_field(&mut out, text);
            out.push('|');
        }
        assert_eq!(
            out,
            "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"|\"\"|\" padded\"|"
        );
    }
}
