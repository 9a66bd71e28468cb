//! The report as JSON: the model itself, serialised.

use super::model::Report;

/// Renders the report as pretty-printed JSON bytes.
pub fn render(report: &Report) -> anyhow::Result<Vec<u8>> {
    Ok(serde_json::to_vec_pretty(report)?)
}
