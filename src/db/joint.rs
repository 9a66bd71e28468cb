//! Joint reviews (the secretariat's reconciled status of a commitment in a cycle: append-only
//! revisions, the highest version is current) and errata to frozen or published cycles.

use chrono::NaiveDate;
use serde_json::Value;
use sqlx::PgExecutor;

use crate::{
    db::cycles::{Cycle, CycleRow},
    domain::{
        cycle::CycleState,
        errata::{self, Corrected, Correction, JointFields},
        lang::Bilingual,
        status::Status,
    },
};

/// One revision of a commitment's joint review.
#[derive(Debug, Clone)]
pub struct JointRevision {
    pub id: i64,
    pub cycle_id: i64,
    pub commitment_id: i64,
    pub reference: String,
    pub version: i32,
    pub status: Status,
    /// The public summary line, in English and in French.
    pub summary_en: String,
    pub summary_fr: String,
    /// The agreed next steps; a language is `None` when they were not written in it.
    pub next_steps: Bilingual<String>,
    pub author: String,
    pub author_id: Option<i64>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// A `joint_review` row as stored: English next steps in `next_steps`, `''` when not written.
struct JointRow {
    id: i64,
    cycle_id: i64,
    commitment_id: i64,
    reference: String,
    version: i32,
    status: Status,
    summary_en: String,
    summary_fr: String,
    next_steps: String,
    next_steps_fr: String,
    author: String,
    author_id: Option<i64>,
    created_at: chrono::DateTime<chrono::Utc>,
}

/// Empty text is text not written.
fn written(text: String) -> Option<String> {
    Some(text).filter(|t| !t.is_empty())
}

impl From<JointRow> for JointRevision {
    fn from(r: JointRow) -> JointRevision {
        JointRevision {
            id: r.id,
            cycle_id: r.cycle_id,
            commitment_id: r.commitment_id,
            reference: r.reference,
            version: r.version,
            status: r.status,
            summary_en: r.summary_en,
            summary_fr: r.summary_fr,
            next_steps: Bilingual {
                en: written(r.next_steps),
                fr: written(r.next_steps_fr),
            },
            author: r.author,
            author_id: r.author_id,
            created_at: r.created_at,
        }
    }
}

/// A checked joint review to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJoint<'a> {
    pub status: Status,
    pub summary_en: &'a str,
    pub summary_fr: &'a str,
    /// English, `""` when not written.
    pub next_steps: &'a str,
    /// French, `""` when not written.
    pub next_steps_fr: &'a str,
}

/// Why a joint review was not written.
#[derive(Debug, thiserror::Error)]
pub enum JointSaveError {
    /// The version the writer saw is no longer the current one.
    #[error("the joint review was changed by someone else (current version {current})")]
    Stale { current: i32 },
    /// Joint reviews are written only while the cycle is in reconciliation.
    #[error("the cycle is not in reconciliation")]
    NotReconciliation,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// The unique key that refuses the loser of a race between two writers of the same version.
const VERSION_KEY: &str = "joint_review_cycle_id_commitment_id_version_key";

/// The current version for (cycle, commitment); 0 when there is no joint review yet.
pub async fn current_version(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
    commitment_id: i64,
) -> sqlx::Result<i32> {
    sqlx::query_scalar!(
        r#"select coalesce(max(version), 0) as "v!" from joint_review
           where cycle_id = $1 and commitment_id = $2"#,
        cycle_id,
        commitment_id,
    )
    .fetch_one(db)
    .await
}

/// Writes revision `based_on + 1` if and only if `based_on` is still current and the cycle is in
/// reconciliation: the check and the write are one statement (as for assessments).
pub async fn insert_revision(
    conn: &mut sqlx::PgConnection,
    cycle_id: i64,
    commitment_id: i64,
    based_on: i32,
    joint: &NewJoint<'_>,
    author_id: Option<i64>,
    author: &str,
) -> Result<(i64, i32), JointSaveError> {
    // No revision follows version i32::MAX, so it cannot be the current one: answered as stale
    // without the statement, whose `$3 + 1` would overflow (PostgreSQL folds it before it reads
    // the `where`).
    let inserted = if based_on == i32::MAX {
        Ok(None)
    } else {
        sqlx::query!(
            r#"insert into joint_review (cycle_id, commitment_id, version, status, summary_en, summary_fr,
                                     next_steps, next_steps_fr, author_id, author)
           select $1, $2, $3 + 1, $4, $5, $6, $7, $8, $9, $10
           where coalesce((select max(version) from joint_review
                           where cycle_id = $1 and commitment_id = $2), 0) = $3
             and exists (select 1 from review_cycle where id = $1 and state = 'reconciliation')
           returning id, version"#,
            cycle_id,
            commitment_id,
            based_on,
            joint.status as Status,
            joint.summary_en,
            joint.summary_fr,
            joint.next_steps,
            joint.next_steps_fr,
            author_id,
            author,
        )
        .fetch_optional(&mut *conn)
        .await
    };
    match inserted {
        Ok(Some(row)) => Ok((row.id, row.version)),
        Ok(None) => {
            let reconciling: bool = sqlx::query_scalar!(
                r#"select exists (select 1 from review_cycle
                                  where id = $1 and state = 'reconciliation') as "ok!""#,
                cycle_id
            )
            .fetch_one(&mut *conn)
            .await?;
            if !reconciling {
                return Err(JointSaveError::NotReconciliation);
            }
            let current = current_version(&mut *conn, cycle_id, commitment_id).await?;
            Err(JointSaveError::Stale { current })
        }
        Err(sqlx::Error::Database(e)) if e.constraint() == Some(VERSION_KEY) => {
            // The other writer committed first; the transaction is aborted, so no further query.
            Err(JointSaveError::Stale {
                current: based_on + 1,
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// The current joint review of every commitment of a cycle that has one.
pub async fn current_for_cycle(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
) -> sqlx::Result<Vec<JointRevision>> {
    sqlx::query_as!(
        JointRow,
        // The newest revision of each of the cycle's commitments from the top of the index
        // joint_review_current (as assessments::current_for_cycle), rather than every
        // revision joined to every partnership's commitments.
        r#"select j.id as "id!", j.cycle_id as "cycle_id!", j.commitment_id as "commitment_id!",
                  c.ref as reference, j.version as "version!", j.status as "status!: Status",
                  j.summary_en as "summary_en!", j.summary_fr as "summary_fr!",
                  j.next_steps as "next_steps!", j.next_steps_fr as "next_steps_fr!",
                  j.author as "author!", j.author_id,
                  j.created_at as "created_at!: chrono::DateTime<chrono::Utc>"
           from review_cycle y
           join commitment c on c.partnership_id = y.partnership_id
           join lateral (
               select * from joint_review j
               where j.cycle_id = y.id and j.commitment_id = c.id
               order by j.version desc limit 1) j on true
           where y.id = $1
           order by j.commitment_id"#,
        cycle_id
    )
    .fetch_all(db)
    .await
    .map(|rows| rows.into_iter().map(JointRevision::from).collect())
}

/// Every joint review revision of a commitment in a cycle, newest first.
pub async fn history(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
    commitment_id: i64,
) -> sqlx::Result<Vec<JointRevision>> {
    sqlx::query_as!(
        JointRow,
        r#"select j.id, j.cycle_id, j.commitment_id, c.ref as reference, j.version,
                  j.status as "status: Status", j.summary_en, j.summary_fr, j.next_steps,
                  j.next_steps_fr,
                  j.author, j.author_id, j.created_at as "created_at: chrono::DateTime<chrono::Utc>"
           from joint_review j join commitment c on c.id = j.commitment_id
           where j.cycle_id = $1 and j.commitment_id = $2
           order by j.version desc"#,
        cycle_id,
        commitment_id
    )
    .fetch_all(db)
    .await
    .map(|rows| rows.into_iter().map(JointRevision::from).collect())
}

/// A commitment given a joint status by [`insert_agreed`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accepted {
    pub commitment_id: i64,
    pub reference: String,
    pub status: Status,
}

/// In one statement, gives every commitment of the cycle where both sides' current assessments
/// have the same status and there is no joint review yet a first joint review with that status.
/// Nothing is written unless the cycle is in reconciliation.
pub async fn insert_agreed(
    db: impl PgExecutor<'_>,
    cycle_id: i64,
    author_id: Option<i64>,
    author: &str,
) -> sqlx::Result<Vec<Accepted>> {
    sqlx::query_as!(
        Accepted,
        r#"with current as (
               select distinct on (commitment_id, side) commitment_id, side, status
               from assessment where cycle_id = $1
               order by commitment_id, side, version desc
           ), agreed as (
               select eu.commitment_id, eu.status
               from current eu join current ca
                 on ca.commitment_id = eu.commitment_id and ca.side = 'ca' and ca.status = eu.status
               where eu.side = 'eu'
                 and not exists (select 1 from joint_review j
                                 where j.cycle_id = $1 and j.commitment_id = eu.commitment_id)
           ), inserted as (
               insert into joint_review (cycle_id, commitment_id, version, status, author_id, author)
               select $1, a.commitment_id, 1, a.status, $2, $3 from agreed a
               where exists (select 1 from review_cycle where id = $1 and state = 'reconciliation')
               returning commitment_id, status
           )
           select i.commitment_id as "commitment_id!", c.ref as "reference!",
                  i.status as "status!: Status"
           from inserted i join commitment c on c.id = i.commitment_id
           order by c.position"#,
        cycle_id,
        author_id,
        author,
    )
    .fetch_all(db)
    .await
}

/// References of the partnership's commitments that have no joint review in the cycle, in text
/// order.
pub async fn missing(db: impl PgExecutor<'_>, cycle_id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        r#"select c.ref from commitment c join review_cycle r on r.partnership_id = c.partnership_id
           where r.id = $1
             and not exists (select 1 from joint_review j
                             where j.cycle_id = $1 and j.commitment_id = c.id)
           order by c.position"#,
        cycle_id
    )
    .fetch_all(db)
    .await
}

/// A correction recorded against a frozen or published cycle.
#[derive(Debug, Clone)]
pub struct Erratum {
    pub id: i64,
    pub cycle_id: i64,
    pub commitment_id: Option<i64>,
    /// The commitment it corrects, if any (else the cycle as a whole).
    pub reference: Option<String>,
    pub at: chrono::DateTime<chrono::Utc>,
    pub author: String,
    pub author_id: Option<i64>,
    pub reason: String,
    /// The new values, e.g. `{"status": "completed", "summary_en": "…"}`.
    pub changes: Value,
}

impl Erratum {
    /// The corrected joint status, if the erratum changes it.
    pub fn status(&self) -> Option<Status> {
        self.changes
            .get("status")
            .and_then(Value::as_str)
            .and_then(|s| s.parse().ok())
    }

    /// A corrected text field (`summary_en`, `summary_fr`, `next_steps` — the English ones —,
    /// `next_steps_fr`), if the erratum changes it.
    pub fn text(&self, field: &str) -> Option<&str> {
        self.changes.get(field).and_then(Value::as_str)
    }
}

/// An erratum to record.
#[derive(Debug)]
pub struct NewErratum<'a> {
    pub cycle_id: i64,
    pub commitment_id: Option<i64>,
    pub author_id: Option<i64>,
    pub author: &'a str,
    pub reason: &'a str,
    pub changes: &'a Value,
}

/// Records an erratum; the database refuses it unless the cycle is frozen or published.
pub async fn insert_erratum(db: impl PgExecutor<'_>, e: &NewErratum<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into erratum (cycle_id, commitment_id, author_id, author, reason, changes)
         values ($1, $2, $3, $4, $5, $6) returning id",
        e.cycle_id,
        e.commitment_id,
        e.author_id,
        e.author,
        e.reason,
        e.changes,
    )
    .fetch_one(db)
    .await
}

/// Every erratum of a cycle, oldest first.
pub async fn errata(db: impl PgExecutor<'_>, cycle_id: i64) -> sqlx::Result<Vec<Erratum>> {
    sqlx::query_as!(
        Erratum,
        r#"select e.id, e.cycle_id, e.commitment_id, c.ref as "reference?",
                  e.at as "at: chrono::DateTime<chrono::Utc>", e.author, e.author_id, e.reason,
                  e.changes
           from erratum e left join commitment c on c.id = e.commitment_id
           where e.cycle_id = $1
           order by e.at, e.id"#,
        cycle_id
    )
    .fetch_all(db)
    .await
}

/// The partnership's most recent published cycle: the one the public summary shows.
pub async fn last_published(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
) -> sqlx::Result<Option<Cycle>> {
    sqlx::query_as!(
        CycleRow,
        r#"select id, partnership_id, year, title, title_fr, meeting_date as "meeting_date: NaiveDate",
                  place, place_fr, opens_on as "opens_on: NaiveDate", deadline as "deadline: NaiveDate",
                  state as "state: CycleState"
           from review_cycle where partnership_id = $1 and state = 'published'
           order by year desc limit 1"#,
        partnership_id
    )
    .fetch_optional(db)
    .await
    .map(|row| row.map(Cycle::from))
}

/// One commitment's joint review as published: after the cycle's errata (see
/// [`errata::apply`]), with where the commitment sits in the text.
#[derive(Debug, Clone)]
pub struct Published {
    pub commitment_id: i64,
    pub reference: String,
    pub paragraph_number: i16,
    pub area_id: i64,
    pub joint: Corrected,
}

/// Every commitment of the partnership with its joint review in `cycle_id` after that cycle's
/// errata, in text order: the ONE published view that the public page, the public API and the
/// progress report all show. An erratum's number is its place among the cycle's errata, oldest
/// first (as the report's list of errata numbers them).
pub async fn published(
    db: impl PgExecutor<'_>,
    partnership_id: i64,
    cycle_id: i64,
) -> sqlx::Result<Vec<Published>> {
    let rows = sqlx::query!(
        r#"select c.id as commitment_id, c.ref as reference, p.number as paragraph_number,
                  p.area_id, j.status as "status?: Status", j.summary_en as "summary_en?",
                  j.summary_fr as "summary_fr?", j.next_steps as "next_steps?",
                  j.next_steps_fr as "next_steps_fr?",
                  coalesce(e.errata, '[]'::jsonb) as "errata!: Value"
           from commitment c
           join paragraph p on p.id = c.paragraph_id
           left join lateral (
               select status, summary_en, summary_fr, next_steps, next_steps_fr from joint_review
               where cycle_id = $2 and commitment_id = c.id order by version desc limit 1) j on true
           left join lateral (
               select jsonb_agg(jsonb_build_object('number', n.number, 'changes', n.changes)
                                order by n.number) as errata
               from (select commitment_id, changes,
                            row_number() over (order by at, id) as number
                     from erratum where cycle_id = $2) n
               where n.commitment_id = c.id) e on true
           where c.partnership_id = $1
           order by c.position"#,
        partnership_id,
        cycle_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let joint = r.status.map(|status| JointFields {
                status: Some(status),
                summary_en: r.summary_en.unwrap_or_default(),
                summary_fr: r.summary_fr.unwrap_or_default(),
                next_steps: r.next_steps.unwrap_or_default(),
                next_steps_fr: r.next_steps_fr.unwrap_or_default(),
            });
            let errata = r.errata.as_array().cloned().unwrap_or_default();
            let corrections = errata.iter().filter_map(|e| {
                Some(Correction {
                    number: u32::try_from(e.get("number")?.as_u64()?).ok()?,
                    changes: e.get("changes")?,
                })
            });
            Published {
                commitment_id: r.commitment_id,
                reference: r.reference,
                paragraph_number: r.paragraph_number,
                area_id: r.area_id,
                joint: errata::apply(joint, corrections),
            }
        })
        .collect())
}
