//! The spreadsheet round-trip's tables and reads: uploads waiting to be applied, and every
//! revision of a cycle (to tell a row left as downloaded from a row edited since).

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::domain::{account::Side, status::Status};

/// An assessment revision, without its links (see `assessments::evidence`).
#[derive(Debug, Clone)]
pub struct SideRevision {
    pub id: i64,
    pub commitment_id: i64,
    pub version: i32,
    pub status: Status,
    pub narrative: String,
}

/// Every revision of one side's assessments in a cycle.
pub async fn side_revisions(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
    side: Side,
) -> sqlx::Result<Vec<SideRevision>> {
    sqlx::query_as!(
        SideRevision,
        r#"select id, commitment_id, version, status as "status: Status", narrative
           from assessment where cycle_id = $1 and side = $2
           order by commitment_id, version"#,
        cycle_id,
        side as Side
    )
    .fetch_all(db)
    .await
}

/// A joint review revision, as stored (`''` for a text not written).
#[derive(Debug, Clone)]
pub struct JointValues {
    pub commitment_id: i64,
    pub version: i32,
    pub status: Status,
    pub summary_en: String,
    pub summary_fr: String,
    pub next_steps: String,
    pub next_steps_fr: String,
}

/// Every joint review revision of a cycle.
pub async fn joint_revisions(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
) -> sqlx::Result<Vec<JointValues>> {
    sqlx::query_as!(
        JointValues,
        r#"select commitment_id, version, status as "status: Status", summary_en, summary_fr,
                  next_steps, next_steps_fr
           from joint_review where cycle_id = $1
           order by commitment_id, version"#,
        cycle_id
    )
    .fetch_all(db)
    .await
}

/// An upload to store.
pub struct NewUpload<'a> {
    pub id: Uuid,
    pub user_id: i64,
    pub cycle_id: i64,
    pub kind: &'a str,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub rows: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert_upload(db: impl PgExecutor<'_>, upload: &NewUpload<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into sheet_upload (id, user_id, cycle_id, kind, file_name, sha256, rows,
                                   created_at, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        upload.id,
        upload.user_id,
        upload.cycle_id,
        upload.kind,
        upload.file_name,
        upload.sha256,
        upload.rows,
        upload.created_at,
        upload.expires_at
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Forgets uploads that expired before `now`.
pub async fn delete_expired(db: impl PgExecutor<'_>, now: DateTime<Utc>) -> sqlx::Result<u64> {
    Ok(
        sqlx::query!("delete from sheet_upload where expires_at < $1", now)
            .execute(db)
            .await?
            .rows_affected(),
    )
}

/// A stored upload.
#[derive(Debug, Clone)]
pub struct Upload {
    pub id: Uuid,
    pub user_id: i64,
    pub cycle_id: i64,
    pub kind: String,
    pub file_name: String,
    pub sha256: String,
    pub rows: serde_json::Value,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub applied_at: Option<DateTime<Utc>>,
}

pub async fn find_upload(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<Upload>> {
    sqlx::query_as!(
        Upload,
        "select id, user_id, cycle_id, kind, file_name, sha256, rows, created_at, expires_at,
                applied_at
         from sheet_upload where id = $1",
        id
    )
    .fetch_optional(db)
    .await
}

/// Marks an upload applied, once: false when it already was.
pub async fn mark_applied(
    db: impl PgExecutor<'_>,
    id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    Ok(sqlx::query!(
        "update sheet_upload set applied_at = $2 where id = $1 and applied_at is null",
        id,
        now
    )
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}
