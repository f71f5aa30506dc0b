//! Reads the generated `.sql` files back the way sqlc does: one query per `-- name:` line.

use dbkit_generate::queries::Command;

/// One query as written in a generated file.
#[derive(Debug, Clone)]
pub(crate) struct ParsedQuery {
    /// The file it came from.
    pub(crate) file: String,
    /// The name after `-- name:`.
    pub(crate) name: String,
    /// The command after the name.
    pub(crate) command: Command,
    /// The SQL without comment lines and without the closing `;`.
    pub(crate) sql: String,
}

/// Splits a query file at its `-- name: <Name> <:command>` lines. Comment lines are dropped;
/// a line that starts with `-- name:` but is not well formed is an error.
pub(crate) fn parse_query_file(file: &str, text: &str) -> Result<Vec<ParsedQuery>, String> {
    let mut queries: Vec<ParsedQuery> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("-- name:") {
            let parts: Vec<&str> = rest.split_whitespace().collect();
            let [name, command] = parts.as_slice() else {
                return Err(format!(
                    "{file}:{}: malformed annotation {line:?}",
                    number + 1
                ));
            };
            let command = Command::from_annotation(command)
                .ok_or_else(|| format!("{file}:{}: unknown command {command:?}", number + 1))?;
            queries.push(ParsedQuery {
                file: file.to_string(),
                name: (*name).to_string(),
                command,
                sql: String::new(),
            });
        } else if line.starts_with("--") {
            continue;
        } else if let Some(query) = queries.last_mut() {
            if !query.sql.is_empty() || !line.trim().is_empty() {
                query.sql.push_str(line);
                query.sql.push('\n');
            }
        } else if !line.trim().is_empty() {
            return Err(format!(
                "{file}:{}: SQL before the first -- name: line",
                number + 1
            ));
        }
    }
    for query in &mut queries {
        let trimmed = query.sql.trim_end();
        let Some(statement) = trimmed.strip_suffix(';') else {
            return Err(format!(
                "{file}: the query {} does not end with ;",
                query.name
            ));
        };
        query.sql = statement.to_string();
        if query.sql.trim().is_empty() {
            return Err(format!("{file}: the query {} has no SQL", query.name));
        }
    }
    Ok(queries)
}
