//! The dashboard and the commitment page tell the state of the cycle (issue 12.1): not yet open
//! (when it opens, what will be asked), open (days left, my progress, what is due grouped by area,
//! mine first), closed for submissions, frozen, published (the report). No countdown once it no
//! longer applies; a commitment page without a form says why. In real Chromium, both languages,
//! axe-clean.

use fantoccini::key::Key;
use sdp_tracker::{db::cycles, domain::cycle::CycleState};

use crate::common::{
    PASSWORD, TestApp,
    browser::Browser,
    fixtures::{Schedule, World, cycle_on, move_to, reconciling, today, world},
    spawn_app_on,
};

/// The text of the page's main content.
async fn main_text(browser: &Browser) -> String {
    browser
        .client
        .execute("return document.querySelector('main').innerText", vec![])
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// Opens `path` in `lang`; it must be axe-clean; returns its main text.
async fn seen(browser: &Browser, app: &TestApp, path: &str, lang: &str, what: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    browser
        .client
        .goto(&app.url(&format!("{path}{sep}lang={lang}")))
        .await
        .unwrap();
    assert_eq!(browser.lang().await, lang);
    browser
        .assert_accessible(&format!("{path} ({lang}, {what})"))
        .await;
    main_text(browser).await
}

/// Each check: the state, then (English, French) sentences the dashboard must say, and the
/// sentence the commitment page 24 says instead of its form (English).
struct Expect {
    what: &'static str,
    dashboard: &'static [(&'static str, &'static str)],
    no_form: Option<&'static str>,
}

async fn check(browser: &Browser, app: &TestApp, e: &Expect) {
    app.state.board_cache.clear();
    let en = seen(browser, app, "/app", "en", e.what).await;
    let fr = seen(browser, app, "/app", "fr", e.what).await;
    for (english, french) in e.dashboard {
        assert!(en.contains(english), "{}: «{english}» in {en}", e.what);
        assert!(fr.contains(french), "{}: «{french}» in {fr}", e.what);
    }
    if e.what != "open" {
        for countdown in ["days left", "day left", "overdue", "still has to submit"] {
            assert!(
                !en.contains(countdown),
                "{}: no «{countdown}» in {en}",
                e.what
            );
        }
        assert!(
            !fr.contains("jours restants") && !fr.contains("en retard"),
            "{}: {fr}",
            e.what
        );
    }
    let page = seen(browser, app, "/app/commitments/24", "en", e.what).await;
    match e.no_form {
        Some(why) => {
            assert!(page.contains("Why there is no form"), "{}: {page}", e.what);
            assert!(page.contains(why), "{}: «{why}» in {page}", e.what);
        }
        None => assert!(!page.contains("Why there is no form"), "{}: {page}", e.what),
    }
    seen(browser, app, "/app/commitments/24", "fr", e.what).await;
}

async fn sign_in(browser: &Browser, app: &TestApp, world: &World) {
    browser.client.goto(&app.url("/login")).await.unwrap();
    browser.type_into("#email", world.eva.email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.press("#password", Key::Enter).await;
    browser.wait_for_path("/app").await;
}

#[tokio::test]
async fn the_dashboard_tells_each_state_of_the_cycle_in_both_languages() {
    let app = spawn_app_on(today()).await;
    let world = world(&app.db.pool).await;
    let browser = Browser::start().await;
    sign_in(&browser, &app, &world).await;

    // Open, a week before the deadline; the EU has assessed 9(a) and 13, Eva leads 24 too.
    check(
        &browser,
        &app,
        &Expect {
            what: "open",
            dashboard: &[
                ("7 days left", "7 jours"),
                (
                    "2 of 60 commitments assessed",
                    "2 engagements évalués sur 60",
                ),
                (
                    "Commitments you lead (1)",
                    "Engagements dont vous êtes responsable (1)",
                ),
            ],
            no_form: None,
        },
    )
    .await;
    // What is due is grouped by area, with titles: an area's group is closed until opened.
    browser.client.goto(&app.url("/app?lang=en")).await.unwrap();
    let groups = browser
        .client
        .execute("return [...document.querySelectorAll('details.app-due')].map(d => [d.open, d.querySelector('summary').innerText])", vec![])
        .await
        .unwrap();
    let groups = groups.as_array().unwrap();
    assert!(groups.len() > 10 && groups.len() < 30, "{groups:?}");
    assert_eq!(groups[0][0], true, "mine first, open: {groups:?}");
    assert_eq!(groups[1][0], false, "an area's group is closed: {groups:?}");
    assert!(
        groups[0][1]
            .as_str()
            .unwrap()
            .starts_with("Commitments you lead"),
        "{groups:?}"
    );

    reconciling(&app.db.pool, &world).await;
    check(
        &browser,
        &app,
        &Expect {
            what: "reconciliation",
            dashboard: &[
                (
                    "Closed for submissions since",
                    "Contributions closes depuis le",
                ),
                ("can no longer be changed", "ne peuvent plus être modifiées"),
            ],
            no_form: Some("Submissions are closed (the deadline was 1 May 2026)"),
        },
    )
    .await;

    let id = cycles::find_by_year(
        &app.db.pool,
        crate::common::fixtures::partnership_id(&app.db.pool).await,
        2026,
    )
    .await
    .unwrap()
    .unwrap()
    .id;
    move_to(
        &app.db.pool,
        id,
        CycleState::Reconciliation,
        CycleState::Frozen,
    )
    .await;
    cycles::record_state_change(
        &app.db.pool,
        id,
        CycleState::Reconciliation,
        CycleState::Frozen,
        None,
        "test",
    )
    .await
    .unwrap();
    check(
        &browser,
        &app,
        &Expect {
            what: "frozen",
            dashboard: &[
                ("Frozen since", "Figé depuis le"),
                ("Read the progress report", "Lire le rapport d’étape"),
            ],
            no_form: Some("This cycle is frozen"),
        },
    )
    .await;

    // Moved without a recorded change: the page says so without a date.
    move_to(&app.db.pool, id, CycleState::Frozen, CycleState::Published).await;
    check(
        &browser,
        &app,
        &Expect {
            what: "published",
            dashboard: &[
                ("Published.", "Publié."),
                ("Read the progress report", "Lire le rapport d’étape"),
            ],
            no_form: Some("report has been published"),
        },
    )
    .await;
    browser.client.goto(&app.url("/app?lang=en")).await.unwrap();
    browser
        .follow(
            fantoccini::Locator::LinkText("Read the progress report"),
            "/app/cycles/2026/report.html",
        )
        .await;

    // The next cycle, planned: when it opens and what will be asked.
    let opens = today() + chrono::Duration::days(30);
    cycle_on(
        &app.db.pool,
        2027,
        Schedule {
            opens,
            deadline: opens + chrono::Duration::days(60),
            // The 2027 Dialogue lies in 2027, as every cycle's must.
            meeting: chrono::NaiveDate::from_ymd_opt(2027, 1, 20).unwrap(),
            place: "Ottawa",
        },
        CycleState::Planned,
    )
    .await;
    check(
        &browser,
        &app,
        &Expect {
            what: "planned",
            dashboard: &[
                (
                    "Submissions open on 24 May 2026",
                    "Les contributions s’ouvrent le 24 mai 2026",
                ),
                (
                    "a status, a narrative where needed and evidence links",
                    "un statut, un commentaire",
                ),
            ],
            no_form: Some("Submissions open on 24 May 2026"),
        },
    )
    .await;

    browser.close().await;
}
