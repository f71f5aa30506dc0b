//! The MySQL / MariaDB dialect as a plugin library (`libdbkit_plugin_mysql.so`).
//!
//! dbkit links its own dialects in; this library exists so that the very same dialect can also
//! be loaded through the plugin ABI, and its output compared with the linked-in one.

dbkit_sdk::export_dialect!(dbkit_dialect_mysql::MysqlDialect);
