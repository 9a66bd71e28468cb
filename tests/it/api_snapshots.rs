//! The JSON API's answers to every read operation, compared with reviewed snapshots
//! (tests/it/snapshots/), on the fixed partnership year of `fixtures::world`: what the public
//! gets without signing in, and what a signed-in officer gets where that differs. The answers do
//! not depend on the reader's language (bilingual fields carry both languages).
//!
//! See `page_snapshots` for how to review and accept a changed snapshot.

use crate::common::{
    PASSWORD, TestApp,
    fixtures::{today, world},
    new_client, spawn_app_on,
};
use reqwest::StatusCode;
use serde_json::Value;

/// `path`'s JSON answer to `client`, which must be a 200.
async fn answer(app: &TestApp, client: &reqwest::Client, path: &str) -> Value {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.json().await.unwrap()
}

/// Compares `path`'s answer to `client` with the snapshot `name`; times the database wrote
/// (when an assessment was saved) are redacted.
async fn assert_answer(app: &TestApp, client: &reqwest::Client, name: &str, path: &str) {
    let json = answer(app, client, path).await;
    insta::with_settings!({
        description => format!("GET {path}"),
        omit_expression => true,
    }, {
        insta::assert_json_snapshot!(name, json, { ".**.at" => "[time]" });
    });
}

#[tokio::test]
async fn every_read_operation_answers_as_reviewed() {
    let app = spawn_app_on(today()).await;
    let world = world(&app.db.pool).await;
    let public = new_client();
    let officer = app.login(world.eva.email, PASSWORD).await;

    assert_answer(
        &app,
        &public,
        "partnership",
        "/api/v1/partnerships/eu-canada",
    )
    .await;
    assert_answer(&app, &public, "commitments_page_1", "/api/v1/commitments").await;
    assert_answer(
        &app,
        &public,
        "commitments_page_3_of_20",
        "/api/v1/commitments?page=3&per_page=20",
    )
    .await;
    for (reader, client) in [("public", &public), ("officer", &officer)] {
        assert_answer(
            &app,
            client,
            &format!("commitment_13_{reader}"),
            "/api/v1/commitments/13",
        )
        .await;
        assert_answer(&app, client, &format!("cycles_{reader}"), "/api/v1/cycles").await;
        assert_answer(
            &app,
            client,
            &format!("cycle_2025_{reader}"),
            "/api/v1/cycles/2025",
        )
        .await;
    }
    // An unpublished cycle is not public.
    assert_answer(&app, &officer, "cycle_2026_officer", "/api/v1/cycles/2026").await;
    assert_answer(
        &app,
        &officer,
        "assessments_2026_officer",
        "/api/v1/cycles/2026/assessments",
    )
    .await;
}
