//! The public subset of the API: the partnership, its commitments and published cycles' joint
//! statuses, readable without a token — and nothing else.

use reqwest::StatusCode;
use sdp_tracker::{
    db::public,
    domain::{
        account::{Role, Side},
        cycle::CycleState,
    },
};
use serde_json::Value;

use crate::{
    api::{get_json, with_token},
    common::{new_client, spawn_app},
    public::{CANARY, cycle_with_reviews},
};

const JOINT: [(&str, &str, &str, &str); 3] = [
    (
        "13",
        "completed",
        "Training support delivered.",
        "Soutien à la formation fourni.",
    ),
    (
        "25(c)",
        "challenges",
        "Port calls postponed.",
        "Escales reportées.",
    ),
    ("30", "on_track", "Exercises planned.", "Exercices prévus."),
];

async fn json(response: reqwest::Response) -> Value {
    assert_eq!(
        response.headers()["content-type"],
        "application/json",
        "{}",
        response.url()
    );
    response.json().await.unwrap()
}

#[tokio::test]
async fn anonymous_callers_read_the_text_and_published_cycles_only() {
    let app = spawn_app().await;
    cycle_with_reviews(&app, 2025, CycleState::Published, &JOINT).await;
    cycle_with_reviews(&app, 2026, CycleState::Reconciliation, &[]).await;
    let anonymous = new_client();
    let get = async |path: &str| anonymous.get(app.url(path)).send().await.unwrap();

    let r = get("/api/v1/partnerships/eu-canada").await;
    assert_eq!(r.status(), StatusCode::OK);
    let p = json(r).await;
    assert_eq!(
        (p["paragraphs"].as_u64(), p["commitments"].as_u64()),
        (Some(63), Some(60))
    );

    let r = get("/api/v1/commitments?per_page=500").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["items"].as_array().unwrap().len(), 60);

    // Only the published cycle is listed; the one in reconciliation is not found.
    let cycles = json(get("/api/v1/cycles").await).await;
    let years: Vec<i64> = cycles["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["year"].as_i64().unwrap())
        .collect();
    assert_eq!(years, [2025]);
    let r = get("/api/v1/cycles/2026").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(json(r).await["error"]["code"], "not_found");

    // The published cycle: its joint statuses, no submission counts.
    let cycle = json(get("/api/v1/cycles/2025").await).await;
    assert_eq!(cycle["state"], "published");
    assert!(cycle.get("counts").is_none(), "{cycle}");
    let joint = cycle["joint"].as_array().unwrap();
    assert_eq!(joint.len(), 60);
    let line = joint.iter().find(|j| j["ref"] == "25(c)").unwrap();
    assert_eq!(line["status"], "challenges");
    assert_eq!(line["summary"]["en"], "Port calls postponed.");
    assert_eq!(line["summary"]["fr"], "Escales reportées.");
    assert_eq!(line["corrected"], false);
    let unassessed = joint.iter().find(|j| j["ref"] == "14").unwrap();
    assert_eq!(unassessed["status"], Value::Null);

    // A commitment: the published joint status, not the current cycle's assessments.
    let c = json(get("/api/v1/commitments/25%28c%29").await).await;
    assert_eq!(c["published"]["cycle"], 2025);
    assert_eq!(c["published"]["status"], "challenges");
    assert!(c.get("current_cycle").is_none(), "{c}");

    // Assessments are internal.
    let r = get("/api/v1/cycles/2025/assessments").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert!(r.headers().contains_key("www-authenticate"));

    // Nothing of the internal text in any of it.
    for body in [&cycle, &c, &cycles] {
        assert!(!body.to_string().contains(CANARY));
    }
}

#[tokio::test]
async fn signed_in_callers_see_more_and_a_bad_token_is_never_read_as_anonymous() {
    let app = spawn_app().await;
    cycle_with_reviews(&app, 2025, CycleState::Published, &JOINT).await;
    cycle_with_reviews(&app, 2026, CycleState::Open, &[]).await;
    let (_, token) = with_token(&app, Role::Viewer, None).await;
    let client = new_client();
    let get = async |path: &str, token: &str| get_json(&client, &app.url(path), Some(token)).await;

    assert_eq!(get("/api/v1/cycles", &token).await.1["total"], 2);
    let open = get("/api/v1/cycles/2026", &token).await.1;
    assert_eq!(open["counts"]["commitments"], 60);
    assert!(
        open.get("joint").is_none(),
        "an open cycle has no public statuses"
    );
    let c = get("/api/v1/commitments/13", &token).await.1;
    assert_eq!(c["current_cycle"]["cycle"], 2026);
    assert_eq!(c["published"]["status"], "completed");

    // A wrong or revoked token on a public endpoint is refused, not served as anonymous.
    let (officer, revoked) = with_token(&app, Role::Officer, Some(Side::Eu)).await;
    sqlx::query("update api_token set revoked_at = now() where user_id = $1")
        .bind(officer.id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    for path in [
        "/api/v1/commitments",
        "/api/v1/cycles/2025",
        "/api/v1/partnerships/eu-canada",
    ] {
        for token in ["sdp_not-a-real-token", revoked.as_str()] {
            let (status, body) = get(path, token).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{path}");
            assert_eq!(body["error"]["code"], "invalid_token");
        }
    }
}

/// The public page and the API answer from the same published data.
#[tokio::test]
async fn the_public_page_and_the_api_agree() {
    let app = spawn_app().await;
    cycle_with_reviews(&app, 2025, CycleState::Published, &JOINT).await;
    let p = sdp_tracker::db::partnership::find_default(&app.db.pool)
        .await
        .unwrap()
        .unwrap();
    let published = public::last_published(&app.db.pool, p.id)
        .await
        .unwrap()
        .unwrap();
    let items = public::items(&app.db.pool, p.id, Some(published.id))
        .await
        .unwrap();
    let (_, api) = get_json(&new_client(), &app.url("/api/v1/cycles/2025"), None).await;
    let joint = api["joint"].as_array().unwrap();
    assert_eq!(joint.len(), items.len());
    let (en, fr) = (app.get_text("/").await.1, app.get_text("/?lang=fr").await.1);
    for (line, item) in joint.iter().zip(&items) {
        assert_eq!(line["ref"], item.reference.as_str());
        assert_eq!(
            line["status"].as_str(),
            item.status.map(|s| s.as_str()),
            "{}",
            item.reference
        );
        assert_eq!(line["summary"]["en"], item.summary_en.as_str());
        if !item.summary_en.is_empty() {
            assert!(
                en.contains(&item.summary_en),
                "{} not on the page",
                item.reference
            );
            assert!(
                fr.contains(&item.summary_fr),
                "{} not on the French page",
                item.reference
            );
        }
    }
}
