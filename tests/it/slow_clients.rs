//! Clients that hold a socket without sending a request: the server closes them within its
//! timeouts, and they do not keep real clients out. The first tests use the production limits;
//! the others shorten them (through the same server) to see each act within a test's time.

use std::{
    net::SocketAddr,
    time::{Duration, Instant},
};

use reqwest::StatusCode;
use sdp_tracker::server::{HEADER_READ_TIMEOUT, Limits};
use tokio::{
    io::{AsyncReadExt as _, AsyncWriteExt as _},
    net::TcpStream,
    task::JoinHandle,
};

use crate::common::{TestDb, new_client, serve_with, spawn_app, test_config};

/// Slack for a loaded two-core machine, on top of a timeout.
const MARGIN: Duration = Duration::from_secs(5);

/// Reads until the server closes the connection (end of file or reset) or `deadline`; returns
/// when it was closed, measured from `since`, or `None` if it was still open at the deadline.
async fn closed_after(
    mut socket: TcpStream,
    since: Instant,
    deadline: Instant,
) -> Option<Duration> {
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
            panic!(
                "the {what} was still open {:?} later",
                HEADER_READ_TIMEOUT + MARGIN
            )
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

/// The app on a fresh database with shortened `limits`.
async fn app_with(limits: Limits) -> (SocketAddr, TestDb, JoinHandle<()>) {
    let db = TestDb::seeded().await;
    let (addr, server) = serve_with(db.pool.clone(), test_config(), limits).await;
    (addr, db, server)
}

/// Sends a whole `GET /healthz` on `socket` and reads its answer ("ok"), keeping the connection.
async fn healthz_on(socket: &mut TcpStream) {
    socket
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    while !answer.ends_with(b"\r\n\r\nok") {
        let n = tokio::time::timeout(MARGIN, socket.read(&mut buf))
            .await
            .expect("no answer")
            .unwrap();
        assert!(n > 0, "closed before answering");
        answer.extend_from_slice(&buf[..n]);
    }
    assert!(answer.starts_with(b"HTTP/1.1 200"));
}

#[tokio::test]
async fn a_kept_alive_connection_waits_the_idle_timeout_but_a_started_head_only_the_header_timeout()
{
    let limits = Limits {
        header_read: Duration::from_secs(1),
        keep_alive_idle: Duration::from_secs(4),
        max_connections: 16,
    };
    let (addr, _db, server) = app_with(limits).await;
    let mut idle = TcpStream::connect(addr).await.unwrap();
    let mut slow = TcpStream::connect(addr).await.unwrap();
    healthz_on(&mut idle).await;
    let idle_since = Instant::now();
    healthz_on(&mut slow).await;
    slow.write_all(b"G").await.unwrap();
    let slow_since = Instant::now();

    let deadline = idle_since + limits.keep_alive_idle + MARGIN;
    let (idle, slow) = tokio::join!(
        closed_after(idle, idle_since, deadline),
        closed_after(slow, slow_since, deadline)
    );

    let idle = idle.expect("the idle connection was never closed");
    assert!(
        idle + Duration::from_millis(100) >= limits.keep_alive_idle,
        "an idle kept-alive connection was closed after {idle:?}"
    );
    let slow = slow.expect("the started head was never timed out");
    assert!(
        slow + Duration::from_millis(100) >= limits.header_read && slow < limits.keep_alive_idle,
        "a head started after a kept-alive wait was closed after {slow:?}"
    );
    server.abort();
}

#[tokio::test]
async fn at_the_cap_an_idle_connection_makes_room_for_a_new_client_at_once() {
    let limits = Limits {
        header_read: Duration::from_secs(3),
        keep_alive_idle: Duration::from_secs(60),
        max_connections: 2,
    };
    let (addr, _db, server) = app_with(limits).await;
    let mut idle = TcpStream::connect(addr).await.unwrap();
    healthz_on(&mut idle).await;
    // The second and last slot: a socket that says nothing.
    let silent = TcpStream::connect(addr).await.unwrap();

    let started = Instant::now();
    let response = tokio::time::timeout(
        limits.header_read + MARGIN,
        new_client().get(format!("http://{addr}/healthz")).send(),
    )
    .await
    .expect("a new client was kept out")
    .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    // Served before the silent socket timed out: the idle connection gave its slot up.
    assert!(
        started.elapsed() < limits.header_read,
        "served only after {:?}",
        started.elapsed()
    );
    let closed = closed_after(idle, started, started + MARGIN).await;
    assert!(closed.is_some(), "the idle connection is still open");
    drop(silent);
    server.abort();
}

#[tokio::test]
async fn when_silent_sockets_hold_every_slot_a_new_client_waits_for_the_header_timeout() {
    let limits = Limits {
        header_read: Duration::from_secs(2),
        keep_alive_idle: Duration::from_secs(60),
        max_connections: 2,
    };
    let (addr, _db, server) = app_with(limits).await;
    let silent = [
        TcpStream::connect(addr).await.unwrap(),
        TcpStream::connect(addr).await.unwrap(),
    ];
    let since = Instant::now();

    let response = tokio::time::timeout(
        limits.header_read + MARGIN,
        new_client().get(format!("http://{addr}/healthz")).send(),
    )
    .await
    .expect("a new client waited past the header timeout")
    .unwrap();

    assert_eq!(response.status(), StatusCode::OK);
    // It waited: the cap held, until the silent sockets' time was up.
    assert!(
        since.elapsed() + Duration::from_millis(100) >= limits.header_read,
        "served after {:?}, before a slot was free",
        since.elapsed()
    );
    drop(silent);
    server.abort();
}

/// The head of the response to `request` (sent whole, from a task of its own, so that a server
/// that answers before reading the body does not block the writer), read from a new connection.
async fn response_head(addr: SocketAddr, request: Vec<u8>) -> String {
    let socket = TcpStream::connect(addr).await.unwrap();
    let (mut reader, mut writer) = socket.into_split();
    let _writer = tokio::spawn(async move {
        // The server may close before it has everything: that is what is being tested.
        let _ = writer.write_all(&request).await;
        writer
    });
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    let read = async {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = reader.read(&mut buf).await.unwrap();
            assert!(n > 0, "the connection closed before a response");
            head.extend_from_slice(&buf[..n]);
        }
    };
    tokio::time::timeout(Duration::from_secs(20), read)
        .await
        .expect("a response within 20 s");
    let head = String::from_utf8_lossy(&head).to_lowercase();
    head[..head.find("\r\n\r\n").unwrap()].to_owned()
}

fn form_post(addr: SocketAddr, path: &str, body: &[u8]) -> Vec<u8> {
    let mut request = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    request.extend_from_slice(body);
    request
}

/// A response sent before its request's body was read to the end (here, a path that is not
/// UTF-8, refused before anything reads the body) closes the connection, and must say so: a client
/// that took it for kept alive sent its next request on a closed connection, and the fuzzer's next
/// POST failed to be sent. A body read to its end keeps the connection.
#[tokio::test]
async fn a_response_sent_before_the_body_was_read_says_the_connection_closes() {
    let app = spawn_app().await;
    let big = [b"summary_en=".as_slice(), &[b'x'; 200_000]].concat();
    let head = response_head(
        app.addr,
        form_post(app.addr, "/app/cycles/%FF%FE/reconcile/13", &big),
    )
    .await;
    assert!(head.starts_with("http/1.1 400"), "{head}");
    assert!(head.contains("\r\nconnection: close"), "{head}");

    let head = response_head(
        app.addr,
        form_post(
            app.addr,
            "/login",
            b"email=nobody%40example.org&password=wrong",
        ),
    )
    .await;
    assert!(head.starts_with("http/1.1 "), "{head}");
    assert!(!head.contains("connection: close"), "{head}");
    let head = response_head(
        app.addr,
        format!("GET /healthz HTTP/1.1\r\nHost: {}\r\n\r\n", app.addr).into_bytes(),
    )
    .await;
    assert!(!head.contains("connection: close"), "{head}");
}
