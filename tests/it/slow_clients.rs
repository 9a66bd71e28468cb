//! Clients that hold a socket without sending a request: the server closes them within its
//! timeouts, and they do not keep real clients out.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use sdp_tracker::server::HEADER_READ_TIMEOUT;
use tokio::{
    io::{AsyncReadExt as _, AsyncWriteExt as _},
    net::TcpStream,
};

use crate::common::spawn_app;

/// Slack for a loaded two-core machine, on top of a timeout.
const MARGIN: Duration = Duration::from_secs(5);

/// Reads until the server closes the connection (end of file or reset) or `deadline`; returns
/// when it was closed, measured from `since`, or `None` if it was still open at the deadline.
async fn closed_after(mut socket: TcpStream, since: Instant, deadline: Instant) -> Option<Duration> {
    let mut buf = [0u8; 1024];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, socket.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => return Some(since.elapsed()),
            // A refusal (e.g. 408) may come before the close.
            Ok(Ok(_)) => continue,
        }
    }
}

#[tokio::test]
async fn a_silent_socket_and_a_half_sent_header_are_closed_within_the_header_timeout() {
    let app = spawn_app().await;
    let silent = TcpStream::connect(app.addr).await.unwrap();
    let mut half = TcpStream::connect(app.addr).await.unwrap();
    half.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        .await
        .unwrap();
    let since = Instant::now();
    let deadline = since + HEADER_READ_TIMEOUT + MARGIN;

    let (silent, half) = tokio::join!(
        closed_after(silent, since, deadline),
        closed_after(half, since, deadline)
    );

    for (what, closed) in [("silent socket", silent), ("half-sent header", half)] {
        let closed = closed.unwrap_or_else(|| {
            panic!("the {what} was still open {:?} later", HEADER_READ_TIMEOUT + MARGIN)
        });
        // Closed by the timeout, not by something else at once.
        assert!(
            closed + Duration::from_millis(100) >= HEADER_READ_TIMEOUT,
            "the {what} was closed after {closed:?}, before the timeout"
        );
    }
}

#[tokio::test]
async fn a_real_client_is_served_at_once_while_many_silent_sockets_are_open() {
    let app = spawn_app().await;
    let mut silent = Vec::new();
    for _ in 0..200 {
        silent.push(TcpStream::connect(app.addr).await.unwrap());
    }

    let started = Instant::now();
    let response = tokio::time::timeout(HEADER_READ_TIMEOUT, app.get("/healthz"))
        .await
        .expect("a real client waited for the silent ones");

    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        started.elapsed() < HEADER_READ_TIMEOUT / 2,
        "served only after {:?}",
        started.elapsed()
    );
    drop(silent);
}
