//! The list of [`Dialect`] methods that cross the plugin boundary.
//!
//! Each line names the request variant, the protocol version it appeared in, whether the method
//! can fail, and the method's signature as in the trait, with each argument marked `ref` (taken
//! by reference) or `val` (by value, a `Copy` type). The macro below turns the list into the
//! [`Method`] enum, the plugin-side dispatch ([`dispatch`]) and the host-side forwarding
//! (`impl Dialect for RemoteDialect`).
//!
//! To carry a new `Dialect` method to plugins, append one line; a test fails until every method
//! of the trait is listed. Once a dbkit with the list has been released, a new line takes the
//! next [`PROTOCOL_VERSION`](super::PROTOCOL_VERSION) as its `since`, and that constant is
//! incremented; lines are never changed or removed (see the module documentation of
//! [`protocol`](super)).

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::Response;
use super::remote::{RemoteDialect, Transport};
use crate::dialect::Dialect;
use crate::error::DialectError;
use crate::info::DialectInfo;
use crate::model::{Change, Column, DefaultValue, ForeignKey, Index, Schema, Table};

/// Writes the request enum, the dispatch and the forwarding from the list of methods.
///
/// Kinds: `fallible` methods return `Result<output, DialectError>`; `infallible` ones return the
/// output itself; `info` is the one method whose answer the host asks for once, when it loads the
/// plugin, and keeps.
macro_rules! dialect_methods {
    // An argument's field in `Method`: borrowed (`ref`) arguments travel as `Cow`s, so that the
    // host serializes without copying and the plugin deserializes into owned values.
    (@field ref $type:ty) => { Cow<'a, $type> };
    (@field val $type:ty) => { $type };
    // An argument's type in the trait method.
    (@param ref $type:ty) => { &$type };
    (@param val $type:ty) => { $type };
    // An argument as the host puts it in the request.
    (@wrap ref $arg:ident) => { Cow::Borrowed($arg) };
    (@wrap val $arg:ident) => { $arg };
    // An argument as the plugin passes it to the dialect.
    (@pass ref $arg:ident) => { &**$arg };
    (@pass val $arg:ident) => { *$arg };
    (@answer fallible, $result:expr) => {
        match $result {
            Ok(value) => value_response(&value),
            Err(error) => Response::DialectError(error),
        }
    };
    (@answer $infallible:ident, $result:expr) => {
        value_response(&$result)
    };
    (@forward info $variant:ident $method:ident () -> $output:ty) => {
        fn $method(&self) -> $output {
            self.cached_info()
        }
    };
    (@forward infallible $variant:ident $method:ident ($($mode:ident $arg:ident: $arg_type:ty),*) -> $output:ty) => {
        fn $method(&self, $($arg: dialect_methods!(@param $mode $arg_type)),*) -> $output {
            self.forward_infallible(Method::$variant { $($arg: dialect_methods!(@wrap $mode $arg)),* })
        }
    };
    (@forward fallible $variant:ident $method:ident ($($mode:ident $arg:ident: $arg_type:ty),*) -> $output:ty) => {
        fn $method(&self, $($arg: dialect_methods!(@param $mode $arg_type)),*) -> Result<$output, DialectError> {
            self.forward_fallible(Method::$variant { $($arg: dialect_methods!(@wrap $mode $arg)),* })
        }
    };
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident since $since:literal => $kind:ident fn $method:ident($($mode:ident $arg:ident: $arg_type:ty),*) -> $output:ty;
    )*) => {
        /// One [`Dialect`] method with its arguments: what a [`Request`](super::Request) asks.
        ///
        /// Serialized as `{"<method name>": {"<argument>": ...}}`.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Method<'a> {
            $(
                $(#[doc = $doc])*
                $variant {
                    $(
                        #[doc = concat!("The `", stringify!($arg), "` argument.")]
                        $arg: dialect_methods!(@field $mode $arg_type),
                    )*
                },
            )*
        }

        impl Method<'_> {
            /// The names of the `Dialect` methods the protocol carries, in the order they were added.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($method)),*];

            /// The name of the `Dialect` method.
            pub fn name(&self) -> &'static str {
                match self {
                    $(Method::$variant { .. } => stringify!($method),)*
                }
            }

            /// The protocol version the method appeared in: a plugin that speaks an older one does
            /// not know it.
            pub fn since(&self) -> u32 {
                match self {
                    $(Method::$variant { .. } => $since,)*
                }
            }
        }

        /// Calls the method `method` names on `dialect` and wraps its result.
        pub(super) fn dispatch(dialect: &dyn Dialect, method: &Method<'_>) -> Response {
            match method {
                $(
                    Method::$variant { $($arg),* } => {
                        dialect_methods!(@answer $kind, dialect.$method($(dialect_methods!(@pass $mode $arg)),*))
                    }
                )*
            }
        }

        impl<T: Transport> Dialect for RemoteDialect<T> {
            $(dialect_methods!(@forward $kind $variant $method ($($mode $arg: $arg_type),*) -> $output);)*
        }
    };
}

fn value_response<T: Serialize>(value: &T) -> Response {
    match serde_json::to_value(value) {
        Ok(value) => Response::Value(value),
        Err(error) => Response::Refused {
            reason: format!("the plugin could not write its answer: {error}"),
        },
    }
}

dialect_methods! {
    /// [`Dialect::info`]
    Info since 1 => info fn info() -> DialectInfo;
    /// [`Dialect::column_type`]
    ColumnType since 1 => fallible fn column_type(ref table: Table, ref column: Column) -> String;
    /// [`Dialect::quote_identifier`]
    QuoteIdentifier since 1 => infallible fn quote_identifier(ref name: str) -> String;
    /// [`Dialect::quote_string`]
    QuoteString since 1 => infallible fn quote_string(ref text: str) -> String;
    /// [`Dialect::default_value`]
    DefaultValue since 1 => fallible fn default_value(ref table: Table, ref column: Column, ref value: DefaultValue) -> String;
    /// [`Dialect::auto_increment_clause`]
    AutoIncrementClause since 1 => fallible fn auto_increment_clause(ref table: Table, ref column: Column) -> Option<String>;
    /// [`Dialect::column_definition`]
    ColumnDefinition since 1 => fallible fn column_definition(ref table: Table, ref column: Column) -> String;
    /// [`Dialect::type_check`]
    TypeCheck since 1 => fallible fn type_check(ref table: Table, ref column: Column) -> Option<String>;
    /// [`Dialect::default_type_check`]
    DefaultTypeCheck since 1 => fallible fn default_type_check(ref table: Table, ref column: Column) -> Option<String>;
    /// [`Dialect::check_expression`]
    CheckExpression since 1 => fallible fn check_expression(ref table: Table, ref expression: str) -> String;
    /// [`Dialect::column_list`]
    ColumnList since 1 => infallible fn column_list(ref columns: [String]) -> String;
    /// [`Dialect::foreign_key_clause`]
    ForeignKeyClause since 1 => fallible fn foreign_key_clause(ref table: Table, ref key: ForeignKey) -> String;
    /// [`Dialect::table_elements`]
    TableElements since 1 => fallible fn table_elements(ref table: Table, ref deferred: [String]) -> Vec<String>;
    /// [`Dialect::primary_key_is_inline`]
    PrimaryKeyIsInline since 1 => infallible fn primary_key_is_inline(ref table: Table) -> bool;
    /// [`Dialect::table_options`]
    TableOptions since 1 => fallible fn table_options(ref table: Table) -> String;
    /// [`Dialect::create_table`]
    CreateTable since 1 => fallible fn create_table(ref table: Table, ref deferred: [String]) -> Vec<String>;
    /// [`Dialect::create_index`]
    CreateIndex since 1 => fallible fn create_index(ref table: Table, ref index: Index) -> String;
    /// [`Dialect::comment_statements`]
    CommentStatements since 1 => fallible fn comment_statements(ref table: Table) -> Vec<String>;
    /// [`Dialect::add_foreign_key`]
    AddForeignKey since 1 => fallible fn add_foreign_key(ref table: Table, ref key: ForeignKey) -> String;
    /// [`Dialect::drop_foreign_key`]
    DropForeignKey since 1 => fallible fn drop_foreign_key(ref table: Table, ref key: ForeignKey) -> String;
    /// [`Dialect::drop_table`]
    DropTable since 1 => fallible fn drop_table(ref table: Table) -> String;
    /// [`Dialect::create_prologue`]
    CreatePrologue since 1 => fallible fn create_prologue(ref schema: Schema) -> Vec<String>;
    /// [`Dialect::drop_prologue`]
    DropPrologue since 1 => fallible fn drop_prologue(ref schema: Schema) -> Vec<String>;
    /// [`Dialect::drop_epilogue`]
    DropEpilogue since 1 => fallible fn drop_epilogue(ref schema: Schema) -> Vec<String>;
    /// [`Dialect::placeholder`]
    Placeholder since 1 => infallible fn placeholder(val position: usize) -> String;
    /// [`Dialect::supports_returning`]
    SupportsReturning since 1 => infallible fn supports_returning() -> bool;
    /// [`Dialect::keyset_after`]
    KeysetAfter since 1 => infallible fn keyset_after(ref columns: [String], ref placeholders: [String]) -> String;
    /// [`Dialect::limit_clause`]
    LimitClause since 1 => infallible fn limit_clause(ref placeholder: str) -> String;
    /// [`Dialect::typed_placeholder`]
    TypedPlaceholder since 1 => fallible fn typed_placeholder(ref table: Table, ref column: Column, ref placeholder: str) -> String;
    /// [`Dialect::insert_default_values`]
    InsertDefaultValues since 1 => infallible fn insert_default_values() -> String;
    /// [`Dialect::sqlc_engine`]
    SqlcEngine since 1 => infallible fn sqlc_engine() -> Option<String>;
    /// [`Dialect::python_drivers`]
    PythonDrivers since 1 => infallible fn python_drivers() -> Vec<String>;
    /// [`Dialect::migration_statements`]
    MigrationStatements since 1 => fallible fn migration_statements(ref changes: [Change], ref from: Schema, ref to: Schema) -> Vec<String>;
    /// [`Dialect::change_statements`]
    ChangeStatements since 1 => fallible fn change_statements(ref change: Change, ref from: Schema, ref to: Schema) -> Vec<String>;
    /// [`Dialect::default_change_statements`]
    DefaultChangeStatements since 1 => fallible fn default_change_statements(ref change: Change, ref from: Schema, ref to: Schema) -> Vec<String>;
    /// [`Dialect::rename_constraint`]
    RenameConstraint since 1 => fallible fn rename_constraint(ref table: Table, ref kind: str, ref from: str, ref to: str) -> Vec<String>;
    /// [`Dialect::alter_column_type`]
    AlterColumnType since 1 => fallible fn alter_column_type(ref table: Table, ref column: Column) -> String;
}

#[cfg(test)]
mod tests {
    use super::Method;

    /// The names of the methods of the `Dialect` trait, read from its source.
    fn trait_methods() -> Vec<String> {
        let source = include_str!("../dialect.rs");
        let body = source.split("pub trait Dialect").nth(1).unwrap_or_default();
        body.lines()
            .filter_map(|line| line.strip_prefix("    fn "))
            .filter_map(|rest| rest.split(['(', '<']).next())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_dialect_method_crosses_the_plugin_boundary() {
        let methods = trait_methods();
        assert!(methods.len() > 20, "could not read the trait: {methods:?}");
        for method in &methods {
            assert!(
                Method::NAMES.contains(&method.as_str()),
                "Dialect::{method} is not carried to plugins: append it to the list in protocol/methods.rs, and increment PROTOCOL_VERSION once a dbkit with the previous list has been released"
            );
        }
        for name in Method::NAMES {
            assert!(
                methods.iter().any(|method| method == name),
                "protocol/methods.rs lists {name}, which Dialect does not have"
            );
        }
    }
}
