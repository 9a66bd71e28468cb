//! Every route × every kind of visitor → the expected status. Grows with every feature.

use crate::common::spawn_app;
use reqwest::{Method, StatusCode};
use sdp_tracker::domain::account::{Role, Side};

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Viewer,
    OfficerEu,
    OfficerCa,
    Secretariat,
    Admin,
}

const ALL: [Who; 6] = [
    Who::Anonymous,
    Who::Viewer,
    Who::OfficerEu,
    Who::OfficerCa,
    Who::Secretariat,
    Who::Admin,
];

/// What each visitor gets: public (200 for all), signed-in (303 to login for anonymous), admin only.
#[derive(Clone, Copy)]
enum Access {
    Public,
    SignedIn,
    AdminOnly,
    /// The secretariat and administrators (403 for the other roles).
    Staff,
    /// The JSON API beyond its public subset: any account (401 for anonymous, never a redirect).
    Api,
    /// Writing through the API: officers only (401 anonymous, 403 read-only accounts).
    ApiOfficers,
    /// Writing an EU assessment through the form: EU officers only (403 for the other accounts).
    EuOfficer,
    /// Signing a side's submission off: officers of either side (403 for the other accounts).
    Officers,
    /// Officers, the secretariat and administrators (403 for viewers): the spreadsheets.
    Writers,
}

const OK: StatusCode = StatusCode::OK;
const GONE: StatusCode = StatusCode::SEE_OTHER;
const FORBIDDEN: StatusCode = StatusCode::FORBIDDEN;

/// (method, path, form body, access, status when allowed)
type Route = (
    Method,
    &'static str,
    &'static [(&'static str, &'static str)],
    Access,
    StatusCode,
);

fn routes() -> Vec<Route> {
    vec![
        (Method::GET, "/", &[], Access::Public, OK),
        (Method::GET, "/text", &[], Access::Public, OK),
        (Method::GET, "/areas/cyber-issues", &[], Access::Public, OK),
        (Method::GET, "/help", &[], Access::Public, OK),
        (Method::GET, "/help/officer", &[], Access::Public, OK),
        (Method::GET, "/help/statuses", &[], Access::Public, OK),
        (
            Method::GET,
            "/help/nowhere",
            &[],
            Access::Public,
            StatusCode::NOT_FOUND,
        ),
        (Method::GET, "/healthz", &[], Access::Public, OK),
        (Method::GET, "/readyz", &[], Access::Public, OK),
        // To loopback connections, which the matrix's are (tests/it/hardening.rs has the rest).
        (Method::GET, "/metrics", &[], Access::Public, OK),
        (Method::GET, "/static/css/app.css", &[], Access::Public, OK),
        (Method::GET, "/app", &[], Access::SignedIn, OK),
        (Method::GET, "/account", &[], Access::SignedIn, OK),
        (Method::GET, "/account/password", &[], Access::SignedIn, OK),
        (
            Method::POST,
            "/account/tokens",
            &[("label", "")],
            Access::SignedIn,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::POST,
            "/account/password",
            &[("current", "x"), ("new", "y"), ("confirm", "z")],
            Access::SignedIn,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (Method::GET, "/app/admin/users", &[], Access::AdminOnly, OK),
        (Method::GET, "/app/admin/outbox", &[], Access::AdminOnly, OK),
        (
            Method::GET,
            "/app/admin/outbox?state=failed",
            &[],
            Access::AdminOnly,
            OK,
        ),
        // No mail has that number: refused, nothing written.
        (
            Method::POST,
            "/app/admin/outbox/999999/retry",
            &[],
            Access::AdminOnly,
            StatusCode::CONFLICT,
        ),
        (Method::GET, "/account/mail", &[], Access::SignedIn, OK),
        (
            Method::POST,
            "/account/mail",
            &[("lang", "de")],
            Access::SignedIn,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::POST,
            "/app/cycles/1999/chase",
            &[("side", "eu")],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/admin/users/new",
            &[],
            Access::AdminOnly,
            OK,
        ),
        (
            Method::POST,
            "/app/admin/users/new",
            &[("email", "not an address")],
            Access::AdminOnly,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::GET,
            "/app/admin/assignments",
            &[],
            Access::AdminOnly,
            OK,
        ),
        (Method::GET, "/app/audit", &[], Access::AdminOnly, OK),
        (
            Method::GET,
            "/app/areas/cyber-issues",
            &[],
            Access::SignedIn,
            OK,
        ),
        (
            Method::GET,
            "/app/areas/all?status=none&side=eu&mine=1",
            &[],
            Access::SignedIn,
            OK,
        ),
        (
            Method::GET,
            "/app/commitments/25%28c%29",
            &[],
            Access::SignedIn,
            OK,
        ),
        (Method::GET, "/app/commitments", &[], Access::SignedIn, OK),
        (
            Method::GET,
            "/app/commitments?area=cyber-issues&status=none&missing=1&mine=1&divergent=1&sort=eu&order=desc",
            &[],
            Access::SignedIn,
            OK,
        ),
        (
            Method::GET,
            "/app/commitments.csv?sort=joint",
            &[],
            Access::SignedIn,
            OK,
        ),
        (Method::GET, "/app/areas", &[], Access::SignedIn, OK),
        // "Add another link" without JavaScript shows the form again, whatever the cycle.
        (
            Method::POST,
            "/app/commitments/25%28c%29/assessments/eu",
            &[("version", "0"), ("action", "add-link")],
            Access::EuOfficer,
            OK,
        ),
        (
            Method::GET,
            "/app/search?q=Gulf+of+Guinea",
            &[],
            Access::SignedIn,
            OK,
        ),
        // The matrix has no cycle: the EU officer's save is refused as not open.
        (
            Method::POST,
            "/app/commitments/25%28c%29/assessments/eu",
            &[("status", "on_track"), ("narrative", ""), ("version", "0")],
            Access::EuOfficer,
            StatusCode::CONFLICT,
        ),
        (Method::GET, "/app/cycles", &[], Access::SignedIn, OK),
        (
            Method::GET,
            "/app/cycles/1999",
            &[],
            Access::SignedIn,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::POST,
            "/app/cycles",
            &[("year", "not a year")],
            Access::Staff,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::POST,
            "/app/cycles/1999/state",
            &[("state", "open"), ("confirm", "yes")],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        // A cycle's lifecycle: the confirmation of a move, corrections, deletion (no cycle here).
        (
            Method::GET,
            "/app/cycles/1999/state?to=open",
            &[],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/cycles/1999/edit",
            &[],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::POST,
            "/app/cycles/1999/edit",
            &[("deadline", "1999-03-01")],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/cycles/1999/delete",
            &[],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::POST,
            "/app/cycles/1999/delete",
            &[("confirm", "yes")],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        // The progress report and the comparison: every signed-in role (the matrix has no cycle).
        (
            Method::GET,
            "/app/cycles/1999/compare",
            &[],
            Access::SignedIn,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/cycles/1999/report.html",
            &[],
            Access::SignedIn,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/cycles/1999/report.csv",
            &[],
            Access::SignedIn,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/cycles/1999/report.json",
            &[],
            Access::SignedIn,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/cycles/1999/report.docx",
            &[],
            Access::SignedIn,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/cycles/1999/report.pdf",
            &[],
            Access::SignedIn,
            StatusCode::NOT_FOUND,
        ),
        // Reconciliation and errata (the matrix has no cycle: each is a 404 once allowed).
        (
            Method::GET,
            "/app/cycles/1999/reconcile",
            &[],
            Access::SignedIn,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/cycles/1999/reconcile/25%28c%29",
            &[],
            Access::SignedIn,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::POST,
            "/app/cycles/1999/reconcile/25%28c%29",
            &[("status", "on_track"), ("version", "0")],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::POST,
            "/app/cycles/1999/reconcile/accept-agreed",
            &[],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/cycles/1999/reconcile/accept-agreed",
            &[],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/cycles/1999/reconcile/not-assessed",
            &[],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::POST,
            "/app/cycles/1999/reconcile/not-assessed",
            &[
                ("reason_en", "Not reported."),
                ("reason_fr", "Non communiqué."),
            ],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/cycles/1999/errata",
            &[],
            Access::SignedIn,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::POST,
            "/app/cycles/1999/errata",
            &[("reason", "why")],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        // Submissions to chase: the missing list as CSV for every signed-in role, the sign-off for
        // officers (the matrix has no cycle: each is a 404 once allowed).
        (
            Method::GET,
            "/app/cycles/1999/missing.csv",
            &[],
            Access::SignedIn,
            StatusCode::NOT_FOUND,
        ),
        // Spreadsheets (the matrix has no cycle: each is a 404 once allowed).
        (
            Method::GET,
            "/app/cycles/1999/sheets",
            &[],
            Access::Writers,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/cycles/1999/sheets/joint.xlsx",
            &[],
            Access::Staff,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::POST,
            "/app/cycles/1999/signoff",
            &[("confirm", "1")],
            Access::Officers,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::POST,
            "/app/cycles/1999/sheets/uploads",
            &[("file", "x")],
            Access::Writers,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/app/cycles/1999/sheets/uploads/00000000-0000-0000-0000-000000000000",
            &[],
            Access::Writers,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::POST,
            "/app/cycles/1999/sheets/uploads/00000000-0000-0000-0000-000000000000/apply",
            &[("sha256", "0")],
            Access::Writers,
            StatusCode::NOT_FOUND,
        ),
        (Method::GET, "/api/openapi.json", &[], Access::Public, OK),
        (Method::GET, "/api/docs/", &[], Access::Public, OK),
        // The public subset of the API.
        (
            Method::GET,
            "/api/v1/partnerships/eu-canada",
            &[],
            Access::Public,
            OK,
        ),
        (Method::GET, "/api/v1/commitments", &[], Access::Public, OK),
        (
            Method::GET,
            "/api/v1/commitments/25%28c%29",
            &[],
            Access::Public,
            OK,
        ),
        (Method::GET, "/api/v1/cycles", &[], Access::Public, OK),
        (
            Method::GET,
            "/api/v1/cycles/1999",
            &[],
            Access::Public,
            StatusCode::NOT_FOUND,
        ),
        (
            Method::GET,
            "/api/v1/cycles/1999/assessments",
            &[],
            Access::Api,
            StatusCode::NOT_FOUND,
        ),
        // Without If-Match an officer's write is refused before anything else is looked at.
        (
            Method::POST,
            "/api/v1/cycles/1999/assessments",
            &[("ref", "25(c)")],
            Access::ApiOfficers,
            StatusCode::PRECONDITION_REQUIRED,
        ),
    ]
}

fn expected(who: Who, access: Access, allowed: StatusCode) -> StatusCode {
    match (access, who) {
        (Access::Public, _) => allowed,
        (Access::Api | Access::ApiOfficers, Who::Anonymous) => StatusCode::UNAUTHORIZED,
        (Access::Api, _) => allowed,
        (Access::ApiOfficers, Who::OfficerEu | Who::OfficerCa) => allowed,
        (Access::ApiOfficers, _) => FORBIDDEN,
        (_, Who::Anonymous) => GONE,
        (Access::SignedIn, _) => allowed,
        (Access::AdminOnly, Who::Admin) => allowed,
        (Access::AdminOnly, _) => FORBIDDEN,
        (Access::Staff, Who::Secretariat | Who::Admin) => allowed,
        (Access::Staff, _) => FORBIDDEN,
        (Access::EuOfficer, Who::OfficerEu) => allowed,
        (Access::EuOfficer, _) => FORBIDDEN,
        (Access::Officers, Who::OfficerEu | Who::OfficerCa) => allowed,
        (Access::Officers, _) => FORBIDDEN,
        (Access::Writers, Who::Viewer) => FORBIDDEN,
        (Access::Writers, _) => allowed,
    }
}

#[tokio::test]
async fn every_route_for_every_role() {
    let app = spawn_app().await;
    let mut clients = Vec::new();
    for who in ALL {
        let client = match who {
            Who::Anonymous => crate::common::new_client(),
            Who::Viewer => app.client_as(Role::Viewer, None).await.1,
            Who::OfficerEu => app.client_as(Role::Officer, Some(Side::Eu)).await.1,
            Who::OfficerCa => app.client_as(Role::Officer, Some(Side::Ca)).await.1,
            Who::Secretariat => app.client_as(Role::Secretariat, None).await.1,
            Who::Admin => app.client_as(Role::Admin, None).await.1,
        };
        clients.push((who, client));
    }

    let mut failures = Vec::new();
    for (method, path, form, access, allowed) in routes() {
        for (who, client) in &clients {
            let mut request = client.request(method.clone(), app.url(path));
            if method == Method::POST {
                request = request.form(form);
            }
            let status = request.send().await.unwrap().status();
            let want = expected(*who, access, allowed);
            if status != want {
                failures.push(format!(
                    "{method} {path} as {who:?}: got {status}, want {want}"
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
