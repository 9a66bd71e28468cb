//! The partnership's own concepts, in plain Rust without I/O.

pub mod commitment_ref;
pub mod text;

pub use commitment_ref::CommitmentRef;
pub mod account;
pub mod assessment;
pub mod cycle;
pub mod errata;
pub mod lang;
pub mod progress;
pub mod redirect;
pub mod status;
pub mod throttle;
pub mod trend;
