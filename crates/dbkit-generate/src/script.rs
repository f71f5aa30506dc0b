//! A SQL script as a list of statements, rendered to text in one deterministic way.

/// One SQL statement, with an optional comment line written above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// A comment written as `-- ...` above the statement.
    pub comment: Option<String>,
    /// The statement, without the closing semicolon.
    pub sql: String,
}

/// A SQL script: a header and statements in the order they must run.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Script {
    /// Comment lines at the top of the file.
    pub header: Vec<String>,
    /// The statements, in order.
    pub statements: Vec<Statement>,
}

impl Script {
    /// Adds a statement without a comment.
    pub fn push(&mut self, sql: String) {
        self.statements.push(Statement { comment: None, sql });
    }

    /// Adds a statement with a comment line above it.
    pub fn push_commented(&mut self, comment: Option<String>, sql: String) {
        self.statements.push(Statement { comment, sql });
    }

    /// The statements' SQL alone, for executing one at a time.
    pub fn sql_statements(&self) -> Vec<&str> {
        self.statements
            .iter()
            .map(|statement| statement.sql.as_str())
            .collect()
    }

    /// The script as file text: the header, then each statement ended by `;` and a blank line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for line in &self.header {
            out.push_str("-- ");
            out.push_str(line);
            out.push('\n');
        }
        for statement in &self.statements {
            out.push('\n');
            if let Some(comment) = &statement.comment {
                for line in comment.lines() {
                    out.push_str("-- ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
            out.push_str(&statement.sql);
            out.push_str(";\n");
        }
        out
    }
}
