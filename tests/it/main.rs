//! The integration tests: one binary, so the whole stack is linked once (disk and link time),
//! one module per capability. `common` starts the real app against a fresh database per test.

mod common;

mod admin;
mod api;
mod api_public;
mod api_snapshots;
mod assessments;
mod auth;
mod bad_input;
mod browser;
mod browser_assessment;
mod browser_french;
mod browser_reconcile;
mod browser_records;
mod browser_sheets;
mod cli;
mod compare;
mod cycles;
mod dashboard;
mod fault;
mod french_import;
mod french_pages;
mod french_report;
mod fuzz;
mod hardening;
mod importer;
mod login_security;
mod matrix;
mod page_snapshots;
mod pages;
mod private_cluster;
mod public;
mod public_cache;
mod reconcile;
mod records;
mod report;
mod report_files;
mod report_lang;
mod resilience;
mod schemathesis;
mod search;
mod sheets;
mod sheets_files;
mod slow_clients;
