//! Input that deserves a 4xx gets one, and changes nothing: evidence links the database would
//! refuse, NUL and control characters in paths and query strings (issue 9, item 6). The fuzzer in
//! `fuzz.rs` looks for more; each server error it found has its regression test here.

use reqwest::{Client, StatusCode, header};
use sdp_tracker::domain::{
    account::{Role, Side},
    assessment::{Draft, Evidence},
    cycle::CycleState,
};
use serde_json::json;

use crate::common::{TestApp, fixtures, spawn_app};

const YEAR: i32 = 2026;

/// Assessment revisions, evidence rows and audit events.
async fn written(app: &TestApp) -> (i64, i64, i64) {
    sqlx::query_as(
        "select (select count(*) from assessment), (select count(*) from assessment_evidence),
                (select count(*) from audit_event)",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap()
}

/// Links that `url::Url` accepts but that are not `scheme://host` links (they slipped past the
/// old domain check and hit the database's, a 500), and other shapes that must be refused.
const REFUSED_LINKS: [&str; 12] = [
    "http:evil.example",
    "https:/evil.example",
    "http:\\\\evil.example",
    "https:\\\\evil.example/path",
    "http:///evil.example",
    "https://evil.example\\@eeas.europa.eu/",
    "https://eeas.europa.eu@evil.example/",
    "https://eeas.europa.eu/a b",
    "https://eeas.europa.eu/\u{202E}fdp.exe",
    "https://eeas.europa.eu:99999999/",
    "https://",
    "https:// /",
];

async fn open_cycle_and_officer(app: &TestApp) -> Client {
    fixtures::cycle(&app.db.pool, YEAR, CycleState::Open).await;
    app.client_as(Role::Officer, Some(Side::Eu)).await.1
}

#[tokio::test]
async fn links_the_database_would_refuse_are_refused_by_the_form_with_422() {
    let app = spawn_app().await;
    let eu = open_cycle_and_officer(&app).await;
    let before = written(&app).await;

    let mut failures = Vec::new();
    for link in REFUSED_LINKS {
        let response = eu
            .post(app.url("/app/commitments/25%28c%29/assessments/eu"))
            .form(&[
                ("status", "on_track"),
                ("narrative", ""),
                ("version", "0"),
                ("cycle", "2026"),
                ("evidence_url_1", link),
            ])
            .send()
            .await
            .unwrap();
        let status = response.status();
        let page = response.text().await.unwrap();
        if status != StatusCode::UNPROCESSABLE_ENTITY || !page.contains("govuk-error-summary") {
            failures.push(format!("{link:?}: {status}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(written(&app).await, before, "nothing was written");
}

#[tokio::test]
async fn links_the_database_would_refuse_are_refused_by_the_api_with_422() {
    let app = spawn_app().await;
    fixtures::cycle(&app.db.pool, YEAR, CycleState::Open).await;
    let user = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let token = sdp_tracker::accounts::add_token(
        &app.db.pool,
        &user.email,
        "fuzz",
        &sdp_tracker::db::audit::Actor::cli(),
    )
    .await
    .unwrap();
    let before = written(&app).await;

    let mut failures = Vec::new();
    for link in REFUSED_LINKS {
        let response = app
            .client
            .post(app.url("/api/v1/cycles/2026/assessments"))
            .bearer_auth(&token)
            .header(header::IF_MATCH, "\"0\"")
            .json(&json!({
                "ref": "25(c)", "side": "eu", "status": "on_track", "evidence": [link],
            }))
            .send()
            .await
            .unwrap();
        let status = response.status();
        let body: serde_json::Value = response.json().await.unwrap();
        if status != StatusCode::UNPROCESSABLE_ENTITY || body["error"]["status"] != 422 {
            failures.push(format!("{link:?}: {status} {body}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(written(&app).await, before, "nothing was written");
}

/// The domain rule and the database check are one rule: for every input, the link the domain
/// accepts (as it would store it) is accepted by the table, and a link it refuses is refused by
/// the table's check too.
#[tokio::test]
async fn the_domain_rule_and_the_database_check_agree() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    let cycle = fixtures::cycle(pool, YEAR, CycleState::Open).await;
    fixtures::assess(pool, cycle, "25(c)", "eu", "on_track", "").await;
    let assessment: i64 = sqlx::query_scalar("select max(id) from assessment")
        .fetch_one(pool)
        .await
        .unwrap();
    let long_path = format!("https://eeas.europa.eu/{}", "a".repeat(2_000 - 23));
    let too_long = format!("{long_path}a");
    let mut inputs: Vec<String> = [
        "https://www.eeas.europa.eu/eeas/security-and-defence_en",
        "http://example.org",
        "HTTPS://EXAMPLE.ORG/Path?q=1#frag",
        "https://example.org:8443/x",
        "https://[2001:db8::1]/x",
        "https://127.0.0.1/",
        "https://bundeswehr.de/ä?ö=ü",
        "https://例え.jp/パス",
        "https://example.org/%20encoded",
        "https://example.org?query",
        "https://example.org#fragment",
        "  https://trimmed.example.org/  ",
        "https://example.org/a\tb",
        "https://example.org/a\u{A0}b",
        "https://example.org/a\u{85}b",
        "https://example.org/a\u{2028}b",
        "https://example.org/a\u{200B}b",
        "https://example.org/a\u{FEFF}b",
        "https://example.org/\u{7F}",
        "https://exa mple.org/",
        "https://example.org:/x",
        "https://example.org:123456/x",
        "https://user:pass@example.org/",
        "https://[zz]/",
        "https://ex%41mple.org/",
        "https://<example>.org/",
        "ftp://example.org/x",
        "javascript:alert(1)",
        "mailto:desk@example.org",
        "//example.org/x",
        "example.org",
        "not a link",
        "https//example.org",
        "httpx://example.org",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .chain(REFUSED_LINKS.iter().map(|s| (*s).to_owned()))
    .chain([long_path, too_long])
    .collect();
    inputs.push("https://example.org/\u{1}".into());

    let mut disagreements = Vec::new();
    for input in &inputs {
        let draft = Draft {
            status: "on_track".into(),
            narrative: String::new(),
            evidence: vec![Evidence {
                url: input.clone(),
                label: String::new(),
            }],
        };
        let (domain_accepts, stored) = match draft.validate() {
            Ok(valid) => (true, valid.evidence[0].url.clone()),
            Err(_) => (false, input.clone()),
        };
        let mut tx = pool.begin().await.unwrap();
        let inserted = sqlx::query(
            "insert into assessment_evidence (assessment_id, position, url) values ($1, 0, $2)",
        )
        .bind(assessment)
        .bind(&stored)
        .execute(&mut *tx)
        .await;
        tx.rollback().await.unwrap();
        let database_accepts = match inserted {
            Ok(_) => true,
            Err(sqlx::Error::Database(e))
                if e.constraint() == Some("assessment_evidence_url_check") =>
            {
                false
            }
            Err(e) => panic!("{input:?}: unexpected database error {e}"),
        };
        if domain_accepts != database_accepts {
            disagreements.push(format!(
                "{input:?}: domain {domain_accepts}, database {database_accepts}"
            ));
        }
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

/// Every route with a path parameter, with a NUL or another control character in it: refused
/// with 400 before any handler or query runs (they used to reach PostgreSQL, which refuses NUL).
#[tokio::test]
async fn nul_and_control_characters_in_a_path_are_a_400() {
    let app = spawn_app().await;
    fixtures::cycle(&app.db.pool, YEAR, CycleState::Open).await;
    let (_, admin) = app.client_as(Role::Admin, None).await;
    let (_, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let before = written(&app).await;

    let gets = [
        "/areas/%00",
        "/areas/cyber%01issues",
        "/app/areas/%00",
        "/app/commitments/%00",
        "/app/commitments/25%00",
        "/app/cycles/%00",
        "/app/cycles/20%0026",
        "/app/cycles/%00/compare",
        "/app/cycles/%00/report.html",
        "/app/cycles/%00/reconcile",
        "/app/cycles/2026/reconcile/%00",
        "/app/cycles/%00/errata",
        "/app/admin/users/%00",
        "/api/v1/partnerships/%00",
        "/api/v1/commitments/%00",
        "/api/v1/cycles/%00",
        "/api/v1/cycles/%00/assessments",
        "/static/%00",
        "/no-such-page/%00",
    ];
    let mut failures = Vec::new();
    for path in gets {
        let status = admin.get(app.url(path)).send().await.unwrap().status();
        if status != StatusCode::BAD_REQUEST {
            failures.push(format!("GET {path}: {status}"));
        }
    }
    let posts = [
        (&eu, "/app/commitments/%00/assessments/eu"),
        (&eu, "/app/commitments/25%28c%29/assessments/%00"),
        (&admin, "/app/cycles/%00/state"),
        (&admin, "/app/cycles/%00/reconcile/25%28c%29"),
        (&admin, "/app/cycles/2026/reconcile/%00"),
        (&admin, "/app/cycles/%00/errata"),
        (&admin, "/app/admin/users/%00"),
        (&admin, "/app/admin/users/%00/deactivate"),
        (&admin, "/account/tokens/%00/revoke"),
    ];
    for (client, path) in posts {
        let status = client
            .post(app.url(path))
            .form(&[
                ("status", "on_track"),
                ("version", "0"),
                ("state", "open"),
                ("reason", "x"),
            ])
            .send()
            .await
            .unwrap()
            .status();
        if status != StatusCode::BAD_REQUEST {
            failures.push(format!("POST {path}: {status}"));
        }
    }
    let api = app
        .client
        .post(app.url("/api/v1/cycles/%00/assessments"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    if api.status() != StatusCode::BAD_REQUEST
        || api.headers()[header::CONTENT_TYPE] != "application/json"
    {
        failures.push(format!("POST /api/v1/cycles/%00/assessments: {api:?}"));
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(written(&app).await, before, "nothing was written");
}

/// A NUL in a query string never reaches the database either.
#[tokio::test]
async fn nul_in_a_query_string_is_a_400() {
    let app = spawn_app().await;
    let (_, admin) = app.client_as(Role::Admin, None).await;

    let mut failures = Vec::new();
    for path in [
        "/app/search?q=%00",
        "/app/search?q=a%00b",
        "/app/areas/all?status=%00",
        "/app/audit?actor=%00",
        "/app/commitments/25%28c%29?saved=%00",
        "/login?next=%00",
        "/api/v1/commitments?page=%00",
        "/?lang=%00",
    ] {
        let status = admin.get(app.url(path)).send().await.unwrap().status();
        if status != StatusCode::BAD_REQUEST {
            failures.push(format!("GET {path}: {status}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Found by the fuzzer (FUZZ_SEED=1): a version of 2147483647 made the save's `version + 1`
/// overflow in PostgreSQL (it folds the expression before it looks at the `where`), a 500. No
/// revision can follow that version, so the writer cannot have seen it as current: the save is
/// stale, like any other save from a version that is not the current one.
#[tokio::test]
async fn a_save_from_the_largest_version_is_stale_not_a_500() {
    const MAX: &str = "2147483647";
    let app = spawn_app().await;
    let pool = &app.db.pool;
    let reconciling = fixtures::cycle(pool, 2025, CycleState::Open).await;
    fixtures::move_to(
        pool,
        reconciling,
        CycleState::Open,
        CycleState::Reconciliation,
    )
    .await;
    fixtures::cycle(pool, YEAR, CycleState::Open).await;
    let (_, secretariat) = app.client_as(Role::Secretariat, None).await;
    let (officer, eu) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let token = sdp_tracker::accounts::add_token(
        pool,
        &officer.email,
        "script",
        &sdp_tracker::db::audit::Actor::cli(),
    )
    .await
    .unwrap();
    let before = written(&app).await;

    let joint = secretariat
        .post(app.url("/app/cycles/2025/reconcile/13"))
        .form(&[("status", "on_track"), ("version", MAX)])
        .send()
        .await
        .unwrap();
    assert_eq!(joint.status(), StatusCode::CONFLICT, "joint review");

    let form = eu
        .post(app.url("/app/commitments/13/assessments/eu"))
        .form(&[("status", "on_track"), ("version", MAX), ("cycle", "2026")])
        .send()
        .await
        .unwrap();
    assert_eq!(form.status(), StatusCode::CONFLICT, "assessment form");

    let api = app
        .client
        .post(app.url("/api/v1/cycles/2026/assessments"))
        .bearer_auth(&token)
        .header(header::IF_MATCH, format!("\"{MAX}\""))
        .json(&json!({ "ref": "13", "side": "eu", "status": "on_track" }))
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), StatusCode::PRECONDITION_FAILED, "API");

    assert_eq!(written(&app).await, before, "nothing was written");
    let joints: i64 = sqlx::query_scalar("select count(*) from joint_review")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(joints, 0);
}

/// Found by the fuzzer (FUZZ_SEED=1 and 2): a static file name longer than the file system
/// allows made `ServeDir` answer 500 (ENAMETOOLONG). It is no file of ours: 404.
#[tokio::test]
async fn a_static_file_name_too_long_for_the_file_system_is_a_404() {
    let app = spawn_app().await;
    for path in [
        format!("/static/{}", "x".repeat(256)),
        format!("/static/css/{}.css", "é".repeat(200)),
        format!("/static/{}/app.css", "x".repeat(1_000)),
    ] {
        let status = app.get(&path).await.status();
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    // The longest name the file system allows is looked up as usual.
    let status = app
        .get(&format!("/static/{}", "x".repeat(255)))
        .await
        .status();
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get("/static/css/app.css").await.status(),
        StatusCode::OK
    );
}
