//! `sdp-tracker sheet export|import`: the spreadsheet round-trip from the command line, through
//! the same service as the web pages (an import is stored, previewed and applied as an upload).

use std::path::PathBuf;

use anyhow::Context as _;
use clap::Subcommand;
use sqlx::PgPool;

use crate::{
    accounts,
    auth::User,
    clock::Clock,
    db::audit::Actor,
    domain::account::Side,
    i18n::Lang,
    sheets::{
        SheetKind,
        preview::{Outcome, RowPreview},
        read::Identity,
        service::{self, SheetError},
        sha256_hex,
    },
    views::sheets::row_details,
};

#[derive(Debug, Subcommand)]
pub enum SheetCommand {
    /// Write a side's assessments (or, with --joint, the joint reviews) of a cycle as XLSX.
    Export {
        #[arg(long)]
        cycle: String,
        /// eu or ca.
        #[arg(long, conflicts_with = "joint", required_unless_present = "joint")]
        side: Option<String>,
        /// The secretariat's joint reviews instead of a side's assessments.
        #[arg(long)]
        joint: bool,
        /// The sheet's language: en or fr.
        #[arg(long, default_value = "en")]
        lang: String,
        /// The file to write.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Preview a sheet (XLSX or CSV) and apply its changes as the account EMAIL would.
    Import {
        #[arg(long)]
        cycle: String,
        /// The account the changes are saved as (its side and role rules apply).
        #[arg(long = "as")]
        email: String,
        /// Only print the preview; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Apply the valid rows even though other rows have errors.
        #[arg(long)]
        valid_rows_only: bool,
        file: PathBuf,
    },
}

fn parse_year(text: &str) -> anyhow::Result<i32> {
    text.trim()
        .parse()
        .map_err(|_| anyhow::anyhow!("{text:?} is not a year"))
}

pub async fn run(pool: PgPool, command: SheetCommand) -> anyhow::Result<()> {
    let partnership_id = crate::cycles::default_partnership_id(&pool)
        .await
        .map_err(|_| anyhow::anyhow!("no partnership has been imported"))?;
    match command {
        SheetCommand::Export {
            cycle,
            side,
            joint,
            lang,
            output,
        } => {
            let year = parse_year(&cycle)?;
            let kind = match (side.as_deref().map(str::trim), joint) {
                (_, true) => SheetKind::Joint,
                (Some(s), false) => SheetKind::Side(
                    s.parse::<Side>()
                        .map_err(|_| anyhow::anyhow!("{s:?} is not a side (expected eu or ca)"))?,
                ),
                (None, false) => anyhow::bail!("give --side eu|ca or --joint"),
            };
            let lang = match lang.trim() {
                "en" => Lang::En,
                "fr" => Lang::Fr,
                other => anyhow::bail!("{other:?} is not a sheet language (expected en or fr)"),
            };
            let identity = Identity { kind, year, lang };
            let bytes = service::export(&pool, partnership_id, identity, &Actor::cli(), None)
                .await
                .map_err(|e| one_line(e, year))?;
            std::fs::write(&output, &bytes)
                .with_context(|| format!("cannot write {}", output.display()))?;
            println!(
                "wrote the {year} {} sheet ({}) to {} ({} bytes)",
                kind.code(),
                lang.code(),
                output.display(),
                bytes.len()
            );
            Ok(())
        }
        SheetCommand::Import {
            cycle,
            email,
            dry_run,
            valid_rows_only,
            file,
        } => {
            let year = parse_year(&cycle)?;
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            let account = accounts::find_by_email(&pool, &email)
                .await
                .map_err(|_| anyhow::anyhow!("no account with the e-mail {email}"))?;
            if !account.active {
                anyhow::bail!("the account {email} is deactivated");
            }
            let user = User {
                account,
                login_id: uuid::Uuid::nil(),
            };
            import(
                &pool,
                partnership_id,
                &user,
                year,
                &file,
                &bytes,
                dry_run,
                valid_rows_only,
            )
            .await
        }
    }
}

fn one_line(err: SheetError, year: i32) -> anyhow::Error {
    match err {
        SheetError::NotFound => anyhow::anyhow!("there is no {year} cycle"),
        other => anyhow::anyhow!("{}", other.message(Lang::En)),
    }
}

#[allow(clippy::too_many_arguments)]
async fn import(
    pool: &PgPool,
    partnership_id: i64,
    user: &User,
    year: i32,
    file: &std::path::Path,
    bytes: &[u8],
    dry_run: bool,
    valid_only: bool,
) -> anyhow::Result<()> {
    let now = Clock::system().now();
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "sheet".into());
    let rows = service::preview_file(pool, user, partnership_id, year, bytes)
        .await
        .map_err(|e| one_line(e, year))?;
    let count = |f: fn(&RowPreview) -> bool| rows.iter().filter(|r| f(r)).count();
    let (changes, errors) = (count(RowPreview::is_change), count(RowPreview::is_error));
    for row in &rows {
        let what = match &row.outcome {
            Outcome::Change { .. } => "change",
            Outcome::Unchanged => continue,
            Outcome::Error(_) => "error",
        };
        let details = row_details(Lang::En, row).join(" ");
        println!("row {} {}: {what}: {details}", row.line, row.reference);
    }
    println!(
        "{changes} changes, {} unchanged, {errors} with errors",
        rows.len() - changes - errors
    );
    if dry_run {
        if errors > 0 {
            anyhow::bail!("{errors} rows have errors (dry run: nothing written)");
        }
        return Ok(());
    }
    if errors > 0 && !valid_only {
        anyhow::bail!(
            "{errors} rows have errors: nothing written (--valid-rows-only applies the others)"
        );
    }
    if changes == 0 {
        return Ok(());
    }
    let id = service::upload(pool, now, user, partnership_id, year, &name, bytes, None)
        .await
        .map_err(|e| one_line(e, year))?;
    let applied = service::apply(
        pool,
        now,
        user,
        partnership_id,
        year,
        id,
        &sha256_hex(bytes),
        valid_only,
        None,
    )
    .await
    .map_err(|e| match e {
        SheetError::HasErrors { count } => anyhow::anyhow!(
            "{count} rows have errors: nothing written (--valid-rows-only applies the others)"
        ),
        other => one_line(other, year),
    })?;
    println!(
        "applied {} changes ({} rows with errors left out)",
        applied.changed, applied.skipped
    );
    Ok(())
}
