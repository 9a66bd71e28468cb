//! The audit log at the size it reaches after years: pages continue from an event (keyset), so a
//! deep page costs what the first does, and the number of events is counted up to a limit.

use crate::common::spawn_app;
use reqwest::{Client, StatusCode};
use sdp_tracker::domain::account::Role;

async fn page(app: &crate::common::TestApp, client: &Client, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.unwrap()
}

/// The link with `rel`, decoded.
fn link(html: &str, rel: &str) -> Option<String> {
    let end = html.find(&format!(r#"" rel="{rel}""#))?;
    let start = html[..end].rfind("href=\"")? + "href=\"".len();
    Some(html[start..end].replace("&#38;", "&"))
}

/// The `entity_id`s of the test events shown, in page order.
fn shown(html: &str) -> Vec<i64> {
    html.split("<td class=\"govuk-table__cell\">thing ")
        .skip(1)
        .map(|rest| rest[..rest.find('<').unwrap()].trim().parse().unwrap())
        .collect()
}

#[tokio::test]
async fn next_and_previous_links_walk_the_log_by_keyset() {
    let app = spawn_app().await;
    let (_, admin) = app.client_as(Role::Admin, None).await;
    // 1,120 events a second apart; event n is the n-th oldest.
    sqlx::query!(
        "insert into audit_event (at, actor, action, entity, entity_id)
         select now() - interval '1 day' + n * interval '1 second', 'system', 'test.event', 'thing',
                n::text
         from generate_series(1, 1120) n"
    )
    .execute(&app.db.pool)
    .await
    .unwrap();

    let first = page(&app, &admin, "/app/audit?action=test.").await;
    assert!(
        first.contains("(more than 1,000)"),
        "the count stops at its limit"
    );
    assert_eq!(shown(&first), (1071..=1120).rev().collect::<Vec<_>>());
    assert!(link(&first, "prev").is_none());

    let mut html = first.clone();
    for n in 2..=4 {
        let next = link(&html, "next").expect("a next page");
        assert!(next.starts_with(&format!("/app/audit?action=test.&page={n}&before=")));
        html = page(&app, &admin, &next).await;
        let top = 1120 - (n - 1) * 50;
        assert_eq!(
            shown(&html),
            (top - 49..=top).rev().collect::<Vec<_>>(),
            "page {n}"
        );
        assert!(
            html.contains(&format!("Page {n}<")),
            "no page count beyond the limit"
        );
    }
    // Back from page 4 to page 3, and from page 2 to the first page (no keyset).
    let previous = link(&html, "prev").unwrap();
    assert!(previous.contains("page=3&after="));
    let third = page(&app, &admin, &previous).await;
    assert_eq!(shown(&third), (971..=1020).rev().collect::<Vec<_>>());
    let second = page(&app, &admin, &link(&third, "prev").unwrap()).await;
    assert_eq!(
        link(&second, "prev").as_deref(),
        Some("/app/audit?action=test.&page=1")
    );

    // The last page has no next link; a page number alone reaches the counted events only.
    let fiftieth: i64 = sqlx::query_scalar!(
        r#"select id as "id!" from audit_event where action = 'test.event' and entity_id = '50'"#
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    let last = page(
        &app,
        &admin,
        &format!("/app/audit?action=test.&page=23&before={fiftieth}"),
    )
    .await;
    assert_eq!(shown(&last), (1..=49).rev().collect::<Vec<_>>());
    assert!(link(&last, "next").is_none());
    let far = page(&app, &admin, "/app/audit?action=test.&page=500").await;
    assert!(far.contains("Page 20<"));
    assert_eq!(shown(&far), (121..=170).rev().collect::<Vec<_>>());
}

#[tokio::test]
async fn a_keyset_that_matches_no_event_still_answers() {
    let app = spawn_app().await;
    let (_, admin) = app.client_as(Role::Admin, None).await;
    for path in [
        "/app/audit?before=999999999",
        "/app/audit?after=999999999",
        "/app/audit?before=-1&page=-5",
        "/app/audit?before=abc&after=x&page=99999999999999999999",
        "/app/audit?page=9223372036854775807&before=1",
    ] {
        page(&app, &admin, path).await;
    }
}
