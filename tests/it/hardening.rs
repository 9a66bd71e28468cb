//! The smaller items of issue 9: who may read `/metrics`, `X-Frame-Options`, the language
//! cookie under HTTPS, and the audit `before` of an assessment save.

use reqwest::{StatusCode, header};
use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};
use serde_json::{Value, json};

use sdp_tracker::config::{MetricsAccess, Secret};

use crate::common::{
    client_from, fixtures, new_client, spawn_app, spawn_app_from, spawn_app_with, test_config,
};

/// A monitoring agent on the machine reads the metrics; a request relayed by a proxy on the
/// same machine (it carries a forwarding header) is someone else's and gets a 404.
#[tokio::test]
async fn metrics_are_served_to_loopback_but_not_through_a_proxy() {
    let app = spawn_app().await;

    let local = new_client().get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(local.status(), StatusCode::OK);
    assert!(local.text().await.unwrap().contains("http_requests_total"));

    for (name, value) in [
        ("x-forwarded-for", "203.0.113.7"),
        ("forwarded", "for=203.0.113.7;proto=https"),
        ("x-real-ip", "203.0.113.7"),
    ] {
        let relayed = new_client()
            .get(app.url("/metrics"))
            .header(name, value)
            .send()
            .await
            .unwrap();
        assert_eq!(relayed.status(), StatusCode::NOT_FOUND, "{name}");
        let body = relayed.text().await.unwrap();
        assert!(!body.contains("http_requests_total"), "{name}: {body}");
    }
}

#[tokio::test]
async fn pages_refuse_to_be_framed() {
    let app = spawn_app().await;
    for path in [
        "/",
        "/no-such-page",
        "/static/css/app.css",
        "/api/v1/cycles",
    ] {
        let response = app.get(path).await;
        assert_eq!(
            response.headers().get(header::X_FRAME_OPTIONS),
            Some(&header::HeaderValue::from_static("DENY")),
            "{path}"
        );
    }
}

fn lang_cookie(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("lang="))
        .expect("a lang cookie")
}

#[tokio::test]
async fn the_language_cookie_is_secure_under_https_only() {
    let https = spawn_app_with(true).await;
    let cookie = lang_cookie(&https.get("/?lang=fr").await);
    assert!(cookie.contains("Secure"), "{cookie}");

    let http = spawn_app().await;
    let cookie = lang_cookie(&http.get("/?lang=fr").await);
    assert!(!cookie.contains("Secure"), "{cookie}");
}

/// The audit event of a save records the evidence links before the change as well as after.
#[tokio::test]
async fn the_audit_before_of_an_assessment_save_has_its_evidence_links() {
    let app = spawn_app().await;
    fixtures::cycle(&app.db.pool, 2026, CycleState::Open).await;
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let save = |version: &'static str, link: &'static str| {
        eu.post(app.url("/app/commitments/25%28c%29/assessments/eu"))
            .form(&[
                ("status", "on_track"),
                ("narrative", "Progress."),
                ("version", version),
                ("cycle", "2026"),
                ("evidence_url_1", link),
                ("evidence_label_1", "Press release"),
            ])
            .send()
    };
    assert_eq!(
        save("0", "https://www.eeas.europa.eu/first")
            .await
            .unwrap()
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        save("1", "https://www.eeas.europa.eu/second")
            .await
            .unwrap()
            .status(),
        StatusCode::SEE_OTHER
    );

    let (before, after): (Value, Value) = sqlx::query_as(
        "select before, after from audit_event where action = 'assessment.save'
         order by id desc limit 1",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let first = json!([{ "url": "https://www.eeas.europa.eu/first", "label": "Press release" }]);
    let second = json!([{ "url": "https://www.eeas.europa.eu/second", "label": "Press release" }]);
    assert_eq!(before["evidence"], first, "{before}");
    assert_eq!(after["evidence"], second, "{after}");
    assert_eq!(before["version"], 1);
}

/// Loopback addresses other than 127.0.0.1 are loopback too.
#[tokio::test]
async fn metrics_are_served_to_any_loopback_address() {
    let app = spawn_app().await;
    let other = client_from(std::net::Ipv4Addr::new(127, 0, 0, 2));
    let response = other.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

/// `SDP_METRICS_ALLOW` lets a network in (judged by the socket's peer, whatever the forwarding
/// headers say); `SDP_METRICS_TOKEN` lets in whoever sends it.
#[tokio::test]
async fn metrics_are_served_to_allowed_networks_and_to_the_token() {
    const TOKEN: &str = "a-long-enough-metrics-token";
    let mut config = test_config();
    config.metrics = MetricsAccess {
        allow: vec!["127.0.0.2/32".parse().unwrap()],
        token: Some(Secret::new(TOKEN)),
    };
    let app = spawn_app_from(config).await;
    let relayed = |client: reqwest::Client| {
        client
            .get(app.url("/metrics"))
            .header("x-forwarded-for", "203.0.113.7")
    };
    let status = |r: reqwest::RequestBuilder| async { r.send().await.unwrap().status() };

    let allowed = client_from(std::net::Ipv4Addr::new(127, 0, 0, 2));
    assert_eq!(status(relayed(allowed)).await, StatusCode::OK);
    assert_eq!(status(relayed(new_client())).await, StatusCode::NOT_FOUND);
    assert_eq!(
        status(relayed(new_client()).bearer_auth(TOKEN)).await,
        StatusCode::OK
    );
    assert_eq!(
        status(relayed(new_client()).bearer_auth("a-long-enough-metrics-tokeN")).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        status(relayed(new_client()).basic_auth(TOKEN, None::<&str>)).await,
        StatusCode::NOT_FOUND
    );
    // A forwarding header cannot make a request look as if it came from an allowed network.
    let spoofed = new_client()
        .get(app.url("/metrics"))
        .header("x-forwarded-for", "127.0.0.2")
        .header("x-real-ip", "127.0.0.2");
    assert_eq!(status(spoofed).await, StatusCode::NOT_FOUND);
}
