//! sdp-tracker: records how the EU and Canada carry out their Security and Defence Partnership.
//!
//! The binary (`src/main.rs`) only parses the command line; everything else lives here so that the
//! tests drive exactly what production serves.

pub mod accounts;
pub mod auth;
pub mod board_cache;
pub mod cli;
pub mod clock;
pub mod commitment_list;
pub mod config;
pub mod cycles;
pub mod db;
pub mod domain;
pub mod error;
pub mod extract;
pub mod gzip;
pub mod i18n;
pub mod import;
pub mod invalidation;
pub mod mail;
pub mod memory;
pub mod page_cache;
pub mod page_data;
pub mod public_cache;
pub mod reconcile;
pub mod report;
pub mod routes;
pub mod server;
pub mod sheets;
pub mod startup;
pub mod state;
pub mod submissions;
pub mod telemetry;
pub mod tracking;
pub mod views;

/// The embedded migrations, applied by `serve` and by every command that writes.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");
