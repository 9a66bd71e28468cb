//! Reconciliation and errata: every signed-in user reads them; the secretariat and administrators
//! record joint reviews (while the cycle is in reconciliation) and errata (once it is frozen).

use axum::{
    Router,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;

use crate::{
    auth::User,
    cycles,
    db::{self, cycles::Cycle},
    error::AppError,
    extract::{Authorized, CurrentUser, Form, Policy, Staff},
    reconcile::{self, ErratumFailure, ErratumInput, JointInput, Problem, ReconcileFailure},
    routes::account::{actor, request_id},
    state::AppState,
    tracking::{self, Board},
    views::{
        Page,
        reconcile::{
            ErrataView, ErratumRow, FieldErrors, Notice, ReconcileItemView, ReconcileView, ref_key,
        },
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/cycles/{year}/reconcile", get(get_reconcile))
        .route(
            "/app/cycles/{year}/reconcile/accept-agreed",
            post(post_accept_agreed),
        )
        .route(
            "/app/cycles/{year}/reconcile/{reference}",
            get(get_item).post(post_item),
        )
        .route(
            "/app/cycles/{year}/errata",
            get(get_errata).post(post_erratum),
        )
}

/// May this user record joint reviews and errata?
fn is_staff(user: &User) -> bool {
    Staff::ROLES.contains(&user.role())
}

/// The cycle of a year in a path; anything else is a page that does not exist.
async fn cycle(state: &AppState, year: &str) -> Result<Cycle, AppError> {
    let year: i32 = year.parse().map_err(|_| AppError::NotFound)?;
    let partnership_id = cycles::default_partnership_id(&state.db)
        .await
        .map_err(|_| AppError::NotFound)?;
    db::cycles::find_by_year(&state.db, partnership_id, year)
        .await?
        .ok_or(AppError::NotFound)
}

async fn board(state: &AppState, year: &str) -> Result<Board, AppError> {
    let cycle = cycle(state, year).await?;
    Ok(tracking::board(&state.db, cycle).await?)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Done {
    saved: Option<String>,
    accepted: Option<usize>,
}

async fn get_reconcile(
    State(state): State<AppState>,
    Authorized(user, _): CurrentUser,
    page: Page,
    Path(year): Path<String>,
    Query(done): Query<Done>,
) -> Result<ReconcileView, AppError> {
    let board = board(&state, &year).await?;
    let mut view = ReconcileView::new(page, &board, is_staff(&user));
    view.notice = match (done.saved, done.accepted) {
        (Some(reference), _) if board.row(&reference).is_some() => Some(Notice::Saved(reference)),
        (_, Some(count)) => Some(Notice::Accepted(count)),
        _ => None,
    };
    Ok(view)
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

async fn post_item(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Staff>,
    page: Page,
    headers: HeaderMap,
    Path((year, reference)): Path<(String, String)>,
    Form(input): Form<JointInput>,
) -> Result<Response, AppError> {
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
    match saved {
        Ok(_) => Ok(Redirect::to(&format!(
            "/app/cycles/{}/reconcile?saved={}#item-{}",
            cycle.year,
            form_urlencoded::byte_serialize(reference.as_bytes()).collect::<String>(),
            ref_key(&reference),
        ))
        .into_response()),
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
    }
}

async fn post_accept_agreed(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Staff>,
    page: Page,
    headers: HeaderMap,
    Path(year): Path<String>,
) -> Result<Response, AppError> {
    let cycle = cycle(&state, &year).await?;
    let accepted = reconcile::accept_agreed(
        &state.db,
        cycle.partnership_id,
        cycle.year,
        &actor(&user),
        request_id(&headers).as_deref(),
    )
    .await;
    let notice = match accepted {
        Ok(accepted) => {
            return Ok(Redirect::to(&format!(
                "/app/cycles/{}/reconcile?accepted={}",
                cycle.year,
                accepted.len()
            ))
            .into_response());
        }
        Err(ReconcileFailure::WrongState(state_now)) => Notice::WrongState(state_now),
        // Someone saved one of them in the meantime: nothing was written; show the list again.
        Err(ReconcileFailure::Stale { .. }) => Notice::Accepted(0),
        Err(ReconcileFailure::NotFound) => return Err(AppError::NotFound),
        Err(ReconcileFailure::Database(e)) => return Err(e.into()),
        Err(ReconcileFailure::Invalid(_)) => return Err(AppError::NotFound),
    };
    let board = board(&state, &year).await?;
    let mut view = ReconcileView::new(page, &board, is_staff(&user));
    view.notice = Some(notice);
    Ok((StatusCode::CONFLICT, view).into_response())
}

async fn errata_view(
    state: &AppState,
    page: Page,
    user: &User,
    year: &str,
    form: ErratumInput,
    errors: FieldErrors,
) -> Result<ErrataView, AppError> {
    let cycle = cycle(state, year).await?;
    let errata = db::joint::errata(&state.db, cycle.id)
        .await?
        .iter()
        .map(|e| ErratumRow::of(page.lang, e))
        .collect();
    let refs = crate::views::tracking::CommitmentChoice::all(
        &db::board::commitments(&state.db, cycle.partnership_id).await?,
        page.lang,
    );
    Ok(ErrataView {
        page,
        cycle,
        errata,
        refs,
        form,
        errors,
        can_edit: is_staff(user),
    })
}

async fn get_errata(
    State(state): State<AppState>,
    Authorized(user, _): CurrentUser,
    page: Page,
    Path(year): Path<String>,
) -> Result<ErrataView, AppError> {
    errata_view(
        &state,
        page,
        &user,
        &year,
        ErratumInput::default(),
        Vec::new(),
    )
    .await
}

async fn post_erratum(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Staff>,
    page: Page,
    headers: HeaderMap,
    Path(year): Path<String>,
    Form(input): Form<ErratumInput>,
) -> Result<Response, AppError> {
    let cycle = cycle(&state, &year).await?;
    let recorded = reconcile::record_erratum(
        &state.db,
        cycle.partnership_id,
        cycle.year,
        &input,
        &actor(&user),
        request_id(&headers).as_deref(),
    )
    .await;
    match recorded {
        Ok(_) => Ok(
            Redirect::to(&format!("/app/cycles/{}?done=erratum#errata", cycle.year))
                .into_response(),
        ),
        Err(ErratumFailure::Invalid(problems)) => {
            let errors = problems
                .iter()
                .map(|p| (p.field().to_owned(), page.t(p.message_key())))
                .collect();
            let view = errata_view(&state, page, &user, &year, input, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response())
        }
        Err(ErratumFailure::NotFrozen(_)) => {
            let errors = vec![("errata-not-frozen".to_owned(), page.t("errata-not-frozen"))];
            let view = errata_view(&state, page, &user, &year, input, errors).await?;
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(ErratumFailure::NotFound(_)) => Err(AppError::NotFound),
        Err(ErratumFailure::Database(e)) => Err(e.into()),
    }
}
