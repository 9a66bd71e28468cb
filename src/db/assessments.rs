//! Assessments: append-only revisions per cycle, commitment and side, with their evidence.

use sqlx::PgExecutor;

use crate::domain::{
    account::Side,
    assessment::{Evidence, Valid},
    status::Status,
};

/// One revision of one side's assessment.
#[derive(Debug, Clone)]
pub struct Revision {
    pub id: i64,
    pub cycle_id: i64,
    pub commitment_id: i64,
    pub reference: String,
    pub side: Side,
    pub version: i32,
    pub status: Status,
    pub narrative: String,
    pub author: String,
    pub author_id: Option<i64>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// Why a save was not written.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The version the writer saw is no longer the current one.
    #[error("the assessment was changed by someone else (current version {current})")]
    Stale { current: i32 },
    /// Assessments are written only while the cycle is open.
    #[error("the cycle is not open")]
    CycleClosed,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The current version for (cycle, commitment, side); 0 when nothing was saved yet.
pub async fn current_version(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
    commitment_id: i64,
    side: Side,
) -> sqlx::Result<i32> {
    sqlx::query_scalar!(
        r#"select coalesce(max(version), 0) as "v!" from assessment
           where cycle_id = $1 and commitment_id = $2 and side = $3"#,
        cycle_id,
        commitment_id,
        side as Side,
    )
    .fetch_one(db)
    .await
}

/// A revision just written.
#[derive(Debug, Clone, Copy)]
pub struct Inserted {
    pub id: i64,
    pub version: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// One side's line of revisions of one commitment in one cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thread {
    pub cycle_id: i64,
    pub commitment_id: i64,
    pub side: Side,
}

/// Writes revision `based_on + 1` if and only if `based_on` is still the current version: the
/// check and the write are one statement, and the unique key (cycle, commitment, side, version)
/// refuses the loser of a race between two writers of the same version.
pub async fn insert_revision(
    conn: &mut sqlx::PgConnection,
    thread: Thread,
    based_on: i32,
    valid: &Valid,
    author_id: Option<i64>,
    author: &str,
) -> Result<Inserted, SaveError> {
    let Thread {
        cycle_id,
        commitment_id,
        side,
    } = thread;
    // No revision follows version i32::MAX, so it cannot be the current one: answered as stale
    // without the statement, whose `$4 + 1` would overflow (PostgreSQL folds it before it reads
    // the `where`).
    let inserted = if based_on == i32::MAX {
        Ok(None)
    } else {
        sqlx::query!(
            r#"insert into assessment (cycle_id, commitment_id, side, version, status, narrative, author_id, author)
           select $1, $2, $3, $4 + 1, $5, $6, $7, $8
           where coalesce((select max(version) from assessment
                           where cycle_id = $1 and commitment_id = $2 and side = $3), 0) = $4
             and exists (select 1 from review_cycle where id = $1 and state = 'open')
           returning id, version, created_at as "created_at: chrono::DateTime<chrono::Utc>""#,
            cycle_id,
            commitment_id,
            side as Side,
            based_on,
            valid.status as Status,
            valid.narrative,
            author_id,
            author,
        )
        .fetch_optional(&mut *conn)
        .await
    };
    let row = match inserted {
        Ok(Some(row)) => row,
        Ok(None) => {
            let open: bool = sqlx::query_scalar!(
                r#"select exists (select 1 from review_cycle where id = $1 and state = 'open') as "open!""#,
                cycle_id
            )
            .fetch_one(&mut *conn)
            .await?;
            if !open {
                return Err(SaveError::CycleClosed);
            }
            let current = current_version(&mut *conn, cycle_id, commitment_id, side).await?;
            return Err(SaveError::Stale { current });
        }
        Err(sqlx::Error::Database(e))
            if e.constraint() == Some("assessment_cycle_id_commitment_id_side_version_key") =>
        {
            // The other writer committed first; the transaction is aborted, so no further query.
            return Err(SaveError::Stale {
                current: based_on + 1,
            });
        }
        Err(e) => return Err(e.into()),
    };
    if !valid.evidence.is_empty() {
        // All links in one statement, in the order given (positions from 0).
        let urls: Vec<&str> = valid.evidence.iter().map(|e| e.url.as_str()).collect();
        let labels: Vec<&str> = valid.evidence.iter().map(|e| e.label.as_str()).collect();
        sqlx::query!(
            "insert into assessment_evidence (assessment_id, position, url, label)
             select $1, (e.n - 1)::smallint, e.url, e.label
             from unnest($2::text[], $3::text[]) with ordinality as e (url, label, n)",
            row.id,
            &urls as &[&str],
            &labels as &[&str],
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(Inserted {
        id: row.id,
        version: row.version,
        created_at: row.created_at,
    })
}

/// The current revision of one side's assessment of a commitment in a cycle, if any.
pub async fn current(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
    commitment_id: i64,
    side: Side,
) -> sqlx::Result<Option<Revision>> {
    sqlx::query_as!(
        Revision,
        r#"select a.id, a.cycle_id, a.commitment_id, c.ref as reference, a.side as "side: Side", a.version,
                  a.status as "status: Status", a.narrative, a.author, a.author_id,
                  a.created_at as "created_at: chrono::DateTime<chrono::Utc>"
           from assessment a join commitment c on c.id = a.commitment_id
           where a.cycle_id = $1 and a.commitment_id = $2 and a.side = $3
           order by a.version desc limit 1"#,
        cycle_id,
        commitment_id,
        side as Side,
    )
    .fetch_optional(db)
    .await
}

/// The current revision of each side for every commitment of a cycle.
pub async fn current_for_cycle(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
) -> sqlx::Result<Vec<Revision>> {
    // The newest revision of each (commitment, side) read from the top of the index
    // assessment_current: one row each, however many revisions a cycle has (a distinct on over
    // the cycle read all of them, narratives included).
    sqlx::query_as!(
        Revision,
        r#"select a.id as "id!", a.cycle_id as "cycle_id!", a.commitment_id as "commitment_id!",
                  c.ref as reference, a.side as "side!: Side", a.version as "version!",
                  a.status as "status!: Status", a.narrative as "narrative!", a.author as "author!",
                  a.author_id, a.created_at as "created_at!: chrono::DateTime<chrono::Utc>"
           from review_cycle y
           join commitment c on c.partnership_id = y.partnership_id
           cross join (values ('eu'), ('ca')) s (side)
           join lateral (
               select * from assessment a
               where a.cycle_id = y.id and a.commitment_id = c.id and a.side = s.side
               order by a.version desc limit 1) a on true
           where y.id = $1
           order by a.commitment_id, a.side"#,
        cycle_id
    )
    .fetch_all(db)
    .await
}

/// Every revision of a commitment in a cycle, newest first.
pub async fn history(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
    commitment_id: i64,
) -> sqlx::Result<Vec<Revision>> {
    sqlx::query_as!(
        Revision,
        r#"select a.id, a.cycle_id, a.commitment_id, c.ref as reference, a.side as "side: Side", a.version,
                  a.status as "status: Status", a.narrative, a.author, a.author_id,
                  a.created_at as "created_at: chrono::DateTime<chrono::Utc>"
           from assessment a join commitment c on c.id = a.commitment_id
           where a.cycle_id = $1 and a.commitment_id = $2
           order by a.created_at desc, a.id desc"#,
        cycle_id,
        commitment_id
    )
    .fetch_all(db)
    .await
}

/// The most recent revisions of a cycle, for "recent activity".
pub async fn recent(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
    limit: i64,
) -> sqlx::Result<Vec<Revision>> {
    sqlx::query_as!(
        Revision,
        r#"select a.id, a.cycle_id, a.commitment_id, c.ref as reference, a.side as "side: Side", a.version,
                  a.status as "status: Status", a.narrative, a.author, a.author_id,
                  a.created_at as "created_at: chrono::DateTime<chrono::Utc>"
           from assessment a join commitment c on c.id = a.commitment_id
           where a.cycle_id = $1
           order by a.created_at desc, a.id desc limit $2"#,
        cycle_id,
        limit
    )
    .fetch_all(db)
    .await
}

/// Evidence of the given revisions, as (assessment id, evidence) in order.
pub async fn evidence(
    db: impl PgExecutor<'_>,
    assessment_ids: &[i64],
) -> sqlx::Result<Vec<(i64, Evidence)>> {
    let rows = sqlx::query!(
        "select assessment_id, url, label from assessment_evidence
         where assessment_id = any($1) order by assessment_id, position",
        assessment_ids
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.assessment_id,
                Evidence {
                    url: r.url,
                    label: r.label,
                },
            )
        })
        .collect())
}
