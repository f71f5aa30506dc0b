//! Diagrams and the design report: a Mermaid `erDiagram`, Graphviz DOT, a self-contained SVG
//! drawn by dbkit itself, and `REPORT.md`.
//!
//! Every diagram shows each table with its columns and each foreign key as a line with
//! crow's-foot ends: at the referenced table, a bar and a bar (exactly one) or a bar and a circle
//! (zero or one, when the foreign key is nullable); at the referencing table, a crow's foot and a
//! circle (zero or more), or a bar and a circle (zero or one, when the foreign key is unique: a
//! one-to-one relationship). A line is solid when the foreign key is part of the referencing
//! table's primary key (an identifying relationship), dashed otherwise.

mod dot;
mod mermaid;
mod relationships;
mod report;
mod svg;

pub use dot::render_dot;
pub use mermaid::render_mermaid;
pub use relationships::{End, Relationship, relationships, sentence};
pub use report::render_report;
pub use svg::render_svg;
