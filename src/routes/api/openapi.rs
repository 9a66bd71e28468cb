//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers' `#[utoipa::path]`
//! annotations and the types they read and answer ([`super::router`] collects them), served at
//! `/api/openapi.json` with Swagger UI at `/api/docs`.

use utoipa::{
    Modify, OpenApi,
    openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme},
};

/// What the handlers do not say: the title, the description, the security schemes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "sdp-tracker API",
        version = "1",
        description = "The EU–Canada Security and Defence Partnership: its commitments, the review \
cycles of the annual Security and Defence Dialogue, each side's assessments and the published joint \
statuses.\n\nThe partnership, its commitments and published cycles are public. Everything else \
needs a personal token (`sdp-tracker token add`) as `Authorization: Bearer TOKEN`, or the login \
session. Lists take `page` and `per_page`. Every error is `{\"error\": {status, title, detail, \
request_id, code, errors?, current_version?}}`, in the language of `Accept-Language` (en, fr).",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
    ),
    modifiers(&SecuritySchemes),
    security(("bearer" = []), ("session" = [])),
    tags(
        (name = "partnership", description = "The text: public"),
        (name = "cycles", description = "Review cycles; published ones are public"),
        (name = "assessments", description = "Each side's assessments: signed-in callers"),
    ),
)]
pub struct ApiDoc;

struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                crate::auth::SESSION_COOKIE,
            ))),
        );
    }
}
