//! The reconciliation table in Chromium, by keyboard only, axe-clean at every step, in English
//! and French: a row saved in place (no page load: a marker set on `window` survives, focus stays
//! on the row's button, the live region announces it), the in-row conflict, the same save with
//! JavaScript switched off (a full page load back to the row), and both bulk actions through
//! their confirmations. It prints the timings quoted in the report (`--nocapture`).

use std::time::Instant;

use crate::{
    common::{PASSWORD, TestApp, browser::Browser, fixtures::joint, spawn_app},
    reconcile_table::reconciling,
};
use fantoccini::{Client, key::Key, wd::WebDriverCompatibleCommand};
use sdp_tracker::domain::account::Role;
use serde_json::{Value, json};

/// A Chrome DevTools command through chromedriver (`goog/cdp/execute`).
#[derive(Debug)]
struct Cdp(&'static str, Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        let body = json!({ "cmd": self.0, "params": self.1 });
        (axum::http::Method::POST, Some(body.to_string()))
    }
}

async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap()
}

/// The id of the focused element (through WebDriver, so it works with scripts off too).
async fn active_id(c: &Client) -> String {
    c.active_element()
        .await
        .unwrap()
        .attr("id")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Sends keys to whatever has the focus, as a person at the keyboard does.
async fn keys(c: &Client, text: &str) {
    c.active_element()
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

/// Presses Tab until the element with `id` has the focus; panics when it is not reachable.
async fn tab_to(c: &Client, id: &str) -> usize {
    for presses in 1..=80 {
        keys(c, &Key::Tab.to_string()).await;
        if active_id(c).await == id {
            return presses;
        }
    }
    panic!("#{id} cannot be reached with Tab");
}

/// Presses Shift+Tab until the element with `id` has the focus.
async fn back_to(c: &Client, id: &str) {
    for _ in 1..=40 {
        keys(c, &format!("{}{}{}", Key::Shift, Key::Tab, Key::Null)).await;
        if active_id(c).await == id {
            return;
        }
    }
    panic!("#{id} cannot be reached with Shift+Tab");
}

async fn text_of(c: &Client, css: &str) -> String {
    c.find(fantoccini::Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .text()
        .await
        .unwrap()
}

async fn joint_of(app: &TestApp, reference: &str) -> Option<(String, String, i32)> {
    sqlx::query_as(
        "select j.status::text, j.summary_en, j.version from joint_review j
         join commitment c on c.id = j.commitment_id join review_cycle r on r.id = j.cycle_id
         where r.year = 2026 and c.ref = $1 order by j.version desc limit 1",
    )
    .bind(reference)
    .fetch_optional(&app.db.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn secretariat_reconciles_in_the_table_by_keyboard_with_and_without_javascript() {
    let app = spawn_app().await;
    let cycle_id = reconciling(&app).await;
    let secretariat = app.create_user(Role::Secretariat, None).await;
    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&app.url("/login")).await.unwrap();
    browser.type_into("#email", &secretariat.email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.press("#password", Key::Enter).await;
    browser.wait_for_path("/app").await;

    // The whole table, then the divergent row alone.
    c.goto(&app.url("/app/cycles/2026/reconcile"))
        .await
        .unwrap();
    browser.assert_accessible("reconciliation table").await;
    let load = js(
        c,
        "const n = performance.getEntriesByType('navigation')[0];
         return [Math.round(n.duration), n.decodedBodySize]",
    )
    .await;
    eprintln!("the whole table (60 rows): [load ms, bytes] = {load}");
    c.goto(&app.url("/app/cycles/2026/reconcile?filter=divergent"))
        .await
        .unwrap();
    browser
        .assert_accessible("reconciliation table, divergent")
        .await;
    js(c, "window.sameDocument = 'yes'; return 1").await;

    // Keyboard only: the status (arrow keys on the select), the summaries, then Save.
    tab_to(c, "status-12").await;
    for _ in 0..4 {
        keys(c, &Key::Down.to_string()).await;
    }
    assert_eq!(
        js(c, "return document.getElementById('status-12').value").await,
        "challenges"
    );
    tab_to(c, "texts-12").await;
    keys(c, &Key::Enter.to_string()).await;
    tab_to(c, "summary_en-12").await;
    keys(c, "Courses moved to the autumn.").await;
    tab_to(c, "summary_fr-12").await;
    keys(c, "Cours reportés à l’automne.").await;
    tab_to(c, "save-12").await;
    browser.assert_accessible("row 12 being edited").await;
    js(
        c,
        "window.saveStarted = performance.now();
         document.body.addEventListener('htmx:afterSettle',
             () => { window.saveSettled = performance.now(); }, { once: true });
         return 1",
    )
    .await;
    keys(c, &Key::Enter.to_string()).await;
    browser.wait_for("#saved-12").await;
    let live = text_of(c, "#reconcile-live").await;
    assert_eq!(live, "The joint review of 12 has been saved.");
    assert_eq!(
        js(c, "return window.sameDocument").await,
        "yes",
        "the page was reloaded"
    );
    assert_eq!(active_id(c).await, "save-12", "the focus left the row");
    let save = js(
        c,
        "const r = performance.getEntriesByType('resource').filter(e => e.name.includes('/reconcile/12')).pop();
         return [Math.round(window.saveSettled - window.saveStarted), r ? r.decodedBodySize : null]",
    )
    .await;
    eprintln!(
        "in-place save of one row (Enter → row swapped and announced): [ms, fragment bytes] = {save}"
    );
    assert_eq!(
        joint_of(&app, "12").await,
        Some((
            "challenges".into(),
            "Courses moved to the autumn.".into(),
            1
        ))
    );
    assert_eq!(
        text_of(c, "#count-missing").await,
        "59 commitments without a joint status"
    );
    browser.assert_accessible("row 12 saved in place").await;

    // Someone else saves 12 meanwhile: this row's next save is refused in the row, nothing lost.
    joint(&app.db.pool, cycle_id, "12", "completed").await;
    back_to(c, "texts-12").await;
    keys(c, &Key::Enter.to_string()).await;
    tab_to(c, "summary_en-12").await;
    keys(c, " Second thoughts.").await;
    tab_to(c, "save-12").await;
    keys(c, &Key::Enter.to_string()).await;
    browser.wait_for("#conflict-12").await;
    assert!(
        text_of(c, "#reconcile-live")
            .await
            .starts_with("The joint review of 12 was not saved: Saved by someone else")
    );
    let typed = js(c, "return document.getElementById('summary_en-12').value").await;
    let typed = typed.as_str().unwrap();
    assert!(
        typed.contains("Second thoughts.") && typed.contains("Courses moved to the autumn."),
        "the typed text is kept: {typed}"
    );
    assert_eq!(
        joint_of(&app, "12").await.unwrap().2,
        2,
        "nothing overwritten"
    );
    assert_eq!(js(c, "return window.sameDocument").await, "yes");
    browser.assert_accessible("row 12 in conflict").await;

    // In French: row 14 saved in place, announced in French.
    c.goto(&app.url("/app/cycles/2026/reconcile?filter=regressed&lang=fr"))
        .await
        .unwrap();
    assert_eq!(browser.lang().await, "fr");
    browser
        .assert_accessible("tableau de rapprochement, en recul")
        .await;
    js(c, "window.sameDocument = 'oui'; return 1").await;
    tab_to(c, "save-14").await;
    keys(c, &Key::Enter.to_string()).await;
    browser.wait_for("#saved-14").await;
    assert_eq!(
        text_of(c, "#reconcile-live").await,
        "La revue conjointe de 14 a été enregistrée."
    );
    assert_eq!(js(c, "return window.sameDocument").await, "oui");
    browser.assert_accessible("ligne 14 enregistrée").await;

    // JavaScript off (DevTools emulation): the same form posts and the page comes back at the row.
    c.issue_cmd(Cdp(
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": true }),
    ))
    .await
    .unwrap();
    c.goto(&app.url("/app/cycles/2026/reconcile?filter=unreviewed&lang=en"))
        .await
        .unwrap();
    let body_class = c
        .find(fantoccini::Locator::Css("body"))
        .await
        .unwrap()
        .attr("class")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        !body_class.contains("govuk-frontend-supported"),
        "scripts still run: {body_class}"
    );
    tab_to(c, "status-13").await;
    for _ in 0..3 {
        keys(c, &Key::Down.to_string()).await;
    }
    tab_to(c, "save-13").await;
    keys(c, &Key::Enter.to_string()).await;
    browser.wait_for("#saved-13").await;
    let url = c.current_url().await.unwrap();
    assert_eq!(url.query(), Some("filter=unreviewed&saved=13"));
    assert_eq!(url.fragment(), Some("row-13"));
    assert_eq!(
        text_of(c, "#notice").await,
        "The joint review of 13 has been saved."
    );
    assert_eq!(joint_of(&app, "13").await.unwrap().0, "on_track");
    // Scripts back on for axe (the page stays as loaded without them).
    c.issue_cmd(Cdp(
        "Emulation.setScriptExecutionDisabled",
        json!({ "value": false }),
    ))
    .await
    .unwrap();
    browser
        .assert_accessible("row 13 saved without JavaScript")
        .await;

    // Bulk: "Not yet assessed" for the 55 commitments neither side assessed, by keyboard, timed.
    c.goto(&app.url("/app/cycles/2026/reconcile"))
        .await
        .unwrap();
    let started = Instant::now();
    // axe's own time is left out of the figure printed below.
    let mut checking = std::time::Duration::ZERO;
    tab_to(c, "record-untouched").await;
    keys(c, &Key::Enter.to_string()).await;
    browser
        .wait_for_path("/app/cycles/2026/reconcile/not-assessed")
        .await;
    let axe = Instant::now();
    browser
        .assert_accessible("Not yet assessed: the reason")
        .await;
    checking += axe.elapsed();
    tab_to(c, "reason_en").await;
    keys(c, "Not reported before the Dialogue.").await;
    tab_to(c, "reason_fr").await;
    keys(c, "Non communiqué avant le Dialogue.").await;
    tab_to(c, "bulk-continue").await;
    keys(c, &Key::Enter.to_string()).await;
    let title = browser
        .wait_for("#bulk-confirm")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(title, "Record “Not yet assessed” for 55 commitments");
    let axe = Instant::now();
    browser
        .assert_accessible("Not yet assessed: the check")
        .await;
    checking += axe.elapsed();
    tab_to(c, "bulk-confirm").await;
    keys(c, &Key::Enter.to_string()).await;
    browser.wait_for_path("/app/cycles/2026/reconcile").await;
    let notice = browser.wait_for("#notice").await.text().await.unwrap();
    assert_eq!(
        notice,
        "55 commitments were given the joint status “Not yet assessed”."
    );
    eprintln!(
        "bulk Not yet assessed for 55 commitments by keyboard (3 activations, 2 reasons typed by WebDriver): {} ms",
        (started.elapsed() - checking).as_millis()
    );
    browser.assert_accessible("after Not yet assessed").await;

    // Bulk: accept the agreed statuses of 10 and 11, through the confirmation naming the count.
    tab_to(c, "accept-agreed").await;
    keys(c, &Key::Enter.to_string()).await;
    let title = browser
        .wait_for("#bulk-confirm")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(title, "Accept the agreed status for 2 commitments");
    browser.assert_accessible("accept agreed: the check").await;
    tab_to(c, "bulk-confirm").await;
    keys(c, &Key::Enter.to_string()).await;
    browser.wait_for_path("/app/cycles/2026/reconcile").await;
    let notice = browser.wait_for("#notice").await.text().await.unwrap();
    assert_eq!(
        notice,
        "2 commitments were given the status both sides agree on."
    );
    assert_eq!(
        text_of(c, "#count-missing").await,
        "0 commitments without a joint status"
    );
    browser
        .assert_accessible("every commitment reconciled")
        .await;

    browser.close().await;
}
