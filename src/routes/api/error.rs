//! Errors of the JSON API: a [`Problem`] names the status, a catalogue key for the title and the
//! detail, a stable machine code and, for invalid input, every field error. Handlers and extractors
//! return it bare; [`render_problems`] writes it as JSON in the reader's language with the request
//! id — the same `{"error": {"status", "title", "detail", "request_id"}}` shape the global error
//! middleware gives every other error under `/api/`, with `code`, `errors` and `current_version`
//! added where they apply.

use axum::{
    body::Body,
    extract::Request,
    http::{HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Serialize;
use utoipa::{IntoResponses, ToSchema};

use crate::{domain::assessment::Invalid, error::AppError, i18n::Lang};

/// Every detail and field-message key the API uses through a variable, for the catalogue test.
#[cfg(test)]
const DETAIL_KEYS: &[&str] = &[
    "api-error-unauthorized",
    "api-error-invalid-token",
    "api-error-change-password",
    "api-error-read-only",
    "api-error-other-side",
    "api-error-not-found",
    "api-error-no-partnership",
    "api-error-no-cycle",
    "api-error-no-commitment",
    "api-error-if-match-missing",
    "api-error-if-match-invalid",
    "api-error-content-type",
    "api-error-stale",
    "api-error-cycle-closed",
    "api-error-invalid",
    "api-error-ref",
    "api-error-nul",
    "assessment-error-status",
    "assessment-error-narrative-required",
    "assessment-error-narrative-long",
    "assessment-error-too-many-links",
    "assessment-error-link-scheme",
    "assessment-error-link-invalid",
    "assessment-error-label-long",
];

/// The detail line of a problem.
#[derive(Debug, Clone)]
pub enum Detail {
    /// A catalogue key.
    Key(&'static str),
    /// A catalogue key with the current version as `$version`.
    Version(&'static str, i32),
    /// Text from a parser (serde), not translated.
    Text(String),
}

/// One invalid field of a request body.
#[derive(Debug, Clone)]
pub struct FieldError {
    /// The field, as named in the request body (`ref`, `side`, `status`, `narrative`, `evidence`).
    pub field: &'static str,
    /// A JSON pointer to the value, e.g. `/evidence/0`.
    pub pointer: String,
    /// A stable machine-readable code.
    pub code: &'static str,
    /// A catalogue key for the message.
    pub message_key: &'static str,
}

impl FieldError {
    pub fn from_invalid(e: &Invalid) -> FieldError {
        let (code, pointer) = match e {
            Invalid::Status(_) => ("invalid_status", "/status".to_owned()),
            Invalid::NarrativeRequired(_) => ("narrative_required", "/narrative".to_owned()),
            Invalid::NarrativeTooLong(_) => ("narrative_too_long", "/narrative".to_owned()),
            Invalid::TooManyLinks(_) => ("too_many_links", "/evidence".to_owned()),
            Invalid::LinkScheme(n) => ("link_scheme", format!("/evidence/{}", n - 1)),
            Invalid::LinkInvalid(n) => ("link_invalid", format!("/evidence/{}", n - 1)),
            Invalid::LabelTooLong(n) => ("label_too_long", format!("/evidence/{}/label", n - 1)),
        };
        FieldError {
            field: e.field(),
            pointer,
            code,
            message_key: e.message_key(),
        }
    }
}

/// Every error of the API, as JSON: `{"error": {…}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorObject,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorObject {
    /// The HTTP status.
    pub status: u16,
    /// The status in words, in the reader's language.
    pub title: String,
    /// What went wrong, in the reader's language.
    pub detail: Option<String>,
    /// Quote it when reporting a problem.
    pub request_id: Option<String>,
    /// A stable machine-readable code (`not_found`, `stale_version`, `invalid`, …); absent on
    /// errors the API did not itself raise (a 5xx, say).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// For 422: each invalid field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldErrorOut>,
    /// For 412: the version that is current now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FieldErrorOut {
    pub field: String,
    /// A JSON pointer to the value, e.g. `/evidence/0`.
    pub pointer: String,
    pub code: String,
    pub message: String,
}

/// The refusals of the caller that any endpoint may answer with (for the OpenAPI document).
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum CallerErrors {
    /// No token or session where one is needed, or an invalid, revoked or inactive token (a given
    /// token is never ignored, even on a public endpoint).
    #[response(status = 401)]
    Unauthorized(ErrorBody),
    /// The account must first change its one-time password.
    #[response(status = 403)]
    Forbidden(ErrorBody),
}

/// A 404, for the OpenAPI document.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum NotFound {
    /// No such partnership, commitment or cycle (or a cycle not published, for anonymous callers).
    #[response(status = 404)]
    NotFound(ErrorBody),
}

/// A 400 for an address that does not parse, for the OpenAPI document.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum BadQuery {
    /// The query string does not parse (`?page=abc`) or holds a NUL character, or the path holds
    /// a control character or bytes that are not UTF-8 once decoded.
    #[response(status = 400)]
    BadQuery(ErrorBody),
}

/// A 503, for the OpenAPI document: any endpoint may answer it.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub enum Unavailable {
    /// The database cannot be reached for now; nothing was written. Try again after
    /// `Retry-After` seconds.
    #[response(status = 503, headers(
        ("Retry-After" = u32, description = "Seconds to wait before trying again")
    ))]
    Unavailable(ErrorBody),
}

/// An API error, rendered as JSON by [`render_problems`].
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: StatusCode,
    pub code: &'static str,
    pub detail: Detail,
    pub errors: Vec<FieldError>,
    /// For 412: the version that is current now.
    pub current_version: Option<i32>,
    /// For 401: the `WWW-Authenticate` challenge.
    challenge: Option<&'static str>,
}

impl Problem {
    pub fn new(status: StatusCode, code: &'static str, detail: Detail) -> Problem {
        Problem {
            status,
            code,
            detail,
            errors: Vec::new(),
            current_version: None,
            challenge: None,
        }
    }

    /// No credentials were given.
    pub fn unauthorized() -> Problem {
        Problem {
            challenge: Some("Bearer realm=\"sdp-tracker\""),
            ..Problem::new(
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                Detail::Key("api-error-unauthorized"),
            )
        }
    }

    /// A token was given but is malformed, unknown, revoked or its account inactive.
    pub fn invalid_token() -> Problem {
        Problem {
            challenge: Some("Bearer realm=\"sdp-tracker\", error=\"invalid_token\""),
            ..Problem::new(
                StatusCode::UNAUTHORIZED,
                "invalid_token",
                Detail::Key("api-error-invalid-token"),
            )
        }
    }

    pub fn forbidden(code: &'static str, key: &'static str) -> Problem {
        Problem::new(StatusCode::FORBIDDEN, code, Detail::Key(key))
    }

    pub fn not_found(key: &'static str) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, "not_found", Detail::Key(key))
    }

    pub fn bad_request(code: &'static str, detail: Detail) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, code, detail)
    }

    /// The writer's version is no longer the current one.
    pub fn stale(current: i32) -> Problem {
        Problem {
            current_version: Some(current),
            ..Problem::new(
                StatusCode::PRECONDITION_FAILED,
                "stale_version",
                Detail::Version("api-error-stale", current),
            )
        }
    }

    /// The request body failed validation; every problem is listed.
    pub fn unprocessable(errors: Vec<FieldError>) -> Problem {
        Problem {
            errors,
            ..Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                Detail::Key("api-error-invalid"),
            )
        }
    }

    fn title_key(&self) -> &'static str {
        match self.status {
            StatusCode::BAD_REQUEST => "api-title-bad-request",
            StatusCode::UNAUTHORIZED => "api-title-unauthorized",
            StatusCode::FORBIDDEN => "api-title-forbidden",
            StatusCode::NOT_FOUND => "api-title-not-found",
            StatusCode::CONFLICT => "api-title-conflict",
            StatusCode::PRECONDITION_FAILED => "api-title-precondition-failed",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "api-title-unsupported-media-type",
            StatusCode::UNPROCESSABLE_ENTITY => "api-title-unprocessable",
            StatusCode::PRECONDITION_REQUIRED => "api-title-precondition-required",
            _ => "error-bad-request-title",
        }
    }

    /// The JSON body in `lang`.
    pub fn to_body(&self, lang: Lang, request_id: Option<&str>) -> ErrorBody {
        let detail = match &self.detail {
            Detail::Key(key) => lang.t(key),
            Detail::Version(key, version) => {
                lang.t_args(key, &[("version", FluentValue::from(version.to_string()))])
            }
            Detail::Text(text) => text.clone(),
        };
        ErrorBody {
            error: ErrorObject {
                status: self.status.as_u16(),
                title: lang.t(self.title_key()),
                detail: Some(detail),
                request_id: request_id.map(str::to_owned),
                code: Some(self.code.to_owned()),
                errors: self
                    .errors
                    .iter()
                    .map(|e| FieldErrorOut {
                        field: e.field.to_owned(),
                        pointer: e.pointer.clone(),
                        code: e.code.to_owned(),
                        message: lang.t(e.message_key),
                    })
                    .collect(),
                current_version: self.current_version,
            },
        }
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        if let Some(challenge) = self.challenge {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(challenge),
            );
        }
        if let Some(version) = self.current_version
            && let Ok(etag) = HeaderValue::from_str(&format!("\"{version}\""))
        {
            response.headers_mut().insert(header::ETAG, etag);
        }
        response.extensions_mut().insert(self);
        response
    }
}

/// What an API handler or extractor fails with: a problem of the request, or an application error
/// (database, bug) that the global middleware renders as a generic JSON 5xx.
#[derive(Debug)]
pub enum ApiError {
    Problem(Problem),
    App(AppError),
}

impl From<Problem> for ApiError {
    fn from(p: Problem) -> Self {
        ApiError::Problem(p)
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError::App(e)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::App(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Problem(p) => p.into_response(),
            ApiError::App(e) => e.into_response(),
        }
    }
}

/// Renders every [`Problem`] of the API routes as JSON; other responses pass untouched.
pub async fn render_problems(req: Request, next: Next) -> Response {
    let lang = req.extensions().get::<Lang>().copied().unwrap_or_default();
    let request_id = crate::routes::account::request_id(req.headers());
    let mut response = next.run(req).await;
    let Some(problem) = response.extensions_mut().remove::<Problem>() else {
        return response;
    };
    let body = serde_json::to_string(&problem.to_body(lang, request_id.as_deref()))
        .expect("an error body serialises");
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    Response::from_parts(parts, Body::from(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The keys used through variables, which the catalogue test cannot see.
    #[test]
    fn every_title_and_detail_key_exists_in_both_languages() {
        let statuses = [400, 401, 403, 404, 409, 412, 415, 422, 428];
        let mut keys: Vec<&str> = statuses
            .iter()
            .map(|s| {
                Problem::new(StatusCode::from_u16(*s).unwrap(), "x", Detail::Key("x")).title_key()
            })
            .collect();
        keys.extend(DETAIL_KEYS);
        for lang in Lang::ALL {
            for key in &keys {
                let version = [("version", FluentValue::from("1"))];
                assert_ne!(
                    lang.t_args(key, &version),
                    *key,
                    "{key} missing in {lang:?}"
                );
            }
        }
    }

    #[test]
    fn a_stale_problem_names_the_current_version() {
        let body =
            serde_json::to_value(Problem::stale(3).to_body(Lang::En, Some("req-1"))).unwrap();
        assert_eq!(body["error"]["status"], 412);
        assert_eq!(body["error"]["current_version"], 3);
        assert_eq!(body["error"]["request_id"], "req-1");
        assert!(body["error"]["detail"].as_str().unwrap().contains('3'));
    }
}
