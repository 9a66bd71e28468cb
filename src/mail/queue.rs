//! Queuing mails: the hooks called inside other changes' transactions (a cycle opens, an
//! assessment makes a commitment divergent), the reminders and chases, and the scheduler's run.

use chrono::NaiveDate;
use serde_json::json;
use sqlx::{PgConnection, PgPool};

use super::{
    compose::{self, DEFAULT_PUBLIC_URL, Links},
    kind::{MailKind, wanted},
    recipients::{SideItem, dedup_key, missing_for, reminder_due, sides},
};
use crate::{
    db::{
        self,
        audit::{self, Actor, NewEvent},
        cycles::Cycle,
        mail::{NewMail, Recipient},
    },
    domain::{
        account::Role, account::Side, cycle::CycleState, progress::divergent, status::Status,
    },
    tracking::{self, Board},
};

/// The links of mails queued through `db`.
pub async fn links(db: &mut PgConnection) -> sqlx::Result<Links> {
    let base = db::mail::public_url(&mut *db).await?;
    Ok(Links::new(base.as_deref().unwrap_or(DEFAULT_PUBLIC_URL)))
}

/// In the transaction that moves `cycle` to `to`: when it opens, the cycle-open mail to every
/// active officer, once per cycle (a cycle reopened from reconciliation does not announce itself
/// again).
pub async fn cycle_moved(
    db: &mut PgConnection,
    cycle: &Cycle,
    to: CycleState,
) -> sqlx::Result<usize> {
    if to != CycleState::Open {
        return Ok(0);
    }
    let links = links(db).await?;
    let mut queued = 0;
    for r in db::mail::recipients(&mut *db, Role::Officer).await? {
        let letter = compose::cycle_open(&r, cycle, &links);
        let key = dedup_key(MailKind::CycleOpen.as_str(), cycle.id, cycle.opens_on, r.id);
        let row = compose::row(MailKind::CycleOpen, Some(cycle.id), &r, &letter, Some(key));
        queued += usize::from(db::mail::insert(&mut *db, &row).await?.is_some());
    }
    Ok(queued)
}

/// In the transaction of an assessment save: when the commitment has just become divergent (the
/// two sides' statuses differ now and did not before), a mail to its lead officers on both sides.
pub async fn assessment_saved(
    db: &mut PgConnection,
    cycle: &Cycle,
    commitment_id: i64,
    reference: &str,
    side: Side,
    before: Option<Status>,
    after: Status,
) -> sqlx::Result<usize> {
    let other_side = match side {
        Side::Eu => Side::Ca,
        Side::Ca => Side::Eu,
    };
    let other = db::assessments::current(&mut *db, cycle.id, commitment_id, other_side)
        .await?
        .map(|r| r.status);
    let pair = |mine: Option<Status>| match side {
        Side::Eu => (mine, other),
        Side::Ca => (other, mine),
    };
    let (eu_before, ca_before) = pair(before);
    let (eu, ca) = pair(Some(after));
    if divergent(eu_before, ca_before) || !divergent(eu, ca) {
        return Ok(0);
    }
    let (Some(eu), Some(ca)) = (eu, ca) else {
        return Ok(0);
    };
    let leads: Vec<i64> = db::assignments::list(&mut *db, cycle.partnership_id)
        .await?
        .into_iter()
        .filter(|l| l.commitment_id == commitment_id)
        .filter_map(|l| l.user_id)
        .collect();
    let links = links(db).await?;
    let mut queued = 0;
    for r in db::mail::recipients_by_id(&mut *db, &leads).await? {
        if !wanted(MailKind::Divergent, &r.mail_muted) {
            continue;
        }
        let letter = compose::divergent(&r, cycle, reference, eu, ca, &links);
        let row = compose::row(MailKind::Divergent, Some(cycle.id), &r, &letter, None);
        queued += usize::from(db::mail::insert(&mut *db, &row).await?.is_some());
    }
    Ok(queued)
}

/// A mail about to be queued (or, in a dry run, that would be).
#[derive(Debug, Clone)]
pub struct Planned {
    pub address: String,
    pub side: Option<Side>,
    pub refs: Vec<String>,
    pub row: NewMail,
}

/// A side's commitments as its reminders see them.
fn side_items(board: &Board, side: Side) -> Vec<SideItem> {
    board
        .rows
        .iter()
        .map(|row| SideItem {
            reference: row.info.reference.clone(),
            leads: row.leads_of(side).map(|l| l.user_id).collect(),
            missing: row.side(side).current.is_none(),
        })
        .collect()
}

/// Who to remind of what: each active officer of the sides asked (or only `only` among them)
/// whose side has not signed off and who has something missing. `day` is the scheduled day
/// (reminders, overdue notices: the dedup key), `None` for a chase, which is never deduplicated.
#[allow(clippy::too_many_arguments)]
pub async fn plan_missing(
    pool: &PgPool,
    board: &Board,
    kind: MailKind,
    side: Option<Side>,
    only: &[i64],
    day: Option<NaiveDate>,
    today: NaiveDate,
) -> sqlx::Result<Vec<Planned>> {
    let mut conn = pool.acquire().await?;
    let links = links(&mut conn).await?;
    let officers = db::mail::recipients(&mut *conn, Role::Officer).await?;
    let mut planned = Vec::new();
    for s in sides(side) {
        if board.signoff(s).is_some() {
            continue;
        }
        let items = side_items(board, s);
        for r in officers.iter().filter(|o| o.side == Some(s)) {
            if (!only.is_empty() && !only.contains(&r.id)) || !wanted(kind, &r.mail_muted) {
                continue;
            }
            let refs = missing_for(r.id, &items);
            if refs.is_empty() {
                continue;
            }
            let letter = compose::missing_list(kind, r, &board.cycle, &refs, &links, today);
            let key = day.map(|d| dedup_key(kind.as_str(), board.cycle.id, d, r.id));
            planned.push(Planned {
                address: r.email.clone(),
                side: Some(s),
                refs: refs.iter().map(|s| (*s).to_owned()).collect(),
                row: compose::row(kind, Some(board.cycle.id), r, &letter, key),
            });
        }
    }
    Ok(planned)
}

/// Whom a chase is for.
#[derive(Debug, Clone, Copy)]
pub struct ChaseRequest<'a> {
    /// One side, or both.
    pub side: Option<Side>,
    /// Only these officers (ids); empty: every officer of the side(s) with something missing.
    pub only: &'a [i64],
    pub today: NaiveDate,
    /// Plan only: write nothing.
    pub dry_run: bool,
}

/// A chase by the secretariat (the cycle page, `sdp-tracker remind`): queues the missing lists
/// with one audit event, in one transaction; a dry run writes nothing. Returns what was (or
/// would be) queued.
pub async fn chase(
    pool: &PgPool,
    cycle: Cycle,
    req: ChaseRequest<'_>,
    actor: &Actor,
    request_id: Option<&str>,
) -> sqlx::Result<Vec<Planned>> {
    let ChaseRequest {
        side,
        only,
        today,
        dry_run,
    } = req;
    let board = tracking::board(pool, cycle).await?;
    let planned = plan_missing(pool, &board, MailKind::Chase, side, only, None, today).await?;
    if dry_run || planned.is_empty() {
        return Ok(planned);
    }
    let mut tx = pool.begin().await?;
    for p in &planned {
        db::mail::insert(&mut *tx, &p.row).await?;
    }
    audit::record(
        &mut *tx,
        NewEvent {
            actor,
            action: "mail.chase",
            entity: "review_cycle",
            entity_id: Some(board.cycle.id.to_string()),
            before: None,
            after: Some(json!({
                "year": board.cycle.year, "side": side,
                "recipients": planned.iter().map(|p| &p.address).collect::<Vec<_>>(),
            })),
            request_id,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(planned)
}

/// One run of the scheduler for `today`: the reminders due, the overdue notices, and the
/// secretariat's notices, for every open cycle. Idempotent: every mail has its dedup key, so
/// running it again (on any instance) queues nothing new. Returns how many mails were queued.
pub async fn schedule(pool: &PgPool, today: NaiveDate) -> sqlx::Result<usize> {
    let mut queued = 0;
    for (partnership_id, year) in db::mail::open_cycles(pool).await? {
        let Some(cycle) = db::cycles::find_by_year(pool, partnership_id, year).await? else {
            continue;
        };
        if cycle.state != CycleState::Open {
            continue;
        }
        let reminder_days = db::mail::reminder_days(pool, cycle.id).await?;
        let board = tracking::board(pool, cycle).await?;
        let cycle = &board.cycle;
        let mut rows = Vec::new();
        if let Some((day, _)) = reminder_due(cycle.deadline, &reminder_days, today) {
            rows.extend(
                plan_missing(
                    pool,
                    &board,
                    MailKind::Reminder,
                    None,
                    &[],
                    Some(day),
                    today,
                )
                .await?
                .into_iter()
                .map(|p| p.row),
            );
        }
        if today > cycle.deadline {
            // Dated the day after the deadline: sent once, even when no instance ran that day.
            let day = cycle.deadline.succ_opt().unwrap_or(cycle.deadline);
            rows.extend(
                plan_missing(pool, &board, MailKind::Overdue, None, &[], Some(day), today)
                    .await?
                    .into_iter()
                    .map(|p| p.row),
            );
            rows.extend(secretariat(pool, &board, MailKind::DeadlinePassed, day).await?);
        }
        let mut conn = pool.acquire().await?;
        // At most one standing sign-off per side (the table's key): two means both sides.
        if board.signoffs.len() == 2 {
            rows.extend(secretariat(pool, &board, MailKind::SignedOff, cycle.deadline).await?);
        }
        for row in &rows {
            queued += usize::from(db::mail::insert(&mut *conn, row).await?.is_some());
        }
    }
    Ok(queued)
}

/// The secretariat's notice of `kind` about the board's cycle.
async fn secretariat(
    pool: &PgPool,
    board: &Board,
    kind: MailKind,
    day: NaiveDate,
) -> sqlx::Result<Vec<NewMail>> {
    let mut conn = pool.acquire().await?;
    let links = links(&mut conn).await?;
    let counts = (
        board.saved_count(Side::Eu),
        board.saved_count(Side::Ca),
        board.rows.len(),
    );
    let staff: Vec<Recipient> = db::mail::recipients(&mut *conn, Role::Secretariat).await?;
    Ok(staff
        .iter()
        .filter(|r| wanted(kind, &r.mail_muted))
        .map(|r| {
            let letter = match kind {
                MailKind::SignedOff => compose::signed_off(r, &board.cycle, &links),
                _ => compose::deadline_passed(r, &board.cycle, counts, &links),
            };
            let key = dedup_key(kind.as_str(), board.cycle.id, day, r.id);
            compose::row(kind, Some(board.cycle.id), r, &letter, Some(key))
        })
        .collect())
}
