//! A cycle's lifecycle pages in real Chromium, in both languages, with axe-core on each: the cycle
//! page's history of moves and corrections, the correction form (also with its errors), the
//! confirmation of a move and of a deletion; and a move made with the keyboard alone.
//! With `SDP_SCREENSHOTS=DIR` set, each page is also saved as a PNG at 1280 and 320 px wide.

use crate::common::{
    PASSWORD, TestApp,
    browser::Browser,
    fixtures::{Schedule, cycle_on},
    spawn_app_on,
};
use chrono::NaiveDate;
use fantoccini::{Locator, key::Key};
use sdp_tracker::domain::{account::Role, cycle::CycleState};

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) {
    browser.client.goto(&app.url("/login")).await.unwrap();
    browser.type_into("#email", email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.press("#password", Key::Enter).await;
    browser.wait_for_path("/app").await;
}

/// Saves the page as it is at 1280 and 320 px wide, when asked to.
async fn screenshots(browser: &Browser, name: &str) {
    let Ok(dir) = std::env::var("SDP_SCREENSHOTS") else {
        return;
    };
    for width in [1280, 320] {
        browser.client.set_window_size(width, 900).await.unwrap();
        let png = browser.client.screenshot().await.unwrap();
        std::fs::write(format!("{dir}/{name}-{width}.png"), png).unwrap();
        // The cycle page's own sections, further down.
        for anchor in ["lifecycle", "history"] {
            let script = format!(
                "const e = document.getElementById('{anchor}'); if (e) {{ e.scrollIntoView(); return true; }} return false;"
            );
            let found = browser.client.execute(&script, vec![]).await.unwrap();
            if found == serde_json::Value::Bool(true) {
                let png = browser.client.screenshot().await.unwrap();
                std::fs::write(format!("{dir}/{name}-{anchor}-{width}.png"), png).unwrap();
            }
        }
    }
    browser.client.set_window_size(1280, 900).await.unwrap();
}

/// Visits `path` in each language and runs axe-core on it.
async fn check_both(browser: &Browser, app: &TestApp, path: &str, name: &str) {
    for lang in ["en", "fr"] {
        let separator = if path.contains('?') { '&' } else { '?' };
        browser
            .client
            .goto(&app.url(&format!("{path}{separator}lang={lang}")))
            .await
            .unwrap();
        assert_eq!(browser.lang().await, lang, "{path}");
        browser.assert_accessible(&format!("{path} ({lang})")).await;
        screenshots(browser, &format!("{name}-{lang}")).await;
    }
}

#[tokio::test]
async fn the_lifecycle_pages_are_accessible_and_a_move_is_made_with_the_keyboard() {
    let today = NaiveDate::from_ymd_opt(2026, 4, 24).unwrap();
    let app = spawn_app_on(today).await;
    // 2026 in reconciliation, its deadline extended and reopened once; 2027 planned.
    let id = cycle_on(
        &app.db.pool,
        2026,
        Schedule::around(today, 7),
        CycleState::Reconciliation,
    )
    .await;
    crate::common::fixtures::assess(&app.db.pool, id, "10", "eu", "on_track", "").await;
    cycle_on(&app.db.pool, 2027, Schedule::of(2027), CycleState::Planned).await;
    let (_, other) = app.client_as(Role::Secretariat, None).await;
    let fields = [
        ("title_en", ""),
        ("title_fr", ""),
        ("meeting_date", "2026-06-03"),
        ("place_en", "Brussels"),
        ("place_fr", "Bruxelles"),
        ("opens_on", "2026-04-19"),
        ("deadline", "2026-05-08"),
    ];
    for (path, body) in [
        ("/app/cycles/2026/edit", &fields[..]),
        (
            "/app/cycles/2026/state",
            &[("state", "open"), ("confirm", "yes")][..],
        ),
    ] {
        let response = other.post(app.url(path)).form(body).send().await.unwrap();
        assert_eq!(response.status(), reqwest::StatusCode::SEE_OTHER, "{path}");
    }
    let staff = app.create_user(Role::Secretariat, None).await;

    let browser = Browser::start().await;
    sign_in(&browser, &app, &staff.email).await;
    for (path, name) in [
        ("/app/cycles/2026", "cycle"),
        ("/app/cycles/2026/edit", "edit"),
        ("/app/cycles/2026/state?to=reconciliation", "confirm-close"),
        ("/app/cycles/2027/state?to=open", "confirm-open"),
        ("/app/cycles/2027/delete", "delete"),
    ] {
        check_both(&browser, &app, path, name).await;
    }

    // The correction form with an error: the summary, the field, both labelled.
    let c = &browser.client;
    c.goto(&app.url("/app/cycles/2027/edit?lang=en"))
        .await
        .unwrap();
    let meeting = browser.wait_for("#meeting_date").await;
    meeting.clear().await.unwrap();
    browser.type_into("#meeting_date", "2028-06-01").await;
    browser.press("#meeting_date", Key::Enter).await;
    browser.wait_for(".govuk-error-summary").await;
    let summary = c
        .find(Locator::Css(".govuk-error-summary"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        summary.contains("The date of the Dialogue must fall in the cycle’s year."),
        "{summary}"
    );
    browser.assert_accessible("correction refused").await;
    screenshots(&browser, "edit-error-en").await;

    // Close submissions with the keyboard alone: the move's link, then the confirmation.
    c.goto(&app.url("/app/cycles/2026?lang=en")).await.unwrap();
    browser.press("#state", Key::Enter).await;
    browser.wait_for("#confirm").await;
    assert!(
        c.current_url()
            .await
            .unwrap()
            .as_str()
            .ends_with("/app/cycles/2026/state?to=reconciliation")
    );
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
    assert_eq!(state, "Reconciliation");
    browser.assert_accessible("after the move").await;
    browser.close().await;
}
