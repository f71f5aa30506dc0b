//! The standard fixture schemas every dialect is checked with.

/// One fixture schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fixture {
    /// A short name, used in messages.
    pub name: &'static str,
    /// The `schema.toml` text.
    pub source: &'static str,
    /// Whether every dialect must render it. When `false`, the dialect may return an error for a
    /// feature it cannot express; it must still not panic.
    pub must_render: bool,
}

/// The fixtures [`check_dialect`](crate::check_dialect) runs.
pub const FIXTURES: &[Fixture] = &[
    Fixture {
        name: "reserved_words",
        source: include_str!("fixtures/reserved_words.toml"),
        must_render: true,
    },
    Fixture {
        name: "cycle",
        source: include_str!("fixtures/cycle.toml"),
        must_render: true,
    },
    Fixture {
        name: "many_to_many",
        source: include_str!("fixtures/many_to_many.toml"),
        must_render: true,
    },
    Fixture {
        name: "all_types",
        source: include_str!("fixtures/all_types.toml"),
        must_render: false,
    },
];

/// Lower-case identifiers of the fixtures that are SQL reserved words: none may appear unquoted.
pub const RESERVED_IDENTIFIERS: &[&str] =
    &["user", "group", "order", "select", "from", "desc", "where"];
