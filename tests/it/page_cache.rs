//! The signed-in pages are served from each instance's memory (`page_cache`): a change through an
//! instance is on its next page at once, and on another instance's pages within a second (through
//! the database's notification), whatever changed — a save, a sign-off, an assignment, a cycle
//! correction, an erratum, a search alias.

use std::time::Duration;

use reqwest::StatusCode;
use sdp_tracker::domain::{
    account::{Role, Side},
    cycle::CycleState,
};

use crate::{
    commitments_list::refs,
    common::{
        PASSWORD, TestApp, eventually,
        fixtures::{Schedule, cycle_on, move_to, today, world},
        new_client, spawn_app_on,
    },
};

/// How long another instance may show what was there before a change.
const WITHIN: Duration = Duration::from_secs(1);

async fn html(client: &reqwest::Client, url: &str) -> String {
    let response = client.get(url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{url}");
    response.text().await.unwrap()
}

async fn post(client: &reqwest::Client, url: &str, form: &[(&str, &str)]) {
    let response = client.post(url).form(form).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "{url}");
}

/// `url` shows `what` within [`WITHIN`].
async fn soon(client: &reqwest::Client, url: &str, what: &str) {
    eventually(WITHIN, &format!("{url} to show {what:?}"), || async {
        if html(client, url).await.contains(what) {
            Ok(())
        } else {
            Err("it does not yet")
        }
    })
    .await;
}

/// An officer saving the EU assessment through the API of the instance at `addr`.
struct ApiWriter {
    base: String,
    token: String,
    client: reqwest::Client,
}

impl ApiWriter {
    async fn on(app: &TestApp, addr: std::net::SocketAddr, email: &str) -> ApiWriter {
        let token = sdp_tracker::accounts::add_token(
            &app.db.pool,
            email,
            "script",
            &sdp_tracker::db::audit::Actor::cli(),
        )
        .await
        .unwrap();
        ApiWriter {
            base: format!("http://{addr}"),
            token,
            client: reqwest::Client::new(),
        }
    }

    /// Saves `reference` in 2026 on the version `based_on`; it must be created.
    async fn save(&self, reference: &str, based_on: i32, status: &str, narrative: &str) {
        let response = self
            .client
            .post(format!("{}/api/v1/cycles/2026/assessments", self.base))
            .bearer_auth(&self.token)
            .header("if-match", format!("\"{based_on}\""))
            .json(
                &serde_json::json!({ "ref": reference, "side": "eu", "status": status,
                                       "narrative": narrative }),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::CREATED);
    }
}

/// A second instance of the app on the same database, and a viewer signed in there.
async fn other_instance(app: &TestApp) -> (String, reqwest::Client, tokio::task::JoinHandle<()>) {
    let (addr, server) = app.second_instance().await;
    let base = format!("http://{addr}");
    let viewer = app.create_user(Role::Viewer, None).await;
    let client = new_client();
    post(
        &client,
        &format!("{base}/login"),
        &[("email", &viewer.email), ("password", PASSWORD)],
    )
    .await;
    (base, client, server)
}

/// Both instances have read `paths` (so they hold them in memory).
async fn read_everywhere(
    app: &TestApp,
    here: &reqwest::Client,
    there: (&str, &reqwest::Client),
    paths: &[&str],
) {
    for path in paths {
        html(here, &app.url(path)).await;
        html(there.1, &format!("{}{path}", there.0)).await;
    }
}

#[tokio::test]
async fn a_save_a_sign_off_and_an_assignment_reach_the_pages_of_both_instances() {
    let app = spawn_app_on(today()).await;
    cycle_on(
        &app.db.pool,
        2026,
        Schedule::around(today(), 10),
        CycleState::Open,
    )
    .await;
    let (eu, here) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let (_, admin) = app.client_as(Role::Admin, None).await;
    let (base, there, _server) = other_instance(&app).await;
    let commitment = "/app/commitments/13";
    let search = "/app/search?q=zebra";
    let cycle = "/app/cycles/2026".to_owned();
    let reconcile = format!("{cycle}/reconcile");
    let list = "/app/commitments";
    read_everywhere(
        &app,
        &here,
        (&base, &there),
        &[commitment, search, &cycle, &reconcile, list],
    )
    .await;
    assert!(!html(&here, &app.url(search)).await.contains(commitment));

    // A save through the first instance.
    post(
        &here,
        &app.url("/app/commitments/13/assessments/eu"),
        &[
            ("version", "0"),
            ("status", "challenges"),
            ("narrative", "The zebra crossing is funded."),
        ],
    )
    .await;
    for (path, what) in [
        (commitment, "The zebra crossing is funded."),
        (search, "href=\"/app/commitments/13\""),
        (&reconcile, "The zebra crossing is funded."),
    ] {
        assert!(html(&here, &app.url(path)).await.contains(what), "{path}");
        soon(&there, &format!("{base}{path}"), what).await;
    }

    // A sign-off.
    let signed = r#"id="signoff-eu" data-signed="true""#;
    assert!(!html(&here, &app.url(&cycle)).await.contains(signed));
    post(
        &here,
        &app.url(&format!("{cycle}/signoff")),
        &[("confirm", "59")],
    )
    .await;
    assert!(html(&here, &app.url(&cycle)).await.contains(signed));
    soon(&there, &format!("{base}{cycle}"), signed).await;

    // An assignment by an administrator.
    let leads = "Lead officers";
    let row = |page: &str| {
        let start = page.find("/app/commitments/24\"").unwrap();
        page[start..start + page[start..].find("</tr>").unwrap()].contains(leads)
    };
    assert!(!row(&html(&here, &app.url(list)).await));
    post(
        &admin,
        &app.url("/app/admin/assignments"),
        &[("commitment", "24"), ("user_id", &eu.id.to_string())],
    )
    .await;
    assert!(row(&html(&here, &app.url(list)).await));
    eventually(WITHIN, "the other list to show the lead", || async {
        if row(&html(&there, &format!("{base}{list}")).await) {
            Ok(())
        } else {
            Err("not yet")
        }
    })
    .await;

    // A search alias added straight in the database (as a migration would): both instances'
    // next search uses it.
    let okapi = "/app/search?q=okapi";
    read_everywhere(&app, &here, (&base, &there), &[okapi]).await;
    assert!(!html(&here, &app.url(okapi)).await.contains(commitment));
    sqlx::query("insert into search_alias (term, alternative) values ('okapi', 'zebra')")
        .execute(&app.db.pool)
        .await
        .unwrap();
    soon(&here, &app.url(okapi), "href=\"/app/commitments/13\"").await;
    soon(
        &there,
        &format!("{base}{okapi}"),
        "href=\"/app/commitments/13\"",
    )
    .await;
}

#[tokio::test]
async fn a_cycle_correction_and_an_erratum_reach_the_pages_of_both_instances() {
    let app = spawn_app_on(today()).await;
    let (_, staff) = app.client_as(Role::Secretariat, None).await;
    let (base, there, _server) = other_instance(&app).await;
    let form = |title: &'static str| {
        [
            ("year", "2026"),
            ("title_en", title),
            ("title_fr", ""),
            ("meeting_date", "2026-03-20"),
            ("place_en", "Ottawa"),
            ("place_fr", "Ottawa"),
            ("opens_on", "2026-01-10"),
            ("deadline", "2026-03-01"),
        ]
    };
    post(&staff, &app.url("/app/cycles"), &form("")).await;
    let cycle = "/app/cycles/2026";
    let commitment = "/app/commitments/12";
    read_everywhere(&app, &staff, (&base, &there), &[cycle, commitment]).await;

    // A correction of the cycle's details.
    post(
        &staff,
        &app.url("/app/cycles/2026/edit"),
        &form("The zebra Dialogue"),
    )
    .await;
    assert!(
        html(&staff, &app.url(cycle))
            .await
            .contains("The zebra Dialogue")
    );
    soon(&there, &format!("{base}{cycle}"), "The zebra Dialogue").await;

    // An erratum, once the cycle is frozen.
    let id = sqlx::query_scalar::<_, i64>("select id from review_cycle")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    move_to(
        &app.db.pool,
        id,
        CycleState::Planned,
        CycleState::Reconciliation,
    )
    .await;
    sqlx::query(
        "insert into joint_review (cycle_id, commitment_id, version, status, author)
         select $1, id, 1, 'on_track', 'test' from commitment",
    )
    .bind(id)
    .execute(&app.db.pool)
    .await
    .unwrap();
    move_to(
        &app.db.pool,
        id,
        CycleState::Reconciliation,
        CycleState::Frozen,
    )
    .await;
    read_everywhere(&app, &staff, (&base, &there), &[cycle, commitment]).await;
    let reason = "Canada corrected its zebra report.";
    post(
        &staff,
        &app.url("/app/cycles/2026/errata"),
        &[
            ("reference", "12"),
            ("reason", reason),
            ("status", "completed"),
            ("summary_en", "Completed in May."),
            ("summary_fr", ""),
            ("next_steps", ""),
        ],
    )
    .await;
    for path in [cycle, commitment] {
        assert!(
            html(&staff, &app.url(path)).await.contains(reason),
            "{path}"
        );
        soon(&there, &format!("{base}{path}"), reason).await;
    }
}

/// The dashboard's body is kept per reader: each reader sees their own (name, side, rights), a
/// change to their account shows at once, and so does a save through the API on another
/// instance (whose notification may cover several saves).
#[tokio::test]
async fn the_dashboard_kept_for_each_reader_follows_their_account_and_every_save() {
    let app = spawn_app_on(today()).await;
    cycle_on(
        &app.db.pool,
        2026,
        Schedule::around(today(), 10),
        CycleState::Open,
    )
    .await;
    let (eu, eu_client) = app.client_as(Role::Officer, Some(Side::Eu)).await;
    let (_, ca_client) = app.client_as(Role::Officer, Some(Side::Ca)).await;
    let (_, admin_client) = app.client_as(Role::Admin, None).await;
    let dashboard = app.url("/app");
    let admin_link = "href=\"/app/admin/users\"";
    for _ in 0..2 {
        let (mine, theirs) = (
            html(&eu_client, &dashboard).await,
            html(&ca_client, &dashboard).await,
        );
        assert!(
            mine.contains("Test User (Desk officer · European Union)"),
            "{mine}"
        );
        assert!(
            theirs.contains("Test User (Desk officer · Canada)"),
            "{theirs}"
        );
        assert!(!mine.contains(admin_link) && !theirs.contains(admin_link));
        assert!(html(&admin_client, &dashboard).await.contains(admin_link));
    }
    let fr = html(&eu_client, &app.url("/app?lang=fr")).await;
    assert!(
        fr.contains("<html lang=\"fr\""),
        "the French page is its own"
    );
    let en = html(&eu_client, &app.url("/app?lang=en")).await;
    assert!(en.contains("<html lang=\"en\""));

    // The reader's account changes (as an administrator's edit would): their next page says so.
    sqlx::query("update app_user set display_name = 'Zed Zebra-Quagga' where id = $1")
        .bind(eu.id)
        .execute(&app.db.pool)
        .await
        .unwrap();
    soon(&eu_client, &dashboard, "Zed Zebra-Quagga").await;
    assert!(
        !html(&ca_client, &dashboard)
            .await
            .contains("Zed Zebra-Quagga")
    );

    // Saves through the API of another instance, one after the other: the first instance's
    // dashboards show the last within a second.
    let (addr, _server) = app.second_instance().await;
    let api = ApiWriter::on(&app, addr, &eu.email).await;
    for (version, status) in [(0, "not_started"), (1, "on_track"), (2, "challenges")] {
        api.save("17", version, status, "Quagga count.").await;
    }
    for client in [&eu_client, &ca_client] {
        eventually(WITHIN, "the dashboard to show the last save", || async {
            let page = html(client, &dashboard).await;
            let recent = &page[page.find("id=\"recent\"").unwrap()..];
            if recent.contains("href=\"/app/commitments/17\"")
                && recent.contains("Underway – with challenges")
            {
                Ok(())
            } else {
                Err("not yet")
            }
        })
        .await;
    }
}

/// The commitments list is rendered once per reader, filters and data too: each reader's "mine"
/// is their own, each filter its own page, and an assignment made straight in the database or a
/// save through another instance is on the list within a second.
#[tokio::test]
async fn the_commitments_list_kept_for_each_reader_follows_their_filters_and_every_change() {
    let app = spawn_app_on(today()).await;
    let world = world(&app.db.pool).await;
    let eva = app.login(world.eva.email, PASSWORD).await;
    let carl = app.login(world.carl.email, PASSWORD).await;
    let mine = app.url("/app/commitments?mine=1");
    let mine_missing = app.url("/app/commitments?mine=1&missing=1");
    for _ in 0..2 {
        assert_eq!(refs(&html(&eva, &mine).await), ["9(a)", "13", "24"]);
        assert_eq!(refs(&html(&carl, &mine).await), ["13", "24"]);
        assert_eq!(refs(&html(&eva, &mine_missing).await), ["24"]);
        assert_eq!(
            refs(&html(&eva, &app.url("/app/commitments")).await).len(),
            60
        );
    }

    // Eva is made lead of 17 straight in the database (as another instance would).
    sqlx::query(
        "insert into commitment_lead (commitment_id, user_id, side)
         select id, $1, 'eu' from commitment where ref = '17'",
    )
    .bind(world.eva.id)
    .execute(&app.db.pool)
    .await
    .unwrap();
    eventually(WITHIN, "Eva's list to show 17", || async {
        match refs(&html(&eva, &mine).await) {
            listed if listed == ["9(a)", "13", "17", "24"] => Ok(()),
            listed => Err(format!("{listed:?}")),
        }
    })
    .await;
    assert_eq!(refs(&html(&carl, &mine).await), ["13", "24"]);

    // Eva assesses 24 through another instance's API: of hers, only 17 is still missing.
    let (addr, _server) = app.second_instance().await;
    ApiWriter::on(&app, addr, world.eva.email)
        .await
        .save("24", 0, "on_track", "Patrols agreed.")
        .await;
    eventually(WITHIN, "Eva's missing list to show 17 alone", || async {
        match refs(&html(&eva, &mine_missing).await) {
            listed if listed == ["17"] => Ok(()),
            listed => Err(format!("{listed:?}")),
        }
    })
    .await;
    assert_eq!(refs(&html(&eva, &mine).await), ["9(a)", "13", "17", "24"]);
}

/// The pages kept per reader are kept gzipped: a browser (which takes gzip) gets them so, a client
/// that does not take gzip gets the same page plain, and both say that the page varies with it.
#[tokio::test]
async fn the_pages_kept_per_reader_are_sent_gzipped_to_browsers_and_plain_to_others() {
    let app = spawn_app_on(today()).await;
    let world = world(&app.db.pool).await;
    let sam = app.login(world.sam.email, PASSWORD).await;
    for path in [
        "/app",
        "/app/commitments?mine=1",
        "/app/cycles/2026/reconcile",
        "/app/cycles/2026/reconcile?filter=divergent&lang=fr",
    ] {
        let url = app.url(path);
        for _ in 0..2 {
            let plain = sam.get(&url).send().await.unwrap();
            assert_eq!(plain.status(), StatusCode::OK, "{path}");
            assert!(plain.headers().get("content-encoding").is_none(), "{path}");
            assert_eq!(plain.headers()["vary"], "Accept-Encoding", "{path}");
            let plain = plain.text().await.unwrap();
            assert!(plain.starts_with("<!DOCTYPE html>"), "{path}: {plain}");

            let gzipped = sam
                .get(&url)
                .header("accept-encoding", "gzip, deflate, br, zstd")
                .send()
                .await
                .unwrap();
            assert_eq!(gzipped.status(), StatusCode::OK, "{path}");
            assert_eq!(gzipped.headers()["content-encoding"], "gzip", "{path}");
            assert_eq!(gzipped.headers()["vary"], "Accept-Encoding", "{path}");
            let body = gzipped.bytes().await.unwrap();
            assert!(body.len() * 2 < plain.len(), "{path}: {} bytes", body.len());
            let inflated = sdp_tracker::gzip::decompress(&body).unwrap();
            assert_eq!(String::from_utf8(inflated).unwrap(), plain, "{path}");
        }
    }
}
