//! Each side's sign-off of its submission: confirmed against what is still missing, refused to the
//! other roles and outside an open cycle, shown on the cycle page and both sides' dashboards (on
//! every instance), reopened (and audited) by a later save of that side through the form or the API.

use crate::{
    api::with_token,
    chase::{get, rename, section},
    common::{
        TestApp,
        fixtures::{assess, cycle, move_to},
        spawn_app,
    },
};
use reqwest::{StatusCode, header};
use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};
use serde_json::{Value, json};
use sqlx::PgPool;

/// Standing sign-offs and sign-off audit events, by action.
async fn signoffs(pool: &PgPool) -> (Vec<String>, i64, i64) {
    let sides = sqlx::query_scalar("select side from submission_signoff order by side")
        .fetch_all(pool)
        .await
        .unwrap();
    let count = |action: &'static str| async move {
        sqlx::query_scalar::<_, i64>("select count(*) from audit_event where action = $1")
            .bind(action)
            .fetch_one(pool)
            .await
            .unwrap()
    };
    (
        sides,
        count("signoff.record").await,
        count("signoff.reopen").await,
    )
}

async fn sign_off(
    client: &reqwest::Client,
    app: &TestApp,
    form: &[(&str, &str)],
) -> (StatusCode, Option<String>, String) {
    let response = client
        .post(app.url("/app/cycles/2026/signoff"))
        .form(form)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get(header::LOCATION)
        .map(|l| l.to_str().unwrap().to_owned());
    (status, location, response.text().await.unwrap())
}

#[tokio::test]
async fn a_side_signs_off_after_confirming_what_is_missing_and_a_later_save_reopens_it() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    let cycle_id = cycle(pool, 2026, CycleState::Open).await;
    // Everything saved by the EU but 10 and 25(c).
    for reference in sqlx::query_scalar::<_, String>("select ref from commitment")
        .fetch_all(pool)
        .await
        .unwrap()
    {
        if reference != "10" && reference != "25(c)" {
            assess(pool, cycle_id, &reference, "eu", "on_track", "").await;
        }
    }
    let (eu, eu_client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    rename(pool, eu.id, "Ana Lopes", "EEAS").await;
    let (_, ca_client) = app.client_as(Role::Officer, Some(Side::Ca)).await;
    let (_, staff) = app.client_as(Role::Secretariat, None).await;

    // Only officers sign, each their own side: the other roles are refused and nothing is written.
    for (role, side) in [
        (Role::Secretariat, None),
        (Role::Admin, None),
        (Role::Viewer, None),
    ] {
        let (_, client) = app.client_as(role, side).await;
        let (status, _, _) = sign_off(&client, &app, &[("confirm", "2")]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role:?}");
    }
    assert_eq!(signoffs(pool).await, (vec![], 0, 0));

    // The EU officer sees the button; the confirmation says what is still missing.
    let (_, page) = get(&eu_client, &app, "/app/cycles/2026").await;
    assert!(section(&page, "missing-eu", "missing-ca").contains(r#"id="signoff""#));
    assert!(!section(&page, "missing-ca", "divergences").contains(r#"id="signoff""#));
    let (status, _, body) = sign_off(&eu_client, &app, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("2 commitments still have no EU assessment."),
        "{body}"
    );
    assert!(body.contains(r#"href="/app/commitments/25%28c%29">25(c)</a>"#));
    assert!(body.contains(r#"name="confirm" value="2""#));
    // A confirmation of another number (the list changed since) asks again.
    let (status, _, body) = sign_off(&eu_client, &app, &[("confirm", "5")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"name="confirm" value="2""#));
    assert_eq!(signoffs(pool).await, (vec![], 0, 0));

    let (status, location, _) = sign_off(&eu_client, &app, &[("confirm", "2")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/app/cycles/2026?done=signoff#missing-eu")
    );
    assert_eq!(signoffs(pool).await, (vec!["eu".into()], 1, 0));
    let after: Value = sqlx::query_scalar(
        "select after from audit_event where action = 'signoff.record' and actor = $1",
    )
    .bind(&eu.email)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(after["side"], "eu");
    assert_eq!(after["missing"], json!(["10", "25(c)"]));
    // Signing off again changes nothing.
    let (status, _, _) = sign_off(&eu_client, &app, &[("confirm", "2")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(signoffs(pool).await, (vec!["eu".into()], 1, 0));

    // Who and when, on the cycle page and on both sides' dashboards.
    let (_, page) = get(&staff, &app, "/app/cycles/2026?done=signoff").await;
    assert!(page.contains("Your side’s submission has been signed off as complete."));
    let eu_state = section(&page, "signoff-eu", "signoff-ca");
    assert!(eu_state.contains(r#"data-signed="true""#), "{eu_state}");
    assert!(eu_state.contains("Complete"));
    assert!(
        eu_state.contains("Signed off by Ana Lopes on "),
        "{eu_state}"
    );
    let ca_state = section(&page, "signoff-ca", "divergences");
    assert!(ca_state.contains(r#"data-signed="false""#));
    assert!(ca_state.contains("60 commitments still have no Canadian assessment."));
    for client in [&eu_client, &ca_client] {
        let (_, dashboard) = get(client, &app, "/app").await;
        let line = section(&dashboard, "dashboard-signoff-eu", "dashboard-signoff-ca");
        assert!(line.contains(r#"data-signed="true""#), "{line}");
        assert!(line.contains("Signed off by Ana Lopes on "), "{line}");
        let line = section(&dashboard, "dashboard-signoff-ca", "divergent");
        assert!(line.contains(r#"data-signed="false""#), "{line}");
    }
    let (_, dashboard) = get(&staff, &app, "/app?lang=fr").await;
    assert!(
        dashboard.contains("Validée par Ana Lopes le "),
        "{dashboard}"
    );

    // Canada signs its own side off; with nothing confirmed yet it is asked to.
    let (status, _, body) = sign_off(&ca_client, &app, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("60 commitments still have no Canadian assessment."));
    let (status, _, _) = sign_off(&ca_client, &app, &[("confirm", "60")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(signoffs(pool).await, (vec!["ca".into(), "eu".into()], 2, 0));

    // A later save by the EU through the form reopens the EU sign-off only, in its transaction.
    let response = eu_client
        .post(app.url("/app/commitments/25%28c%29/assessments/eu"))
        .form(&[("status", "on_track"), ("narrative", ""), ("version", "0")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(signoffs(pool).await, (vec!["ca".into()], 2, 1));
    let (before, after): (Value, Value) = sqlx::query_as(
        "select before, after from audit_event where action = 'signoff.reopen' and actor = $1",
    )
    .bind(&eu.email)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(after["reason"], "sign-off reopened by save of 25(c)");
    assert_eq!(before["signed_by"], eu.id);
    let (_, page) = get(&staff, &app, "/app/cycles/2026").await;
    assert!(section(&page, "signoff-eu", "signoff-ca").contains(r#"data-signed="false""#));
    assert!(section(&page, "signoff-ca", "divergences").contains(r#"data-signed="true""#));

    // So does a save through the API: Canada's sign-off goes when Canada saves.
    let (_, token) = with_token(&app, Role::Officer, Some(Side::Ca)).await;
    let response = app
        .client
        .post(app.url("/api/v1/cycles/2026/assessments"))
        .bearer_auth(&token)
        .header(header::IF_MATCH, "\"0\"")
        .json(&json!({"ref": "13", "side": "ca", "status": "on_track", "narrative": ""}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(signoffs(pool).await, (vec![], 2, 2));
    // A save when nothing is signed off writes no reopening.
    assess(pool, cycle_id, "10", "ca", "on_track", "").await;
    assert_eq!(signoffs(pool).await.2, 2);
}

#[tokio::test]
async fn a_sign_off_is_refused_outside_an_open_cycle_and_writes_nothing() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    let cycle_id = cycle(pool, 2026, CycleState::Open).await;
    move_to(pool, cycle_id, CycleState::Open, CycleState::Reconciliation).await;
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let (status, _, body) = sign_off(&eu, &app, &[("confirm", "60")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        body.contains("Submissions can only be signed off while the review cycle is open."),
        "{body}"
    );
    // A cycle that does not exist, and a malformed year.
    for path in ["/app/cycles/1999/signoff", "/app/cycles/x/signoff"] {
        let response = eu
            .post(app.url(path))
            .form(&[("confirm", "1")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // No button on the page when the cycle is not open.
    let (_, page) = get(&eu, &app, "/app/cycles/2026").await;
    assert!(!page.contains(r#"action="/app/cycles/2026/signoff""#));
    assert_eq!(signoffs(pool).await, (vec![], 0, 0));
}

/// Fetches `url` until its page contains `what` (a change reaches another instance through a
/// database notification).
async fn until_shown(client: &reqwest::Client, url: &str, what: &str) {
    crate::common::eventually(
        crate::common::PATIENCE,
        &format!("{url} to show {what:?}"),
        || async {
            let page = client.get(url).send().await.unwrap().text().await.unwrap();
            if page.contains(what) {
                Ok(())
            } else {
                Err("it does not yet")
            }
        },
    )
    .await;
}

#[tokio::test]
async fn a_sign_off_through_one_instance_reaches_the_dashboard_of_another() {
    let app = spawn_app().await;
    cycle(&app.db.pool, 2026, CycleState::Open).await;
    let (other, _server) = app.second_instance().await;
    let base = format!("http://{other}");
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let ca = app.create_user(Role::Officer, Some(Side::Ca)).await;
    let there = crate::common::new_client();
    let response = there
        .post(format!("{base}/login"))
        .form(&[
            ("email", ca.email.as_str()),
            ("password", crate::common::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let dashboard = format!("{base}/app");
    // The other instance has the dashboard in memory, unsigned.
    until_shown(
        &there,
        &dashboard,
        r#"id="dashboard-signoff-eu" data-signed="false""#,
    )
    .await;

    let (status, _, _) = sign_off(&eu, &app, &[("confirm", "60")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    until_shown(
        &there,
        &dashboard,
        r#"id="dashboard-signoff-eu" data-signed="true""#,
    )
    .await;
}

#[tokio::test]
async fn with_nothing_missing_the_sign_off_needs_no_confirmation() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    let cycle_id = cycle(pool, 2026, CycleState::Open).await;
    for reference in sqlx::query_scalar::<_, String>("select ref from commitment")
        .fetch_all(pool)
        .await
        .unwrap()
    {
        assess(pool, cycle_id, &reference, "ca", "on_track", "").await;
    }
    let (_, ca) = app.client_as(Role::Officer, Some(Side::Ca)).await;
    let (_, page) = get(&ca, &app, "/app/cycles/2026").await;
    assert!(
        section(&page, "missing-ca", "divergences").contains("Every commitment has been saved")
    );
    let (status, location, _) = sign_off(&ca, &app, &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/app/cycles/2026?done=signoff#missing-ca")
    );
    assert_eq!(signoffs(pool).await, (vec!["ca".into()], 1, 0));
}
