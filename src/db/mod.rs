//! Database access: the connection (a server's URL or a private cluster) and one module per area,
//! each function taking `impl PgExecutor<'_>` so that the caller owns the transaction.

pub mod assessments;
pub mod assignments;
pub mod audit;
pub mod audit_log;
pub mod board;
pub mod cluster;
pub mod cycle_edits;
pub mod cycles;
pub mod french_text;
pub mod joint;
pub mod login_failures;
pub mod mail;
pub mod partnership;
pub mod public;
pub mod search;
pub mod sessions;
pub mod sheets;
pub mod signoff;
pub mod users;

use std::time::Duration;

use anyhow::Context as _;
use sqlx::{
    Connection as _, PgConnection, PgPool, Postgres,
    migrate::MigrateDatabase as _,
    postgres::{PgConnectOptions, PgPoolOptions},
};

use crate::config::DatabaseConfig;
use cluster::{ClusterOptions, PrivateCluster};

/// How long a request waits for a pooled connection before it gets a 503; sqlx's default of 30 s
/// would turn a database outage into hung requests.
pub const POOL_ACQUIRE_TIMEOUT: Duration = Duration::from_secs(3);

/// Connections per instance; PostgreSQL's default limit is 100, leave room for several instances.
pub const POOL_MAX_CONNECTIONS: u32 = 16;

/// A pooled connection idle for longer than this is pinged before it is handed out (a dropped
/// connection is then replaced, not given to a request). sqlx's `test_before_acquire` pings on
/// every acquire: one more round trip per query, which doubled a signed-in page's database
/// round trips. A connection returned less than this ago was working then.
pub const POOL_PING_IDLE_AFTER: Duration = Duration::from_secs(1);

/// The application database created in a private cluster.
pub const PRIVATE_DATABASE: &str = "sdp_tracker";

/// An open pool, and the private cluster behind it when this process runs one.
pub struct Database {
    pub pool: PgPool,
    pub cluster: Option<PrivateCluster>,
}

impl Database {
    /// Connects (starting the private cluster when no URL is configured), creating the database
    /// when it is missing, and applies the migrations.
    pub async fn open(config: &DatabaseConfig) -> anyhow::Result<Database> {
        let (url, app_url, cluster) = match config {
            DatabaseConfig::Url { url, owner_url } => {
                let owner = owner_url.as_ref().unwrap_or(url);
                (owner.expose().to_owned(), url.expose().to_owned(), None)
            }
            DatabaseConfig::Private { data_dir } => {
                let cluster = PrivateCluster::ensure_running(&ClusterOptions {
                    data_dir: data_dir.clone(),
                })
                .await?;
                // The application signs in as its own role, which owns nothing.
                (
                    cluster.url(PRIVATE_DATABASE),
                    cluster.url_as(PRIVATE_DATABASE, APP_ROLE),
                    Some(cluster),
                )
            }
        };
        migrate(&url).await?;
        let pool = connect(&app_url).await?;
        Ok(Database { pool, cluster })
    }

    /// Closes the pool and stops the private cluster if this process started it.
    pub async fn close(self) {
        self.pool.close().await;
        if let Some(cluster) = self.cluster
            && let Err(err) = cluster.stop().await
        {
            tracing::warn!(error = %err, "could not stop the private PostgreSQL cluster");
        }
    }
}

/// The role the application works as; it owns nothing (see the `app_role` migration).
pub const APP_ROLE: &str = "sdp_app";

/// Creates the database when it does not exist yet and applies the migrations, as the owner.
pub async fn migrate(url: &str) -> anyhow::Result<()> {
    let exists = Postgres::database_exists(url)
        .await
        .context("could not reach the database server")?;
    if !exists {
        Postgres::create_database(url)
            .await
            .context("could not create the database")?;
    }
    let mut conn = PgConnection::connect(url)
        .await
        .context("could not connect to the database")?;
    crate::MIGRATOR
        .run(&mut conn)
        .await
        .context("could not apply the database migrations")?;
    conn.close().await.ok();
    Ok(())
}

/// Opens the application's pool on `url`. Each connection switches to [`APP_ROLE`] when the
/// connecting user may, so that the application cannot alter tables or lift the audit log's
/// protection; otherwise it stays the owner (logged once per connection at debug level).
pub async fn connect(url: &str) -> anyhow::Result<PgPool> {
    let options: PgConnectOptions = url.parse().context("DATABASE_URL is not a valid URL")?;
    PgPoolOptions::new()
        .max_connections(POOL_MAX_CONNECTIONS)
        .acquire_timeout(POOL_ACQUIRE_TIMEOUT)
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= POOL_PING_IDLE_AFTER {
                    sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        })
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                let switched: bool = sqlx::query_scalar!(
                    r#"select exists (select from pg_roles where rolname = 'sdp_app')
                              and pg_has_role(current_user, 'sdp_app', 'MEMBER') as "ok!""#
                )
                .fetch_one(&mut *conn)
                .await?;
                if switched {
                    sqlx::query("set role sdp_app").execute(&mut *conn).await?;
                } else {
                    tracing::debug!("cannot switch to role sdp_app; working as the owner");
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .context("could not connect to the database")
}
