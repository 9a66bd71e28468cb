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
//! The route list is kept here, with what each route is sent; `the_route_list_is_the_routers`
//! fails when the router serves a route that is not in it (or the list names one it does not).

use std::{
    collections::{BTreeMap, BTreeSet},
    fmt::Write as _,
    time::{Duration, Instant},
};

use rand::{Rng, SeedableRng, rngs::StdRng, seq::SliceRandom};
use reqwest::{Client, Method, StatusCode};
use sdp_tracker::{
    accounts,
    db::{audit::Actor, users},
    domain::{
        account::{Role, Side},
        cycle::CycleState,
    },
    routes,
    state::AppState,
};
use sqlx::PgPool;

use crate::common::{PASSWORD, TestApp, client_from, fixtures, spawn_app, test_config};

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

/// Who sends a route's requests: the account that gets past the role check, so that the input
/// reaches the handler's own checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Anonymous,
    Viewer,
    OfficerEu,
    OfficerCa,
    Secretariat,
    Admin,
    /// A session used only for `/logout`, signed in again after each logout.
    LeavingViewer,
    /// An EU officer's personal API token.
    Token,
}

const SESSIONS: [Who; 6] = [
    Who::Viewer,
    Who::OfficerEu,
    Who::OfficerCa,
    Who::Secretariat,
    Who::Admin,
    Who::LeavingViewer,
];

#[derive(Clone, Copy, Debug)]
enum Body {
    None,
    /// A URL-encoded form with these fields.
    Form(&'static [&'static str]),
    /// The API's JSON assessment.
    Json,
}

struct Route {
    method: Method,
    template: &'static str,
    who: Who,
    body: Body,
    /// Cases per round: writes get more, the slow ones (password hashing, PDF) fewer.
    weight: usize,
    /// Rendering it takes seconds: its path parameters are seldom valid.
    slow: bool,
}

const ACCOUNT_FIELDS: &[&str] = &[
    "email",
    "display_name",
    "role",
    "side",
    "organisation",
    "active",
];
const ASSESSMENT_FIELDS: &[&str] = &[
    "status",
    "narrative",
    "version",
    "cycle",
    "evidence_url",
    "evidence_label",
    "evidence_url_1",
    "evidence_label_1",
    "evidence_url_2",
];
const CYCLE_FIELDS: &[&str] = &[
    "year",
    "title",
    "meeting_date",
    "place",
    "opens_on",
    "deadline",
];
const JOINT_FIELDS: &[&str] = &[
    "status",
    "summary_en",
    "summary_fr",
    "next_steps",
    "version",
];
const ERRATUM_FIELDS: &[&str] = &[
    "reference",
    "reason",
    "status",
    "summary_en",
    "summary_fr",
    "next_steps",
];
const LEAD_FIELDS: &[&str] = &["commitment", "user_id"];

/// Every route the router serves, with who sends it what.
fn routes() -> Vec<Route> {
    use Who::*;
    let get = |template: &'static str, who, weight| Route {
        method: Method::GET,
        template,
        who,
        body: Body::None,
        weight,
        slow: template.ends_with(".pdf") || template.ends_with(".docx"),
    };
    let post = |template, who, body, weight| Route {
        method: Method::POST,
        template,
        who,
        body,
        weight,
        slow: false,
    };
    vec![
        get("/", Anonymous, 1),
        get("/text", Anonymous, 1),
        get("/areas/{slug}", Anonymous, 2),
        get("/healthz", Anonymous, 1),
        get("/readyz", Anonymous, 1),
        get("/metrics", Anonymous, 1),
        get("/static", Anonymous, 1),
        get("/static/{*path}", Anonymous, 2),
        // The fallback: any path no route serves.
        get("/{*path}", OfficerEu, 2),
        get("/login", Anonymous, 1),
        post(
            "/login",
            Anonymous,
            Body::Form(&["email", "password", "next"]),
            3,
        ),
        post("/logout", LeavingViewer, Body::Form(&[]), 1),
        get("/account", Viewer, 1),
        get("/account/password", OfficerCa, 1),
        post(
            "/account/password",
            OfficerCa,
            Body::Form(&["current", "new", "confirm"]),
            3,
        ),
        post("/account/tokens", Viewer, Body::Form(&["label"]), 4),
        post("/account/tokens/{id}/revoke", Viewer, Body::Form(&[]), 4),
        get("/app", OfficerEu, 1),
        get("/app/search", Viewer, 2),
        get("/app/areas/{slug}", OfficerEu, 2),
        get("/app/commitments/{reference}", OfficerEu, 2),
        post(
            "/app/commitments/{reference}/assessments/{side}",
            OfficerEu,
            Body::Form(ASSESSMENT_FIELDS),
            12,
        ),
        get("/app/cycles", Secretariat, 1),
        post("/app/cycles", Secretariat, Body::Form(CYCLE_FIELDS), 8),
        get("/app/cycles/{year}", Secretariat, 2),
        post(
            "/app/cycles/{year}/state",
            Secretariat,
            Body::Form(&["state"]),
            4,
        ),
        get("/app/cycles/{year}/compare", Viewer, 1),
        get("/app/cycles/{year}/report.html", Viewer, 1),
        get("/app/cycles/{year}/report.docx", Viewer, 1),
        get("/app/cycles/{year}/report.pdf", Viewer, 1),
        get("/app/cycles/{year}/report.csv", Viewer, 1),
        get("/app/cycles/{year}/report.json", Viewer, 1),
        get("/app/cycles/{year}/reconcile", Secretariat, 1),
        post(
            "/app/cycles/{year}/reconcile/accept-agreed",
            Secretariat,
            Body::Form(&[]),
            3,
        ),
        get("/app/cycles/{year}/reconcile/{reference}", Secretariat, 2),
        post(
            "/app/cycles/{year}/reconcile/{reference}",
            Secretariat,
            Body::Form(JOINT_FIELDS),
            8,
        ),
        get("/app/cycles/{year}/errata", Secretariat, 1),
        post(
            "/app/cycles/{year}/errata",
            Secretariat,
            Body::Form(ERRATUM_FIELDS),
            8,
        ),
        get("/app/audit", Admin, 1),
        get("/app/admin", Admin, 1),
        get("/app/admin/users", Admin, 1),
        get("/app/admin/users/new", Admin, 1),
        post("/app/admin/users/new", Admin, Body::Form(ACCOUNT_FIELDS), 6),
        get("/app/admin/users/{id}", Admin, 2),
        post(
            "/app/admin/users/{id}",
            Admin,
            Body::Form(ACCOUNT_FIELDS),
            6,
        ),
        post(
            "/app/admin/users/{id}/reset-password",
            Admin,
            Body::Form(&[]),
            3,
        ),
        post(
            "/app/admin/users/{id}/deactivate",
            Admin,
            Body::Form(&[]),
            3,
        ),
        get("/app/admin/assignments", Admin, 1),
        post("/app/admin/assignments", Admin, Body::Form(LEAD_FIELDS), 5),
        post(
            "/app/admin/assignments/remove",
            Admin,
            Body::Form(LEAD_FIELDS),
            5,
        ),
        get("/api/openapi.json", Anonymous, 1),
        get("/api/docs", Anonymous, 1),
        get("/api/docs/", Anonymous, 1),
        get("/api/docs/{*rest}", Anonymous, 1),
        get("/api/v1/partnerships/{slug}", Token, 2),
        get("/api/v1/commitments", Token, 1),
        get("/api/v1/commitments/{ref}", Token, 2),
        get("/api/v1/cycles", Token, 1),
        get("/api/v1/cycles/{year}", Token, 2),
        get("/api/v1/cycles/{year}/assessments", Token, 2),
        post("/api/v1/cycles/{year}/assessments", Token, Body::Json, 12),
    ]
}

/// The route templates the router serves, read from its `Debug` output (axum lists its route
/// table there; it has no other way to enumerate it).
fn served_templates(router: &axum::Router) -> BTreeSet<String> {
    let debug = format!("{router:?}");
    let pattern = regex::Regex::new(r#"RouteId\(\d+\): "([^"]*)""#).unwrap();
    pattern
        .captures_iter(&debug)
        .map(|c| c[1].to_owned())
        .collect()
}

/// The same template with axum's internal names for a wildcard written as ours.
fn normalise(template: &str) -> String {
    template
        .replace("{*__private__axum_nest_tail_param}", "{*path}")
        .replace("{*__private__axum_fallback}", "{*path}")
}

#[tokio::test]
async fn the_route_list_is_the_routers() {
    let app = spawn_app().await;
    let state = AppState::load(app.db.pool.clone(), test_config())
        .await
        .unwrap();
    let served: BTreeSet<String> = served_templates(&routes::app(state))
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

/// Values the generator draws from, known once the fixtures exist.
struct Pools {
    /// Accounts the fuzzer may edit, deactivate and assign: never one it signs in with.
    victims: Vec<i64>,
}

/// One app instance, its database, its signed-in clients and what it has seen.
struct Fuzzer {
    app: TestApp,
    clients: BTreeMap<Who, Client>,
    emails: BTreeMap<Who, String>,
    token: String,
    pools: Pools,
    snapshot_sql: String,
    last: Vec<String>,
    report: Report,
}

impl Fuzzer {
    async fn start() -> Fuzzer {
        let app = spawn_app().await;
        let pool = app.db.pool.clone();
        // Three Dialogues: one published, one being reconciled, one open for assessments. Each
        // is assessed while open (a frozen cycle refuses new rows), then moved on.
        let mut cycles = Vec::new();
        for (year, to, status) in [
            (2024, CycleState::Published, "completed"),
            (2025, CycleState::Reconciliation, "on_track"),
            (2026, CycleState::Open, "on_track"),
        ] {
            let id = fixtures::cycle(&pool, year, CycleState::Open).await;
            for reference in ["25(c)", "13", "9(a)"] {
                fixtures::assess(&pool, id, reference, "eu", status, "Progress.").await;
                fixtures::assess(&pool, id, reference, "ca", "challenges", "Delays.").await;
            }
            let mut at = CycleState::Open;
            if to == CycleState::Published {
                fixtures::move_to(&pool, id, at, CycleState::Reconciliation).await;
                at = CycleState::Reconciliation;
                fixtures::joint(&pool, id, "25(c)", "completed").await;
            }
            fixtures::move_to(&pool, id, at, to).await;
            cycles.push(id);
        }
        fixtures::joint(&pool, cycles[1], "13", "on_track").await;

        // One hash for every account: argon2 is the slow part of signing in.
        let hash = sdp_tracker::auth::password::hash(PASSWORD.into())
            .await
            .unwrap();
        let mut victims = Vec::new();
        for (role, side) in [
            (Role::Officer, Some(Side::Eu)),
            (Role::Viewer, None),
            (Role::Secretariat, None),
        ] {
            victims.push(insert_user(&pool, &hash, role, side).await.0);
        }
        let mut clients = BTreeMap::new();
        let mut emails = BTreeMap::new();
        for who in SESSIONS {
            let (role, side) = match who {
                Who::Viewer | Who::LeavingViewer => (Role::Viewer, None),
                Who::OfficerEu => (Role::Officer, Some(Side::Eu)),
                Who::OfficerCa => (Role::Officer, Some(Side::Ca)),
                Who::Secretariat => (Role::Secretariat, None),
                _ => (Role::Admin, None),
            };
            let (_, email) = insert_user(&pool, &hash, role, side).await;
            clients.insert(who, app.login(&email, PASSWORD).await);
            emails.insert(who, email);
        }
        let (_, email) = insert_user(&pool, &hash, Role::Officer, Some(Side::Eu)).await;
        let token = accounts::add_token(&pool, &email, "fuzz", &Actor::cli())
            .await
            .unwrap();
        clients.insert(Who::Anonymous, client_from(LOGIN_FUZZ_IP));
        clients.insert(Who::Token, crate::common::new_client());

        let tables: Vec<String> = sqlx::query_scalar(
            "select table_name::text from information_schema.tables
             where table_schema = 'public' and table_type = 'BASE TABLE'
             order by 1",
        )
        .fetch_all(&pool)
        .await
        .unwrap();
        let snapshot_sql = snapshot_sql(&tables);
        let mut fuzzer = Fuzzer {
            app,
            clients,
            emails,
            token,
            pools: Pools { victims },
            snapshot_sql,
            last: Vec::new(),
            report: Report::default(),
        };
        fuzzer.last = fuzzer.snapshot().await;
        fuzzer
    }

    async fn snapshot(&self) -> Vec<String> {
        sqlx::query_scalar(&self.snapshot_sql)
            .fetch_one(&self.app.db.pool)
            .await
            .unwrap()
    }

    async fn run(&mut self, case: usize, route: &Route, rng: &mut StdRng) {
        let request = generate(route, rng, &self.pools);
        let who = if route.who != Who::Anonymous && route.who != Who::Token && rng.gen_bool(0.1) {
            // Now and then another account: the role check must refuse it cleanly.
            *SESSIONS[..5].choose(rng).unwrap()
        } else {
            route.who
        };
        let client = &self.clients[&who];
        let url = format!("http://{}{}", self.app.addr, request.target);
        let mut builder = client
            .request(route.method.clone(), &url)
            .timeout(REQUEST_TIMEOUT);
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        if who == Who::Token && !request.headers.iter().any(|(n, _)| *n == "authorization") {
            builder = builder.bearer_auth(&self.token);
        }
        if let Some(body) = &request.body {
            builder = builder.body(body.clone());
        }
        let sent = Instant::now();
        let response = match builder.send().await {
            Ok(r) => r,
            Err(e) => panic!("case {case}: {} {url}: {e}", route.method),
        };
        let status = response.status();
        // The whole body: a handler that fails half-way through a stream shows here.
        let body = response.bytes().await;
        self.report.requests += sent.elapsed();
        let fingerprinted = Instant::now();
        let after = self.snapshot().await;
        self.report.snapshots += fingerprinted.elapsed();
        *self
            .report
            .by_route
            .entry(format!("{} {}", route.method, route.template))
            .or_default()
            .entry(status.as_u16())
            .or_default() += 1;
        let describe = || {
            format!(
                "case {case}: {} {} as {who:?} -> {status}\n    {}",
                route.method,
                preview(request.target.as_bytes(), 300),
                request.describe()
            )
        };
        if std::env::var_os("FUZZ_VERBOSE").is_some() {
            println!("{}", describe());
        }
        if status.is_server_error() || body.is_err() {
            self.report.server_errors.push(describe());
        } else if status.is_client_error() {
            let changed = changed_tables(&self.last, &after, route, status);
            if !changed.is_empty() {
                self.report
                    .changed_rows
                    .push(format!("{} changed {changed:?}", describe()));
            }
        }
        self.last = after;
        if route.template == "/logout" && status.is_redirection() {
            // Signed out (whoever sent it): signed in again for the cases to come.
            let email = self.emails[&who].clone();
            let client = self.app.login(&email, PASSWORD).await;
            self.clients.insert(who, client);
            self.last = self.snapshot().await;
        }
    }
}

async fn insert_user(pool: &PgPool, hash: &str, role: Role, side: Option<Side>) -> (i64, String) {
    let email = format!("fuzz-{}@example.org", uuid::Uuid::new_v4().simple());
    let id = users::insert(
        pool,
        &users::NewUser {
            email: &email,
            display_name: "Fuzz",
            role,
            side,
            organisation: Some("EEAS"),
            password_hash: hash,
            must_change_password: false,
        },
    )
    .await
    .unwrap();
    (id, email)
}

/// One query that fingerprints every table: its row count and a sum over each row version's
/// identity (`xmin`, `ctid`), which an insert, update or delete changes. Columns that a refused
/// request may touch by design are left out: a session's expiry and data (sliding expiry) and a
/// token's `last_used_at` (every authenticated API call).
fn snapshot_sql(tables: &[String]) -> String {
    let parts: Vec<String> = tables
        .iter()
        .map(|t| match t.as_str() {
            "tower_session" => format!("(select '{t}:' || count(*) from {t})"),
            "api_token" => format!(
                "(select '{t}:' || count(*) || ':' || coalesce(sum(hashtext(
                     id::text || label || coalesce(revoked_at::text, ''))), 0) from {t})"
            ),
            _ => format!(
                "(select '{t}:' || count(*) || ':' || coalesce(sum(hashtext(
                     xmin::text || ctid::text)), 0) from {t})"
            ),
        })
        .collect();
    format!("select array[{}]", parts.join(", "))
}

/// Tables whose fingerprint differs, apart from what a refusal writes by design: a failed login
/// is recorded (`login_failure`) for throttling.
fn changed_tables(
    before: &[String],
    after: &[String],
    route: &Route,
    status: StatusCode,
) -> Vec<String> {
    let failed_login = route.template == "/login" && status == StatusCode::UNAUTHORIZED;
    before
        .iter()
        .zip(after)
        .filter(|(b, a)| b != a)
        .map(|(b, _)| b.split(':').next().unwrap_or_default().to_owned())
        .filter(|table| !(failed_login && table == "login_failure"))
        .collect()
}

/// A generated request.
struct Request {
    /// Path and query, percent-encoded.
    target: String,
    headers: Vec<(&'static str, String)>,
    body: Option<Vec<u8>>,
}

impl Request {
    fn describe(&self) -> String {
        let mut out = String::new();
        for (name, value) in &self.headers {
            let _ = write!(out, "{name}: {} | ", preview(value.as_bytes(), 80));
        }
        if let Some(body) = &self.body {
            let _ = write!(out, "body ({} bytes): {}", body.len(), preview(body, 300));
        }
        out
    }
}

fn preview(bytes: &[u8], max: usize) -> String {
    let shown = &bytes[..bytes.len().min(max)];
    let mut text = String::from_utf8_lossy(shown).escape_debug().to_string();
    if bytes.len() > max {
        text.push('…');
    }
    text
}

fn generate(route: &Route, rng: &mut StdRng, pools: &Pools) -> Request {
    // Writes get their path right more often: what they write is the point. The slow pages (a
    // PDF takes seconds in a debug build) are rendered now and then, not in every round.
    let fair = if route.slow {
        0.1
    } else if route.method == Method::GET {
        0.45
    } else {
        0.9
    };
    let mut target = fill_template(route.template, rng, pools, fair);
    if (route.method == Method::GET || rng.gen_bool(0.1)) && rng.gen_bool(0.5) {
        target.push('?');
        target.push_str(&query(rng, pools));
    }
    let mut headers = Vec::new();
    let body = match route.body {
        Body::None => None,
        Body::Form(fields) => {
            let (content_type, body) = form(fields, rng, pools);
            if let Some(ct) = content_type {
                headers.push(("content-type", ct));
            }
            Some(body)
        }
        Body::Json => {
            let (content_type, body) = json_body(rng, pools);
            if let Some(ct) = content_type {
                headers.push(("content-type", ct));
            }
            match rng.gen_range(0..20) {
                0..=9 => headers.push(("if-match", "\"0\"".into())),
                10..=11 => headers.push(("if-match", "\"1\"".into())),
                12 => {}
                13 => headers.push(("if-match", "*".into())),
                14 => headers.push((
                    "if-match",
                    format!("\"{}\"", rng.gen_range(-5i64..i64::MAX)),
                )),
                15 => headers.push(("if-match", "W/\"0\"".into())),
                16 => headers.push(("if-match", "\"0\", \"1\"".into())),
                17 => headers.push(("if-match", "\"2147483648\"".into())),
                _ => headers.push(("if-match", header_junk(rng))),
            }
            Some(body)
        }
    };
    if route.who == Who::Token {
        match rng.gen_range(0..20) {
            0 => headers.push(("authorization", "Bearer ".to_owned() + &header_junk(rng))),
            1 => headers.push(("authorization", header_junk(rng))),
            _ => {}
        }
    }
    if route.method == Method::POST && rng.gen_bool(0.04) {
        // A cross-site form post: the CSRF layer refuses it whoever sends it.
        headers.push(("origin", "https://evil.example".into()));
        headers.push(("sec-fetch-site", "cross-site".into()));
    }
    if rng.gen_bool(0.05) {
        headers.push(("accept-language", header_junk(rng)));
    }
    if route.method == Method::GET {
        // Conditional, partial and compressed answers: the cached pages and the static files
        // read these.
        if rng.gen_bool(0.05) {
            let tag = ["*", "W/\"x\"", "\"0\"", ""]
                .choose(rng)
                .unwrap()
                .to_string();
            let tag = if rng.gen_bool(0.5) {
                tag
            } else {
                header_junk(rng)
            };
            headers.push(("if-none-match", tag));
        }
        if rng.gen_bool(0.05) {
            let range = [
                "bytes=0-0",
                "bytes=999999999-",
                "bytes=-0",
                "bytes=5-1",
                "bytes=0-1,1-2,2-3",
            ]
            .choose(rng)
            .unwrap()
            .to_string();
            let range = if rng.gen_bool(0.5) {
                range
            } else {
                header_junk(rng)
            };
            headers.push(("range", range));
        }
        if rng.gen_bool(0.05) {
            headers.push(("accept-encoding", header_junk(rng)));
        }
        if rng.gen_bool(0.03) {
            headers.push(("if-modified-since", header_junk(rng)));
        }
    }
    if route.who == Who::Anonymous && rng.gen_bool(0.05) {
        // A session cookie that is not one, and a language cookie that names no language.
        headers.push((
            "cookie",
            format!(
                "sdp_session={}; __Host-sdp_session={}; lang={}",
                header_junk(rng).replace([';', ' ', '"', ','], ""),
                header_junk(rng).replace([';', ' ', '"', ','], ""),
                header_junk(rng).replace([';', ' ', '"', ','], "")
            ),
        ));
    }
    if rng.gen_bool(0.05) {
        headers.push(("hx-request", "true".into()));
    }
    Request {
        target,
        headers,
        body,
    }
}

/// A header value reqwest accepts (visible ASCII and spaces, or Latin-1 bytes).
fn header_junk(rng: &mut StdRng) -> String {
    let len = rng.gen_range(0..40);
    (0..len)
        .map(|_| match rng.gen_range(0..10) {
            0 => ' ',
            1 => '"',
            2 => ',',
            _ => rng.gen_range(b'!'..=b'~') as char,
        })
        .collect()
}

/// The template with every `{param}` replaced by a generated, percent-encoded segment.
fn fill_template(template: &str, rng: &mut StdRng, pools: &Pools, fair: f64) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').unwrap() + start;
        let name = &rest[start + 1..end];
        out.push_str(&segment(name, rng, pools, fair));
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn encode(bytes: &[u8]) -> String {
    form_urlencoded::byte_serialize(bytes).collect()
}

/// How often a body is near-valid rather than anything: the deeper checks see only those.
const NEAR_VALID: f64 = 0.65;

/// The longest raw value put in a URL: the client refuses a URL of 64 KiB or more.
const URL_VALUE_MAX_BYTES: usize = 3_000;

/// `bytes` cut to fit in a URL (possibly in the middle of a character: more junk).
fn for_url(mut bytes: Vec<u8>) -> Vec<u8> {
    bytes.truncate(URL_VALUE_MAX_BYTES);
    bytes
}

/// A path parameter: often (with probability `fair`) a valid or plausible one, so that the
/// request gets past the first lookup.
fn segment(name: &str, rng: &mut StdRng, pools: &Pools, fair: f64) -> String {
    if rng.gen_bool(fair) {
        let odd = if fair > 0.5 { 0.1 } else { 0.33 };
        let plausible =
            String::from_utf8_lossy(&for_url(value(name, rng, pools, odd).into_bytes()))
                .into_owned();
        // A wildcard's value is a path of its own: its slashes stay.
        return if name.starts_with('*') {
            plausible
        } else {
            encode(plausible.as_bytes())
        };
    }
    match rng.gen_range(0..12) {
        0 => "%00".into(),
        1 => format!(
            "{}%00",
            encode(&for_url(plausible(name, rng, pools).into_bytes()))
        ),
        2 => "%FF%FE".into(),
        3 => "%C0%80".into(),
        4 => "%2F..%2F".into(),
        5 => "%".into(),
        6 => encode("x".repeat(rng.gen_range(1_000..6_000)).as_bytes()),
        7 => "%E2%80%AE%F0%9F%98%80".into(),
        8 if name.starts_with('*') => format!("a/{}/%00", encode(&for_url(junk(rng)))),
        _ => encode(&for_url(junk(rng))),
    }
}

/// A query string: known parameter names with plausible or junk values, sometimes junk names.
fn query(rng: &mut StdRng, pools: &Pools) -> String {
    const KEYS: [&str; 16] = [
        "q", "status", "side", "area", "mine", "lang", "with", "page", "per_page", "ref", "next",
        "saved", "done", "accepted", "cycle", "year",
    ];
    let mut pairs = Vec::new();
    for _ in 0..rng.gen_range(1..5) {
        let key = if rng.gen_bool(0.85) {
            (*KEYS.choose(rng).unwrap()).as_bytes().to_vec()
        } else {
            for_url(junk(rng))
        };
        let value = for_url(if rng.gen_bool(0.5) {
            plausible(std::str::from_utf8(&key).unwrap_or("q"), rng, pools).into_bytes()
        } else {
            junk(rng)
        });
        pairs.push(format!("{}={}", encode(&key), encode(&value)));
    }
    if rng.gen_bool(0.1) {
        pairs.push(
            ["%", "%zz", "=&=", "%00", "a=%FF"]
                .choose(rng)
                .unwrap()
                .to_string(),
        );
    }
    pairs.join("&")
}

/// A URL-encoded form. Most of the time (see [`NEAR_VALID`]) a near-valid one (every field
/// valid, at most one of them broken), so that the input gets past the first check; otherwise each field present,
/// missing or repeated with plausible or junk values, unknown fields, raw bytes, or the wrong
/// content type.
fn form(fields: &[&str], rng: &mut StdRng, pools: &Pools) -> (Option<String>, Vec<u8>) {
    const FORM: &str = "application/x-www-form-urlencoded";
    let encode_pairs = |pairs: &[(Vec<u8>, Vec<u8>)]| -> Vec<u8> {
        pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&")
            .into_bytes()
    };
    let mut pairs: Vec<(Vec<u8>, Vec<u8>)> = fields
        .iter()
        .map(|f| (f.as_bytes().to_vec(), valid(f, rng, pools).into_bytes()))
        .collect();
    if rng.gen_bool(NEAR_VALID) {
        if !pairs.is_empty() && rng.gen_bool(0.5) {
            let i = rng.gen_range(0..pairs.len());
            match rng.gen_range(0..3) {
                0 => {
                    pairs.remove(i);
                }
                1 => {
                    let repeated = (
                        pairs[i].0.clone(),
                        valid(fields[i], rng, pools).into_bytes(),
                    );
                    pairs.push(repeated);
                }
                _ => pairs[i].1 = junk(rng),
            }
        }
        return (Some(FORM.to_owned()), encode_pairs(&pairs));
    }

    let content_type = match rng.gen_range(0..20) {
        0 => None,
        1 => Some("text/plain".to_owned()),
        2 => Some("application/json".to_owned()),
        3 => Some("multipart/form-data; boundary=x".to_owned()),
        4 => Some(format!("{FORM}; charset=iso-8859-1")),
        _ => Some(FORM.to_owned()),
    };
    if rng.gen_bool(0.05) {
        return (content_type, junk(rng));
    }
    pairs.clear();
    for field in fields {
        let times = match rng.gen_range(0..20) {
            0..=2 => 0,
            3..=4 => rng.gen_range(2..4),
            _ => 1,
        };
        for _ in 0..times {
            let value = if rng.gen_bool(0.7) {
                plausible(field, rng, pools).into_bytes()
            } else {
                junk(rng)
            };
            pairs.push((field.as_bytes().to_vec(), value));
        }
    }
    for _ in 0..rng.gen_range(0..3) {
        if rng.gen_bool(0.3) {
            pairs.push((junk(rng), junk(rng)));
        }
    }
    pairs.shuffle(rng);
    let mut body = encode_pairs(&pairs);
    if rng.gen_bool(0.08) {
        // Not encoded at all: raw bytes, stray percent signs, separators.
        let raw: &[u8] = [
            &b"&%"[..],
            b"&%zz=%",
            b"&=&&==",
            b"&status=\xff\xfe",
            b"&narrative=a\x00b",
            b"&version=%00",
        ]
        .choose(rng)
        .unwrap();
        body.extend_from_slice(raw);
    }
    (content_type, body)
}

/// The API's assessment body: the right shape with plausible or wrong values, or broken JSON.
fn json_body(rng: &mut StdRng, pools: &Pools) -> (Option<String>, Vec<u8>) {
    use serde_json::{Map, Value, json};
    let content_type = match rng.gen_range(0..20) {
        0 => None,
        1 => Some("application/x-www-form-urlencoded".to_owned()),
        2 => Some("text/plain".to_owned()),
        3 => Some("application/problem+json".to_owned()),
        _ => Some("application/json".to_owned()),
    };
    let text = |rng: &mut StdRng| String::from_utf8_lossy(&junk(rng)).into_owned();
    let any = |rng: &mut StdRng, plausible_value: Value| -> Value {
        match rng.gen_range(0..12) {
            0 => Value::Null,
            1 => json!(rng.gen_range(-3i64..3)),
            2 => json!(1e308),
            3 => json!([]),
            4 => json!({}),
            5 => json!(true),
            6 => json!(text(rng)),
            _ => plausible_value,
        }
    };
    let mut object = Map::new();
    let fields: [(&str, Value); 5] = [
        ("ref", json!(valid("ref", rng, pools))),
        ("side", json!(valid("side", rng, pools))),
        ("status", json!(valid("status", rng, pools))),
        ("narrative", json!(valid("narrative", rng, pools))),
        ("evidence", {
            let n = rng.gen_range(0..4);
            let links: Vec<Value> = (0..n)
                .map(|_| match rng.gen_range(0..4) {
                    0 => {
                        json!({ "url": plausible("evidence_url", rng, pools), "label": text(rng) })
                    }
                    1 => json!({ "url": plausible("evidence_url", rng, pools) }),
                    2 => json!({ "label": text(rng) }),
                    _ => json!(plausible("evidence_url", rng, pools)),
                })
                .collect();
            if rng.gen_bool(0.03) {
                json!(vec!["https://example.org"; 11])
            } else {
                json!(links)
            }
        }),
    ];
    // Near-valid (every field valid, at most one of them broken), or anything.
    let near_valid = rng.gen_bool(NEAR_VALID);
    let broken = rng.gen_range(0..fields.len() * 2);
    for (i, (key, value)) in fields.into_iter().enumerate() {
        if near_valid {
            if i != broken {
                object.insert(key.to_owned(), value);
            } else if rng.gen_bool(0.5) {
                let value = any(rng, value);
                object.insert(key.to_owned(), value);
            }
        } else if rng.gen_bool(0.9) {
            let value = any(rng, value);
            object.insert(key.to_owned(), value);
        }
    }
    if !near_valid && rng.gen_bool(0.1) {
        object.insert(text(rng), json!(text(rng)));
    }
    let mut body = serde_json::to_vec(&Value::Object(object)).unwrap();
    if near_valid {
        return (Some("application/json".to_owned()), body);
    }
    match rng.gen_range(0..25) {
        0 => body.truncate(body.len() / 2),
        1 => body = junk(rng),
        2 => {
            // A duplicated key.
            body.pop();
            body.extend_from_slice(br#","status":"not_started"}"#);
        }
        3 => body = b"[]".to_vec(),
        4 => {
            body.pop();
            body.extend_from_slice(b",\"narrative\":\"\xff\xfe\"}");
        }
        _ => {}
    }
    (content_type, body)
}

/// A value that fits the field's shape: usually a valid one, otherwise one that is nearly so.
fn plausible(name: &str, rng: &mut StdRng, pools: &Pools) -> String {
    value(name, rng, pools, 0.33)
}

/// A valid value for the field (as far as its shape goes: a year may have no cycle).
fn valid(name: &str, rng: &mut StdRng, pools: &Pools) -> String {
    value(name, rng, pools, 0.0)
}

/// A value for the field: an odd one (out of range, misspelt, empty) with probability `odd`,
/// else a valid one. A request reaches its handler's later checks only when each of its fields
/// passes the earlier ones.
fn value(name: &str, rng: &mut StdRng, pools: &Pools, odd: f64) -> String {
    let pick = |rng: &mut StdRng, valid: &[&str], odd_ones: &[&str]| {
        let options = if odd_ones.is_empty() || !rng.gen_bool(odd) {
            valid
        } else {
            odd_ones
        };
        (*options.choose(rng).unwrap()).to_owned()
    };
    match name {
        "year" | "cycle" | "with" => pick(
            rng,
            &["2026", "2025", "2024"],
            &[
                "2027",
                "1999",
                "0",
                "-1",
                "2147483647",
                "2147483648",
                "99999999999999999999",
                "2026.0",
                " 2026",
                "+2026",
                "",
            ],
        ),
        "reference" | "ref" | "commitment" => pick(
            rng,
            &["25(c)", "13", "9(a)", "63", "30"],
            &[
                "8", "64", "0", "25", "25(z)", "25(C)", "25 (c)", "25(c", "(c)", "-1", "",
            ],
        ),
        "slug" | "area" => pick(
            rng,
            &["cyber-issues", "all", "support-to-ukraine", "eu-canada"],
            &["preface", "CYBER-ISSUES", "", ".."],
        ),
        // Mostly the EU officer's own side.
        "side" => pick(rng, &["eu", "eu", "eu", "ca"], &["EU", "us", "", "both"]),
        "status" => pick(
            rng,
            &[
                "on_track",
                "challenges",
                "completed",
                "completed_modified",
                "discontinued",
                "not_started",
                "not_assessed",
                "ongoing",
            ],
            &["none", "done", "ON_TRACK", ""],
        ),
        "state" => pick(
            rng,
            &["planned", "open", "reconciliation", "frozen", "published"],
            &["closed", ""],
        ),
        "version" => pick(
            rng,
            &["0", "1", "2", "3"],
            &["-1", "2147483647", "2147483648", "", "abc", " 1 ", "1.0"],
        ),
        "id" | "user_id" => {
            if !rng.gen_bool(odd * 1.2) {
                return pools.victims.choose(rng).unwrap().to_string();
            }
            let odd = [
                "0".to_owned(),
                "-1".to_owned(),
                "9223372036854775807".to_owned(),
                "9223372036854775808".to_owned(),
                "1.5".to_owned(),
                "1e3".to_owned(),
                rng.gen_range(1_000..1_000_000i64).to_string(),
            ];
            odd.choose(rng).unwrap().clone()
        }
        "meeting_date" | "opens_on" | "deadline" => pick(
            rng,
            &["2027-06-01", "2027-01-15", "2027-05-01", "2028-03-01"],
            &[
                "2026-02-30",
                "0001-01-01",
                "9999-12-31",
                "262143-12-31",
                "-0001-01-01",
                "2027-1-1",
                "01/06/2027",
                "",
            ],
        ),
        "title" | "place" | "reason" | "summary_en" | "summary_fr" | "next_steps" | "narrative"
        | "display_name" | "organisation" | "label" | "evidence_label" | "evidence_label_1"
        | "q" => {
            if rng.gen_bool(odd) {
                match rng.gen_range(0..4) {
                    0 => String::new(),
                    1 => "x".repeat(rng.gen_range(95..320)),
                    2 => "é".repeat(rng.gen_range(19_990..20_010)),
                    _ => "x".repeat(rng.gen_range(19_990..20_010)),
                }
            } else {
                pick(
                    rng,
                    &[
                        "Ottawa",
                        "Progress on port calls; see the minutes.",
                        "Réunion du comité — voir le compte rendu.",
                    ],
                    &[],
                )
            }
        }
        "evidence_url" | "evidence_url_1" | "evidence_url_2" => pick(
            rng,
            &["https://www.eeas.europa.eu/x", "http://example.org", ""],
            &[
                "http:evil.example",
                "https:/evil.example",
                "http:\\\\evil.example",
                "https://user@evil.example",
                "https://example.org/a b",
                "javascript:alert(1)",
                "https://",
            ],
        ),
        "email" => match rng.gen_range(0..8) {
            0..=1 => format!("fuzz-new-{}@example.org", rng.gen_range(0..1_000_000)),
            2 => "not an address".into(),
            3 => format!("{}@example.org", "a".repeat(rng.gen_range(300..330))),
            4 => "@".into(),
            // Case mappings and spaces on which Rust and PostgreSQL might not agree (the table
            // checks `email = lower(email)` and `[^@\s]`).
            5 => pick(
                rng,
                &[
                    "ΟΔΥΣΣΕΥΣ@EXAMPLE.GR",
                    "İSTANBUL@example.org",
                    "ǅ@example.org",
                    "\u{212A}elvin@example.org",
                    "ẞ@example.de",
                    "\u{1C90}@example.ge",
                ],
                &[
                    "a\u{180E}b@example.org",
                    "a\u{200B}b@example.org",
                    "a\u{A0}b@example.org",
                    "a\u{85}b@example.org",
                    "a\u{1}b@example.org",
                    "a@b..c",
                    "a@.b.c",
                ],
            ),
            _ => "Officer@EEAS.europa.eu".into(),
        },
        "role" => pick(
            rng,
            &["admin", "secretariat", "officer", "viewer"],
            &["root", "", "Admin"],
        ),
        "active" => pick(rng, &["on", ""], &["off", "1"]),
        "next" => pick(
            rng,
            &["/app", "/app?x=1"],
            &[
                "//evil.example",
                "https://evil.example",
                "/\\evil.example",
                "",
            ],
        ),
        "password" | "current" | "new" | "confirm" => pick(
            rng,
            &["wrong password", "a much longer new passphrase here"],
            &["", "short"],
        ),
        "lang" => pick(rng, &["fr", "en"], &["de", ""]),
        "page" | "per_page" => pick(
            rng,
            &["1", "2", "50"],
            &["0", "-1", "4294967296", "abc", "100000"],
        ),
        "*path" | "*rest" => pick(
            rng,
            &["css/app.css", "index.html", "swagger-ui.css"],
            &[
                "css/app.css/",
                "app/nothing/here",
                "a//b",
                "..%2F..%2Fetc%2Fpasswd",
                "%2e%2e/%2e%2e/Cargo.toml",
                "app/commitments/25%28c%29/x",
            ],
        ),
        _ => String::from_utf8_lossy(&junk(rng)).into_owned(),
    }
}

/// Junk: empty, unicode, control characters and NUL, invalid UTF-8, long and huge strings, and
/// the usual suspects.
fn junk(rng: &mut StdRng) -> Vec<u8> {
    const CHARS: [char; 24] = [
        'é',
        'ß',
        'İ',
        'ﬁ',
        '中',
        '😀',
        '\u{202E}',
        '\u{200B}',
        '\u{FEFF}',
        '\u{301}',
        '\u{FFFD}',
        '\u{10FFFF}',
        '\u{0}',
        '\u{1}',
        '\u{7F}',
        '\u{85}',
        '\r',
        '\n',
        '\t',
        '%',
        '\\',
        '\'',
        '"',
        '<',
    ];
    match rng.gen_range(0..40) {
        0..=2 => Vec::new(),
        3..=9 => {
            let len = rng.gen_range(1..30);
            (0..len).map(|_| rng.gen_range(b' '..=b'~')).collect()
        }
        10..=17 => {
            let len = rng.gen_range(1..20);
            (0..len)
                .map(|_| *CHARS.choose(rng).unwrap())
                .collect::<String>()
                .into_bytes()
        }
        18..=21 => {
            let invalid: &[&[u8]] = &[
                b"\xff",
                b"\xfe\xff",
                b"\xc0\x80",
                b"\xed\xa0\x80",
                b"\x80",
                b"a\xe2\x82",
                b"\xf8\x88\x80\x80\x80",
            ];
            let mut out = b"x".to_vec();
            out.extend_from_slice(invalid.choose(rng).unwrap());
            out
        }
        22..=24 => b"a\0b".to_vec(),
        25..=27 => {
            let samples: &[&str] = &[
                "'; drop table assessment; --",
                "<script>alert(1)</script>",
                "${jndi:ldap://x}",
                "{{7*7}}",
                "%s%n",
                "../../etc/passwd",
                "NaN",
                "-0",
                "1e309",
                "0x1F",
                "null",
                "true",
                "[]",
            ];
            samples.choose(rng).unwrap().as_bytes().to_vec()
        }
        28..=30 => "x".repeat(rng.gen_range(250..2_100)).into_bytes(),
        31..=32 => "é".repeat(rng.gen_range(9_990..20_100)).into_bytes(),
        33 => vec![b'a'; rng.gen_range(60_000..300_000)],
        _ => {
            let len = rng.gen_range(1..50);
            (0..len).map(|_| rng.r#gen::<u8>()).collect()
        }
    }
}
