//! The query set: every query of the handshake, with its parameters and result columns, for one
//! dialect.

use dbkit_model::ColumnType;

/// What a query returns, in sqlc's terms (the annotation after the query's name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// One row, or none (`:one`).
    One,
    /// Any number of rows (`:many`).
    Many,
    /// Nothing (`:exec`).
    Exec,
    /// The number of rows changed (`:execrows`).
    ExecRows,
    /// The key the database generated for the inserted row (`:execlastid`).
    ExecLastId,
}

impl Command {
    /// The sqlc annotation: `:one`, `:many`, `:exec`, `:execrows` or `:execlastid`.
    pub fn annotation(self) -> &'static str {
        match self {
            Command::One => ":one",
            Command::Many => ":many",
            Command::Exec => ":exec",
            Command::ExecRows => ":execrows",
            Command::ExecLastId => ":execlastid",
        }
    }

    /// Reads an annotation back (`:one` gives [`Command::One`]).
    pub fn from_annotation(text: &str) -> Option<Command> {
        [
            Command::One,
            Command::Many,
            Command::Exec,
            Command::ExecRows,
            Command::ExecLastId,
        ]
        .into_iter()
        .find(|command| command.annotation() == text)
    }
}

/// Which side of a many-to-many junction table a query starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JunctionSide {
    /// The first table of `many_to_many` (the junction's first column).
    Left,
    /// The second table of `many_to_many` (the junction's second column).
    Right,
}

/// What a query does, so that tools (and tests) can use it without reading its SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryKind {
    /// Inserts one row (a junction table's `Link...` query too).
    Create,
    /// Reads the row with a primary key.
    Get,
    /// Reads the row with a value of a unique key.
    GetByUnique {
        /// The key's columns.
        columns: Vec<String>,
    },
    /// Lists rows in primary-key order: the first page, or the page after a cursor.
    List {
        /// Whether this is the page after a cursor (`...After`).
        after: bool,
    },
    /// Counts the rows.
    Count,
    /// Changes every column but the primary key of the row with a primary key.
    Update,
    /// Deletes the row with a primary key (a junction table's `Unlink...` query too).
    Delete,
    /// Lists the rows whose foreign key points at one parent row, in primary-key order.
    ListChildren {
        /// The foreign key's constraint name.
        foreign_key: String,
        /// Whether this is the page after a cursor (`...After`).
        after: bool,
    },
    /// Reads the parent row a child row's foreign key points at.
    GetParent {
        /// The foreign key's constraint name.
        foreign_key: String,
    },
    /// Lists the rows of one side of a many-to-many junction linked to a row of the other side.
    ListThrough {
        /// The side the given row belongs to; the query lists rows of the other side.
        from: JunctionSide,
        /// Whether this is the page after a cursor (`...After`).
        after: bool,
    },
}

/// What a parameter stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterRole {
    /// A value stored in the column (create, update).
    Value,
    /// A value stored in the column, where NULL means the column's default (create).
    ValueOrDefault,
    /// Rows whose column equals it are the ones the query reads, changes or deletes.
    Match,
    /// The column's value in the last row of the previous page (keyset pagination).
    After,
    /// The most rows the query returns.
    Limit,
}

/// One parameter of a query, in placeholder order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parameter {
    /// A name unique within the query, made of lowercase letters, digits and `_`.
    pub name: String,
    /// What the parameter stands for.
    pub role: ParameterRole,
    /// The table of the column the parameter is stored in or compared with (`None` for a limit).
    pub table: Option<String>,
    /// That column (`None` for a limit).
    pub column: Option<String>,
    /// The column's type (`bigint` for a limit).
    pub column_type: ColumnType,
    /// Whether NULL is a meaningful value for it.
    pub nullable: bool,
    /// One line on what to pass.
    pub description: String,
}

/// One column of a query's result, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultColumn {
    /// The name the column has in the result.
    pub name: String,
    /// The table the value comes from (`None` for a computed value such as a count).
    pub table: Option<String>,
    /// The column it comes from (`None` for a computed value).
    pub column: Option<String>,
    /// The value's type.
    pub column_type: ColumnType,
    /// Whether the value may be NULL.
    pub nullable: bool,
}

/// A piece of a query's SQL: text, or the parameter at an index of [`Query::parameters`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqlPart {
    /// SQL text, written as it is.
    Text(String),
    /// The placeholder of a parameter (an index into [`Query::parameters`]).
    Parameter(usize),
}

/// One query of the handshake.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    /// The query's name in sqlc's style (`GetBook`), unique in the whole set.
    pub name: String,
    /// The same name in snake case (`get_book`), for Python functions.
    pub function_name: String,
    /// What it returns.
    pub command: Command,
    /// What it does.
    pub kind: QueryKind,
    /// The table whose file holds it.
    pub table: String,
    /// One sentence on what it does, for comments and the README.
    pub purpose: String,
    /// Parameters in placeholder order; each appears exactly once in the SQL.
    pub parameters: Vec<Parameter>,
    /// The result's columns: the rows' columns for `:one` and `:many`, the generated key's
    /// column for `:execlastid`, empty otherwise.
    pub result_columns: Vec<ResultColumn>,
    /// The SQL as parts, so that it can be written with any placeholder style.
    pub parts: Vec<SqlPart>,
    /// The SQL with the dialect's placeholders, without a closing semicolon.
    pub sql: String,
}

impl Query {
    /// The SQL with each parameter written by `placeholder` (given the 1-based position) and
    /// each text part passed through `text`.
    pub fn render_sql(
        &self,
        text: &dyn Fn(&str) -> String,
        placeholder: &dyn Fn(usize) -> String,
    ) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                SqlPart::Text(sql) => out.push_str(&text(sql)),
                SqlPart::Parameter(index) => out.push_str(&placeholder(index + 1)),
            }
        }
        out
    }
}

/// The queries on one table, written to `queries/<file_stem>.sql`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableQueries {
    /// The table's name.
    pub table: String,
    /// The file name without `.sql`: the table's name reduced to characters safe in any file
    /// system.
    pub file_stem: String,
    /// The queries, in the order they are written.
    pub queries: Vec<Query>,
    /// Why queries that need a primary key are missing, when the table has none.
    pub note: Option<String>,
}

/// Every query of the handshake for one schema and one dialect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuerySet {
    /// The project's name.
    pub project: String,
    /// The dialect's name (`mysql`).
    pub dialect: String,
    /// The dialect's display name (`MySQL / MariaDB`).
    pub dialect_display_name: String,
    /// The engine name sqlc knows the dialect by, if sqlc can read it.
    pub sqlc_engine: Option<String>,
    /// The Python driver modules of the dialect (`pymysql`).
    pub python_drivers: Vec<String>,
    /// The placeholder style, as the first placeholder looks (`?` or `$1`).
    pub placeholder_example: String,
    /// The queries, table by table in the schema's order.
    pub tables: Vec<TableQueries>,
}

impl QuerySet {
    /// Every query, table by table.
    pub fn queries(&self) -> impl Iterator<Item = &Query> {
        self.tables.iter().flat_map(|table| table.queries.iter())
    }

    /// The query with this name.
    pub fn query(&self, name: &str) -> Option<&Query> {
        self.queries().find(|query| query.name == name)
    }
}
