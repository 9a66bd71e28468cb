//! A cycle's lifecycle (issue 11, items 1 and 2): the date rules and one cycle a year, on the web
//! and the command line; corrections and deletions with their audit events (`corrections`); a
//! state move that changes nothing until it is confirmed, and reopening a cycle in reconciliation
//! (`moves`). The helpers they share are here.

mod corrections;
mod moves;

use std::process::{Command, Output};

use reqwest::StatusCode;
use sqlx::PgPool;

use crate::common::{BIN, TestApp, TestDb};

/// Everything a cycle change could write: the cycles as they are, their state changes, and the
/// audit events.
pub(super) async fn snapshot(pool: &PgPool) -> (Vec<String>, i64, i64) {
    let cycles: Vec<String> = sqlx::query_scalar(
        "select concat_ws('|', year, title, title_fr, meeting_date, place, place_fr, opens_on,
                          deadline, state)
         from review_cycle order by year",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let (changes, events): (i64, i64) = sqlx::query_as(
        "select (select count(*) from cycle_state_change), (select count(*) from audit_event)",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    (cycles, changes, events)
}

pub(super) async fn state_of(pool: &PgPool, year: i32) -> String {
    sqlx::query_scalar("select state from review_cycle where year = $1")
        .bind(year)
        .fetch_one(pool)
        .await
        .unwrap()
}

/// The cycle form as a secretary fills it for `year` (Dialogue 20 March, in Ottawa).
pub(super) fn form(year: &str) -> Vec<(&'static str, String)> {
    vec![
        ("year", year.to_owned()),
        ("title_en", String::new()),
        ("title_fr", String::new()),
        ("meeting_date", format!("{year}-03-20")),
        ("place_en", "Ottawa".into()),
        ("place_fr", "Ottawa".into()),
        ("opens_on", format!("{year}-01-10")),
        ("deadline", format!("{year}-03-01")),
    ]
}

pub(super) fn with(
    mut fields: Vec<(&'static str, String)>,
    key: &str,
    value: &str,
) -> Vec<(&'static str, String)> {
    for (k, v) in fields.iter_mut() {
        if *k == key {
            *v = value.to_owned();
        }
    }
    fields
}

pub(super) async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    body: &[(&str, String)],
) -> (StatusCode, String, Option<String>) {
    let response = client.post(app.url(path)).form(body).send().await.unwrap();
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned());
    (status, response.text().await.unwrap(), location)
}

pub(super) async fn get(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

pub(super) fn cli(db: &TestDb, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", &db.url)
        .env_remove("RUST_LOG")
        .output()
        .unwrap()
}

/// The part of a page from an element id to the next one named.
pub(super) fn section<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(&format!("id=\"{from}\"")).expect(from);
    let end = html[start..]
        .find(&format!("id=\"{to}\""))
        .map_or(html.len(), |i| start + i);
    &html[start..end]
}

pub(super) fn confirmed(to: &str) -> Vec<(&'static str, String)> {
    vec![("state", to.to_owned()), ("confirm", "yes".to_owned())]
}
