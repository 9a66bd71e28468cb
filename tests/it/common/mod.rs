//! Test support: the real app on port 0 against a fresh database per test.
//!
//! The database server is `DATABASE_URL` when set; otherwise a private cluster under
//! `target/test-postgres`, started by the first test that needs it (shared by all test processes,
//! serialised by a file lock) and left running for the next run.
#![allow(dead_code)]

use std::{
    fmt::Display,
    future::Future,
    net::SocketAddr,
    path::PathBuf,
    time::{Duration, Instant},
};

use chrono::NaiveDate;
use sdp_tracker::{
    clock::Clock,
    config::Config,
    db::cluster::{ClusterOptions, PrivateCluster},
    domain::account::{Role, Side},
    routes,
    server::{self, Limits},
    startup,
    state::AppState,
};
use sqlx::{Connection, PgConnection, PgPool};
use tokio::sync::OnceCell;

pub mod browser;
pub mod fixtures;
pub mod french;
pub mod outage;
pub mod readable;
pub mod sheets;
pub mod smtp;

pub const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds/eu-canada-sdp-2025.txt");

/// The path of the built binary, for command-line tests.
pub const BIN: &str = env!("CARGO_BIN_EXE_sdp-tracker");

/// URL of the server's maintenance database, from which test databases are created.
async fn server_url(database: &str) -> String {
    static CLUSTER: OnceCell<Option<PrivateCluster>> = OnceCell::const_new();
    let cluster = CLUSTER
        .get_or_init(|| async {
            match std::env::var("DATABASE_URL") {
                Ok(url) if !url.trim().is_empty() => None,
                _ => {
                    let data_dir =
                        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-postgres");
                    Some(
                        PrivateCluster::ensure_running(&ClusterOptions { data_dir })
                            .await
                            .expect("could not start the private test cluster"),
                    )
                }
            }
        })
        .await;
    match cluster {
        Some(cluster) => cluster.url(database),
        None => {
            let url = std::env::var("DATABASE_URL").unwrap();
            let mut parsed = url::Url::parse(&url).expect("DATABASE_URL is not a URL");
            parsed.set_path(&format!("/{database}"));
            parsed.to_string()
        }
    }
}

/// The same URL, signed in as the application's role (both test servers trust local connections).
fn as_app_role(url: &str) -> String {
    let mut parsed = url::Url::parse(url).expect("a database URL");
    parsed.set_username(sdp_tracker::db::APP_ROLE).unwrap();
    parsed.set_password(None).unwrap();
    parsed.to_string()
}

/// A fresh, migrated, empty database; dropped when the value is dropped.
pub struct TestDb {
    pub name: String,
    pub url: String,
    pub pool: PgPool,
}

impl TestDb {
    pub async fn new() -> TestDb {
        sdp_tracker::telemetry::init_for_tests();
        let name = format!("sdp_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnection::connect(&server_url("postgres").await)
            .await
            .expect("cannot connect to the test server");
        sqlx::query(&format!("create database {name}"))
            .execute(&mut admin)
            .await
            .expect("cannot create the test database");
        admin.close().await.ok();
        let url = server_url(&name).await;
        sdp_tracker::db::migrate(&url)
            .await
            .expect("migrations failed");
        // The app signs in as its own role, as `serve` does on a private cluster.
        let pool = sdp_tracker::db::connect(&as_app_role(&url))
            .await
            .expect("cannot connect to the test database");
        TestDb { name, url, pool }
    }

    /// A fresh database with the seed imported, as `serve` leaves it.
    pub async fn seeded() -> TestDb {
        let db = TestDb::new().await;
        startup::seed_if_empty(&db.pool, std::path::Path::new(SEED))
            .await
            .expect("seeding failed");
        db
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let name = self.name.clone();
        // Drop cannot await; a thread with its own runtime removes the database. The pool's
        // connections belong to the test's runtime, blocked here, so they are not closed
        // politely: `with (force)` ends them on the server side.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                if let Ok(mut admin) = PgConnection::connect(&server_url("postgres").await).await {
                    let _ = sqlx::query(&format!("drop database if exists {name} with (force)"))
                        .execute(&mut admin)
                        .await;
                }
            });
        })
        .join();
    }
}

/// The real application, serving on a free port.
pub struct TestApp {
    pub addr: SocketAddr,
    pub db: TestDb,
    pub client: reqwest::Client,
    /// The state the server was started with (its caches and clock are the server's own).
    pub state: AppState,
    server: tokio::task::JoinHandle<()>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request failed")
    }

    pub async fn get_text(&self, path: &str) -> (reqwest::StatusCode, String) {
        let response = self.get(path).await;
        let status = response.status();
        (status, response.text().await.unwrap())
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// Starts the app on `127.0.0.1:0` against a fresh seeded database, on the system clock.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(false).await
}

/// What the tests serve with: port 0, plain HTTP, the bundled seed, no proxy trusted.
pub fn test_config() -> Config {
    Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        https: false,
        seed: PathBuf::from(SEED),
        trusted_proxies: Default::default(),
        metrics: Default::default(),
        mail: Default::default(),
        render: Default::default(),
    }
}

/// Starts the app, configured as served over HTTPS (by a proxy) when `https`.
pub async fn spawn_app_with(https: bool) -> TestApp {
    spawn_app_from(Config {
        https,
        ..test_config()
    })
    .await
}

/// Starts the app with its clock stopped at noon (UTC) on `today`: what it shows as "days left"
/// or "overdue" is the same whatever day the test runs.
pub async fn spawn_app_on(today: NaiveDate) -> TestApp {
    start(
        TestDb::seeded().await,
        test_config(),
        Clock::fixed_on(today),
    )
    .await
}

/// Starts the app with `config` and its clock stopped at noon (UTC) on `today`.
pub async fn spawn_app_on_with(today: NaiveDate, config: Config) -> TestApp {
    start(TestDb::seeded().await, config, Clock::fixed_on(today)).await
}

/// Starts the app with `config` (its address is ignored: port 0) against a fresh seeded database.
pub async fn spawn_app_from(config: Config) -> TestApp {
    start(TestDb::seeded().await, config, Clock::system()).await
}

/// Serves `db` on a free port with `config` and `clock`.
async fn start(db: TestDb, config: Config, clock: Clock) -> TestApp {
    let config = Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        ..config
    };
    let (addr, state, server) = serve_on(db.pool.clone(), config, clock, Limits::default()).await;
    TestApp {
        addr,
        db,
        client: new_client(),
        state,
        server,
    }
}

/// Serves the application on `pool` on a free port through the server `sdp-tracker serve` uses,
/// with its limits, on the system clock; it stops when the returned task is aborted.
pub async fn serve(pool: PgPool, config: Config) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    serve_with(pool, config, Limits::default()).await
}

/// The same, with other limits (to see them act within a test's time).
pub async fn serve_with(
    pool: PgPool,
    config: Config,
    limits: Limits,
) -> (SocketAddr, tokio::task::JoinHandle<()>) {
    let (addr, _, server) = serve_on(pool, config, Clock::system(), limits).await;
    (addr, server)
}

/// Binds a free port and serves the app on `pool` with `clock` and `limits`, as `startup::serve`
/// does.
async fn serve_on(
    pool: PgPool,
    config: Config,
    clock: Clock,
    limits: Limits,
) -> (SocketAddr, AppState, tokio::task::JoinHandle<()>) {
    let listener = startup::bind(config.addr).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut config = config;
    if config.mail.public_url.is_none() {
        config.mail.public_url = Some(format!("http://{addr}"));
    }
    // The mail sender when the test gives a mail server; never the scheduler, whose runs the
    // tests make themselves (`mail::queue::schedule`) for the day they choose.
    sdp_tracker::mail::record_public_url(&pool, &config.mail)
        .await
        .unwrap();
    sdp_tracker::mail::start_sender(&pool, &config.mail).unwrap();
    let state = AppState::load_on(pool, config, clock).await.unwrap();
    let app = routes::app(state.clone());
    let server = tokio::spawn(server::serve(listener, app, limits, std::future::pending()));
    (addr, state, server)
}

impl TestApp {
    /// Another instance of the application on the same database (its own pool, state and
    /// port; the same clock), as behind a load balancer. It stops when the returned value is
    /// dropped.
    pub async fn second_instance(&self) -> (SocketAddr, tokio::task::JoinHandle<()>) {
        let pool = sdp_tracker::db::connect(&as_app_role(&self.db.url))
            .await
            .unwrap();
        let (addr, _, server) =
            serve_on(pool, test_config(), self.state.clock, Limits::default()).await;
        (addr, server)
    }

    /// [`TestApp::second_instance`], with its state (to see its caches).
    pub async fn second_instance_with_state(
        &self,
    ) -> (SocketAddr, AppState, tokio::task::JoinHandle<()>) {
        let pool = sdp_tracker::db::connect(&as_app_role(&self.db.url))
            .await
            .unwrap();
        serve_on(pool, test_config(), self.state.clock, Limits::default()).await
    }

    /// Drops this instance's kept copies of pages and their data, as the database's notification
    /// of a change made straight in the database will, without waiting for it: for a test that
    /// wrote through the pool and then reads pages that must show the change (one that is not
    /// about how the change reaches the instance; those wait, see [`Self::notifications_handled`]).
    /// The notifications still come and clear the caches again, which changes nothing.
    pub async fn forget_cached_pages(&self) {
        self.state.board_cache.clear();
        self.state.public_cache.clear().await;
    }

    /// Waits until this instance has handled every cache notification the database sent before
    /// this call (changes made straight in the database, by the command line or by another
    /// instance reach it only that way).
    ///
    /// The instance handles notifications one at a time, in the order the database sent them.
    /// So a marker page is put in its public cache, the database is asked to notify that the
    /// public pages changed, and once the marker is gone every earlier notification has been
    /// handled too. (A public-page change made just before — a publish, an erratum, an import —
    /// may clear the marker first: wait for its visible effect before calling this.)
    pub async fn notifications_handled(&self) {
        use sdp_tracker::{
            i18n::Lang,
            public_cache::{CHANNEL, Cached, CachedPage},
        };
        let cache = &self.state.public_cache;
        let marker = Cached::new(format!("marker {}", uuid::Uuid::new_v4()));
        eventually(PATIENCE, "the marker page to be cached", || async {
            match cache.get(CachedPage::Summary, Lang::En).await {
                Ok(page) if page.etag == marker.etag => Ok(()),
                Ok(_) => {
                    cache.clear().await;
                    Err("another page was cached")
                }
                Err(generation) => {
                    cache
                        .put(CachedPage::Summary, Lang::En, generation, marker.clone())
                        .await;
                    Err("the cache was cleared as the marker was put")
                }
            }
        })
        .await;
        sqlx::query("select pg_notify($1, 'test marker')")
            .bind(CHANNEL)
            .execute(&self.db.pool)
            .await
            .unwrap();
        eventually(
            PATIENCE,
            "the instance to handle the database's notifications",
            || async {
                match cache.get(CachedPage::Summary, Lang::En).await {
                    Ok(page) if page.etag == marker.etag => Err("the marker page is still cached"),
                    _ => Ok(()),
                }
            },
        )
        .await;
    }
}

/// How long a test waits for something that happens in the background (a notification, a
/// process exiting, a browser navigating) before it fails: generous, for a loaded 2-core
/// machine. Waiting stops as soon as the thing has happened.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The pause between two looks at the condition of [`eventually`].
const POLL_INTERVAL: Duration = Duration::from_millis(25);

/// Polls `check` until it returns `Ok` (whose value is returned), for at most `within`; then
/// panics saying that `what` did not happen and what `check` last reported.
pub async fn eventually<T, E, F, Fut>(within: Duration, what: &str, mut check: F) -> T
where
    E: Display,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let deadline = Instant::now() + within;
    loop {
        match check().await {
            Ok(value) => return value,
            Err(last) if Instant::now() >= deadline => {
                panic!("waited {within:?} for {what}, in vain: {last}")
            }
            Err(_) => tokio::time::sleep(POLL_INTERVAL).await,
        }
    }
}

/// One sign-in attempt of `email` with `password` through `client`; the status it got.
pub async fn attempt_login(
    client: &reqwest::Client,
    app: &TestApp,
    email: &str,
    password: &str,
) -> reqwest::StatusCode {
    client
        .post(app.url("/login"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
        .status()
}

/// A browser-like client: keeps cookies, does not follow redirects (tests look at them).
pub fn new_client() -> reqwest::Client {
    client_from(std::net::Ipv4Addr::LOCALHOST)
}

/// A client whose connections come from another loopback address (e.g. 127.0.0.2).
pub fn client_from(ip: std::net::Ipv4Addr) -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(std::net::IpAddr::V4(ip))
        .build()
        .unwrap()
}

/// A password that passes the rules, for test accounts.
pub const PASSWORD: &str = "correct horse battery staple";

/// An account, as created by an administrator.
pub struct TestUser {
    pub id: i64,
    pub email: String,
    pub role: Role,
}

impl TestApp {
    /// Creates an active account with [`PASSWORD`] that need not change it.
    pub async fn create_user(&self, role: Role, side: Option<Side>) -> TestUser {
        let email = format!(
            "{}-{}@example.org",
            role.as_str(),
            uuid::Uuid::new_v4().simple()
        );
        let hash = sdp_tracker::auth::password::hash(PASSWORD.into())
            .await
            .unwrap();
        let id = sdp_tracker::db::users::insert(
            &self.db.pool,
            &sdp_tracker::db::users::NewUser {
                email: &email,
                display_name: "Test User",
                role,
                side,
                organisation: Some("EEAS"),
                password_hash: &hash,
                must_change_password: false,
            },
        )
        .await
        .unwrap();
        TestUser { id, email, role }
    }

    /// Signs `email` in on a new client and returns it.
    pub async fn login(&self, email: &str, password: &str) -> reqwest::Client {
        let client = new_client();
        let response = client
            .post(self.url("/login"))
            .form(&[("email", email), ("password", password)])
            .send()
            .await
            .unwrap();
        assert_eq!(
            response.status(),
            reqwest::StatusCode::SEE_OTHER,
            "login of {email} failed"
        );
        client
    }

    /// A signed-in client for a new account of `role`.
    pub async fn client_as(&self, role: Role, side: Option<Side>) -> (TestUser, reqwest::Client) {
        let user = self.create_user(role, side).await;
        let client = self.login(&user.email, PASSWORD).await;
        (user, client)
    }
}
