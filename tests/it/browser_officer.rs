//! "Add another link" with JavaScript (issue 12.3), in real Chromium: the row is added in place,
//! numbered and focused, up to the limit; the links typed are saved. (Without JavaScript:
//! `assessment_form.rs`.)

use fantoccini::{Locator, key::Key};
use sdp_tracker::domain::assessment::EVIDENCE_MAX;
use serde_json::json;

use crate::common::{
    PASSWORD, PATIENCE,
    browser::Browser,
    eventually,
    fixtures::{today, world},
    spawn_app_on,
};

#[tokio::test]
async fn add_another_link_adds_a_row_in_place_up_to_the_limit() {
    let app = spawn_app_on(today()).await;
    let world = world(&app.db.pool).await;
    let browser = Browser::start().await;
    browser.client.goto(&app.url("/login")).await.unwrap();
    browser.type_into("#email", world.eva.email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.press("#password", Key::Enter).await;
    browser.wait_for_path("/app").await;

    browser
        .client
        .goto(&app.url("/app/commitments/24?lang=en"))
        .await
        .unwrap();
    let rows = || async {
        browser
            .client
            .execute(
                "return document.querySelectorAll('[data-evidence-row]').length",
                vec![],
            )
            .await
            .unwrap()
    };
    assert_eq!(rows().await, json!(1));
    // A marker that a page load would wipe: the rows are added without one.
    browser
        .client
        .execute("window.notReloaded = true", vec![])
        .await
        .unwrap();
    browser
        .type_into("#evidence_url_1", "https://example.org/1")
        .await;
    // By keyboard, as the button is reached with Tab and pressed with Enter.
    browser.press("[data-add-another]", Key::Enter).await;
    assert_eq!(rows().await, json!(2));
    let focused = browser
        .client
        .execute("return [document.activeElement.id, window.notReloaded === true, document.querySelector('label[for=evidence_url_2]').innerText]", vec![])
        .await
        .unwrap();
    assert_eq!(focused, json!(["evidence_url_2", true, "Link 2"]));
    browser
        .type_into("#evidence_url_2", "https://example.org/2")
        .await;
    browser
        .assert_accessible("assessment form with an added row")
        .await;

    for n in 3..=EVIDENCE_MAX {
        browser
            .client
            .find(Locator::Css("[data-add-another]"))
            .await
            .unwrap_or_else(|_| panic!("no button before row {n}"))
            .click()
            .await
            .unwrap();
    }
    assert_eq!(rows().await, json!(EVIDENCE_MAX));
    let state = browser
        .client
        .execute("return [document.querySelectorAll('[data-add-another]').length, document.getElementById('evidence-max').innerText]", vec![])
        .await
        .unwrap();
    assert_eq!(
        state,
        json!([
            0,
            "You have added the most links an assessment can have (10). Remove one to add another."
        ]),
        "the button is gone and the hint says why"
    );

    // Save: the two links typed are the assessment's.
    browser
        .client
        .find(Locator::Css("#status-challenges"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser.type_into("#narrative", "Still negotiating.").await;
    browser
        .client
        .find(Locator::Css(
            "button.govuk-button:not(.govuk-button--secondary)",
        ))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .wait_for("#app-assessments .govuk-notification-banner--success")
        .await;
    let saved: Vec<String> = sqlx::query_scalar(
        "select e.url from assessment_evidence e join assessment a on a.id = e.assessment_id
         join commitment c on c.id = a.commitment_id join review_cycle r on r.id = a.cycle_id
         where c.ref = '24' and a.side = 'eu' and r.year = 2026 order by e.position",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(saved, ["https://example.org/1", "https://example.org/2"]);

    browser.close().await;
}

#[tokio::test]
async fn the_commitments_list_and_the_areas_are_accessible_in_both_languages() {
    let app = spawn_app_on(today()).await;
    let world = world(&app.db.pool).await;
    let browser = Browser::start().await;
    browser.client.goto(&app.url("/login")).await.unwrap();
    browser.type_into("#email", world.eva.email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.press("#password", Key::Enter).await;
    browser.wait_for_path("/app").await;

    for path in [
        "/app/commitments",
        "/app/commitments?mine=1&sort=eu&order=desc",
        "/app/areas",
    ] {
        for lang in ["en", "fr"] {
            let sep = if path.contains('?') { '&' } else { '?' };
            browser
                .client
                .goto(&app.url(&format!("{path}{sep}lang={lang}")))
                .await
                .unwrap();
            assert_eq!(browser.lang().await, lang);
            browser.assert_accessible(&format!("{path} ({lang})")).await;
        }
    }
    // The filters are a plain GET form: ticking one and applying it puts it in the URL.
    browser
        .client
        .goto(&app.url("/app/commitments?lang=en"))
        .await
        .unwrap();
    browser
        .client
        .find(Locator::Css("#filter-divergent"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .client
        .find(Locator::Css(".app-filters button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // Already on that path: wait for the new query and the page to load.
    eventually(PATIENCE, "the filtered list to load", || async {
        let url = browser.client.current_url().await.unwrap();
        let ready = browser
            .client
            .execute("return document.readyState", vec![])
            .await
            .unwrap();
        if url.query().unwrap_or_default().contains("divergent=1") && ready == "complete" {
            Ok(())
        } else {
            Err(format!("at {url}, {ready}"))
        }
    })
    .await;
    let refs = browser
        .client
        .execute(
            "return [...document.querySelectorAll('tr[data-ref]')].map(r => r.dataset.ref)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(refs, json!(["13"]));

    browser.close().await;
}

#[tokio::test]
async fn enter_in_a_link_field_saves_the_assessment_and_adds_no_row() {
    // Arrange: an EU officer on a commitment she can assess, a status chosen, a link typed.
    let app = spawn_app_on(today()).await;
    let world = world(&app.db.pool).await;
    let browser = Browser::start().await;
    browser.client.goto(&app.url("/login")).await.unwrap();
    browser.type_into("#email", world.eva.email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.press("#password", Key::Enter).await;
    browser.wait_for_path("/app").await;
    browser
        .client
        .goto(&app.url("/app/commitments/24?lang=en"))
        .await
        .unwrap();
    browser
        .client
        .find(Locator::Css("#status-on_track"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    browser
        .type_into("#evidence_url_1", "https://example.org/enter")
        .await;

    // Act: Enter in the link field submits the form, as in every form.
    browser.press("#evidence_url_1", Key::Enter).await;

    // Assert: the assessment is saved with its link; no row was added on the way.
    browser
        .wait_for("#app-assessments .govuk-notification-banner--success")
        .await;
    let saved: Vec<String> = sqlx::query_scalar(
        "select e.url from assessment_evidence e join assessment a on a.id = e.assessment_id
         join commitment c on c.id = a.commitment_id join review_cycle r on r.id = a.cycle_id
         where c.ref = '24' and a.side = 'eu' and r.year = 2026 order by e.position",
    )
    .fetch_all(&app.db.pool)
    .await
    .unwrap();
    assert_eq!(saved, ["https://example.org/enter"]);
    browser
        .assert_accessible("assessment form saved by Enter")
        .await;
    browser.close().await;
}
