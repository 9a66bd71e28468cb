//! The tracking read model (every commitment of a cycle with both sides' current assessments,
//! carry-forward and leads) and the one way an assessment is saved, for the pages and the API.

use chrono::NaiveDate;
use serde_json::json;
use sqlx::{Acquire as _, PgConnection, PgPool};

use crate::{
    auth::User,
    db::{
        assessments::{self, Revision, SaveError},
        audit::{self, Actor, NewEvent},
        board::{self, CommitmentInfo, Lead},
        cycles::{self, Cycle},
        joint::{self, JointRevision},
        signoff::{self, SignOff},
    },
    domain::{
        account::{Role, Side},
        assessment::{Draft, Evidence, Invalid},
        cycle::CycleState,
        progress::{SubmissionState, divergent},
        status::Status,
    },
};

/// One side's position on a commitment in a cycle.
#[derive(Debug, Clone, Default)]
pub struct SideView {
    /// The current revision in this cycle, if the side saved one.
    pub current: Option<Revision>,
    /// The side's last status in the previous cycle, shown as "carried forward — not yet reviewed"
    /// until the side saves in this cycle.
    pub carried: Option<Status>,
}

impl SideView {
    pub fn status(&self) -> Option<Status> {
        self.current.as_ref().map(|r| r.status)
    }

    /// The version a writer starts from (0 before the first save).
    pub fn version(&self) -> i32 {
        self.current.as_ref().map_or(0, |r| r.version)
    }

    pub fn submission(&self, deadline: NaiveDate, today: NaiveDate) -> SubmissionState {
        SubmissionState::of(self.current.is_some(), deadline, today)
    }
}

/// A commitment with both sides' positions and its leads.
#[derive(Debug, Clone)]
pub struct BoardRow {
    pub info: CommitmentInfo,
    pub eu: SideView,
    pub ca: SideView,
    pub leads: Vec<Lead>,
    /// The secretariat's current joint review in this cycle, if any.
    pub joint: Option<JointRevision>,
}

impl BoardRow {
    pub fn side(&self, side: Side) -> &SideView {
        match side {
            Side::Eu => &self.eu,
            Side::Ca => &self.ca,
        }
    }

    pub fn divergent(&self) -> bool {
        divergent(self.eu.status(), self.ca.status())
    }

    pub fn is_lead(&self, user_id: i64) -> bool {
        self.leads.iter().any(|l| l.user_id == user_id)
    }

    pub fn leads_of(&self, side: Side) -> impl Iterator<Item = &Lead> {
        self.leads.iter().filter(move |l| l.side == side)
    }
}

/// Every commitment of a cycle.
#[derive(Debug, Clone)]
pub struct Board {
    pub cycle: Cycle,
    pub previous: Option<Cycle>,
    pub rows: Vec<BoardRow>,
    /// The sides' standing sign-offs of their submissions, EU first.
    pub signoffs: Vec<SignOff>,
}

impl Board {
    pub fn row(&self, reference: &str) -> Option<&BoardRow> {
        self.rows.iter().find(|r| r.info.reference == reference)
    }

    /// Commitments a side has saved in this cycle.
    pub fn saved_count(&self, side: Side) -> usize {
        self.rows
            .iter()
            .filter(|r| r.side(side).current.is_some())
            .count()
    }

    pub fn divergent_rows(&self) -> impl Iterator<Item = &BoardRow> {
        self.rows.iter().filter(|r| r.divergent())
    }

    /// Commitments a side has not saved in this cycle, in text order.
    pub fn missing(&self, side: Side) -> impl Iterator<Item = &BoardRow> {
        self.rows
            .iter()
            .filter(move |r| r.side(side).current.is_none())
    }

    /// The side's standing sign-off of its submission, if any.
    pub fn signoff(&self, side: Side) -> Option<&SignOff> {
        self.signoffs.iter().find(|s| s.side == side)
    }
}

/// Builds the board of `cycle` in seven queries.
pub async fn board(pool: &PgPool, cycle: Cycle) -> sqlx::Result<Board> {
    let infos = board::commitments(pool, cycle.partnership_id).await?;
    let current = assessments::current_for_cycle(pool, cycle.id).await?;
    let previous = cycles::previous(pool, cycle.partnership_id, cycle.year).await?;
    let carried = match &previous {
        Some(p) => assessments::current_for_cycle(pool, p.id).await?,
        None => Vec::new(),
    };
    let leads = board::leads(pool, cycle.partnership_id).await?;
    let joints = joint::current_for_cycle(pool, cycle.id).await?;
    let signoffs = signoff::for_cycle(pool, cycle.id).await?;
    let find = |list: &[Revision], id: i64, side: Side| {
        list.iter()
            .find(|r| r.commitment_id == id && r.side == side)
            .cloned()
    };
    let rows = infos
        .into_iter()
        .map(|info| {
            let side = |s: Side| SideView {
                current: find(&current, info.id, s),
                carried: find(&carried, info.id, s).map(|r| r.status),
            };
            BoardRow {
                eu: side(Side::Eu),
                ca: side(Side::Ca),
                leads: leads
                    .iter()
                    .filter(|l| l.commitment_id == info.id)
                    .cloned()
                    .collect(),
                joint: joints.iter().find(|j| j.commitment_id == info.id).cloned(),
                info,
            }
        })
        .collect();
    Ok(Board {
        cycle,
        previous,
        rows,
        signoffs,
    })
}

/// An assessment to save, as the form or the API submits it.
#[derive(Debug, Clone)]
pub struct SaveRequest<'a> {
    pub year: i32,
    pub reference: &'a str,
    pub side: Side,
    /// The version the writer saw (0 for the first).
    pub based_on: i32,
    pub draft: Draft,
    pub request_id: Option<&'a str>,
}

/// Why a save was refused; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum SaveFailure {
    #[error("no such cycle or commitment")]
    NotFound,
    #[error("only an officer of that side may write its assessment")]
    Forbidden,
    #[error("the cycle is not open for assessments")]
    CycleClosed,
    #[error("the assessment is not valid")]
    Invalid(Vec<Invalid>),
    #[error("the assessment was changed by someone else")]
    Stale { current: i32 },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// May `user` write `side`'s assessments? Only that side's officers.
pub fn may_write(user: &User, side: Side) -> bool {
    user.role() == Role::Officer && user.side() == Some(side)
}

/// A revision as saved, with its evidence links.
#[derive(Debug, Clone)]
pub struct Saved {
    pub revision: Revision,
    pub evidence: Vec<Evidence>,
}

/// Saves a new revision, with its audit event, in one transaction; returns it. A save reopens the
/// side's signed-off submission (audited in the same transaction).
pub async fn save(
    pool: &PgPool,
    partnership_id: i64,
    user: &User,
    req: SaveRequest<'_>,
) -> Result<Saved, SaveFailure> {
    let mut conn = pool.acquire().await?;
    save_in(&mut conn, partnership_id, user, req).await
}

/// [`save`] on a connection the caller holds: its own transaction, or a savepoint when the
/// caller has a transaction open (the spreadsheet import applies many saves in one), so that
/// every way of saving goes through the same checks and writes.
pub async fn save_in(
    conn: &mut PgConnection,
    partnership_id: i64,
    user: &User,
    req: SaveRequest<'_>,
) -> Result<Saved, SaveFailure> {
    if !may_write(user, req.side) {
        return Err(SaveFailure::Forbidden);
    }
    let cycle = cycles::find_by_year(&mut *conn, partnership_id, req.year)
        .await?
        .ok_or(SaveFailure::NotFound)?;
    let commitment = board::commitment_by_ref(&mut *conn, partnership_id, req.reference)
        .await?
        .ok_or(SaveFailure::NotFound)?;
    if cycle.state != CycleState::Open {
        return Err(SaveFailure::CycleClosed);
    }
    let valid = req.draft.validate().map_err(SaveFailure::Invalid)?;
    let mut tx = conn.begin().await?;
    let before = assessments::current(&mut *tx, cycle.id, commitment.id, req.side).await?;
    // The audit event shows the links before the change as well as after it.
    let before_evidence: Vec<Evidence> = match &before {
        Some(r) => assessments::evidence(&mut *tx, &[r.id])
            .await?
            .into_iter()
            .map(|(_, e)| e)
            .collect(),
        None => Vec::new(),
    };
    let inserted = assessments::insert_revision(
        &mut tx,
        assessments::Thread {
            cycle_id: cycle.id,
            commitment_id: commitment.id,
            side: req.side,
        },
        req.based_on,
        &valid,
        Some(user.id()),
        user.email(),
    )
    .await
    .map_err(|e| match e {
        SaveError::Stale { current } => SaveFailure::Stale { current },
        SaveError::CycleClosed => SaveFailure::CycleClosed,
        SaveError::Database(e) => SaveFailure::Database(e),
    })?;
    let version = inserted.version;
    let before_status = before.as_ref().map(|r| r.status);
    audit::record(
        &mut *tx,
        NewEvent {
            actor: &Actor {
                user_id: Some(user.id()),
                name: user.email().to_owned(),
            },
            action: "assessment.save",
            entity: "assessment",
            entity_id: Some(inserted.id.to_string()),
            before: before.map(|r| {
                json!({
                    "version": r.version, "status": r.status, "narrative": r.narrative,
                    "evidence": before_evidence,
                })
            }),
            after: Some(json!({
                "cycle": req.year, "ref": req.reference, "side": req.side, "version": version,
                "status": valid.status, "narrative": valid.narrative, "evidence": valid.evidence,
            })),
            request_id: req.request_id,
        },
    )
    .await?;
    reopen_signoff(
        &mut tx,
        &cycle,
        req.side,
        user,
        req.reference,
        req.request_id,
    )
    .await?;
    crate::mail::assessment_saved(
        &mut tx,
        &cycle,
        commitment.id,
        &commitment.reference,
        req.side,
        before_status,
        valid.status,
    )
    .await?;
    tx.commit().await?;
    Ok(Saved {
        revision: Revision {
            id: inserted.id,
            cycle_id: cycle.id,
            commitment_id: commitment.id,
            reference: commitment.reference,
            side: req.side,
            version,
            status: valid.status,
            narrative: valid.narrative,
            author: user.email().to_owned(),
            author_id: Some(user.id()),
            created_at: inserted.created_at,
        },
        evidence: valid.evidence,
    })
}

/// A side that saves after signing its submission off has reopened it: the sign-off goes, and the
/// audit log says which save reopened it.
async fn reopen_signoff(
    tx: &mut sqlx::PgConnection,
    cycle: &Cycle,
    side: Side,
    user: &User,
    reference: &str,
    request_id: Option<&str>,
) -> sqlx::Result<()> {
    let Some((signed_by, signed_at)) = signoff::reopen(&mut *tx, cycle.id, side).await? else {
        return Ok(());
    };
    audit::record(
        &mut *tx,
        NewEvent {
            actor: &Actor {
                user_id: Some(user.id()),
                name: user.email().to_owned(),
            },
            action: "signoff.reopen",
            entity: "submission_signoff",
            entity_id: Some(format!("{}/{}", cycle.year, side.as_str())),
            before: Some(json!({
                "cycle": cycle.year, "side": side, "signed_by": signed_by, "signed_at": signed_at,
            })),
            after: Some(json!({
                "cycle": cycle.year, "side": side,
                "reason": format!("sign-off reopened by save of {reference}"), "ref": reference,
            })),
            request_id,
        },
    )
    .await
}
