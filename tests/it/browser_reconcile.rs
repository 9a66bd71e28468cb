//! The secretariat reconciles a divergent commitment, accepts the agreed ones in bulk and freezes
//! the cycle from its page, by keyboard. axe-core runs on every page visited.

use crate::common::{PASSWORD, TestApp, browser::Browser, fixtures, spawn_app_on};
use chrono::Duration;
use fantoccini::{Locator, key::Key};
use sdp_tracker::{
    auth::User,
    db::{cycles, partnership, users},
    domain::{
        account::{Role, Side},
        assessment::Draft,
        cycle::CycleState,
    },
    tracking::{self, SaveRequest},
};

async fn officer(app: &TestApp, side: Side) -> User {
    let user = app.create_user(Role::Officer, Some(side)).await;
    User {
        account: users::find(&app.db.pool, user.id).await.unwrap().unwrap(),
        login_id: uuid::Uuid::nil(),
    }
}

async fn assess(app: &TestApp, pid: i64, user: &User, reference: &str, status: &str) {
    tracking::save(
        &app.db.pool,
        pid,
        user,
        SaveRequest {
            year: 2026,
            reference,
            side: user.side().unwrap(),
            based_on: 0,
            draft: Draft {
                status: status.into(),
                narrative: "Funding arrived late.".into(),
                evidence: Vec::new(),
            },
            request_id: None,
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn secretariat_reconciles_accepts_agreed_statuses_and_freezes_by_keyboard() {
    // A fixed day: the Dialogue must lie in the cycle's year, whatever the real date.
    let today = fixtures::today();
    let app = spawn_app_on(today).await;
    let pid = partnership::find_default(&app.db.pool)
        .await
        .unwrap()
        .unwrap()
        .id;
    let cycle_id = cycles::insert(
        &app.db.pool,
        &cycles::NewCycle {
            partnership_id: pid,
            year: 2026,
            title: "2026 EU–Canada Security and Defence Dialogue",
            title_fr: "Dialogue UE–Canada sur la sécurité et la défense 2026",
            meeting_date: today + Duration::days(10),
            place: "Brussels",
            place_fr: Some("Bruxelles"),
            opens_on: today - Duration::days(40),
            deadline: today - Duration::days(5),
        },
    )
    .await
    .unwrap();
    assert!(
        cycles::set_state(
            &app.db.pool,
            cycle_id,
            CycleState::Planned,
            CycleState::Open,
        )
        .await
        .unwrap(),
        "the cycle did not move from Planned to Open"
    );
    // 12 diverges; 10 and 11 agree.
    let eu = officer(&app, Side::Eu).await;
    let ca = officer(&app, Side::Ca).await;
    for (reference, eu_status, ca_status) in [
        ("10", "on_track", "on_track"),
        ("11", "completed", "completed"),
        ("12", "on_track", "challenges"),
    ] {
        assess(&app, pid, &eu, reference, eu_status).await;
        assess(&app, pid, &ca, reference, ca_status).await;
    }
    assert!(
        cycles::set_state(
            &app.db.pool,
            cycle_id,
            CycleState::Open,
            CycleState::Reconciliation,
        )
        .await
        .unwrap(),
        "the cycle did not move from Open to Reconciliation"
    );
    // The other 57 commitments are reconciled already.
    sqlx::query(
        "insert into joint_review (cycle_id, commitment_id, version, status, author)
         select $1, id, 1, 'not_started', 'script' from commitment where ref not in ('10', '11', '12')",
    )
    .bind(cycle_id)
    .execute(&app.db.pool)
    .await
    .unwrap();
    let secretariat = app.create_user(Role::Secretariat, None).await;

    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&app.url("/login")).await.unwrap();
    browser.type_into("#email", &secretariat.email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.press("#password", Key::Enter).await;
    browser.wait_for_path("/app").await;

    // The reconciliation page lists the divergent commitment first.
    c.goto(&app.url("/app/cycles/2026/reconcile"))
        .await
        .unwrap();
    browser.assert_accessible("reconciliation").await;
    let first = c
        .find(Locator::Css(".app-reconcile__row"))
        .await
        .unwrap()
        .attr("data-ref")
        .await
        .unwrap();
    assert_eq!(first.as_deref(), Some("12"));

    // Choose the joint status, open the summaries, write them, save.
    browser.press("#texts-12", Key::Enter).await;
    c.find(Locator::Css("#status-12"))
        .await
        .unwrap()
        .select_by_value("challenges")
        .await
        .unwrap();
    browser
        .type_into(
            "#summary_en-12",
            "Training delayed; courses moved to autumn.",
        )
        .await;
    browser
        .type_into(
            "#summary_fr-12",
            "Formation retardée ; cours reportés à l’automne.",
        )
        .await;
    browser.assert_accessible("reconciliation, form open").await;
    browser.press("#save-12", Key::Enter).await;
    browser.wait_for("#saved-12").await;
    let notice = browser
        .wait_for("#reconcile-live")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        notice.contains("The joint review of 12 has been saved."),
        "{notice}"
    );
    browser
        .assert_accessible("reconciliation after saving")
        .await;

    // The commitment's own reconciliation page, with both narratives.
    c.goto(&app.url("/app/cycles/2026/reconcile/12"))
        .await
        .unwrap();
    browser.assert_accessible("reconciliation of 12").await;
    c.goto(&app.url("/app/cycles/2026/reconcile"))
        .await
        .unwrap();

    // Accept the two agreed commitments, through the confirmation naming the count.
    browser.press("#accept-agreed", Key::Enter).await;
    browser
        .wait_for_path("/app/cycles/2026/reconcile/accept-agreed")
        .await;
    let title = browser
        .wait_for("#bulk-confirm")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(title, "Accept the agreed status for 2 commitments");
    browser.assert_accessible("accept agreed: the check").await;
    browser.press("#bulk-confirm", Key::Enter).await;
    browser.wait_for_path("/app/cycles/2026/reconcile").await;
    let notice = browser.wait_for("#notice").await.text().await.unwrap();
    assert!(
        notice.contains("2 commitments were given the status both sides agree on."),
        "{notice}"
    );
    browser
        .assert_accessible("reconciliation after bulk accept")
        .await;
    let statuses: Vec<(String, String)> = sqlx::query_as(
        "select c.ref, j.status from joint_review j join commitment c on c.id = j.commitment_id
         where c.ref in ('10', '11', '12') order by c.position",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(
        statuses,
        vec![
            ("10".into(), "on_track".into()),
            ("11".into(), "completed".into()),
            ("12".into(), "challenges".into()),
        ]
    );

    // Freeze from the cycle page.
    c.goto(&app.url("/app/cycles/2026")).await.unwrap();
    browser.assert_accessible("cycle in reconciliation").await;
    browser.press("#state", Key::Enter).await;
    // The confirmation says what freezing does; nothing changes until it is confirmed.
    browser.wait_for("#confirm").await;
    browser
        .assert_accessible("confirmation of the freeze")
        .await;
    browser.press("#confirm", Key::Enter).await;
    browser
        .wait_for(".govuk-notification-banner--success")
        .await;
    let state = c
        .find(Locator::Css("#cycle-state"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(state, "Frozen");
    browser.assert_accessible("frozen cycle").await;

    for (path, what) in [
        ("/app/cycles/2026/errata", "errata"),
        ("/app/commitments/12", "commitment 12 (frozen)"),
        ("/app/cycles/2026/reconcile?lang=fr", "reconciliation (fr)"),
    ] {
        c.goto(&app.url(path)).await.unwrap();
        browser.assert_accessible(what).await;
    }

    // The report in every format, from the links on the cycle page, with the secretariat's
    // session: the HTML one is a page (axe-clean), the others are downloads.
    c.goto(&app.url("/app/cycles/2026?lang=en")).await.unwrap();
    browser
        .assert_accessible("cycle page with report links")
        .await;
    let downloads = c
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               const links = [...document.querySelectorAll('#cycle-links a[href*="/report."]')];
               Promise.all(links.map(a => fetch(a.href).then(async r =>
                   [a.getAttribute('href'), r.status, r.headers.get('content-type'), (await r.arrayBuffer()).byteLength])))
                 .then(done, e => done(String(e)));"#,
            vec![],
        )
        .await
        .unwrap();
    let downloads = downloads.as_array().expect("download results");
    assert_eq!(downloads.len(), 5, "{downloads:?}");
    for d in downloads {
        assert_eq!(d[1], 200, "{d}");
        assert!(d[3].as_u64().unwrap() > 1000, "{d}: too small");
    }
    let types: Vec<&str> = downloads.iter().map(|d| d[2].as_str().unwrap()).collect();
    assert!(
        types.iter().any(|t| t.starts_with("application/pdf")),
        "{types:?}"
    );
    assert!(
        types.iter().any(|t| t.contains("wordprocessingml")),
        "{types:?}"
    );
    c.goto(&app.url("/app/cycles/2026/report.html"))
        .await
        .unwrap();
    browser.assert_accessible("report (html)").await;

    browser.close().await;
}
