//! Who is signed in is held in memory per instance (`auth::cache`): a change through one instance
//! — logout, deactivation, password change, role change, token revocation — reaches every other
//! within a second, and a signed-in request that changes nothing reads none of the auth tables.

use std::{net::SocketAddr, sync::Arc, time::Duration};

use reqwest::{Client, StatusCode};
use sdp_tracker::{
    accounts,
    auth::cache::AuthCache,
    db::audit::Actor,
    domain::account::{Role, Side},
};

use crate::common::{PASSWORD, PATIENCE, TestApp, eventually, spawn_app};

/// How soon another instance must have applied a change.
const WITHIN: Duration = Duration::from_secs(1);

/// How long a request that should not wait for the database may take.
const NO_WAIT: Duration = Duration::from_secs(3);

async fn trusted(cache: &Arc<AuthCache>) {
    eventually(PATIENCE, "the auth cache to be trusted", || async {
        if cache.is_trusted() {
            Ok(())
        } else {
            Err("its listener is not listening yet")
        }
    })
    .await;
}

/// The status of GET `path` on `base` through `client`.
async fn status(client: &Client, base: &str, path: &str) -> StatusCode {
    client
        .get(format!("{base}{path}"))
        .send()
        .await
        .unwrap()
        .status()
}

async fn api_status(base: &str, token: &str) -> StatusCode {
    Client::new()
        .get(format!("{base}/api/v1/cycles"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .status()
}

/// Waits at most [`WITHIN`] for GET `path` on `base` to answer `expected`.
async fn answers_within_a_second(client: &Client, base: &str, path: &str, expected: StatusCode) {
    eventually(WITHIN, &format!("{path} to answer {expected}"), || async {
        let got = status(client, base, path).await;
        if got == expected {
            Ok(())
        } else {
            Err(format!("it answered {got}"))
        }
    })
    .await;
}

/// Two instances on one database, both listening; the second's address and state.
async fn two_instances() -> (
    TestApp,
    String,
    sdp_tracker::state::AppState,
    tokio::task::JoinHandle<()>,
) {
    let app = spawn_app().await;
    let (other, state, server): (SocketAddr, _, _) = app.second_instance_with_state().await;
    trusted(&app.state.auth_cache).await;
    trusted(&state.auth_cache).await;
    (app, format!("http://{other}"), state, server)
}

/// Signs `email` in through the first instance; a client sending its session cookie.
async fn signed_in(app: &TestApp, email: &str) -> Client {
    let response = Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(app.url("/login"))
        .form(&[("email", email), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "login of {email}");
    let cookie = response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(sdp_tracker::auth::SESSION_COOKIE))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_owned();
    replaying(&cookie)
}

/// Signed in through the first instance, and served by the second from memory.
async fn signed_in_on_both(app: &TestApp, other: &str, role: Role) -> (i64, Client) {
    let side = (role == Role::Officer).then_some(Side::Eu);
    let user = app.create_user(role, side).await;
    let client = signed_in(app, &user.email).await;
    // The same cookie on the second instance: read once from the database, then kept.
    for _ in 0..2 {
        assert_eq!(
            status(&client, other, "/account/password").await,
            StatusCode::OK
        );
    }
    (user.id, client)
}

#[tokio::test]
async fn a_logout_through_one_instance_is_refused_by_the_other_within_a_second() {
    let (app, other, _state, _server) = two_instances().await;
    // The client replays the same cookie after the logout, as a stolen copy would.
    let (_, client) = signed_in_on_both(&app, &other, Role::Viewer).await;

    let response = client.post(app.url("/logout")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    answers_within_a_second(&client, &other, "/app", StatusCode::SEE_OTHER).await;
    assert_eq!(
        status(&client, &app.url(""), "/app").await,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn a_deactivation_through_one_instance_is_refused_by_the_other_within_a_second() {
    let (app, other, _state, _server) = two_instances().await;
    let (_, admin) = app.client_as(Role::Admin, None).await;
    let (target, client) = signed_in_on_both(&app, &other, Role::Officer).await;

    let response = admin
        .post(app.url(&format!("/app/admin/users/{target}/deactivate")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    answers_within_a_second(&client, &other, "/app", StatusCode::SEE_OTHER).await;
}

#[tokio::test]
async fn a_password_change_through_one_instance_ends_the_other_sessions_on_the_other() {
    let (app, other, _state, _server) = two_instances().await;
    let user = app.create_user(Role::Viewer, None).await;
    let here = signed_in(&app, &user.email).await;
    let elsewhere = signed_in(&app, &user.email).await;
    for client in [&here, &elsewhere] {
        assert_eq!(
            status(client, &other, "/account/password").await,
            StatusCode::OK
        );
    }

    let new = "a brand new horse battery staple";
    let response = here
        .post(app.url("/account/password"))
        .form(&[("current", PASSWORD), ("new", new), ("confirm", new)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    answers_within_a_second(&elsewhere, &other, "/app", StatusCode::SEE_OTHER).await;
    // The session that changed it goes on, on both instances.
    assert_eq!(status(&here, &other, "/app").await, StatusCode::OK);
    assert_eq!(status(&here, &app.url(""), "/app").await, StatusCode::OK);
}

#[tokio::test]
async fn a_role_change_through_one_instance_applies_on_the_other_within_a_second() {
    let (app, other, _state, _server) = two_instances().await;
    let (_, admin) = app.client_as(Role::Admin, None).await;
    let (target, client) = signed_in_on_both(&app, &other, Role::Admin).await;
    assert_eq!(
        status(&client, &other, "/app/admin/users").await,
        StatusCode::OK
    );

    let response = admin
        .post(app.url(&format!("/app/admin/users/{target}")))
        .form(&[
            ("display_name", "Demoted"),
            ("role", "viewer"),
            ("side", ""),
            ("active", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    answers_within_a_second(&client, &other, "/app/admin/users", StatusCode::FORBIDDEN).await;
    // And the other way: promoted again, the next request may administer.
    let response = admin
        .post(app.url(&format!("/app/admin/users/{target}")))
        .form(&[
            ("display_name", "Promoted"),
            ("role", "admin"),
            ("side", ""),
            ("active", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    answers_within_a_second(&client, &other, "/app/admin/users", StatusCode::OK).await;
}

#[tokio::test]
async fn a_token_revoked_through_one_instance_is_refused_by_the_other_within_a_second() {
    let (app, other, _state, _server) = two_instances().await;
    let user = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let token = accounts::add_token(&app.db.pool, &user.email, "script", &Actor::cli())
        .await
        .unwrap();
    for _ in 0..2 {
        assert_eq!(api_status(&other, &token).await, StatusCode::OK);
    }
    let id: i64 = sqlx::query_scalar("select id from api_token where user_id = $1")
        .bind(user.id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();

    let client = signed_in(&app, &user.email).await;
    let response = client
        .post(app.url(&format!("/account/tokens/{id}/revoke")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    eventually(WITHIN, "the revoked token to be refused", || async {
        match api_status(&other, &token).await {
            StatusCode::UNAUTHORIZED => Ok(()),
            got => Err(format!("it answered {got}")),
        }
    })
    .await;
    assert_eq!(
        api_status(&app.url(""), &token).await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_signed_in_request_reads_none_of_the_auth_tables() {
    let app = spawn_app().await;
    trusted(&app.state.auth_cache).await;
    let user = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let client = signed_in(&app, &user.email).await;
    let token = accounts::add_token(&app.db.pool, &user.email, "script", &Actor::cli())
        .await
        .unwrap();
    let base = app.url("");
    // Warm up, let the notifications of the sign-in and of the token's first use pass (they drop
    // what they name), and warm up again.
    for _ in 0..2 {
        assert_eq!(
            status(&client, &base, "/account/password").await,
            StatusCode::OK
        );
        assert_eq!(api_status(&base, &token).await, StatusCode::OK);
        app.notifications_handled().await;
    }

    // Nobody may read the auth tables until this transaction ends: a query on them would wait.
    let mut lock = app.db.pool.begin().await.unwrap();
    sqlx::query(
        "lock table tower_session, login_session, app_user, api_token in access exclusive mode",
    )
    .execute(&mut *lock)
    .await
    .unwrap();
    for _ in 0..3 {
        let page = client
            .get(app.url("/account/password"))
            .timeout(NO_WAIT)
            .send()
            .await
            .expect("a signed-in page without waiting for the auth tables");
        assert_eq!(page.status(), StatusCode::OK);
        let api = Client::new()
            .get(app.url("/api/v1/cycles"))
            .bearer_auth(&token)
            .timeout(NO_WAIT)
            .send()
            .await
            .expect("an API call without waiting for the auth tables");
        assert_eq!(api.status(), StatusCode::OK);
    }

    // The same request with the cache bypassed (as while the listener is not listening) does
    // wait: the lock is real, and the requests above did not read those tables.
    app.state.auth_cache.distrust();
    let waited = tokio::time::timeout(
        Duration::from_secs(1),
        client.get(app.url("/account/password")).send(),
    )
    .await;
    assert!(waited.is_err(), "the bypassed request waited for the lock");
    lock.rollback().await.unwrap();
}

/// A client sending `cookie` with every request, keeping nothing it is sent.
fn replaying(cookie: &str) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::COOKIE, cookie.parse().unwrap());
    Client::builder()
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}
