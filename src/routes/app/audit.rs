//! The audit log, for administrators: newest first, filtered, 50 events a page.
//!
//! The log grows without end (millions of events), so a page costs the same however deep it is:
//! the links to the next and previous pages carry the event they continue from (`before`,
//! `after`: keyset pagination on the index (at, id)), the number of matching events is counted
//! up to [`COUNT_LIMIT`] only, and a page reached by its number alone (`page=N`, no keyset) is
//! one of the first [`COUNT_LIMIT`] events.

use axum::{
    Router,
    extract::{RawQuery, State},
    routing::get,
};
use chrono::NaiveDate;

use crate::{
    db::audit_log::{self, AuditFilter, Start},
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

/// The highest page number a link may carry (no log holds half a billion events).
const MAX_PAGE: i64 = 10_000_000;

/// Matching events are counted up to this many; beyond it the page says "more than" it.
pub const COUNT_LIMIT: i64 = 1_000;

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
    let counted = audit_log::count_upto(&state.db, &filter, COUNT_LIMIT + 1).await?;
    let total = counted.min(COUNT_LIMIT);
    let more = counted > COUNT_LIMIT;
    // Beyond the counted events a page is reached through its links, which carry a keyset.
    let page_count = ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
    let page_number = query
        .page
        .trim()
        .parse::<i64>()
        .unwrap_or(1)
        .clamp(1, MAX_PAGE);
    let keyset = |v: &str| v.trim().parse::<i64>().ok();
    let (start, page_number) = match (keyset(&query.before), keyset(&query.after)) {
        (Some(id), _) => (Start::OlderThan(id), page_number),
        (None, Some(id)) => (Start::NewerThan(id), page_number),
        (None, None) => {
            let n = page_number.min(page_count);
            (Start::Offset((n - 1) * PAGE_SIZE), n)
        }
    };
    // One more than a page, to know whether a next page exists.
    let mut events = audit_log::search(&state.db, &filter, start, PAGE_SIZE + 1).await?;
    let beyond = events.len() as i64 > PAGE_SIZE;
    let (has_next, page_number) = match start {
        // Read upwards from the page after this one: that page follows; with nothing newer
        // beyond this one, it is the first page.
        Start::NewerThan(_) if beyond => {
            events.remove(0);
            (true, page_number)
        }
        Start::NewerThan(_) => (true, 1),
        _ => {
            events.truncate(PAGE_SIZE as usize);
            (beyond, page_number)
        }
    };
    Ok(AuditView {
        page,
        query,
        events,
        total,
        more,
        page_number,
        page_count: (!more).then_some(page_count),
        has_next,
        errors,
    })
}
