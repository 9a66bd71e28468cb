//! The assessment form fits the work (issue 12.3): evidence links as GOV.UK's add-another
//! pattern without JavaScript (the browser half is in `browser_officer.rs`), and a conflict that
//! says who saved and when.

use reqwest::{Client, StatusCode};
use sdp_tracker::domain::{
    account::{Role, Side},
    assessment::EVIDENCE_MAX,
};

use crate::common::{
    PASSWORD, TestApp,
    fixtures::{today, world},
    spawn_app_on,
};

async fn post(
    app: &TestApp,
    client: &Client,
    path: &str,
    fields: &[(&str, String)],
) -> (StatusCode, String) {
    let response = client
        .post(app.url(path))
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}

async fn eu_version(app: &TestApp, reference: &str) -> i64 {
    sqlx::query_scalar(
        "select coalesce(max(version), 0)::bigint from assessment a join commitment c on c.id = a.commitment_id
         join review_cycle r on r.id = a.cycle_id
         where c.ref = $1 and a.side = 'eu' and r.year = 2026",
    )
    .bind(reference)
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

fn rows(body: &str) -> usize {
    body.matches("data-evidence-row").count()
}

#[tokio::test]
async fn add_another_link_without_javascript_keeps_what_was_typed_and_saves_nothing() {
    let app = spawn_app_on(today()).await;
    let world = world(&app.db.pool).await;
    let eva = app.login(world.eva.email, PASSWORD).await;

    // Nothing saved yet for 24: one empty row and the button.
    let body = eva
        .get(app.url("/app/commitments/24"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(rows(&body), 1, "one empty row to start with");
    assert!(body.contains(r#"name="action" value="add-link""#));
    assert!(
        !body.contains(r#"id="evidence-max""#),
        "no limit note before the limit"
    );

    let typed = |n: usize| {
        let mut fields = vec![
            ("status", "challenges".to_owned()),
            ("narrative", "Still negotiating.".to_owned()),
            ("version", "0".to_owned()),
            ("cycle", "2026".to_owned()),
            ("action", "add-link".to_owned()),
        ];
        for i in 1..=n {
            fields.push((
                [
                    "evidence_url_1",
                    "evidence_url_2",
                    "evidence_url_3",
                    "evidence_url_4",
                    "evidence_url_5",
                    "evidence_url_6",
                    "evidence_url_7",
                    "evidence_url_8",
                    "evidence_url_9",
                    "evidence_url_10",
                ][i - 1],
                format!("https://example.org/{i}"),
            ));
        }
        fields
    };
    let path = "/app/commitments/24/assessments/eu";
    let (status, body) = post(&app, &eva, path, &typed(1)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rows(&body), 2, "the typed row and a new one");
    assert!(
        body.contains(r#"value="https://example.org/1""#),
        "what was typed stays"
    );
    assert!(body.contains("Still negotiating."));
    assert!(body.contains(r#"value="challenges" checked"#));
    assert!(body.contains(r#"id="evidence_url_2" name="evidence_url_2""#));
    assert_eq!(eu_version(&app, "24").await, 0, "nothing was saved");

    // An empty row submitted counts too: two rows sent, three shown.
    let mut fields = typed(1);
    fields.push(("evidence_url_2", String::new()));
    let (_, body) = post(&app, &eva, path, &fields).await;
    assert_eq!(rows(&body), 3);

    // At the limit the button goes and the hint says why.
    let (status, body) = post(&app, &eva, path, &typed(EVIDENCE_MAX)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rows(&body), EVIDENCE_MAX);
    assert!(
        !body.contains(r#"value="add-link""#),
        "no button past the limit"
    );
    assert!(body.contains("You have added the most links an assessment can have (10)"));
    assert!(body.contains(r#"<p class="govuk-hint" id="evidence-max">"#));

    // Saving them all works from there.
    let mut fields = typed(EVIDENCE_MAX);
    fields.retain(|(k, _)| *k != "action");
    let (status, _) = post(&app, &eva, path, &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(eu_version(&app, "24").await, 1);
    // Ten saved links: the form shows them, no empty row and no button.
    let body = eva
        .get(app.url("/app/commitments/24"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(rows(&body), EVIDENCE_MAX);
    assert!(!body.contains(r#"value="add-link""#));
}

#[tokio::test]
async fn a_conflict_says_who_saved_and_when() {
    let app = spawn_app_on(today()).await;
    let world = world(&app.db.pool).await;
    let eva = app.login(world.eva.email, PASSWORD).await;
    let path = "/app/commitments/24/assessments/eu";
    let fields = |narrative: &str| {
        vec![
            ("status", "challenges".to_owned()),
            ("narrative", narrative.to_owned()),
            ("version", "0".to_owned()),
            ("cycle", "2026".to_owned()),
        ]
    };

    // Eva saves in one window, then again from a form opened before it.
    let (status, _) = post(&app, &eva, path, &fields("First window.")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, body) = post(&app, &eva, path, &fields("Second window.")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        body.contains("You saved this on ") && body.contains(", in another window."),
        "{body}"
    );
    assert!(!body.contains("Someone else"), "it was not someone else");
    assert!(
        !body.contains("below"),
        "the panel is beside the form, not below it"
    );

    // Another EU officer saved meanwhile: their name and organisation.
    let other = app.create_user(Role::Officer, Some(Side::Eu)).await;
    sqlx::query("update app_user set display_name = 'Anna Martin' where id = $1")
        .bind(other.id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    let anna = app.login(&other.email, PASSWORD).await;
    let mut newer = fields("Anna's update.");
    newer[2].1 = "1".to_owned();
    let (status, _) = post(&app, &anna, path, &newer).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mut stale = fields("Eva's late edit.");
    stale[2].1 = "1".to_owned();
    let (status, body) = post(&app, &eva, path, &stale).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let by = &body[body.find(r#"id="conflict-by""#).expect("who saved")..];
    let by = &by[..by.find("</p>").unwrap()];
    assert!(by.contains("Anna Martin (EEAS) saved this on "), "{by}");
    assert!(!by.contains(&other.email), "the name, not the address");

    let (_, fr) = {
        let response = eva
            .post(app.url(&format!("{path}?lang=fr")))
            .form(&stale)
            .send()
            .await
            .unwrap();
        (response.status(), response.text().await.unwrap())
    };
    assert!(
        fr.contains("Anna Martin (EEAS) a enregistré cette version le "),
        "{fr}"
    );
}
