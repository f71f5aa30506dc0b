//! CHECK constraints: compiled from SQL, evaluated on every generated row, and read for the
//! bounds and relations that let generation satisfy them by construction.

pub(crate) mod domain;
pub(crate) mod expr;
