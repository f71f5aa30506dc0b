//! The `dbkit` binary, run as a user runs it, in temporary folders.

mod cli {
    pub(crate) mod apply;
    pub(crate) mod build;
    pub(crate) mod examples;
    pub(crate) mod help;
    pub(crate) mod init;
    pub(crate) mod pull;
    pub(crate) mod seed;
    pub(crate) mod support;
    pub(crate) mod verify;
}
