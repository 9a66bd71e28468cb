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

/// An assessment save as `save_assessment` (the `save_assessment` migration) writes it: the
/// revision, its evidence, its audit event and the reopening of the side's sign-off, in one
/// statement.
#[derive(Debug, Clone, Copy)]
pub struct Write<'a> {
    /// `None`: the default partnership.
    pub partnership_id: Option<i64>,
    pub year: i32,
    pub reference: &'a str,
    pub side: Side,
    /// The version the writer saw (0 for the first).
    pub based_on: i32,
    pub valid: &'a Valid,
    pub author_id: i64,
    pub author: &'a str,
    pub request_id: Option<&'a str>,
    /// The statement is the whole transaction: a save that makes the commitment newly divergent
    /// is not written (the caller writes it with its mail), and the dashboards' notification is
    /// the caller's, after the commit ([`notify_saved`]).
    pub alone: bool,
}

/// A revision just written.
#[derive(Debug, Clone)]
pub struct Written {
    pub id: i64,
    pub version: i32,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub cycle_id: i64,
    pub commitment_id: i64,
    /// The commitment's reference as stored.
    pub reference: String,
    /// The side's status before this save.
    pub before: Option<Status>,
    /// The other side's current status.
    pub other: Option<Status>,
}

/// What [`save`] did.
#[derive(Debug, Clone)]
pub enum Outcome {
    Saved(Written),
    NoPartnership,
    NoCycle,
    NoCommitment,
    /// Assessments are written only while the cycle is open.
    CycleClosed,
    /// The version the writer saw is no longer the current one.
    Stale {
        current: i32,
    },
    /// Nothing written: the save would make the commitment newly divergent (only when
    /// [`Write::alone`]).
    Divergent,
}

/// Writes revision `based_on + 1` if and only if `based_on` is still the current version, with
/// its evidence and audit event, and reopens the side's sign-off; one round trip. Of two saves
/// of the same version, the second waits for the first and is answered as stale.
pub async fn save(db: impl PgExecutor<'_>, w: &Write<'_>) -> sqlx::Result<Outcome> {
    let urls: Vec<&str> = w.valid.evidence.iter().map(|e| e.url.as_str()).collect();
    let labels: Vec<&str> = w.valid.evidence.iter().map(|e| e.label.as_str()).collect();
    let row = sqlx::query!(
        r#"select o_outcome as "outcome!", o_id, o_version, o_cycle_id, o_commitment_id, o_ref,
                  o_created_at as "created_at: chrono::DateTime<chrono::Utc>",
                  o_before_status as "before: Status", o_other_status as "other: Status"
           from save_assessment($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"#,
        w.partnership_id,
        w.year,
        w.reference,
        w.side as Side,
        w.based_on,
        w.valid.status as Status,
        w.valid.narrative,
        &urls as &[&str],
        &labels as &[&str],
        w.author_id,
        w.author,
        w.request_id,
        w.alone,
    )
    .fetch_one(db)
    .await?;
    let missing = |column: &str| sqlx::Error::ColumnNotFound(column.to_owned());
    Ok(match row.outcome.as_str() {
        "saved" => Outcome::Saved(Written {
            id: row.o_id.ok_or_else(|| missing("o_id"))?,
            version: row.o_version.ok_or_else(|| missing("o_version"))?,
            created_at: row.created_at.ok_or_else(|| missing("o_created_at"))?,
            cycle_id: row.o_cycle_id.ok_or_else(|| missing("o_cycle_id"))?,
            commitment_id: row
                .o_commitment_id
                .ok_or_else(|| missing("o_commitment_id"))?,
            reference: row.o_ref.ok_or_else(|| missing("o_ref"))?,
            before: row.before,
            other: row.other,
        }),
        "stale" => Outcome::Stale {
            current: row.o_version.unwrap_or_default(),
        },
        "no_partnership" => Outcome::NoPartnership,
        "no_cycle" => Outcome::NoCycle,
        "no_commitment" => Outcome::NoCommitment,
        "closed" => Outcome::CycleClosed,
        "divergent" => Outcome::Divergent,
        other => return Err(sqlx::Error::Protocol(format!("save_assessment: {other}"))),
    })
}

/// Tells every instance that a revision was saved (channel `sdp_board_changed`), after the
/// commit of a [`Write::alone`] save: a notification inside the saving transaction would make
/// every save wait for the previous one's commit to reach the disk (see the migration).
///
/// The notification's own transaction commits without waiting for the disk
/// (`synchronous_commit` off for it alone): a NOTIFY gives its transaction an id, so its commit
/// is a record to flush, and the notification lock is held until then — every save would again
/// wait for the previous one's flush. Nothing durable rides on it: the revision committed before.
pub async fn notify_saved(db: impl PgExecutor<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "select set_config('synchronous_commit', 'off', true), pg_notify('sdp_board_changed', 'assessment')"
    )
        .fetch_one(db)
        .await?;
    Ok(())
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
