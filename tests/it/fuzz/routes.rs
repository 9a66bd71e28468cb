//! The fuzzer's route list: every route the router serves, who sends it and what body.

use std::collections::BTreeSet;

use reqwest::Method;

/// Who sends a route's requests: the account that gets past the role check, so that the input
/// reaches the handler's own checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Who {
    Anonymous,
    Viewer,
    OfficerEu,
    OfficerCa,
    Secretariat,
    Admin,
    /// A session used only for `/logout`, signed in again after each logout.
    LeavingViewer,
    /// An EU officer's personal API token.
    Token,
}

pub(super) const SESSIONS: [Who; 6] = [
    Who::Viewer,
    Who::OfficerEu,
    Who::OfficerCa,
    Who::Secretariat,
    Who::Admin,
    Who::LeavingViewer,
];

#[derive(Clone, Copy, Debug)]
pub(crate) enum Body {
    None,
    /// A URL-encoded form with these fields.
    Form(&'static [&'static str]),
    /// The API's JSON assessment.
    Json,
}

pub(crate) struct Route {
    pub(crate) method: Method,
    pub(crate) template: &'static str,
    pub(crate) who: Who,
    pub(crate) body: Body,
    /// Cases per round: writes get more, the slow ones (password hashing, PDF) fewer.
    pub(crate) weight: usize,
    /// Rendering it takes seconds: its path parameters are seldom valid.
    pub(crate) slow: bool,
}

pub(super) const ACCOUNT_FIELDS: &[&str] = &[
    "email",
    "display_name",
    "role",
    "side",
    "organisation",
    "active",
];
pub(super) const ASSESSMENT_FIELDS: &[&str] = &[
    "status",
    "narrative",
    "version",
    "cycle",
    "evidence_url",
    "evidence_label",
    "evidence_url_1",
    "evidence_label_1",
    "evidence_url_2",
    "action",
];
pub(super) const CYCLE_FIELDS: &[&str] = &[
    "year",
    "title",
    "meeting_date",
    "place",
    "opens_on",
    "deadline",
];
pub(super) const CYCLE_EDIT_FIELDS: &[&str] = &[
    "title_en",
    "title_fr",
    "meeting_date",
    "place_en",
    "place_fr",
    "opens_on",
    "deadline",
];
pub(super) const JOINT_FIELDS: &[&str] = &[
    "status",
    "summary_en",
    "summary_fr",
    "next_steps",
    "next_steps_fr",
    "version",
    "filter",
];
pub(super) const UNTOUCHED_FIELDS: &[&str] = &["reason_en", "reason_fr", "count"];
pub(super) const ERRATUM_FIELDS: &[&str] = &[
    "reference",
    "reason",
    "status",
    "summary_en",
    "summary_fr",
    "next_steps",
];
pub(super) const LEAD_FIELDS: &[&str] = &["commitment", "user_id"];

/// Every route the router serves, with who sends it what.
pub(crate) fn routes() -> Vec<Route> {
    use Who::*;
    let get = |template: &'static str, who, weight| Route {
        method: Method::GET,
        template,
        who,
        body: Body::None,
        weight,
        slow: template.ends_with(".pdf") || template.ends_with(".docx"),
    };
    let post = |template, who, body, weight| Route {
        method: Method::POST,
        template,
        who,
        body,
        weight,
        slow: false,
    };
    vec![
        get("/", Anonymous, 1),
        get("/text", Anonymous, 1),
        get("/areas/{slug}", Anonymous, 2),
        get("/help", Anonymous, 1),
        get("/help/{topic}", Anonymous, 2),
        get("/healthz", Anonymous, 1),
        get("/readyz", Anonymous, 1),
        get("/metrics", Anonymous, 1),
        get("/static", Anonymous, 1),
        get("/static/{*path}", Anonymous, 2),
        // The fallback: any path no route serves.
        get("/{*path}", OfficerEu, 2),
        get("/login", Anonymous, 1),
        post(
            "/login",
            Anonymous,
            Body::Form(&["email", "password", "next"]),
            3,
        ),
        post("/logout", LeavingViewer, Body::Form(&[]), 1),
        get("/account", Viewer, 1),
        get("/account/password", OfficerCa, 1),
        post(
            "/account/password",
            OfficerCa,
            Body::Form(&["current", "new", "confirm"]),
            3,
        ),
        post("/account/tokens", Viewer, Body::Form(&["label"]), 4),
        post("/account/tokens/{id}/revoke", Viewer, Body::Form(&[]), 4),
        get("/account/mail", Viewer, 1),
        post(
            "/account/mail",
            OfficerEu,
            Body::Form(&["lang", "receive", "receive"]),
            3,
        ),
        get("/app", OfficerEu, 1),
        get("/app/search", Viewer, 2),
        get("/app/areas/{slug}", OfficerEu, 2),
        get("/app/commitments", OfficerEu, 2),
        get("/app/commitments.csv", OfficerEu, 1),
        get("/app/areas", Viewer, 1),
        get("/app/commitments/{reference}", OfficerEu, 2),
        post(
            "/app/commitments/{reference}/assessments/{side}",
            OfficerEu,
            Body::Form(ASSESSMENT_FIELDS),
            12,
        ),
        get("/app/cycles", Secretariat, 1),
        post("/app/cycles", Secretariat, Body::Form(CYCLE_FIELDS), 8),
        get("/app/cycles/{year}", Secretariat, 2),
        get("/app/cycles/{year}/state", Secretariat, 2),
        post(
            "/app/cycles/{year}/state",
            Secretariat,
            Body::Form(&["state", "confirm"]),
            4,
        ),
        post(
            "/app/cycles/{year}/chase",
            Secretariat,
            Body::Form(&["side", "officer", "officer"]),
            3,
        ),
        get("/app/cycles/{year}/edit", Secretariat, 1),
        post(
            "/app/cycles/{year}/edit",
            Secretariat,
            Body::Form(CYCLE_EDIT_FIELDS),
            6,
        ),
        get("/app/cycles/{year}/delete", Secretariat, 1),
        post(
            "/app/cycles/{year}/delete",
            Secretariat,
            Body::Form(&["confirm"]),
            3,
        ),
        get("/app/cycles/{year}/compare", Viewer, 1),
        get("/app/cycles/{year}/report.html", Viewer, 1),
        get("/app/cycles/{year}/report.docx", Viewer, 1),
        get("/app/cycles/{year}/report.pdf", Viewer, 1),
        get("/app/cycles/{year}/report.csv", Viewer, 1),
        get("/app/cycles/{year}/report.json", Viewer, 1),
        get("/app/cycles/{year}/missing.csv", Viewer, 2),
        post(
            "/app/cycles/{year}/signoff",
            OfficerEu,
            Body::Form(&["confirm"]),
            3,
        ),
        get("/app/cycles/{year}/reconcile", Secretariat, 1),
        get("/app/cycles/{year}/reconcile/accept-agreed", Secretariat, 1),
        post(
            "/app/cycles/{year}/reconcile/accept-agreed",
            Secretariat,
            Body::Form(&["count"]),
            3,
        ),
        get("/app/cycles/{year}/reconcile/not-assessed", Secretariat, 1),
        post(
            "/app/cycles/{year}/reconcile/not-assessed",
            Secretariat,
            Body::Form(UNTOUCHED_FIELDS),
            4,
        ),
        get("/app/cycles/{year}/reconcile/{reference}", Secretariat, 2),
        post(
            "/app/cycles/{year}/reconcile/{reference}",
            Secretariat,
            Body::Form(JOINT_FIELDS),
            8,
        ),
        get("/app/cycles/{year}/errata", Secretariat, 1),
        post(
            "/app/cycles/{year}/errata",
            Secretariat,
            Body::Form(ERRATUM_FIELDS),
            8,
        ),
        get("/app/cycles/{year}/sheets", OfficerEu, 1),
        get("/app/cycles/{year}/sheets/{file}", Secretariat, 1),
        post(
            "/app/cycles/{year}/sheets/uploads",
            OfficerEu,
            Body::Form(&["file"]),
            3,
        ),
        get("/app/cycles/{year}/sheets/uploads/{id}", OfficerEu, 2),
        post(
            "/app/cycles/{year}/sheets/uploads/{id}/apply",
            OfficerEu,
            Body::Form(&["sha256", "valid_only"]),
            3,
        ),
        get("/app/audit", Admin, 1),
        get("/app/admin", Admin, 1),
        get("/app/admin/users", Admin, 1),
        get("/app/admin/users/new", Admin, 1),
        post("/app/admin/users/new", Admin, Body::Form(ACCOUNT_FIELDS), 6),
        get("/app/admin/users/{id}", Admin, 2),
        post(
            "/app/admin/users/{id}",
            Admin,
            Body::Form(ACCOUNT_FIELDS),
            6,
        ),
        post(
            "/app/admin/users/{id}/reset-password",
            Admin,
            Body::Form(&[]),
            3,
        ),
        post(
            "/app/admin/users/{id}/deactivate",
            Admin,
            Body::Form(&[]),
            3,
        ),
        get("/app/admin/outbox", Admin, 1),
        post("/app/admin/outbox/{id}/retry", Admin, Body::Form(&[]), 2),
        get("/app/admin/assignments", Admin, 1),
        post("/app/admin/assignments", Admin, Body::Form(LEAD_FIELDS), 5),
        post(
            "/app/admin/assignments/remove",
            Admin,
            Body::Form(LEAD_FIELDS),
            5,
        ),
        get("/api/openapi.json", Anonymous, 1),
        get("/api/docs", Anonymous, 1),
        get("/api/docs/", Anonymous, 1),
        get("/api/docs/{*rest}", Anonymous, 1),
        get("/api/v1/partnerships/{slug}", Token, 2),
        get("/api/v1/commitments", Token, 1),
        get("/api/v1/commitments/{ref}", Token, 2),
        get("/api/v1/cycles", Token, 1),
        get("/api/v1/cycles/{year}", Token, 2),
        get("/api/v1/cycles/{year}/assessments", Token, 2),
        post("/api/v1/cycles/{year}/assessments", Token, Body::Json, 12),
    ]
}

/// The route templates the router serves, read from its `Debug` output (axum lists its route
/// table there; it has no other way to enumerate it).
pub(super) fn served_templates(router: &axum::Router) -> BTreeSet<String> {
    let debug = format!("{router:?}");
    let pattern = regex::Regex::new(r#"RouteId\(\d+\): "([^"]*)""#).unwrap();
    pattern
        .captures_iter(&debug)
        .map(|c| c[1].to_owned())
        .collect()
}

/// The same template with axum's internal names for a wildcard written as ours.
pub(super) fn normalise(template: &str) -> String {
    template
        .replace("{*__private__axum_nest_tail_param}", "{*path}")
        .replace("{*__private__axum_fallback}", "{*path}")
}
