//! The plugin protocol without a library in between: a `RemoteDialect` whose transport calls
//! `serve` directly answers every method exactly as the dialect itself does, and every way the
//! other side can misbehave becomes an error naming the plugin.

use std::sync::Mutex;

use dbkit_sdk::model::{
    Column, ColumnType, DefaultValue, ForeignKey, Index, ParseOptions, Schema, Table, parse_schema,
};
use dbkit_sdk::protocol::{
    PROTOCOL_VERSION, RemoteDialect, RemoteError, RemoteProblem, Transport, TransportError, serve,
};
use dbkit_sdk::{Dialect, DialectError, DialectInfo};

/// A dialect that overrides every method with an answer that shows which method gave it.
struct Marked;

impl Dialect for Marked {
    fn info(&self) -> DialectInfo {
        let mut info = DialectInfo::new("marked", "Marked SQL", "9.8.7", 42);
        info.supports_alter_foreign_keys = false;
        info
    }
    fn column_type(&self, table: &Table, column: &Column) -> Result<String, DialectError> {
        match column.column_type {
            ColumnType::Json => Err(DialectError::unsupported(
                "marked",
                table,
                column,
                "the type json",
            )),
            _ => Ok(format!("TYPE<{}.{}>", table.name, column.name)),
        }
    }
    fn quote_identifier(&self, name: &str) -> String {
        format!("[{}]", name.replace(']', "]]"))
    }
    fn quote_string(&self, text: &str) -> String {
        format!("N'{}'", text.replace('\'', "''"))
    }
    fn default_value(
        &self,
        _: &Table,
        column: &Column,
        value: &DefaultValue,
    ) -> Result<String, DialectError> {
        Ok(format!("DEFAULT<{}:{value:?}>", column.name))
    }
    fn auto_increment_clause(
        &self,
        _: &Table,
        column: &Column,
    ) -> Result<Option<String>, DialectError> {
        Ok(column.auto_increment.then(|| "IDENTITY(1,1)".to_string()))
    }
    fn column_definition(&self, table: &Table, column: &Column) -> Result<String, DialectError> {
        Ok(format!(
            "COLUMN<{} {}>",
            column.name,
            self.column_type(table, column)?
        ))
    }
    fn type_check(&self, table: &Table, column: &Column) -> Result<Option<String>, DialectError> {
        Ok(Some(format!("TYPE_CHECK<{}.{}>", table.name, column.name)))
    }
    fn default_type_check(
        &self,
        _: &Table,
        column: &Column,
    ) -> Result<Option<String>, DialectError> {
        Ok((column.name == "status").then(|| "DEFAULT_TYPE_CHECK".to_string()))
    }
    fn check_expression(&self, table: &Table, expression: &str) -> Result<String, DialectError> {
        Ok(format!("CHECK<{}: {expression}>", table.name))
    }
    fn column_list(&self, columns: &[String]) -> String {
        format!("LIST<{}>", columns.join("|"))
    }
    fn foreign_key_clause(&self, _: &Table, key: &ForeignKey) -> Result<String, DialectError> {
        Ok(format!("FK<{} {}>", key.name, key.on_delete.sql()))
    }
    fn table_elements(
        &self,
        table: &Table,
        deferred: &[String],
    ) -> Result<Vec<String>, DialectError> {
        Ok(vec![
            format!("ELEMENTS<{}>", table.name),
            deferred.join(","),
        ])
    }
    fn primary_key_is_inline(&self, table: &Table) -> bool {
        table.name == "tags"
    }
    fn table_options(&self, table: &Table) -> Result<String, DialectError> {
        Ok(format!(" OPTIONS<{}>", table.name))
    }
    fn create_table(
        &self,
        table: &Table,
        deferred: &[String],
    ) -> Result<Vec<String>, DialectError> {
        Ok(vec![
            format!("CREATE<{}>", table.name),
            format!("DEFERRED<{}>", deferred.join(",")),
        ])
    }
    fn create_index(&self, table: &Table, index: &Index) -> Result<String, DialectError> {
        Ok(format!("INDEX<{} ON {}>", index.name, table.name))
    }
    fn comment_statements(&self, table: &Table) -> Result<Vec<String>, DialectError> {
        Ok(table
            .comment
            .iter()
            .map(|comment| format!("COMMENT<{comment}>"))
            .collect())
    }
    fn add_foreign_key(&self, table: &Table, key: &ForeignKey) -> Result<String, DialectError> {
        Ok(format!("ADD_FK<{} {}>", table.name, key.name))
    }
    fn drop_foreign_key(&self, table: &Table, key: &ForeignKey) -> Result<String, DialectError> {
        Ok(format!("DROP_FK<{} {}>", table.name, key.name))
    }
    fn drop_table(&self, table: &Table) -> Result<String, DialectError> {
        Ok(format!("DROP<{}>", table.name))
    }
    fn create_prologue(&self, schema: &Schema) -> Result<Vec<String>, DialectError> {
        Ok(vec![format!("CREATE_PROLOGUE<{}>", schema.project.name)])
    }
    fn drop_prologue(&self, schema: &Schema) -> Result<Vec<String>, DialectError> {
        Ok(vec![format!("DROP_PROLOGUE<{}>", schema.tables.len())])
    }
    fn drop_epilogue(&self, _: &Schema) -> Result<Vec<String>, DialectError> {
        Err(DialectError::Invalid {
            location: "everywhere".into(),
            message: "no epilogue today".into(),
        })
    }
    fn placeholder(&self, position: usize) -> String {
        format!(":p{position}")
    }
    fn supports_returning(&self) -> bool {
        true
    }
    fn keyset_after(&self, columns: &[String], placeholders: &[String]) -> String {
        format!("KEYSET<{}|{}>", columns.join(","), placeholders.join(","))
    }
    fn limit_clause(&self, placeholder: &str) -> String {
        format!("FETCH FIRST {placeholder} ROWS ONLY")
    }
    fn typed_placeholder(
        &self,
        table: &Table,
        column: &Column,
        placeholder: &str,
    ) -> Result<String, DialectError> {
        Ok(format!(
            "CAST({placeholder} AS {})",
            self.column_type(table, column)?
        ))
    }
    fn insert_default_values(&self) -> String {
        "VALUES (DEFAULT)".into()
    }
    fn sqlc_engine(&self) -> Option<String> {
        Some("marked".into())
    }
    fn python_drivers(&self) -> Vec<String> {
        vec!["marked_driver".into(), "other".into()]
    }
}

/// Calls `serve` in this process, as a loaded library would.
struct InMemory;

impl Transport for InMemory {
    fn call(&self, request: &[u8]) -> Result<Vec<u8>, TransportError> {
        Ok(serve(&Marked, request))
    }
}

/// Answers `info` properly (unless `info_too`), and everything else with `answer`.
struct Scripted {
    answer: Result<Vec<u8>, TransportError>,
    info_too: bool,
}

impl Scripted {
    fn new(answer: Result<Vec<u8>, TransportError>) -> Scripted {
        Scripted {
            answer,
            info_too: false,
        }
    }
}

impl Transport for Scripted {
    fn call(&self, request: &[u8]) -> Result<Vec<u8>, TransportError> {
        if !self.info_too && request.windows(6).any(|window| window == b"\"info\"") {
            return Ok(serve(&Marked, request));
        }
        self.answer.clone()
    }
}

/// Records the requests it forwards.
struct Recording {
    requests: Mutex<Vec<String>>,
}

impl Transport for &Recording {
    fn call(&self, request: &[u8]) -> Result<Vec<u8>, TransportError> {
        (*self).call(request)
    }
}

impl Transport for Recording {
    fn call(&self, request: &[u8]) -> Result<Vec<u8>, TransportError> {
        let mut requests = self
            .requests
            .lock()
            .map_err(|_| TransportError::Failed("poisoned".into()))?;
        requests.push(String::from_utf8_lossy(request).into_owned());
        Ok(serve(&Marked, request))
    }
}

const SCHEMA: &str = r#"
[project]
name = "shop"

[tables.customers]
comment = "People who buy"
columns.id = "id"
columns.name = { type = "varchar(100)", default = "it's me" }
columns.status = "enum(new, known)"
columns.profile = "json?"

[tables.orders]
columns.id = "id"
columns.customer_id = { references = "customers", on_delete = "cascade" }
columns.total = { type = "decimal(10,2)", default = 0.5 }
checks.positive = "total >= 0"
indexes.orders_by_total = ["total"]

[tables.tags]
columns.id = "id"
columns.label = { type = "varchar(20)", unique = true }
"#;

fn schema() -> Schema {
    match parse_schema(SCHEMA, "schema.toml", &ParseOptions::default()) {
        Ok(schema) => schema,
        Err(diagnostics) => panic!("the test schema is valid:\n{diagnostics}"),
    }
}

fn connect<T: Transport>(transport: T) -> RemoteDialect<T> {
    match RemoteDialect::connect("libmarked.so", transport, PROTOCOL_VERSION) {
        Ok(dialect) => dialect,
        Err(error) => panic!("the in-memory plugin connects: {error}"),
    }
}

fn table<'a>(schema: &'a Schema, name: &str) -> &'a Table {
    schema
        .table(name)
        .unwrap_or_else(|| panic!("table {name} is in the test schema"))
}

fn column<'a>(table: &'a Table, name: &str) -> &'a Column {
    table
        .column(name)
        .unwrap_or_else(|| panic!("column {name} is in table {}", table.name))
}

#[test]
fn every_method_answers_as_the_dialect_itself() {
    let schema = schema();
    let remote = connect(InMemory);
    let local: &dyn Dialect = &Marked;
    let remote: &dyn Dialect = &remote;
    let customers = table(&schema, "customers");
    let orders = table(&schema, "orders");
    let deferred = vec!["fk_orders_customer_id".to_string(), "other".to_string()];
    let key = &orders.foreign_keys[0];
    let index = &orders.indexes[0];
    let weird_names = ["order", "a]b", "\"quoted\"", "ünïcödé", ""];

    assert_eq!(remote.info(), local.info());
    for name in weird_names {
        assert_eq!(remote.quote_identifier(name), local.quote_identifier(name));
        assert_eq!(remote.quote_string(name), local.quote_string(name));
    }
    assert_eq!(remote.column_list(&deferred), local.column_list(&deferred));
    assert_eq!(remote.column_list(&[]), local.column_list(&[]));
    for table in &schema.tables {
        assert_eq!(
            remote.primary_key_is_inline(table),
            local.primary_key_is_inline(table)
        );
        assert_eq!(
            remote.table_elements(table, &deferred),
            local.table_elements(table, &deferred)
        );
        assert_eq!(remote.table_options(table), local.table_options(table));
        assert_eq!(
            remote.create_table(table, &deferred),
            local.create_table(table, &deferred)
        );
        assert_eq!(
            remote.comment_statements(table),
            local.comment_statements(table)
        );
        assert_eq!(remote.drop_table(table), local.drop_table(table));
        for column in &table.columns {
            assert_eq!(
                remote.column_type(table, column),
                local.column_type(table, column)
            );
            assert_eq!(
                remote.auto_increment_clause(table, column),
                local.auto_increment_clause(table, column)
            );
            assert_eq!(
                remote.column_definition(table, column),
                local.column_definition(table, column)
            );
            assert_eq!(
                remote.type_check(table, column),
                local.type_check(table, column)
            );
            assert_eq!(
                remote.default_type_check(table, column),
                local.default_type_check(table, column)
            );
            if let Some(value) = &column.default {
                assert_eq!(
                    remote.default_value(table, column, value),
                    local.default_value(table, column, value)
                );
            }
        }
    }
    assert_eq!(
        remote.check_expression(orders, "total >= 0"),
        local.check_expression(orders, "total >= 0")
    );
    assert_eq!(
        remote.foreign_key_clause(orders, key),
        local.foreign_key_clause(orders, key)
    );
    assert_eq!(
        remote.create_index(orders, index),
        local.create_index(orders, index)
    );
    assert_eq!(
        remote.add_foreign_key(orders, key),
        local.add_foreign_key(orders, key)
    );
    assert_eq!(
        remote.drop_foreign_key(orders, key),
        local.drop_foreign_key(orders, key)
    );
    assert_eq!(
        remote.create_prologue(&schema),
        local.create_prologue(&schema)
    );
    assert_eq!(remote.drop_prologue(&schema), local.drop_prologue(&schema));
    assert_eq!(remote.drop_epilogue(&schema), local.drop_epilogue(&schema));

    for position in [0, 1, usize::MAX] {
        assert_eq!(remote.placeholder(position), local.placeholder(position));
    }
    assert_eq!(remote.supports_returning(), local.supports_returning());
    assert_eq!(
        remote.keyset_after(&deferred, &["?".to_string()]),
        local.keyset_after(&deferred, &["?".to_string()])
    );
    assert_eq!(remote.limit_clause(":p1"), local.limit_clause(":p1"));
    for column in &customers.columns {
        assert_eq!(
            remote.typed_placeholder(customers, column, "$1"),
            local.typed_placeholder(customers, column, "$1")
        );
    }
    assert_eq!(
        remote.insert_default_values(),
        local.insert_default_values()
    );
    assert_eq!(remote.sqlc_engine(), local.sqlc_engine());
    assert_eq!(remote.python_drivers(), local.python_drivers());

    // The answers are the dialect's own, errors included.
    assert_eq!(
        remote.column_type(customers, column(customers, "profile")),
        Err(DialectError::unsupported(
            "marked",
            customers,
            column(customers, "profile"),
            "the type json"
        ))
    );
    assert_eq!(remote.quote_identifier("a]b"), "[a]]b]");
}

#[test]
fn every_request_names_its_method_and_protocol() {
    let schema = schema();
    let remote = connect(Recording {
        requests: Mutex::new(Vec::new()),
    });
    let orders = table(&schema, "orders");
    assert_eq!(remote.drop_table(orders), Ok("DROP<orders>".to_string()));
    let requests = remote_requests(&remote);
    assert_eq!(requests.len(), 2, "{requests:?}");
    assert_eq!(
        requests[0],
        format!(r#"{{"protocol":{PROTOCOL_VERSION},"method":{{"info":{{}}}}}}"#)
    );
    assert!(
        requests[1].starts_with(&format!(r#"{{"protocol":{PROTOCOL_VERSION},"method":{{"drop_table":{{"table":{{"name":"orders","#)),
        "{}",
        requests[1]
    );
}

fn remote_requests(remote: &RemoteDialect<Recording>) -> Vec<String> {
    match remote.transport().requests.lock() {
        Ok(requests) => requests.clone(),
        Err(_) => panic!("the recording lock is poisoned"),
    }
}

fn connect_failure<T: Transport>(transport: T, protocol: u32) -> RemoteError {
    match RemoteDialect::connect("libmine.so", transport, protocol) {
        Ok(_) => panic!("the plugin should be refused"),
        Err(error) => error,
    }
}

#[test]
fn a_plugin_with_another_protocol_version_is_refused_before_any_call() {
    let recording = Recording {
        requests: Mutex::new(Vec::new()),
    };
    let error = connect_failure(&recording, PROTOCOL_VERSION + 1);
    assert_eq!(
        error.to_string(),
        format!(
            "plugin libmine.so: it speaks protocol version {}; this dbkit understands versions 1 to {PROTOCOL_VERSION}: rebuild the plugin against dbkit-sdk {}",
            PROTOCOL_VERSION + 1,
            env!("CARGO_PKG_VERSION")
        )
    );
    assert!(
        matches!(error.problem, RemoteProblem::IncompatibleProtocol { found, .. } if found == PROTOCOL_VERSION + 1)
    );
    let error = connect_failure(&recording, 0);
    assert!(matches!(
        error.problem,
        RemoteProblem::IncompatibleProtocol { found: 0, .. }
    ));
    assert_eq!(
        recording
            .requests
            .lock()
            .map(|requests| requests.len())
            .unwrap_or(usize::MAX),
        0
    );
}

#[test]
fn garbage_answers_are_reported_with_what_came_back() {
    let error = connect_failure(
        Scripted {
            answer: Ok(Vec::new()),
            info_too: true,
        },
        PROTOCOL_VERSION,
    );
    assert_eq!(
        error.to_string(),
        "plugin libmine.so: its answer to `info` is not valid: EOF while parsing a value at line 1 column 0 (the answer begins with \"\")"
    );

    let schema = schema();
    let orders = table(&schema, "orders");
    let remote = connect(Scripted::new(Ok(
        b"this is not JSON \xff and it goes on for quite a while".to_vec(),
    )));
    assert_eq!(
        remote.drop_table(orders),
        Err(DialectError::Invalid {
            location: "plugin libmarked.so".into(),
            message: "its answer to `drop_table` is not valid: expected value at line 1 column 1 (the answer begins with \"this is not JSON \u{fffd} and it goes on for qu\"...)".into(),
        })
    );

    let remote = connect(Scripted::new(Ok(
        br#"{"value": {"unexpected": true}}"#.to_vec()
    )));
    let error = remote
        .create_table(orders, &[])
        .expect_err("the answer has the wrong shape");
    assert_eq!(
        error.to_string(),
        "plugin libmarked.so: its answer to `create_table` is not valid: invalid type: map, expected a sequence"
    );
}

#[test]
fn a_panic_and_a_refusal_become_errors_naming_the_plugin() {
    let schema = schema();
    let orders = table(&schema, "orders");
    let remote = connect(Scripted::new(Err(TransportError::Panicked(
        "panicked at src/lib.rs:3:5: boom".into(),
    ))));
    assert_eq!(
        remote.drop_table(orders).map_err(|error| error.to_string()),
        Err(
            "plugin libmarked.so: it panicked in `drop_table`: panicked at src/lib.rs:3:5: boom"
                .to_string()
        )
    );
    let remote = connect(Scripted::new(Ok(
        br#"{"refused": {"reason": "unknown variant `drop_view`"}}"#.to_vec(),
    )));
    assert_eq!(
        remote.drop_table(orders).map_err(|error| error.to_string()),
        Err(
            "plugin libmarked.so: it refused `drop_table`: unknown variant `drop_view`".to_string()
        )
    );
}

#[test]
fn a_failure_in_a_method_without_errors_is_returned_by_the_next_fallible_one() {
    let schema = schema();
    let orders = table(&schema, "orders");
    let remote = connect(Scripted::new(Err(TransportError::Panicked(
        "panicked at src/lib.rs:9:1: no quotes".into(),
    ))));
    assert_eq!(remote.quote_identifier("order"), "");
    assert_eq!(remote.column_list(&["a".to_string()]), "");
    let kept = remote.take_failure().expect("the first failure is kept");
    assert_eq!(
        kept.to_string(),
        "plugin libmarked.so: it panicked in `quote_identifier`: panicked at src/lib.rs:9:1: no quotes"
    );
    assert_eq!(remote.take_failure(), None);

    assert!(!remote.primary_key_is_inline(orders));
    let error = remote
        .table_options(orders)
        .expect_err("the kept failure comes first");
    assert_eq!(
        error.to_string(),
        "plugin libmarked.so: it panicked in `primary_key_is_inline`: panicked at src/lib.rs:9:1: no quotes"
    );
}

#[test]
fn serve_refuses_requests_it_cannot_read() {
    let refused = |request: &[u8]| String::from_utf8(serve(&Marked, request)).unwrap_or_default();
    assert_eq!(
        refused(b"{"),
        r#"{"refused":{"reason":"cannot read the request: EOF while parsing an object at line 1 column 1"}}"#
    );
    assert!(
        refused(br#"{"protocol":1,"method":{"drop_view":{}}}"#).starts_with(
            r#"{"refused":{"reason":"cannot read the request: unknown variant `drop_view`, expected one of `info`, "#
        )
    );
    assert_eq!(
        refused(br#"{"protocol":99,"method":{"info":{}}}"#),
        format!(
            r#"{{"refused":{{"reason":"the request is written in protocol version 99, and this plugin speaks versions 1 to {PROTOCOL_VERSION}"}}}}"#
        )
    );
}
