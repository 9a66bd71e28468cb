//! The reads of the signed-in pages, through this instance's [`PageCache`]: each is the `db`
//! function of the same name, answered from memory when nothing changed since it last ran.
//!
//! Only what every reader sees alike goes through here; handlers pick the reader's own parts.

use std::{collections::HashMap, sync::Arc};

use crate::{
    board_cache::{Dashboard, RECENT_ACTIVITY},
    db::{
        self,
        assessments::{self, Revision},
        cycle_edits::Edit,
        cycles::{Cycle, StateChange},
        joint::{Erratum, JointRevision},
        partnership::{Area, Paragraph, Partnership},
        search::{Hit, RefTarget},
    },
    domain::{assessment::Evidence, lang::Lang, status::Status},
    page_cache::{Key, PageCache},
    state::AppState,
    tracking::{self, Board},
};

/// A commitment's revisions in a cycle, with the evidence of each (by revision id).
#[derive(Debug)]
pub struct History {
    pub revisions: Vec<Revision>,
    pub evidence: Vec<(i64, Evidence)>,
}

fn cache(state: &AppState) -> &PageCache {
    &state.board_cache.pages
}

pub async fn default_partnership(state: &AppState) -> sqlx::Result<Option<Partnership>> {
    let p = cache(state)
        .get_or_load(
            Key::DefaultPartnership,
            db::partnership::find_default(&state.db),
        )
        .await?;
    Ok(Option::clone(&p))
}

/// What the dashboard shows every reader alike; `None` when there is no default partnership. Made
/// of the reads below, so that the current cycle's board is the one copy the cycle's pages use.
pub async fn dashboard(state: &AppState) -> sqlx::Result<Option<Arc<Dashboard>>> {
    let data = cache(state)
        .get_or_load(Key::Dashboard, async {
            let Some(partnership) = default_partnership(state).await? else {
                return Ok(None);
            };
            let (board, recent, since) = match current_cycle(state, partnership.id).await? {
                Some(cycle) => {
                    let recent = assessments::recent(&state.db, cycle.id, RECENT_ACTIVITY).await?;
                    let since = state_changes(state, cycle.id)
                        .await?
                        .iter()
                        .rev()
                        .find(|c| c.to_state == cycle.state)
                        .map(|c| c.at);
                    (Some(board(state, &cycle).await?), recent, since)
                }
                None => (None, Vec::new(), None),
            };
            Ok::<_, sqlx::Error>(Some(Arc::new(Dashboard {
                partnership_id: partnership.id,
                board,
                recent,
                since,
            })))
        })
        .await?;
    Ok(Option::clone(&data))
}

pub async fn current_cycle(state: &AppState, partnership_id: i64) -> sqlx::Result<Option<Cycle>> {
    let c = cache(state)
        .get_or_load(
            Key::CurrentCycle(partnership_id),
            db::cycles::current(&state.db, partnership_id),
        )
        .await?;
    Ok(Option::clone(&c))
}

pub async fn cycles(state: &AppState, partnership_id: i64) -> sqlx::Result<Arc<Vec<Cycle>>> {
    cache(state)
        .get_or_load(
            Key::Cycles(partnership_id),
            db::cycles::list(&state.db, partnership_id),
        )
        .await
}

pub async fn cycle_by_year(
    state: &AppState,
    partnership_id: i64,
    year: i32,
) -> sqlx::Result<Option<Cycle>> {
    let c = cache(state)
        .get_or_load(
            Key::CycleByYear(partnership_id, year),
            db::cycles::find_by_year(&state.db, partnership_id, year),
        )
        .await?;
    Ok(Option::clone(&c))
}

/// The evidence links of the revisions `ids` (their ids with each link, in order).
pub async fn evidence(state: &AppState, ids: Vec<i64>) -> sqlx::Result<Arc<Vec<(i64, Evidence)>>> {
    let load = assessments::evidence(&state.db, &ids);
    cache(state)
        .get_or_load(Key::Evidence(ids.clone()), load)
        .await
}

/// The board of `cycle` (read by its id: a change of the cycle clears the cache).
pub async fn board(state: &AppState, cycle: &Cycle) -> sqlx::Result<Arc<Board>> {
    cache(state)
        .get_or_load(
            Key::Board(cycle.id),
            tracking::board(&state.db, cycle.clone()),
        )
        .await
}

pub async fn comparable_statuses(
    state: &AppState,
    cycle: &Cycle,
) -> sqlx::Result<Arc<HashMap<i64, Status>>> {
    cache(state)
        .get_or_load(
            Key::ComparableStatuses(cycle.id),
            crate::report::build::comparable_statuses(&state.db, cycle),
        )
        .await
}

pub async fn history(
    state: &AppState,
    cycle_id: i64,
    commitment_id: i64,
) -> sqlx::Result<Arc<History>> {
    cache(state)
        .get_or_load(Key::History(cycle_id, commitment_id), async {
            let revisions = assessments::history(&state.db, cycle_id, commitment_id).await?;
            let ids: Vec<i64> = revisions.iter().map(|r| r.id).collect();
            let evidence = assessments::evidence(&state.db, &ids).await?;
            Ok(History {
                revisions,
                evidence,
            })
        })
        .await
}

pub async fn joint_history(
    state: &AppState,
    cycle_id: i64,
    commitment_id: i64,
) -> sqlx::Result<Arc<Vec<JointRevision>>> {
    cache(state)
        .get_or_load(
            Key::JointHistory(cycle_id, commitment_id),
            db::joint::history(&state.db, cycle_id, commitment_id),
        )
        .await
}

pub async fn errata(state: &AppState, cycle_id: i64) -> sqlx::Result<Arc<Vec<Erratum>>> {
    cache(state)
        .get_or_load(
            Key::Errata(cycle_id),
            db::joint::errata(&state.db, cycle_id),
        )
        .await
}

pub async fn state_changes(state: &AppState, cycle_id: i64) -> sqlx::Result<Arc<Vec<StateChange>>> {
    cache(state)
        .get_or_load(
            Key::StateChanges(cycle_id),
            db::cycles::state_changes(&state.db, cycle_id),
        )
        .await
}

/// A cycle's corrections. They are read from the audit log, which notifies nothing; but each is
/// written in the transaction that updates the cycle, whose trigger does.
pub async fn edits(state: &AppState, cycle_id: i64) -> sqlx::Result<Arc<Vec<Edit>>> {
    cache(state)
        .get_or_load(
            Key::Edits(cycle_id),
            db::cycle_edits::edits(&state.db, cycle_id),
        )
        .await
}

pub async fn last_published(state: &AppState, partnership_id: i64) -> sqlx::Result<Option<Cycle>> {
    let c = cache(state)
        .get_or_load(
            Key::LastPublished(partnership_id),
            db::joint::last_published(&state.db, partnership_id),
        )
        .await?;
    Ok(Option::clone(&c))
}

pub async fn paragraphs(
    state: &AppState,
    partnership_id: i64,
) -> sqlx::Result<Arc<Vec<Paragraph>>> {
    cache(state)
        .get_or_load(
            Key::Paragraphs(partnership_id),
            db::partnership::paragraphs(&state.db, partnership_id),
        )
        .await
}

pub async fn areas(state: &AppState, partnership_id: i64) -> sqlx::Result<Arc<Vec<Area>>> {
    cache(state)
        .get_or_load(
            Key::Areas(partnership_id),
            db::partnership::areas(&state.db, partnership_id),
        )
        .await
}

pub async fn reference(
    state: &AppState,
    partnership_id: i64,
    paragraph: i16,
    letter: Option<&str>,
) -> sqlx::Result<RefTarget> {
    let target = cache(state)
        .get_or_load(
            Key::Reference(partnership_id, paragraph, letter.map(str::to_owned)),
            db::search::reference(&state.db, partnership_id, paragraph, letter),
        )
        .await?;
    Ok(RefTarget::clone(&target))
}

/// Search results, kept per query as searched, language and area: the same query finds the same
/// hits until something (a text, a narrative, an alias) changes.
pub async fn search(
    state: &AppState,
    partnership_id: i64,
    q: &str,
    limit: i64,
    reader: Lang,
    area: Option<&str>,
) -> sqlx::Result<Arc<Vec<Hit>>> {
    cache(state)
        .get_or_load(
            Key::Search(
                partnership_id,
                q.to_owned(),
                reader,
                area.map(str::to_owned),
                limit,
            ),
            db::search::search(&state.db, partnership_id, q, limit, reader, area),
        )
        .await
}
