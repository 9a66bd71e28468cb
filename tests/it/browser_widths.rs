//! WCAG 1.4.10 (reflow): at 320 CSS px no page scrolls sideways as a whole, and at 1,280 px
//! neither. Every page kind is visited in real Chromium, in English and in French, and
//! `document.documentElement.scrollWidth` is compared with the window's width. Wide tables may
//! scroll inside their own region; the page itself may not.
//!
//! axe-core runs on every page at 320 px (in French, the longer words). To cover a new page,
//! add a line to [`PAGES`]. With `SDP_SCREENSHOTS=DIR` set, a screenshot of each is kept there.

use crate::common::{
    PASSWORD, TestApp,
    browser::Browser,
    fixtures::{reconciling, today, world},
    spawn_app_on,
};
use fantoccini::key::Key;
use sdp_tracker::domain::account::Role;

/// Who looks at a page.
#[derive(Clone, Copy, PartialEq)]
enum Who {
    /// Not signed in.
    Public,
    /// Signed in as an administrator (who can read every internal page).
    Admin,
}

/// Every page kind, on [`world`] (2025 published, 2026 in reconciliation).
/// (path, who, what is expected at that address)
const PAGES: &[(&str, Who)] = &[
    ("/", Who::Public),
    ("/text", Who::Public),
    ("/areas/support-to-ukraine", Who::Public),
    ("/login", Who::Public),
    ("/help", Who::Public),
    ("/help/officer", Who::Public),
    ("/help/statuses", Who::Public),
    ("/areas/nowhere", Who::Public),
    ("/app", Who::Admin),
    ("/app/areas/support-to-ukraine", Who::Admin),
    ("/app/commitments/13", Who::Admin),
    ("/app/cycles", Who::Admin),
    ("/app/cycles/2026", Who::Admin),
    ("/app/cycles/2026/compare", Who::Admin),
    ("/app/cycles/2026/reconcile", Who::Admin),
    ("/app/cycles/2026/report.html", Who::Admin),
    ("/app/search?q=ukraine", Who::Admin),
    ("/app/audit", Who::Admin),
    ("/app/admin/users", Who::Admin),
    ("/app/admin/users/new", Who::Admin),
    ("/account", Who::Admin),
    ("/app/commitments/99", Who::Admin),
    // The season's pages added with the second wave.
    ("/help/secretariat", Who::Public),
    ("/app/commitments", Who::Admin),
    (
        "/app/commitments?sort=joint&order=desc&divergent=1",
        Who::Admin,
    ),
    ("/app/areas", Who::Admin),
    ("/app/cycles/2026/edit", Who::Admin),
    ("/app/cycles/2026/state?to=open", Who::Admin),
    ("/app/cycles/2026/reconcile?filter=divergent", Who::Admin),
    ("/app/cycles/2026/reconcile/accept-agreed", Who::Admin),
    ("/app/cycles/2026/reconcile/not-assessed", Who::Admin),
    ("/app/cycles/2026/errata", Who::Admin),
    ("/app/cycles/2026/sheets", Who::Admin),
    ("/app/admin/outbox", Who::Admin),
    ("/account/mail", Who::Admin),
];

/// The window widths checked, in CSS px: the WCAG 1.4.10 width, and a desktop one.
const WIDTHS: [u32; 2] = [320, 1280];

async fn sign_in(browser: &Browser, app: &TestApp, email: &str) {
    browser.client.goto(&app.url("/login")).await.unwrap();
    browser.type_into("#email", email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.press("#password", Key::Enter).await;
    browser.wait_for_path("/app").await;
}

/// (innerWidth, scrollWidth, the outermost elements that stick out on the right) of the page
/// the browser is on.
async fn widths(browser: &Browser) -> (u64, u64, String) {
    let v = browser
        .client
        .execute(
            r#"const w = document.documentElement.clientWidth;
               const clipped = e => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
                                        if (getComputedStyle(a).overflowX !== 'visible') return true;
                                      return false; };
               const out = [...document.querySelectorAll('body *')]
                 .filter(e => e.getBoundingClientRect().right > w + 1 && !clipped(e)
                           && !(e.parentElement && e.parentElement.getBoundingClientRect().right > w + 1))
                 .slice(0, 4)
                 .map(e => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined
                      ? '.' + String(e.className).trim().split(/\s+/).join('.') : ''));
               return [window.innerWidth, document.documentElement.scrollWidth, out.join(', ')]"#,
            vec![],
        )
        .await
        .unwrap();
    (
        v[0].as_u64().unwrap(),
        v[1].as_u64().unwrap(),
        v[2].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn no_page_scrolls_sideways_at_320_or_1280_px() {
    let app = spawn_app_on(today()).await;
    let people = world(&app.db.pool).await;
    reconciling(&app.db.pool, &people).await;
    let admin = app.create_user(Role::Admin, None).await;
    let browser = Browser::start().await;

    let mut measured = Vec::new();
    for who in [Who::Public, Who::Admin] {
        if who == Who::Admin {
            sign_in(&browser, &app, &admin.email).await;
        }
        for width in WIDTHS {
            browser.client.set_window_size(width, 900).await.unwrap();
            for (path, _) in PAGES.iter().filter(|(_, w)| *w == who) {
                for lang in ["en", "fr"] {
                    let separator = if path.contains('?') { '&' } else { '?' };
                    browser
                        .client
                        .goto(&app.url(&format!("{path}{separator}lang={lang}")))
                        .await
                        .unwrap();
                    let (inner, scroll, culprits) = widths(&browser).await;
                    assert_eq!(inner, u64::from(width), "the window is not {width} px wide");
                    measured.push((width, *path, lang, scroll, culprits));
                    // SDP_SCREENSHOTS=DIR keeps a picture of each page, to look at by hand.
                    if let Ok(dir) = std::env::var("SDP_SCREENSHOTS") {
                        let name = format!(
                            "{width}-{lang}-{}.png",
                            path.trim_start_matches('/').replace(['/', '?', '='], "_")
                        );
                        // The whole page: a window as tall as the document (at most 6,000 px).
                        let height = browser
                            .client
                            .execute("return document.documentElement.scrollHeight", vec![])
                            .await
                            .unwrap()
                            .as_u64()
                            .unwrap_or(900)
                            .clamp(900, 6000) as u32;
                        browser.client.set_window_size(width, height).await.unwrap();
                        let png = browser.client.screenshot().await.unwrap();
                        browser.client.set_window_size(width, 900).await.unwrap();
                        std::fs::write(std::path::Path::new(&dir).join(name), png).unwrap();
                    }
                    // The scrolling regions are labelled and focusable, and nothing else broke.
                    if width == 320 && lang == "fr" {
                        browser
                            .assert_accessible(&format!("{path} at 320 px"))
                            .await;
                    }
                }
            }
        }
    }
    browser.close().await;

    let report = measured
        .iter()
        .map(|(w, p, l, s, _)| format!("{w:>5} {l} {s:>5}  {p}"))
        .collect::<Vec<_>>()
        .join("\n");
    eprintln!("width lang scrollWidth page\n{report}");
    let too_wide = measured
        .iter()
        .filter(|(w, _, _, s, _)| u64::from(*w) < *s)
        .map(|(w, p, l, s, c)| format!("{p} ({l}) is {s} px wide at {w} px: {c}"))
        .collect::<Vec<_>>();
    assert!(too_wide.is_empty(), "{}", too_wide.join("\n"));
}
