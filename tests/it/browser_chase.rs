//! Signing a side's submission off in real Chromium, by keyboard alone, in English and in French,
//! with axe-core on the cycle page, the confirmation and the dashboard.

use crate::common::{
    PASSWORD, TestApp,
    browser::Browser,
    fixtures::{assess, cycle},
    spawn_app,
};
use fantoccini::key::Key;
use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};

async fn sign_in(browser: &Browser, app: &TestApp, email: &str, lang: &str) {
    browser
        .client
        .goto(&app.url(&format!("/login?lang={lang}")))
        .await
        .unwrap();
    browser.type_into("#email", email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.press("#password", Key::Enter).await;
    browser.wait_for_path("/app").await;
}

async fn text_of(browser: &Browser, css: &str) -> String {
    browser.wait_for(css).await.text().await.unwrap()
}

/// Signs the reader's side off by keyboard from the cycle page, through the confirmation.
async fn sign_off(browser: &Browser, app: &TestApp, side: &str, lang: &str) {
    browser
        .client
        .goto(&app.url("/app/cycles/2026"))
        .await
        .unwrap();
    assert_eq!(browser.lang().await, lang);
    browser
        .assert_accessible(&format!("cycle page ({side}, {lang})"))
        .await;
    browser.press("#signoff", Key::Enter).await;
    browser.wait_for_path("/app/cycles/2026/signoff").await;
    let warning = text_of(browser, "#signoff-missing").await;
    assert!(warning.contains("59"), "{warning}");
    browser
        .assert_accessible(&format!("confirmation ({side}, {lang})"))
        .await;
    browser.press("#signoff-confirm", Key::Enter).await;
    browser.wait_for_path("/app/cycles/2026").await;
    let state = browser
        .wait_for(&format!("#signoff-{side}[data-signed=true]"))
        .await;
    assert!(state.text().await.unwrap().contains("Test User"));
    browser
        .assert_accessible(&format!("cycle page signed off ({side}, {lang})"))
        .await;
    browser.client.goto(&app.url("/app")).await.unwrap();
    browser
        .wait_for(&format!("#dashboard-signoff-{side}[data-signed=true]"))
        .await;
    browser
        .assert_accessible(&format!("dashboard ({side}, {lang})"))
        .await;
}

#[tokio::test]
async fn officers_sign_their_submission_off_by_keyboard_in_english_and_french() {
    let app = spawn_app().await;
    let cycle_id = cycle(&app.db.pool, 2026, CycleState::Open).await;
    assess(&app.db.pool, cycle_id, "13", "eu", "on_track", "").await;
    assess(&app.db.pool, cycle_id, "13", "ca", "on_track", "").await;
    let eu = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let ca = app.create_user(Role::Officer, Some(Side::Ca)).await;

    let browser = Browser::start().await;
    sign_in(&browser, &app, &eu.email, "en").await;
    sign_off(&browser, &app, "eu", "en").await;
    browser.close().await;

    let browser = Browser::start().await;
    sign_in(&browser, &app, &ca.email, "fr").await;
    sign_off(&browser, &app, "ca", "fr").await;
    let eu_line = text_of(&browser, "#dashboard-signoff-eu").await;
    assert!(eu_line.contains("Validée par Test User le"), "{eu_line}");
    browser.close().await;
}
