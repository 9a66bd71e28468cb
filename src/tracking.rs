//! The tracking read model (every commitment of a cycle with both sides' current assessments,
//! carry-forward and leads) and the one way an assessment is saved, for the pages and the API.

use chrono::NaiveDate;
use sqlx::{Acquire as _, PgConnection, PgPool};

use crate::{
    auth::User,
    db::{
        assessments::{self, Outcome, Revision, Written},
        board::{self, CommitmentInfo, Lead},
        cycles::{self, Cycle},
        joint::{self, JointRevision},
        signoff::{self, SignOff},
    },
    domain::{
        account::{Role, Side},
        assessment::{Draft, Evidence, Invalid, Valid},
        cycle::CycleState,
        progress::{SubmissionState, becomes_divergent, divergent},
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
///
/// Usually in one statement ([`save_alone`]); a refusal other than a stale version, and a save
/// that makes the commitment divergent (its mail is queued in the same transaction), go through
/// [`save_in`].
pub async fn save(
    pool: &PgPool,
    partnership_id: i64,
    user: &User,
    req: SaveRequest<'_>,
) -> Result<Saved, SaveFailure> {
    let mut conn = pool.acquire().await?;
    if let Some(saved) = save_alone(&mut conn, Some(partnership_id), user, &req).await? {
        if let Err(err) = assessments::notify_saved(&mut *conn).await {
            // The save is committed, and the writer is told so; the other instances' dashboards
            // catch up with the next change they hear of.
            tracing::error!(error = %err, "could not notify the dashboards of a saved assessment");
        }
        return Ok(saved);
    }
    save_in(&mut conn, partnership_id, user, req).await
}

/// [`save`] as one statement, on a connection outside any transaction (`partnership_id` `None`:
/// the default partnership). `Ok(None)`, with nothing written, when the save needs the general
/// path ([`save_in`]): a refusal other than a stale version (whose order that path keeps), or a
/// save that makes the commitment newly divergent.
///
/// The dashboards' notification is the caller's, after it: [`assessments::notify_saved`], or
/// `BoardCache::announce_save`, which sends one for many saves.
pub async fn save_alone(
    conn: &mut PgConnection,
    partnership_id: Option<i64>,
    user: &User,
    req: &SaveRequest<'_>,
) -> Result<Option<Saved>, SaveFailure> {
    if !may_write(user, req.side) {
        return Ok(None);
    }
    let Ok(valid) = req.draft.validate() else {
        return Ok(None);
    };
    let write = write(partnership_id, user, req, &valid, true);
    let written = match assessments::save(&mut *conn, &write).await? {
        Outcome::Saved(written) => written,
        Outcome::Stale { current } => return Err(SaveFailure::Stale { current }),
        _ => return Ok(None),
    };
    Ok(Some(saved(written, req, user, valid)))
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
    let valid = match req.draft.validate() {
        Ok(valid) => valid,
        // A missing commitment or a closed cycle is said before what is wrong with the draft.
        Err(problems) => {
            let cycle = cycles::find_by_year(&mut *conn, partnership_id, req.year)
                .await?
                .ok_or(SaveFailure::NotFound)?;
            board::commitment_by_ref(&mut *conn, partnership_id, req.reference)
                .await?
                .ok_or(SaveFailure::NotFound)?;
            if cycle.state != CycleState::Open {
                return Err(SaveFailure::CycleClosed);
            }
            return Err(SaveFailure::Invalid(problems));
        }
    };
    let mut tx = conn.begin().await?;
    let write = write(Some(partnership_id), user, &req, &valid, false);
    let written = match assessments::save(&mut *tx, &write).await? {
        Outcome::Saved(written) => written,
        Outcome::NoPartnership | Outcome::NoCycle | Outcome::NoCommitment => {
            return Err(SaveFailure::NotFound);
        }
        Outcome::CycleClosed => return Err(SaveFailure::CycleClosed),
        Outcome::Stale { current } => return Err(SaveFailure::Stale { current }),
        Outcome::Divergent => {
            return Err(SaveFailure::Database(sqlx::Error::Protocol(
                "save_assessment refused a divergent save in a transaction".into(),
            )));
        }
    };
    if becomes_divergent(written.before, written.other, valid.status) {
        let cycle = cycles::find_by_year(&mut *tx, partnership_id, req.year)
            .await?
            .ok_or(SaveFailure::NotFound)?;
        crate::mail::assessment_saved(
            &mut tx,
            &cycle,
            written.commitment_id,
            &written.reference,
            req.side,
            written.before,
            valid.status,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(saved(written, &req, user, valid))
}

/// The write of a checked save.
fn write<'a>(
    partnership_id: Option<i64>,
    user: &'a User,
    req: &'a SaveRequest<'_>,
    valid: &'a Valid,
    alone: bool,
) -> assessments::Write<'a> {
    assessments::Write {
        partnership_id,
        year: req.year,
        reference: req.reference,
        side: req.side,
        based_on: req.based_on,
        valid,
        author_id: user.id(),
        author: user.email(),
        request_id: req.request_id,
        alone,
    }
}

fn saved(written: Written, req: &SaveRequest<'_>, user: &User, valid: Valid) -> Saved {
    Saved {
        revision: Revision {
            id: written.id,
            cycle_id: written.cycle_id,
            commitment_id: written.commitment_id,
            reference: written.reference,
            side: req.side,
            version: written.version,
            status: valid.status,
            narrative: valid.narrative,
            author: user.email().to_owned(),
            author_id: Some(user.id()),
            created_at: written.created_at,
        },
        evidence: valid.evidence,
    }
}
