//! Functional dependencies declared on a table: `functional_dependencies = ["zip_code -> city, state"]`.
//!
//! A functional dependency `X -> Y` says that rows that agree on the columns `X` (the
//! determinant) also agree on the columns `Y` (the dependent columns). Keys imply their own
//! dependencies; the ones written in `schema.toml` are the others the designer knows of, which the
//! normal-form analysis (see [`crate::normal_form`]) checks.

use std::fmt;

use serde::{Deserialize, Serialize};

/// One functional dependency `determinant -> dependent` between columns of one table.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FunctionalDependency {
    /// The columns whose values determine the others, in the order written.
    pub determinant: Vec<String>,
    /// The columns they determine, in the order written.
    pub dependent: Vec<String>,
}

impl fmt::Display for FunctionalDependency {
    /// Writes the dependency as it is written in `schema.toml`: `a, b -> c`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} -> {}",
            self.determinant.join(", "),
            self.dependent.join(", ")
        )
    }
}

/// One column name in a written dependency with its byte offset in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenColumn {
    /// The column name, trimmed.
    pub name: String,
    /// Byte offset of the name in the dependency's text.
    pub offset: usize,
}

/// A dependency as read from its text, with where each column was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenDependency {
    /// The determinant's columns.
    pub determinant: Vec<WrittenColumn>,
    /// The dependent columns.
    pub dependent: Vec<WrittenColumn>,
}

/// Reads `"a, b -> c, d"`; the error says what is wrong in a few words.
pub fn parse_functional_dependency(text: &str) -> Result<WrittenDependency, String> {
    let Some((left, right)) = text.split_once("->") else {
        return Err(
            "it has no \"->\" between the determinant and the dependent columns".to_string(),
        );
    };
    if right.contains("->") {
        return Err("it has more than one \"->\"; write one dependency per string".to_string());
    }
    let columns = |part: &str, start: usize, side: &str| -> Result<Vec<WrittenColumn>, String> {
        let mut list = Vec::new();
        let mut offset = start;
        for piece in part.split(',') {
            let name = piece.trim();
            if name.is_empty() {
                return Err(format!("a column name is missing on the {side} side"));
            }
            let leading = piece.len() - piece.trim_start().len();
            list.push(WrittenColumn {
                name: name.to_string(),
                offset: offset + leading,
            });
            offset += piece.len() + 1;
        }
        Ok(list)
    };
    let determinant = columns(left, 0, "left")?;
    let dependent = columns(right, left.len() + 2, "right")?;
    Ok(WrittenDependency {
        determinant,
        dependent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_sides_with_offsets() {
        let text = "zip_code -> city, state";
        let written = parse_functional_dependency(text).expect("valid");
        let names =
            |list: &[WrittenColumn]| list.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&written.determinant), ["zip_code"]);
        assert_eq!(names(&written.dependent), ["city", "state"]);
        for column in written.determinant.iter().chain(&written.dependent) {
            assert_eq!(
                &text[column.offset..column.offset + column.name.len()],
                column.name
            );
        }
    }

    #[test]
    fn rejects_missing_arrow_and_empty_names() {
        assert!(parse_functional_dependency("zip_code city").is_err());
        assert!(parse_functional_dependency("zip_code -> ").is_err());
        assert!(parse_functional_dependency("a, -> b").is_err());
        assert!(parse_functional_dependency("a -> b -> c").is_err());
    }

    #[test]
    fn displays_as_written_in_schema_toml() {
        let dependency = FunctionalDependency {
            determinant: vec!["a".into(), "b".into()],
            dependent: vec!["c".into()],
        };
        assert_eq!(dependency.to_string(), "a, b -> c");
    }
}
