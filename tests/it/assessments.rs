//! The area and commitment pages and the assessment form: saving, the 409 that loses nothing,
//! validation, side rules, closed cycles, carry-forward, filters and htmx fragments.

use crate::common::{
    TestApp,
    fixtures::{commitment_id, cycle, partnership_id},
    spawn_app,
};
use reqwest::{Client, StatusCode};
use sdp_tracker::{
    db::{assessments, assignments, board, cycles},
    domain::{
        account::{Role, Side},
        cycle::CycleState,
    },
};

const REF: &str = "25(c)";
const REF_PATH: &str = "/app/commitments/25%28c%29";

async fn version(app: &TestApp, cycle_id: i64, reference: &str, side: Side) -> i32 {
    let cid = commitment_id(&app.db.pool, reference).await;
    assessments::current_version(&app.db.pool, cycle_id, cid, side)
        .await
        .unwrap()
}

fn path_of(reference: &str) -> String {
    format!(
        "/app/commitments/{}",
        form_urlencoded::byte_serialize(reference.as_bytes()).collect::<String>()
    )
}

/// Posts an assessment form; returns the status and body.
async fn post(
    app: &TestApp,
    client: &Client,
    reference: &str,
    side: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, reqwest::header::HeaderMap) {
    let response = client
        .post(app.url(&format!("{}/assessments/{side}", path_of(reference))))
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    (status, response.text().await.unwrap(), headers)
}

async fn get(app: &TestApp, client: &Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}

/// The HTML of the area table's row for `reference`.
fn row<'a>(body: &'a str, reference: &str) -> &'a str {
    let start = body
        .find(&format!("data-ref=\"{reference}\""))
        .unwrap_or_else(|| panic!("no row {reference}"));
    let end = body[start..].find("</tr>").unwrap();
    &body[start..start + end]
}

fn refs(body: &str) -> Vec<String> {
    body.split("data-ref=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

async fn area_slug(app: &TestApp, reference: &str) -> String {
    let pid = partnership_id(&app.db.pool).await;
    board::commitments(&app.db.pool, pid)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.reference == reference)
        .unwrap()
        .area_slug
}

#[tokio::test]
async fn an_officer_saves_through_the_form_and_sees_it_in_the_history() {
    let app = spawn_app().await;
    let cycle_id = cycle(&app.db.pool, 2026, CycleState::Open).await;
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;

    let (status, page) = get(&app, &eu, REF_PATH).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("name=\"status\"") && page.contains("name=\"version\" value=\"0\""),
        "{page}"
    );
    assert!(page.contains("Naval cooperation"));
    assert!(page.contains("href=\"/text#p25\""));

    let (status, _, headers) = post(
        &app,
        &eu,
        REF,
        "eu",
        &[
            ("status", "challenges"),
            ("narrative", "Port calls delayed.\r\nSecond line."),
            ("version", "0"),
            ("cycle", "2026"),
            ("evidence_url_1", "https://www.eeas.europa.eu/port-calls"),
            ("evidence_label_1", "Port calls press release"),
            ("evidence_url_2", ""),
            ("evidence_label_2", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = headers["location"].to_str().unwrap();
    assert!(
        location.starts_with("/app/commitments/25%28c%29?saved=eu"),
        "{location}"
    );
    assert_eq!(version(&app, cycle_id, REF, Side::Eu).await, 1);
    let events: i64 =
        sqlx::query_scalar("select count(*) from audit_event where action = 'assessment.save'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(events, 1);

    let (status, page) = get(&app, &eu, location).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Your assessment was saved."));
    assert!(page.contains("Port calls delayed.\nSecond line."));
    assert!(
        page.contains("Port calls press release")
            && page.contains("https://www.eeas.europa.eu/port-calls")
    );
    assert!(page.contains("History of this cycle") && page.contains("first assessment"));
    assert!(page.contains("name=\"version\" value=\"1\""));

    // A second save shows what changed.
    let (status, _, _) = post(
        &app,
        &eu,
        REF,
        "eu",
        &[
            ("status", "on_track"),
            ("narrative", "Port calls delayed.\nSecond line."),
            ("version", "1"),
            ("cycle", "2026"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = get(&app, &eu, REF_PATH).await;
    assert!(page.contains("Narrative changed: no"), "{page}");
    assert!(page.contains("Evidence removed:"));
    assert!(page.contains("version 2"));
}

#[tokio::test]
async fn a_save_from_a_stale_version_is_refused_and_shows_both_versions() {
    let app = spawn_app().await;
    let cycle_id = cycle(&app.db.pool, 2026, CycleState::Open).await;
    let (_, first) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let (_, second) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let theirs = [
        ("status", "on_track"),
        ("narrative", "Their narrative about port calls"),
        ("version", "0"),
        ("cycle", "2026"),
        ("evidence_url_1", "https://example.org/theirs"),
        ("evidence_label_1", "Their evidence"),
    ];
    assert_eq!(
        post(&app, &first, REF, "eu", &theirs).await.0,
        StatusCode::SEE_OTHER
    );

    let mine = [
        ("status", "challenges"),
        ("narrative", "My typed text, not lost"),
        ("version", "0"),
        ("cycle", "2026"),
    ];
    let (status, page, _) = post(&app, &second, REF, "eu", &mine).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("Their narrative about port calls"), "{page}");
    assert!(page.contains("Their evidence"));
    assert!(page.contains("My typed text, not lost"));
    assert!(page.contains("This assessment was saved again meanwhile"));
    assert!(
        page.contains("name=\"version\" value=\"1\""),
        "the form now carries the current version"
    );
    assert_eq!(
        version(&app, cycle_id, REF, Side::Eu).await,
        1,
        "nothing written"
    );

    // Re-submitting deliberately overwrites.
    let again = [
        ("status", "challenges"),
        ("narrative", "My typed text, not lost"),
        ("version", "1"),
        ("cycle", "2026"),
    ];
    assert_eq!(
        post(&app, &second, REF, "eu", &again).await.0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(version(&app, cycle_id, REF, Side::Eu).await, 2);
}

#[tokio::test]
async fn invalid_assessments_are_refused_with_the_reason_and_nothing_is_written() {
    let app = spawn_app().await;
    let cycle_id = cycle(&app.db.pool, 2026, CycleState::Open).await;
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let long = "x".repeat(20_001);
    let eleven: Vec<(String, String)> = (1..=11)
        .map(|n| {
            (
                format!("evidence_url_{n}"),
                format!("https://example.org/{n}"),
            )
        })
        .collect();

    let mut cases: Vec<(Vec<(String, String)>, &str)> = vec![
        (
            vec![
                ("status".into(), "challenges".into()),
                ("narrative".into(), "  ".into()),
            ],
            "Explain this status",
        ),
        (
            vec![
                ("status".into(), "on_track".into()),
                ("narrative".into(), long),
            ],
            "at most 20,000 characters",
        ),
        (
            vec![
                ("status".into(), "on_track".into()),
                ("narrative".into(), "Kept text".into()),
                ("evidence_url_1".into(), "javascript:alert(1)".into()),
            ],
            "must start with http:// or https://",
        ),
        (
            [
                vec![
                    ("status".into(), "on_track".into()),
                    ("narrative".into(), String::new()),
                ],
                eleven,
            ]
            .concat(),
            "at most 10 evidence links",
        ),
        (
            vec![
                ("status".into(), "done".into()),
                ("narrative".into(), "Kept text".into()),
            ],
            "Choose a status.",
        ),
    ];
    for (fields, _) in &mut cases {
        fields.push(("version".into(), "0".into()));
        fields.push(("cycle".into(), "2026".into()));
    }
    for (fields, message) in cases {
        let form: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let (status, page, _) = post(&app, &eu, REF, "eu", &form).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{form:?}");
        assert!(page.contains(message), "{message}: {page}");
        assert!(page.contains("govuk-error-summary"));
        if let Some((_, narrative)) = fields.iter().find(|(k, _)| k == "narrative")
            && narrative == "Kept text"
        {
            assert!(page.contains("Kept text"), "the typed text is kept");
        }
        assert_eq!(
            version(&app, cycle_id, REF, Side::Eu).await,
            0,
            "{message}: nothing written"
        );
    }
    let events: i64 =
        sqlx::query_scalar("select count(*) from audit_event where action = 'assessment.save'")
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(events, 0);
}

#[tokio::test]
async fn only_an_officer_of_a_side_writes_its_assessment() {
    let app = spawn_app().await;
    let cycle_id = cycle(&app.db.pool, 2026, CycleState::Open).await;
    let fields = [
        ("status", "on_track"),
        ("narrative", ""),
        ("version", "0"),
        ("cycle", "2026"),
    ];
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    assert_eq!(
        post(&app, &eu, REF, "ca", &fields).await.0,
        StatusCode::FORBIDDEN
    );
    for role in [Role::Viewer, Role::Secretariat, Role::Admin] {
        let (_, client) = app.client_as(role, None).await;
        assert_eq!(
            post(&app, &client, REF, "eu", &fields).await.0,
            StatusCode::FORBIDDEN,
            "{role:?}"
        );
        // Readers see no form.
        let (status, page) = get(&app, &client, REF_PATH).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!page.contains("name=\"status\""), "{role:?} sees no form");
    }
    assert_eq!(version(&app, cycle_id, REF, Side::Ca).await, 0);
    assert_eq!(version(&app, cycle_id, REF, Side::Eu).await, 0);
    // An unknown commitment or side is not found.
    assert_eq!(
        post(&app, &eu, "99(z)", "eu", &fields).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        post(&app, &eu, REF, "us", &fields).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, &eu, "/app/commitments/99").await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_cycle_that_is_not_open_refuses_assessments() {
    let app = spawn_app().await;
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let fields = [("status", "on_track"), ("narrative", ""), ("version", "0")];

    // No cycle at all: the page shows the text and says so.
    let (status, page) = get(&app, &eu, REF_PATH).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("No review cycle exists yet") && page.contains("Naval cooperation"));
    let (status, page, _) = post(&app, &eu, REF, "eu", &fields).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("not open for assessments"));

    let cycle_id = cycle(&app.db.pool, 2026, CycleState::Planned).await;
    let (status, page, _) = post(
        &app,
        &eu,
        REF,
        "eu",
        &[fields.as_slice(), &[("cycle", "2026")]].concat(),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("not open for assessments"), "{page}");
    assert_eq!(version(&app, cycle_id, REF, Side::Eu).await, 0);
    let (_, page) = get(&app, &eu, REF_PATH).await;
    assert!(
        !page.contains("name=\"status\""),
        "no form while the cycle is planned"
    );
}

#[tokio::test]
async fn a_previous_cycle_status_is_shown_as_carried_until_the_side_saves() {
    let app = spawn_app().await;
    let previous = cycle(&app.db.pool, 2025, CycleState::Open).await;
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let fields = [
        ("status", "completed"),
        ("narrative", ""),
        ("version", "0"),
        ("cycle", "2025"),
    ];
    assert_eq!(
        post(&app, &eu, REF, "eu", &fields).await.0,
        StatusCode::SEE_OTHER
    );
    assert!(
        cycles::set_state(
            &app.db.pool,
            previous,
            CycleState::Open,
            CycleState::Reconciliation
        )
        .await
        .unwrap()
    );
    let current = cycle(&app.db.pool, 2026, CycleState::Open).await;

    let area = format!("/app/areas/{}", area_slug(&app, REF).await);
    let (status, page) = get(&app, &eu, &area).await;
    assert_eq!(status, StatusCode::OK);
    let r = row(&page, REF);
    assert!(
        r.contains("app-status--completed app-status--carried"),
        "{r}"
    );
    assert!(r.contains("carried forward — not yet reviewed"));
    let (_, page) = get(&app, &eu, REF_PATH).await;
    assert!(page.contains("app-status--carried"));

    let fields = [
        ("status", "ongoing"),
        ("narrative", ""),
        ("version", "0"),
        ("cycle", "2026"),
    ];
    assert_eq!(
        post(&app, &eu, REF, "eu", &fields).await.0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(version(&app, current, REF, Side::Eu).await, 1);
    let (_, page) = get(&app, &eu, &area).await;
    let r = row(&page, REF);
    assert!(
        r.contains("app-status--ongoing") && !r.contains("app-status--ongoing app-status--carried"),
        "{r}"
    );
}

#[tokio::test]
async fn the_area_page_filters_by_status_side_and_assignment() {
    let app = spawn_app().await;
    cycle(&app.db.pool, 2026, CycleState::Open).await;
    let (eu_user, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let (_, ca) = app.client_as(Role::Officer, Some(Side::Ca)).await;
    for (client, side, reference, status) in [
        (&eu, "eu", "25(a)", "on_track"),
        (&eu, "eu", "25(b)", "challenges"),
        (&ca, "ca", "25(a)", "challenges"),
    ] {
        let fields = [
            ("status", status),
            ("narrative", "Because."),
            ("version", "0"),
            ("cycle", "2026"),
        ];
        assert_eq!(
            post(&app, client, reference, side, &fields).await.0,
            StatusCode::SEE_OTHER
        );
    }
    assignments::add(
        &app.db.pool,
        commitment_id(&app.db.pool, "25(d)").await,
        eu_user.id,
        Side::Eu,
    )
    .await
    .unwrap();

    let area = format!("/app/areas/{}", area_slug(&app, "25(a)").await);
    let cases: [(&str, &[&str], &[&str]); 5] = [
        (
            "?status=challenges",
            &["25(a)", "25(b)"],
            &["25(c)", "25(d)"],
        ),
        (
            "?status=challenges&side=eu",
            &["25(b)"],
            &["25(a)", "25(c)"],
        ),
        ("?status=on_track&side=ca", &[], &["25(a)", "25(b)"]),
        (
            "?status=none&side=eu",
            &["25(c)", "25(d)", "25(e)"],
            &["25(a)", "25(b)"],
        ),
        ("?mine=1", &["25(d)"], &["25(a)", "25(b)", "25(c)", "25(e)"]),
    ];
    for (query, present, absent) in cases {
        let (status, page) = get(&app, &eu, &format!("{area}{query}")).await;
        assert_eq!(status, StatusCode::OK, "{query}");
        let shown = refs(&page);
        for r in present {
            assert!(
                shown.iter().any(|s| s == r),
                "{query}: {r} missing from {shown:?}"
            );
        }
        for r in absent {
            assert!(
                !shown.iter().any(|s| s == r),
                "{query}: {r} should not be in {shown:?}"
            );
        }
    }
    let (_, page) = get(&app, &eu, &area).await;
    assert!(row(&page, "25(a)").contains("Divergent"));
    assert!(!row(&page, "25(b)").contains("Divergent"));

    // htmx asks for the table only.
    let response = eu
        .get(app.url(&format!("{area}?status=challenges")))
        .header("HX-Request", "true")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let fragment = response.text().await.unwrap();
    assert!(
        fragment.trim_start().starts_with("<div id=\"app-board\""),
        "{fragment}"
    );
    assert!(!fragment.contains("<html"));
    assert_eq!(refs(&fragment), ["25(a)", "25(b)"]);

    // Choosing another area navigates there, keeping the filters.
    let response = eu
        .get(app.url(&format!("{area}?area=all&status=challenges")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        "/app/areas/all?status=challenges"
    );
    let response = eu
        .get(app.url(&format!("{area}?area=all&status=challenges")))
        .header("HX-Request", "true")
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["hx-redirect"],
        "/app/areas/all?status=challenges"
    );
    let (status, page) = get(&app, &eu, "/app/areas/all?status=challenges").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(refs(&page), ["25(a)", "25(b)"]);
    assert_eq!(
        get(&app, &eu, "/app/areas/no-such-area").await.0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn htmx_saves_return_the_assessment_region() {
    let app = spawn_app().await;
    let cycle_id = cycle(&app.db.pool, 2026, CycleState::Open).await;
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let send = |fields: Vec<(&'static str, &'static str)>| {
        eu.post(app.url(&format!("{REF_PATH}/assessments/eu")))
            .header("HX-Request", "true")
            .form(&fields)
            .send()
    };

    let response = send(vec![
        ("status", "on_track"),
        ("narrative", "In place"),
        ("version", "0"),
        ("cycle", "2026"),
    ])
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let fragment = response.text().await.unwrap();
    assert!(
        fragment
            .trim_start()
            .starts_with("<div id=\"app-assessments\""),
        "{fragment}"
    );
    assert!(!fragment.contains("<html"));
    assert!(fragment.contains("Your assessment was saved.") && fragment.contains("In place"));
    assert_eq!(version(&app, cycle_id, REF, Side::Eu).await, 1);

    let response = send(vec![
        ("status", "challenges"),
        ("narrative", ""),
        ("version", "1"),
        ("cycle", "2026"),
    ])
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fragment = response.text().await.unwrap();
    assert!(
        fragment
            .trim_start()
            .starts_with("<div id=\"app-assessments\"")
            && fragment.contains("Explain this status")
    );

    let response = send(vec![
        ("status", "ongoing"),
        ("narrative", "Stale typing"),
        ("version", "0"),
        ("cycle", "2026"),
    ])
    .await
    .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let fragment = response.text().await.unwrap();
    assert!(
        fragment.contains("Stale typing")
            && fragment.contains("In place")
            && !fragment.contains("<html")
    );
    assert_eq!(version(&app, cycle_id, REF, Side::Eu).await, 1);

    // The pages load htmx from our own origin.
    let (_, page) = get(&app, &eu, REF_PATH).await;
    assert!(page.contains("src=\"/static/vendor/htmx-2.0.11.min.js\""));
    assert_eq!(
        app.get("/static/vendor/htmx-2.0.11.min.js").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_narrative_of_20000_accented_characters_fits_the_form() {
    let app = spawn_app().await;
    cycle(&app.db.pool, 2026, CycleState::Open).await;
    let (_, client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    // "é" is two bytes in UTF-8 and six once URL-encoded: about 120 KB of form body.
    let narrative = "é".repeat(20_000);

    let (status, _, _) = post(
        &app,
        &client,
        "13",
        "eu",
        &[
            ("status", "challenges"),
            ("narrative", &narrative),
            ("version", "0"),
            ("cycle", "2026"),
        ],
    )
    .await;

    assert_eq!(status, StatusCode::SEE_OTHER);
    let stored: i32 = sqlx::query_scalar("select length(narrative) from assessment")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(stored, 20_000);
}
