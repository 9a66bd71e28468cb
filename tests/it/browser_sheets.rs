//! An EU officer uploads an edited spreadsheet, reads the preview and applies it, by keyboard,
//! in English and in French; axe-core runs on every page (issue 14). Screenshots of the pages
//! at 1280 and 320 CSS px go to target/tmp/browser_sheets/ for people to look at.

use std::path::PathBuf;

use fantoccini::{Locator, key::Key};
use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};

use crate::common::{PASSWORD, browser::Browser, fixtures, sheets::Grid, spawn_app};

fn out_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser_sheets");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn screenshots(browser: &Browser, name: &str) {
    for width in [1280u32, 320] {
        browser.client.set_window_size(width, 900).await.unwrap();
        browser
            .client
            .execute("window.scrollTo(0, 0)", vec![])
            .await
            .unwrap();
        let png = browser.client.screenshot().await.unwrap();
        std::fs::write(out_dir().join(format!("{name}-{width}.png")), png).unwrap();
        // The rest of the page, where there is more (the preview's table).
        browser
            .client
            .execute("window.scrollTo(0, document.body.scrollHeight / 2)", vec![])
            .await
            .unwrap();
        let png = browser.client.screenshot().await.unwrap();
        std::fs::write(out_dir().join(format!("{name}-{width}-lower.png")), png).unwrap();
        let overflow = browser
            .client
            .execute(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(
            overflow.as_i64(),
            Some(0),
            "{name} at {width} px scrolls sideways"
        );
    }
    browser.client.set_window_size(1280, 900).await.unwrap();
}

#[tokio::test]
async fn an_officer_previews_and_applies_a_sheet_by_keyboard_in_both_languages() {
    let app = spawn_app().await;
    let cycle = fixtures::cycle(&app.db.pool, 2026, CycleState::Open).await;
    fixtures::assess(&app.db.pool, cycle, "10", "eu", "on_track", "").await;
    let (officer, client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let bytes = app.download_sheet(&client, 2026, "eu", "en").await;
    let mut english = Grid::read(&bytes);
    english.set("10", 3, "Completed – fully met");
    english.set("11", 3, "Ongoing");
    english.set("14", 3, "Finished");
    let english_file = out_dir().join(format!("edited-{}.xlsx", officer.id));
    std::fs::write(&english_file, english.xlsx()).unwrap();
    let mut french = Grid::read(&app.download_sheet(&client, 2026, "eu", "fr").await);
    french.set("12", 3, "Continu");
    let french_file = out_dir().join(format!("edited-{}.csv", officer.id));
    std::fs::write(&french_file, french.csv(b';', true)).unwrap();

    let browser = Browser::start().await;
    let c = &browser.client;
    c.goto(&app.url("/login")).await.unwrap();
    browser.type_into("#email", &officer.email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.press("#password", Key::Enter).await;
    browser.wait_for_path("/app").await;

    // From the cycle page to the sheets page.
    c.goto(&app.url("/app/cycles/2026")).await.unwrap();
    browser.press("#sheets-link", Key::Enter).await;
    browser.wait_for_path("/app/cycles/2026/sheets").await;
    browser.assert_accessible("sheets page").await;
    screenshots(&browser, "sheets-en").await;

    // Upload: the file path typed into the file input, the button pressed by keyboard.
    browser
        .type_into("#file", english_file.to_str().unwrap())
        .await;
    browser.press("#upload-button", Key::Enter).await;
    browser.wait_for("#preview-rows").await;
    browser.assert_accessible("preview").await;
    screenshots(&browser, "preview-en").await;
    let summary = c
        .find(Locator::Css("#preview-summary"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(summary.contains("2 new revisions"), "{summary}");
    assert!(summary.contains("One row with errors"), "{summary}");
    let row = c
        .find(Locator::Css("[data-outcome=preview-outcome-error]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        row.contains("“Finished” is not a status of the scale."),
        "{row}"
    );

    // Apply the valid rows only: tick the box with the space bar, press the button.
    browser.press("#valid_only", Key::Space).await;
    browser.press("#apply", Key::Enter).await;
    let banner = browser
        .wait_for("#sheets-applied")
        .await
        .text()
        .await
        .unwrap();
    assert!(banner.contains("2 changes were saved."), "{banner}");
    assert!(
        banner.contains("One row with errors was left out."),
        "{banner}"
    );
    browser
        .assert_accessible("sheets page after applying")
        .await;
    let saved: i64 = sqlx::query_scalar("select count(*) from assessment where author_id = $1")
        .bind(officer.id)
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(saved, 2);

    // In French, a CSV file with `;`.
    c.goto(&app.url("/app/cycles/2026/sheets?lang=fr"))
        .await
        .unwrap();
    browser.wait_for("#upload-button").await;
    assert_eq!(browser.lang().await, "fr");
    browser.assert_accessible("sheets page, French").await;
    screenshots(&browser, "sheets-fr").await;
    browser
        .type_into("#file", french_file.to_str().unwrap())
        .await;
    browser.press("#upload-button", Key::Enter).await;
    browser.wait_for("#preview-rows").await;
    browser.assert_accessible("preview, French").await;
    screenshots(&browser, "preview-fr").await;
    let summary = c
        .find(Locator::Css("#preview-summary"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(summary.contains("Une nouvelle révision"), "{summary}");
    let row = c
        .find(Locator::Css("[data-outcome=preview-outcome-change]"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(row.contains("(aucun) → Continu"), "{row}");
    browser.press("#apply", Key::Enter).await;
    let banner = browser
        .wait_for("#sheets-applied")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        banner.contains("Une modification a été enregistrée."),
        "{banner}"
    );
    browser
        .assert_accessible("sheets page after applying, French")
        .await;
    browser.close().await;
}
