//! User administration and lead-officer assignments, for administrators only.

use axum::{
    Router,
    extract::{Path, RawQuery, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};

use crate::{
    accounts::{self, AccountOpError},
    auth::User,
    db::{
        self,
        audit::{Actor, NewEvent},
    },
    domain::account::Role,
    error::AppError,
    extract::{AdminOnly, Authorized, Form, parse_form},
    state::AppState,
    views::{
        Page,
        admin::{
            Account, AccountForm, AssignmentsView, FieldErrors, LeadForm, OneTimePasswordView,
            PasswordReason, UserFormView, UsersView, done_key, group_leads,
        },
    },
};

type Admin = Authorized<AdminOnly>;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/app/admin",
            get(|_: Admin| async { Redirect::to("/app/admin/users") }),
        )
        .route("/app/admin/users", get(get_users))
        .route(
            "/app/admin/users/new",
            get(get_new_user).post(post_new_user),
        )
        .route("/app/admin/users/{id}", get(get_user).post(post_user))
        .route(
            "/app/admin/users/{id}/reset-password",
            post(post_reset_password),
        )
        .route("/app/admin/users/{id}/deactivate", post(post_deactivate))
        .route(
            "/app/admin/assignments",
            get(get_assignments).post(post_assignment),
        )
        .route(
            "/app/admin/assignments/remove",
            post(post_remove_assignment),
        )
}

/// The request id set by the request-id layer, for the audit event.
pub(super) fn request_id(headers: &HeaderMap) -> Option<&str> {
    headers.get("x-request-id").and_then(|v| v.to_str().ok())
}

pub(super) fn actor(user: &User) -> Actor {
    Actor {
        user_id: Some(user.id()),
        name: user.email().into(),
    }
}

/// The `?done=` parameter of a page reached after a change.
fn done(query: Option<&str>) -> Option<&'static str> {
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Done {
        done: String,
    }
    let parsed: Done = query
        .and_then(|q| parse_form(q.as_bytes()).ok())
        .unwrap_or_default();
    done_key(&parsed.done)
}

fn translate(page: &Page, errors: Vec<(&'static str, &'static str)>) -> FieldErrors {
    errors
        .into_iter()
        .map(|(field, key)| (field, page.t(key)))
        .collect()
}

async fn find_account(state: &AppState, id: &str) -> Result<Account, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let row = db::users::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Account::from(&row))
}

async fn get_users(
    State(state): State<AppState>,
    _admin: Admin,
    page: Page,
) -> Result<UsersView, AppError> {
    let users = db::users::list(&state.db)
        .await?
        .iter()
        .map(Account::from)
        .collect();
    Ok(UsersView { page, users })
}

async fn get_new_user(_admin: Admin, page: Page) -> UserFormView {
    UserFormView::new_account(page, AccountForm::default(), Vec::new())
}

async fn post_new_user(
    State(state): State<AppState>,
    admin: Admin,
    page: Page,
    headers: HeaderMap,
    Form(form): Form<AccountForm>,
) -> Result<Response, AppError> {
    let mut errors = Vec::new();
    let email = form.email().map_err(|key| errors.push(("email", key))).ok();
    let profile = form.profile().map_err(|e| errors.extend(e)).ok();
    let (Some(email), Some(profile)) = (email, profile) else {
        let errors = translate(&page, errors);
        return Ok(UserFormView::new_account(page, form, errors).refused());
    };

    let spec = accounts::AccountSpec {
        email: email.as_str(),
        display_name: Some(&profile.display_name),
        role: profile.role,
        side: profile.side,
        organisation: profile.organisation.as_deref(),
        password: None,
        lang: crate::i18n::Lang::En,
    };
    let created =
        match accounts::create(&state.db, spec, &actor(admin.user()), request_id(&headers)).await {
            Ok(created) => created,
            Err(AccountOpError::EmailTaken(_)) => {
                let errors = vec![("email", page.t("admin-error-email-taken"))];
                return Ok(UserFormView::new_account(page, form, errors).refused());
            }
            Err(e) => return Err(account_error(e)),
        };
    Ok(OneTimePasswordView {
        page,
        account_id: created.id,
        email: email.as_str().to_owned(),
        password: created
            .one_time_password
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no one-time password")))?,
        reason: PasswordReason::Created,
    }
    .into_response())
}

async fn get_user(
    State(state): State<AppState>,
    admin: Admin,
    page: Page,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<UserFormView, AppError> {
    let account = find_account(&state, &id).await?;
    Ok(UserFormView {
        page,
        is_self: account.id == admin.user().id(),
        form: AccountForm::from_account(&account),
        account: Some(account),
        errors: Vec::new(),
        done: done(query.as_deref()),
    })
}

async fn post_user(
    State(state): State<AppState>,
    admin: Admin,
    page: Page,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(mut form): Form<AccountForm>,
) -> Result<Response, AppError> {
    let before = find_account(&state, &id).await?;
    // The e-mail address is not editable here; the form shows the stored one.
    form.email = before.email.clone();
    let is_self = before.id == admin.user().id();
    let mut errors = Vec::new();
    let profile = form.profile().map_err(|e| errors.extend(e)).ok();
    if is_self {
        // Keeps at least one administrator: nobody can lock themselves out.
        if profile.as_ref().is_some_and(|p| p.role != Role::Admin) {
            errors.push(("role", "admin-error-self-demote"));
        }
        if !form.is_active() {
            errors.push(("active", "admin-error-self-deactivate"));
        }
    }
    let Some(profile) = profile.filter(|_| errors.is_empty()) else {
        let errors = translate(&page, errors);
        return Ok(UserFormView::editing(page, before, is_self, form, errors).refused());
    };
    let change = accounts::ProfileChange {
        display_name: &profile.display_name,
        role: profile.role,
        side: profile.side,
        organisation: profile.organisation.as_deref(),
        active: form.is_active(),
    };
    let done = accounts::update_profile(
        &state.db,
        before.id,
        change,
        &actor(admin.user()),
        request_id(&headers),
    )
    .await;
    // This instance forgets the account's logins at once, before the notification arrives.
    state.auth_cache.forget_user(before.id);
    done.map_err(account_error)?;
    Ok(Redirect::to(&format!("/app/admin/users/{}?done=updated", before.id)).into_response())
}

async fn post_reset_password(
    State(state): State<AppState>,
    admin: Admin,
    page: Page,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let before = find_account(&state, &id).await?;
    let done = accounts::reset_password(
        &state.db,
        before.id,
        &actor(admin.user()),
        request_id(&headers),
    )
    .await;
    // This instance forgets the account's logins at once, before the notification arrives.
    state.auth_cache.forget_user(before.id);
    let one_time = done.map_err(account_error)?;
    Ok(OneTimePasswordView {
        page,
        account_id: before.id,
        email: before.email,
        password: one_time,
        reason: PasswordReason::Reset,
    }
    .into_response())
}

async fn post_deactivate(
    State(state): State<AppState>,
    admin: Admin,
    page: Page,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let before = find_account(&state, &id).await?;
    if before.id == admin.user().id() {
        let errors = vec![("active", page.t("admin-error-self-deactivate"))];
        let form = AccountForm::from_account(&before);
        return Ok(UserFormView::editing(page, before, true, form, errors).refused());
    }
    let done = accounts::deactivate(
        &state.db,
        before.id,
        &actor(admin.user()),
        request_id(&headers),
    )
    .await;
    // This instance forgets the account's logins at once, before the notification arrives.
    state.auth_cache.forget_user(before.id);
    done.map_err(account_error)?;
    Ok(Redirect::to(&format!("/app/admin/users/{}?done=deactivated", before.id)).into_response())
}

/// A failed account operation as an error: a database error keeps its classification (an
/// unreachable database is a 503, not a 500).
fn account_error(e: AccountOpError) -> AppError {
    match e {
        AccountOpError::NotFound => AppError::NotFound,
        AccountOpError::Database(e) => e.into(),
        e => AppError::Internal(e.into()),
    }
}

async fn assignments_view(
    state: &AppState,
    page: Page,
    form: LeadForm,
    errors: FieldErrors,
    done: Option<&'static str>,
) -> Result<AssignmentsView, AppError> {
    let partnership = db::partnership::find_default(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let commitments = group_leads(db::assignments::list(&state.db, partnership.id).await?);
    let officers = db::assignments::officers(&state.db).await?;
    let choices = crate::views::tracking::CommitmentChoice::all(
        &db::board::commitments(&state.db, partnership.id).await?,
        page.lang,
    );
    Ok(AssignmentsView {
        page,
        commitments,
        choices,
        officers,
        form,
        errors,
        done,
    })
}

async fn get_assignments(
    State(state): State<AppState>,
    _admin: Admin,
    page: Page,
    RawQuery(query): RawQuery,
) -> Result<AssignmentsView, AppError> {
    assignments_view(
        &state,
        page,
        LeadForm::default(),
        Vec::new(),
        done(query.as_deref()),
    )
    .await
}

/// Adds a lead: the commitment must exist, the account must be an active officer, whose side
/// becomes the side they lead for.
async fn post_assignment(
    State(state): State<AppState>,
    admin: Admin,
    page: Page,
    headers: HeaderMap,
    Form(form): Form<LeadForm>,
) -> Result<Response, AppError> {
    let partnership = db::partnership::find_default(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut errors = Vec::new();
    let commitment =
        db::assignments::find_commitment(&state.db, partnership.id, form.commitment.trim()).await?;
    if commitment.is_none() {
        errors.push(("commitment", "admin-error-commitment"));
    }
    let officer = match form.user_id.trim().parse::<i64>() {
        Ok(id) => db::users::find(&state.db, id).await?,
        Err(_) => None,
    };
    let lead = match &officer {
        Some(u) if u.role == Role::Officer && u.active => u.side.map(|side| (u, side)),
        _ => None,
    };
    if lead.is_none() {
        errors.push(("user_id", "admin-error-lead-not-officer"));
    }
    let (Some(commitment_id), Some((officer, side))) = (commitment, lead) else {
        let errors = translate(&page, errors);
        let view = assignments_view(&state, page, form, errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
    };

    let mut tx = state.db.begin().await?;
    if !db::assignments::add(&mut *tx, commitment_id, officer.id, side).await? {
        drop(tx);
        let errors = vec![("user_id", page.t("admin-error-lead-exists"))];
        let view = assignments_view(&state, page, form, errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
    }
    db::audit::record(
        &mut *tx,
        NewEvent {
            actor: &actor(admin.user()),
            action: "assignment.add",
            entity: "commitment_lead",
            entity_id: Some(format!("{}/{}", form.commitment.trim(), officer.id)),
            before: None,
            after: Some(serde_json::json!({
                "commitment": form.commitment.trim(),
                "user_id": officer.id,
                "email": officer.email,
                "side": side,
            })),
            request_id: request_id(&headers),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/app/admin/assignments?done=added").into_response())
}

async fn post_remove_assignment(
    State(state): State<AppState>,
    admin: Admin,
    headers: HeaderMap,
    Form(form): Form<LeadForm>,
) -> Result<Response, AppError> {
    let partnership = db::partnership::find_default(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let reference = form.commitment.trim();
    let commitment_id = db::assignments::find_commitment(&state.db, partnership.id, reference)
        .await?
        .ok_or(AppError::NotFound)?;
    let user_id: i64 = form
        .user_id
        .trim()
        .parse()
        .map_err(|_| AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    let side = db::assignments::remove(&mut *tx, commitment_id, user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let email = db::users::find(&mut *tx, user_id).await?.map(|u| u.email);
    db::audit::record(
        &mut *tx,
        NewEvent {
            actor: &actor(admin.user()),
            action: "assignment.remove",
            entity: "commitment_lead",
            entity_id: Some(format!("{reference}/{user_id}")),
            before: Some(serde_json::json!({
                "commitment": reference,
                "user_id": user_id,
                "email": email,
                "side": side,
            })),
            after: None,
            request_id: request_id(&headers),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/app/admin/assignments?done=removed").into_response())
}
