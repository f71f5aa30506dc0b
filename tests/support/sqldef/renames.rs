//! sqldef's rename annotations (`-- @renamed from=old_name` after a table's or a column's
//! definition in the desired DDL), turned into the model's declared renames (`renamed_from`),
//! as a `schema.toml` would declare them.
//!
//! Renames of indexes, constraints and types have no counterpart in `schema.toml` and are left
//! out: without them, the migration drops and creates those objects, and the result is the same.

use dbkit_model::Schema;

/// One annotation: the new name, as written in the DDL, and the old one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rename {
    /// `CREATE TABLE new ( -- @renamed from=old`.
    Table {
        /// The table's name in the desired DDL.
        new: Name,
        /// Its name before.
        old: Name,
    },
    /// `new_column type, -- @renamed from=old` inside `CREATE TABLE table`.
    Column {
        /// The table, as named in the desired DDL.
        table: Name,
        /// The column's name in the desired DDL.
        new: Name,
        /// Its name before.
        old: Name,
    },
}

/// A name as written: quoted names keep their case, bare ones match regardless of case (the
/// databases fold or keep them, each its own way).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The name without quotes.
    pub text: String,
    /// Whether it was quoted.
    pub quoted: bool,
}

impl Name {
    fn matches(&self, candidate: &str) -> bool {
        candidate == self.text || (!self.quoted && candidate.eq_ignore_ascii_case(&self.text))
    }
}

const ANNOTATION: &str = "@renamed from=";

/// The table and column renames annotated in `ddl`.
pub fn annotated_renames(ddl: &str) -> Vec<Rename> {
    let mut renames = Vec::new();
    let mut table: Option<Name> = None;
    for line in ddl.lines() {
        let created = created_table(line);
        if created.is_some() {
            table = created.clone();
        }
        let Some(position) = line.find(ANNOTATION) else {
            continue;
        };
        let Some((old, _)) = read_name(&line[position + ANNOTATION.len()..]) else {
            continue;
        };
        let before = line[..position]
            .trim_end()
            .trim_end_matches("/*")
            .trim_end_matches("--");
        if let Some(new) = created {
            renames.push(Rename::Table { new, old });
            continue;
        }
        let definition = before.trim_start();
        let upper = definition.to_ascii_uppercase();
        let is_column = !upper.starts_with("CREATE")
            && ![
                "INDEX",
                "KEY",
                "UNIQUE",
                "CONSTRAINT",
                "PRIMARY",
                "FOREIGN",
                "CHECK",
                "FULLTEXT",
                "SPATIAL",
                "'",
            ]
            .iter()
            .any(|keyword| upper.starts_with(keyword));
        if let (Some(table), true) = (&table, is_column)
            && let Some((new, _)) = read_name(definition)
        {
            renames.push(Rename::Column {
                table: table.clone(),
                new,
                old,
            });
        }
    }
    renames
}

/// The table a `CREATE TABLE` line creates (the last part of a qualified name).
fn created_table(line: &str) -> Option<Name> {
    let upper = line.to_ascii_uppercase();
    let start = upper.find("CREATE TABLE")? + "CREATE TABLE".len();
    let mut rest = line[start..].trim_start();
    let rest_upper = rest.to_ascii_uppercase();
    if rest_upper.starts_with("IF NOT EXISTS") {
        rest = rest["IF NOT EXISTS".len()..].trim_start();
    }
    loop {
        // A comment between the keyword and the name (`CREATE TABLE /* ... */ name`).
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after
                .split_once("*/")
                .map_or("", |(_, tail)| tail)
                .trim_start();
            continue;
        }
        let (part, tail) = read_name(rest)?;
        match tail.strip_prefix('.') {
            Some(tail) => rest = tail,
            None => return Some(part),
        }
    }
}

/// Reads a name at the start of `text` (bare, `"quoted"`, `` `quoted` `` or `[quoted]`) and
/// returns it with the rest of the text.
fn read_name(text: &str) -> Option<(Name, &str)> {
    let text = text.trim_start();
    let mut characters = text.char_indices();
    let (_, first) = characters.next()?;
    let closing = match first {
        '"' => Some('"'),
        '`' => Some('`'),
        '[' => Some(']'),
        _ => None,
    };
    if let Some(closing) = closing {
        let end = text[1..].find(closing)? + 1;
        return Some((
            Name {
                text: text[1..end].to_string(),
                quoted: true,
            },
            &text[end + 1..],
        ));
    }
    let end = text
        .find(|character: char| {
            !(character.is_alphanumeric() || character == '_' || character == '$')
        })
        .unwrap_or(text.len());
    (end > 0).then(|| {
        (
            Name {
                text: text[..end].to_string(),
                quoted: false,
            },
            &text[end..],
        )
    })
}

/// Declares the `renames` on `target` (the desired schema) where they make sense against `start`
/// (the current one): the old name exists before and the new one does not, as a `schema.toml`
/// rename would. Returns how many were declared.
pub fn declare_renames(renames: &[Rename], start: &Schema, target: &mut Schema) -> usize {
    let mut declared = 0;
    for rename in renames {
        if let Rename::Table { new, old } = rename {
            let Some(old_name) = find(start.tables.iter().map(|table| table.name.as_str()), old)
            else {
                continue;
            };
            let old_exists_after = target.tables.iter().any(|table| table.name == old_name);
            let Some(table) = target
                .tables
                .iter_mut()
                .find(|table| new.matches(&table.name))
            else {
                continue;
            };
            let new_exists_before = start.tables.iter().any(|before| before.name == table.name);
            if !new_exists_before && !old_exists_after {
                table.renamed_from = Some(old_name);
                declared += 1;
            }
        }
    }
    for rename in renames {
        if let Rename::Column { table, new, old } = rename {
            let Some(target_table) = target
                .tables
                .iter_mut()
                .find(|candidate| table.matches(&candidate.name))
            else {
                continue;
            };
            let before_name = target_table
                .renamed_from
                .clone()
                .unwrap_or_else(|| target_table.name.clone());
            let Some(start_table) = start
                .tables
                .iter()
                .find(|candidate| candidate.name == before_name)
            else {
                continue;
            };
            let columns_before = || {
                start_table
                    .columns
                    .iter()
                    .map(|column| column.name.as_str())
            };
            let Some(old_name) = find(columns_before(), old) else {
                continue;
            };
            let old_exists_after = target_table
                .columns
                .iter()
                .any(|column| column.name == old_name);
            let Some(column) = target_table
                .columns
                .iter_mut()
                .find(|column| new.matches(&column.name))
            else {
                continue;
            };
            let new_exists_before = columns_before().any(|before| before == column.name);
            if !new_exists_before && !old_exists_after {
                column.renamed_from = Some(old_name);
                declared += 1;
            }
        }
    }
    declared
}

/// The one name among `names` that `name` matches (exactly first, then regardless of case).
fn find<'a>(names: impl Iterator<Item = &'a str> + Clone, name: &Name) -> Option<String> {
    if let Some(exact) = names.clone().find(|candidate| *candidate == name.text) {
        return Some(exact.to_string());
    }
    let mut matching = names.filter(|candidate| name.matches(candidate));
    match (matching.next(), matching.next()) {
        (Some(only), None) => Some(only.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bare(text: &str) -> Name {
        Name {
            text: text.to_string(),
            quoted: false,
        }
    }

    #[test]
    fn reads_table_and_column_annotations() {
        let ddl = "CREATE TABLE \"user_profiles\" ( -- @renamed from=\"user accounts\"\n  id bigint NOT NULL,\n  user_name text, -- @renamed from=username\n  INDEX email_idx (email) -- @renamed from=idx_email\n);\nCREATE INDEX new_idx /* @renamed from=old_idx */ ON test (id);\n";
        assert_eq!(
            annotated_renames(ddl),
            vec![
                Rename::Table {
                    new: Name {
                        text: "user_profiles".to_string(),
                        quoted: true
                    },
                    old: Name {
                        text: "user accounts".to_string(),
                        quoted: true
                    },
                },
                Rename::Column {
                    table: Name {
                        text: "user_profiles".to_string(),
                        quoted: true
                    },
                    new: bare("user_name"),
                    old: bare("username"),
                },
            ]
        );
    }
}
