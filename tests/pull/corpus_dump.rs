//! Dumps made comparable: split into objects (a table, an index, a constraint, a view...),
//! each written in one normal form, so that two databases can be compared object by object
//! whatever order and layout their dumps use.

use std::collections::BTreeMap;

use dbkit_db::Backend;
use sqlparser::dialect::SQLiteDialect;
use sqlparser::tokenizer::{Token, Tokenizer};

/// The objects of a dump: a key such as `table actor` or `index actor.idx_last_name`, and the
/// object's normalised text.
pub(crate) type Objects = BTreeMap<String, String>;

/// An object that differs between two dumps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Difference {
    /// The object's key.
    pub(crate) object: String,
    /// Lines only the source database has.
    pub(crate) only_in_source: Vec<String>,
    /// Lines only the rebuilt database has.
    pub(crate) only_in_rebuilt: Vec<String>,
}

/// Splits and normalises a dump of `backend`.
pub(crate) fn objects(backend: Backend, dump: &str) -> Objects {
    match backend {
        Backend::Mysql => mysql_objects(dump),
        Backend::Postgres => postgres_objects(dump),
        Backend::Sqlite => sqlite_objects(dump),
    }
}

/// The objects that differ, by key.
pub(crate) fn compare(source: &Objects, rebuilt: &Objects) -> Vec<Difference> {
    let mut differences = Vec::new();
    let keys: std::collections::BTreeSet<&String> = source.keys().chain(rebuilt.keys()).collect();
    for key in keys {
        let lines = |text: Option<&String>| -> Vec<String> {
            text.map(|text| text.lines().map(str::to_string).collect())
                .unwrap_or_default()
        };
        let (left, right) = (lines(source.get(key)), lines(rebuilt.get(key)));
        let present = (source.contains_key(key), rebuilt.contains_key(key));
        if left != right || present.0 != present.1 {
            differences.push(Difference {
                object: key.clone(),
                only_in_source: left
                    .iter()
                    .filter(|line| !right.contains(line))
                    .cloned()
                    .collect(),
                only_in_rebuilt: right
                    .iter()
                    .filter(|line| !left.contains(line))
                    .cloned()
                    .collect(),
            });
        }
    }
    differences
}

/// `mysqldump --no-data`: each `CREATE TABLE` with its lines sorted and its counters dropped,
/// and views, triggers and routines by name.
fn mysql_objects(dump: &str) -> Objects {
    let mut objects = Objects::new();
    let mut lines = dump.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix("CREATE TABLE `") {
            let name = rest.split('`').next().unwrap_or_default().to_string();
            let mut body = Vec::new();
            for line in lines.by_ref() {
                let line = line.trim();
                if line.starts_with(')') {
                    let options: Vec<&str> = line
                        .trim_start_matches(')')
                        .trim_end_matches(';')
                        .split_whitespace()
                        .filter(|option| !option.starts_with("AUTO_INCREMENT="))
                        .collect();
                    body.push(format!("options {}", options.join(" ")));
                    break;
                }
                body.push(line.trim_end_matches(',').to_string());
            }
            body.sort();
            objects.insert(format!("table {name}"), body.join("\n"));
            continue;
        }
        for (marker, kind) in [
            ("VIEW `", "view"),
            ("TRIGGER `", "trigger"),
            ("FUNCTION `", "function"),
            ("PROCEDURE `", "procedure"),
            ("EVENT `", "event"),
        ] {
            if (trimmed.starts_with("/*!") || trimmed.starts_with("CREATE"))
                && let Some(position) = trimmed.find(marker)
                && trimmed[..position].contains("CREATE")
            {
                let name = trimmed[position + marker.len()..]
                    .split('`')
                    .next()
                    .unwrap_or_default();
                objects.insert(format!("{kind} {name}"), String::new());
            }
        }
    }
    objects
}

/// `pg_dump --schema-only`: one object per statement, keyed by what it creates or alters.
fn postgres_objects(dump: &str) -> Objects {
    let mut objects = Objects::new();
    let mut statement = String::new();
    let mut body_tag: Option<String> = None;
    for line in dump.lines() {
        let client_command = line.starts_with("\\restrict") || line.starts_with("\\unrestrict");
        if statement.is_empty()
            && (line.starts_with("--") || line.trim().is_empty() || client_command)
        {
            continue;
        }
        statement.push_str(line);
        statement.push('\n');
        for tag in dollar_tags(line) {
            match &body_tag {
                None => body_tag = Some(tag),
                Some(open) if *open == tag => body_tag = None,
                Some(_) => {}
            }
        }
        if body_tag.is_none() && line.trim_end().ends_with(';') {
            let text = std::mem::take(&mut statement);
            let normal = text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .replace("public.", "");
            if let Some(key) = postgres_key(&normal) {
                let entry = objects.entry(key).or_default();
                if !entry.is_empty() {
                    entry.push('\n');
                }
                entry.push_str(&normal);
            }
        }
    }
    objects
}

/// The dollar-quote tags (`$$`, `$_$`, `$body$`) in a line, in order.
fn dollar_tags(line: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find('$') {
        let after = &rest[start + 1..];
        match after.find('$') {
            Some(end)
                if after[..end]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_') =>
            {
                tags.push(format!("${}$", &after[..end]));
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    tags
}

fn postgres_key(statement: &str) -> Option<String> {
    let words: Vec<&str> = statement.split_whitespace().collect();
    let word = |index: usize| {
        words
            .get(index)
            .copied()
            .unwrap_or_default()
            .trim_end_matches(';')
    };
    let skip = [
        "SET",
        "SELECT",
        "COMMENT ON SCHEMA",
        "CREATE SCHEMA",
        "CREATE EXTENSION",
        "COMMENT ON EXTENSION",
    ];
    if skip.iter().any(|prefix| statement.starts_with(prefix)) {
        return None;
    }
    Some(match (word(0), word(1)) {
        ("CREATE", "TABLE") => format!("table {}", word(2)),
        ("CREATE", "UNIQUE") => format!("index {}", word(3)),
        ("CREATE", "INDEX") => format!("index {}", word(2)),
        ("CREATE", "SEQUENCE") => format!("sequence {}", word(2)),
        ("CREATE", "VIEW") => format!("view {}", word(2)),
        ("CREATE", "MATERIALIZED") => format!("materialized view {}", word(3)),
        ("CREATE", "TYPE") => format!("type {}", word(2)),
        ("CREATE", "DOMAIN") => format!("domain {}", word(2)),
        ("CREATE", "TRIGGER") => format!("trigger {}", word(2)),
        ("CREATE", "FUNCTION") | ("CREATE", "PROCEDURE") | ("CREATE", "AGGREGATE") => {
            format!(
                "{} {}",
                word(1).to_lowercase(),
                word(2).split('(').next().unwrap_or_default()
            )
        }
        ("CREATE", "OR") => format!(
            "{} {}",
            word(3).to_lowercase(),
            word(4).split('(').next().unwrap_or_default()
        ),
        ("COMMENT", "ON") => format!("comment on {} {}", word(2).to_lowercase(), word(3)),
        ("CREATE", "RULE") => format!("rule {}", word(2)),
        ("ALTER", "INDEX") if word(3) == "ATTACH" => format!("partition index {}", word(5)),
        ("ALTER", "SEQUENCE") => format!("sequence {} owner", word(2)),
        ("ALTER", "TABLE") => {
            let table = if word(2) == "ONLY" { word(3) } else { word(2) };
            let rest = statement
                .split_once(table)
                .map_or("", |(_, rest)| rest)
                .trim();
            if let Some(partition) = rest.strip_prefix("ATTACH PARTITION ") {
                format!(
                    "partition {}",
                    partition.split_whitespace().next().unwrap_or_default()
                )
            } else if let Some(constraint) = rest.strip_prefix("ADD CONSTRAINT ") {
                format!(
                    "constraint {table}.{}",
                    constraint.split_whitespace().next().unwrap_or_default()
                )
            } else if let Some(column) = rest.strip_prefix("ALTER COLUMN ") {
                format!(
                    "column {table}.{}",
                    column.split_whitespace().next().unwrap_or_default()
                )
            } else {
                format!("alter table {table}: {rest}")
            }
        }
        _ => statement.to_string(),
    })
}

/// `sqlite3 .schema`: one object per statement; names unquoted, keywords in capitals, spacing
/// normal, and the parts of a `CREATE TABLE` one per line in sorted order.
fn sqlite_objects(dump: &str) -> Objects {
    let mut objects = Objects::new();
    let mut statements: Vec<String> = Vec::new();
    let mut current = String::new();
    for piece in dump.split_inclusive(";\n") {
        current.push_str(piece);
        // A trigger's body holds statements of its own; the trigger ends with END.
        let in_trigger = current
            .trim_start()
            .to_ascii_uppercase()
            .starts_with("CREATE TRIGGER")
            && !current.trim_end().to_ascii_uppercase().ends_with("END;");
        if !in_trigger {
            statements.push(std::mem::take(&mut current));
        }
    }
    statements.push(current);
    for statement in &statements {
        let statement = statement.trim().trim_end_matches(';');
        if statement.is_empty() {
            continue;
        }
        let Ok(tokens) = Tokenizer::new(&SQLiteDialect {}, statement).tokenize() else {
            objects.insert(statement.to_string(), statement.to_string());
            continue;
        };
        // The shell writes `CREATE TABLE IF NOT EXISTS` for tables whose names are quoted.
        let mut words: Vec<String> = tokens
            .iter()
            .filter(|token| !matches!(token, Token::Whitespace(_)))
            // SQLite compares names (and keywords) ignoring letter case.
            .map(|token| match token {
                Token::Word(word) => word.value.to_lowercase(),
                other => other.to_string(),
            })
            .collect();
        if words
            .get(2..5)
            .is_some_and(|next| next == ["if", "not", "exists"])
        {
            words.drain(2..5);
        }
        let key = match (
            words.first().map(String::as_str),
            words.get(1).map(String::as_str),
        ) {
            (Some("create"), Some("table")) => {
                format!("table {}", words.get(2).cloned().unwrap_or_default())
            }
            (Some("create"), Some("unique")) => {
                format!("index {}", words.get(3).cloned().unwrap_or_default())
            }
            (Some("create"), Some(kind)) => {
                format!("{kind} {}", words.get(2).cloned().unwrap_or_default())
            }
            _ => words.join(" "),
        };
        let text = if key.starts_with("table ") {
            table_parts(&words)
        } else {
            words.join(" ")
        };
        objects.insert(key, text);
    }
    objects
}

/// The parts of `CREATE TABLE name ( part, part )`, one per line, sorted.
fn table_parts(words: &[String]) -> String {
    let Some(open) = words.iter().position(|word| word == "(") else {
        return words.join(" ");
    };
    let mut parts = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut depth = 0usize;
    for word in &words[open + 1..] {
        match word.as_str() {
            "(" => depth += 1,
            ")" if depth == 0 => break,
            ")" => depth -= 1,
            "," if depth == 0 => {
                parts.push(
                    current
                        .join(" ")
                        .replace("( ", "(")
                        .replace(" )", ")")
                        .replace(" ,", ","),
                );
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(word.clone());
    }
    parts.push(
        current
            .join(" ")
            .replace("( ", "(")
            .replace(" )", ")")
            .replace(" ,", ","),
    );
    parts.sort();
    parts.join("\n")
}
