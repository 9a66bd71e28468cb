//! What the signed-in dashboard (`/app`) shows every reader alike — the default partnership's
//! current cycle, its board and the recent activity — held in memory with the other pages' data
//! ([`PageCache`]), and the notification of saves to the other instances.
//!
//! Nothing on it depends on who reads: the page picks the reader's own rows (their commitments,
//! their side's gaps) out of it when it is rendered, and every signed-in account may see the whole
//! board. Any instance or command may change what it shows; the database then notifies every
//! instance on `sdp_board_changed` (the `board_notify` migration's triggers) and each drops its
//! copy. A write through this instance also drops it at once (see [`invalidate_after_writes`]), so
//! that whoever made a change sees it on their next page, before the notification arrives.

use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

use axum::{extract::Request, middleware::Next, response::Response};
use sqlx::PgPool;

use crate::{
    db::{assessments, assessments::Revision},
    page_cache::PageCache,
    tracking::Board,
};

/// The channel the database notifies on.
pub const CHANNEL: &str = "sdp_board_changed";

/// How many recent revisions the dashboard lists.
pub const RECENT_ACTIVITY: i64 = 10;

/// The dashboard's shared data, read by `page_data::dashboard`.
#[derive(Debug)]
pub struct Dashboard {
    pub partnership_id: i64,
    /// The current cycle's board, when there is a cycle (the same copy as the cycle's pages').
    pub board: Option<Arc<Board>>,
    /// Its most recent revisions, newest first.
    pub recent: Vec<Revision>,
    /// When the cycle entered the state it is in, when that move was recorded.
    pub since: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Default)]
pub struct BoardCache {
    /// The dashboard's data (under [`Key::Dashboard`]) and what the other signed-in pages read,
    /// dropped together.
    pub pages: PageCache,
    /// The saves this instance has yet to tell the other instances of.
    saves: Arc<SaveNotices>,
}

/// Tells the other instances of saved assessments, one notification for all the saves committed
/// while the previous one was being sent (see [`BoardCache::announce_save`]).
#[derive(Debug, Default)]
struct SaveNotices {
    /// A save committed since the last notification started.
    pending: AtomicBool,
    /// A task is sending notifications.
    sending: AtomicBool,
}

impl BoardCache {
    pub fn clear(&self) {
        self.pages.clear();
    }

    /// Tells every instance's caches, soon and without waiting, that an assessment save has
    /// committed: `sdp_board_changed` is notified after this call, in the background. While a
    /// notification is being sent, the saves committed meanwhile wait for the next one, so under
    /// a burst of saves there is about one notification per round trip rather than one
    /// transaction more per save. (This instance's own copy is dropped by
    /// [`invalidate_after_writes`].)
    pub fn announce_save(&self, pool: &PgPool) {
        let notices = &self.saves;
        notices.pending.store(true, Ordering::SeqCst);
        if notices.sending.swap(true, Ordering::SeqCst) {
            // The sender looks at `pending` again before it stops.
            return;
        }
        let (notices, pool) = (Arc::clone(notices), pool.clone());
        tokio::spawn(async move {
            loop {
                while notices.pending.swap(false, Ordering::SeqCst) {
                    if let Err(err) = assessments::notify_saved(&pool).await {
                        // The saves are committed; the other instances' copies are dropped by
                        // the next notification they hear, or at the latest by their age.
                        tracing::error!(error = %err, "could not notify the dashboards of saved assessments");
                    }
                }
                notices.sending.store(false, Ordering::SeqCst);
                // A save that came after the last `swap` but saw `sending` still set left its
                // notification to this task: take the turn back, unless another task has.
                if !notices.pending.load(Ordering::SeqCst)
                    || notices.sending.swap(true, Ordering::SeqCst)
                {
                    break;
                }
            }
        });
    }
}

/// After a request that may have changed something (any method but GET, HEAD, OPTIONS and TRACE),
/// drops this instance's copy: its transaction is over by then, so the next page shows the change
/// without waiting for the notification.
pub async fn invalidate_after_writes(
    axum::extract::State(cache): axum::extract::State<Arc<BoardCache>>,
    req: Request,
    next: Next,
) -> Response {
    if req.method().is_safe() {
        return next.run(req).await;
    }
    let response = crate::page_cache::bypassing(next.run(req)).await;
    cache.clear();
    response
}
