//! Errors instead of panics: every method of the dialect on odd input.
//!
//! The inputs start from a parsed fixture and are bent out of shape (empty and quote-laden names,
//! every type with defaults that do not fit it, empty lists, references to nothing, expressions
//! that do not parse). A method may return an error for any of them; it must not panic. When the
//! `Dialect` trait gains a method, it is probed here too.

use std::panic::{self, AssertUnwindSafe};

use dbkit_sdk::Dialect;
use dbkit_sdk::model::{
    Column, ColumnType, DefaultValue, ParseOptions, ReferentialAction, Schema, Table, parse_schema,
};

use crate::fixtures::FIXTURES;
use crate::violation::{Rule, Violation};

const ODD_NAMES: &[&str] = &[
    "",
    "a\"b",
    "a]b",
    "a`b",
    "it's",
    "two words",
    "ünïcödé",
    "nul\0byte",
    "--",
    "order",
];

const ODD_EXPRESSIONS: &[&str] = &[
    "",
    "((",
    "total >= 0 AND",
    "name = 'unterminated",
    "x @@@ y",
    "\0",
    "total >= 0",
];

fn odd_types() -> Vec<ColumnType> {
    vec![
        ColumnType::SmallInt,
        ColumnType::Int,
        ColumnType::BigInt,
        ColumnType::Decimal {
            precision: 0,
            scale: 5,
        },
        ColumnType::Decimal {
            precision: u32::MAX,
            scale: u32::MAX,
        },
        ColumnType::Real,
        ColumnType::Double,
        ColumnType::Char { length: 0 },
        ColumnType::Varchar { length: u32::MAX },
        ColumnType::Text,
        ColumnType::Boolean,
        ColumnType::Date,
        ColumnType::Time,
        ColumnType::Timestamp,
        ColumnType::TimestampTz,
        ColumnType::Uuid,
        ColumnType::Json,
        ColumnType::Blob,
        ColumnType::Enum { values: Vec::new() },
        ColumnType::Enum {
            values: vec!["it's".into(), "".into(), "\"q\"".into()],
        },
    ]
}

fn odd_defaults() -> Vec<Option<DefaultValue>> {
    vec![
        None,
        Some(DefaultValue::Integer(i64::MIN)),
        Some(DefaultValue::Number("not a number".into())),
        Some(DefaultValue::String("it's \"odd\"\0".into())),
        Some(DefaultValue::Boolean(true)),
        Some(DefaultValue::CurrentTimestamp),
        Some(DefaultValue::CurrentDate),
        Some(DefaultValue::CurrentTime),
    ]
}

/// Runs every method on odd input; reports the first panic of each method.
pub(crate) fn check(dialect: &dyn Dialect, violations: &mut Vec<Violation>) {
    let Some(base) = base_schema() else {
        return;
    };
    let mut probe = Probe {
        dialect,
        panicked: Vec::new(),
    };
    probe.schema(&base);
    let mut empty = base.clone();
    empty.tables.clear();
    empty.project.name = String::new();
    probe.schema(&empty);

    let odd_tables = odd_tables(&base);
    let mut odd_schema = base.clone();
    odd_schema.tables = odd_tables.clone();
    probe.schema(&odd_schema);
    for table in &odd_tables {
        probe.table(table);
    }
    for name in ODD_NAMES {
        probe.run("quote_identifier", &format!("{name:?}"), |dialect| {
            dialect.quote_identifier(name);
        });
        probe.run("quote_string", &format!("{name:?}"), |dialect| {
            dialect.quote_string(name);
        });
    }
    let names: Vec<String> = ODD_NAMES.iter().map(|name| name.to_string()).collect();
    probe.run("column_list", "odd names", |dialect| {
        dialect.column_list(&names);
    });
    probe.run("column_list", "no names", |dialect| {
        dialect.column_list(&[]);
    });
    for position in [0, 1, usize::MAX] {
        probe.run("placeholder", &format!("position {position}"), |dialect| {
            dialect.placeholder(position);
        });
    }
    let quoted: Vec<String> = names
        .iter()
        .map(|name| dialect.quote_identifier(name))
        .collect();
    for (columns, placeholders) in [
        (&quoted[..], &names[..1]),
        (&[][..], &[][..]),
        (&quoted[..1], &names[..]),
    ] {
        probe.run(
            "keyset_after",
            &format!(
                "{} columns and {} placeholders",
                columns.len(),
                placeholders.len()
            ),
            |dialect| {
                dialect.keyset_after(columns, placeholders);
            },
        );
    }
    for name in ODD_NAMES {
        probe.run("limit_clause", &format!("{name:?}"), |dialect| {
            dialect.limit_clause(name);
        });
    }
    probe.run("supports_returning", "no input", |dialect| {
        dialect.supports_returning();
    });
    probe.run("insert_default_values", "no input", |dialect| {
        dialect.insert_default_values();
    });
    probe.run("sqlc_engine", "no input", |dialect| {
        dialect.sqlc_engine();
    });
    probe.run("python_drivers", "no input", |dialect| {
        dialect.python_drivers();
    });
    for (method, input) in probe.panicked {
        violations.push(Violation::new(
            "odd input",
            Rule::NoPanics,
            format!("`{method}` panicked on {input}"),
        ));
    }
}

fn base_schema() -> Option<Schema> {
    let fixture = FIXTURES.first()?;
    parse_schema(fixture.source, fixture.name, &ParseOptions::default()).ok()
}

/// Tables bent out of shape, each from a table of `base`.
fn odd_tables(base: &Schema) -> Vec<Table> {
    let mut tables = Vec::new();
    for table in &base.tables {
        let Some(template) = table.columns.first() else {
            continue;
        };
        let mut every_type = table.clone();
        every_type.columns.clear();
        for (position, column_type) in odd_types().into_iter().enumerate() {
            for (variant, default) in odd_defaults().into_iter().enumerate() {
                let mut column: Column = template.clone();
                column.name = format!("c{position}_{variant}");
                column.column_type = column_type.clone();
                column.default = default;
                column.nullable = variant % 2 == 0;
                column.auto_increment = variant % 3 == 0;
                column.comment = Some(ODD_NAMES[variant % ODD_NAMES.len()].to_string());
                every_type.columns.push(column);
            }
        }
        tables.push(every_type);

        for name in ODD_NAMES {
            let mut renamed = table.clone();
            renamed.name = name.to_string();
            renamed.comment = Some(name.to_string());
            for column in &mut renamed.columns {
                column.name = format!("{name}{}", column.name);
            }
            tables.push(renamed);
        }

        let mut hollow = table.clone();
        hollow.columns.clear();
        tables.push(hollow);

        // Keys, indexes and checks are bent from the fixture's own, so that new fields of the
        // model keep their values.
        let mut dangling = table.clone();
        if let Some(template) = base
            .tables
            .iter()
            .flat_map(|table| &table.foreign_keys)
            .next()
        {
            let mut key = template.clone();
            key.name = "fk_dangling".into();
            key.columns = Vec::new();
            key.referenced_table = "no_such_table".into();
            key.referenced_columns = vec!["a".into(), "b".into()];
            key.on_delete = ReferentialAction::SetDefault;
            key.on_update = ReferentialAction::SetNull;
            dangling.foreign_keys.push(key);
        }
        if let Some(template) = base.tables.iter().flat_map(|table| &table.indexes).next() {
            let mut index = template.clone();
            index.name = format!("idx_{}_odd", table.name);
            index.columns = Vec::new();
            index.unique = true;
            dangling.indexes.push(index);
        }
        if let Some(key) = &mut dangling.primary_key {
            key.columns = vec!["no_such_column".into()];
        }
        if let Some(template) = base.tables.iter().flat_map(|table| &table.checks).next() {
            for expression in ODD_EXPRESSIONS {
                let mut check = template.clone();
                check.name = format!("ck_odd_{}", dangling.checks.len());
                check.expression = expression.to_string();
                dangling.checks.push(check);
            }
        }
        tables.push(dangling);
    }
    tables
}

/// Calls methods inside `catch_unwind`, keeping the first panic of each method.
struct Probe<'a> {
    dialect: &'a dyn Dialect,
    panicked: Vec<(&'static str, String)>,
}

impl Probe<'_> {
    fn run(&mut self, method: &'static str, input: &str, call: impl FnOnce(&dyn Dialect)) {
        if self.panicked.iter().any(|(seen, _)| *seen == method) {
            return;
        }
        let dialect = self.dialect;
        if panic::catch_unwind(AssertUnwindSafe(|| call(dialect))).is_err() {
            self.panicked.push((method, input.to_string()));
        }
    }

    fn schema(&mut self, schema: &Schema) {
        let input = format!(
            "a schema of {} tables named {:?}",
            schema.tables.len(),
            schema.project.name
        );
        self.run("create_prologue", &input, |dialect| {
            let _ = dialect.create_prologue(schema);
        });
        self.run("drop_prologue", &input, |dialect| {
            let _ = dialect.drop_prologue(schema);
        });
        self.run("drop_epilogue", &input, |dialect| {
            let _ = dialect.drop_epilogue(schema);
        });
    }

    fn table(&mut self, table: &Table) {
        let input = format!("table {:?}", table.name);
        let deferred: Vec<String> = table
            .foreign_keys
            .iter()
            .map(|key| key.name.clone())
            .chain(["no_such_key".to_string()])
            .collect();
        self.run("create_table", &input, |dialect| {
            let _ = dialect.create_table(table, &deferred);
            let _ = dialect.create_table(table, &[]);
        });
        self.run("table_elements", &input, |dialect| {
            let _ = dialect.table_elements(table, &deferred);
        });
        self.run("table_options", &input, |dialect| {
            let _ = dialect.table_options(table);
        });
        self.run("primary_key_is_inline", &input, |dialect| {
            dialect.primary_key_is_inline(table);
        });
        self.run("comment_statements", &input, |dialect| {
            let _ = dialect.comment_statements(table);
        });
        self.run("drop_table", &input, |dialect| {
            let _ = dialect.drop_table(table);
        });
        for key in &table.foreign_keys {
            let input = format!("foreign key {:?} of {input}", key.name);
            self.run("foreign_key_clause", &input, |dialect| {
                let _ = dialect.foreign_key_clause(table, key);
            });
            self.run("add_foreign_key", &input, |dialect| {
                let _ = dialect.add_foreign_key(table, key);
            });
            self.run("drop_foreign_key", &input, |dialect| {
                let _ = dialect.drop_foreign_key(table, key);
            });
        }
        for index in &table.indexes {
            self.run(
                "create_index",
                &format!("index {:?} of {input}", index.name),
                |dialect| {
                    let _ = dialect.create_index(table, index);
                },
            );
        }
        for expression in ODD_EXPRESSIONS {
            self.run(
                "check_expression",
                &format!("{expression:?} on {input}"),
                |dialect| {
                    let _ = dialect.check_expression(table, expression);
                },
            );
        }
        for column in &table.columns {
            self.column(table, column);
        }
    }

    fn column(&mut self, table: &Table, column: &Column) {
        let input = format!(
            "column {:?} ({}) of table {:?}",
            column.name, column.column_type, table.name
        );
        self.run("column_type", &input, |dialect| {
            let _ = dialect.column_type(table, column);
        });
        self.run("column_definition", &input, |dialect| {
            let _ = dialect.column_definition(table, column);
        });
        self.run("auto_increment_clause", &input, |dialect| {
            let _ = dialect.auto_increment_clause(table, column);
        });
        self.run("type_check", &input, |dialect| {
            let _ = dialect.type_check(table, column);
        });
        self.run("default_type_check", &input, |dialect| {
            let _ = dialect.default_type_check(table, column);
        });
        for placeholder in ["?", "", "$1"] {
            self.run(
                "typed_placeholder",
                &format!("{placeholder:?} for {input}"),
                |dialect| {
                    let _ = dialect.typed_placeholder(table, column, placeholder);
                },
            );
        }
        for default in odd_defaults().into_iter().flatten() {
            self.run(
                "default_value",
                &format!("{default:?} on {input}"),
                |dialect| {
                    let _ = dialect.default_value(table, column, &default);
                },
            );
        }
    }
}
