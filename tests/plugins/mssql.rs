//! The example third-party plugin, SQL Server: built as a dynamic library, loaded through the
//! plugin ABI, its scripts snapshotted and every statement parsed as T-SQL.

mod support;

use dbkit_generate::render_ddl;
use dbkit_model::ReferentialAction;
use dbkit_plugin_host::{PluginDialect, load_plugin};
use dbkit_sdk::Dialect;
use sqlparser::dialect::MsSqlDialect;
use sqlparser::parser::Parser;

use support::{fixture_sources, parse_for, plugin_library};

fn load() -> PluginDialect {
    let path = plugin_library("dbkit_dialect_mssql");
    load_plugin(&path).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn the_plugin_introduces_itself() {
    let dialect = load();
    let info = dialect.info();
    assert_eq!(
        (
            info.name.as_str(),
            info.display_name.as_str(),
            info.max_identifier_length
        ),
        ("mssql", "Microsoft SQL Server", 128)
    );
    assert!(info.supports_alter_foreign_keys);
    assert_eq!(info.version, env!("CARGO_PKG_VERSION"));
}

#[test]
fn every_fixture_renders_to_t_sql_that_parses() {
    let dialect = load();
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    let mut cases = Vec::new();
    for (name, source) in fixture_sources() {
        let schema = parse_for(&name, &source, &dialect);
        if render_ddl(&schema, &dialect).is_err() {
            // SQL Server refuses some cascading keys; without them, the fixture renders.
            let mut calm = schema.clone();
            for key in calm
                .tables
                .iter_mut()
                .flat_map(|table| table.foreign_keys.iter_mut())
            {
                key.on_delete = ReferentialAction::NoAction;
                key.on_update = ReferentialAction::NoAction;
            }
            cases.push((format!("{name}_without_cascading_actions"), calm));
        }
        cases.push((name, schema));
    }
    for (name, schema) in cases {
        let text = match render_ddl(&schema, &dialect) {
            Ok(scripts) => {
                for statement in scripts
                    .create
                    .sql_statements()
                    .into_iter()
                    .chain(scripts.drop.sql_statements())
                {
                    if let Err(error) = Parser::parse_sql(&MsSqlDialect {}, statement) {
                        panic!("{name}: T-SQL that does not parse ({error}):\n{statement}");
                    }
                }
                format!("{}\n{}", scripts.create.render(), scripts.drop.render())
            }
            Err(error) => format!("error: {error}\n"),
        };
        let text = text.replace(
            &plugin_library("dbkit_dialect_mssql").display().to_string(),
            "[plugin]",
        );
        settings.bind(|| insta::assert_snapshot!(format!("mssql_{name}"), text));
    }
    assert_eq!(dialect.take_failure(), None);
}
