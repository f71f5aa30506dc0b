//! Errors in a `schema.toml`, located by file, line and column, and rendered for people.

use std::fmt;
use std::ops::Range;

/// One problem found in a `schema.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What is wrong, in one sentence.
    pub message: String,
    /// The byte range of the offending text in the file, when there is one.
    pub span: Option<Range<usize>>,
    /// How to fix it, when dbkit can tell.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A diagnostic pointing at `span`.
    pub fn at(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            message: message.into(),
            span: Some(span),
            help: None,
        }
    }

    /// Adds a hint on how to fix the problem.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a hint when there is one.
    pub fn with_optional_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }
}

/// Every problem found in one file, with the file's text so that each can be located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    /// The file's name as the user knows it (as given on the command line).
    pub file: String,
    /// The file's text.
    pub source: String,
    /// The problems, in the order of their position in the file.
    pub list: Vec<Diagnostic>,
}

/// A 1-based line and column (counted in characters) in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Line number, from 1.
    pub line: usize,
    /// Column number in characters, from 1.
    pub column: usize,
}

/// The line and column of byte offset `offset` in `source`.
pub fn locate(source: &str, offset: usize) -> Location {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    Location {
        line,
        column: source[line_start..offset].chars().count() + 1,
    }
}

impl Diagnostics {
    /// The location of a diagnostic's span, if it has one.
    pub fn location(&self, diagnostic: &Diagnostic) -> Option<Location> {
        diagnostic
            .span
            .as_ref()
            .map(|span| locate(&self.source, span.start))
    }

    fn render_one(&self, diagnostic: &Diagnostic, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location(diagnostic) {
            Some(location) => writeln!(
                out,
                "{}:{}:{}: error: {}",
                self.file, location.line, location.column, diagnostic.message
            )?,
            None => writeln!(out, "{}: error: {}", self.file, diagnostic.message)?,
        }
        if let (Some(span), Some(location)) = (&diagnostic.span, self.location(diagnostic)) {
            let line_text = self.source.lines().nth(location.line - 1).unwrap_or("");
            let line_start: usize = self
                .source
                .split_inclusive('\n')
                .take(location.line - 1)
                .map(str::len)
                .sum();
            let line_end = line_start + line_text.len();
            let end = span.end.clamp(span.start, line_end.max(span.start));
            let width = self
                .source
                .get(span.start..end)
                .map_or(1, |text| text.chars().count().max(1));
            let gutter = location.line.to_string().len();
            writeln!(out, "{:gutter$} |", "")?;
            writeln!(out, "{} | {}", location.line, line_text)?;
            writeln!(
                out,
                "{:gutter$} | {}{}",
                "",
                " ".repeat(location.column - 1),
                "^".repeat(width)
            )?;
        }
        if let Some(help) = &diagnostic.help {
            writeln!(out, "  = help: {help}")?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.list.iter().enumerate() {
            if index > 0 {
                writeln!(out)?;
            }
            self.render_one(diagnostic, out)?;
        }
        let count = self.list.len();
        write!(
            out,
            "\n{}: {count} error{} found",
            self.file,
            if count == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Diagnostics {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_and_columns_in_characters() {
        let source = "a = 1\nné = \"x\"\n";
        assert_eq!(locate(source, 0), Location { line: 1, column: 1 });
        let offset = source
            .find('=')
            .map(|first| source[first + 1..].find('=').unwrap_or(0) + first + 1);
        assert_eq!(
            locate(source, offset.unwrap_or(0)),
            Location { line: 2, column: 4 }
        );
    }

    #[test]
    fn renders_location_snippet_and_help() {
        let source = "[tables.books]\ncolumns.author = { references = \"autors\" }\n";
        let start = source.find("\"autors").unwrap_or_default();
        let diagnostics = Diagnostics {
            file: "schema.toml".into(),
            source: source.into(),
            list: vec![
                Diagnostic::at(
                    start..start + 8,
                    "unknown table \"autors\" in foreign key of books.author",
                )
                .with_help("did you mean \"authors\"?"),
            ],
        };
        assert_eq!(
            diagnostics.to_string(),
            "schema.toml:2:33: error: unknown table \"autors\" in foreign key of books.author\n  |\n2 | columns.author = { references = \"autors\" }\n  |                                 ^^^^^^^^\n  = help: did you mean \"authors\"?\n\nschema.toml: 1 error found"
        );
    }
}
