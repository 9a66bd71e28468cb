//! With `DATABASE_URL` unset, `serve` runs its own PostgreSQL cluster, seeds it, serves the text,
//! stops the cluster on SIGTERM and reuses it on the next start.

use std::{
    io::{BufRead, BufReader},
    path::Path,
    process::{Child, Command, Stdio},
};

use crate::common::{BIN, PATIENCE, SEED, eventually};

struct Server {
    child: Child,
    base: String,
    /// What `serve` printed before it listened.
    banner: Vec<String>,
}

fn start(data_dir: &Path) -> Server {
    let mut child = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--seed", SEED])
        .env_remove("DATABASE_URL")
        .env("SDP_DATA_DIR", data_dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("cannot start the binary");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let mut banner = Vec::new();
    let base = loop {
        let line = lines
            .next()
            .expect("the server exited before listening")
            .unwrap();
        if let Some(url) = line.strip_prefix("sdp-tracker is listening on ") {
            break url.trim().to_owned();
        }
        banner.push(line);
    };
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server {
        child,
        base,
        banner,
    }
}

fn stop(mut server: Server) {
    let pid = nix::unistd::Pid::from_raw(server.child.id() as i32);
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).unwrap();
    let status = server.child.wait().unwrap();
    assert!(
        status.success(),
        "the server did not shut down cleanly: {status:?}"
    );
}

#[tokio::test]
async fn serve_without_database_url_runs_a_private_cluster() {
    let data_dir =
        std::env::temp_dir().join(format!("sdp-private-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&data_dir).unwrap();
    let postmaster_pid = data_dir.join("postgres/postmaster.pid");

    let server = start(&data_dir);
    // First run: an administrator with a one-time password, printed once.
    let printed = server.banner.join("\n");
    let password = printed
        .split("one-time password: ")
        .nth(1)
        .expect("no one-time password printed")
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(password.chars().count(), 20, "{printed}");
    let html = reqwest::get(format!("{}/text", server.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(html.matches(r#"class="app-paragraph" id="p"#).count(), 63);
    assert!(
        postmaster_pid.exists(),
        "the cluster is not in the data directory"
    );
    stop(server);
    // The process that started the cluster stops it on shutdown: the postmaster removes its pid
    // file as the last thing it does, once its own processes have exited.
    eventually(PATIENCE, "the cluster to stop", || async {
        if postmaster_pid.exists() {
            Err("postmaster.pid is still in the data directory: the cluster was left running")
        } else {
            Ok(())
        }
    })
    .await;

    // A second start reuses the data: the text is there without a second import.
    let server = start(&data_dir);
    assert!(
        !server.banner.join("\n").contains("one-time password"),
        "the password is printed only on the first run"
    );
    let ready = reqwest::get(format!("{}/readyz", server.base))
        .await
        .unwrap();
    assert_eq!(ready.status(), 200);
    let home = reqwest::get(format!("{}/", server.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(home.contains("9783/25"));
    stop(server);

    let _ = std::fs::remove_dir_all(&data_dir);
}
