//! The public summary: what it shows after a publish, and that nothing internal ever leaks.

use crate::common::{
    TestApp,
    fixtures::{cycle, move_to},
    spawn_app,
};
use reqwest::{Method, StatusCode};
use sdp_tracker::domain::cycle::CycleState;

/// Something that must never reach an anonymous reader.
pub(crate) const CANARY: &str = "CANARY7f3a9";

/// A cycle for `year` taken through every state up to `until`, with both sides' assessments and
/// joint reviews written on the way (they cannot be written once it is frozen).
pub(crate) async fn cycle_with_reviews(
    app: &TestApp,
    year: i32,
    until: CycleState,
    joint: &[(&str, &str, &str, &str)],
) -> i64 {
    let pool = &app.db.pool;
    let id = cycle(pool, year, until.min(CycleState::Reconciliation)).await;
    if until < CycleState::Frozen {
        return id;
    }
    // Internal data, full of the canary, written while still allowed.
    sqlx::query(
        "insert into assessment (cycle_id, commitment_id, side, version, status, narrative, author)
         select $1, c.id, s.side, 1, 'challenges', $2 || ' narrative', $2 || '@example.org'
         from commitment c cross join (values ('eu'), ('ca')) s (side)",
    )
    .bind(id)
    .bind(CANARY)
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into assessment_evidence (assessment_id, position, url, label)
         select a.id, 0, 'https://example.org/' || $2, $2 || ' label' from assessment a where a.cycle_id = $1",
    )
    .bind(id)
    .bind(CANARY)
    .execute(pool)
    .await
    .unwrap();
    for (reference, status, en, fr) in joint {
        sqlx::query(
            "insert into joint_review (cycle_id, commitment_id, version, status, summary_en, summary_fr, next_steps, author)
             select $1, id, 1, $3, $4, $5, $6 || ' next steps', $6 || ' secretariat' from commitment where ref = $2",
        )
        .bind(id)
        .bind(reference)
        .bind(status)
        .bind(en)
        .bind(fr)
        .bind(CANARY)
        .execute(pool)
        .await
        .unwrap();
    }
    move_to(pool, id, CycleState::Reconciliation, until).await;
    id
}

#[tokio::test]
async fn before_any_publish_the_page_says_so() {
    let app = spawn_app().await;
    cycle_with_reviews(&app, 2026, CycleState::Open, &[]).await;

    let (status, html) = app.get_text("/").await;

    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("id=\"not-published\""));
    assert!(
        html.contains("2026 EU–Canada Security and Defence Dialogue"),
        "the next Dialogue is named"
    );
    assert!(!html.contains("role=\"img\""));
}

#[tokio::test]
async fn the_published_cycle_is_shown_with_counts_charts_and_summaries_in_both_languages() {
    let app = spawn_app().await;
    let joint = [
        (
            "13",
            "completed",
            "Training mission support delivered.",
            "Soutien à la mission de formation fourni.",
        ),
        (
            "14",
            "on_track",
            "Cooperation with EUMAM explored.",
            "Coopération avec EUMAM étudiée.",
        ),
        (
            "25(c)",
            "challenges",
            "Port calls postponed.",
            "Escales reportées.",
        ),
    ];
    cycle_with_reviews(&app, 2025, CycleState::Published, &joint).await;
    // A later cycle still being prepared is not shown.
    cycle_with_reviews(&app, 2026, CycleState::Reconciliation, &[]).await;

    let html = app.get_text("/").await.1;

    assert!(html.contains("2025 EU–Canada Security and Defence Dialogue"));
    assert!(html.contains("Training mission support delivered."));
    assert!(
        html.contains(r#"href="/text#p25c""#),
        "each line links to its text"
    );
    let counts: Vec<(String, i64)> = sqlx::query_as(
        "select status, count(*) from joint_review j join review_cycle c on c.id = j.cycle_id
         where c.year = 2025 group by status",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    let table = &html[html.find("id=\"counts\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    for (status, n) in counts {
        let label = sdp_tracker::i18n::Lang::En.t(status
            .parse::<sdp_tracker::domain::status::Status>()
            .unwrap()
            .label_key());
        let row = table
            .split("<tr")
            .find(|r| r.contains(&label))
            .unwrap_or_else(|| panic!("no row for {label}"));
        assert!(row.contains(&format!(">{n}</td>")), "{label}: {row}");
    }
    // 57 commitments have no joint review: not yet assessed.
    assert!(
        table.contains(">57</td>") && table.contains(">60</td>"),
        "{table}"
    );
    // Charts are images with a title and a description carrying the same numbers.
    assert!(
        html.contains(r#"role="img""#)
            && html.contains("<title id=\"chart-support-to-ukraine-title\">")
    );
    assert!(html.contains("Support to Ukraine: 1 Completed – fully met, 1 Underway – on track"));

    let fr = app.get_text("/?lang=fr").await.1;
    assert!(fr.contains("Soutien à la mission de formation fourni."));
    assert!(fr.contains("Réalisé – entièrement"));
    assert!(!fr.contains("Training mission support delivered."));
}

#[tokio::test]
async fn no_internal_text_reaches_any_anonymous_route() {
    let app = spawn_app().await;
    cycle_with_reviews(
        &app,
        2025,
        CycleState::Published,
        &[("13", "completed", "Public line.", "Ligne publique.")],
    )
    .await;
    // The cycle officers work in now, with internal text only (its joint statuses are not public).
    let open = cycle_with_reviews(&app, 2026, CycleState::Open, &[]).await;
    sqlx::query(
        "insert into assessment (cycle_id, commitment_id, side, version, status, narrative, author)
         select $1, c.id, 'eu', 1, 'challenges', $2 || ' open narrative', $2 || '@example.org'
         from commitment c",
    )
    .bind(open)
    .bind(CANARY)
    .execute(&app.db.pool)
    .await
    .unwrap();
    // Accounts whose names and e-mails are internal too.
    sqlx::query(
        "insert into app_user (email, display_name, role, side, password_hash)
         values (lower($1) || '@example.org', $1 || ' Officer', 'officer', 'eu', '$argon2id$v=19$m=19456,t=2,p=1$x$y')",
    )
    .bind(CANARY)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let slugs: Vec<String> = sqlx::query_scalar("select slug from area")
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
    let mut requests: Vec<(Method, String)> = [
        "/",
        "/?lang=fr",
        "/text",
        "/text?lang=fr",
        "/healthz",
        "/readyz",
        "/metrics",
        "/login",
        "/api/openapi.json",
        "/api/docs",
        "/api/docs/",
        "/api/docs/swagger-initializer.js",
        "/api/v1/partnerships/eu-canada",
        "/api/v1/cycles",
        "/api/v1/cycles/2025",
        "/api/v1/cycles/2026",
        "/api/v1/commitments",
        "/api/v1/commitments/13",
        "/api/v1/commitments/25%28c%29",
        "/api/v1/cycles/2025/assessments",
        "/api/v1/cycles/2026/assessments",
        "/app",
        "/app/commitments/13",
        "/no-such-page",
        "/areas/no-such-area",
        "/static/css/app.css",
        "/static/js/init.js",
        "/static/nope.css",
    ]
    .into_iter()
    .map(|p| (Method::GET, p.to_owned()))
    .collect();
    requests.extend(slugs.iter().map(|s| (Method::GET, format!("/areas/{s}"))));
    requests.push((Method::POST, "/text".into()));
    requests.push((Method::DELETE, "/".into()));
    requests.push((Method::POST, "/login".into()));

    let client = crate::common::new_client();
    for (method, path) in requests {
        let response = client
            .request(method.clone(), app.url(&path))
            .send()
            .await
            .unwrap();
        let headers = format!("{:?}", response.headers());
        let body = response.text().await.unwrap();
        assert!(
            !body.contains(CANARY) && !body.to_lowercase().contains(&CANARY.to_lowercase()),
            "{method} {path} leaks"
        );
        assert!(
            !headers.contains(CANARY),
            "{method} {path} leaks in a header"
        );
    }
}

#[tokio::test]
async fn the_public_summary_in_a_browser_in_both_languages() {
    let app = spawn_app().await;
    let joint = [
        ("13", "completed", "Support delivered.", "Soutien fourni."),
        ("30", "challenges", "Delayed.", "Retardé."),
    ];
    cycle_with_reviews(&app, 2025, CycleState::Published, &joint).await;
    let browser = crate::common::browser::Browser::start().await;
    let c = &browser.client;

    c.goto(&app.url("/")).await.unwrap();
    browser.assert_accessible("public summary (en)").await;
    // Every chart has a text alternative.
    let missing: i64 = c
        .execute(
            "return [...document.querySelectorAll('svg[role=img]')].filter(s => !s.querySelector('title') || !s.querySelector('desc') || !s.getAttribute('aria-labelledby')).length",
            vec![],
        )
        .await
        .unwrap()
        .as_i64()
        .unwrap();
    assert_eq!(missing, 0);
    // Keyboard: the first Tab reaches the skip link; every commitment link is reachable.
    browser.press("body", fantoccini::key::Key::Tab).await;
    let focused = c.active_element().await.unwrap();
    assert_eq!(
        focused.attr("href").await.unwrap().as_deref(),
        Some("#main-content")
    );
    browser
        .press(r#"a[href="/text#p13"]"#, fantoccini::key::Key::Enter)
        .await;
    browser.wait_for_path("/text").await;

    c.goto(&app.url("/?lang=fr")).await.unwrap();
    assert_eq!(browser.lang().await, "fr");
    let body = c
        .find(fantoccini::Locator::Css("main"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(body.contains("Soutien fourni.") && body.contains("Réalisé – entièrement"));
    browser.assert_accessible("public summary (fr)").await;
    browser.close().await;
}
