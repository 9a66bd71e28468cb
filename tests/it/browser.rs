//! The public pages in real Chromium: follow an area, switch language and back, keyboard focus,
//! and axe-core with no WCAG 2.1 AA violation on each page.

use crate::common::{browser::Browser, spawn_app};
use fantoccini::{Locator, key::Key};

#[tokio::test]
async fn visitor_reads_an_area_and_switches_language() {
    let app = spawn_app().await;
    let browser = Browser::start().await;
    let c = &browser.client;

    c.goto(&app.url("/")).await.unwrap();
    assert_eq!(browser.lang().await, "en");
    let h1 = c
        .find(Locator::Css("h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(h1.contains("Security and Defence Partnership"), "{h1}");
    browser.assert_accessible("home (en)").await;

    // The first Tab lands on the skip link, which leads to the main content.
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys(&Key::Tab.to_string())
        .await
        .unwrap();
    let focused = c.active_element().await.unwrap();
    assert_eq!(
        focused.attr("href").await.unwrap().as_deref(),
        Some("#main-content")
    );
    // Enter follows it: focus moves to the main content (and the skip link hides again).
    focused.send_keys(&Key::Enter.to_string()).await.unwrap();
    let focused = c.active_element().await.unwrap();
    assert_eq!(
        focused.attr("id").await.unwrap().as_deref(),
        Some("main-content")
    );

    browser
        .follow(
            Locator::LinkText("Support to Ukraine"),
            "/areas/support-to-ukraine",
        )
        .await;
    assert!(c.find(Locator::Id("p13")).await.is_ok());
    browser.assert_accessible("area (en)").await;

    browser
        .follow(
            Locator::Css(r#"a[hreflang="fr"]"#),
            "/areas/support-to-ukraine",
        )
        .await;
    assert_eq!(browser.lang().await, "fr");
    browser.assert_accessible("area (fr)").await;

    // The choice is remembered: the full text opens in French without ?lang.
    c.goto(&app.url("/text")).await.unwrap();
    assert_eq!(browser.lang().await, "fr");
    browser.assert_accessible("text (fr)").await;

    browser
        .follow(Locator::Css(r#"a[hreflang="en"]"#), "/text")
        .await;
    assert_eq!(browser.lang().await, "en");
    browser.assert_accessible("text (en)").await;

    c.goto(&app.url("/areas/nowhere")).await.unwrap();
    browser.assert_accessible("404 page").await;

    browser.close().await;
}

#[tokio::test]
async fn first_administrator_signs_in_changes_password_and_signs_out() {
    let app = spawn_app().await;
    let password = sdp_tracker::accounts::create_first_admin(&app.db.pool)
        .await
        .unwrap()
        .unwrap();
    let browser = Browser::start().await;
    let c = &browser.client;

    c.goto(&app.url("/app")).await.unwrap();
    assert_eq!(
        c.current_url().await.unwrap().path(),
        "/login",
        "sent to sign in"
    );
    browser.assert_accessible("login").await;
    c.find(Locator::Id("email"))
        .await
        .unwrap()
        .send_keys(sdp_tracker::accounts::FIRST_ADMIN_EMAIL)
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(&password)
        .await
        .unwrap();
    browser
        .follow(
            Locator::Css("main button[type=submit]"),
            "/account/password",
        )
        .await;
    browser.assert_accessible("forced password change").await;

    // A mismatch is reported with an error summary, and the page stays accessible.
    c.find(Locator::Id("current"))
        .await
        .unwrap()
        .send_keys(&password)
        .await
        .unwrap();
    c.find(Locator::Id("new"))
        .await
        .unwrap()
        .send_keys("my own long passphrase")
        .await
        .unwrap();
    c.find(Locator::Id("confirm"))
        .await
        .unwrap()
        .send_keys("something else entirely")
        .await
        .unwrap();
    browser
        .follow(
            Locator::Css("main button[type=submit]"),
            "/account/password",
        )
        .await;
    let summary = c
        .find(Locator::Css(".govuk-error-summary"))
        .await
        .expect("no error summary")
        .text()
        .await
        .unwrap();
    assert!(
        summary.contains("The two new passwords do not match."),
        "{summary}"
    );
    browser.assert_accessible("password errors").await;

    c.find(Locator::Id("current"))
        .await
        .unwrap()
        .send_keys(&password)
        .await
        .unwrap();
    c.find(Locator::Id("new"))
        .await
        .unwrap()
        .send_keys("my own long passphrase")
        .await
        .unwrap();
    c.find(Locator::Id("confirm"))
        .await
        .unwrap()
        .send_keys("my own long passphrase")
        .await
        .unwrap();
    browser
        .follow(Locator::Css("main button[type=submit]"), "/app")
        .await;
    assert!(
        c.find(Locator::Css(".govuk-notification-banner--success"))
            .await
            .is_ok()
    );
    browser.assert_accessible("dashboard").await;
    let marking = c
        .find(Locator::Css(".app-marking"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        marking.contains("LIMITE"),
        "internal pages carry the marking: {marking}"
    );

    c.goto(&app.url("/app/admin/users")).await.unwrap();
    browser.assert_accessible("admin users").await;
    c.goto(&app.url("/app/admin/users/new")).await.unwrap();
    browser.assert_accessible("admin new user").await;
    c.goto(&app.url("/app/audit")).await.unwrap();
    browser.assert_accessible("audit log").await;

    browser
        .follow(Locator::Css(r#"a[hreflang="fr"]"#), "/app/audit")
        .await;
    assert_eq!(browser.lang().await, "fr");
    browser.assert_accessible("audit log (fr)").await;

    browser
        .follow(Locator::Css(".app-header__logout-button"), "/")
        .await;
    c.goto(&app.url("/app")).await.unwrap();
    assert_eq!(
        c.current_url().await.unwrap().path(),
        "/login",
        "signed out"
    );

    browser.close().await;
}
