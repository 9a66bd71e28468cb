//! The public summary is served from memory with an ETag, and a publish through one instance
//! reaches every instance through PostgreSQL LISTEN/NOTIFY.

use crate::common::{
    PATIENCE, TestApp, eventually,
    fixtures::{cycle, move_to},
    new_client, spawn_app,
};
use reqwest::{StatusCode, header};
use sdp_tracker::domain::{account::Role, cycle::CycleState};

/// A 2025 cycle, frozen with a joint review for every commitment: ready to publish.
async fn frozen_cycle(app: &TestApp) {
    let pool = &app.db.pool;
    let id = cycle(pool, 2025, CycleState::Reconciliation).await;
    sqlx::query(
        "insert into joint_review (cycle_id, commitment_id, version, status, summary_en, summary_fr, author)
         select $1, id, 1, 'on_track', 'Published line ' || ref, 'Ligne publiée ' || ref, 'test' from commitment",
    )
    .bind(id)
    .execute(pool)
    .await
    .unwrap();
    move_to(pool, id, CycleState::Reconciliation, CycleState::Frozen).await;
}

#[tokio::test]
async fn the_summary_has_an_etag_and_answers_304_when_unchanged() {
    let app = spawn_app().await;
    let client = new_client();

    let first = client.get(app.url("/")).send().await.unwrap();
    let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
    assert_eq!(first.headers()[header::CACHE_CONTROL], "no-cache");
    let body = first.text().await.unwrap();

    let again = client
        .get(app.url("/"))
        .header(header::IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    assert!(again.text().await.unwrap().is_empty());

    let stale = client
        .get(app.url("/"))
        .header(header::IF_NONE_MATCH, "\"nope\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::OK);
    assert_eq!(
        stale.text().await.unwrap(),
        body,
        "the same page from memory"
    );

    // The French page is another page with another tag.
    let fr = client
        .get(app.url("/"))
        .header(header::ACCEPT_LANGUAGE, "fr")
        .send()
        .await
        .unwrap();
    assert_ne!(fr.headers()[header::ETAG].to_str().unwrap(), etag);

    // A browser that takes gzip gets the same page gzipped, under its own tag, with its own 304.
    let gz = client
        .get(app.url("/"))
        .header(header::ACCEPT_ENCODING, "gzip, deflate, br, zstd")
        .send()
        .await
        .unwrap();
    assert_eq!(gz.headers()[header::CONTENT_ENCODING], "gzip");
    assert!(
        gz.headers()[header::VARY]
            .to_str()
            .unwrap()
            .contains("Accept-Encoding")
    );
    let gz_etag = gz.headers()[header::ETAG].to_str().unwrap().to_owned();
    assert_ne!(gz_etag, etag);
    let compressed = gz.bytes().await.unwrap();
    assert!(
        compressed.len() < body.len() / 3,
        "{} of {}",
        compressed.len(),
        body.len()
    );
    let mut unzipped = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(&compressed[..]),
        &mut unzipped,
    )
    .unwrap();
    assert_eq!(unzipped, body);
    let again = client
        .get(app.url("/"))
        .header(header::ACCEPT_ENCODING, "gzip")
        .header(header::IF_NONE_MATCH, &gz_etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    // The plain page's tag does not match the gzipped one, nor the other way round.
    let crossed = client
        .get(app.url("/"))
        .header(header::IF_NONE_MATCH, &gz_etag)
        .send()
        .await
        .unwrap();
    assert_eq!(crossed.status(), StatusCode::OK);
    assert!(crossed.headers().get(header::CONTENT_ENCODING).is_none());
}

#[tokio::test]
async fn publishing_through_one_instance_changes_what_another_serves() {
    let app = spawn_app().await;
    frozen_cycle(&app).await;
    let (other, _server) = app.second_instance().await;
    let anonymous = new_client();
    let other_url = format!("http://{other}/");
    let before = anonymous.get(&other_url).send().await.unwrap();
    let old_etag = before.headers()[header::ETAG].to_str().unwrap().to_owned();
    assert!(
        before
            .text()
            .await
            .unwrap()
            .contains("id=\"not-published\""),
        "nothing published yet"
    );

    // The secretariat publishes through the first instance.
    let (_, secretariat) = app.client_as(Role::Secretariat, None).await;
    let response = secretariat
        .post(app.url("/app/cycles/2025/state"))
        .form(&[("state", "published"), ("confirm", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "publish refused");

    // The second instance serves the published summary once the database's notification has
    // reached it; until then it still has the old page (304 to the old tag).
    eventually(
        PATIENCE,
        "the other instance to serve the published summary",
        || async {
            let response = anonymous
                .get(&other_url)
                .header(header::IF_NONE_MATCH, &old_etag)
                .send()
                .await
                .unwrap();
            match response.status() {
                StatusCode::OK if response.text().await.unwrap().contains("Published line 13") => {
                    Ok(())
                }
                status => Err(format!("it answers {status} without the published lines")),
            }
        },
    )
    .await;
}

#[tokio::test]
async fn the_text_page_is_cached_too_and_dropped_when_a_text_is_imported() {
    let app = spawn_app().await;
    let client = new_client();
    let first = client.get(app.url("/text")).send().await.unwrap();
    let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
    assert!(first.text().await.unwrap().contains(r#"id="p63""#));
    let again = client
        .get(app.url("/text"))
        .header(header::IF_NONE_MATCH, &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);

    // A corrected text imported by another process (the command line) reaches the page.
    let seed = std::fs::read_to_string(crate::common::SEED).unwrap();
    let corrected = seed.replace("The content of the Security and Defence Partnership will be reviewed as appropriate.",
        "The content of the Security and Defence Partnership will be reviewed as appropriate (corrected).");
    let path = std::env::temp_dir().join(format!(
        "sdp-corrected-{}.txt",
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::write(&path, corrected).unwrap();
    let output = std::process::Command::new(crate::common::BIN)
        .args(["import", path.to_str().unwrap()])
        .env("DATABASE_URL", &app.db.url)
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    eventually(PATIENCE, "the imported text to reach the page", || async {
        let response = client
            .get(app.url("/text"))
            .header(header::IF_NONE_MATCH, &etag)
            .send()
            .await
            .unwrap();
        match response.status() {
            StatusCode::OK if response.text().await.unwrap().contains("(corrected).") => Ok(()),
            status => Err(format!("/text answers {status} without the correction")),
        }
    })
    .await;
}
