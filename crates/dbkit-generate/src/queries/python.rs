//! The Python module of the handshake: one function per query, for any DB-API 2.0 driver.
//!
//! One module serves every dialect. It holds each query's SQL per dialect, written with `%s`
//! placeholders (the `format` paramstyle, with a literal `%` doubled), and picks the dialect
//! from the connection's driver module (`pymysql` → `mysql`, `psycopg` → `postgres`, `sqlite3`
//! → `sqlite`). The placeholders are rewritten once per driver into the paramstyle the driver
//! module declares (`?` for `qmark` drivers such as sqlite3, `:1` for `numeric`), so that
//! values are always bound by the driver, never formatted into the SQL.

use super::model::{Command, ParameterRole, Query, QueryKind, QuerySet};
use super::names::snake_case;
use super::sqlc::one_line;

/// Python's keywords, which cannot name a parameter.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// The module's name (without `.py`) for a project: `library` → `library_queries`.
pub fn module_name(project: &str) -> String {
    format!("{}_queries", snake_case(project))
}

/// A Python string literal holding `text`.
fn literal(text: &str) -> String {
    let mut out = String::from("\"");
    for character in text.chars() {
        match character {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            character if character.is_control() => {
                out.push_str(&format!("\\u{:04x}", u32::from(character)))
            }
            character => out.push(character),
        }
    }
    out.push('"');
    out
}

/// Text safe inside a `"""` docstring.
fn docstring_text(text: &str) -> String {
    one_line(text).replace('\\', "\\\\").replace('"', "\\\"")
}

/// The SQL of a query in the `format` paramstyle: `%s` placeholders, `%` doubled.
fn format_style_sql(query: &Query) -> String {
    query.render_sql(&|text| text.replace('%', "%%"), &|_| "%s".to_string())
}

/// The Python names of a query's parameters, in placeholder order: keywords and `conn` get a
/// trailing `_`, and names stay unique.
fn argument_names(query: &Query) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for parameter in &query.parameters {
        let mut name = parameter.name.clone();
        while KEYWORDS.contains(&name.as_str()) || name == "conn" || names.contains(&name) {
            name.push('_');
        }
        names.push(name);
    }
    names
}

/// The module text for `project`, holding the SQL of every set (one per dialect). The functions
/// come from the first set; the sets of one schema have the same queries in every dialect.
pub fn python_module(project: &str, sets: &[QuerySet]) -> String {
    let mut out = header(project, sets);
    let Some(first) = sets.first() else {
        return out;
    };
    out.push_str("__all__ = [\n    \"dialect_of\",\n");
    for query in first.queries() {
        out.push_str(&format!("    {},\n", literal(&query.function_name)));
    }
    out.push_str("]\n\n");
    out.push_str(RUNTIME);
    for table in &first.tables {
        out.push_str(&format!("\n\n# {}\n", one_line(&table.table)));
        for query in &table.queries {
            out.push_str(&function(query));
        }
    }
    out.push_str("\n\n_SQL = {\n");
    for set in sets {
        out.push_str(&format!("    {}: {{\n", literal(&set.dialect)));
        for query in set.queries() {
            out.push_str(&format!(
                "        {}: ({}, (\n",
                literal(&query.name),
                literal(query.command.annotation())
            ));
            let sql = format_style_sql(query);
            let lines: Vec<&str> = sql.split('\n').collect();
            for (position, line) in lines.iter().enumerate() {
                let text = if position + 1 < lines.len() {
                    format!("{line}\n")
                } else {
                    (*line).to_string()
                };
                out.push_str(&format!("            {}\n", literal(&text)));
            }
            out.push_str("        )),\n");
        }
        out.push_str("    },\n");
    }
    out.push_str("}\n");
    out
}

/// The module docstring, imports and the driver table.
fn header(project: &str, sets: &[QuerySet]) -> String {
    let mut drivers = String::new();
    for set in sets {
        drivers.push_str(&format!(
            "    {}: {}\n",
            set.dialect_display_name,
            if set.python_drivers.is_empty() {
                "(no known driver: add one to DRIVERS)".to_string()
            } else {
                set.python_drivers.join(", ")
            }
        ));
    }
    let mut out = format!(
        "\"\"\"{} — the queries of the dbkit handshake, for Python backends.\n\
         \n\
         Generated by dbkit from schema.toml: edit schema.toml and run `dbkit build --handshake python`\n\
         instead of this file.\n\
         \n\
         One function per query of <dialect>/queries/*.sql; README.md beside those files says what each\n\
         query does. Every function takes a DB-API 2.0 connection first and runs the SQL of the database\n\
         the connection's driver talks to:\n\
         \n\
         {drivers}\
         \n\
         Values are bound by the driver in its own paramstyle (%s for PyMySQL and psycopg, ? for sqlite3),\n\
         never formatted into the SQL. A column with a default is a keyword-only argument of create\n\
         functions; leave it out (None) to store the default. Rows come back as dicts keyed by column name; create functions\n\
         return the new row's generated key (None when the table has none), count functions an int,\n\
         update and delete functions the number of rows affected. Nothing is committed: call\n\
         conn.commit() when the unit of work is done, or use an autocommit connection.\n\
         \n\
         For a driver not listed, map its module to a dialect first:\n\
         \n\
         \x20   {module}.DRIVERS[\"my_driver\"] = \"mysql\"\n\
         \"\"\"\n\
         \n\
         import itertools\n\
         import re\n\
         import sys\n\
         \n\
         DRIVERS = {{\n",
        docstring_text(project),
        module = module_name(project)
    );
    for set in sets {
        for driver in &set.python_drivers {
            out.push_str(&format!(
                "    {}: {},\n",
                literal(driver),
                literal(&set.dialect)
            ));
        }
    }
    out.push_str("}\n\n");
    out
}

/// What every generated function calls: finding the dialect and paramstyle, running a query.
const RUNTIME: &str = r#"_PLACEHOLDER = re.compile(r"%([s%])")
_STATEMENTS = {}


def _driver(conn):
    """The dialect and paramstyle of conn's driver, from the first class of conn whose module
    (or a parent package of it) is in DRIVERS."""
    for klass in type(conn).__mro__:
        module = klass.__module__ or ""
        while module:
            if module in DRIVERS:
                paramstyle = getattr(sys.modules.get(module), "paramstyle", "format")
                return DRIVERS[module], paramstyle
            module = module.rpartition(".")[0]
    raise LookupError(
        "no dialect is known for connections of %s.%s; add its driver module to DRIVERS, as in "
        "DRIVERS[\"my_driver\"] = \"mysql\" (known: %s)"
        % (type(conn).__module__, type(conn).__qualname__, ", ".join(sorted(DRIVERS)))
    )


def dialect_of(conn):
    """The dialect whose SQL runs on conn ("mysql", "postgres", "sqlite"...)."""
    return _driver(conn)[0]


def _statement(conn, name):
    """The command and SQL of query name for conn, in its driver's paramstyle."""
    dialect, paramstyle = _driver(conn)
    key = (dialect, paramstyle, name)
    if key not in _STATEMENTS:
        try:
            command, sql = _SQL[dialect][name]
        except KeyError:
            raise LookupError("the query %s has no SQL for the %s dialect" % (name, dialect)) from None
        if paramstyle == "qmark":
            sql = _PLACEHOLDER.sub(lambda match: "?" if match.group(1) == "s" else "%", sql)
        elif paramstyle == "numeric":
            counter = itertools.count(1)
            sql = _PLACEHOLDER.sub(lambda match: ":%d" % next(counter) if match.group(1) == "s" else "%", sql)
        elif paramstyle not in ("format", "pyformat"):
            raise LookupError("the %s paramstyle of this driver is not supported" % paramstyle)
        _STATEMENTS[key] = (command, sql)
    return _STATEMENTS[key]


def _row(cursor, row):
    """A result row as a dict keyed by column name."""
    if isinstance(row, dict):
        return dict(row)
    return {column[0]: value for column, value in zip(cursor.description, row)}


def _run(conn, name, parameters):
    """Runs query name with parameters on conn and returns what its command says."""
    command, sql = _statement(conn, name)
    cursor = conn.cursor()
    try:
        cursor.execute(sql, parameters)
        if command == ":one":
            row = cursor.fetchone()
            return None if row is None else _row(cursor, row)
        if command == ":many":
            return [_row(cursor, row) for row in cursor.fetchall()]
        if command == ":execrows":
            return cursor.rowcount
        if command == ":execlastid":
            return cursor.lastrowid
        return None
    finally:
        cursor.close()


def _new_key(result):
    """The generated key from a create query's result: the value of a RETURNING row's only
    column, the last insert id, or None."""
    if isinstance(result, dict):
        values = list(result.values())
        return values[0] if len(values) == 1 else result
    return result
"#;

/// One query's function.
fn function(query: &Query) -> String {
    let names = argument_names(query);
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for (name, parameter) in names.iter().zip(&query.parameters) {
        if parameter.role == ParameterRole::ValueOrDefault {
            optional.push(format!("{name}=None"));
        } else {
            required.push(name.clone());
        }
    }
    let keyword_only = (!optional.is_empty()).then(|| "*".to_string());
    let signature: Vec<String> = std::iter::once("conn".to_string())
        .chain(required)
        .chain(keyword_only)
        .chain(optional)
        .collect();
    let mut doc = format!("    \"\"\"{}\n", docstring_text(&query.purpose));
    if !names.is_empty() {
        doc.push('\n');
    }
    for (name, parameter) in names.iter().zip(&query.parameters) {
        let none = if parameter.role == ParameterRole::Value && parameter.nullable {
            ", or None"
        } else {
            ""
        };
        doc.push_str(&format!(
            "    {name}: {} ({}{none})\n",
            docstring_text(&parameter.description),
            docstring_text(&parameter.column_type.to_string())
        ));
    }
    let columns: Vec<&str> = query
        .result_columns
        .iter()
        .map(|column| column.name.as_str())
        .collect();
    let returns = match (&query.kind, query.command) {
        (QueryKind::Create, _) if columns.is_empty() => "Returns None.".to_string(),
        (QueryKind::Create, _) => format!(
            "Returns the new row's generated {}.",
            docstring_text(&columns.join(", "))
        ),
        (QueryKind::Count, _) => "Returns the count as an int.".to_string(),
        (_, Command::One) => format!(
            "Returns the row as a dict ({}), or None.",
            docstring_text(&columns.join(", "))
        ),
        (_, Command::Many) => format!(
            "Returns a list of dicts ({}).",
            docstring_text(&columns.join(", "))
        ),
        (_, Command::ExecRows) => "Returns the number of rows affected.".to_string(),
        (_, Command::ExecLastId) => "Returns the last insert id.".to_string(),
        (_, Command::Exec) => "Returns None.".to_string(),
    };
    doc.push_str(&format!("\n    {returns}\n    \"\"\"\n"));
    let arguments = match names.as_slice() {
        [] => "()".to_string(),
        [only] => format!("({only},)"),
        many => format!("({})", many.join(", ")),
    };
    let run = format!("_run(conn, {}, {arguments})", literal(&query.name));
    let body = match query.kind {
        QueryKind::Create => format!("    return _new_key({run})\n"),
        QueryKind::Count => format!("    return {run}[\"count\"]\n"),
        _ => format!("    return {run}\n"),
    };
    format!(
        "\n\ndef {}({}):\n{doc}{body}",
        query.function_name,
        signature.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_what_python_reads_specially() {
        assert_eq!(literal("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
        assert_eq!(literal("tab\there"), "\"tab\\u0009here\"");
        assert_eq!(module_name("My Library"), "my_library_queries");
    }
}
