//! The pages that show cycle records in both languages, in real Chromium and in both languages,
//! with axe-core on each (its `valid-lang` rule checks the `lang` marks of content shown in the
//! other language); and the character count counting down in French.

use std::time::{Duration, Instant};

use crate::common::{
    PASSWORD, TestApp,
    browser::Browser,
    fixtures::{Schedule, cycle, cycle_on, joint, today},
    spawn_app_on,
};
use fantoccini::key::Key;
use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) {
    browser.client.goto(&app.url("/login")).await.unwrap();
    browser.type_into("#email", email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.press("#password", Key::Enter).await;
    browser.wait_for_path("/app").await;
}

/// Visits `path` in each language and runs axe-core on it.
async fn check_both(browser: &Browser, app: &TestApp, path: &str) {
    for lang in ["en", "fr"] {
        let separator = if path.contains('?') { '&' } else { '?' };
        browser
            .client
            .goto(&app.url(&format!("{path}{separator}lang={lang}")))
            .await
            .unwrap();
        assert_eq!(browser.lang().await, lang, "{path}");
        browser.assert_accessible(&format!("{path} ({lang})")).await;
    }
}

#[tokio::test]
async fn pages_with_bilingual_records_are_accessible_in_both_languages() {
    // A fixed day, so that the 2026 cycle's Dialogue (forty days later) falls in 2026.
    let app = spawn_app_on(today()).await;
    // 2025 in reconciliation, with a joint review whose next steps are only in English (marked
    // `lang="en"` on French pages); 2026 open, for the assessment form.
    let reconciling = cycle(&app.db.pool, 2025, CycleState::Reconciliation).await;
    joint(&app.db.pool, reconciling, "10", "on_track").await;
    cycle_on(
        &app.db.pool,
        2026,
        Schedule::around(today(), 14),
        CycleState::Open,
    )
    .await;
    let staff = app.create_user(Role::Secretariat, None).await;
    let officer = app.create_user(Role::Officer, Some(Side::Eu)).await;
    sqlx::query(
        "insert into commitment_lead (commitment_id, user_id, side) select id, $1, 'eu' from commitment where ref = '13'",
    )
    .bind(officer.id)
    .execute(&app.db.pool)
    .await
    .unwrap();

    let browser = Browser::start().await;
    sign_in(&browser, &app, &staff.email).await;
    for path in [
        "/",
        "/app",
        "/app/cycles",
        "/app/cycles/2025",
        "/app/cycles/2025/reconcile",
        "/app/cycles/2025/reconcile/10",
        "/app/cycles/2026/report.html",
    ] {
        check_both(&browser, &app, path).await;
    }
    browser.close().await;

    // The officer's assessment form: the character count counts down in French.
    let browser = Browser::start().await;
    sign_in(&browser, &app, &officer.email).await;
    check_both(&browser, &app, "/app/commitments/13").await;
    browser.type_into("#narrative", "Trois mots ici").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    let message = loop {
        let text = browser
            .client
            .execute(
                "return document.querySelector('.govuk-character-count__status').textContent",
                vec![],
            )
            .await
            .unwrap();
        let text = text.as_str().unwrap_or_default().to_owned();
        if text.contains("986") || Instant::now() > deadline {
            break text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(message.starts_with("Il vous reste"), "{message:?}");
    assert!(message.ends_with("986 caractères"), "{message:?}");
    browser
        .assert_accessible("assessment form, typed (fr)")
        .await;
    browser.close().await;
}
