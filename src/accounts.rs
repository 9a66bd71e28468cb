//! Account operations shared by the command line, the administration pages and the first run:
//! each writes its change and its audit event in one transaction.

use anyhow::bail;
use sqlx::PgPool;

use crate::{
    auth::{password, token},
    db::{
        audit::{self, Actor, NewEvent},
        users::{self, NewUser},
    },
    domain::account::AccountError,
    domain::account::{Email, Role, Side, check_password, check_side},
};

/// The administrator created on first run, when the database has no account.
pub const FIRST_ADMIN_EMAIL: &str = "admin@sdp-tracker.local";

/// Why an account operation was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum AccountOpError {
    #[error("an account with the e-mail {0} already exists")]
    EmailTaken(String),
    #[error(transparent)]
    Invalid(#[from] AccountError),
    #[error("no such account")]
    NotFound,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// The unique constraint on `app_user.email`.
const EMAIL_CONSTRAINT: &str = "app_user_email_key";

/// A new account and, when the caller did not choose it, its one-time password.
pub struct Created {
    pub id: i64,
    pub one_time_password: Option<String>,
}

/// Details of an account to create.
pub struct AccountSpec<'a> {
    pub email: &'a str,
    pub display_name: Option<&'a str>,
    pub role: Role,
    pub side: Option<Side>,
    pub organisation: Option<&'a str>,
    /// None: generate a one-time password that must be changed at first login.
    pub password: Option<String>,
    /// The language of the account's mails.
    pub lang: crate::i18n::Lang,
}

pub async fn create(
    pool: &PgPool,
    spec: AccountSpec<'_>,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<Created, AccountOpError> {
    let email = Email::parse(spec.email)?;
    let side = check_side(spec.role, spec.side)?;
    let (secret, one_time) = match spec.password {
        Some(p) => {
            check_password(&p)?;
            (p, false)
        }
        None => (password::generate_one_time_password(), true),
    };
    let hash = password::hash(secret.clone()).await?;
    let display_name = spec
        .display_name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("user"));
    let mut tx = pool.begin().await?;
    let inserted = users::insert(
        &mut *tx,
        &NewUser {
            email: email.as_str(),
            display_name,
            role: spec.role,
            side,
            organisation: spec.organisation,
            password_hash: &hash,
            must_change_password: one_time,
        },
    )
    .await;
    if let Ok(id) = inserted
        && spec.lang != crate::i18n::Lang::En
    {
        crate::db::mail::set_settings(&mut *tx, id, spec.lang.code(), &[]).await?;
    }
    let id = match inserted {
        Ok(id) => id,
        Err(e) if e.as_database_error().and_then(|d| d.constraint()) == Some(EMAIL_CONSTRAINT) => {
            return Err(AccountOpError::EmailTaken(email.as_str().to_owned()));
        }
        Err(e) => return Err(e.into()),
    };
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "user.create",
            entity: "user",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(serde_json::json!({
                "email": email.as_str(), "display_name": display_name, "role": spec.role,
                "side": side, "organisation": spec.organisation, "active": true,
                "must_change_password": one_time, "lang": spec.lang,
            })),
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Created {
        id,
        one_time_password: one_time.then_some(secret),
    })
}

/// With no account in the database, creates the first administrator with a one-time password.
pub async fn create_first_admin(pool: &PgPool) -> anyhow::Result<Option<String>> {
    if users::count(pool).await? > 0 {
        return Ok(None);
    }
    let created = create(
        pool,
        AccountSpec {
            email: FIRST_ADMIN_EMAIL,
            display_name: Some("Administrator"),
            role: Role::Admin,
            side: None,
            organisation: None,
            password: None,
            lang: crate::i18n::Lang::En,
        },
        &Actor::system(),
        None,
    )
    .await?;
    Ok(created.one_time_password)
}

/// The account with this e-mail.
pub async fn find_by_email(pool: &PgPool, email: &str) -> Result<users::UserRow, AccountOpError> {
    let email = Email::parse(email)?;
    users::find_by_email(pool, email.as_str())
        .await?
        .ok_or(AccountOpError::NotFound)
}

/// Issues a new one-time password for account `id` and ends its logins.
pub async fn reset_password(
    pool: &PgPool,
    id: i64,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<String, AccountOpError> {
    let user = users::find(pool, id)
        .await?
        .ok_or(AccountOpError::NotFound)?;
    let secret = password::generate_one_time_password();
    let hash = password::hash(secret.clone()).await?;
    let mut tx = pool.begin().await?;
    users::set_password(&mut *tx, user.id, &hash, true).await?;
    let ended = users::end_all_logins(&mut *tx, user.id, None).await?;
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "user.password_reset",
            entity: "user",
            entity_id: Some(user.id.to_string()),
            before: Some(serde_json::json!({ "must_change_password": user.must_change_password })),
            after: Some(serde_json::json!({ "must_change_password": true, "logins_ended": ended })),
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(secret)
}

/// Deactivates account `id` and ends its logins; its tokens stop working with it.
pub async fn deactivate(
    pool: &PgPool,
    id: i64,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<(), AccountOpError> {
    let user = users::find(pool, id)
        .await?
        .ok_or(AccountOpError::NotFound)?;
    let mut tx = pool.begin().await?;
    users::set_active(&mut *tx, user.id, false).await?;
    let ended = users::end_all_logins(&mut *tx, user.id, None).await?;
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "user.deactivate",
            entity: "user",
            entity_id: Some(user.id.to_string()),
            before: Some(serde_json::json!({ "active": user.active })),
            after: Some(serde_json::json!({ "active": false, "logins_ended": ended })),
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What an administrator may change of an account.
pub struct ProfileChange<'a> {
    pub display_name: &'a str,
    pub role: Role,
    pub side: Option<Side>,
    pub organisation: Option<&'a str>,
    pub active: bool,
}

/// Changes an account's profile; deactivating it ends its logins. The audit event keeps the
/// account before and after.
pub async fn update_profile(
    pool: &PgPool,
    id: i64,
    change: ProfileChange<'_>,
    actor: &Actor,
    request_id: Option<&str>,
) -> Result<(), AccountOpError> {
    let before = users::find(pool, id)
        .await?
        .ok_or(AccountOpError::NotFound)?;
    let mut tx = pool.begin().await?;
    users::update_profile(
        &mut *tx,
        id,
        change.display_name,
        change.role,
        change.side,
        change.organisation,
        change.active,
    )
    .await?;
    if before.active && !change.active {
        users::end_all_logins(&mut *tx, id, None).await?;
    }
    let after = users::find(&mut *tx, id)
        .await?
        .ok_or(AccountOpError::NotFound)?;
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "user.update",
            entity: "user",
            entity_id: Some(id.to_string()),
            before: Some(audit_view(&before)),
            after: Some(audit_view(&after)),
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What the audit log keeps of an account: never its password hash.
fn audit_view(u: &users::UserRow) -> serde_json::Value {
    serde_json::json!({
        "email": u.email,
        "display_name": u.display_name,
        "role": u.role,
        "side": u.side,
        "organisation": u.organisation,
        "active": u.active,
        "must_change_password": u.must_change_password,
    })
}

/// Creates a personal API token; the token itself is returned once and stored only hashed.
pub async fn add_token(
    pool: &PgPool,
    email: &str,
    label: &str,
    actor: &Actor,
) -> anyhow::Result<String> {
    let user = find_by_email(pool, email).await.map_err(|e| match e {
        AccountOpError::NotFound => anyhow::anyhow!("no account with the e-mail {email}"),
        other => other.into(),
    })?;
    if !user.active {
        bail!("the account {} is deactivated", user.email);
    }
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 100 {
        bail!("the token label must have 1 to 100 characters");
    }
    let secret = token::generate();
    let mut tx = pool.begin().await?;
    let id = users::insert_token(
        &mut *tx,
        user.id,
        label,
        &token::digest(&secret),
        &token::visible_prefix(&secret),
    )
    .await?;
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "token.create",
            entity: "api_token",
            entity_id: Some(id.to_string()),
            before: None,
            after: Some(serde_json::json!({ "label": label, "user_id": user.id })),
            request_id: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(secret)
}
