//! `/app/commitments` (issue 12.2): every commitment with both sides' statuses, the joint status
//! and the leads; filters and sort in the URL; the same list as CSV; `/app/areas`.

use crate::common::{
    PASSWORD, TestApp,
    fixtures::{World, partnership_id, today, world},
    spawn_app_on,
};
use reqwest::{Client, StatusCode};
use sdp_tracker::db::board;

async fn studio() -> (TestApp, World, Client) {
    let app = spawn_app_on(today()).await;
    let world = world(&app.db.pool).await;
    let eva = app.login(world.eva.email, PASSWORD).await;
    (app, world, eva)
}

async fn page(app: &TestApp, client: &Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    let status = response.status();
    (status, response.text().await.unwrap())
}

/// The references of the list's rows, in order.
pub(crate) fn refs(body: &str) -> Vec<String> {
    body.split("data-ref=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect()
}

async fn listed(app: &TestApp, client: &Client, query: &str) -> Vec<String> {
    let (status, body) = page(app, client, &format!("/app/commitments{query}")).await;
    assert_eq!(status, StatusCode::OK, "{query}: {body}");
    refs(&body)
}

#[tokio::test]
async fn the_list_shows_every_commitment_and_filters_by_the_url() {
    let (app, _, eva) = studio().await;

    let (status, body) = page(&app, &eva, "/app/commitments").await;
    assert_eq!(status, StatusCode::OK);
    let all = refs(&body);
    assert_eq!(all.len(), 60, "every commitment, in the order of the text");
    assert_eq!(all[0], "9(a)");
    assert!(
        body.contains(r#"href="/app/commitments" aria-current="page""#),
        "in the main navigation"
    );
    // Reference, title, area, both sides, the joint status and the leads.
    let row13 = &body[body.find(r#"data-ref="13""#).unwrap()..];
    let row13 = &row13[..row13.find("</tr>").unwrap()];
    for expected in [
        "Underway – with challenges",
        "Underway – on track",
        "Eva Union (EU)",
        "Carl Canada (Canada)",
        "Divergent",
    ] {
        assert!(row13.contains(expected), "{expected} in {row13}");
    }

    assert_eq!(listed(&app, &eva, "?divergent=1").await, ["13"]);
    assert_eq!(listed(&app, &eva, "?mine=1").await, ["9(a)", "13", "24"]);
    assert_eq!(listed(&app, &eva, "?status=completed").await, ["9(a)"]);
    let missing = listed(&app, &eva, "?missing=1").await;
    assert_eq!(missing.len(), 58, "the EU has assessed 9(a) and 13");
    assert!(!missing.contains(&"13".to_owned()) && !missing.contains(&"9(a)".to_owned()));
    assert_eq!(listed(&app, &eva, "?mine=1&missing=1").await, ["24"]);

    // An area includes the areas nested under it.
    let pid = partnership_id(&app.db.pool).await;
    let infos = board::commitments(&app.db.pool, pid).await.unwrap();
    let slug = &infos
        .iter()
        .find(|c| c.reference == "13")
        .unwrap()
        .area_slug;
    let in_area: Vec<String> = infos
        .iter()
        .filter(|c| &c.area_slug == slug)
        .map(|c| c.reference.clone())
        .collect();
    assert_eq!(listed(&app, &eva, &format!("?area={slug}")).await, in_area);
    let (_, body) = page(&app, &eva, "/app/commitments?area=areas-of-cooperation").await;
    assert!(
        refs(&body).len() > 40,
        "the parent area lists its nested areas' commitments"
    );

    // The filters are kept in the form, the sort links and the CSV link.
    let (_, body) = page(&app, &eva, "/app/commitments?mine=1&divergent=1").await;
    assert!(body.contains(r#"id="filter-mine" name="mine" type="checkbox" value="1" checked"#));
    assert!(
        body.contains(r#"href="/app/commitments?mine=1&#38;divergent=1&#38;sort=eu""#),
        "{body}"
    );
    assert!(body.contains(r#"href="/app/commitments.csv?mine=1&#38;divergent=1""#));
}

#[tokio::test]
async fn the_list_sorts_by_a_column_both_ways() {
    let (app, _, eva) = studio().await;

    // The scale's order: on track, with challenges, …, completed; nothing saved comes last.
    let by_eu = listed(&app, &eva, "?sort=eu").await;
    assert_eq!(by_eu[..2], ["13", "9(a)"]);
    assert_eq!(
        by_eu[2], "9(b)",
        "then the others, in the order of the text"
    );
    let (_, body) = page(&app, &eva, "/app/commitments?sort=eu").await;
    assert!(body.contains(r#"aria-sort="ascending""#));
    assert!(
        body.contains(r#"href="/app/commitments?sort=eu&#38;order=desc""#),
        "sorting again turns it round"
    );

    let desc = listed(&app, &eva, "?sort=eu&order=desc").await;
    assert_eq!(desc[desc.len() - 2..], ["9(a)", "13"]);
    let (_, body) = page(&app, &eva, "/app/commitments?sort=eu&order=desc").await;
    assert!(body.contains(r#"aria-sort="descending""#));

    let by_ca = listed(&app, &eva, "?sort=ca&status=on_track").await;
    assert_eq!(by_ca, ["13"]);
    let by_ref_desc = listed(&app, &eva, "?order=desc").await;
    assert_eq!(by_ref_desc.first().map(String::as_str), Some("63"));
}

#[tokio::test]
async fn the_csv_is_the_same_list() {
    let (app, world, eva) = studio().await;
    // A name a spreadsheet would run as a formula.
    sqlx::query(
        "update app_user set display_name = '=HYPERLINK(\"http://evil.example\")' where id = $1",
    )
    .bind(world.carl.id)
    .execute(&app.db.pool)
    .await
    .unwrap();
    app.state.board_cache.clear();

    let response = eva
        .get(app.url("/app/commitments.csv?mine=1&sort=eu"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment; filename=\"commitments-2026-en.csv\"")
    );
    let bytes = response.bytes().await.unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark for spreadsheets"
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "Ref.");
    assert_eq!(&headers[6], "Joint status");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let refs: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(refs, ["13", "9(a)", "24"], "the page's filters and order");
    assert_eq!(&rows[0][4], "Underway – with challenges");
    assert_eq!(&rows[0][7], "Yes");
    assert_eq!(&rows[0][8], "Eva Union");
    assert!(
        rows[0][9].starts_with("'=HYPERLINK"),
        "formula neutralised: {}",
        &rows[0][9]
    );

    let fr = eva
        .get(app.url("/app/commitments.csv?divergent=1&lang=fr"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        fr.contains("Statut commun") && fr.contains("En cours – avec des difficultés"),
        "{fr}"
    );
}

#[tokio::test]
async fn bad_filters_get_a_sentence_and_no_list() {
    let (app, _, eva) = studio().await;
    for (query, message) in [
        ("?status=great", "There is no such status."),
        ("?area=mars", "There is no such area."),
        ("?sort=colour", "The list cannot be sorted by that column."),
        ("?order=up", "The order is either ascending"),
        ("?mine=please", "A filter is either on (1) or absent."),
    ] {
        for path in ["/app/commitments", "/app/commitments.csv"] {
            let (status, body) = page(&app, &eva, &format!("{path}{query}")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{path}{query}");
            assert!(body.contains(message), "{path}{query}: {body}");
        }
    }
}

#[tokio::test]
async fn the_areas_are_listed_and_their_pages_still_work() {
    let (app, _, eva) = studio().await;
    let (status, body) = page(&app, &eva, "/app/areas").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains(r#"href="/app/areas/support-to-ukraine""#),
        "{body}"
    );
    assert!(body.contains(r#"href="/app/commitments""#));
    assert_eq!(
        body.matches(r#"href="/app/areas/"#).count(),
        24,
        "the 24 headings"
    );
    let (status, _) = page(&app, &eva, "/app/areas/support-to-ukraine").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = page(&app, &eva, "/app/areas/all").await;
    assert_eq!(status, StatusCode::OK);

    let (_, fr) = page(&app, &eva, "/app/areas?lang=fr").await;
    assert!(fr.contains("Domaines du partenariat"));
}

#[tokio::test]
async fn selects_of_commitments_show_the_reference_and_the_start_of_the_text() {
    let (app, world, _) = studio().await;
    let (_, admin) = app
        .client_as(sdp_tracker::domain::account::Role::Admin, None)
        .await;
    let sam = app.login(world.sam.email, PASSWORD).await;
    for (client, path) in [
        (&admin, "/app/admin/assignments"),
        (&sam, "/app/cycles/2025/errata"),
    ] {
        let (status, body) = page(&app, client, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let option = &body[body
            .find(r#"<option value="25(c)""#)
            .unwrap_or_else(|| panic!("{path}: no 25(c)"))..];
        let option = &option[..option.find("</option>").unwrap()];
        assert!(
            option.ends_with(
                ">25(c) — Naval cooperation, also with the Canadian Coast Guard, including…"
            ),
            "{path}: {option}"
        );
    }
}
