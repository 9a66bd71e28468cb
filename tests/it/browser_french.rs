//! The pages that show the partnership text, in real Chromium, in both languages, before and
//! after the French text is imported: axe-core finds no WCAG 2.1 AA violation, and the language
//! Chromium resolves for each piece of text (the nearest `lang`, what it hands to assistive
//! technology) is the language the text is in.

use fantoccini::key::Key;
use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};
use serde_json::json;

use crate::{
    common::{
        PASSWORD, TestApp,
        browser::Browser,
        fixtures::{Schedule, cycle_on},
        spawn_app,
    },
    french_pages::import_french,
};

/// The pages that show text, with the element whose language is checked on each.
const PAGES: [(&str, &str); 6] = [
    ("/", "h1"),
    ("/text", "#p13 .govuk-body"),
    ("/areas/support-to-ukraine", "#p13 .govuk-body"),
    ("/app/areas/all", "tr[data-ref='13'] td span:last-child"),
    (
        "/app/commitments/25%28c%29",
        ".app-commitment-text .govuk-body-l",
    ),
    ("/app/search?q=piraterie", ".app-search-result__snippet"),
];

/// The language Chromium resolves for the first element matching `css`: its nearest `lang`.
async fn language_of(browser: &Browser, css: &str) -> String {
    browser
        .client
        .execute(
            "const el = document.querySelector(arguments[0]);
             return el ? el.closest('[lang]').getAttribute('lang') : 'missing';",
            vec![json!(css)],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) {
    browser.client.goto(&app.url("/login")).await.unwrap();
    browser.type_into("#email", email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.press("#password", Key::Enter).await;
    browser.wait_for_path("/app").await;
}

/// Visits every page in `lang`; each must be accessible, and its text in `expect` (the search
/// page has no result before the French import: `None` skips it).
async fn visit(browser: &Browser, app: &TestApp, lang: &str, expect: &str, when: &str) {
    for (path, css) in PAGES {
        let sep = if path.contains('?') { '&' } else { '?' };
        browser
            .client
            .goto(&app.url(&format!("{path}{sep}lang={lang}")))
            .await
            .unwrap();
        assert_eq!(browser.lang().await, lang);
        browser
            .assert_accessible(&format!("{path} ({lang}, {when})"))
            .await;
        let found = language_of(browser, css).await;
        if path.starts_with("/app/search") && found == "missing" && when == "before" {
            continue;
        }
        assert_eq!(found, expect, "{path} ({lang}, {when}): {css}");
        // The page says once that the text is in the other language, when it is.
        let notices = browser
            .client
            .execute(
                "return document.querySelectorAll('#text-lang-notice').length",
                vec![],
            )
            .await
            .unwrap();
        let expected = u64::from(lang != expect);
        assert_eq!(notices, json!(expected), "{path} ({lang}, {when}): notice");
    }
}

#[tokio::test]
async fn pages_with_the_text_are_accessible_and_say_their_language_in_both_languages() {
    let app = spawn_app().await;
    cycle_on(&app.db.pool, 2026, Schedule::of(2026), CycleState::Open).await;
    let officer = app.create_user(Role::Officer, Some(Side::Eu)).await;
    let browser = Browser::start().await;
    sign_in(&browser, &app, &officer.email).await;

    // Before: French pages show English text, resolved as English.
    visit(&browser, &app, "fr", "en", "before").await;
    visit(&browser, &app, "en", "en", "before").await;

    import_french(&app).await;

    // After: each language's pages show their own text; the French search result found from
    // an English page is the French text, resolved as French. The public pages may take a moment
    // to drop their cached copy.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        browser
            .client
            .goto(&app.url("/text?lang=fr"))
            .await
            .unwrap();
        if language_of(&browser, "#p13 .govuk-body").await == "fr" {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the French text never reached /text"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    visit(&browser, &app, "fr", "fr", "after").await;
    for (path, css) in PAGES.iter().take(5) {
        browser
            .client
            .goto(&app.url(&format!("{path}?lang=en")))
            .await
            .unwrap();
        browser
            .assert_accessible(&format!("{path} (en, after)"))
            .await;
        assert_eq!(language_of(&browser, css).await, "en", "{path} (en, after)");
    }
    browser
        .client
        .goto(&app.url("/app/search?q=piraterie&lang=en"))
        .await
        .unwrap();
    browser.assert_accessible("search (en, after)").await;
    assert_eq!(
        language_of(&browser, ".app-search-result__snippet").await,
        "fr"
    );

    browser.close().await;
}
