//! `/app/commitments/{ref}`: one commitment — text, both sides' assessments, history, and the form
//! for the reader's side, saved through `tracking::save`. With htmx the form updates its region in
//! place; without JavaScript everything works by full page loads.

use axum::{
    Router,
    extract::DefaultBodyLimit,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;

use super::{default_partnership, vary_on_htmx, wants_fragment};
use crate::{
    auth::User,
    db::{
        self,
        board::{self, CommitmentInfo},
        cycles::{self, Cycle},
        partnership::Partnership,
    },
    domain::{account::Side, assessment::Draft},
    error::AppError,
    extract::{Authorized, CurrentUser, Form, Writers},
    i18n::Lang,
    page_data,
    routes::account::request_id,
    state::AppState,
    tracking::{self, BoardRow, SaveFailure, SaveRequest, SideView},
    views::{
        Page,
        reconcile::{ErratumRow, JointEntry},
        text::{LangText, emphasis_html},
        tracking::{
            ADD_LINK_ACTION, AssessmentForm, Badge, CommitmentData, CommitmentRegionView,
            CommitmentView, FormState, Notice, RevisionView, SidePanel, commitment_href,
            error_field, no_form_reason, saved_by, timeline,
        },
    },
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/app/commitments/{reference}", get(get_commitment))
        .route(
            "/app/commitments/{reference}/assessments/{side}",
            post(post_assessment).layer(DefaultBodyLimit::max(
                crate::routes::MAX_ASSESSMENT_BODY_BYTES,
            )),
        )
}

/// Every commitment of the partnership with both sides' positions in `cycle` (or none when there
/// is no cycle yet).
pub(super) async fn rows(
    state: &AppState,
    partnership_id: i64,
    cycle: Option<Cycle>,
) -> Result<Vec<BoardRow>, AppError> {
    Ok(match cycle {
        Some(cycle) => page_data::board(state, &cycle).await?.rows.clone(),
        None => {
            let leads = board::leads(&state.db, partnership_id).await?;
            board::commitments(&state.db, partnership_id)
                .await?
                .into_iter()
                .map(|info| BoardRow {
                    leads: leads
                        .iter()
                        .filter(|l| l.commitment_id == info.id)
                        .cloned()
                        .collect(),
                    info,
                    eu: SideView::default(),
                    ca: SideView::default(),
                    joint: None,
                })
                .collect()
        }
    })
}

#[derive(Deserialize)]
struct Saved {
    saved: Option<String>,
}

async fn get_commitment(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Authorized(user, _): CurrentUser,
    Path(reference): Path<String>,
    Query(q): Query<Saved>,
) -> Result<Response, AppError> {
    let partnership = page_data::default_partnership(&state)
        .await?
        .ok_or(AppError::NotFound)?;
    let cycle = page_data::current_cycle(&state, partnership.id).await?;
    let notice = q.saved.is_some().then_some(Notice::Saved);
    let c = commitment_data(
        &state,
        &page,
        &partnership,
        &user,
        &reference,
        cycle,
        notice,
    )
    .await?;
    Ok(render(page, c, StatusCode::OK, wants_fragment(&headers)))
}

/// Renders the page, or the assessment region for htmx, with `status`.
fn render(mut page: Page, c: CommitmentData, status: StatusCode, fragment: bool) -> Response {
    page.text_notice = c.foreign_text();
    let response = if fragment {
        (status, CommitmentRegionView { page, c }).into_response()
    } else {
        (status, CommitmentView { page, c }).into_response()
    };
    vary_on_htmx(response)
}

/// Everything the commitment page shows, with the reader's form prefilled from their side's
/// current revision (callers replace it with what was typed when a save is refused).
async fn commitment_data(
    state: &AppState,
    page: &Page,
    partnership: &Partnership,
    user: &User,
    reference: &str,
    cycle: Option<Cycle>,
    notice: Option<Notice>,
) -> Result<CommitmentData, AppError> {
    let lang = page.lang;
    let (row, history, joint, errata) = match cycle.clone() {
        Some(cycle) => {
            let board = page_data::board(state, &cycle).await?;
            let row = board.row(reference).cloned().ok_or(AppError::NotFound)?;
            let history = page_data::history(state, cycle.id, row.info.id).await?;
            let joint: Vec<JointEntry> = page_data::joint_history(state, cycle.id, row.info.id)
                .await?
                .iter()
                .map(|j| JointEntry::of(lang, j))
                .collect();
            let mut errata: Vec<ErratumRow> = page_data::errata(state, cycle.id)
                .await?
                .iter()
                .filter(|e| e.commitment_id == Some(row.info.id))
                .map(|e| ErratumRow::of(lang, e))
                .collect();
            errata.reverse();
            (row, Some(history), joint, errata)
        }
        None => {
            let row = rows(state, partnership.id, None)
                .await?
                .into_iter()
                .find(|r| r.info.reference == reference)
                .ok_or(AppError::NotFound)?;
            (row, None, Vec::new(), Vec::new())
        }
    };
    let revisions: Vec<RevisionView> = history
        .iter()
        .flat_map(|h| {
            h.revisions
                .iter()
                .map(|r| RevisionView::of(lang, r, &h.evidence))
        })
        .collect();
    let current = |side: Side| {
        row.side(side)
            .current
            .as_ref()
            .and_then(|cur| {
                revisions
                    .iter()
                    .find(|r| r.side == side && r.version == cur.version)
            })
            .cloned()
    };
    let panels = [Side::Eu, Side::Ca]
        .into_iter()
        .map(|side| SidePanel {
            side,
            badge: Badge::of(row.side(side)),
            current: current(side),
        })
        .collect();
    let open = cycle
        .as_ref()
        .filter(|c| c.state == crate::domain::cycle::CycleState::Open);
    let form = match (open, user.side()) {
        (Some(cycle), Some(side)) if tracking::may_write(user, side) => Some(FormState {
            side,
            action: format!(
                "{}/assessments/{}",
                commitment_href(reference),
                side.as_str()
            ),
            values: AssessmentForm::prefilled(current(side).as_ref(), cycle.year),
            errors: Vec::new(),
            conflict: None,
            conflict_by: None,
        }),
        _ => None,
    };
    let no_form = form
        .is_none()
        .then(|| no_form_reason(user.role(), user.side(), cycle.as_ref(), lang));
    let lead_in = lead_in(state, partnership.id, &row.info, lang).await?;
    let body = row.info.body.shown(lang);
    Ok(CommitmentData {
        reference: row.info.reference.clone(),
        href: commitment_href(&row.info.reference),
        paragraph_number: row.info.paragraph_number,
        area_slug: row.info.area_slug.clone(),
        area_title: row.info.area_title.shown(lang),
        lead_in_html: lead_in.as_ref().map(|l| emphasis_html(&l.text)),
        lead_in_lang_attr: lead_in.as_ref().map_or("", LangText::lang_attr),
        body_html: emphasis_html(&body.text),
        body_lang_attr: body.lang_attr(),
        cycle,
        panels,
        history: timeline(revisions),
        joint,
        errata,
        form,
        no_form,
        notice,
        errors: Vec::new(),
    })
}

/// For a lettered item, the paragraph's own text that introduces it.
async fn lead_in(
    state: &AppState,
    partnership_id: i64,
    info: &CommitmentInfo,
    lang: Lang,
) -> Result<Option<LangText>, AppError> {
    if !info.reference.contains('(') {
        return Ok(None);
    }
    let paragraphs = page_data::paragraphs(state, partnership_id).await?;
    Ok(paragraphs
        .iter()
        .find(|p| p.number == info.paragraph_number)
        .map(|p| p.body.shown(lang)))
}

async fn post_assessment(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Authorized(user, _): Authorized<Writers>,
    Path((reference, side)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let side: Side = side.parse().map_err(|_| AppError::NotFound)?;
    if !tracking::may_write(&user, side) {
        return Err(AppError::Forbidden);
    }
    let add_link = pairs
        .iter()
        .any(|(k, v)| k == "action" && v == ADD_LINK_ACTION);
    let form =
        AssessmentForm::from_pairs(pairs).map_err(|key| AppError::BadRequest(page.t(key)))?;
    let fragment = wants_fragment(&headers);
    let partnership = default_partnership(&state).await?;
    if add_link {
        // "Add another link" without JavaScript: the same form with one more row, nothing saved.
        let cycle = cycles::current(&state.db, partnership.id).await?;
        let mut c =
            commitment_data(&state, &page, &partnership, &user, &reference, cycle, None).await?;
        if let Some(f) = c.form.as_mut() {
            f.values = form.with_another_row();
        }
        return Ok(render(page, c, StatusCode::OK, fragment));
    }
    let cycle = match form.cycle {
        Some(year) => cycles::find_by_year(&state.db, partnership.id, year)
            .await?
            .ok_or(AppError::NotFound)?,
        None => match cycles::current(&state.db, partnership.id).await? {
            Some(cycle) => cycle,
            None => {
                return closed(
                    &state,
                    page,
                    &partnership,
                    &user,
                    &reference,
                    None,
                    fragment,
                )
                .await;
            }
        },
    };
    let request_id = request_id(&headers);
    let saved = tracking::save(
        &state.db,
        partnership.id,
        &user,
        SaveRequest {
            year: cycle.year,
            reference: &reference,
            side,
            based_on: form.version,
            draft: Draft {
                status: form.status.clone(),
                narrative: form.narrative.clone(),
                evidence: form.evidence.clone(),
            },
            request_id: request_id.as_deref(),
        },
    )
    .await;
    match saved {
        Ok(_) if fragment => {
            let c = commitment_data(
                &state,
                &page,
                &partnership,
                &user,
                &reference,
                Some(cycle),
                Some(Notice::Saved),
            )
            .await?;
            Ok(render(page, c, StatusCode::OK, true))
        }
        Ok(_) => Ok(Redirect::to(&format!(
            "{}?saved={}#app-assessments",
            commitment_href(&reference),
            side.as_str()
        ))
        .into_response()),
        Err(SaveFailure::Invalid(problems)) => {
            let mut c = commitment_data(
                &state,
                &page,
                &partnership,
                &user,
                &reference,
                Some(cycle),
                None,
            )
            .await?;
            let errors: Vec<(String, String)> = problems
                .iter()
                .map(|p| (error_field(p), page.t(p.message_key())))
                .collect();
            if let Some(f) = c.form.as_mut() {
                f.values = form;
                f.errors = errors.clone();
            }
            c.errors = errors;
            Ok(render(page, c, StatusCode::UNPROCESSABLE_ENTITY, fragment))
        }
        Err(SaveFailure::Stale { current }) => {
            let mut c = commitment_data(
                &state,
                &page,
                &partnership,
                &user,
                &reference,
                Some(cycle),
                None,
            )
            .await?;
            let theirs = c
                .panels
                .iter()
                .find(|p| p.side == side)
                .and_then(|p| p.current.clone());
            let by = match &theirs {
                Some(rev) => Some(conflict_by(&state, &page, &user, rev).await?),
                None => None,
            };
            if let Some(f) = c.form.as_mut() {
                // What the writer typed stays; re-submitting now deliberately replaces the newer one.
                f.values = AssessmentForm {
                    version: theirs.as_ref().map_or(current, |r| r.version),
                    ..form
                };
                f.conflict = theirs;
                f.conflict_by = by;
            }
            Ok(render(page, c, StatusCode::CONFLICT, fragment))
        }
        Err(SaveFailure::CycleClosed) => {
            closed(
                &state,
                page,
                &partnership,
                &user,
                &reference,
                Some(cycle),
                fragment,
            )
            .await
        }
        Err(SaveFailure::Forbidden) => Err(AppError::Forbidden),
        Err(SaveFailure::NotFound) => Err(AppError::NotFound),
        Err(SaveFailure::Database(e)) => Err(e.into()),
    }
}

/// Who saved `rev` and when, for the conflict message (the author's account, when it exists,
/// gives their name and organisation).
async fn conflict_by(
    state: &AppState,
    page: &Page,
    user: &User,
    rev: &RevisionView,
) -> Result<String, AppError> {
    let author = match rev.author_id {
        Some(id) if id != user.id() => db::users::find(&state.db, id).await?,
        _ => None,
    };
    Ok(saved_by(page.lang, rev, user.id(), author))
}

/// 409: the cycle is not open (or there is none), shown on the commitment page.
async fn closed(
    state: &AppState,
    page: Page,
    partnership: &Partnership,
    user: &User,
    reference: &str,
    cycle: Option<Cycle>,
    fragment: bool,
) -> Result<Response, AppError> {
    let c = commitment_data(
        state,
        &page,
        partnership,
        user,
        reference,
        cycle,
        Some(Notice::CycleClosed),
    )
    .await?;
    Ok(render(page, c, StatusCode::CONFLICT, fragment))
}
