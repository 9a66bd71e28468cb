//! The public text pages, the shell every page shares, and the operations endpoints.

use crate::common::spawn_app;
use reqwest::{StatusCode, header};

#[tokio::test]
async fn text_page_shows_all_63_paragraphs_with_anchors_and_items() {
    let app = spawn_app().await;

    let (status, html) = app.get_text("/text").await;

    assert_eq!(status, StatusCode::OK);
    for n in 1..=63 {
        assert!(
            html.contains(&format!(r#"id="p{n}""#)),
            "paragraph {n} has no anchor"
        );
    }
    assert!(!html.contains(r#"id="p64""#));
    for item in ["p9a", "p9b", "p25a", "p25b", "p25c", "p25d", "p25e"] {
        assert!(
            html.contains(&format!(r#"id="{item}""#)),
            "item {item} missing"
        );
    }
    // Paragraph 24 crosses a page break in the source; the page shows it joined.
    assert!(
        html.contains("(e.g. Gulf of Guinea, IndoPacific)"),
        "paragraph 24 not joined"
    );
    // The source's *"…"* emphasis is rendered, its quotes escaped.
    assert!(
        html.contains("<em>&quot;long-standing cooperation"),
        "emphasis not rendered"
    );
    assert!(html.contains(r#"id="support-to-ukraine""#));
}

#[tokio::test]
async fn home_lists_the_partnership_and_its_24_areas() {
    let app = spawn_app().await;

    let (status, html) = app.get_text("/").await;

    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("Security and Defence Partnership between the European Union and Canada")
    );
    assert!(html.contains("9783/25"));
    assert!(html.contains("23 June 2025"), "signature date missing");
    assert!(html.contains("18 June 2025"), "document date missing");
    assert_eq!(html.matches(r#"href="/areas/"#).count(), 24);
    assert!(html.contains(r#"<td class="govuk-table__cell govuk-table__cell--numeric">63</td>"#));
}

#[tokio::test]
async fn area_page_shows_its_paragraphs_and_links_back() {
    let app = spawn_app().await;

    let (status, html) = app.get_text("/areas/support-to-ukraine").await;

    assert_eq!(status, StatusCode::OK);
    for n in 13..=16 {
        assert!(
            html.contains(&format!(r#"id="p{n}""#)),
            "paragraph {n} missing"
        );
    }
    assert!(!html.contains(r#"id="p17""#));
    assert!(
        html.contains(r#"href="/areas/areas-of-cooperation""#),
        "no link to the parent area"
    );

    let (status, html) = app.get_text("/areas/areas-of-cooperation").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"id="p12""#));
    assert_eq!(
        html.matches(r#"<li><a class="govuk-link" href="/areas/"#)
            .count(),
        20,
        "20 nested areas"
    );
}

#[tokio::test]
async fn unknown_area_is_a_404_page_in_the_readers_language() {
    let app = spawn_app().await;

    let response = app
        .client
        .get(app.url("/areas/no-such-area"))
        .header(header::ACCEPT_LANGUAGE, "fr-CA,fr;q=0.9")
        .send()
        .await
        .unwrap();

    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let html = response.text().await.unwrap();
    assert!(html.contains(r#"<html lang="fr""#));
    assert!(html.contains(&fr("error-not-found-title")));
    assert!(html.contains(&request_id), "the page shows the request id");
}

fn fr(key: &str) -> String {
    let text = sdp_tracker::i18n::Lang::Fr.t(key);
    askama::filters::escape(&text, askama::filters::Html)
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn language_switch_is_remembered_in_a_cookie() {
    let app = spawn_app().await;

    let response = app.get("/text?lang=fr").await;
    let cookie = response.headers()[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .to_owned();
    let html = response.text().await.unwrap();
    assert!(cookie.starts_with("lang=fr"), "{cookie}");
    assert!(html.contains(r#"<html lang="fr""#));
    assert!(
        html.contains(r#"href="/text?lang=en""#),
        "switch back to English"
    );

    // The client keeps the cookie: the next page is French without ?lang.
    let (_, html) = app.get_text("/").await;
    assert!(html.contains(r#"<html lang="fr""#));

    let (_, html) = app.get_text("/?lang=en").await;
    assert!(html.contains(r#"<html lang="en""#));
}

#[tokio::test]
async fn security_headers_on_pages_errors_and_static_files() {
    let app = spawn_app().await;

    for path in ["/", "/no-such-page", "/static/css/app.css", "/healthz"] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert_eq!(
            headers[header::REFERRER_POLICY],
            "strict-origin-when-cross-origin",
            "{path}"
        );
        assert!(headers.get(header::SERVER).is_none(), "{path}");
        assert!(headers.contains_key("x-request-id"), "{path}");
    }
}

#[tokio::test]
async fn pages_have_no_inline_scripts_or_styles() {
    let app = spawn_app().await;

    for path in ["/", "/text", "/areas/cyber-issues", "/nope"] {
        let (_, html) = app.get_text(path).await;
        assert!(!html.contains("style="), "{path} has an inline style");
        assert!(!html.contains("<style"), "{path} has a style element");
        for script in html.split("<script").skip(1) {
            assert!(
                script.trim_start().starts_with("type=\"module\" src=") || script.contains(" src="),
                "{path} has an inline script"
            );
        }
    }
}

#[tokio::test]
async fn health_and_readiness() {
    let app = spawn_app().await;

    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);

    // With the database gone, readiness says so quickly instead of hanging.
    app.db.pool.close().await;
    assert_eq!(
        app.get("/readyz").await.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn wrong_method_and_oversized_bodies_get_error_pages() {
    let app = spawn_app().await;

    let response = app
        .client
        .post(app.url("/text"))
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(response.text().await.unwrap().contains("govuk-heading-l"));

    let response = app
        .client
        .post(app.url("/text"))
        .body(vec![b'a'; sdp_tracker::routes::MAX_REQUEST_BODY_BYTES + 1])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_report_the_pool() {
    let app = spawn_app().await;
    for _ in 0..3 {
        app.get("/text").await;
    }
    app.get("/areas/no-such-area").await;

    let (status, body) = app.get_text("/metrics").await;

    assert_eq!(status, StatusCode::OK);
    let line = body
        .lines()
        .find(|l| {
            l.starts_with("http_requests_total{")
                && l.contains(r#"route="/text""#)
                && l.contains(r#"status="200""#)
        })
        .unwrap_or_else(|| panic!("no counter for /text in:\n{body}"));
    let count: f64 = line.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(count >= 3.0, "{line}");
    assert!(
        body.contains(r#"route="/areas/{slug}""#) && body.contains(r#"status="404""#),
        "404s are counted by template"
    );
    assert!(body.contains("http_request_duration_seconds_bucket"));
    assert!(body.contains(r#"db_pool_connections{state="in_use"}"#));
    assert!(
        !body.contains("no-such-area"),
        "labels carry templates, not paths"
    );
}
