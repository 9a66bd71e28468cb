//! Who is calling the API: a personal token (`Authorization: Bearer …`) or the browser's login
//! session.

use axum::{
    extract::FromRequestParts,
    http::{HeaderValue, header, request::Parts},
};
use uuid::Uuid;

use super::error::{ApiError, Problem};
use crate::{
    auth::{self, AuthSession},
    error::AppError,
    state::AppState,
};

/// Longest bearer token looked up; real ones have 68 characters.
const TOKEN_MAX_CHARS: usize = 256;

/// The caller. A token is tried first: when an `Authorization` header is present it alone decides
/// (a wrong token is refused, never replaced by a session). Without one, the session cookie.
/// Nobody → 401 with `WWW-Authenticate: Bearer`. An account that must still change its one-time
/// password → 403: the API does not serve it until it has.
pub struct ApiUser(pub auth::User);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        caller(parts, state)
            .await?
            .map(ApiUser)
            .ok_or_else(|| Problem::unauthorized().into())
    }
}

/// The caller of an endpoint of the public subset, who may be nobody. Credentials that are given
/// are checked as strictly as for [`ApiUser`]: a wrong token is a 401, not an anonymous read.
pub struct MaybeApiUser(pub Option<auth::User>);

impl FromRequestParts<AppState> for MaybeApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(MaybeApiUser(caller(parts, state).await?))
    }
}

async fn caller(parts: &Parts, state: &AppState) -> Result<Option<auth::User>, ApiError> {
    let user = match parts.headers.get(header::AUTHORIZATION) {
        Some(value) => {
            let Some(secret) = bearer(value) else {
                security_warning(parts, state, "malformed Authorization header");
                return Err(Problem::invalid_token().into());
            };
            let Some(account) = auth::find_by_token(&state.db, &state.auth_cache, secret).await?
            else {
                security_warning(parts, state, "unknown, revoked or inactive token");
                return Err(Problem::invalid_token().into());
            };
            auth::User {
                account,
                login_id: Uuid::nil(),
            }
        }
        None => {
            let session = parts.extensions.get::<AuthSession>().ok_or_else(|| {
                ApiError::App(AppError::Internal(anyhow::anyhow!("session unavailable")))
            })?;
            match session.user.clone() {
                Some(user) => user,
                None => return Ok(None),
            }
        }
    };
    if user.account.must_change_password {
        return Err(Problem::forbidden("change_password", "api-error-change-password").into());
    }
    Ok(Some(user))
}

/// The token of `Bearer <token>` (scheme case-insensitive), if the header has that form.
fn bearer(value: &HeaderValue) -> Option<&str> {
    let value = value.to_str().ok()?;
    let (scheme, rest) = value.split_once(' ')?;
    let secret = rest.trim();
    (scheme.eq_ignore_ascii_case("bearer")
        && !secret.is_empty()
        && secret.len() <= TOKEN_MAX_CHARS
        && !secret.contains(char::is_whitespace))
    .then_some(secret)
}

fn security_warning(parts: &Parts, state: &AppState, reason: &str) {
    tracing::warn!(
        target: "security",
        path = %parts.uri.path(),
        ip = ?crate::extract::client_ip(parts, &state.config.trusted_proxies),
        "API token refused: {reason}"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens_are_read_strictly() {
        let h = |s: &'static str| HeaderValue::from_static(s);
        assert_eq!(bearer(&h("Bearer sdp_abc")), Some("sdp_abc"));
        assert_eq!(bearer(&h("bearer  sdp_abc ")), Some("sdp_abc"));
        for bad in [
            "Basic dXNlcjpwdw==",
            "Bearer",
            "Bearer ",
            "sdp_abc",
            "Bearer a b",
        ] {
            assert_eq!(bearer(&h(bad)), None, "{bad}");
        }
    }
}
