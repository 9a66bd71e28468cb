//! One app instance under fuzzing: its database, its signed-in clients, and each request sent,
//! answered and checked against the database's fingerprint.

use std::{collections::BTreeMap, time::Instant};

use rand::{Rng, rngs::StdRng, seq::SliceRandom};
use reqwest::Client;
use sdp_tracker::{
    accounts,
    db::{audit::Actor, users},
    domain::{
        account::{Role, Side},
        cycle::CycleState,
    },
};
use sqlx::PgPool;

use super::{
    LOGIN_FUZZ_IP, REQUEST_TIMEOUT, Report,
    fingerprint::{changed_tables, snapshot_sql},
    generate::{generate, preview},
    routes::{Route, SESSIONS, Who},
};
use crate::common::{PASSWORD, TestApp, client_from, fixtures, spawn_app};

/// Values the generator draws from, known once the fixtures exist.
pub(super) struct Pools {
    /// Accounts the fuzzer may edit, deactivate and assign: never one it signs in with.
    pub(super) victims: Vec<i64>,
}

/// One app instance, its database, its signed-in clients and what it has seen.
pub(super) struct Fuzzer {
    pub(super) app: TestApp,
    pub(super) clients: BTreeMap<Who, Client>,
    pub(super) emails: BTreeMap<Who, String>,
    pub(super) token: String,
    pub(super) pools: Pools,
    pub(super) snapshot_sql: String,
    pub(super) last: Vec<String>,
    pub(super) report: Report,
}

impl Fuzzer {
    pub(super) async fn start() -> Fuzzer {
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

    pub(super) async fn run(&mut self, case: usize, route: &Route, rng: &mut StdRng) {
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

pub(super) async fn insert_user(
    pool: &PgPool,
    hash: &str,
    role: Role,
    side: Option<Side>,
) -> (i64, String) {
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
