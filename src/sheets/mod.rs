//! The spreadsheet round-trip (issue 14): a side's assessments, or the joint reviews of a cycle,
//! downloaded as XLSX, edited offline and uploaded back (XLSX or CSV). The download *is* the
//! upload template: one layout ([`layout`]) is written ([`write`]) and read back ([`read`]).
//! An upload is first previewed ([`preview`]: which rows become revisions, which are unchanged,
//! what is wrong with each) and then applied through the same saves as the web forms
//! ([`service`]), protected by the same optimistic versions.

pub mod layout;
pub mod preview;
pub mod read;
pub mod service;
pub mod write;

use std::time::Duration;

use crate::domain::account::Side;

/// Largest spreadsheet file accepted (XLSX or CSV), in bytes.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
/// Largest total size of an XLSX file's parts once uncompressed: a larger one is refused before
/// it is opened (a zip bomb).
pub const MAX_UNCOMPRESSED_BYTES: u64 = 32 * 1024 * 1024;
/// Most parts an XLSX file may have (a workbook of two sheets has about a dozen).
pub const MAX_ZIP_ENTRIES: usize = 200;
/// Most data rows a sheet may have (a partnership has 60 commitments).
pub const MAX_ROWS: usize = 1_000;
/// How long an uploaded sheet can be applied after its preview.
pub const UPLOAD_TTL: Duration = Duration::from_secs(60 * 60);

/// Whose values a sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum SheetKind {
    /// One side's assessments.
    Side(Side),
    /// The secretariat's joint reviews.
    Joint,
}

impl SheetKind {
    /// `eu`, `ca` or `joint`: in URLs, the database and the sheet's identity line.
    pub fn code(self) -> &'static str {
        match self {
            SheetKind::Side(Side::Eu) => "eu",
            SheetKind::Side(Side::Ca) => "ca",
            SheetKind::Joint => "joint",
        }
    }

    pub fn parse(code: &str) -> Option<SheetKind> {
        match code.trim() {
            "eu" => Some(SheetKind::Side(Side::Eu)),
            "ca" => Some(SheetKind::Side(Side::Ca)),
            "joint" => Some(SheetKind::Joint),
            _ => None,
        }
    }

    pub const ALL: [SheetKind; 3] = [
        SheetKind::Side(Side::Eu),
        SheetKind::Side(Side::Ca),
        SheetKind::Joint,
    ];
}

/// The hex SHA-256 of a file: an upload is applied only with the hash of the file previewed.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}
