//! Logging in and out, changing one's password, and one's API tokens.

use axum::{
    Router,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use serde::Deserialize;

use crate::{
    auth::{
        self, AuthSession, Credentials, password,
        throttle::{self, Admission},
    },
    db::{
        audit::{self, Actor, NewEvent},
        users,
    },
    domain::{account::check_password, redirect::safe_next},
    error::AppError,
    extract::{Authorized, ClientIp, CurrentUser, Form},
    routes::CHANGE_PASSWORD_PATH,
    state::AppState,
    views::{
        Page,
        account::{LoginView, PasswordView, ProfileView, TokenCreatedView},
    },
};

/// Longest token label.
pub const TOKEN_LABEL_MAX_CHARS: usize = 100;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(get_login).post(post_login))
        .route("/logout", post(post_logout))
        .route(CHANGE_PASSWORD_PATH, get(get_password).post(post_password))
        .route("/account", get(get_profile))
        .route("/account/tokens", post(post_token))
        .route("/account/tokens/{id}/revoke", post(post_revoke_token))
}

/// The request id, for audit events.
pub fn request_id(headers: &HeaderMap) -> Option<String> {
    headers
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

pub fn actor(user: &auth::User) -> Actor {
    Actor {
        user_id: Some(user.id()),
        name: user.email().to_owned(),
    }
}

#[derive(Deserialize)]
struct NextQuery {
    next: Option<String>,
}

async fn get_login(page: Page, session: AuthSession, Query(q): Query<NextQuery>) -> Response {
    if session.user.is_some() {
        return Redirect::to(&safe_next(q.next.as_deref())).into_response();
    }
    LoginView {
        page,
        email: String::new(),
        error: None,
        next: safe_next(q.next.as_deref()),
    }
    .into_response()
}

#[derive(Deserialize)]
struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

async fn post_login(
    State(state): State<AppState>,
    mut session: AuthSession,
    page: Page,
    ClientIp(ip): ClientIp,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let next = safe_next(form.next.as_deref());
    let email = form.email.trim().to_lowercase();
    if let Admission::Refused { retry_after } = throttle::admit(&state.db, &email, ip).await? {
        tracing::warn!(target: "security", ip = ?ip, retry_after, "login throttled");
        let minutes = retry_after.div_ceil(60);
        let error = Some(
            page.lang
                .t_args("login-throttled", &[("minutes", minutes.into())]),
        );
        let view = LoginView {
            page,
            email: form.email,
            error,
            next,
        };
        let retry_after = [(header::RETRY_AFTER, retry_after.to_string())];
        return Ok((StatusCode::TOO_MANY_REQUESTS, retry_after, view).into_response());
    }
    let user = session
        .authenticate(Credentials {
            email: email.clone(),
            password: form.password,
        })
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("authentication failed: {e}")))?;
    let Some(mut user) = user else {
        // Already counted as a failure when admitted.
        tracing::warn!(target: "security", ip = ?ip, "login failed");
        // The same message whether the e-mail exists or not.
        let error = Some(page.t("login-error"));
        let view = LoginView {
            page,
            email: form.email,
            error,
            next,
        };
        return Ok((StatusCode::UNAUTHORIZED, view).into_response());
    };
    let mut tx = state.db.begin().await?;
    throttle::succeeded(&mut *tx, &email, ip).await?;
    if let Some(previous) = &session.user {
        users::end_login(&mut *tx, previous.login_id).await?;
    }
    user.login_id = users::start_login(&mut *tx, user.id(), ip).await?;
    tx.commit().await?;
    if let Some(previous) = &session.user {
        state.auth_cache.forget_login(previous.login_id);
    }
    // A sign-in on an existing session gets a new id, and the old one is deleted from the store:
    // whoever holds the old cookie (a fixed or a stolen one) holds nothing. axum-login does this
    // only for a session that was never signed in.
    if session.session.id().is_some() {
        session
            .session
            .cycle_id()
            .await
            .map_err(|e| AppError::Internal(anyhow::anyhow!("cannot renew the session id: {e}")))?;
    }
    session
        .login(&user)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("cannot start the session: {e}")))?;
    tracing::info!(target: "security", user = user.id(), ip = ?ip, "login");
    let to = if user.account.must_change_password {
        CHANGE_PASSWORD_PATH.to_owned()
    } else {
        next
    };
    Ok(Redirect::to(&to).into_response())
}

async fn post_logout(
    State(state): State<AppState>,
    mut session: AuthSession,
) -> Result<Redirect, AppError> {
    if let Some(user) = session.user.clone() {
        let ended = users::end_login(&state.db, user.login_id).await;
        // This instance forgets the login at once, before the notification arrives.
        state.auth_cache.forget_login(user.login_id);
        ended?;
        tracing::info!(target: "security", user = user.id(), "logout");
    }
    // Deletes the server-side session, so the old cookie is worth nothing.
    session
        .logout()
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("cannot end the session: {e}")))?;
    Ok(Redirect::to("/"))
}

async fn get_password(page: Page, Authorized(user, _): CurrentUser) -> PasswordView {
    PasswordView {
        page,
        forced: user.account.must_change_password,
        errors: Vec::new(),
    }
}

#[derive(Deserialize)]
struct PasswordForm {
    current: String,
    new: String,
    confirm: String,
}

async fn post_password(
    State(state): State<AppState>,
    mut session: AuthSession,
    page: Page,
    headers: HeaderMap,
    Authorized(user, _): CurrentUser,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let mut errors = Vec::new();
    if !password::verify(
        form.current.clone(),
        Some(user.account.password_hash.clone()),
    )
    .await?
    {
        errors.push(("current", page.t("password-error-current")));
    }
    if let Err(e) = check_password(&form.new) {
        errors.push(("new", page.t(e.message_key())));
    } else if form.new == form.current {
        errors.push(("new", page.t("password-error-same")));
    }
    if form.new != form.confirm {
        errors.push(("confirm", page.t("password-error-confirm")));
    }
    if !errors.is_empty() {
        let view = PasswordView {
            page,
            forced: user.account.must_change_password,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
    }
    let hash = password::hash(form.new).await?;
    let mut tx = state.db.begin().await?;
    users::set_password(&mut *tx, user.id(), &hash, false).await?;
    users::end_all_logins(&mut *tx, user.id(), Some(user.login_id)).await?;
    audit::record(
        &mut *tx,
        NewEvent {
            actor: &actor(&user),
            action: "user.password_change",
            entity: "user",
            entity_id: Some(user.id().to_string()),
            before: Some(
                serde_json::json!({ "must_change_password": user.account.must_change_password }),
            ),
            after: Some(serde_json::json!({ "must_change_password": false })),
            request_id: request_id(&headers).as_deref(),
        },
    )
    .await?;
    tx.commit().await?;
    // This instance forgets the account's other logins (and its old password hash) at once.
    state.auth_cache.forget_user(user.id());
    // The session holds a hash of the password: log in again with the new one.
    let mut renewed = user.clone();
    renewed.account.password_hash = hash;
    renewed.account.must_change_password = false;
    session
        .login(&renewed)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("cannot renew the session: {e}")))?;
    Ok(Redirect::to("/app?done=password").into_response())
}

async fn get_profile(
    State(state): State<AppState>,
    page: Page,
    Authorized(user, _): CurrentUser,
) -> Result<ProfileView, AppError> {
    let tokens = users::tokens(&state.db, user.id()).await?;
    Ok(ProfileView {
        page,
        user: user.account,
        tokens,
        error: None,
    })
}

#[derive(Deserialize)]
struct TokenForm {
    label: String,
}

async fn post_token(
    State(state): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Authorized(user, _): CurrentUser,
    Form(form): Form<TokenForm>,
) -> Result<Response, AppError> {
    let label = form.label.trim();
    if label.is_empty() || label.chars().count() > TOKEN_LABEL_MAX_CHARS {
        let tokens = users::tokens(&state.db, user.id()).await?;
        let error = Some(page.t("token-error-label"));
        let view = ProfileView {
            page,
            user: user.account,
            tokens,
            error,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
    }
    let token = auth::token::generate();
    let mut tx = state.db.begin().await?;
    let id = users::insert_token(
        &mut *tx,
        user.id(),
        label,
        &auth::token::digest(&token),
        &auth::token::visible_prefix(&token),
    )
    .await?;
    audit::record(
        &mut *tx,
        NewEvent {
            actor: &actor(&user),
            action: "token.create",
            entity: "api_token",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(serde_json::json!({ "label": label, "user_id": user.id() })),
            request_id: request_id(&headers).as_deref(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(TokenCreatedView {
        page,
        token,
        label: label.to_owned(),
    }
    .into_response())
}

async fn post_revoke_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    Authorized(user, _): CurrentUser,
    Path(id): Path<i64>,
) -> Result<Redirect, AppError> {
    let mut tx = state.db.begin().await?;
    if !users::revoke_token(&mut *tx, user.id(), id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut *tx,
        NewEvent {
            actor: &actor(&user),
            action: "token.revoke",
            entity: "api_token",
            entity_id: Some(id.to_string()),
            before: Some(serde_json::json!({ "revoked": false })),
            after: Some(serde_json::json!({ "revoked": true })),
            request_id: request_id(&headers).as_deref(),
        },
    )
    .await?;
    tx.commit().await?;
    // This instance forgets the token at once, before the notification arrives.
    state.auth_cache.forget_token(id);
    Ok(Redirect::to("/account?done=revoked"))
}
