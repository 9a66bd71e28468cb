//! The public subset of the API: the partnership, its commitments and published cycles' joint
//! statuses, readable without a token — and nothing else.

use reqwest::StatusCode;
use sdp_tracker::{
    db::audit::Actor,
    domain::{
        account::{Role, Side},
        cycle::CycleState,
    },
    reconcile::{self, ErratumInput},
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

/// What the database holds for each commitment of the published `cycle`, in text order, read
/// here without the application's queries: each field from the latest erratum that changes it,
/// else from the latest joint review. (ref, status, summary_en, summary_fr, corrected)
async fn published_lines(
    pool: &sqlx::PgPool,
    cycle: i64,
) -> Vec<(String, Option<String>, String, String, bool)> {
    sqlx::query_as(
        "select c.ref,
                coalesce((select e.changes ->> 'status' from erratum e
                          where e.cycle_id = $1 and e.commitment_id = c.id and e.changes ? 'status'
                          order by e.at desc, e.id desc limit 1),
                         (select j.status from joint_review j
                          where j.cycle_id = $1 and j.commitment_id = c.id
                          order by j.version desc limit 1)),
                coalesce((select e.changes ->> 'summary_en' from erratum e
                          where e.cycle_id = $1 and e.commitment_id = c.id and e.changes ? 'summary_en'
                          order by e.at desc, e.id desc limit 1),
                         (select j.summary_en from joint_review j
                          where j.cycle_id = $1 and j.commitment_id = c.id
                          order by j.version desc limit 1), ''),
                coalesce((select e.changes ->> 'summary_fr' from erratum e
                          where e.cycle_id = $1 and e.commitment_id = c.id and e.changes ? 'summary_fr'
                          order by e.at desc, e.id desc limit 1),
                         (select j.summary_fr from joint_review j
                          where j.cycle_id = $1 and j.commitment_id = c.id
                          order by j.version desc limit 1), ''),
                exists (select 1 from erratum e where e.cycle_id = $1 and e.commitment_id = c.id)
         from commitment c order by c.position",
    )
    .bind(cycle)
    .fetch_all(pool)
    .await
    .unwrap()
}

/// The public page and the API answer with what the database holds for the published cycle,
/// errata included.
#[tokio::test]
async fn the_public_page_and_the_api_agree() {
    let app = spawn_app().await;
    let cycle = cycle_with_reviews(&app, 2025, CycleState::Published, &JOINT).await;
    let p = sdp_tracker::db::partnership::find_default(&app.db.pool)
        .await
        .unwrap()
        .unwrap();
    reconcile::record_erratum(
        &app.db.pool,
        p.id,
        2025,
        &ErratumInput {
            reference: "25(c)".into(),
            reason: "The port calls took place after all.".into(),
            status: "completed".into(),
            summary_en: "Port calls held.".into(),
            summary_fr: "Escales effectuées.".into(),
            next_steps: String::new(),
            next_steps_fr: String::new(),
        },
        &Actor::cli(),
        None,
    )
    .await
    .unwrap();
    let lines = published_lines(&app.db.pool, cycle).await;
    assert_eq!(lines.len(), 60);
    let corrected = lines.iter().find(|l| l.0 == "25(c)").unwrap();
    assert_eq!(
        (corrected.1.as_deref(), corrected.2.as_str(), corrected.4),
        (Some("completed"), "Port calls held.", true)
    );

    let (status, api) = get_json(&new_client(), &app.url("/api/v1/cycles/2025"), None).await;
    assert_eq!(status, StatusCode::OK, "{api}");
    let api: Vec<_> = api["joint"]
        .as_array()
        .unwrap_or_else(|| panic!("no joint statuses: {api}"))
        .iter()
        .map(|line| {
            (
                line["ref"].as_str().unwrap().to_owned(),
                line["status"].as_str().map(str::to_owned),
                line["summary"]["en"].as_str().unwrap().to_owned(),
                line["summary"]["fr"].as_str().unwrap().to_owned(),
                line["corrected"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(api, lines);

    let (en, fr) = (app.get_text("/").await.1, app.get_text("/?lang=fr").await.1);
    let summarised: Vec<_> = lines.iter().filter(|l| !l.2.is_empty()).collect();
    assert_eq!(summarised.len(), JOINT.len());
    for (reference, _, summary_en, summary_fr, _) in summarised {
        assert!(en.contains(summary_en), "{reference} not on the page");
        assert!(
            fr.contains(summary_fr),
            "{reference} not on the French page"
        );
    }
    assert!(
        !en.contains("Port calls postponed."),
        "the erratum is not applied"
    );
}

/// Records an erratum to the 2025 cycle through the application's own path.
async fn erratum(app: &crate::common::TestApp, reference: &str, status: &str, summary_en: &str) {
    let p = sdp_tracker::db::partnership::find_default(&app.db.pool)
        .await
        .unwrap()
        .unwrap();
    reconcile::record_erratum(
        &app.db.pool,
        p.id,
        2025,
        &ErratumInput {
            reference: reference.into(),
            reason: "A correction after the Dialogue.".into(),
            status: status.into(),
            summary_en: summary_en.into(),
            summary_fr: String::new(),
            next_steps: String::new(),
            next_steps_fr: String::new(),
        },
        &Actor::cli(),
        None,
    )
    .await
    .unwrap();
}

/// Regression: each field comes from the latest erratum that sets it, so a later erratum that
/// corrects only the summary keeps an earlier erratum's corrected status.
#[tokio::test]
async fn a_later_summary_erratum_keeps_an_earlier_status_correction() {
    // Arrange: 25(c) was "challenges"; erratum 1 corrects its status, erratum 2 only its summary
    let app = spawn_app().await;
    let cycle = cycle_with_reviews(&app, 2025, CycleState::Published, &JOINT).await;
    erratum(&app, "25(c)", "completed", "").await;
    erratum(&app, "25(c)", "", "Port calls held in May.").await;

    // Act
    let (status, api) = get_json(&new_client(), &app.url("/api/v1/cycles/2025"), None).await;
    let page = app.get_text("/").await.1;

    // Assert
    assert_eq!(status, StatusCode::OK, "{api}");
    let line = api["joint"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["ref"] == "25(c)")
        .unwrap();
    assert_eq!(line["status"], "completed", "{line}");
    assert_eq!(line["summary"]["en"], "Port calls held in May.", "{line}");
    assert_eq!(line["summary"]["fr"], "Escales reportées.", "{line}");
    assert_eq!(line["corrected"], true);
    let lines = published_lines(&app.db.pool, cycle).await;
    let want = lines.iter().find(|l| l.0 == "25(c)").unwrap();
    assert_eq!(want.1.as_deref(), Some("completed"));
    assert!(page.contains("Port calls held in May."));
    assert!(
        !page.contains("Port calls postponed."),
        "the original summary is gone"
    );
}

/// The report and the public API are one published view: the JSON report's joint status of
/// every commitment equals the API's for a published cycle with errata.
#[tokio::test]
async fn the_json_report_and_the_api_give_the_same_joint_statuses() {
    // Arrange
    let app = spawn_app().await;
    cycle_with_reviews(&app, 2025, CycleState::Published, &JOINT).await;
    erratum(&app, "25(c)", "completed", "").await;
    erratum(&app, "25(c)", "", "Port calls held in May.").await;
    erratum(&app, "40", "on_track", "").await; // no joint review before the erratum
    let (_, client) = app.client_as(Role::Secretariat, None).await;

    // Act
    let (status, api) = get_json(&new_client(), &app.url("/api/v1/cycles/2025"), None).await;
    let report: Value = client
        .get(app.url("/app/cycles/2025/report.json?lang=en"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();

    // Assert
    assert_eq!(status, StatusCode::OK, "{api}");
    let from_api: Vec<(String, String)> = api["joint"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["ref"].as_str().unwrap().to_owned(),
                l["status"].as_str().unwrap_or("not_assessed").to_owned(),
            )
        })
        .collect();
    let from_report: Vec<(String, String)> = report["areas"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["commitments"].as_array().unwrap())
        .map(|c| {
            (
                c["reference"].as_str().unwrap().to_owned(),
                c["joint"]["status"]["key"]
                    .as_str()
                    .unwrap_or("not_assessed")
                    .to_owned(),
            )
        })
        .collect();
    assert_eq!(from_api.len(), 60);
    assert_eq!(from_report, from_api);
    let status_of = |r: &str| from_api.iter().find(|l| l.0 == r).unwrap().1.clone();
    assert_eq!(status_of("25(c)"), "completed");
    assert_eq!(status_of("40"), "on_track");
}
