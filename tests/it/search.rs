//! `/app/search`: the text, narratives of every revision, evidence labels; ranked, highlighted,
//! escaped; in both languages.

use crate::common::{
    TestApp,
    fixtures::{Schedule, cycle_on},
    spawn_app,
};
use reqwest::{Client, StatusCode};
use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};

async fn open_cycle(app: &TestApp) {
    cycle_on(
        &app.db.pool,
        2026,
        Schedule::of(2026).at("Brussels"),
        CycleState::Open,
    )
    .await;
}

async fn save(app: &TestApp, client: &Client, path_ref: &str, fields: &[(&str, &str)]) {
    let response = client
        .post(app.url(&format!("/app/commitments/{path_ref}/assessments/eu")))
        .form(fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

async fn search(app: &TestApp, client: &Client, query: &str) -> String {
    let url = format!(
        "/app/search?{}",
        form_urlencoded::Serializer::new(String::new())
            .append_pair("q", query)
            .finish()
    );
    let response = client.get(app.url(&url)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{query}");
    response.text().await.unwrap()
}

/// The result links, in order.
fn hrefs(page: &str) -> Vec<String> {
    page.split("app-search-result__title\"><a class=\"govuk-link\" href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

#[tokio::test]
async fn the_text_is_found_across_a_page_break() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Viewer, None).await;
    let page = search(&app, &client, "Gulf of Guinea").await;
    let links = hrefs(&page);
    assert_eq!(
        links.first().map(String::as_str),
        Some("/app/commitments/24"),
        "{links:?}"
    );
    assert!(
        page.contains("<mark>Gulf</mark> <mark>of</mark> <mark>Guinea</mark>"),
        "{page}"
    );

    // A phrase in a context paragraph links to the text.
    let page = search(&app, &client, "\"long-standing\"").await;
    assert!(
        hrefs(&page).iter().any(|h| h.starts_with("/text#p")),
        "{page}"
    );

    // Nothing found, and no query at all.
    let page = search(&app, &client, "xylophonequartz").await;
    assert!(page.contains("Nothing matches your search"));
    let page = search(&app, &client, "").await;
    assert!(!page.contains("Nothing matches") && page.contains("name=\"q\""));
    // An anonymous visitor is sent to log in.
    let response = crate::common::new_client()
        .get(app.url("/app/search?q=Guinea"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn narratives_of_every_revision_and_evidence_labels_are_found() {
    let app = spawn_app().await;
    open_cycle(&app).await;
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    save(
        &app,
        &eu,
        "25%28c%29",
        &[
            ("status", "challenges"),
            (
                "narrative",
                "Delayed <script>alert(1)</script> by the zanzibarword procurement & more",
            ),
            ("version", "0"),
            ("cycle", "2026"),
            ("evidence_url_1", "https://example.org/report"),
            ("evidence_label_1", "Quokkalabel annual report"),
        ],
    )
    .await;
    // A later revision no longer says it: the earlier one is still found.
    save(
        &app,
        &eu,
        "25%28c%29",
        &[
            ("status", "on_track"),
            ("narrative", "Resolved."),
            ("version", "1"),
            ("cycle", "2026"),
        ],
    )
    .await;

    let page = search(&app, &eu, "zanzibarword").await;
    assert_eq!(hrefs(&page), ["/app/commitments/25%28c%29"], "{page}");
    assert!(page.contains("<mark>zanzibarword</mark>"));
    assert!(page.contains("In a narrative"));
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
    assert!(!page.contains("<script>alert"));
    assert!(page.contains("&amp; more"));

    let page = search(&app, &eu, "quokkalabel").await;
    assert_eq!(hrefs(&page), ["/app/commitments/25%28c%29"], "{page}");
    assert!(page.contains("In an evidence label") && page.contains("<mark>Quokkalabel</mark>"));
}

#[tokio::test]
async fn the_search_page_speaks_french() {
    let app = spawn_app().await;
    let (_, client) = app.client_as(Role::Viewer, None).await;
    let response = client
        .get(app.url("/app/search?q=Guinea&lang=fr"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let page = response.text().await.unwrap();
    assert!(page.contains("<html lang=\"fr\""));
    assert!(
        page.contains("Recherche") && page.contains("Résultats") && page.contains("Dans le texte")
    );
    assert!(page.contains("/app/commitments/24"));
    let page = search(&app, &client, "xylophonequartz").await;
    assert!(
        page.contains("Aucun résultat"),
        "the choice of language is remembered"
    );
}
