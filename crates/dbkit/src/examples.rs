//! The example schemas `dbkit init` writes, embedded in the binary.

use crate::cli::ExampleName;

/// One embedded example.
pub(crate) struct Example {
    /// Its name on the command line.
    pub(crate) name: &'static str,
    /// What it models (its main tables), for the summary.
    pub(crate) description: &'static str,
    /// The `schema.toml` text.
    pub(crate) source: &'static str,
}

/// The library system: the repository's own `schema.toml`.
const LIBRARY: Example = Example {
    name: "library",
    description: "authors, publishers, books, copies, members, loans, categories",
    source: include_str!("../../../schema.toml"),
};

/// A blog with threaded comments and tags.
const BLOG: Example = Example {
    name: "blog",
    description: "users, posts, threaded comments, tags",
    source: include_str!("../examples-schemas/blog.toml"),
};

/// A shop with orders, order lines, invoices and returns.
const SHOP: Example = Example {
    name: "shop",
    description: "customers, products, orders, order lines, invoices, returns",
    source: include_str!("../examples-schemas/shop.toml"),
};

/// The example called `name`.
pub(crate) fn example(name: ExampleName) -> &'static Example {
    match name {
        ExampleName::Library => &LIBRARY,
        ExampleName::Blog => &BLOG,
        ExampleName::Shop => &SHOP,
    }
}
