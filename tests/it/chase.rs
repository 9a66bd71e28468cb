//! Submissions the secretariat can chase: the cycle page's missing list per side and lead officer
//! and its CSV; each side's sign-off, refused to the other roles and outside an open cycle,
//! reopened (and audited) by a later save of that side through the form or the API.

use crate::{
    api::with_token,
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

async fn lead(pool: &PgPool, reference: &str, user_id: i64, side: &str) {
    sqlx::query(
        "insert into commitment_lead (commitment_id, user_id, side)
         select id, $2, $3 from commitment where ref = $1",
    )
    .bind(reference)
    .bind(user_id)
    .bind(side)
    .execute(pool)
    .await
    .unwrap();
}

async fn rename(pool: &PgPool, user_id: i64, name: &str, org: &str) {
    sqlx::query("update app_user set display_name = $2, organisation = $3 where id = $1")
        .bind(user_id)
        .bind(name)
        .bind(org)
        .execute(pool)
        .await
        .unwrap();
}

async fn get(client: &reqwest::Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

/// The part of a page between two element ids.
fn section<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(&format!("id=\"{from}\"")).expect(from);
    let end = html[start..]
        .find(&format!("id=\"{to}\""))
        .map_or(html.len(), |i| start + i);
    &html[start..end]
}

/// Rows of a CSV body (after its byte-order mark).
fn csv_rows(body: &[u8]) -> Vec<Vec<String>> {
    assert!(body.starts_with(b"\xEF\xBB\xBF"), "no byte-order mark");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&body[3..])
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

async fn csv_of(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
) -> (StatusCode, header::HeaderMap, Vec<u8>) {
    let response = client.get(app.url(path)).send().await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn the_cycle_page_lists_what_is_missing_per_side_and_lead_officer_and_its_csv() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    let cycle_id = cycle(pool, 2026, CycleState::Open).await;
    let eu1 = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let ca1 = app.create_user(Role::Officer, Some(Side::Ca)).await;
    rename(pool, eu1.id, "Ana Lopes", "EEAS").await;
    // A name a spreadsheet would take for a formula.
    rename(pool, ca1.id, "=HYPERLINK(\"http://x\")", "GAC").await;
    for reference in ["9(a)", "10", "25(c)"] {
        lead(pool, reference, eu1.id, "eu").await;
    }
    lead(pool, "63", ca1.id, "ca").await;
    assess(pool, cycle_id, "9(a)", "eu", "on_track", "").await;
    assess(pool, cycle_id, "12", "eu", "on_track", "").await;
    assess(pool, cycle_id, "12", "ca", "on_track", "").await;

    let (_, viewer) = app.client_as(Role::Viewer, None).await;
    let (status, body) = get(&viewer, &app, "/app/cycles/2026").await;
    assert_eq!(status, StatusCode::OK);
    let eu = section(&body, "missing-eu", "missing-ca");
    // Ana's two unsaved commitments, with reference, link and the start of the text.
    assert!(
        eu.contains(&format!(
            r#"data-side="eu" data-email="{}" data-count="2""#,
            eu1.email
        )),
        "{eu}"
    );
    assert!(eu.contains("Ana Lopes") && eu.contains("EEAS"), "{eu}");
    assert!(eu.contains(r#"href="/app/commitments/25%28c%29">25(c)</a>"#));
    assert!(eu.contains(r#"href="/app/commitments/10">10</a>"#));
    assert!(
        !eu.contains(r#"href="/app/commitments/9%28a%29""#),
        "9(a) is saved"
    );
    // The rest of the 58 missing have no EU lead: 60 − 2 saved − 2 of Ana's.
    assert!(
        eu.contains(r#"data-side="eu" data-email="" data-count="56""#),
        "{eu}"
    );
    assert!(eu.contains("No lead officer"));
    assert!(eu.contains("58 commitments still have no EU assessment."));
    let ca = section(&body, "missing-ca", "divergences");
    assert!(
        ca.contains(&format!(r#"data-email="{}" data-count="1""#, ca1.email)),
        "{ca}"
    );
    assert!(ca.contains(r#"data-email="" data-count="58""#), "{ca}");
    assert!(ca.contains("59 commitments still have no Canadian assessment."));
    assert!(
        section(&body, "missing-csv", "missing-eu")
            .contains(r#"href="/app/cycles/2026/missing.csv?side=eu""#)
    );

    // The same list as CSV: every signed-in role may download it, as it may read the page.
    let (status, headers, bytes) = csv_of(&viewer, &app, "/app/cycles/2026/missing.csv").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"missing-2026.csv\""
    );
    let rows = csv_rows(&bytes);
    assert_eq!(
        rows[0],
        [
            "Side",
            "Lead officer",
            "E-mail",
            "Reference",
            "Title",
            "Area"
        ]
    );
    assert_eq!(rows.len(), 1 + 58 + 59);
    let ana_25c = rows
        .iter()
        .find(|r| r[3] == "25(c)" && r[2] == eu1.email)
        .expect("Ana's 25(c)");
    assert_eq!(ana_25c[0], "European Union");
    assert_eq!(ana_25c[1], "Ana Lopes (EEAS)");
    assert!(!ana_25c[4].is_empty() && ana_25c[4].chars().count() <= 91);
    assert!(ana_25c[5].starts_with("Maritime security"), "{ana_25c:?}");
    let ca_63 = rows
        .iter()
        .find(|r| r[3] == "63" && r[2] == ca1.email)
        .unwrap();
    assert_eq!(
        ca_63[1], "'=HYPERLINK(\"http://x\") (GAC)",
        "a formula is neutralised"
    );
    let unassigned = rows.iter().filter(|r| r[1] == "No lead officer").count();
    assert_eq!(unassigned, 56 + 58);

    // One side, in French: headings and side names in the reader's language.
    let (status, headers, bytes) = csv_of(
        &viewer,
        &app,
        "/app/cycles/2026/missing.csv?side=ca&lang=fr",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::CONTENT_DISPOSITION],
        "attachment; filename=\"missing-2026-ca.csv\""
    );
    let rows = csv_rows(&bytes);
    assert_eq!(
        rows[0],
        [
            "Partie",
            "Responsable",
            "Courriel",
            "Référence",
            "Titre",
            "Domaine"
        ]
    );
    assert_eq!(rows.len(), 1 + 59);
    assert!(rows[1..].iter().all(|r| r[0] == "Canada"), "{:?}", rows[1]);
    assert!(rows[1..].iter().any(|r| r[1] == "Aucun responsable"));

    // Bad input: a clear 4xx, never a 5xx.
    let (status, body) = get(
        &viewer,
        &app,
        "/app/cycles/2026/missing.csv?side=xx&lang=en",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("The side must be eu or ca."), "{body}");
    for path in [
        "/app/cycles/1999/missing.csv",
        "/app/cycles/notayear/missing.csv",
    ] {
        let (status, _) = get(&viewer, &app, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let anonymous = crate::common::new_client();
    let (status, _, _) = csv_of(&anonymous, &app, "/app/cycles/2026/missing.csv").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

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
