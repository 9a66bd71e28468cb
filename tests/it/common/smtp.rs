//! A real SMTP server for the mail tests: aiosmtpd (PyPI, installed by `.ci/run` into
//! `target/tools/aiosmtpd`) running `tests/support/smtp_sink.py`, which writes every message it
//! accepts to a directory as JSON (envelope, decoded headers, text and HTML parts).

use std::{
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::Duration,
};

use serde::Deserialize;

use super::{PATIENCE, eventually};

const PYTHON: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/target/tools/aiosmtpd/bin/python"
);
const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/smtp_sink.py");

/// One message as the server received it.
#[derive(Debug, Clone, Deserialize)]
pub struct Received {
    pub rcpt_tos: Vec<String>,
    pub headers: Vec<(String, String)>,
    pub subject: String,
    pub to: String,
    pub message_id: String,
    pub text: Option<String>,
    pub html: Option<String>,
    pub raw_headers: String,
}

impl Received {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or_default()
    }

    /// The first link in the text part that starts with `prefix`.
    pub fn link(&self, prefix: &str) -> Option<String> {
        self.text()
            .split_whitespace()
            .find(|w| w.starts_with(prefix))
            .map(str::to_owned)
    }
}

/// A running server; stopped when dropped.
pub struct SmtpSink {
    pub port: u16,
    dir: PathBuf,
    child: Child,
}

/// A port nobody listens on now (the server may be started on it later).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        SmtpSink::start_on(free_port()).await
    }

    /// Starts the server on `port` and waits until it accepts connections.
    pub async fn start_on(port: u16) -> SmtpSink {
        assert!(
            std::path::Path::new(PYTHON).exists(),
            "aiosmtpd is not installed: run .ci/run, or python3 -m venv target/tools/aiosmtpd && \
             target/tools/aiosmtpd/bin/pip install aiosmtpd==1.4.6"
        );
        let dir = std::env::temp_dir().join(format!("smtp-sink-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let child = Command::new(PYTHON)
            .arg(SCRIPT)
            .arg(port.to_string())
            .arg(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cannot start the SMTP server");
        let sink = SmtpSink { port, dir, child };
        eventually(PATIENCE, "the SMTP server to listen", || async {
            tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .map(|_| ())
        })
        .await;
        sink
    }

    /// `SDP_SMTP_URL` for this server (plain SMTP on loopback).
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}?tls=none", self.port)
    }

    /// Every message received so far, in order.
    pub fn messages(&self) -> Vec<Received> {
        let mut names: Vec<_> = std::fs::read_dir(&self.dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap())
            .collect()
    }

    /// Waits until at least `n` messages have arrived, then a little longer to see that no more
    /// follow; returns them all.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        eventually(PATIENCE, &format!("{n} messages"), || async {
            let got = self.messages().len();
            if got >= n {
                Ok(())
            } else {
                Err(format!("{got} so far"))
            }
        })
        .await;
        tokio::time::sleep(Duration::from_millis(1500)).await;
        self.messages()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
