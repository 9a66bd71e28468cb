//! The audit log, for administrators: newest first, filtered, 50 events a page.

use axum::{
    Router,
    extract::{RawQuery, State},
    routing::get,
};
use chrono::NaiveDate;

use crate::{
    db::audit_log::{self, AuditFilter},
    error::AppError,
    extract::{AdminOnly, Authorized, parse_form},
    state::AppState,
    views::{
        Page,
        admin::{AuditQuery, AuditView},
    },
};

/// Events shown per page.
pub const PAGE_SIZE: i64 = 50;

pub fn router() -> Router<AppState> {
    Router::new().route("/app/audit", get(get_audit))
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_owned())
}

async fn get_audit(
    State(state): State<AppState>,
    _admin: Authorized<AdminOnly>,
    page: Page,
    RawQuery(raw): RawQuery,
) -> Result<AuditView, AppError> {
    let query: AuditQuery = match raw.as_deref() {
        Some(q) => parse_form(q.as_bytes()).map_err(|key| AppError::BadRequest(page.t(key)))?,
        None => AuditQuery::default(),
    };
    let mut errors = Vec::new();
    let mut date = |field: &'static str, value: &str| match non_empty(value) {
        None => None,
        Some(v) => NaiveDate::parse_from_str(&v, "%Y-%m-%d")
            .map_err(|_| errors.push((field, page.t("audit-error-date"))))
            .ok(),
    };
    let from = date("from", &query.from);
    let to = date("to", &query.to);
    let filter = AuditFilter {
        action: non_empty(&query.action),
        actor: non_empty(&query.actor),
        entity: non_empty(&query.entity),
        from,
        to,
    };
    let total = audit_log::count(&state.db, &filter).await?;
    let page_count = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page_number = query
        .page
        .trim()
        .parse::<i64>()
        .unwrap_or(1)
        .clamp(1, page_count);
    let events =
        audit_log::search(&state.db, &filter, PAGE_SIZE, (page_number - 1) * PAGE_SIZE).await?;
    Ok(AuditView {
        page,
        query,
        events,
        total,
        page_number,
        page_count,
        errors,
    })
}
