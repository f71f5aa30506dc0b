//! Building one query's SQL and parameters together, so that each placeholder stays tied to the
//! parameter it stands for.

use dbkit_sdk::Dialect;

use super::model::{Parameter, SqlPart};
use super::names::unique_name;

/// The text a dialect method is given in place of the `index`-th parameter of a template; the
/// method returns SQL that holds each marker exactly once. NUL characters never occur in SQL.
pub(crate) fn marker(index: usize) -> String {
    format!("\u{0}{index}\u{0}")
}

/// A dialect method's output that did not hold each marker exactly once.
#[derive(Debug)]
pub(crate) struct TemplateError {
    /// What the method returned, markers shown as `<parameter N>`.
    pub(crate) output: String,
}

/// SQL being written: text and placeholders, with the parameters in placeholder order.
#[derive(Debug, Default)]
pub(crate) struct SqlBuilder {
    parts: Vec<SqlPart>,
    parameters: Vec<Parameter>,
    taken_names: Vec<String>,
}

impl SqlBuilder {
    /// Appends SQL text.
    pub(crate) fn text(&mut self, sql: &str) {
        if sql.is_empty() {
            return;
        }
        if let Some(SqlPart::Text(last)) = self.parts.last_mut() {
            last.push_str(sql);
        } else {
            self.parts.push(SqlPart::Text(sql.to_string()));
        }
    }

    /// Appends the placeholder of a new parameter. Its name is made unique within the query.
    pub(crate) fn parameter(&mut self, mut parameter: Parameter) {
        parameter.name = unique_name(parameter.name, &mut self.taken_names);
        self.parts.push(SqlPart::Parameter(self.parameters.len()));
        self.parameters.push(parameter);
    }

    /// Appends the output of a dialect method that was given [`marker`]`(i)` for the `i`-th of
    /// `parameters`; the parameters take their places in the order their markers appear.
    pub(crate) fn template(
        &mut self,
        output: &str,
        parameters: Vec<Parameter>,
    ) -> Result<(), TemplateError> {
        let fail = || TemplateError {
            output: shown(output),
        };
        let mut slots: Vec<Option<Parameter>> = parameters.into_iter().map(Some).collect();
        let mut rest = output;
        while let Some(start) = rest.find('\u{0}') {
            self.text(&rest[..start]);
            let after = &rest[start + 1..];
            let end = after.find('\u{0}').ok_or_else(fail)?;
            let index: usize = after[..end].parse().map_err(|_| fail())?;
            let parameter = slots
                .get_mut(index)
                .and_then(Option::take)
                .ok_or_else(fail)?;
            self.parameter(parameter);
            rest = &after[end + 1..];
        }
        self.text(rest);
        if slots.iter().any(Option::is_some) {
            return Err(fail());
        }
        Ok(())
    }

    /// The finished parts and parameters, and the SQL with `dialect`'s placeholders.
    pub(crate) fn finish(self, dialect: &dyn Dialect) -> (Vec<SqlPart>, Vec<Parameter>, String) {
        let mut sql = String::new();
        for part in &self.parts {
            match part {
                SqlPart::Text(text) => sql.push_str(text),
                SqlPart::Parameter(index) => sql.push_str(&dialect.placeholder(index + 1)),
            }
        }
        (self.parts, self.parameters, sql)
    }
}

/// A template output with its markers made readable, for error messages.
fn shown(output: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for character in output.chars() {
        if character == '\u{0}' {
            out.push_str(if inside { ">" } else { "<parameter " });
            inside = !inside;
        } else {
            out.push(character);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use dbkit_model::ColumnType;

    use super::*;
    use crate::queries::model::ParameterRole;

    fn limit(name: &str) -> Parameter {
        Parameter {
            name: name.into(),
            role: ParameterRole::Limit,
            table: None,
            column: None,
            column_type: ColumnType::BigInt,
            nullable: false,
            description: String::new(),
        }
    }

    #[test]
    fn templates_place_parameters_in_marker_order() {
        let mut builder = SqlBuilder::default();
        builder.text("X ");
        let output = format!("{} < {}", marker(1), marker(0));
        assert!(
            builder
                .template(&output, vec![limit("a"), limit("b")])
                .is_ok()
        );
        let names: Vec<&str> = builder.parameters.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["b", "a"]);
        assert_eq!(
            builder.parts,
            vec![
                SqlPart::Text("X ".into()),
                SqlPart::Parameter(0),
                SqlPart::Text(" < ".into()),
                SqlPart::Parameter(1)
            ]
        );
    }

    #[test]
    fn a_lost_or_repeated_marker_is_an_error() {
        let mut builder = SqlBuilder::default();
        assert!(builder.template("LIMIT 10", vec![limit("a")]).is_err());
        let repeated = format!("{0} {0}", marker(0));
        let error = SqlBuilder::default()
            .template(&repeated, vec![limit("a")])
            .err();
        assert_eq!(
            error.map(|error| error.output),
            Some("<parameter 0> <parameter 0>".into())
        );
    }

    #[test]
    fn parameter_names_stay_unique() {
        let mut builder = SqlBuilder::default();
        builder.parameter(limit("limit"));
        builder.parameter(limit("limit"));
        let names: Vec<&str> = builder.parameters.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["limit", "limit_2"]);
    }
}
