//! Report renders are bounded (`report::limit`): many PDF downloads at once all end well, in
//! turn, and a download that cannot get a render slot within the wait is refused with a 503,
//! `Retry-After` and a message in the reader's language — for the PDF and the Word file alike.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use sdp_tracker::{
    config::{Config, RenderLimits},
    domain::{account::Role, cycle::CycleState},
};
use sqlx::PgPool;

use crate::common::{
    TestApp, eventually,
    fixtures::{assess, cycle, joint, move_to},
    spawn_app_from, test_config,
};

fn config(slots: usize, wait: Duration) -> Config {
    Config {
        render: RenderLimits { slots, wait },
        ..test_config()
    }
}

/// A frozen 2026 cycle with assessments and joint reviews, so the files have content.
async fn cycle_2026(app: &TestApp) {
    let pool = &app.db.pool;
    let id = cycle(pool, 2026, CycleState::Open).await;
    for (reference, status) in [
        ("10", "on_track"),
        ("11", "challenges"),
        ("25(c)", "completed"),
    ] {
        assess(pool, id, reference, "eu", status, "Meetings held.").await;
        assess(pool, id, reference, "ca", status, "Staff exchanged.").await;
        joint(pool, id, reference, status).await;
    }
    move_to(pool, id, CycleState::Open, CycleState::Frozen).await;
}

async fn export_count(pool: &PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from audit_event where action = 'report.export'")
        .fetch_one(pool)
        .await
        .unwrap()
}

/// Sixteen PDF downloads at once: each one either gets its PDF or, past the wait, a 503 with
/// `Retry-After` and the busy message — nothing else, and every slot is given back.
///
/// One slot and a short wait, because an unoptimised (debug) build typesets a PDF in seconds
/// to tens of seconds on a loaded machine; optimised, a PDF takes well under a second and the
/// default wait (`config::RENDER_WAIT`) lets sixteen at once all through in turn.
#[tokio::test]
async fn sixteen_simultaneous_pdf_exports_all_end_well() {
    // Arrange
    let app = spawn_app_from(config(1, Duration::from_secs(2))).await;
    cycle_2026(&app).await;
    let (_, client) = app.client_as(Role::Viewer, None).await;

    // Act
    let started = Instant::now();
    let downloads = (0..16).map(|i| {
        let client = client.clone();
        let url = app.url(&format!(
            "/app/cycles/2026/report.pdf?lang={}",
            ["en", "fr"][i % 2]
        ));
        async move {
            let response = client.get(url).send().await.unwrap();
            let status = response.status();
            let retry_after = response.headers().get("retry-after").cloned();
            (status, retry_after, response.bytes().await.unwrap())
        }
    });
    let results = futures_join_all(downloads).await;
    eprintln!("16 PDF exports in {:?}", started.elapsed());

    // Assert: a PDF or a refusal that says when to retry; each PDF recorded once.
    let mut served = 0;
    for (status, retry_after, body) in &results {
        match *status {
            StatusCode::OK => {
                assert!(body.starts_with(b"%PDF-"));
                served += 1;
            }
            StatusCode::SERVICE_UNAVAILABLE => {
                let retry_after = retry_after.as_ref().expect("a 503 without Retry-After");
                assert!(retry_after.to_str().unwrap().parse::<u64>().unwrap() > 0);
            }
            other => panic!("a download ended with {other}"),
        }
    }
    eprintln!("{served} of 16 served, the others refused");
    assert!(served >= 1, "the first download waits for nobody");
    assert_eq!(export_count(&app.db.pool).await, served);
    eventually(
        Duration::from_secs(30),
        "the render slot given back",
        || async {
            (app.state.renders.free_slots() == 1)
                .then_some(())
                .ok_or("taken")
        },
    )
    .await;
}

#[tokio::test]
async fn a_download_that_gets_no_render_slot_within_the_wait_is_refused_with_retry_after() {
    // Arrange: one slot, taken (as by a long render) for the whole test.
    let app = spawn_app_from(config(1, Duration::from_millis(200))).await;
    cycle_2026(&app).await;
    let (_, client) = app.client_as(Role::Viewer, None).await;
    let taken = app.state.renders.enter().await.unwrap();

    for (format, lang, message) in [
        (
            "pdf",
            "en",
            "Too many report files are being prepared at the moment.",
        ),
        (
            "docx",
            "fr",
            "Trop de fichiers de rapport sont en préparation en ce moment.",
        ),
    ] {
        // Act
        let response = client
            .get(app.url(&format!("/app/cycles/2026/report.{format}?lang={lang}")))
            .send()
            .await
            .unwrap();

        // Assert
        assert_eq!(
            response.status(),
            StatusCode::SERVICE_UNAVAILABLE,
            "{format}"
        );
        let retry: u64 = response.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!(retry > 0);
        assert!(
            response.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/html")
        );
        let body = response.text().await.unwrap();
        assert!(body.contains(message), "{format} {lang}: {body}");
    }
    // The light formats do not wait for a slot.
    for format in ["html", "csv", "json"] {
        let response = client
            .get(app.url(&format!("/app/cycles/2026/report.{format}")))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{format}");
    }
    assert_eq!(
        export_count(&app.db.pool).await,
        3,
        "a refusal is no export"
    );

    // Once the slot is free, the same download is served.
    drop(taken);
    let response = client
        .get(app.url("/app/cycles/2026/report.pdf"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

/// Runs the futures at once and collects their outputs in order.
async fn futures_join_all<F: std::future::Future + Send + 'static>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let tasks: Vec<_> = futures.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(tasks.len());
    for task in tasks {
        out.push(task.await.unwrap());
    }
    out
}
