//! Every form's POST, refused or not, answers with a page whose language switch reloads a page:
//! the answer is a redirect to a GET page, or a page (a form shown again with its errors, a
//! refusal) whose switch leads back to the form's own page — never to the POST URL, which answers
//! GET with 405 (issue 12.3).

use std::collections::BTreeSet;

use reqwest::{Client, Method, StatusCode};
use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};

use crate::{
    common::{
        PASSWORD, TestApp,
        fixtures::{self, today, world},
        new_client, spawn_app_on,
    },
    fuzz::routes::routes,
};

/// Who sends a form.
#[derive(Clone, Copy, Debug)]
enum As {
    Anonymous,
    Viewer,
    Eva,
    Carl,
    Sam,
    Admin,
}

/// (route template, who, the page the form is on, the POST's path, its fields)
type Case = (
    &'static str,
    As,
    String,
    String,
    Vec<(&'static str, String)>,
);

fn cases(user_id: i64) -> Vec<Case> {
    use As::*;
    let s = |v: &str| v.to_owned();
    vec![
        (
            "/login",
            Anonymous,
            s("/login"),
            s("/login"),
            vec![("email", s("nobody@example.org")), ("password", s("wrong"))],
        ),
        ("/logout", Viewer, s("/account"), s("/logout"), vec![]),
        (
            "/account/password",
            Carl,
            s("/account/password"),
            s("/account/password"),
            vec![
                ("current", s("wrong")),
                ("new", s("short")),
                ("confirm", s("other")),
            ],
        ),
        (
            "/account/tokens",
            Viewer,
            s("/account"),
            s("/account/tokens"),
            vec![("label", s(""))],
        ),
        (
            "/account/tokens/{id}/revoke",
            Viewer,
            s("/account"),
            s("/account/tokens/999999/revoke"),
            vec![],
        ),
        (
            "/app/commitments/{reference}/assessments/{side}",
            Eva,
            s("/app/commitments/24"),
            s("/app/commitments/24/assessments/eu"),
            vec![
                ("status", s("challenges")),
                ("narrative", s("")),
                ("version", s("0")),
                ("cycle", s("2026")),
            ],
        ),
        (
            "/app/cycles",
            Sam,
            s("/app/cycles"),
            s("/app/cycles"),
            vec![("year", s("twenty"))],
        ),
        (
            "/app/cycles/{year}/state",
            Sam,
            s("/app/cycles/2026"),
            s("/app/cycles/2026/state"),
            // Unconfirmed: the answer is the move's confirmation page.
            vec![("state", s("reconciliation"))],
        ),
        (
            "/app/cycles/{year}/reconcile/accept-agreed",
            Sam,
            s("/app/cycles/2026/reconcile"),
            s("/app/cycles/2026/reconcile/accept-agreed"),
            vec![],
        ),
        (
            "/app/cycles/{year}/reconcile/{reference}",
            Sam,
            s("/app/cycles/2026/reconcile/13"),
            s("/app/cycles/2026/reconcile/13"),
            vec![("status", s("")), ("version", s("0"))],
        ),
        (
            "/app/cycles/{year}/errata",
            Sam,
            s("/app/cycles/2025/errata"),
            s("/app/cycles/2025/errata"),
            vec![("reference", s("13")), ("reason", s(""))],
        ),
        (
            "/app/cycles/{year}/edit",
            Sam,
            s("/app/cycles/2026/edit"),
            s("/app/cycles/2026/edit"),
            vec![("opens", s("soon")), ("deadline", s(""))],
        ),
        (
            "/app/cycles/{year}/delete",
            Sam,
            s("/app/cycles/2027/delete"),
            s("/app/cycles/2027/delete"),
            vec![],
        ),
        (
            "/app/cycles/{year}/signoff",
            Eva,
            s("/app/cycles/2026"),
            s("/app/cycles/2026/signoff"),
            vec![("confirm", s("1"))],
        ),
        (
            "/app/cycles/{year}/chase",
            Sam,
            s("/app/cycles/2026"),
            s("/app/cycles/2026/chase"),
            vec![("side", s("xx"))],
        ),
        (
            "/app/cycles/{year}/reconcile/not-assessed",
            Sam,
            s("/app/cycles/2026/reconcile/not-assessed"),
            s("/app/cycles/2026/reconcile/not-assessed"),
            vec![("reason_en", s("")), ("reason_fr", s(""))],
        ),
        (
            "/app/cycles/{year}/sheets/uploads",
            Sam,
            s("/app/cycles/2026/sheets"),
            s("/app/cycles/2026/sheets/uploads"),
            vec![("file", s("not a multipart body"))],
        ),
        (
            "/app/cycles/{year}/sheets/uploads/{id}/apply",
            Sam,
            s("/app/cycles/2026/sheets"),
            s("/app/cycles/2026/sheets/uploads/00000000-0000-0000-0000-000000000000/apply"),
            vec![("sha256", s("0"))],
        ),
        (
            "/app/admin/outbox/{id}/retry",
            Admin,
            s("/app/admin/outbox"),
            s("/app/admin/outbox/999999/retry"),
            vec![],
        ),
        (
            "/account/mail",
            Carl,
            s("/account/mail"),
            s("/account/mail"),
            vec![("lang", s("xx"))],
        ),
        (
            "/app/admin/users/new",
            Admin,
            s("/app/admin/users/new"),
            s("/app/admin/users/new"),
            vec![("email", s("not an address")), ("role", s("officer"))],
        ),
        (
            "/app/admin/users/{id}",
            Admin,
            format!("/app/admin/users/{user_id}"),
            format!("/app/admin/users/{user_id}"),
            vec![
                ("email", s("")),
                ("display_name", s("")),
                ("role", s("officer")),
            ],
        ),
        (
            "/app/admin/users/{id}/reset-password",
            Admin,
            format!("/app/admin/users/{user_id}"),
            format!("/app/admin/users/{user_id}/reset-password"),
            vec![],
        ),
        (
            "/app/admin/users/{id}/deactivate",
            Admin,
            format!("/app/admin/users/{user_id}"),
            format!("/app/admin/users/{user_id}/deactivate"),
            vec![],
        ),
        (
            "/app/admin/assignments",
            Admin,
            s("/app/admin/assignments"),
            s("/app/admin/assignments"),
            vec![("commitment", s("99(z)")), ("user_id", s("x"))],
        ),
        (
            "/app/admin/assignments/remove",
            Admin,
            s("/app/admin/assignments"),
            s("/app/admin/assignments/remove"),
            vec![("commitment", s("99(z)")), ("user_id", s("1"))],
        ),
    ]
}

/// The language switch's link on a page.
fn switch_href(body: &str) -> String {
    let at = body
        .find("\" hreflang=")
        .unwrap_or_else(|| panic!("no language switch on {body}"));
    let start = body[..at].rfind("href=\"").unwrap() + 6;
    body[start..at].replace("&#38;", "&").replace("&amp;", "&")
}

async fn client_for(app: &TestApp, who: As, eva: &str, carl: &str, sam: &str) -> Client {
    match who {
        As::Anonymous => new_client(),
        As::Viewer => app.client_as(Role::Viewer, None).await.1,
        As::Eva => app.login(eva, PASSWORD).await,
        As::Carl => app.login(carl, PASSWORD).await,
        As::Sam => app.login(sam, PASSWORD).await,
        As::Admin => app.client_as(Role::Admin, None).await.1,
    }
}

#[tokio::test]
async fn after_every_form_post_the_language_switch_reloads_a_page() {
    let app = spawn_app_on(today()).await;
    let world = world(&app.db.pool).await;
    // A cycle never opened, which can be deleted.
    fixtures::cycle(&app.db.pool, 2027, CycleState::Planned).await;
    let officer = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let cases = cases(officer.id);

    // Every form POST the router serves has a case here (the API answers JSON, not pages).
    let posts: BTreeSet<&str> = routes()
        .iter()
        .filter(|r| r.method == Method::POST && !r.template.starts_with("/api/"))
        .map(|r| r.template)
        .collect();
    let covered: BTreeSet<&str> = cases.iter().map(|c| c.0).collect();
    assert_eq!(posts, covered, "a POST route without a case");

    for (template, who, form_page, path, fields) in cases {
        let client = client_for(
            &app,
            who,
            world.eva.email,
            world.carl.email,
            world.sam.email,
        )
        .await;
        let referer = app.url(&form_page);
        // As a browser does: it opens the form's page, then submits it from there.
        let response = client.get(&referer).send().await.unwrap();
        assert_eq!(
            response.status(),
            StatusCode::OK,
            "{template}: the form's page {form_page}"
        );
        let response = client
            .post(app.url(&path))
            .header("referer", &referer)
            .form(&fields)
            .send()
            .await
            .unwrap();
        let status = response.status();
        assert!(!status.is_server_error(), "{template}: {status}");
        let (answer, body) = if status.is_redirection() {
            let to = response.headers()["location"].to_str().unwrap().to_owned();
            let next = client.get(app.url(&to)).send().await.unwrap();
            assert_eq!(
                next.status(),
                StatusCode::OK,
                "{template}: redirected to {to}"
            );
            (format!("{status} → {to}"), next.text().await.unwrap())
        } else {
            (status.to_string(), response.text().await.unwrap())
        };
        let switch = switch_href(&body);
        let switched = client.get(app.url(&switch)).send().await.unwrap();
        assert_eq!(
            switched.status(),
            StatusCode::OK,
            "{template} answered {answer}; its language switch {switch} does not reload a page"
        );
        let text = switched.text().await.unwrap();
        assert!(
            text.contains("<html lang=\"fr\""),
            "{template}: {switch} is not in French"
        );
        // A page rendered in answer to the POST switches to the form's page, not the POST URL
        // (a redirect's target is a GET page of its own, such as a move's confirmation at
        // `…/state?to=…`, and was reloaded above).
        assert!(
            status.is_redirection() || !switch.contains(&path) || path == form_page,
            "{template}: {switch}"
        );
    }
}
