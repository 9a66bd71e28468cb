//! What people see on the main pages, in English and French, compared with reviewed snapshots
//! (tests/it/snapshots/). Each page is reduced to its readable text (`common::readable`), on the
//! fixed partnership year of `fixtures::world`, with the clock stopped on `fixtures::today`.
//!
//! A difference fails the test and shows the change line by line. When the change is intended,
//! rewrite the snapshots (`INSTA_UPDATE=always cargo test --test it _snapshots`; or read the
//! `.snap.new` file insta writes beside the old one, or use `cargo insta review`), read the
//! difference and commit it with the change. CI never writes one (`CI=true`,
//! `INSTA_UPDATE=no`): there a missing snapshot fails like a different one.

use crate::common::{
    PASSWORD, TestApp,
    fixtures::{Person, World, reconciling, today, world},
    readable, spawn_app_on,
};
use reqwest::StatusCode;

/// What varies from run to run on a page, replaced before comparing: times the database wrote
/// (revisions, state changes), random identifiers, database names, the test server's port.
const FILTERS: &[(&str, &str)] = &[
    (
        r"\b\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?( ?UTC|Z|[+-]\d{2}:?\d{2})?",
        "[time]",
    ),
    // "30 November 2026, 06:00 UTC", "1er décembre 2026, 6 h 00 UTC" (no-break spaces around the h)
    (
        r"\b\d{1,2}(er)? \p{L}+ \d{4},? (\d{2}:\d{2}|\d{1,2}\sh\s\d{2})( UTC)?",
        "[time]",
    ),
    (
        r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
        "[uuid]",
    ),
    (r"\bsdp_test_[0-9a-f]{32}\b", "[database]"),
    (r"\b127\.0\.0\.1:\d+\b", "[server]"),
];

/// The app on the snapshot world, and the world's people.
async fn photo_studio() -> (TestApp, World) {
    let app = spawn_app_on(today()).await;
    let world = world(&app.db.pool).await;
    (app, world)
}

/// `path` in `lang` as `client` sees it, reduced to its readable text.
async fn seen(app: &TestApp, client: &reqwest::Client, path: &str, lang: &str) -> String {
    let separator = if path.contains('?') { '&' } else { '?' };
    let url = app.url(&format!("{path}{separator}lang={lang}"));
    let response = client.get(&url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{url}");
    readable::page(&response.text().await.unwrap())
}

/// Compares `path` in English and in French with the snapshots `{name}_en` and `{name}_fr`.
async fn assert_seen(app: &TestApp, client: &reqwest::Client, name: &str, path: &str) {
    for lang in ["en", "fr"] {
        let text = seen(app, client, path, lang).await;
        insta::with_settings!({
            filters => FILTERS.to_vec(),
            description => format!("{path} in {lang}"),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{name}_{lang}"), text);
        });
    }
}

async fn signed_in(app: &TestApp, who: &Person) -> reqwest::Client {
    app.login(who.email, PASSWORD).await
}

#[tokio::test]
async fn the_public_pages_read_as_reviewed() {
    let (app, _) = photo_studio().await;
    let anonymous = crate::common::new_client();

    assert_seen(&app, &anonymous, "public_home", "/").await;
    assert_seen(&app, &anonymous, "public_text", "/text").await;
}

#[tokio::test]
async fn an_officers_pages_read_as_reviewed() {
    let (app, world) = photo_studio().await;
    let eva = signed_in(&app, &world.eva).await;

    assert_seen(&app, &eva, "dashboard", "/app").await;
    assert_seen(&app, &eva, "commitment_13", "/app/commitments/13").await;
}

#[tokio::test]
async fn the_secretariats_pages_read_as_reviewed() {
    let (app, world) = photo_studio().await;
    let sam = signed_in(&app, &world.sam).await;

    assert_seen(&app, &sam, "cycle_2026", "/app/cycles/2026").await;
    reconciling(&app.db.pool, &world).await;
    // The cycle's pages were kept before the change, which was made straight in the database.
    app.forget_cached_pages().await;
    assert_seen(&app, &sam, "reconcile_2026", "/app/cycles/2026/reconcile").await;
    assert_seen(&app, &sam, "report_2026", "/app/cycles/2026/report.html").await;
}
