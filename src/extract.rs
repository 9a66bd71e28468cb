//! Extractors that make the rules hard to forget: who is logged in, which roles a route allows,
//! and form bodies that are checked before anything is bound.

use std::marker::PhantomData;

use axum::{
    extract::{FromRequest, FromRequestParts, Request},
    http::{StatusCode, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use serde::de::DeserializeOwned;

use crate::{
    auth::{AuthSession, User},
    domain::account::Role,
    error::AppError,
    i18n::Lang,
};

mod client_ip;

pub use client_ip::{ClientIp, client_ip, forwarded_client};

/// Which roles may use a route; implemented by the marker types below.
pub trait Policy: Send + Sync + 'static {
    const ROLES: &'static [Role];
}

/// Any logged-in account.
pub struct AnyRole;
/// Administrators only.
pub struct AdminOnly;
/// The secretariat and administrators.
pub struct Staff;
/// Accounts that may write assessments.
pub struct Writers;

impl Policy for AnyRole {
    const ROLES: &'static [Role] = &[Role::Admin, Role::Secretariat, Role::Officer, Role::Viewer];
}
impl Policy for AdminOnly {
    const ROLES: &'static [Role] = &[Role::Admin];
}
impl Policy for Staff {
    const ROLES: &'static [Role] = &[Role::Admin, Role::Secretariat];
}
impl Policy for Writers {
    const ROLES: &'static [Role] = &[Role::Admin, Role::Secretariat, Role::Officer];
}

/// The logged-in user, when their role is allowed by `P`. Anonymous browsers are sent to the
/// login page; a user who must change a one-time password is sent to do that first; a role not
/// allowed gets 403 (logged as a security event).
pub struct Authorized<P: Policy = AnyRole>(pub User, pub PhantomData<P>);

/// Any logged-in user.
pub type CurrentUser = Authorized<AnyRole>;

impl<P: Policy> Authorized<P> {
    pub fn user(&self) -> &User {
        &self.0
    }
}

/// Why a request was turned away before reaching its handler.
pub enum AuthRejection {
    Login(String),
    ChangePassword,
    Forbidden,
    Internal,
}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        match self {
            AuthRejection::Login(next) => Redirect::to(&format!(
                "/login?next={}",
                form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
            ))
            .into_response(),
            AuthRejection::ChangePassword => {
                Redirect::to(crate::routes::CHANGE_PASSWORD_PATH).into_response()
            }
            AuthRejection::Forbidden => AppError::Forbidden.into_response(),
            AuthRejection::Internal => {
                AppError::Internal(anyhow::anyhow!("session unavailable")).into_response()
            }
        }
    }
}

impl<S: Send + Sync, P: Policy> FromRequestParts<S> for Authorized<P> {
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let session = parts
            .extensions
            .get::<AuthSession>()
            .ok_or(AuthRejection::Internal)?;
        let Some(user) = session.user.clone() else {
            let next = parts
                .uri
                .path_and_query()
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|| "/app".into());
            return Err(AuthRejection::Login(next));
        };
        if user.account.must_change_password
            && parts.uri.path() != crate::routes::CHANGE_PASSWORD_PATH
        {
            return Err(AuthRejection::ChangePassword);
        }
        if !P::ROLES.contains(&user.role()) {
            tracing::warn!(
                target: "security",
                user = user.id(),
                role = %user.role(),
                path = %parts.uri.path(),
                "forbidden: role not allowed"
            );
            return Err(AuthRejection::Forbidden);
        }
        Ok(Authorized(user, PhantomData))
    }
}

/// A URL-encoded form, refused with 400 when the body is not valid UTF-8 once decoded or holds a
/// NUL character (axum's `Form` would replace invalid bytes silently; PostgreSQL refuses NUL).
/// Unknown fields are ignored by serde, never bound.
pub struct Form<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| {
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    AppError::PayloadTooLarge
                } else {
                    AppError::BadRequest(lang.t("form-error-unreadable"))
                }
            })?;
        let value = parse_form(&bytes).map_err(|key| AppError::BadRequest(lang.t(key)))?;
        Ok(Form(value))
    }
}

/// Decodes and checks a form body; the error is a catalogue key.
pub fn parse_form<T: DeserializeOwned>(body: &[u8]) -> Result<T, &'static str> {
    let mut pairs = Vec::new();
    for (key, value) in form_urlencoded::parse(body).map(|(k, v)| (k.into_owned(), v.into_owned()))
    {
        // form_urlencoded replaces invalid UTF-8 with U+FFFD; that character never comes from a
        // browser encoding valid text, so its presence means the input was not UTF-8.
        if key.contains('\u{FFFD}') || value.contains('\u{FFFD}') {
            return Err("form-error-utf8");
        }
        if key.contains('\0') || value.contains('\0') {
            return Err("form-error-nul");
        }
        pairs.push((key, value));
    }
    let encoded = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(&pairs)
        .finish();
    serde_urlencoded::from_str(&encoded).map_err(|_| "form-error-invalid")
}

#[cfg(test)]
mod tests {
    use super::parse_form;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Login {
        email: String,
    }

    #[test]
    fn forms_refuse_invalid_utf8_and_nul_and_ignore_unknown_fields() {
        let ok: Login = parse_form(b"email=a%40b.eu&role=admin").unwrap();
        assert_eq!(
            ok,
            Login {
                email: "a@b.eu".into()
            }
        );
        assert_eq!(
            parse_form::<Login>(b"email=%FF%FE").unwrap_err(),
            "form-error-utf8"
        );
        assert_eq!(
            parse_form::<Login>(b"email=a%00b").unwrap_err(),
            "form-error-nul"
        );
        assert_eq!(
            parse_form::<Login>(b"nothing=1").unwrap_err(),
            "form-error-invalid"
        );
    }
}
