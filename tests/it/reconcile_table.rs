//! The reconciliation table (issue 11.3) over HTTP: the filters, a row saved in place (htmx: the
//! answer is the row and its announcement, never a redirect), the same row saved by a plain form
//! post (redirected back to the filter and the row), the in-row conflict that overwrites nothing,
//! and the two bulk actions with their confirmation naming the count.

use crate::common::{
    TestApp,
    fixtures::{assess, cycle, joint, move_to},
    spawn_app,
};
use reqwest::{Client, StatusCode};
use sdp_tracker::domain::{account::Role, cycle::CycleState};
use sqlx::PgPool;

const YEAR: i32 = 2026;
const LONG_NARRATIVE: &str = "The first courses ran in March with twelve officers from each side; \
    the second series moved to the autumn because the trainers were needed elsewhere, and the \
    evaluation follows in December.";

/// 2025 gave every commitment a joint status (14: completed, the others on track). In 2026:
/// 10 and 11 agree, 12 diverges (with challenges), 13 has the EU's assessment only, 14 agrees on
/// "not started" (regressed); the other 55 were assessed by neither side.
pub(crate) async fn reconciling(app: &TestApp) -> i64 {
    let pool = &app.db.pool;
    let last = cycle(pool, 2025, CycleState::Reconciliation).await;
    joint(pool, last, "14", "completed").await;
    sqlx::query(
        "insert into joint_review (cycle_id, commitment_id, version, status, author)
         select $1, c.id, 1, 'on_track', 'test' from commitment c where c.ref <> '14'",
    )
    .bind(last)
    .execute(pool)
    .await
    .unwrap();
    move_to(
        pool,
        last,
        CycleState::Reconciliation,
        CycleState::Published,
    )
    .await;
    let id = cycle(pool, YEAR, CycleState::Open).await;
    for (reference, eu, ca) in [
        ("10", Some("on_track"), Some("on_track")),
        ("11", Some("completed"), Some("completed")),
        ("12", Some("on_track"), Some("challenges")),
        ("13", Some("on_track"), None),
        ("14", Some("not_started"), Some("not_started")),
    ] {
        for (side, status) in [("eu", eu), ("ca", ca)] {
            if let Some(status) = status {
                assess(pool, id, reference, side, status, LONG_NARRATIVE).await;
            }
        }
    }
    move_to(pool, id, CycleState::Open, CycleState::Reconciliation).await;
    id
}

fn table(query: &str) -> String {
    format!("/app/cycles/{YEAR}/reconcile{query}")
}

async fn get(app: &TestApp, client: &Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

/// Posts a form, as htmx does when `htmx` (with `HX-Request: true`) or as a browser without
/// JavaScript; returns the status, the body and where a redirect goes.
async fn post(
    app: &TestApp,
    client: &Client,
    path: &str,
    fields: &[(&str, &str)],
    htmx: bool,
) -> (StatusCode, String, Option<String>) {
    let mut request = client.post(app.url(path)).form(fields);
    if htmx {
        request = request.header("HX-Request", "true");
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (status, response.text().await.unwrap(), location)
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// The references of the table's rows, in order.
fn rows(page: &str) -> Vec<String> {
    page.split(r#"class="govuk-table__row app-reconcile__row""#)
        .skip(1)
        .map(|row| {
            let start = row.find(r#"data-ref=""#).unwrap() + 10;
            row[start..start + row[start..].find('"').unwrap()].to_owned()
        })
        .collect()
}

#[tokio::test]
async fn the_table_filters_in_the_url_and_shows_every_column() {
    let app = spawn_app().await;
    reconciling(&app).await;
    let (_, secretariat) = app.client_as(Role::Secretariat, None).await;

    let (status, page) = get(&app, &secretariat, &table("")).await;
    assert_eq!(status, StatusCode::OK);
    let all = rows(&page);
    assert_eq!(all.len(), 60);
    assert_eq!(all[0], "12", "divergent commitments come first");
    assert!(page.contains("Showing 60 of 60 commitments."));
    // Both statuses, an excerpt of each narrative and the whole of it behind "Full narrative".
    assert!(page.contains("The first courses ran in March with twelve officers"));
    assert!(page.contains("Full narrative"));
    assert!(page.contains("the evaluation follows in December."));
    // The joint review is edited in the row; the summary and next steps too.
    for id in [
        "status-25c",
        "summary_en-25c",
        "summary_fr-25c",
        "next_steps-25c",
        "save-25c",
    ] {
        assert!(page.contains(&format!(r#"id="{id}""#)), "{id}");
    }
    assert!(page.contains(r#"hx-post="/app/cycles/2026/reconcile/25%28c%29""#));
    assert!(page.contains(r#"aria-live="polite""#));

    for (filter, want) in [
        ("divergent", vec!["12"]),
        ("challenges", vec!["12"]),
        ("regressed", vec!["12", "14"]),
    ] {
        let (status, page) = get(&app, &secretariat, &table(&format!("?filter={filter}"))).await;
        assert_eq!(status, StatusCode::OK, "{filter}");
        assert_eq!(rows(&page), want, "{filter}");
        assert!(
            page.contains(&format!(r#"data-filter="{filter}" aria-current="page""#)),
            "{filter}"
        );
    }
    let (_, page) = get(&app, &secretariat, &table("?filter=unreviewed")).await;
    assert_eq!(rows(&page).len(), 60);

    // An unknown filter is a clear 400, in the reader's language.
    let (status, page) = get(&app, &secretariat, &table("?filter=everything")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("There is no such filter."));
    let (status, page) = get(&app, &secretariat, &table("?filter=nope&lang=fr")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.contains("Ce filtre n’existe pas."));

    // Readers see the same table without forms or bulk actions.
    let (_, viewer) = app.client_as(Role::Viewer, None).await;
    let (status, page) = get(&app, &viewer, &table("?filter=divergent")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(rows(&page), vec!["12"]);
    assert!(!page.contains("<form method=\"post\" action=\"/app/cycles/2026/reconcile/12\""));
    assert!(!page.contains("accept-agreed"));
}

#[tokio::test]
async fn a_row_saves_in_place_with_htmx_and_by_a_full_page_load_without() {
    let app = spawn_app().await;
    reconciling(&app).await;
    let pool = &app.db.pool;
    let (_, secretariat) = app.client_as(Role::Secretariat, None).await;
    let path = "/app/cycles/2026/reconcile/12";

    // htmx: the answer is the row (200, no redirect), its announcement and the new counts.
    let (status, body, location) = post(
        &app,
        &secretariat,
        path,
        &[
            ("status", "challenges"),
            ("summary_en", "Courses moved to the autumn."),
            ("summary_fr", "Cours reportés à l’automne."),
            ("next_steps", "Report in December."),
            ("version", "0"),
            ("filter", "divergent"),
        ],
        true,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(location, None);
    assert!(body.trim_start().starts_with("<tr"), "{body}");
    assert!(body.contains(r#"id="row-12""#));
    assert!(body.contains(r#"id="saved-12""#));
    assert!(body.contains(
        r#"<div id="reconcile-live" hx-swap-oob="innerHTML">The joint review of 12 has been saved.</div>"#
    ));
    assert!(body.contains(r#"<div id="reconcile-summary" hx-swap-oob="true">"#));
    assert!(body.contains("59 commitments without a joint status"));
    assert!(body.contains(r#"name="version" value="1""#));
    assert!(!body.contains("<html"), "a fragment, not a page");
    assert_eq!(
        count(pool, "select count(*) from joint_review j join review_cycle r on r.id = j.cycle_id where r.year = 2026").await,
        1
    );
    assert_eq!(
        count(
            pool,
            "select count(*) from audit_event where action = 'joint_review.save'"
        )
        .await,
        1
    );

    // htmx, invalid: 422 with the row as typed, its message and the announcement; nothing written.
    let long = "x".repeat(501);
    let (status, body, _) = post(
        &app,
        &secretariat,
        path,
        &[
            ("status", ""),
            ("summary_en", &long),
            ("version", "1"),
            ("filter", ""),
        ],
        true,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains(r#"id="status-12-error""#));
    assert!(body.contains("The English summary must have at most 500 characters."));
    assert!(body.contains("The joint review of 12 was not saved: Choose the joint status."));
    assert!(body.contains(&long), "what was typed is kept");
    assert!(body.contains("<details class=\"govuk-details govuk-!-margin-bottom-2\" open>"));

    // htmx, stale (someone saved version 1 after this row showed version 0): 409, in-row conflict
    // with their revision and the typed text, the version moved on; nothing overwritten.
    let (status, body, _) = post(
        &app,
        &secretariat,
        path,
        &[
            ("status", "on_track"),
            ("summary_en", "My own line."),
            ("version", "0"),
        ],
        true,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.contains(r#"id="conflict-12""#));
    assert!(
        body.contains("Courses moved to the autumn."),
        "their revision is shown"
    );
    assert!(body.contains("My own line."), "the typed text is kept");
    assert!(body.contains(r#"name="version" value="1""#));
    assert!(body.contains("Save my version"));
    assert!(body.contains("was not saved: Saved by someone else in the meantime"));
    assert_eq!(
        count(pool, "select count(*) from joint_review j join review_cycle r on r.id = j.cycle_id where r.year = 2026").await,
        1
    );

    // Without JavaScript: 303 back to the same filter, with the notice and the row's anchor.
    let (status, _, location) = post(
        &app,
        &secretariat,
        "/app/cycles/2026/reconcile/25%28c%29",
        &[
            ("status", "on_track"),
            ("version", "0"),
            ("filter", "unreviewed"),
        ],
        false,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = location.unwrap();
    assert_eq!(
        location,
        "/app/cycles/2026/reconcile?filter=unreviewed&saved=25%28c%29#row-25c"
    );
    let (status, page) = get(&app, &secretariat, location.split('#').next().unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("The joint review of 25(c) has been saved."));
    assert!(page.contains(r#"data-filter="unreviewed" aria-current="page""#));
    assert!(page.contains(r#"id="saved-25c""#));

    // Without JavaScript, refused: the commitment's page with the error summary (as before).
    let (status, page, _) = post(
        &app,
        &secretariat,
        "/app/cycles/2026/reconcile/13",
        &[("status", "done"), ("version", "0"), ("filter", "")],
        false,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("govuk-error-summary"));
    // A filter that does not exist only says where to come back to: the save is kept and the
    // answer goes back to the whole table.
    let (status, _, location) = post(
        &app,
        &secretariat,
        "/app/cycles/2026/reconcile/13",
        &[
            ("status", "on_track"),
            ("version", "0"),
            ("filter", "bogus"),
        ],
        false,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/app/cycles/2026/reconcile?saved=13#row-13")
    );
    assert_eq!(
        count(
            pool,
            "select count(*) from joint_review j join review_cycle r on r.id = j.cycle_id where r.year = 2026"
        )
        .await,
        3
    );
}

#[tokio::test]
async fn not_yet_assessed_is_recorded_for_every_untouched_commitment_after_a_confirmation() {
    let app = spawn_app().await;
    let cycle_id = reconciling(&app).await;
    let pool = &app.db.pool;
    let (_, secretariat) = app.client_as(Role::Secretariat, None).await;
    let path = "/app/cycles/2026/reconcile/not-assessed";
    let joint_2026 = format!("select count(*) from joint_review where cycle_id = {cycle_id}");

    let (_, page) = get(&app, &secretariat, &table("")).await;
    assert!(page.contains("55 commitments were assessed by neither side"));
    assert!(page.contains(r#"href="/app/cycles/2026/reconcile/not-assessed""#));

    // The reason's form names the count; a missing French reason is refused.
    let (status, page) = get(&app, &secretariat, path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("55 commitments were assessed by neither side."));
    let en = "Not reported before the Dialogue.";
    let fr = "Non communiqué avant le Dialogue.";
    let (status, page, _) = post(
        &app,
        &secretariat,
        path,
        &[("reason_en", en), ("reason_fr", " ")],
        false,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Give the reason in French, in at most 500 characters."));
    assert!(page.contains(r##"href="#reason_fr""##));

    // The check: the count, the reason in both languages, the list.
    let (status, page, _) = post(
        &app,
        &secretariat,
        path,
        &[("reason_en", en), ("reason_fr", fr)],
        false,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Record “Not yet assessed” for 55 commitments"));
    assert!(page.contains(r#"<input type="hidden" name="count" value="55">"#));
    assert!(page.contains(fr));
    assert_eq!(
        page.matches(r#"<tr class="govuk-table__row" data-ref="#)
            .count(),
        55
    );
    assert_eq!(
        count(pool, &joint_2026).await,
        0,
        "nothing written before confirming"
    );

    // Someone reconciles one of them in the meantime: the confirmed 55 no longer holds.
    joint(pool, cycle_id, "20", "on_track").await;
    let (status, page, _) = post(
        &app,
        &secretariat,
        path,
        &[("reason_en", en), ("reason_fr", fr), ("count", "55")],
        false,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("54 commitments are now concerned"));
    assert!(page.contains("Record “Not yet assessed” for 54 commitments"));
    assert_eq!(count(pool, &joint_2026).await, 1);

    let (status, _, location) = post(
        &app,
        &secretariat,
        path,
        &[("reason_en", en), ("reason_fr", fr), ("count", "54")],
        false,
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/app/cycles/2026/reconcile?recorded=54")
    );
    let written: Vec<(String, String, String, i32)> = sqlx::query_as(
        "select j.status::text, j.summary_en, j.summary_fr, j.version from joint_review j
         where j.cycle_id = $1 and j.status = 'not_assessed'",
    )
    .bind(cycle_id)
    .fetch_all(pool)
    .await
    .unwrap();
    assert_eq!(written.len(), 54);
    assert!(
        written
            .iter()
            .all(|w| *w == ("not_assessed".into(), en.into(), fr.into(), 1))
    );
    // The assessed ones are untouched; one audit event per joint review, as single saves write.
    let assessed: i64 = count(
        pool,
        &format!(
            "select count(*) from joint_review j join commitment c on c.id = j.commitment_id
             where j.cycle_id = {cycle_id} and c.ref in ('10', '11', '12', '13', '14')"
        ),
    )
    .await;
    assert_eq!(assessed, 0);
    assert_eq!(
        count(
            pool,
            "select count(*) from audit_event where action = 'joint_review.save'
             and after->>'bulk' = 'not_assessed' and after->>'status' = 'not_assessed'"
        )
        .await,
        54
    );
    let (_, page) = get(&app, &secretariat, &table("?recorded=54")).await;
    assert!(page.contains("54 commitments were given the joint status “Not yet assessed”."));
    assert!(
        page.contains("Every commitment was assessed by at least one side or has a joint status.")
    );

    // Nothing left: the page says so and offers no button; a stale confirmation writes nothing.
    let (_, page) = get(&app, &secretariat, path).await;
    assert!(page.contains("There is no commitment to change."));
    assert!(!page.contains("bulk-confirm"));
    let (status, _, _) = post(
        &app,
        &secretariat,
        path,
        &[("reason_en", en), ("reason_fr", fr), ("count", "54")],
        false,
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(count(pool, &joint_2026).await, 55);

    // Officers and viewers may not; bad counts are a 400.
    let (_, viewer) = app.client_as(Role::Viewer, None).await;
    let (status, _) = get(&app, &viewer, path).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = post(
        &app,
        &secretariat,
        path,
        &[("reason_en", en), ("reason_fr", fr), ("count", "-1")],
        false,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn accepting_the_agreed_statuses_is_confirmed_with_their_count() {
    let app = spawn_app().await;
    let cycle_id = reconciling(&app).await;
    let pool = &app.db.pool;
    let (_, secretariat) = app.client_as(Role::Secretariat, None).await;
    let path = "/app/cycles/2026/reconcile/accept-agreed";
    let joint_2026 = format!("select count(*) from joint_review where cycle_id = {cycle_id}");

    let (status, page) = get(&app, &secretariat, path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Accept the agreed status for 3 commitments"));
    assert!(page.contains(r#"<input type="hidden" name="count" value="3">"#));
    for reference in ["10", "11", "14"] {
        assert!(
            page.contains(&format!(r#"data-ref="{reference}""#)),
            "{reference}"
        );
    }

    // 14 is reconciled otherwise in the meantime: the confirmed 3 no longer holds.
    joint(pool, cycle_id, "14", "on_track").await;
    let (status, page, _) = post(&app, &secretariat, path, &[("count", "3")], false).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("2 commitments are now concerned"));
    assert_eq!(count(pool, &joint_2026).await, 1);

    let (status, _, location) = post(&app, &secretariat, path, &[("count", "2")], false).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/app/cycles/2026/reconcile?accepted=2")
    );
    assert_eq!(count(pool, &joint_2026).await, 3);
    let (status, _, _) = post(&app, &secretariat, path, &[("count", "x")], false).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
