//! Start-up: seed an empty database, bind (port 0 works), serve until SIGINT/SIGTERM (the accept
//! loop and its limits are in `server`).

use std::{net::SocketAddr, path::Path};

use anyhow::Context as _;
use sqlx::PgPool;
use tokio::net::TcpListener;

use crate::{
    config::Config,
    db::{Database, audit::Actor, partnership},
    i18n::Lang,
    import::{self, ImportOptions},
    routes,
    server::Limits,
    state::AppState,
};

/// Imports the bundled partnership text when the database holds no partnership, and its French
/// text from `<name>.fr.txt` beside it when that file exists (no official French text is shipped;
/// an operator may put one there). Importing the same French text again changes nothing, so a
/// French file added later is imported at the next start.
pub async fn seed_if_empty(pool: &PgPool, seed: &Path) -> anyhow::Result<()> {
    if partnership::count(pool).await? == 0 {
        let doc = import::read_document(seed)?;
        let report = import::import(pool, &doc, &ImportOptions::seed(), &Actor::system()).await?;
        tracing::info!(
            slug = %report.slug,
            paragraphs = report.counts.paragraphs,
            commitments = report.counts.commitments,
            "imported the partnership text from {}",
            seed.display()
        );
    }
    let french = french_seed(seed);
    if !french.is_file() {
        return Ok(());
    }
    if partnership::find_by_slug(pool, import::SEED_SLUG)
        .await?
        .is_none()
    {
        tracing::warn!(
            "{} not imported: the database has no {} partnership",
            french.display(),
            import::SEED_SLUG
        );
        return Ok(());
    }
    let doc = import::read_document_in(&french, Lang::Fr)?;
    let parties = import::SEED_PARTIES_FR.map(String::from);
    let report = import::import_french(
        pool,
        &doc,
        import::SEED_SLUG,
        Some(&parties),
        &Actor::system(),
    )
    .await
    .with_context(|| format!("{} was not imported", french.display()))?;
    if report.changed {
        tracing::info!(
            slug = %report.slug,
            "imported the French text of the partnership from {}",
            french.display()
        );
    }
    Ok(())
}

/// The French text's file beside a seed: `seeds/x.txt` → `seeds/x.fr.txt`.
pub fn french_seed(seed: &Path) -> std::path::PathBuf {
    seed.with_extension("fr.txt")
}

/// Binds the listening socket; `127.0.0.1:0` picks a free port (tests).
pub async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}"))
}

/// Serves until a shutdown signal, then lets in-flight requests finish and closes the database
/// (stopping the private cluster if this process started it).
pub async fn serve(mut config: Config, db: Database) -> anyhow::Result<()> {
    seed_if_empty(&db.pool, &config.seed).await?;
    if let Some(password) = crate::accounts::create_first_admin(&db.pool).await? {
        // Printed once, never logged: the only copy is on this terminal.
        println!(
            "Created the first administrator {} with the one-time password: {password}\n\
             Sign in with it and choose your own password; it is not shown again.",
            crate::accounts::FIRST_ADMIN_EMAIL
        );
    }
    crate::auth::spawn_session_cleanup(db.pool.clone());
    let listener = bind(config.addr).await?;
    let addr = listener.local_addr()?;
    if config.mail.public_url.is_none() {
        // Links in mails point at this address until SDP_PUBLIC_URL says where readers go.
        config.mail.public_url = Some(format!("http://{addr}"));
    }
    crate::mail::start(&db.pool, &config.mail, crate::clock::Clock::system()).await?;
    let state = AppState::load(db.pool.clone(), config).await?;
    let app = routes::app(state);
    // Start-up freed what the seed import and the first password hash used: give it back before
    // the server settles at its idle size.
    crate::memory::release();
    println!("sdp-tracker is listening on http://{addr}");
    tracing::info!(%addr, "listening");
    crate::server::serve(listener, app, Limits::default(), shutdown_signal()).await;
    tracing::info!("shutting down");
    db.close().await;
    Ok(())
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
