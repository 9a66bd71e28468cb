//! An EU officer records an assessment by keyboard alone; a Canadian officer sees the divergence.
//! axe-core runs on every page visited.

use crate::common::{
    PASSWORD, TestApp,
    browser::Browser,
    fixtures::{Schedule, cycle_on, today},
    spawn_app_on,
};
use fantoccini::key::Key;
use sdp_tracker::{
    auth::User,
    db::{partnership, users},
    domain::{
        account::{Role, Side},
        assessment::Draft,
        cycle::CycleState,
    },
    tracking::{self, SaveRequest},
};

async fn open_cycle(app: &TestApp) {
    cycle_on(
        &app.db.pool,
        2026,
        Schedule::around(today(), 14),
        CycleState::Open,
    )
    .await;
}

async fn lead(app: &TestApp, user_id: i64, side: Side, reference: &str) {
    sqlx::query("insert into commitment_lead (commitment_id, user_id, side) select id, $1, $2 from commitment where ref = $3")
        .bind(user_id)
        .bind(side.as_str())
        .bind(reference)
        .execute(&app.db.pool)
        .await
        .unwrap();
}

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) {
    browser.client.goto(&app.url("/login")).await.unwrap();
    browser.assert_accessible("login").await;
    browser.type_into("#email", email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.press("#password", Key::Enter).await;
    browser.wait_for_path("/app").await;
}

#[tokio::test]
async fn officer_records_an_assessment_by_keyboard_and_the_other_side_sees_the_divergence() {
    let app = spawn_app_on(today()).await;
    open_cycle(&app).await;
    let eu = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let ca = app.create_user(Role::Officer, Some(Side::Ca)).await;
    lead(&app, eu.id, Side::Eu, "13").await;
    lead(&app, ca.id, Side::Ca, "13").await;
    // Canada has already said "on track".
    let p = partnership::find_default(&app.db.pool)
        .await
        .unwrap()
        .unwrap();
    let ca_user = User {
        account: users::find(&app.db.pool, ca.id).await.unwrap().unwrap(),
        login_id: uuid::Uuid::nil(),
    };
    let draft = Draft {
        status: "on_track".into(),
        narrative: String::new(),
        evidence: Vec::new(),
    };
    tracking::save(
        &app.db.pool,
        p.id,
        &ca_user,
        SaveRequest {
            year: 2026,
            reference: "13",
            side: Side::Ca,
            based_on: 0,
            draft,
            request_id: None,
        },
    )
    .await
    .unwrap();

    let browser = Browser::start().await;
    let c = &browser.client;

    // The EU officer signs in and finds the assigned commitment from the dashboard.
    sign_in(&browser, &app, &eu.email).await;
    browser.assert_accessible("dashboard (EU officer)").await;
    browser
        .press(r#"a[href="/app/commitments/13"]"#, Key::Enter)
        .await;
    browser.wait_for_path("/app/commitments/13").await;
    browser.assert_accessible("commitment 13").await;

    // "With challenges" needs a narrative: saving without one shows the errors in place (htmx),
    // and the error summary takes focus so that a screen reader announces it.
    browser.press("#status-challenges", Key::Space).await;
    browser
        .press("#app-assessments button[data-save]", Key::Enter)
        .await;
    browser
        .wait_for("#app-assessments .govuk-error-summary")
        .await;
    let focused = c
        .execute(
            "return document.activeElement.classList.contains('govuk-error-summary')",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        focused,
        serde_json::json!(true),
        "the error summary has focus"
    );
    browser.assert_accessible("commitment 13 with errors").await;

    // Status, narrative and an evidence link, all by keyboard, then Enter on the save button.
    browser.press("#status-challenges", Key::Space).await;
    let narrative = "Training mission funding approved late; first courses moved to autumn.";
    browser.type_into("#narrative", narrative).await;
    browser
        .type_into(
            "#evidence_url_1",
            "https://www.eeas.europa.eu/eumam-ukraine",
        )
        .await;
    browser
        .type_into("#evidence_label_1", "EUMAM Ukraine factsheet")
        .await;
    browser
        .press("#app-assessments button[data-save]", Key::Enter)
        .await;
    browser
        .wait_for(".govuk-notification-banner--success")
        .await;
    let region = c
        .find(fantoccini::Locator::Css("#app-assessments"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(region.contains(narrative), "the saved narrative is shown");
    assert!(
        region.contains("EUMAM Ukraine factsheet"),
        "the evidence link is shown"
    );
    assert!(
        region.contains("Underway – with challenges"),
        "the status is shown"
    );
    browser
        .assert_accessible("commitment 13 after saving")
        .await;
    // It is in the history, stored once.
    let stored: i64 =
        sqlx::query_scalar("select count(*) from assessment where side = 'eu' and narrative = $1")
            .bind(narrative)
            .fetch_one(&app.db.pool)
            .await
            .unwrap();
    assert_eq!(stored, 1);

    // Other pages the officer uses.
    for (path, what) in [
        ("/app/areas/support-to-ukraine", "area"),
        ("/app/cycles/2026", "cycle"),
        ("/app/search?q=Gulf+of+Guinea", "search"),
        ("/app/commitments/13?lang=fr", "commitment (fr)"),
    ] {
        c.goto(&app.url(path)).await.unwrap();
        browser.assert_accessible(what).await;
    }
    c.goto(&app.url("/app?lang=en")).await.unwrap();

    // Sign out by keyboard.
    browser
        .press(".app-header__logout-button", Key::Enter)
        .await;
    browser.wait_for_path("/").await;

    // The Canadian officer sees the divergence on the dashboard and the commitment.
    sign_in(&browser, &app, &ca.email).await;
    let divergent = browser
        .wait_for("#divergent + .app-table-scroll table")
        .await
        .text()
        .await
        .unwrap();
    assert!(divergent.contains("13"), "{divergent}");
    assert!(
        divergent.contains("Underway – with challenges")
            && divergent.contains("Underway – on track")
    );
    browser
        .assert_accessible("dashboard (Canadian officer)")
        .await;
    browser
        .press(
            r#"#divergent + .app-table-scroll table a[href="/app/commitments/13"]"#,
            Key::Enter,
        )
        .await;
    browser.wait_for_path("/app/commitments/13").await;
    let page = c.source().await.unwrap();
    assert!(
        page.contains(narrative),
        "the Canadian officer reads the EU narrative"
    );
    browser
        .assert_accessible("commitment 13 (Canadian officer)")
        .await;

    browser.close().await;
}
