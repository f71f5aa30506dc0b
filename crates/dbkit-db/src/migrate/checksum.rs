//! Checksums of migration scripts that do not change with line endings or trailing spaces.
//!
//! A script checked out on Windows (`\r\n`), saved by an editor that strips trailing spaces, or
//! given a final newline is the same migration. Before it is checksummed, and before it runs,
//! its text is normalised: a byte-order mark is dropped, every line ending becomes `\n`, spaces
//! and tabs at the end of each line go, and so do blank lines at the end. The checksum itself is
//! refinery's (SipHash 1-3 of the migration's name, version and normalised SQL), so that it is
//! the one refinery records in its history table.

use refinery::Migration;

/// `text` with line endings, trailing whitespace and the byte-order mark normalised away.
pub fn normalize_script(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines: Vec<&str> = unified.lines().map(str::trim_end).collect();
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    let mut normalized = lines.join("\n");
    if !normalized.is_empty() {
        normalized.push('\n');
    }
    normalized
}

/// The name refinery knows a migration by: `V<version>__<name>`.
pub fn refinery_name(version: u32, name: &str) -> String {
    format!("V{version}__{name}")
}

/// The refinery migration for a normalised script; `None` when the version or name do not fit
/// refinery's rules (checked when the folder is read, so this does not happen for a loaded one).
pub fn refinery_migration(version: u32, name: &str, normalized_sql: &str) -> Option<Migration> {
    Migration::unapplied(&refinery_name(version, name), normalized_sql).ok()
}

/// The checksum refinery records for a migration whose normalised script is `normalized_sql`.
pub fn migration_checksum(version: u32, name: &str, normalized_sql: &str) -> u64 {
    refinery_migration(version, name, normalized_sql).map_or(0, |migration| migration.checksum())
}

/// A checksum of the first statements of a script, to tell whether the part of a migration that
/// already ran on MySQL/MariaDB was edited before it is resumed.
pub fn statements_checksum(statements: &[String]) -> String {
    let joined = statements.join("\n;\n");
    format!("{:016x}", migration_checksum(0, "statements", &joined))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_and_trailing_spaces_do_not_count() {
        let unix = "CREATE TABLE t (\n  id INT\n);\n";
        let windows = "\u{feff}CREATE TABLE t (  \r\n  id INT\t\r\n);\r\n\r\n\r\n";
        let old_mac = "CREATE TABLE t (\r  id INT\r);";
        assert_eq!(normalize_script(windows), unix);
        assert_eq!(normalize_script(old_mac), unix);
        assert_eq!(
            migration_checksum(1, "init", &normalize_script(windows)),
            migration_checksum(1, "init", unix)
        );
    }

    #[test]
    fn content_version_and_name_count() {
        let base = migration_checksum(1, "init", "SELECT 1;\n");
        assert_ne!(base, migration_checksum(1, "init", "SELECT 2;\n"));
        assert_ne!(base, migration_checksum(2, "init", "SELECT 1;\n"));
        assert_ne!(base, migration_checksum(1, "other", "SELECT 1;\n"));
        assert_ne!(base, 0);
    }

    #[test]
    fn inner_whitespace_counts() {
        assert_ne!(
            normalize_script("SELECT  1;"),
            normalize_script("SELECT 1;")
        );
    }
}
