//! The fuzzer (issue 9): a bounded, seeded generator sends bad input to every route the router
//! serves — forms with a valid session, the API with a token, random path parameters and query
//! strings on every GET route: unicode, huge and empty strings, NUL, invalid UTF-8 in urlencoded
//! bodies, wrong content types, missing and duplicated fields. It asserts that no answer is a 5xx
//! and that no refused request (4xx) changed a row: every table is fingerprinted before and after
//! each request.
//!
//! - `FUZZ_SEED=N` replays a run (each run prints its seed; without it the seed is random).
//! - `FUZZ_CASES=N` sets the number of inputs (default [`DEFAULT_CASES`], under a minute on two
//!   cores). A longer run by hand:
//!   `FUZZ_CASES=50000 cargo test --test it fuzz:: -- --nocapture`.
//! - `FUZZ_VERBOSE=1` prints every request and its answer.
//! - `FUZZ_WORKERS=N` sets how many app instances, each on its own database, take the cases in
//!   turn (default [`DEFAULT_WORKERS`]); each instance gets its cases one at a time, so that a
//!   change in the database belongs to exactly one request.
//!
//! The route list is kept in `routes.rs`, with what each route is sent;
//! `the_route_list_is_the_routers` fails when the router serves a route that is not in it (or the
//! list names one it does not).

mod fingerprint;
mod generate;
pub(crate) mod routes;
mod runner;
mod values;

use std::{
    collections::{BTreeMap, BTreeSet},
    time::{Duration, Instant},
};

use rand::{SeedableRng, rngs::StdRng};
use reqwest::StatusCode;
use sdp_tracker::{accounts, db::audit::Actor, domain::account::Role, state::AppState};

use crate::common::{spawn_app, test_config};
use fingerprint::snapshot_sql;
use routes::{normalise, routes, served_templates};
use runner::Fuzzer;

/// Inputs per run in CI: at least 2,000 across the routes, in well under a minute.
const DEFAULT_CASES: usize = 2_100;
/// App instances working at once: requests overlap with the database's work on two cores.
const DEFAULT_WORKERS: usize = 3;
/// The longest any one request may take before the run fails (a report in a debug build on a
/// loaded machine takes a few seconds).
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// The client address of the login fuzzing, so that its throttling leaves the workers' own
/// logins alone.
const LOGIN_FUZZ_IP: std::net::Ipv4Addr = std::net::Ipv4Addr::new(127, 0, 0, 3);

#[tokio::test]
async fn the_route_list_is_the_routers() {
    let app = spawn_app().await;
    let state = AppState::load(app.db.pool.clone(), test_config())
        .await
        .unwrap();
    let served: BTreeSet<String> = served_templates(&sdp_tracker::routes::app(state))
        .iter()
        .map(|t| normalise(t))
        .collect();
    assert!(
        served.contains("/healthz") && served.len() > 40,
        "the router's Debug output no longer lists its routes: {served:?}"
    );
    let listed: BTreeSet<String> = routes().iter().map(|r| r.template.to_owned()).collect();
    let unlisted: Vec<_> = served.difference(&listed).collect();
    let unknown: Vec<_> = listed.difference(&served).collect();
    assert!(
        unlisted.is_empty() && unknown.is_empty(),
        "served but not fuzzed: {unlisted:?}; listed but not served: {unknown:?}"
    );
}

/// The fingerprint the fuzzer compares sees an insert, an update and a delete in any table, and
/// leaves out only what a refused request may touch by design.
#[tokio::test]
async fn the_fingerprint_sees_inserts_updates_and_deletes() {
    let app = spawn_app().await;
    let pool = &app.db.pool;
    let tables: Vec<String> = sqlx::query_scalar(
        "select table_name::text from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let sql = snapshot_sql(&tables);
    let snapshot = || async {
        sqlx::query_scalar::<_, Vec<String>>(&sql)
            .fetch_one(pool)
            .await
            .unwrap()
    };
    let changed = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter()
            .zip(b)
            .filter(|(x, y)| x != y)
            .map(|(x, _)| x.split(':').next().unwrap().to_owned())
            .collect()
    };

    let start = snapshot().await;
    assert_eq!(start, snapshot().await, "stable when nothing changes");
    let user = app.create_user(Role::Viewer, None).await;
    let inserted = snapshot().await;
    assert_eq!(changed(&start, &inserted), ["app_user"]);
    sqlx::query("update app_user set display_name = 'Renamed' where id = $1")
        .bind(user.id)
        .execute(pool)
        .await
        .unwrap();
    let updated = snapshot().await;
    assert_eq!(changed(&inserted, &updated), ["app_user"]);
    sqlx::query("delete from app_user where id = $1")
        .bind(user.id)
        .execute(pool)
        .await
        .unwrap();
    assert_eq!(changed(&updated, &snapshot().await), ["app_user"]);

    // A token's last use is not a change; its revocation is.
    let owner = app.create_user(Role::Viewer, None).await;
    let token = accounts::add_token(pool, &owner.email, "t", &Actor::cli())
        .await
        .unwrap();
    let before = snapshot().await;
    let response = app
        .client
        .get(app.url("/api/v1/cycles"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(changed(&before, &snapshot().await), Vec::<String>::new());
    sqlx::query("update api_token set revoked_at = now()")
        .execute(pool)
        .await
        .unwrap();
    assert_eq!(changed(&before, &snapshot().await), ["api_token"]);
}

/// Run parameters from the environment.
struct Plan {
    seed: u64,
    cases: usize,
    workers: usize,
}

impl Plan {
    fn from_env() -> Plan {
        let var = |name: &str| std::env::var(name).ok().and_then(|v| v.trim().parse().ok());
        Plan {
            seed: var("FUZZ_SEED").unwrap_or_else(rand::random),
            cases: var("FUZZ_CASES")
                .map(|n: u64| n as usize)
                .unwrap_or(DEFAULT_CASES),
            workers: var("FUZZ_WORKERS")
                .map(|n: u64| (n as usize).max(1))
                .unwrap_or(DEFAULT_WORKERS),
        }
    }
}

// Several threads: the app instances serve in parallel while this task drives their clients.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_input_gets_a_5xx_and_no_refusal_changes_a_row() {
    let plan = Plan::from_env();
    println!(
        "fuzz: FUZZ_SEED={} FUZZ_CASES={} FUZZ_WORKERS={}",
        plan.seed, plan.cases, plan.workers
    );
    let started = Instant::now();
    // Each route's cases in turn, by weight, so that every route is reached in any run of more
    // than one round.
    let schedule: Vec<usize> = routes()
        .iter()
        .enumerate()
        .flat_map(|(i, r)| std::iter::repeat_n(i, r.weight))
        .collect();
    assert!(
        plan.cases >= schedule.len() || std::env::var("FUZZ_CASES").is_ok(),
        "the default run covers every route"
    );

    let workers = (0..plan.workers).map(|worker| {
        let cases: Vec<usize> = (worker..plan.cases).step_by(plan.workers).collect();
        let schedule = &schedule;
        let seed = plan.seed;
        async move {
            let routes = routes();
            let started = Instant::now();
            let mut fuzzer = Fuzzer::start().await;
            fuzzer.report.setup = started.elapsed();
            for case in cases {
                let route = &routes[schedule[case % schedule.len()]];
                let mut rng =
                    StdRng::seed_from_u64(seed ^ (case as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
                fuzzer.run(case, route, &mut rng).await;
            }
            fuzzer.report
        }
    });
    let mut report = Report::default();
    for part in join_all(workers.collect()).await {
        report.merge(part);
    }

    let inputs: usize = report
        .by_route
        .values()
        .map(|s| s.values().sum::<usize>())
        .sum();
    let server_errors = report.server_errors.len();
    println!(
        "fuzz: {inputs} inputs over {} routes, {server_errors} server errors, {} refusals that changed rows, {:.1}s",
        report.by_route.len(),
        report.changed_rows.len(),
        started.elapsed().as_secs_f64()
    );
    let mut statuses: BTreeMap<u16, usize> = BTreeMap::new();
    for by_status in report.by_route.values() {
        for (status, n) in by_status {
            *statuses.entry(*status).or_default() += n;
        }
    }
    println!("fuzz: statuses {statuses:?}");
    println!(
        "fuzz: setup {:.1}s; summed over the workers: waiting for answers {:.1}s, fingerprinting {:.1}s",
        report.setup.as_secs_f64(),
        report.requests.as_secs_f64(),
        report.snapshots.as_secs_f64()
    );
    for (route, by_status) in &report.by_route {
        println!("fuzz:   {route}: {by_status:?}");
    }
    assert_eq!(inputs, plan.cases, "every input was sent");
    let failures: Vec<&String> = report
        .server_errors
        .iter()
        .chain(&report.changed_rows)
        .collect();
    assert!(
        failures.is_empty(),
        "FUZZ_SEED={}: {} failures:\n{}",
        plan.seed,
        failures.len(),
        failures
            .iter()
            .take(40)
            .map(|f| f.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Runs the futures concurrently on this task (they need not be `Send`) and returns their outputs
/// in order.
async fn join_all<F: std::future::Future>(futures: Vec<F>) -> Vec<F::Output> {
    use std::task::Poll;
    let mut futures: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(value) => *output = Some(value),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().map(Option::unwrap).collect()
}

#[derive(Default)]
struct Report {
    /// Route → status → count.
    by_route: BTreeMap<String, BTreeMap<u16, usize>>,
    /// Time spent starting instances, waiting for answers, and fingerprinting the database.
    setup: Duration,
    requests: Duration,
    snapshots: Duration,
    server_errors: Vec<String>,
    changed_rows: Vec<String>,
}

impl Report {
    fn merge(&mut self, other: Report) {
        for (route, by_status) in other.by_route {
            let mine = self.by_route.entry(route).or_default();
            for (status, n) in by_status {
                *mine.entry(status).or_default() += n;
            }
        }
        self.server_errors.extend(other.server_errors);
        self.changed_rows.extend(other.changed_rows);
        self.setup = self.setup.max(other.setup);
        self.requests += other.requests;
        self.snapshots += other.snapshots;
    }
}
