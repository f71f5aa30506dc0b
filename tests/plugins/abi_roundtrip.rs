//! The first-party dialects, loaded through the plugin ABI from their own dynamic libraries,
//! render every fixture schema byte for byte as the linked-in dialects do.

mod support;

use dbkit_dialect_mysql::MysqlDialect;
use dbkit_dialect_postgres::PostgresDialect;
use dbkit_dialect_sqlite::SqliteDialect;
use dbkit_generate::render_ddl;
use dbkit_plugin_host::{PluginDialect, load_plugin};
use dbkit_sdk::Dialect;

use support::{fixture_sources, parse_for, plugin_library};

fn load(crate_name: &str) -> PluginDialect {
    let path = plugin_library(crate_name);
    load_plugin(&path).unwrap_or_else(|error| panic!("{error}"))
}

fn first_party() -> Vec<(&'static dyn Dialect, PluginDialect)> {
    vec![
        (&MysqlDialect as &dyn Dialect, load("dbkit_plugin_mysql")),
        (&PostgresDialect, load("dbkit_plugin_postgres")),
        (&SqliteDialect, load("dbkit_plugin_sqlite")),
    ]
}

#[test]
fn every_fixture_renders_byte_for_byte_as_the_linked_in_dialect() {
    let fixtures = fixture_sources();
    for (linked, loaded) in first_party() {
        assert_eq!(loaded.info(), linked.info());
        for (name, source) in &fixtures {
            let schema = parse_for(name, source, linked);
            let expected = render_ddl(&schema, linked);
            let actual = render_ddl(&schema, &loaded);
            let dialect = linked.info().name;
            match (expected, actual) {
                (Ok(expected), Ok(actual)) => {
                    assert_eq!(
                        actual.create.render(),
                        expected.create.render(),
                        "{dialect}, {name}: create script"
                    );
                    assert_eq!(
                        actual.drop.render(),
                        expected.drop.render(),
                        "{dialect}, {name}: drop script"
                    );
                }
                (Err(expected), Err(actual)) => {
                    assert_eq!(
                        actual.to_string(),
                        expected.to_string(),
                        "{dialect}, {name}: error"
                    );
                }
                (expected, actual) => {
                    panic!("{dialect}, {name}: linked in {expected:?}, through the ABI {actual:?}")
                }
            }
            assert_eq!(loaded.take_failure(), None, "{dialect}, {name}");
        }
    }
}

#[test]
fn every_method_answers_as_the_linked_in_dialect() {
    let fixtures = fixture_sources();
    for (linked, loaded) in first_party() {
        let dialect = linked.info().name;
        for name in ["order", "it's", "a\"b", "a`b", "a]b", ""] {
            assert_eq!(
                loaded.quote_identifier(name),
                linked.quote_identifier(name),
                "{dialect}: {name:?}"
            );
            assert_eq!(
                loaded.quote_string(name),
                linked.quote_string(name),
                "{dialect}: {name:?}"
            );
        }
        for (name, source) in &fixtures {
            let schema = parse_for(name, source, linked);
            assert_eq!(
                loaded.create_prologue(&schema),
                linked.create_prologue(&schema),
                "{dialect}, {name}"
            );
            assert_eq!(
                loaded.drop_prologue(&schema),
                linked.drop_prologue(&schema),
                "{dialect}, {name}"
            );
            assert_eq!(
                loaded.drop_epilogue(&schema),
                linked.drop_epilogue(&schema),
                "{dialect}, {name}"
            );
            for table in &schema.tables {
                let context = format!("{dialect}, {name}, table {}", table.name);
                let keys: Vec<String> = table
                    .foreign_keys
                    .iter()
                    .map(|key| key.name.clone())
                    .collect();
                assert_eq!(
                    loaded.create_table(table, &keys),
                    linked.create_table(table, &keys),
                    "{context}"
                );
                assert_eq!(
                    loaded.table_elements(table, &[]),
                    linked.table_elements(table, &[]),
                    "{context}"
                );
                assert_eq!(
                    loaded.table_options(table),
                    linked.table_options(table),
                    "{context}"
                );
                assert_eq!(
                    loaded.primary_key_is_inline(table),
                    linked.primary_key_is_inline(table),
                    "{context}"
                );
                assert_eq!(
                    loaded.comment_statements(table),
                    linked.comment_statements(table),
                    "{context}"
                );
                assert_eq!(
                    loaded.drop_table(table),
                    linked.drop_table(table),
                    "{context}"
                );
                for key in &table.foreign_keys {
                    assert_eq!(
                        loaded.foreign_key_clause(table, key),
                        linked.foreign_key_clause(table, key),
                        "{context}"
                    );
                    assert_eq!(
                        loaded.add_foreign_key(table, key),
                        linked.add_foreign_key(table, key),
                        "{context}"
                    );
                    assert_eq!(
                        loaded.drop_foreign_key(table, key),
                        linked.drop_foreign_key(table, key),
                        "{context}"
                    );
                    assert_eq!(
                        loaded.column_list(&key.columns),
                        linked.column_list(&key.columns),
                        "{context}"
                    );
                }
                for index in &table.indexes {
                    assert_eq!(
                        loaded.create_index(table, index),
                        linked.create_index(table, index),
                        "{context}"
                    );
                }
                for check in &table.checks {
                    assert_eq!(
                        loaded.check_expression(table, &check.expression),
                        linked.check_expression(table, &check.expression),
                        "{context}"
                    );
                }
                for column in &table.columns {
                    let context = format!("{context}, column {}", column.name);
                    assert_eq!(
                        loaded.column_type(table, column),
                        linked.column_type(table, column),
                        "{context}"
                    );
                    assert_eq!(
                        loaded.column_definition(table, column),
                        linked.column_definition(table, column),
                        "{context}"
                    );
                    assert_eq!(
                        loaded.auto_increment_clause(table, column),
                        linked.auto_increment_clause(table, column),
                        "{context}"
                    );
                    assert_eq!(
                        loaded.type_check(table, column),
                        linked.type_check(table, column),
                        "{context}"
                    );
                    assert_eq!(
                        loaded.default_type_check(table, column),
                        linked.default_type_check(table, column),
                        "{context}"
                    );
                    if let Some(value) = &column.default {
                        assert_eq!(
                            loaded.default_value(table, column, value),
                            linked.default_value(table, column, value),
                            "{context}"
                        );
                    }
                }
            }
        }
        assert_eq!(loaded.take_failure(), None, "{dialect}");
    }
}

#[test]
fn the_loaded_dialects_conform() {
    for (_, loaded) in first_party() {
        dbkit_conformance::assert_conforms(&loaded);
    }
}
