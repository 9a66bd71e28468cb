//! A cycle's lifecycle, for the secretariat and administrators: correcting it before it is frozen
//! (`/app/cycles/{year}/edit`), deleting it while it was never opened (`…/delete`), and moving it
//! (`…/state`): the GET shows what the move does; only a POST that carries the confirmation
//! changes anything.

use axum::{
    Router,
    extract::{Path, RawQuery, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use serde::Deserialize;

use crate::{
    cycles::{self, CycleFailure, CycleInput, edit},
    db,
    domain::cycle::CycleState,
    error::AppError,
    extract::{Authorized, Form, Staff, parse_form},
    routes::account::{actor, request_id},
    state::AppState,
    tracking,
    views::{
        Page,
        cycle_lifecycle::{CycleDeleteView, CycleEditView, MoveFacts, MoveView, consequences},
        cycles::failure_message,
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/cycles/{year}/state", get(get_move).post(post_move))
        .route("/app/cycles/{year}/edit", get(get_edit).post(post_edit))
        .route(
            "/app/cycles/{year}/delete",
            get(get_delete).post(post_delete),
        )
}

/// The value of the confirmation field that makes a move or a deletion.
const CONFIRMED: &str = "yes";

/// A year in a path; anything else is a page that does not exist.
fn parse_year(year: &str) -> Result<i32, AppError> {
    year.parse().map_err(|_| AppError::NotFound)
}

async fn find(state: &AppState, year: &str) -> Result<(i64, db::cycles::Cycle), AppError> {
    let year = parse_year(year)?;
    let partnership_id = cycles::default_partnership_id(&state.db)
        .await
        .map_err(|_| AppError::NotFound)?;
    let cycle = db::cycles::find_by_year(&state.db, partnership_id, year)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((partnership_id, cycle))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MoveQuery {
    to: String,
}

/// The confirmation of a move, or why it cannot be made: 422 for a state that is not one, 409 for
/// a move the cycle cannot make (or, for freezing, not yet).
async fn move_page(
    state: &AppState,
    page: Page,
    cycle: db::cycles::Cycle,
    to: &str,
) -> Result<Response, AppError> {
    let Ok(to) = to.parse::<CycleState>() else {
        let errors = vec![("state", page.t("cycle-error-state"))];
        let view = MoveView {
            page,
            cycle,
            to: None,
            consequences: Vec::new(),
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
    };
    let refusal = |failure: CycleFailure, page: Page, cycle| {
        let errors = vec![("state", failure_message(page.lang, &failure))];
        let view = MoveView {
            page,
            cycle,
            to: Some(to),
            consequences: Vec::new(),
            errors,
        };
        (StatusCode::CONFLICT, view).into_response()
    };
    if let Err(err) = cycle.state.check_move(to) {
        return Ok(refusal(CycleFailure::Move(err), page, cycle));
    }
    if to == CycleState::Frozen {
        let missing = db::joint::missing(&state.db, cycle.id).await?;
        if !missing.is_empty() {
            return Ok(refusal(
                CycleFailure::MissingJointReviews(missing),
                page,
                cycle,
            ));
        }
    }
    let board = tracking::board(&state.db, cycle).await?;
    let facts = MoveFacts::of(&board, state.clock.today());
    let said = consequences(page.lang, &board.cycle, to, &facts);
    Ok(MoveView {
        page,
        cycle: board.cycle,
        to: Some(to),
        consequences: said,
        errors: Vec::new(),
    }
    .into_response())
}

async fn get_move(
    State(state): State<AppState>,
    Authorized(_, _): Authorized<Staff>,
    page: Page,
    Path(year): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let (_, cycle) = find(&state, &year).await?;
    let to = query
        .and_then(|q| parse_form::<MoveQuery>(q.as_bytes()).ok())
        .unwrap_or_default()
        .to;
    move_page(&state, page, cycle, &to).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct MoveForm {
    state: String,
    confirm: String,
}

/// Makes a confirmed move. Without the confirmation nothing changes: the answer sends the reader
/// to the page that says what the move does.
async fn post_move(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Staff>,
    page: Page,
    headers: HeaderMap,
    Path(year): Path<String>,
    Form(form): Form<MoveForm>,
) -> Result<Response, AppError> {
    let (partnership_id, cycle) = find(&state, &year).await?;
    let year = cycle.year;
    let Ok(to) = form.state.parse::<CycleState>() else {
        return move_page(&state, page, cycle, &form.state).await;
    };
    if form.confirm != CONFIRMED {
        return Ok(
            Redirect::to(&format!("/app/cycles/{year}/state?to={}", to.as_str())).into_response(),
        );
    }
    let moved = cycles::move_state(
        &state.db,
        partnership_id,
        year,
        to,
        &actor(&user),
        request_id(&headers).as_deref(),
    )
    .await;
    match moved {
        Ok(before) => {
            let done = if before.state.is_reopen(to) {
                "reopened"
            } else {
                "state"
            };
            Ok(Redirect::to(&format!("/app/cycles/{year}?done={done}")).into_response())
        }
        Err(CycleFailure::NotFound(_) | CycleFailure::NoPartnership) => Err(AppError::NotFound),
        Err(CycleFailure::Database(err)) => Err(err.into()),
        Err(failure) => {
            let errors = vec![("state", failure_message(page.lang, &failure))];
            let view = MoveView {
                page,
                cycle,
                to: Some(to),
                consequences: Vec::new(),
                errors,
            };
            Ok((StatusCode::CONFLICT, view).into_response())
        }
    }
}

/// The form to correct a cycle, filled with `form`; a frozen cycle's page says why there is none.
async fn edit_page(
    state: &AppState,
    page: Page,
    cycle: db::cycles::Cycle,
    form: CycleInput,
    errors: crate::views::cycles::FieldErrors,
) -> Result<Response, AppError> {
    let frozen = !cycle.state.is_editable();
    let can_delete = cycle.state == CycleState::Planned
        && !db::cycle_edits::was_ever_opened(&state.db, cycle.id).await?;
    let status = if frozen {
        StatusCode::CONFLICT
    } else if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let errors = if frozen {
        let failure = CycleFailure::Immutable(cycle.year, cycle.state);
        vec![("frozen", failure_message(page.lang, &failure))]
    } else {
        errors
    };
    let view = CycleEditView {
        page,
        cycle,
        form,
        errors,
        frozen,
        can_delete,
    };
    Ok((status, view).into_response())
}

async fn get_edit(
    State(state): State<AppState>,
    Authorized(_, _): Authorized<Staff>,
    page: Page,
    Path(year): Path<String>,
) -> Result<Response, AppError> {
    let (_, cycle) = find(&state, &year).await?;
    let form = edit::input_of(&cycle);
    edit_page(&state, page, cycle, form, Vec::new()).await
}

async fn post_edit(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Staff>,
    page: Page,
    headers: HeaderMap,
    Path(year): Path<String>,
    Form(form): Form<CycleInput>,
) -> Result<Response, AppError> {
    let (partnership_id, cycle) = find(&state, &year).await?;
    let year = cycle.year;
    let edited = edit::edit(
        &state.db,
        partnership_id,
        year,
        |_| form.clone(),
        &actor(&user),
        request_id(&headers).as_deref(),
    )
    .await;
    match edited {
        Ok(edited) => {
            let done = if edited.changed() {
                "edited"
            } else {
                "unchanged"
            };
            Ok(Redirect::to(&format!("/app/cycles/{year}?done={done}")).into_response())
        }
        Err(CycleFailure::Invalid(problems)) => {
            let errors = problems
                .iter()
                .map(|p| (p.field(), page.t(p.message_key())))
                .collect();
            let form = CycleInput {
                year: year.to_string(),
                ..form
            };
            edit_page(&state, page, cycle, form, errors).await
        }
        Err(CycleFailure::Immutable(..)) => {
            // Frozen meanwhile: show the cycle as it is now.
            let (_, now) = find(&state, &year.to_string()).await?;
            let form = edit::input_of(&now);
            edit_page(&state, page, now, form, Vec::new()).await
        }
        Err(CycleFailure::NotFound(_) | CycleFailure::NoPartnership) => Err(AppError::NotFound),
        Err(CycleFailure::Database(err)) => Err(err.into()),
        Err(other) => Err(anyhow::anyhow!("unexpected refusal of a correction: {other}").into()),
    }
}

/// The confirmation of a deletion, or (409) why the cycle cannot be deleted.
async fn delete_page(
    state: &AppState,
    page: Page,
    cycle: db::cycles::Cycle,
) -> Result<Response, AppError> {
    let opened = cycle.state != CycleState::Planned
        || db::cycle_edits::was_ever_opened(&state.db, cycle.id).await?;
    let errors = if opened {
        vec![(
            "delete",
            failure_message(page.lang, &CycleFailure::WasOpened(cycle.year)),
        )]
    } else {
        Vec::new()
    };
    let status = if opened {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        CycleDeleteView {
            page,
            cycle,
            errors,
        },
    )
        .into_response())
}

async fn get_delete(
    State(state): State<AppState>,
    Authorized(_, _): Authorized<Staff>,
    page: Page,
    Path(year): Path<String>,
) -> Result<Response, AppError> {
    let (_, cycle) = find(&state, &year).await?;
    delete_page(&state, page, cycle).await
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DeleteForm {
    confirm: String,
}

async fn post_delete(
    State(state): State<AppState>,
    Authorized(user, _): Authorized<Staff>,
    page: Page,
    headers: HeaderMap,
    Path(year): Path<String>,
    Form(form): Form<DeleteForm>,
) -> Result<Response, AppError> {
    let (partnership_id, cycle) = find(&state, &year).await?;
    let year = cycle.year;
    if form.confirm != CONFIRMED {
        return Ok(Redirect::to(&format!("/app/cycles/{year}/delete")).into_response());
    }
    match edit::delete(
        &state.db,
        partnership_id,
        year,
        &actor(&user),
        request_id(&headers).as_deref(),
    )
    .await
    {
        Ok(_) => Ok(Redirect::to("/app/cycles?done=deleted").into_response()),
        Err(CycleFailure::WasOpened(_)) => delete_page(&state, page, cycle).await,
        Err(CycleFailure::NotFound(_) | CycleFailure::NoPartnership) => Err(AppError::NotFound),
        Err(CycleFailure::Database(err)) => Err(err.into()),
        Err(other) => Err(anyhow::anyhow!("unexpected refusal of a deletion: {other}").into()),
    }
}
