//! What the signed-in pages read from the database — the board of every cycle, a commitment's
//! history, the text, the areas, the errata, search results — held in memory per instance, so
//! that a page nothing has changed since it was last shown needs no database round trip.
//!
//! The dashboard's data is kept here too ([`Key::Dashboard`]). Everything is dropped at once (see
//! [`crate::board_cache::BoardCache::clear`]): on a write through this instance, and when the
//! database notifies `sdp_board_changed` (every table these pages read has a trigger, see the
//! `board_notify` migration and `20261202000500_page_cache_notify`). The data is the same for every
//! reader: the pages pick the reader's own parts out of it when they render. Kept per reader are
//! the rendered bodies of the pages signed-in visits start from, the dashboard, the commitments
//! list and the reconciliation table ([`Key::ForReader`], see `routes::app::for_reader`), dropped
//! with the data they were rendered from.
//!
//! Memory is bounded by [`MAX_ENTRIES`]: past it the least recently used entry goes. No entry is
//! served past [`MAX_AGE`]: a safety net for a notification that never came (a save's
//! notification follows its commit, see `tracking::save`, and a process that died in between
//! would otherwise leave the other instances' copies stale until the next change).

use std::{
    any::Any,
    collections::HashMap,
    future::Future,
    sync::{
        Arc, Mutex, RwLock,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use crate::domain::lang::Lang;

/// How many results the cache keeps at most (boards, histories, search results...): enough for
/// every commitment page of a few cycles and a few hundred searches.
pub const MAX_ENTRIES: usize = 512;

/// How many rendered page bodies ([`Key::Rendered`]) it keeps at most, within [`MAX_ENTRIES`]:
/// they are large (the reconciliation table of 60 commitments is over 250 KB).
pub const MAX_RENDERED: usize = 16;

/// How many pages rendered for one reader ([`Key::ForReader`]) it keeps at most, within
/// [`MAX_ENTRIES`]: they are kept gzipped, a few kilobytes for a dashboard and a few tens for the
/// reconciliation table, so at most a few megabytes.
pub const MAX_FOR_READER: usize = 128;

/// How long an entry is served at most, however quiet the database.
pub const MAX_AGE: Duration = Duration::from_secs(60);

/// What an entry holds: which query, with which arguments.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    /// The dashboard's data (`board_cache::Dashboard`, read by `page_data::dashboard`).
    Dashboard,
    DefaultPartnership,
    /// The current cycle of a partnership.
    CurrentCycle(i64),
    /// A partnership's cycles, newest first.
    Cycles(i64),
    /// A partnership's cycle of a year.
    CycleByYear(i64, i32),
    /// The board of a cycle (by id).
    Board(i64),
    /// Each commitment's comparable status in a cycle (by id).
    ComparableStatuses(i64),
    /// The evidence links of these revisions (by id), in their order.
    Evidence(Vec<i64>),
    /// A commitment's revisions in a cycle with their evidence: (cycle, commitment).
    History(i64, i64),
    /// A commitment's joint reviews in a cycle: (cycle, commitment).
    JointHistory(i64, i64),
    /// A cycle's errata.
    Errata(i64),
    /// A cycle's state changes.
    StateChanges(i64),
    /// A cycle's corrections of its details.
    Edits(i64),
    /// A partnership's last published cycle.
    LastPublished(i64),
    /// A partnership's paragraphs.
    Paragraphs(i64),
    /// A partnership's areas.
    Areas(i64),
    /// Where a typed reference leads: (partnership, paragraph, letter).
    Reference(i64, i16, Option<String>),
    /// Search results: partnership, query (as searched), reader's language, area filter, limit.
    Search(i64, String, Lang, Option<String>, i64),
    /// A page's body rendered for every reader it is the same for: which page, which data, which
    /// language and rights.
    Rendered(String),
    /// A page's body rendered for one reader: which page, and everything about the reader and
    /// the request it shows (see `routes::app::for_reader`).
    ForReader(String),
}

struct Entry {
    value: Arc<dyn Any + Send + Sync>,
    /// The tick of its last use, for eviction.
    used: AtomicU64,
    /// When it was read from the database.
    loaded: Instant,
}

#[derive(Default)]
struct Slots {
    /// Bumped by every clear: a result read before a clear is not kept after it.
    generation: u64,
    entries: HashMap<Key, Entry>,
}

tokio::task_local! {
    /// Set while a request that may write runs (see [`bypassing`]).
    static BYPASS: bool;
}

/// Runs `f` reading past the cache: a request that may write reads what it wrote, and what it
/// reads (perhaps before its own change commits) is not kept for others. The cache is cleared
/// after it anyway.
pub async fn bypassing<F: Future>(f: F) -> F::Output {
    BYPASS.scope(true, f).await
}

fn bypassed() -> bool {
    BYPASS.try_with(|b| *b).unwrap_or(false)
}

/// The signed-in pages' data, by query; see the module documentation.
#[derive(Default)]
pub struct PageCache {
    slots: RwLock<Slots>,
    tick: AtomicU64,
    /// One turn per key being loaded: requests that miss the same key together wait for the
    /// first one's load rather than each running the query (sixteen cold searches at once made
    /// the tail of a whole benchmark run).
    loading: Mutex<HashMap<Key, Arc<tokio::sync::Mutex<()>>>>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("entries", &self.len())
            .finish()
    }
}

impl PageCache {
    /// The value of `key`, from memory, or loaded by `load` now (and kept unless the cache was
    /// cleared meanwhile).
    pub async fn get_or_load<T, E, F>(&self, key: Key, load: F) -> Result<Arc<T>, E>
    where
        T: Any + Send + Sync,
        F: Future<Output = Result<T, E>>,
    {
        if bypassed() {
            return load.await.map(Arc::new);
        }
        if let Ok(value) = self.kept::<T>(&key) {
            return Ok(value);
        }
        let turn = {
            let mut loading = self.loading.lock().expect("page cache loading lock");
            Arc::clone(loading.entry(key.clone()).or_default())
        };
        let result = self.load_in_turn(key.clone(), &turn, load).await;
        {
            let mut loading = self.loading.lock().expect("page cache loading lock");
            // Nobody else holds or awaits this turn: it goes (one more waiter would only make a
            // new one, and load once more).
            if Arc::strong_count(&turn) <= 2 {
                loading.remove(&key);
            }
        }
        result
    }

    /// The kept value of `key`, or the generation a value read now would belong to.
    fn kept<T: Any + Send + Sync>(&self, key: &Key) -> Result<Arc<T>, u64> {
        let slots = self.slots.read().expect("page cache lock");
        if let Some(entry) = slots.entries.get(key)
            && entry.loaded.elapsed() < MAX_AGE
            && let Ok(value) = Arc::clone(&entry.value).downcast::<T>()
        {
            entry.used.store(self.next_tick(), Ordering::Relaxed);
            return Ok(value);
        }
        Err(slots.generation)
    }

    /// Loads `key` once its turn comes, unless the request before it in line kept it meanwhile.
    async fn load_in_turn<T, E, F>(
        &self,
        key: Key,
        turn: &tokio::sync::Mutex<()>,
        load: F,
    ) -> Result<Arc<T>, E>
    where
        T: Any + Send + Sync,
        F: Future<Output = Result<T, E>>,
    {
        let _turn = turn.lock().await;
        let generation = match self.kept::<T>(&key) {
            Ok(value) => return Ok(value),
            Err(generation) => generation,
        };
        let loaded = Instant::now();
        let value = Arc::new(load.await?);
        let mut slots = self.slots.write().expect("page cache lock");
        if slots.generation == generation {
            if !slots.entries.contains_key(&key) {
                for (kind, max) in [
                    (Key::is_rendered as fn(&Key) -> bool, MAX_RENDERED),
                    (Key::is_for_reader, MAX_FOR_READER),
                ] {
                    if kind(&key) && slots.entries.keys().filter(|k| kind(k)).count() >= max {
                        evict_oldest(&mut slots.entries, kind);
                    }
                }
                if slots.entries.len() >= MAX_ENTRIES {
                    evict_oldest(&mut slots.entries, |_| true);
                }
            }
            let entry = Entry {
                value: Arc::clone(&value) as Arc<dyn Any + Send + Sync>,
                used: AtomicU64::new(self.next_tick()),
                loaded,
            };
            slots.entries.insert(key, entry);
        }
        Ok(value)
    }

    /// Drops everything.
    pub fn clear(&self) {
        let mut slots = self.slots.write().expect("page cache lock");
        slots.generation += 1;
        slots.entries.clear();
    }

    /// How many entries it holds.
    pub fn len(&self) -> usize {
        self.slots.read().expect("page cache lock").entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn next_tick(&self) -> u64 {
        self.tick.fetch_add(1, Ordering::Relaxed)
    }
}

impl Key {
    fn is_rendered(&self) -> bool {
        matches!(self, Key::Rendered(_))
    }

    fn is_for_reader(&self) -> bool {
        matches!(self, Key::ForReader(_))
    }
}

/// Drops the least recently used entry of those `which` selects.
fn evict_oldest(entries: &mut HashMap<Key, Entry>, which: impl Fn(&Key) -> bool) {
    let oldest = entries
        .iter()
        .filter(|(k, _)| which(k))
        .min_by_key(|(_, e)| e.used.load(Ordering::Relaxed))
        .map(|(k, _)| k.clone());
    if let Some(key) = oldest {
        entries.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn get(cache: &PageCache, id: i64, value: i64) -> i64 {
        *cache
            .get_or_load(Key::Board(id), async { Ok::<_, ()>(value) })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn keeps_a_value_until_cleared() {
        let cache = PageCache::default();
        assert_eq!(get(&cache, 1, 10).await, 10);
        assert_eq!(get(&cache, 1, 11).await, 10);
        cache.clear();
        assert_eq!(get(&cache, 1, 12).await, 12);
    }

    #[tokio::test]
    async fn keeps_few_rendered_pages() {
        let cache = PageCache::default();
        get(&cache, 1, 1).await;
        for n in 0..=MAX_RENDERED {
            cache
                .get_or_load(Key::Rendered(n.to_string()), async { Ok::<_, ()>(n) })
                .await
                .unwrap();
        }
        assert_eq!(
            cache.len(),
            MAX_RENDERED + 1,
            "one page went, the board stayed"
        );
        assert_eq!(get(&cache, 1, 2).await, 1);
    }

    #[tokio::test]
    async fn keeps_a_bounded_number_of_pages_per_reader() {
        let cache = PageCache::default();
        cache
            .get_or_load(Key::Rendered("shared".into()), async { Ok::<_, ()>(0) })
            .await
            .unwrap();
        for n in 0..=MAX_FOR_READER {
            cache
                .get_or_load(Key::ForReader(n.to_string()), async { Ok::<_, ()>(n) })
                .await
                .unwrap();
        }
        assert_eq!(cache.len(), MAX_FOR_READER + 1, "one reader's page went");
        let first = cache
            .get_or_load(Key::ForReader("0".into()), async { Ok::<_, ()>(99) })
            .await
            .unwrap();
        assert_eq!(*first, 99, "the least recently used one");
        let shared = cache
            .get_or_load(Key::Rendered("shared".into()), async { Ok::<_, ()>(1) })
            .await
            .unwrap();
        assert_eq!(*shared, 0, "the shared page stayed");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn requests_that_miss_one_key_together_load_it_once() {
        let cache = Arc::new(PageCache::default());
        let loads = Arc::new(AtomicU64::new(0));
        let tasks: Vec<_> = (0..16)
            .map(|_| {
                let (cache, loads) = (Arc::clone(&cache), Arc::clone(&loads));
                tokio::spawn(async move {
                    cache
                        .get_or_load(Key::Board(7), async {
                            loads.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                            Ok::<_, ()>(7_i64)
                        })
                        .await
                        .unwrap()
                })
            })
            .collect();
        for task in tasks {
            assert_eq!(*task.await.unwrap(), 7);
        }
        assert_eq!(loads.load(Ordering::SeqCst), 1);
        assert!(cache.loading.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn an_error_is_not_kept() {
        let cache = PageCache::default();
        let failed = cache
            .get_or_load::<i64, _, _>(Key::Board(1), async { Err("down") })
            .await;
        assert!(failed.is_err());
        assert_eq!(get(&cache, 1, 10).await, 10);
    }

    #[tokio::test]
    async fn stays_bounded_and_drops_the_least_recently_used() {
        let cache = PageCache::default();
        for id in 0..MAX_ENTRIES as i64 {
            get(&cache, id, id).await;
        }
        // 0 is used again, so 1 is now the oldest.
        assert_eq!(get(&cache, 0, -1).await, 0);
        get(&cache, -1, -1).await;
        assert_eq!(cache.len(), MAX_ENTRIES);
        assert_eq!(get(&cache, 0, -2).await, 0);
        assert_eq!(get(&cache, 1, -2).await, -2);
    }

    #[tokio::test]
    async fn a_request_that_may_write_reads_past_the_cache() {
        let cache = PageCache::default();
        get(&cache, 1, 10).await;
        assert_eq!(bypassing(get(&cache, 1, 11)).await, 11);
        assert_eq!(bypassing(get(&cache, 2, 20)).await, 20);
        assert_eq!(cache.len(), 1);
    }

    #[tokio::test]
    async fn a_value_read_before_a_clear_is_not_kept() {
        let cache = PageCache::default();
        let value = cache
            .get_or_load(Key::Board(1), async {
                cache.clear();
                Ok::<_, ()>(1)
            })
            .await
            .unwrap();
        assert_eq!(*value, 1);
        assert!(cache.is_empty());
    }
}
