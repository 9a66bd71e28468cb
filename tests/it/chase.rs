//! Submissions the secretariat can chase: the cycle page's missing list per side and lead officer,
//! and its CSV (the sign-offs are in `signoff.rs`).

use crate::common::{
    TestApp,
    fixtures::{assess, cycle},
    spawn_app,
};
use reqwest::{StatusCode, header};
use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};
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

pub(crate) async fn rename(pool: &PgPool, user_id: i64, name: &str, org: &str) {
    sqlx::query("update app_user set display_name = $2, organisation = $3 where id = $1")
        .bind(user_id)
        .bind(name)
        .bind(org)
        .execute(pool)
        .await
        .unwrap();
}

pub(crate) async fn get(
    client: &reqwest::Client,
    app: &TestApp,
    path: &str,
) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

/// The part of a page between two element ids.
pub(crate) fn section<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
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
