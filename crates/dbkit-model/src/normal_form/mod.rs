//! Normal-form analysis: closures, candidate keys, minimal covers, the 2NF, 3NF and BCNF tests,
//! and the decompositions that fix a violation.
//!
//! The algorithms work on a relation's attributes numbered `0..n` (a table's columns in the
//! order written) and on [`Dependency`] values over those numbers; [`analyze_table`] applies them
//! to a [`crate::Table`], taking the dependencies its keys imply plus the ones declared in
//! `functional_dependencies`, and explains the result in plain words with a proposed
//! decomposition written as a `schema.toml` fragment.

mod analysis;
mod check;
mod closure;
mod cover;
mod decompose;
mod explain;
mod fragment;
mod keys;

pub use analysis::{TableAnalysis, TableViolation, analyze_schema, analyze_table};
pub use check::{NormalForm, Violation, ViolationKind, classify};
pub use closure::{AttributeSet, Dependency, closure, is_superkey};
pub use cover::minimal_cover;
pub use decompose::{
    BcnfOutcome, lost_dependencies, preserves_dependencies, project_dependencies, refine_to_bcnf,
    split_to_bcnf, synthesize_third_normal_form,
};
pub use explain::{explain_violation, table_name_for};
pub use fragment::{Decomposition, ProposedTable, ProposedTableKind, render_table_toml};
pub use keys::{candidate_keys, prime_attributes};
