//! The command line: `serve` (the default) and the administrative subcommands.
//! Every subcommand exits non-zero with a one-line reason on bad input.

use std::{net::SocketAddr, path::PathBuf};

use anyhow::Context as _;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};

mod cycle;
mod remind;
mod sheet;

use cycle::CycleCommand;
use sheet::SheetCommand;

use crate::{
    accounts,
    config::{
        Config, DatabaseConfig, METRICS_TOKEN_MIN_CHARS, MailConfig, MetricsAccess, RENDER_SLOTS,
        RENDER_WAIT, RenderLimits, Secret, TrustedProxies,
    },
    db::{Database, audit::Actor},
    domain::account::{Role, Side},
    i18n::Lang,
    import::{self, ImportOptions},
    mail::transport::SmtpUrl,
    report, startup,
    telemetry::LogFormat,
};

#[derive(Debug, Parser)]
#[command(
    name = "sdp-tracker",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// PostgreSQL server to use; when unset, a private cluster is run under --data-dir.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    database_url: Option<String>,

    /// The table owner's URL, for migrations, when DATABASE_URL is a role that owns nothing.
    #[arg(
        long,
        env = "SDP_OWNER_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    owner_database_url: Option<String>,

    /// Where the private cluster keeps its data (in `postgres/` below it).
    #[arg(long, env = "SDP_DATA_DIR", default_value = "var", global = true)]
    data_dir: PathBuf,

    #[arg(
        long,
        env = "SDP_LOG_FORMAT",
        value_enum,
        default_value = "pretty",
        global = true
    )]
    log_format: LogFormat,

    #[command(subcommand)]
    command: Option<Command>,

    /// `serve`'s options, accepted without the subcommand too.
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply migrations, import the seed into an empty database, and serve (the default).
    Serve(ServeArgs),
    /// Import a partnership text, or with --lang fr its French version; with --check, only parse
    /// it and print its counts as JSON.
    Import(ImportArgs),
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Manage personal API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Manage review cycles (one per Dialogue) of the default partnership.
    #[command(subcommand)]
    Cycle(CycleCommand),
    /// Export a cycle's progress report to a file.
    Export(ExportArgs),
    /// Chase the officers of a cycle by mail: queues each one's missing list, as the cycle
    /// page's chase does, and prints what it queued.
    Remind(remind::RemindArgs),
    /// Download a cycle's assessments as a spreadsheet, or import an edited one.
    #[command(subcommand)]
    Sheet(SheetCommand),
}

#[derive(Debug, Args)]
struct ExportArgs {
    /// The cycle's year.
    #[arg(long)]
    cycle: String,
    /// docx, pdf, csv, json or html.
    #[arg(long)]
    format: String,
    /// The report's language: en or fr.
    #[arg(long, default_value = "en")]
    lang: String,
    /// The file to write.
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Create an account; prints a one-time password unless --password-stdin is given.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        role: Role,
        /// Required for officers.
        #[arg(long)]
        side: Option<Side>,
        /// e.g. EEAS, GAC, DND.
        #[arg(long)]
        org: Option<String>,
        #[arg(long)]
        name: Option<String>,
        /// The language of the account's mails: en (default) or fr.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Read the password from standard input (first line) instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Issue a new one-time password and end the account's sessions.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
    /// Deactivate an account and end its sessions.
    Deactivate {
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
enum TokenCommand {
    /// Print a new personal API token for the account (stored hashed; revocable in its profile).
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "cli")]
        label: String,
    },
}

#[derive(Debug, Args)]
struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "SDP_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The partnership text imported when the database holds none.
    #[arg(long, env = "SDP_SEED", default_value = "seeds/eu-canada-sdp-2025.txt")]
    seed: PathBuf,
    /// The site is served over HTTPS (by a proxy in front): secure cookies and HSTS.
    #[arg(long, env = "SDP_HTTPS")]
    https: bool,
    /// Proxies whose X-Forwarded-For / Forwarded headers give the client's address: comma-separated
    /// CIDRs, none by default (the headers are then ignored).
    #[arg(
        long,
        env = "SDP_TRUSTED_PROXIES",
        value_name = "CIDRS",
        default_value = ""
    )]
    trusted_proxies: String,
    /// Networks (CIDRs, comma-separated) whose connections may read /metrics; loopback always
    /// may, unless the request was relayed by a proxy.
    #[arg(long, env = "SDP_METRICS_ALLOW", value_delimiter = ',')]
    metrics_allow: Vec<sqlx::types::ipnetwork::IpNetwork>,
    /// A token (at least 16 characters) that lets any client read /metrics as
    /// `Authorization: Bearer TOKEN`.
    #[arg(long, env = "SDP_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    /// The mail server: smtp://user:pass@host:587 (STARTTLS), smtps://user:pass@host (TLS),
    /// smtp://host:25?tls=none (a local relay). Unset: mails wait in the outbox.
    #[arg(long, env = "SDP_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The From of mails, e.g. "SDP tracker <noreply@example.org>".
    #[arg(long, env = "SDP_MAIL_FROM")]
    mail_from: Option<String>,
    /// The base of links in mails, e.g. https://sdp.example.org (default: the listening address).
    #[arg(long, env = "SDP_PUBLIC_URL")]
    public_url: Option<String>,
    /// Report files (PDF, Word) rendered at once. A PDF render holds 80–90 MiB while it runs;
    /// with memory to spare, allow up to one per core.
    #[arg(long, env = "SDP_RENDER_SLOTS", default_value_t = RENDER_SLOTS as u16,
          value_parser = clap::value_parser!(u16).range(1..))]
    render_slots: u16,
    /// Seconds a report download waits for a render slot before it is refused with a 503 and
    /// Retry-After (at most 25: the request times out at 30).
    #[arg(long, env = "SDP_RENDER_WAIT_SECS", default_value_t = RENDER_WAIT.as_secs(),
          value_parser = clap::value_parser!(u64).range(0..=25))]
    render_wait_secs: u64,
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The text file: the seed's form or a PDF-to-text export of the Council document.
    file: PathBuf,
    /// Parse without writing and print the counts as one JSON object.
    #[arg(long)]
    check: bool,
    /// The language of the text: en (the partnership's text) or fr (the French version of an
    /// imported partnership's text, aligned with the English by paragraph, item and heading).
    #[arg(long, default_value = "en", value_parser = parse_text_lang)]
    lang: Lang,
    /// The partnership's short name in URLs and the API.
    #[arg(long, default_value = import::SEED_SLUG)]
    slug: String,
    /// The signature date (YYYY-MM-DD); the seed's is known.
    #[arg(long)]
    signed: Option<NaiveDate>,
    /// A party, in the text's order and the text's language; repeat for each.
    #[arg(long = "party")]
    parties: Vec<String>,
}

fn parse_text_lang(value: &str) -> Result<Lang, String> {
    match value.trim() {
        "en" => Ok(Lang::En),
        "fr" => Ok(Lang::Fr),
        other => Err(format!(
            "{other:?} is not a text language (expected en or fr)"
        )),
    }
}

impl Cli {
    pub fn log_format(&self) -> LogFormat {
        self.log_format
    }

    fn database(&self) -> DatabaseConfig {
        match self.database_url.as_deref().map(str::trim) {
            Some(url) if !url.is_empty() => DatabaseConfig::Url {
                url: Secret::new(url),
                owner_url: self
                    .owner_database_url
                    .as_deref()
                    .map(str::trim)
                    .filter(|u| !u.is_empty())
                    .map(Secret::new),
            },
            _ => DatabaseConfig::Private {
                data_dir: self.data_dir.join("postgres"),
            },
        }
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let database = cli.database();
    match cli.command {
        None => serve(database, cli.serve).await,
        Some(Command::Serve(args)) => serve(database, args).await,
        Some(Command::Import(args)) => import_file(database, args).await,
        Some(Command::User(command)) => with_database(database, |pool| user(pool, command)).await,
        Some(Command::Token(TokenCommand::Add { email, label })) => {
            with_database(database, |pool| async move {
                let token = accounts::add_token(&pool, &email, &label, &Actor::cli()).await?;
                println!("{token}");
                Ok(())
            })
            .await
        }
        Some(Command::Cycle(command)) => {
            with_database(database, |pool| cycle::run(pool, command)).await
        }
        Some(Command::Remind(args)) => {
            let remind = args.check()?;
            with_database(database, |pool| remind::run(pool, remind)).await
        }
        Some(Command::Sheet(command)) => {
            with_database(database, |pool| sheet::run(pool, command)).await
        }
        Some(Command::Export(args)) => {
            // Bad input is refused before the database is opened.
            let export = args.check()?;
            with_database(database, |pool| export_report(pool, export)).await
        }
    }
}

/// A checked `export` request.
#[derive(Debug)]
struct Export {
    year: i32,
    format: report::Format,
    lang: Lang,
    output: PathBuf,
}

impl ExportArgs {
    fn check(self) -> anyhow::Result<Export> {
        let year: i32 = self
            .cycle
            .trim()
            .parse()
            .map_err(|_| anyhow::anyhow!("{:?} is not a year", self.cycle))?;
        let format: report::Format = self.format.parse()?;
        let lang = match self.lang.trim() {
            "en" => Lang::En,
            "fr" => Lang::Fr,
            other => anyhow::bail!("{other:?} is not a report language (expected en or fr)"),
        };
        Ok(Export {
            year,
            format,
            lang,
            output: self.output,
        })
    }
}

/// Builds the report, writes it, then records the export (actor `cli`).
async fn export_report(pool: sqlx::PgPool, export: Export) -> anyhow::Result<()> {
    let built = report::build::build(
        &pool,
        export.year,
        export.lang,
        &crate::clock::Clock::system(),
    )
    .await?;
    let bytes = report::render(&built, export.format)?;
    std::fs::write(&export.output, &bytes)
        .with_context(|| format!("cannot write {}", export.output.display()))?;
    report::record_export(&pool, &Actor::cli(), &built, export.format, None).await?;
    println!(
        "wrote the {} progress report ({}, {}) to {} ({} bytes)",
        export.year,
        export.format.as_str(),
        export.lang.code(),
        export.output.display(),
        bytes.len()
    );
    Ok(())
}

/// Opens the database for one command and closes it (stopping a private cluster started for it)
/// whatever the outcome.
async fn with_database<F, Fut>(database: DatabaseConfig, f: F) -> anyhow::Result<()>
where
    F: FnOnce(sqlx::PgPool) -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<()>>,
{
    let db = Database::open(&database).await?;
    let result = f(db.pool.clone()).await;
    db.close().await;
    result
}

async fn find_account(
    pool: &sqlx::PgPool,
    email: &str,
) -> anyhow::Result<crate::db::users::UserRow> {
    accounts::find_by_email(pool, email)
        .await
        .map_err(|e| match e {
            accounts::AccountOpError::NotFound => {
                anyhow::anyhow!("no account with the e-mail {email}")
            }
            other => other.into(),
        })
}

async fn user(pool: sqlx::PgPool, command: UserCommand) -> anyhow::Result<()> {
    let actor = Actor::cli();
    match command {
        UserCommand::Add {
            email,
            role,
            side,
            org,
            name,
            lang,
            password_stdin,
        } => {
            // Checked here, not by clap, for a one-line refusal.
            let lang = match lang.trim() {
                "en" => Lang::En,
                "fr" => Lang::Fr,
                other => anyhow::bail!("{other:?} is not a mail language (expected en or fr)"),
            };
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .read_line(&mut line)
                    .context("cannot read the password from standard input")?;
                Some(line.trim_end_matches(['\r', '\n']).to_owned())
            } else {
                None
            };
            let spec = accounts::AccountSpec {
                email: &email,
                display_name: name.as_deref(),
                role,
                side,
                organisation: org.as_deref(),
                password,
                lang,
            };
            let created = accounts::create(&pool, spec, &actor, None).await?;
            match created.one_time_password {
                Some(secret) => println!("{secret}"),
                None => println!("created account {}", created.id),
            }
        }
        UserCommand::ResetPassword { email } => {
            let user = find_account(&pool, &email).await?;
            println!(
                "{}",
                accounts::reset_password(&pool, user.id, &actor, None).await?
            );
        }
        UserCommand::Deactivate { email } => {
            let user = find_account(&pool, &email).await?;
            accounts::deactivate(&pool, user.id, &actor, None).await?;
            println!("deactivated {}", user.email);
        }
    }
    Ok(())
}

async fn serve(database: DatabaseConfig, args: ServeArgs) -> anyhow::Result<()> {
    // Checked before anything starts: a typo here must not quietly trust nobody, or everybody.
    let trusted_proxies: TrustedProxies = args
        .trusted_proxies
        .parse()
        .map_err(|e| anyhow::anyhow!("SDP_TRUSTED_PROXIES (--trusted-proxies): {e}"))?;
    let token = args.metrics_token.filter(|t| !t.trim().is_empty());
    if let Some(token) = &token
        && token.chars().count() < METRICS_TOKEN_MIN_CHARS
    {
        anyhow::bail!("SDP_METRICS_TOKEN must have at least {METRICS_TOKEN_MIN_CHARS} characters");
    }
    let mail = mail_config(args.smtp_url, args.mail_from, args.public_url)?;
    let config = Config {
        addr: args.addr,
        https: args.https,
        seed: args.seed,
        trusted_proxies,
        metrics: MetricsAccess {
            allow: args.metrics_allow,
            token: token.map(Secret::new),
        },
        mail,
        render: RenderLimits {
            slots: usize::from(args.render_slots),
            wait: std::time::Duration::from_secs(args.render_wait_secs),
        },
    };
    let db = Database::open(&database).await?;
    startup::serve(config, db).await
}

/// Checks the mail settings before anything starts; blank values are unset.
fn mail_config(
    smtp_url: Option<String>,
    from: Option<String>,
    public_url: Option<String>,
) -> anyhow::Result<MailConfig> {
    let given = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
    let smtp = given(smtp_url)
        .map(|url| SmtpUrl::parse(&Secret::new(url)))
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let from = given(from);
    if let Some(from) = &from {
        crate::mail::parse_from(from).map_err(anyhow::Error::msg)?;
    }
    let public_url = given(public_url).map(|u| u.trim().trim_end_matches('/').to_owned());
    if let Some(url) = &public_url
        && !url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https"))
    {
        anyhow::bail!("SDP_PUBLIC_URL must be an http:// or https:// URL");
    }
    Ok(MailConfig {
        smtp,
        from,
        public_url,
    })
}

/// `import FILE --lang fr`: the French text of an imported partnership.
async fn import_french_file(
    database: DatabaseConfig,
    args: ImportArgs,
    doc: &crate::domain::text::Document,
) -> anyhow::Result<()> {
    let parties: Option<Vec<String>> = if !args.parties.is_empty() {
        Some(args.parties)
    } else if args.slug == import::SEED_SLUG {
        Some(import::SEED_PARTIES_FR.map(String::from).to_vec())
    } else {
        None
    };
    let db = Database::open(&database).await?;
    let result =
        import::import_french(&db.pool, doc, &args.slug, parties.as_deref(), &Actor::cli()).await;
    db.close().await;
    let report = result.with_context(|| format!("{} was not imported", args.file.display()))?;
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}

async fn import_file(database: DatabaseConfig, args: ImportArgs) -> anyhow::Result<()> {
    let doc = import::read_document_in(&args.file, args.lang)?;
    if args.check {
        let mut summary = serde_json::json!({
            "file": args.file.display().to_string(),
            "title": doc.meta.title,
            "document_number": doc.meta.document_number,
            "document_date": doc.meta.document_date,
            "marking": doc.meta.marking,
            "paragraphs": doc.counts().paragraphs,
            "areas": doc.counts().areas,
            "items": doc.counts().items,
            "commitments": doc.counts().commitments,
            "content_hash": crate::domain::text::content_hash(&doc),
        });
        if args.lang == Lang::Fr {
            summary["lang"] = serde_json::json!("fr");
        }
        println!("{summary}");
        return Ok(());
    }
    if args.lang == Lang::Fr {
        return import_french_file(database, args, &doc).await;
    }
    let mut options = if args.slug == import::SEED_SLUG {
        ImportOptions::seed()
    } else {
        ImportOptions {
            slug: args.slug.clone(),
            signature_date: None,
            parties: Vec::new(),
        }
    };
    options.slug = args.slug;
    if args.signed.is_some() {
        options.signature_date = args.signed;
    }
    if !args.parties.is_empty() {
        options.parties = args.parties;
    }
    let db = Database::open(&database).await?;
    let result = import::import(&db.pool, &doc, &options, &Actor::cli()).await;
    db.close().await;
    let report = result.context("import failed")?;
    println!("{}", serde_json::to_string(&report)?);
    Ok(())
}
