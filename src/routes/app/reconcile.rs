//! Reconciliation and errata: every signed-in user reads them; the secretariat and administrators
//! record joint reviews (while the cycle is in reconciliation) and errata (once it is frozen).
//!
//! The table saves each row in place with htmx (`HX-Request`: the answer is the row, with the
//! announcement for screen readers); without JavaScript the same form posts and is redirected back
//! to the table at the same filter and row, or shown again on the commitment's page when refused.

use std::{collections::HashMap, sync::Arc};

use askama::Template as _;
use axum::{
    Router,
    body::Bytes,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;

use super::{for_reader, vary_on_htmx, wants_fragment};
use crate::{
    auth::User,
    db::cycles::Cycle,
    domain::status::Status,
    error::AppError,
    extract::{Authorized, CurrentUser, Form, Policy, Staff},
    page_cache::Key,
    page_data,
    reconcile::{self, JointInput, Problem, ReconcileFailure},
    routes::account::{actor, request_id},
    state::AppState,
    tracking::Board,
    views::{
        Page,
        reconcile::{
            Filter, Notice, ReconcileContent, ReconcileItemView, ReconcileView, RowFragment,
        },
    },
};

mod bulk;
mod errata;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/cycles/{year}/reconcile", get(get_reconcile))
        .route(
            "/app/cycles/{year}/reconcile/accept-agreed",
            get(bulk::get_accept_agreed).post(bulk::post_accept_agreed),
        )
        .route(
            "/app/cycles/{year}/reconcile/not-assessed",
            get(bulk::get_not_assessed).post(bulk::post_not_assessed),
        )
        .route(
            "/app/cycles/{year}/reconcile/{reference}",
            get(get_item).post(post_item),
        )
        .route(
            "/app/cycles/{year}/errata",
            get(errata::get_errata).post(errata::post_erratum),
        )
}

/// May this user record joint reviews and errata?
fn is_staff(user: &User) -> bool {
    Staff::ROLES.contains(&user.role())
}

/// The cycle of a year in a path; anything else is a page that does not exist.
async fn cycle(state: &AppState, year: &str) -> Result<Cycle, AppError> {
    let year: i32 = year.parse().map_err(|_| AppError::NotFound)?;
    let partnership_id = page_data::default_partnership(state)
        .await?
        .ok_or(AppError::NotFound)?
        .id;
    page_data::cycle_by_year(state, partnership_id, year)
        .await?
        .ok_or(AppError::NotFound)
}

async fn board(state: &AppState, year: &str) -> Result<Arc<Board>, AppError> {
    let cycle = cycle(state, year).await?;
    Ok(page_data::board(state, &cycle).await?)
}

/// Each commitment's status in the cycle before the board's, for the "regressed" filter.
async fn previous_statuses(
    state: &AppState,
    board: &Board,
) -> Result<Arc<HashMap<i64, Status>>, AppError> {
    Ok(match &board.previous {
        Some(previous) => page_data::comparable_statuses(state, previous).await?,
        None => Arc::default(),
    })
}

/// The table's filter from a query or form value; an unknown one is a clear 400.
fn filter(page: &Page, value: &str) -> Result<Filter, AppError> {
    Filter::parse(value).ok_or_else(|| AppError::BadRequest(page.t("reconcile-filter-unknown")))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TableQuery {
    filter: String,
    saved: Option<String>,
    accepted: Option<usize>,
    recorded: Option<usize>,
}

/// The table, rendered once per reader, filter and data (see `for_reader`); its content, the same
/// for every reader of a language with the same rights, once per board. A page that answers a
/// change (`saved`, `accepted`, `recorded`) is rendered for its one request.
async fn get_reconcile(
    State(state): State<AppState>,
    headers: HeaderMap,
    Authorized(user, _): CurrentUser,
    page: Page,
    Path(year): Path<String>,
    Query(q): Query<TableQuery>,
) -> Result<Response, AppError> {
    let filter = filter(&page, &q.filter)?;
    if q.saved.is_some() || q.accepted.is_some() || q.recorded.is_some() {
        return Ok(reconcile_view(&state, page, &user, &year, filter, q)
            .await?
            .into_response());
    }
    let key = for_reader::key(("reconcile", &year, filter.as_str()), &page, &user.account);
    let render = async {
        let view = reconcile_view(&state, page.clone(), &user, &year, filter, q).await?;
        Ok::<_, AppError>(Bytes::from(view.render()?))
    };
    for_reader::html(&state, &headers, key, render).await
}

async fn reconcile_view(
    state: &AppState,
    page: Page,
    user: &User,
    year: &str,
    filter: Filter,
    q: TableQuery,
) -> Result<ReconcileView, AppError> {
    let board = board(state, year).await?;
    let saved = q.saved.filter(|r| board.row(r).is_some());
    let notice = match (&saved, q.accepted, q.recorded) {
        (Some(reference), _, _) => Some(Notice::Saved(reference.clone())),
        (_, Some(count), _) => Some(Notice::Accepted(count)),
        (_, _, Some(count)) => Some(Notice::Recorded(count)),
        _ => None,
    };
    let can_edit = is_staff(user);
    let one_off = saved.is_some() || notice.is_some();
    let render = async {
        let previous = previous_statuses(state, &board).await?;
        let mut content = ReconcileContent::new(
            page.clone(),
            &board,
            &previous,
            filter,
            saved.as_deref(),
            can_edit,
        );
        content.notice = notice;
        Ok::<_, AppError>(content.rendered()?)
    };
    let content = if one_off {
        Arc::new(render.await?)
    } else {
        // The content is the same for every reader of this language with the same rights:
        // rendered once per board (the cache is cleared with it).
        let key = Key::Rendered(format!(
            "reconcile {} {} {} {can_edit}",
            board.cycle.id,
            page.lang.code(),
            filter.as_str(),
        ));
        state.board_cache.pages.get_or_load(key, render).await?
    };
    Ok(ReconcileView::new(page, board.cycle.clone(), content))
}

/// The page of one commitment; a reference the partnership does not have is a 404.
async fn item_view(
    state: &AppState,
    page: Page,
    user: &User,
    year: &str,
    reference: &str,
) -> Result<ReconcileItemView, AppError> {
    let board = board(state, year).await?;
    let row = board.row(reference).ok_or(AppError::NotFound)?;
    Ok(ReconcileItemView::new(
        page,
        board.cycle.clone(),
        row,
        is_staff(user),
    ))
}

async fn get_item(
    State(state): State<AppState>,
    Authorized(user, _): CurrentUser,
    page: Page,
    Path((year, reference)): Path<(String, String)>,
) -> Result<ReconcileItemView, AppError> {
    item_view(&state, page, &user, &year, &reference).await
}

/// A joint review form as posted: from a row of the table (with its filter) or from the
/// commitment's own page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct JointForm {
    status: String,
    summary_en: String,
    summary_fr: String,
    next_steps: String,
    next_steps_fr: String,
    version: String,
    /// The table's filter, to come back to.
    filter: String,
}

impl JointForm {
    fn input(self) -> (JointInput, String) {
        (
            JointInput {
                status: self.status,
                summary_en: self.summary_en,
                summary_fr: self.summary_fr,
                next_steps: self.next_steps,
                next_steps_fr: self.next_steps_fr,
                version: self.version,
            },
            self.filter,
        )
    }
}

async fn post_item(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Staff>,
    page: Page,
    headers: HeaderMap,
    Path((year, reference)): Path<(String, String)>,
    Form(form): Form<JointForm>,
) -> Result<Response, AppError> {
    let (input, filter_value) = form.input();
    // The filter only says where to come back to: an unknown one never costs the save.
    let filter = Filter::parse(&filter_value).unwrap_or_default();
    let cycle = cycle(&state, &year).await?;
    let saved = reconcile::save(
        &state.db,
        cycle.partnership_id,
        cycle.year,
        &reference,
        &input,
        &actor(&user),
        request_id(&headers).as_deref(),
    )
    .await;
    if wants_fragment(&headers) {
        return row_answer(&state, page, &user, &year, &reference, filter, input, saved).await;
    }
    match saved {
        Ok(_) => Ok(Redirect::to(&filter.href(cycle.year, Some(&reference))).into_response()),
        Err(ReconcileFailure::NotFound) => Err(AppError::NotFound),
        Err(ReconcileFailure::Database(e)) => Err(e.into()),
        Err(ReconcileFailure::Invalid(problems)) if problems.contains(&Problem::Version) => {
            Err(AppError::BadRequest(page.t("form-error-invalid")))
        }
        Err(ReconcileFailure::Invalid(problems)) => {
            let mut view = item_view(&state, page, &user, &year, &reference).await?;
            let f = &mut view.item.form;
            f.errors = problems
                .iter()
                .map(|p| (p.field().to_owned(), view.page.t(p.message_key())))
                .collect();
            f.values = input;
            view.errors = f
                .errors
                .iter()
                .map(|(field, message)| (f.id(field), message.clone()))
                .collect();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(ReconcileFailure::Stale { current }) => {
            let mut view = item_view(&state, page, &user, &year, &reference).await?;
            let theirs = view.item.joint.clone();
            let f = &mut view.item.form;
            // What the writer typed stays; submitting again deliberately replaces the newer one.
            f.values = JointInput {
                version: theirs.as_ref().map_or(current, |j| j.version).to_string(),
                ..input
            };
            f.conflict = theirs;
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(ReconcileFailure::WrongState(state_now)) => {
            let mut view = item_view(&state, page, &user, &year, &reference).await?;
            view.notice = Some(Notice::WrongState(state_now));
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(ReconcileFailure::Changed { .. }) => Err(AppError::NotFound),
    }
}

/// The answer to an in-place save: the row as it is now — saved, or as typed with its errors or
/// with the revision someone else saved meanwhile — and what the live region announces.
#[allow(clippy::too_many_arguments)]
async fn row_answer(
    state: &AppState,
    page: Page,
    user: &User,
    year: &str,
    reference: &str,
    filter: Filter,
    input: JointInput,
    saved: Result<i32, ReconcileFailure>,
) -> Result<Response, AppError> {
    let board = board(state, year).await?;
    let previous = previous_statuses(state, &board).await?;
    let lang = page.lang;
    let mut row = RowFragment::new(page, &board, &previous, filter, reference, is_staff(user))
        .ok_or(AppError::NotFound)?;
    let not_saved = |reason: String| {
        lang.t_args(
            "reconcile-live-not-saved",
            &[
                ("ref", FluentValue::from(reference.to_owned())),
                ("reason", FluentValue::from(reason)),
            ],
        )
    };
    let status = match saved {
        Ok(_) => {
            row.item.saved = true;
            row.live = Notice::Saved(reference.to_owned()).text(&lang);
            StatusCode::OK
        }
        Err(ReconcileFailure::NotFound | ReconcileFailure::Changed { .. }) => {
            return Err(AppError::NotFound);
        }
        Err(ReconcileFailure::Database(e)) => return Err(e.into()),
        Err(ReconcileFailure::Invalid(problems)) if problems.contains(&Problem::Version) => {
            return Err(AppError::BadRequest(lang.t("form-error-invalid")));
        }
        Err(ReconcileFailure::Invalid(problems)) => {
            let f = &mut row.item.form;
            f.errors = problems
                .iter()
                .map(|p| (p.field().to_owned(), lang.t(p.message_key())))
                .collect();
            f.values = input;
            let messages: Vec<&str> = f.errors.iter().map(|(_, m)| m.as_str()).collect();
            row.live = not_saved(messages.join(" "));
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(ReconcileFailure::Stale { current }) => {
            let theirs = row.item.joint.clone();
            let f = &mut row.item.form;
            // What the writer typed stays; saving again deliberately replaces the newer one.
            f.values = JointInput {
                version: theirs.as_ref().map_or(current, |j| j.version).to_string(),
                ..input
            };
            f.conflict = theirs;
            row.live = not_saved(lang.t("joint-conflict-title"));
            StatusCode::CONFLICT
        }
        Err(ReconcileFailure::WrongState(state_now)) => {
            row.live = Notice::WrongState(state_now).text(&lang);
            StatusCode::CONFLICT
        }
    };
    Ok(vary_on_htmx((status, row).into_response()))
}
