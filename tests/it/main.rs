//! The integration tests: one binary, so the whole stack is linked once (disk and link time),
//! one module per capability. `common` starts the real app against a fresh database per test.

mod common;

mod admin;
mod api;
mod api_public;
mod assessments;
mod auth;
mod browser;
mod browser_assessment;
mod browser_reconcile;
mod browser_records;
mod cli;
mod compare;
mod cycles;
mod dashboard;
mod importer;
mod matrix;
mod pages;
mod private_cluster;
mod public;
mod public_cache;
mod reconcile;
mod records;
mod report;
mod report_files;
mod report_lang;
mod schemathesis;
mod search;
