//! The mail outbox, for administrators: what is queued, sent and failed, and a retry.

use axum::{
    Router,
    extract::{Path, RawQuery, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;
use serde_json::json;

use crate::{
    db::{
        self,
        audit::{self, NewEvent},
    },
    error::AppError,
    extract::{AdminOnly, Authorized, parse_form},
    routes::account::{actor, request_id},
    state::AppState,
    views::{
        Page,
        outbox::{OUTBOX_PAGE_ROWS, OutboxView, STATES, done_key},
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/admin/outbox", get(get_outbox))
        .route("/app/admin/outbox/{id}/retry", post(post_retry))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct OutboxQuery {
    state: String,
    done: String,
}

async fn outbox_view(
    state: &AppState,
    page: Page,
    query: &OutboxQuery,
    error: Option<String>,
) -> Result<OutboxView, AppError> {
    let shown = STATES
        .into_iter()
        .find(|s| *s == query.state)
        .map(str::to_owned);
    let rows = db::mail::list(&state.db, shown.as_deref(), OUTBOX_PAGE_ROWS).await?;
    let counts = db::mail::counts(&state.db).await?;
    Ok(OutboxView {
        page,
        rows,
        counts,
        state: shown,
        sending: state.config.mail.smtp.is_some(),
        done: done_key(&query.done),
        error,
    })
}

async fn get_outbox(
    State(state): State<AppState>,
    _admin: Authorized<AdminOnly>,
    page: Page,
    RawQuery(query): RawQuery,
) -> Result<OutboxView, AppError> {
    let query: OutboxQuery = query
        .and_then(|q| parse_form(q.as_bytes()).ok())
        .unwrap_or_default();
    outbox_view(&state, page, &query, None).await
}

/// Puts a failed (or waiting) mail back to be sent now, with its audit event.
async fn post_retry(
    State(state): State<AppState>,
    Authorized(admin, _): Authorized<AdminOnly>,
    page: Page,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    let Some(address) = db::mail::retry(&mut *tx, id).await? else {
        drop(tx);
        let message = page.t("outbox-error-retry");
        let view = outbox_view(&state, page, &OutboxQuery::default(), Some(message)).await?;
        return Ok((StatusCode::CONFLICT, view).into_response());
    };
    audit::record(
        &mut *tx,
        NewEvent {
            actor: &actor(&admin),
            action: "mail.retry",
            entity: "mail_outbox",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(json!({ "state": "queued", "address": address })),
            request_id: request_id(&headers).as_deref(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/app/admin/outbox?done=retried").into_response())
}
