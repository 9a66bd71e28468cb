//! The fault test: PostgreSQL is killed (`kill -9` of the postmaster) while writers save through
//! the API, and started again. Every acknowledged write (201) is in the database afterwards, with
//! its audit event; while the server is down every request that needs it answers 503 — pages and
//! API, signed in or not — never 500; writes succeed again within [`RECOVERY_LIMIT`] of
//! PostgreSQL accepting connections, without restarting the app.
//!
//! It runs on a private cluster of its own under `target/`, whatever `DATABASE_URL` says.

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use reqwest::{Client, StatusCode, header};
use sdp_tracker::{
    accounts,
    db::{
        self,
        audit::Actor,
        cluster::{ClusterOptions, PrivateCluster},
    },
    domain::{
        account::{Role, Side},
        cycle::CycleState,
    },
    startup,
};
use serde_json::{Value, json};
use sqlx::{Connection as _, PgConnection};

use crate::common::{
    PASSWORD, SEED, fixtures, new_client,
    outage::{Callers, ask_everyone},
    serve, test_config,
};

/// How soon writes must succeed again once PostgreSQL accepts connections.
const RECOVERY_LIMIT: Duration = Duration::from_secs(5);
/// Writers saving concurrently, each its own commitment.
const REFS: [&str; 4] = ["10", "11", "12", "13"];
/// Writes acknowledged before the kill.
const BEFORE_KILL: usize = 12;
/// The bound on every wait of this test (a loaded two-core machine).
const STEP_LIMIT: Duration = Duration::from_secs(30);
const YEAR: i32 = 2026;
const DATABASE: &str = "sdp_fault";

/// One write attempt of a writer.
#[derive(Debug, Clone)]
struct Attempt {
    reference: &'static str,
    started: Instant,
    ended: Instant,
    status: Option<StatusCode>,
    /// The version acknowledged by a 201.
    version: Option<i32>,
}

/// The private cluster's directories, removed (after an immediate stop) even when the test fails.
struct Dirs {
    requested: PathBuf,
    used: Option<PathBuf>,
}

impl Drop for Dirs {
    fn drop(&mut self) {
        if let Some(used) = &self.used {
            if let Some(pid) = postmaster_pid(used) {
                // SIGQUIT: PostgreSQL's immediate shutdown.
                let _ = nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGQUIT);
                wait_gone(pid, STEP_LIMIT);
            }
            // Under root the cluster may live in /var/tmp/sdp-tracker-<hash>/postgres.
            if let Some(base) = used.parent().filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("sdp-tracker-"))
            }) {
                let _ = std::fs::remove_dir_all(base);
            }
        }
        let _ = std::fs::remove_dir_all(self.requested.parent().unwrap());
    }
}

fn postmaster_pid(data_dir: &Path) -> Option<nix::unistd::Pid> {
    let text = std::fs::read_to_string(data_dir.join("postmaster.pid")).ok()?;
    let pid: i32 = text.lines().next()?.trim().parse().ok()?;
    Some(nix::unistd::Pid::from_raw(pid))
}

/// Whether `pid` is gone (or a zombie nobody reaped yet).
fn is_gone(pid: nix::unistd::Pid) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rfind(')')
            .and_then(|i| stat[i + 1..].split_whitespace().next())
            .is_some_and(|state| state == "Z" || state == "X"),
    }
}

fn wait_gone(pid: nix::unistd::Pid, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if is_gone(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

/// Starts the cluster, retrying while the killed server's processes still hold its shared
/// memory (PostgreSQL refuses to start until they have exited).
async fn start(opts: &ClusterOptions) -> PrivateCluster {
    let deadline = Instant::now() + STEP_LIMIT;
    loop {
        match PrivateCluster::ensure_running(opts).await {
            Ok(cluster) => return cluster,
            Err(err) if Instant::now() < deadline => {
                tracing::info!(error = %err, "PostgreSQL not startable yet");
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(err) => panic!("PostgreSQL did not start again: {err}"),
        }
    }
}

/// Saves assessments of `reference` one version after the other until `stop`.
async fn writer(
    base: String,
    token: String,
    reference: &'static str,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<Attempt>>>,
) {
    let client = Client::new();
    let url = format!("{base}/api/v1/cycles/{YEAR}/assessments");
    let mut seen = 0;
    let mut n = 0;
    while !stop.load(Ordering::SeqCst) {
        n += 1;
        let body = json!({"ref": reference, "side": "eu", "status": "on_track",
                          "narrative": format!("write {n} of {reference}")});
        let started = Instant::now();
        let response = client
            .post(&url)
            .bearer_auth(&token)
            .header(header::IF_MATCH, format!("\"{seen}\""))
            .json(&body)
            .timeout(STEP_LIMIT)
            .send()
            .await;
        let (status, version) = match response {
            Ok(response) => {
                let status = response.status();
                let etag = response
                    .headers()
                    .get(header::ETAG)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim_matches('"').parse::<i32>().ok());
                let body: Value = response.json().await.unwrap_or(Value::Null);
                let version = etag.filter(|_| status == StatusCode::CREATED);
                match (status, version) {
                    (StatusCode::CREATED, Some(v)) => seen = v,
                    // The outcome of a write was unknown (its commit raced the kill): start
                    // again from what the database holds.
                    (StatusCode::PRECONDITION_FAILED, _) => {
                        seen = body["error"]["current_version"].as_i64().unwrap_or(0) as i32;
                    }
                    _ => {}
                }
                (Some(status), version)
            }
            Err(_) => (None, None),
        };
        log.lock().unwrap().push(Attempt {
            reference,
            started,
            ended: Instant::now(),
            status,
            version,
        });
    }
}

/// Polls `log` until `done` holds of it, within `limit`.
async fn wait_for(log: &Mutex<Vec<Attempt>>, limit: Duration, done: impl Fn(&[Attempt]) -> bool) {
    let deadline = Instant::now() + limit;
    while !done(&log.lock().unwrap()) {
        assert!(Instant::now() < deadline, "gave up waiting after {limit:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn counts(statuses: impl Iterator<Item = Option<StatusCode>>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for status in statuses {
        let key = status.map_or_else(|| "no answer".to_owned(), |s| s.as_u16().to_string());
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn writes_survive_a_postgres_crash_and_only_503s_are_answered_while_it_is_down() {
    sdp_tracker::telemetry::init_for_tests();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!(
        "target/fault-postgres-{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    ));
    let opts = ClusterOptions {
        data_dir: root.join("pg"),
    };
    let mut dirs = Dirs {
        requested: opts.data_dir.clone(),
        used: None,
    };
    let cluster = start(&opts).await;
    let data_dir = cluster.data_dir().to_path_buf();
    dirs.used = Some(data_dir.clone());

    // Arrange: the app on its own cluster, an open cycle, an officer signed in and with a token.
    let owner_url = cluster.url(DATABASE);
    db::migrate(&owner_url).await.unwrap();
    let pool = db::connect(&cluster.url_as(DATABASE, db::APP_ROLE))
        .await
        .unwrap();
    startup::seed_if_empty(&pool, Path::new(SEED))
        .await
        .unwrap();
    fixtures::cycle(&pool, YEAR, CycleState::Open).await;
    let email = format!("officer-{}@example.org", uuid::Uuid::new_v4().simple());
    let hash = sdp_tracker::auth::password::hash(PASSWORD.into())
        .await
        .unwrap();
    db::users::insert(
        &pool,
        &db::users::NewUser {
            email: &email,
            display_name: "Fault Officer",
            role: Role::Officer,
            side: Some(Side::Eu),
            organisation: Some("EEAS"),
            password_hash: &hash,
            must_change_password: false,
        },
    )
    .await
    .unwrap();
    let token = accounts::add_token(&pool, &email, "fault", &Actor::cli())
        .await
        .unwrap();
    let area: String = sqlx::query_scalar("select slug from area where parent_id is not null")
        .fetch_one(&pool)
        .await
        .unwrap();
    let (addr, server) = serve(pool.clone(), test_config()).await;
    let base = format!("http://{addr}");
    let browser = new_client();
    let login = browser
        .post(format!("{base}/login"))
        .form(&[("email", email.as_str()), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    let callers = Callers {
        browser,
        token: token.clone(),
        anonymous: new_client(),
        area,
        year: YEAR,
    };

    // Act: writers save; PostgreSQL is killed under them, then started again.
    let stop = Arc::new(AtomicBool::new(false));
    let log = Arc::new(Mutex::new(Vec::new()));
    let writers: Vec<_> = REFS
        .iter()
        .map(|r| {
            tokio::spawn(writer(
                base.clone(),
                token.clone(),
                r,
                Arc::clone(&stop),
                Arc::clone(&log),
            ))
        })
        .collect();
    wait_for(&log, STEP_LIMIT, |log| {
        log.iter().filter(|a| a.version.is_some()).count() >= BEFORE_KILL
    })
    .await;

    let pid = postmaster_pid(&data_dir).expect("postmaster.pid");
    nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGKILL).unwrap();
    assert!(
        wait_gone(pid, STEP_LIMIT),
        "the postmaster survived kill -9"
    );
    let down_since = Instant::now();
    drop(cluster);

    let probes = ask_everyone(&base, &callers).await;
    // Every writer has been answered at least once since the server went down.
    wait_for(&log, STEP_LIMIT, |log| {
        REFS.iter().all(|r| {
            log.iter()
                .any(|a| a.reference == *r && a.started >= down_since)
        })
    })
    .await;
    let restart_at = Instant::now();
    let cluster = start(&opts).await;
    let accepting_at = Instant::now();
    wait_for(&log, RECOVERY_LIMIT + STEP_LIMIT, |log| {
        log.iter()
            .any(|a| a.version.is_some() && a.started >= accepting_at)
    })
    .await;
    let recovered_in = log
        .lock()
        .unwrap()
        .iter()
        .filter(|a| a.version.is_some() && a.started >= accepting_at)
        .map(|a| a.ended - accepting_at)
        .min()
        .unwrap();
    // A few more writes after recovery, then stop.
    let written_by_then = log.lock().unwrap().len();
    wait_for(&log, STEP_LIMIT, |log| {
        log.len() >= written_by_then + 2 * REFS.len()
    })
    .await;
    stop.store(true, Ordering::SeqCst);
    for w in writers {
        w.await.unwrap();
    }
    let attempts = log.lock().unwrap().clone();

    // Assert: the figures first, so that a failure comes with them.
    let acknowledged: Vec<(&str, i32)> = attempts
        .iter()
        .filter_map(|a| a.version.map(|v| (a.reference, v)))
        .collect();
    let mut owner = PgConnection::connect(&owner_url).await.unwrap();
    let mut present = 0;
    for (reference, version) in &acknowledged {
        let found: bool = sqlx::query_scalar(
            "select exists (select from assessment a join commitment c on c.id = a.commitment_id
                            join review_cycle y on y.id = a.cycle_id
                            where c.ref = $1 and a.side = 'eu' and a.version = $2 and y.year = $3)",
        )
        .bind(reference)
        .bind(version)
        .bind(YEAR)
        .fetch_one(&mut owner)
        .await
        .unwrap();
        present += usize::from(found);
    }
    let unaudited: i64 = sqlx::query_scalar(
        "select count(*) from assessment a where not exists
           (select from audit_event e where e.entity = 'assessment' and e.entity_id = a.id::text)",
    )
    .fetch_one(&mut owner)
    .await
    .unwrap();
    owner.close().await.ok();
    let while_down: Vec<&Attempt> = attempts
        .iter()
        .filter(|a| a.started >= down_since && a.ended <= restart_at)
        .collect();
    let down_counts = counts(
        while_down
            .iter()
            .map(|a| a.status)
            .chain(probes.iter().map(|p| Some(p.status))),
    );
    println!(
        "fault test: {} writes acknowledged ({} before the kill), {present} of them in the database \
         afterwards, {unaudited} without an audit event; while down ({:.1} s): {down_counts:?}; \
         writes succeeded again {:.2} s after PostgreSQL accepted connections; all answers: {:?}",
        acknowledged.len(),
        attempts
            .iter()
            .filter(|a| a.version.is_some() && a.ended <= down_since)
            .count(),
        (restart_at - down_since).as_secs_f64(),
        recovered_in.as_secs_f64(),
        counts(attempts.iter().map(|a| a.status)),
    );

    assert_eq!(
        present,
        acknowledged.len(),
        "an acknowledged write is missing"
    );
    assert_eq!(unaudited, 0, "a revision without its audit event");
    let failures: Vec<String> = probes.iter().filter_map(|p| p.check().err()).collect();
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(!while_down.is_empty());
    assert!(
        while_down
            .iter()
            .all(|a| a.status == Some(StatusCode::SERVICE_UNAVAILABLE)),
        "while down: {down_counts:?}"
    );
    assert!(
        attempts.iter().all(|a| a
            .status
            .is_some_and(|s| s != StatusCode::INTERNAL_SERVER_ERROR)),
        "{:?}",
        counts(attempts.iter().map(|a| a.status))
    );
    assert!(
        recovered_in <= RECOVERY_LIMIT,
        "writes succeeded again only {recovered_in:?} after PostgreSQL accepted connections"
    );
    // The same app, never restarted, serves the signed-in reader again.
    assert!(!server.is_finished());
    let page = callers
        .browser
        .get(format!("{base}/app"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);

    server.abort();
    pool.close().await;
    cluster.stop().await.unwrap();
    drop(dirs);
}
