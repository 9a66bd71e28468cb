//! Accounts, sessions, throttling, CSRF and input handling against the real app and database.

use crate::common::{PASSWORD, client_from, new_client, spawn_app, spawn_app_with};
use reqwest::{StatusCode, header};
use sdp_tracker::domain::account::{Role, Side};

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.contains("sdp_session="))
        .map(str::to_owned)
}

fn cookie_value(set_cookie: &str) -> String {
    set_cookie
        .split(';')
        .next()
        .unwrap()
        .split_once('=')
        .unwrap()
        .1
        .to_owned()
}

#[tokio::test]
async fn first_run_admin_must_change_the_one_time_password() {
    let app = spawn_app().await;
    let password = sdp_tracker::accounts::create_first_admin(&app.db.pool)
        .await
        .unwrap()
        .expect("created");
    assert!(
        sdp_tracker::accounts::create_first_admin(&app.db.pool)
            .await
            .unwrap()
            .is_none(),
        "only once"
    );
    let client = new_client();

    let response = client
        .post(app.url("/login"))
        .form(&[
            ("email", sdp_tracker::accounts::FIRST_ADMIN_EMAIL),
            ("password", password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[header::LOCATION], "/account/password");
    // Nothing else is reachable until the password is changed.
    let response = client.get(app.url("/app")).send().await.unwrap();
    assert_eq!(response.headers()[header::LOCATION], "/account/password");

    let bad = client
        .post(app.url("/account/password"))
        .form(&[
            ("current", password.as_str()),
            ("new", "short"),
            ("confirm", "short"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("12"));

    let new = "a new passphrase, with spaces and é";
    let response = client
        .post(app.url("/account/password"))
        .form(&[
            ("current", password.as_str()),
            ("new", new),
            ("confirm", new),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        client.get(app.url("/app")).send().await.unwrap().status(),
        StatusCode::OK
    );

    let events: Vec<(String, serde_json::Value, serde_json::Value)> = sqlx::query_as(
        "select action, before, after from audit_event where action = 'user.password_change'",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(events.len(), 1, "exactly one event for the change");
    assert_eq!(events[0].1["must_change_password"], true);
    assert_eq!(events[0].2["must_change_password"], false);
    // The old one-time password no longer works.
    let again = new_client()
        .post(app.url("/login"))
        .form(&[
            ("email", sdp_tracker::accounts::FIRST_ADMIN_EMAIL),
            ("password", password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn passwords_are_argon2id_with_owasp_parameters_and_distinct_salts() {
    let app = spawn_app().await;
    app.create_user(Role::Viewer, None).await;
    app.create_user(Role::Viewer, None).await;

    let hashes: Vec<String> = sqlx::query_scalar("select password_hash from app_user")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();

    assert_eq!(hashes.len(), 2);
    for hash in &hashes {
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
    }
    let salt = |h: &str| h.split('$').nth(4).unwrap().to_owned();
    assert_ne!(
        salt(&hashes[0]),
        salt(&hashes[1]),
        "same password, same salt"
    );
}

#[tokio::test]
async fn session_is_renewed_at_login_and_dead_after_logout() {
    let app = spawn_app().await;
    let user = app.create_user(Role::Viewer, None).await;
    let client = new_client();

    let first = client
        .post(app.url("/login"))
        .form(&[("email", user.email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let cookie = session_cookie(&first).expect("a session cookie at login");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "plain HTTP here: {cookie}");
    let old = cookie_value(&cookie);
    assert_eq!(
        client.get(app.url("/app")).send().await.unwrap().status(),
        StatusCode::OK
    );

    let out = client.post(app.url("/logout")).send().await.unwrap();
    assert_eq!(out.status(), StatusCode::SEE_OTHER);

    // Replaying the old cookie after logout gets nowhere.
    let replay = new_client()
        .get(app.url("/app"))
        .header(header::COOKIE, format!("sdp_session={old}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::SEE_OTHER);
    assert!(
        replay.headers()[header::LOCATION]
            .to_str()
            .unwrap()
            .starts_with("/login")
    );

    // A new login gets a new session id.
    let second = client
        .post(app.url("/login"))
        .form(&[("email", user.email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_ne!(cookie_value(&session_cookie(&second).unwrap()), old);
}

#[tokio::test]
async fn a_session_cookie_forged_before_login_is_not_kept() {
    let app = spawn_app().await;
    let user = app.create_user(Role::Viewer, None).await;

    let response = new_client()
        .post(app.url("/login"))
        .header(header::COOKIE, "sdp_session=attacker-chosen-id")
        .form(&[("email", user.email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();

    let cookie = cookie_value(&session_cookie(&response).unwrap());
    assert_ne!(cookie, "attacker-chosen-id");
}

#[tokio::test]
async fn idle_and_absolute_timeouts_end_the_session() {
    let app = spawn_app().await;
    let (_, idle) = app.client_as(Role::Viewer, None).await;
    let (absolute_user, absolute) = app.client_as(Role::Viewer, None).await;
    assert_eq!(
        idle.get(app.url("/app")).send().await.unwrap().status(),
        StatusCode::OK
    );

    // Idle: the store's expiry has passed (nobody touched the session for 30 minutes).
    sqlx::query("update tower_session set expiry_date = now() - interval '1 second'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    // Changed straight in the database: this instance learns it through a notification.
    app.notifications_handled().await;
    assert_eq!(
        idle.get(app.url("/app")).send().await.unwrap().status(),
        StatusCode::SEE_OTHER
    );

    // Absolute: the login started more than 8 hours ago, however active since.
    let absolute = {
        let fresh = app.login(&absolute_user.email, PASSWORD).await;
        drop(absolute);
        fresh
    };
    assert_eq!(
        absolute.get(app.url("/app")).send().await.unwrap().status(),
        StatusCode::OK
    );
    sqlx::query("update login_session set started_at = now() - interval '8 hours 1 minute' where user_id = $1")
        .bind(absolute_user.id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    // Changed straight in the database: this instance learns it through a notification.
    app.notifications_handled().await;
    assert_eq!(
        absolute.get(app.url("/app")).send().await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn over_https_the_cookie_is_host_prefixed_and_secure_with_hsts() {
    let app = spawn_app_with(true).await;
    let user = app.create_user(Role::Viewer, None).await;

    let response = new_client()
        .post(app.url("/login"))
        .form(&[("email", user.email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();

    let cookie = session_cookie(&response).unwrap();
    assert!(cookie.starts_with("__Host-sdp_session="), "{cookie}");
    assert!(
        cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.contains("Domain"),
        "{cookie}"
    );
    assert!(
        response.headers()[header::STRICT_TRANSPORT_SECURITY]
            .to_str()
            .unwrap()
            .contains("max-age=")
    );
}

use crate::common::attempt_login as attempt;

#[tokio::test]
async fn failures_are_throttled_per_account_and_address_and_per_address() {
    use sdp_tracker::domain::throttle::{
        MAX_FAILURES_PER_ACCOUNT_AND_CLIENT as PER_ACCOUNT, MAX_FAILURES_PER_CLIENT as PER_CLIENT,
    };
    let app = spawn_app().await;
    let target = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let other = app.create_user(Role::Viewer, None).await;
    let attacker = new_client();

    for n in 1..=PER_ACCOUNT {
        assert_eq!(
            attempt(&attacker, &app, &target.email, "wrong password!").await,
            StatusCode::UNAUTHORIZED,
            "try {n}"
        );
    }
    let response = attacker
        .post(app.url("/login"))
        .form(&[
            ("email", target.email.as_str()),
            ("password", "wrong password!"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.text().await.unwrap().contains("15 minutes"));
    // From that address, even the right password waits.
    assert_eq!(
        attempt(&attacker, &app, &target.email, PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // The real user, elsewhere, is not locked out by it (issue 9: it was, for 15 minutes).
    let elsewhere = client_from(std::net::Ipv4Addr::new(127, 0, 0, 2));
    assert_eq!(
        attempt(&elsewhere, &app, &target.email, PASSWORD).await,
        StatusCode::SEE_OTHER
    );
    // The attacker's address may still try other accounts, up to its own limit across accounts
    // (the failures on other accounts are written here rather than spending seconds hashing).
    sqlx::query(
        "insert into login_failure (email, client_ip)
         select 'sprayed-' || i || '@example.org', '127.0.0.1'::inet
         from generate_series(1, $1) i",
    )
    .bind(i64::from(PER_CLIENT - PER_ACCOUNT - 1))
    .execute(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        attempt(&attacker, &app, &other.email, "wrong password!").await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        attempt(&attacker, &app, &other.email, PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Another account from another address is unaffected.
    assert_eq!(
        attempt(&new_client_from(3), &app, &other.email, PASSWORD).await,
        StatusCode::SEE_OTHER
    );

    // When the window has passed, the address can sign in again, and a success resets the count
    // of that account from that address.
    sqlx::query("update login_failure set at = now() - interval '16 minutes'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        attempt(&new_client(), &app, &target.email, PASSWORD).await,
        StatusCode::SEE_OTHER
    );
    let left: i64 = sqlx::query_scalar(
        "select count(*) from login_failure where email = $1 and client_ip = '127.0.0.1'",
    )
    .bind(&target.email)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(left, 0);
}

fn new_client_from(last: u8) -> reqwest::Client {
    client_from(std::net::Ipv4Addr::new(127, 0, 0, last))
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_answer() {
    let app = spawn_app().await;
    let user = app.create_user(Role::Viewer, None).await;

    let wrong = new_client()
        .post(app.url("/login"))
        .form(&[
            ("email", user.email.as_str()),
            ("password", "not the password"),
        ])
        .send()
        .await
        .unwrap();
    let unknown = new_client()
        .post(app.url("/login"))
        .form(&[
            ("email", "nobody@example.org"),
            ("password", "not the password"),
        ])
        .send()
        .await
        .unwrap();

    assert_eq!(wrong.status(), unknown.status());
    let strip = |html: String| {
        html.replace(&user.email, "")
            .replace("nobody@example.org", "")
    };
    let (a, b) = (
        strip(wrong.text().await.unwrap()),
        strip(unknown.text().await.unwrap()),
    );
    assert_eq!(a, b);
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_same_origin_accepted() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Viewer, None).await;
    let cases: [(&str, &str, StatusCode); 4] = [
        ("sec-fetch-site", "cross-site", StatusCode::FORBIDDEN),
        ("origin", "http://evil.example", StatusCode::FORBIDDEN),
        ("sec-fetch-site", "same-origin", StatusCode::SEE_OTHER),
        ("origin", "", StatusCode::SEE_OTHER),
    ];
    for (name, value, expected) in cases {
        let value = if value.is_empty() {
            format!("http://{}", app.addr)
        } else {
            value.to_owned()
        };
        let response = client
            .post(app.url("/account/tokens/999999/revoke"))
            .header(name, value.as_str())
            .send()
            .await
            .unwrap();
        let status = response.status();
        // Accepted requests reach the handler: this token does not exist, so 404.
        let expected = if expected == StatusCode::SEE_OTHER {
            StatusCode::NOT_FOUND
        } else {
            expected
        };
        assert_eq!(status, expected, "{name}: {value}");
    }
    // A cross-site logout does not end the session either.
    let response = client
        .post(app.url("/logout"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        client.get(app.url("/app")).send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn authenticated_pages_are_not_cached() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Viewer, None).await;

    for path in ["/app", "/account", "/text"] {
        let response = client.get(app.url(path)).send().await.unwrap();
        assert_eq!(
            response.headers()[header::CACHE_CONTROL],
            "no-store",
            "{path}"
        );
    }
    let login = new_client().get(app.url("/login")).send().await.unwrap();
    assert_eq!(login.headers()[header::CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn bad_form_bodies_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    let (user, client) = app.client_as(Role::Viewer, None).await;
    let cases: [(&str, Vec<u8>, StatusCode); 3] = [
        (
            "invalid UTF-8",
            b"label=%FF%FEabc".to_vec(),
            StatusCode::BAD_REQUEST,
        ),
        ("NUL byte", b"label=a%00b".to_vec(), StatusCode::BAD_REQUEST),
        (
            "over 64 KiB",
            [b"label=".as_slice(), &vec![b'a'; 70 * 1024]].concat(),
            StatusCode::PAYLOAD_TOO_LARGE,
        ),
    ];
    for (case, body, expected) in cases {
        let response = client
            .post(app.url("/account/tokens"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), expected, "{case}");
        let html = response.text().await.unwrap();
        assert!(html.contains("govuk-heading-l"), "{case}: an error page");
        assert!(
            !html.to_lowercase().contains("sqlx") && !html.contains("panicked"),
            "{case}"
        );
    }
    let tokens: i64 = sqlx::query_scalar("select count(*) from api_token where user_id = $1")
        .bind(user.id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(tokens, 0);
}

#[tokio::test]
async fn tokens_are_shown_once_stored_hashed_and_revocable() {
    let app = spawn_app().await;
    let (user, client) = app.client_as(Role::Officer, Some(Side::Ca)).await;

    let html = client
        .post(app.url("/account/tokens"))
        .form(&[("label", "nightly <sync>")])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let token = html
        .split("id=\"token\">")
        .nth(1)
        .unwrap()
        .split('<')
        .next()
        .unwrap()
        .to_owned();
    assert!(token.starts_with("sdp_") && token.len() == 68, "{token}");
    let stored: Vec<u8> = sqlx::query_scalar("select token_hash from api_token where user_id = $1")
        .bind(user.id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, sdp_tracker::auth::token::digest(&token));

    let profile = client
        .get(app.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        profile.contains("nightly &#60;sync&#62;") && !profile.contains("<sync>"),
        "label escaped"
    );
    assert!(!profile.contains(&token), "the token is not shown again");
    let id: i64 = sqlx::query_scalar("select id from api_token where user_id = $1")
        .bind(user.id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let response = client
        .post(app.url(&format!("/account/tokens/{id}/revoke")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let revoked: bool =
        sqlx::query_scalar("select revoked_at is not null from api_token where id = $1")
            .bind(id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert!(revoked);
    // Another user cannot revoke it (or learn that it exists).
    let (_, other) = app.client_as(Role::Officer, Some(Side::Ca)).await;
    assert_eq!(
        other
            .post(app.url(&format!("/account/tokens/{id}/revoke")))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_application_role_cannot_lift_the_audit_log_protection() {
    let app = spawn_app().await;
    let role: String = sqlx::query_scalar("select current_user::text")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(role, "sdp_app", "the pool works as the unprivileged role");

    for statement in [
        "update audit_event set actor = 'x'",
        "delete from audit_event",
        "truncate audit_event",
        "alter table audit_event disable trigger audit_event_no_update_delete",
        "drop trigger audit_event_no_update_delete on audit_event",
        "reset role; drop trigger audit_event_no_update_delete on audit_event",
    ] {
        let mut conn = app.db.pool.acquire().await.unwrap();
        let result = sqlx::raw_sql(statement).execute(&mut *conn).await;
        assert!(result.is_err(), "{statement} succeeded");
        // A connection that ran RESET ROLE must not go back to the pool.
        conn.detach();
    }
    let intact: i64 = sqlx::query_scalar(
        "select count(*) from pg_trigger where tgrelid = 'audit_event'::regclass and not tgisinternal",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(intact, 2);
}

/// The stored expiry of the only session in the database.
async fn stored_expiry(pool: &sqlx::PgPool) -> chrono::DateTime<chrono::Utc> {
    sqlx::query_scalar("select expiry_date from tower_session")
        .fetch_one(pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_active_session_is_kept_alive_without_a_write_on_every_request() {
    use tower_sessions::SessionStore as _;

    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Viewer, None).await;
    let pool = &app.db.pool;
    let at_login = stored_expiry(pool).await;

    // Requests within the refresh interval leave the session row alone.
    for _ in 0..3 {
        let response = client.get(app.url("/app")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(session_cookie(&response).is_none(), "no new cookie");
    }
    assert_eq!(stored_expiry(pool).await, at_login, "no write per request");

    // As if the last save was two minutes ago and the session had 28 minutes left.
    let store = sdp_tracker::auth::store::PgSessionStore::new(pool.clone());
    let id: String = sqlx::query_scalar("select id from tower_session")
        .fetch_one(pool)
        .await
        .unwrap();
    let id: tower_sessions::session::Id = id.parse().unwrap();
    let mut record = store.load(&id).await.unwrap().expect("the session");
    let now = time::OffsetDateTime::now_utc();
    let interval: time::Duration =
        time::Duration::try_from(sdp_tracker::auth::SESSION_REFRESH_INTERVAL).unwrap();
    let idle: time::Duration =
        time::Duration::try_from(sdp_tracker::auth::SESSION_IDLE_TIMEOUT).unwrap();
    let last_saved: time::OffsetDateTime = now - interval * 2i32;
    record.data.insert(
        sdp_tracker::auth::SESSION_REFRESHED_AT.into(),
        serde_json::Value::from(last_saved.unix_timestamp()),
    );
    record.expiry_date = now + idle - interval * 2i32;
    store.save(&record).await.unwrap();
    // Saved by another store: this instance learns it through a notification.
    app.notifications_handled().await;

    // The next request moves the expiry a full idle timeout ahead, and the cookie's too.
    let response = client.get(app.url("/app")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = session_cookie(&response).expect("the cookie is renewed");
    assert!(cookie.contains("Max-Age="), "{cookie}");
    let renewed = stored_expiry(pool).await;
    let idle = chrono::Duration::from_std(sdp_tracker::auth::SESSION_IDLE_TIMEOUT).unwrap();
    let interval = chrono::Duration::from_std(sdp_tracker::auth::SESSION_REFRESH_INTERVAL).unwrap();
    assert!(
        renewed > chrono::Utc::now() + idle - interval / 2,
        "expiry moved along: {renewed}"
    );
    // And the one after it does not write again.
    client.get(app.url("/app")).send().await.unwrap();
    assert_eq!(stored_expiry(pool).await, renewed);
}
