//! The sign-in's defences against the outside probe of issue 9: the throttle (per account and
//! client, per client, growing delays per account), the client address behind proxies, the
//! redirect after sign-in and the session id at a second sign-in.

use std::net::Ipv4Addr;

use crate::common::{
    BIN, PASSWORD, TestApp, client_from, new_client, spawn_app, spawn_app_from, test_config,
};
use reqwest::{StatusCode, header};
use sdp_tracker::domain::{
    account::{Role, Side},
    throttle,
};

/// Failures allowed per account from one client before it must wait.
const PER_ACCOUNT_AND_CLIENT: usize = throttle::MAX_FAILURES_PER_ACCOUNT_AND_CLIENT as usize;

const WRONG: &str = "wrong password!";

use crate::common::attempt_login as attempt;

fn location(response: &reqwest::Response) -> &str {
    response.headers()[header::LOCATION].to_str().unwrap()
}

fn retry_after(response: &reqwest::Response) -> u64 {
    response
        .headers()
        .get(header::RETRY_AFTER)
        .expect("a Retry-After header")
        .to_str()
        .unwrap()
        .parse()
        .expect("Retry-After in seconds")
}

#[tokio::test]
async fn signing_in_to_ones_own_account_does_not_reset_the_count_for_another() {
    let app = spawn_app().await;
    let victim = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let own = app.create_user(Role::Viewer, None).await;
    let attacker = new_client();

    // Nine guesses at the victim's password, one sign-in to one's own account, three times over.
    let mut answers = Vec::new();
    for round in 1..=3 {
        for _ in 0..9 {
            answers.push(attempt(&attacker, &app, &victim.email, WRONG).await);
        }
        assert_eq!(
            attempt(&attacker, &app, &own.email, PASSWORD).await,
            StatusCode::SEE_OTHER,
            "own sign-in, round {round}"
        );
    }

    let checked = answers
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    assert_eq!(checked, PER_ACCOUNT_AND_CLIENT, "{answers:?}");
    assert!(
        answers[PER_ACCOUNT_AND_CLIENT..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{answers:?}"
    );
}

#[tokio::test]
async fn forty_simultaneous_wrong_passwords_are_not_all_checked() {
    let app = spawn_app().await;
    let victim = app.create_user(Role::Officer, Some(Side::Ca)).await;
    let attacker = new_client();

    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..40 {
        let (client, url, email) = (attacker.clone(), app.url("/login"), victim.email.clone());
        attempts.spawn(async move {
            client
                .post(url)
                .form(&[("email", email.as_str()), ("password", WRONG)])
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    let answers = attempts.join_all().await;

    let checked = answers
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(checked, PER_ACCOUNT_AND_CLIENT, "{answers:?}");
    assert_eq!(refused, 40 - PER_ACCOUNT_AND_CLIENT, "{answers:?}");
}

#[tokio::test]
async fn an_attacker_at_one_address_does_not_lock_the_real_user_out() {
    let app = spawn_app().await;
    let victim = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let attacker = new_client();
    let real = client_from(Ipv4Addr::new(127, 0, 0, 2));
    for _ in 0..12 {
        attempt(&attacker, &app, &victim.email, WRONG).await;
    }

    // The attacker goes on while the real user signs in from their own address.
    let mut hammering = tokio::task::JoinSet::new();
    for _ in 0..20 {
        let (client, url, email) = (attacker.clone(), app.url("/login"), victim.email.clone());
        hammering.spawn(async move {
            client
                .post(url)
                .form(&[("email", email.as_str()), ("password", WRONG)])
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    let signed_in = attempt(&real, &app, &victim.email, PASSWORD).await;
    let answers = hammering.join_all().await;

    assert_eq!(signed_in, StatusCode::SEE_OTHER);
    assert!(
        answers.iter().all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{answers:?}"
    );
    assert_eq!(
        real.get(app.url("/app")).send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_refused_attempt_says_when_to_retry_whether_or_not_the_account_exists() {
    let app = spawn_app().await;
    let victim = app.create_user(Role::Viewer, None).await;
    let attacker = new_client();
    let prober = client_from(Ipv4Addr::new(127, 0, 0, 3));

    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for _ in 0..PER_ACCOUNT_AND_CLIENT {
        known.push(attempt(&attacker, &app, &victim.email, WRONG).await);
        unknown.push(attempt(&prober, &app, "nobody@example.org", WRONG).await);
    }
    let refused = attacker
        .post(app.url("/login"))
        .form(&[("email", victim.email.as_str()), ("password", WRONG)])
        .send()
        .await
        .unwrap();
    let refused_unknown = prober
        .post(app.url("/login"))
        .form(&[("email", "nobody@example.org"), ("password", WRONG)])
        .send()
        .await
        .unwrap();

    assert_eq!(
        known,
        vec![StatusCode::UNAUTHORIZED; PER_ACCOUNT_AND_CLIENT]
    );
    assert_eq!(known, unknown);
    for response in [refused, refused_unknown] {
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        // Until the oldest of the failures leaves the 15-minute window (minus the time the
        // attempts took, however slow the machine).
        let window = throttle::FAILURE_WINDOW.as_secs();
        let seconds = retry_after(&response);
        assert!((window / 2..=window).contains(&seconds), "{seconds}");
        let html = response.text().await.unwrap();
        assert!(html.contains("15 minutes"), "{html}");
        assert!(html.contains("name=\"password\""), "the form, to try later");
    }
}

/// Records `n` failed sign-ins to `email` just now, from addresses no test client uses.
async fn failures_from_elsewhere(app: &TestApp, email: &str, n: i32) {
    sqlx::query(
        "insert into login_failure (email, client_ip)
         select $1, ('198.51.100.' || i)::inet from generate_series(1, $2) i",
    )
    .bind(email)
    .bind(n)
    .execute(&app.db.pool)
    .await
    .unwrap();
}

#[tokio::test]
async fn an_attack_on_one_account_from_many_addresses_slows_it_down_without_locking_it() {
    let app = spawn_app().await;
    let victim = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let usual = client_from(Ipv4Addr::new(127, 0, 0, 2));
    assert_eq!(
        attempt(&usual, &app, &victim.email, PASSWORD).await,
        StatusCode::SEE_OTHER
    );
    let usual = client_from(Ipv4Addr::new(127, 0, 0, 2));

    failures_from_elsewhere(&app, &victim.email, 14).await;
    failures_from_elsewhere(&app, "nobody@example.org", 14).await;

    // From a new address the account answers after a short, capped delay, the same whether it
    // exists or not.
    let new_address = client_from(Ipv4Addr::new(127, 0, 0, 4));
    for email in [victim.email.as_str(), "nobody@example.org"] {
        let response = new_address
            .post(app.url("/login"))
            .form(&[("email", email), ("password", PASSWORD)])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS, "{email}");
        let seconds = retry_after(&response);
        let cap = throttle::ACCOUNT_MAX_DELAY.as_secs();
        assert!((1..=cap).contains(&seconds), "{email}: {seconds}");
    }
    // From where the user signed in before, no delay at all.
    assert_eq!(
        attempt(&usual, &app, &victim.email, PASSWORD).await,
        StatusCode::SEE_OTHER
    );
    // Once the delay has passed, the new address is let in too.
    sqlx::query("update login_failure set at = at - make_interval(secs => $1)")
        .bind(throttle::ACCOUNT_MAX_DELAY.as_secs_f64() + 1.0)
        .execute(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(
        attempt(&new_address, &app, &victim.email, PASSWORD).await,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn forwarded_headers_from_an_untrusted_peer_are_ignored() {
    let app = spawn_app().await;
    let victim = app.create_user(Role::Viewer, None).await;
    let user = app.create_user(Role::Viewer, None).await;
    let attacker = new_client();

    // A new made-up address on every guess does not make a new client.
    let mut answers = Vec::new();
    for n in 1..=PER_ACCOUNT_AND_CLIENT + 2 {
        let forged = format!("203.0.113.{n}");
        let response = attacker
            .post(app.url("/login"))
            .header("x-forwarded-for", forged.as_str())
            .header("forwarded", format!("for={forged}"))
            .form(&[("email", victim.email.as_str()), ("password", WRONG)])
            .send()
            .await
            .unwrap();
        answers.push(response.status());
    }
    assert_eq!(
        answers[PER_ACCOUNT_AND_CLIENT..],
        [StatusCode::TOO_MANY_REQUESTS; 2],
        "{answers:?}"
    );

    let response = new_client()
        .post(app.url("/login"))
        .header("x-forwarded-for", "203.0.113.99")
        .form(&[("email", user.email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let recorded: String =
        sqlx::query_scalar("select host(client_ip) from login_session where user_id = $1")
            .bind(user.id)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(recorded, "127.0.0.1");
}

/// The address a user's last sign-in was recorded from.
async fn recorded_address(app: &TestApp, user_id: i64) -> String {
    sqlx::query_scalar(
        "select host(client_ip) from login_session where user_id = $1
         order by started_at desc limit 1",
    )
    .bind(user_id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_client_is_told_apart_by_its_forwarded_address() {
    // The test clients connect from 127.0.0.1: here that is the load balancer.
    let app = spawn_app_from(sdp_tracker::config::Config {
        trusted_proxies: "127.0.0.1/32".parse().unwrap(),
        ..test_config()
    })
    .await;
    let victim = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let sign_in = |headers: Vec<(&'static str, &'static str)>, email: String, password| {
        let mut request = new_client()
            .post(app.url("/login"))
            .form(&[("email", email), ("password", password)]);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        async move { request.send().await.unwrap().status() }
    };

    // One client behind the proxy runs into the throttle; another behind the same proxy does not.
    for _ in 0..PER_ACCOUNT_AND_CLIENT {
        let status = sign_in(
            vec![("x-forwarded-for", "203.0.113.7")],
            victim.email.clone(),
            WRONG.to_owned(),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let attacker_again = sign_in(
        vec![("x-forwarded-for", "203.0.113.7")],
        victim.email.clone(),
        PASSWORD.to_owned(),
    )
    .await;
    assert_eq!(attacker_again, StatusCode::TOO_MANY_REQUESTS);
    // A left part of the chain is whatever the client sent: only the proxy's entry is believed.
    let forged_left = sign_in(
        vec![("x-forwarded-for", "198.51.100.1, 203.0.113.7")],
        victim.email.clone(),
        PASSWORD.to_owned(),
    )
    .await;
    assert_eq!(forged_left, StatusCode::TOO_MANY_REQUESTS);
    let other_client = sign_in(
        vec![("x-forwarded-for", "203.0.113.8")],
        victim.email.clone(),
        PASSWORD.to_owned(),
    )
    .await;
    assert_eq!(other_client, StatusCode::SEE_OTHER);
    assert_eq!(recorded_address(&app, victim.id).await, "203.0.113.8");

    // The standard header, with a port and IPv6.
    let user = app.create_user(Role::Viewer, None).await;
    let status = sign_in(
        vec![(
            "forwarded",
            "for=192.0.2.1, for=\"[2001:db8::7]:4711\";proto=https",
        )],
        user.email.clone(),
        PASSWORD.to_owned(),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(recorded_address(&app, user.id).await, "2001:db8::7");
    // A header that cannot be read tells nothing: the peer is the client.
    let status = sign_in(
        vec![("x-forwarded-for", "203.0.113.9, not-an-address")],
        user.email.clone(),
        PASSWORD.to_owned(),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(recorded_address(&app, user.id).await, "127.0.0.1");
}

#[test]
fn an_invalid_trusted_proxy_list_stops_the_server_with_one_line() {
    let out = std::process::Command::new(BIN)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--trusted-proxies",
            "10.0.0.0/8,10.0.0.0/33",
        ])
        .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
        .env_remove("SDP_TRUSTED_PROXIES")
        .output()
        .unwrap();

    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("SDP_TRUSTED_PROXIES") && stderr.contains("10.0.0.0/33"),
        "{stderr}"
    );
}

#[tokio::test]
async fn next_is_followed_only_to_a_path_on_this_site() {
    let app = spawn_app().await;
    let (user, signed_in) = app.client_as(Role::Viewer, None).await;
    let hostile = [
        "%2F%09%2Fevil.example",
        "%2F%0D%0ALocation%3A%20https%3A%2F%2Fevil.example",
        "%2F%0ASet-Cookie%3A%20sdp_session%3Dx",
        "%2F%2Fevil.example",
        "%2F%5Cevil.example",
        "https%3A%2F%2Fevil.example",
    ];

    // Signed in, /login sends the browser on at once.
    for next in hostile {
        let response = signed_in
            .get(app.url(&format!("/login?next={next}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{next}");
        assert_eq!(location(&response), "/app", "{next}");
    }
    // The form carries it on to the sign-in.
    for next in [
        "/\t/evil.example",
        "/\r\nSet-Cookie: sdp_session=x",
        "//evil.example",
    ] {
        let response = new_client()
            .post(app.url("/login"))
            .form(&[
                ("email", user.email.as_str()),
                ("password", PASSWORD),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{next:?}");
        assert_eq!(location(&response), "/app", "{next:?}");
    }
    // A path on this site is followed.
    let response = new_client()
        .post(app.url("/login"))
        .form(&[
            ("email", user.email.as_str()),
            ("password", PASSWORD),
            ("next", "/app/commitments?sort=ref"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(location(&response), "/app/commitments?sort=ref");
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("sdp_session="))
        .map(|c| c.split(';').next().unwrap().to_owned())
}

#[tokio::test]
async fn a_second_sign_in_on_a_session_gets_a_new_id_and_kills_the_old_one() {
    let app = spawn_app().await;
    let first = app.create_user(Role::Admin, None).await;
    let second = app.create_user(Role::Viewer, None).await;
    let browser = new_client();
    let signed_in = browser
        .post(app.url("/login"))
        .form(&[("email", first.email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    let old = session_cookie(&signed_in).expect("a cookie at the first sign-in");

    let again = browser
        .post(app.url("/login"))
        .form(&[("email", second.email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    let new = session_cookie(&again).expect("a cookie at the second sign-in");

    assert_ne!(new, old);
    // The old cookie is worth nothing: not the first account, not the second.
    let replay = new_client()
        .get(app.url("/account"))
        .header(header::COOKIE, format!("sdp_session={old}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.status(), StatusCode::SEE_OTHER);
    assert!(
        location(&replay).starts_with("/login"),
        "{}",
        location(&replay)
    );
    // The new one is the second account.
    let profile = browser
        .get(app.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(profile.contains(&second.email) && !profile.contains(&first.email));
    // And the first account's login is over.
    let open: i64 = sqlx::query_scalar(
        "select count(*) from login_session where user_id = $1 and ended_at is null",
    )
    .bind(first.id)
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(open, 0);
}
