//! Writing a dataset out: `seed.sql` per dialect, and CSV files.

pub(crate) mod csv;
pub(crate) mod literal;
pub(crate) mod postpone;
pub(crate) mod sql;
