//! Accounts, login sessions and API tokens.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::domain::account::{Role, Side};

/// An account as the rest of the application sees it.
#[derive(Clone)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub side: Option<Side>,
    pub organisation: Option<String>,
    pub active: bool,
    pub must_change_password: bool,
    pub password_hash: String,
}

/// The [`UserRow`] in a row that joins `app_user`'s columns (`u.id, u.email, …`) to others: an
/// anonymous record of `query!`, which cannot be read as a `UserRow` directly.
macro_rules! user_row {
    ($r:expr) => {{
        let r = $r;
        UserRow {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            role: r.role,
            side: r.side,
            organisation: r.organisation,
            active: r.active,
            must_change_password: r.must_change_password,
            password_hash: r.password_hash,
        }
    }};
}

impl std::fmt::Debug for UserRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRow")
            .field("id", &self.id)
            .field("email", &self.email)
            .field("role", &self.role)
            .field("side", &self.side)
            .field("active", &self.active)
            .finish_non_exhaustive()
    }
}

pub async fn count(db: impl PgExecutor<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select count(*) as "n!" from app_user"#)
        .fetch_one(db)
        .await
}

pub async fn find_by_email(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as!(
        UserRow,
        r#"select id, email, display_name, role as "role: Role", side as "side: Side", organisation,
                  active, must_change_password, password_hash
           from app_user where email = $1"#,
        email
    )
    .fetch_optional(db)
    .await
}

pub async fn find(db: impl PgExecutor<'_>, id: i64) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as!(
        UserRow,
        r#"select id, email, display_name, role as "role: Role", side as "side: Side", organisation,
                  active, must_change_password, password_hash
           from app_user where id = $1"#,
        id
    )
    .fetch_optional(db)
    .await
}

pub async fn list(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<UserRow>> {
    sqlx::query_as!(
        UserRow,
        r#"select id, email, display_name, role as "role: Role", side as "side: Side", organisation,
                  active, must_change_password, password_hash
           from app_user order by active desc, role, email"#
    )
    .fetch_all(db)
    .await
}

/// The user of a live login session: not ended, within its absolute lifetime, account active; and
/// when the login started (for `auth::cache`, which checks the lifetime itself).
pub async fn find_by_login(
    db: impl PgExecutor<'_>,
    login_id: Uuid,
    max_age_secs: f64,
) -> sqlx::Result<Option<(UserRow, DateTime<Utc>)>> {
    let row = sqlx::query!(
        r#"select u.id, u.email, u.display_name, u.role as "role: Role", u.side as "side: Side",
                  u.organisation, u.active, u.must_change_password, u.password_hash,
                  s.started_at as "started_at: DateTime<Utc>"
           from login_session s join app_user u on u.id = s.user_id
           where s.id = $1 and s.ended_at is null and u.active
             and s.started_at > now() - make_interval(secs => $2)"#,
        login_id,
        max_age_secs
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| {
        let started_at = r.started_at;
        (user_row!(r), started_at)
    }))
}

/// New account fields.
#[derive(Debug)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub side: Option<Side>,
    pub organisation: Option<&'a str>,
    pub password_hash: &'a str,
    pub must_change_password: bool,
}

pub async fn insert(db: impl PgExecutor<'_>, user: &NewUser<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into app_user (email, display_name, role, side, organisation, password_hash, must_change_password)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
        user.email,
        user.display_name,
        user.role as Role,
        user.side as Option<Side>,
        user.organisation,
        user.password_hash,
        user.must_change_password,
    )
    .fetch_one(db)
    .await
}

/// Changes what an administrator may change about an account.
pub async fn update_profile(
    db: impl PgExecutor<'_>,
    id: i64,
    display_name: &str,
    role: Role,
    side: Option<Side>,
    organisation: Option<&str>,
    active: bool,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update app_user set display_name = $2, role = $3, side = $4, organisation = $5, active = $6,
                updated_at = now()
         where id = $1",
        id,
        display_name,
        role as Role,
        side as Option<Side>,
        organisation,
        active,
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_password(
    db: impl PgExecutor<'_>,
    id: i64,
    password_hash: &str,
    must_change: bool,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update app_user set password_hash = $2, must_change_password = $3, updated_at = now() where id = $1",
        id,
        password_hash,
        must_change,
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_active(db: impl PgExecutor<'_>, id: i64, active: bool) -> sqlx::Result<()> {
    sqlx::query!(
        "update app_user set active = $2, updated_at = now() where id = $1",
        id,
        active
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn start_login(
    db: impl PgExecutor<'_>,
    user_id: i64,
    client_ip: Option<std::net::IpAddr>,
) -> sqlx::Result<Uuid> {
    let id = Uuid::new_v4();
    sqlx::query!(
        "insert into login_session (id, user_id, client_ip) values ($1, $2, $3)",
        id,
        user_id,
        client_ip.map(sqlx::types::ipnetwork::IpNetwork::from) as _,
    )
    .execute(db)
    .await?;
    Ok(id)
}

pub async fn end_login(db: impl PgExecutor<'_>, login_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update login_session set ended_at = now() where id = $1 and ended_at is null",
        login_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Ends every login of a user (deactivation, password reset), optionally sparing one.
pub async fn end_all_logins(
    db: impl PgExecutor<'_>,
    user_id: i64,
    except: Option<Uuid>,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update login_session set ended_at = now()
         where user_id = $1 and ended_at is null and ($2::uuid is null or id <> $2)",
        user_id,
        except,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// A token as the profile page lists it.
#[derive(Debug, Clone)]
pub struct TokenRow {
    pub id: i64,
    pub label: String,
    pub prefix: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
    pub revoked_at: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn insert_token(
    db: impl PgExecutor<'_>,
    user_id: i64,
    label: &str,
    digest: &[u8],
    prefix: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into api_token (user_id, label, token_hash, prefix) values ($1, $2, $3, $4) returning id",
        user_id,
        label,
        digest,
        prefix,
    )
    .fetch_one(db)
    .await
}

pub async fn tokens(db: impl PgExecutor<'_>, user_id: i64) -> sqlx::Result<Vec<TokenRow>> {
    sqlx::query_as!(
        TokenRow,
        r#"select id, label, prefix, created_at as "created_at: chrono::DateTime<chrono::Utc>",
                  last_used_at as "last_used_at: chrono::DateTime<chrono::Utc>",
                  revoked_at as "revoked_at: chrono::DateTime<chrono::Utc>"
           from api_token where user_id = $1 order by created_at desc"#,
        user_id
    )
    .fetch_all(db)
    .await
}

/// Revokes one of the user's own tokens; false when there is no such live token.
pub async fn revoke_token(
    db: impl PgExecutor<'_>,
    user_id: i64,
    token_id: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update api_token set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null",
        token_id,
        user_id,
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// How stale a token's `last_used_at` may get before a request through it writes it again: one
/// write a minute per token, not one per request.
pub const TOKEN_LAST_USED_PRECISION_SECS: f64 = 60.0;

/// A live token of an active account, as `find_by_token` reads it.
#[derive(Debug, Clone)]
pub struct LiveToken {
    pub id: i64,
    /// When it was last marked used (now, when this read marked it).
    pub last_used_at: Option<DateTime<Utc>>,
    pub account: UserRow,
}

/// The live token with this digest and the active user owning it, marking it used (when its mark
/// is older than [`TOKEN_LAST_USED_PRECISION_SECS`], in the same statement).
pub async fn find_by_token(
    db: impl PgExecutor<'_>,
    digest: &[u8],
) -> sqlx::Result<Option<LiveToken>> {
    let row = sqlx::query!(
        r#"with live as (
               select id, user_id, last_used_at from api_token
               where token_hash = $1 and revoked_at is null),
           used as (
               update api_token t set last_used_at = now()
               from live
               where t.id = live.id and t.revoked_at is null
                 and (live.last_used_at is null
                      or live.last_used_at < now() - make_interval(secs => $2))
               returning t.last_used_at)
           select live.id as token_id,
                  coalesce((select last_used_at from used), live.last_used_at)
                      as "last_used_at: DateTime<Utc>",
                  u.id, u.email, u.display_name, u.role as "role: Role", u.side as "side: Side",
                  u.organisation, u.active, u.must_change_password, u.password_hash
           from live join app_user u on u.id = live.user_id where u.active"#,
        digest,
        TOKEN_LAST_USED_PRECISION_SECS,
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| LiveToken {
        id: r.token_id,
        last_used_at: r.last_used_at,
        account: user_row!(r),
    }))
}

/// Marks a live token used now, unless its mark is younger than
/// [`TOKEN_LAST_USED_PRECISION_SECS`] (another instance marked it meanwhile).
pub async fn mark_token_used(db: impl PgExecutor<'_>, token_id: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "update api_token set last_used_at = now()
         where id = $1 and revoked_at is null
           and (last_used_at is null or last_used_at < now() - make_interval(secs => $2))",
        token_id,
        TOKEN_LAST_USED_PRECISION_SECS,
    )
    .execute(db)
    .await?;
    Ok(())
}
