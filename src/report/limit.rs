//! How many report files are rendered at once.
//!
//! A PDF is typeset on the cores and holds 80–90 MiB while it is; a Word file less, but it is
//! the same kind of work. Sixteen downloads at once would hold sixteen times that and finish no
//! sooner than one after the other, so renders take a slot of a [`Renders`] (one by default,
//! see [`RenderLimits`]): a request waits for one up to the configured time, then gets [`Busy`]
//! (a 503 with `Retry-After`). The slot is held by the render itself, on its thread, so a client
//! that gives up does not free it before the work stops.
//!
//! Renders run on a few long-lived threads of their own ([`Renders::run`]), not on tokio's
//! blocking pool: the allocator keeps what a thread freed for that thread's next allocations, so
//! a render on a thread that rendered before reuses its memory, where a render on a fresh
//! blocking thread took as much again (sixteen PDFs one after the other on the blocking pool
//! took the server past 1 GiB).

use std::{
    sync::{Arc, Mutex, OnceLock, mpsc},
    time::Duration,
};

use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

use crate::config::RenderLimits;

/// The render slots of one server.
#[derive(Debug, Clone)]
pub struct Renders {
    slots: Arc<Semaphore>,
    wait: Duration,
    /// How many render threads to start, if this is the first server of the process.
    threads: usize,
}

/// Every slot stayed taken for the whole wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("every report render slot is taken")]
pub struct Busy;

/// A render's turn: it ends, and the render's memory goes back to the system, when dropped.
#[derive(Debug)]
pub struct RenderSlot {
    _permit: OwnedSemaphorePermit,
}

/// A render handed to the render threads.
type Job = Box<dyn FnOnce() + Send>;

/// The render threads of the process, started at the first render: as many as the first server
/// built allows renders at once (a process runs one server; tests build many alike).
static THREADS: OnceLock<mpsc::Sender<Job>> = OnceLock::new();

fn render_threads(count: usize) -> &'static mpsc::Sender<Job> {
    THREADS.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for n in 0..count.max(1) {
            let rx = Arc::clone(&rx);
            std::thread::Builder::new()
                .name(format!("sdp-render-{n}"))
                .spawn(move || {
                    loop {
                        // The lock is held only while taking a job, not while running it.
                        let job = match rx.lock() {
                            Ok(rx) => rx.recv(),
                            Err(_) => return,
                        };
                        match job {
                            // A panic is the job's to report (its answer channel closes).
                            Ok(job) => {
                                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                            }
                            Err(_) => return,
                        }
                    }
                })
                .expect("start a report render thread");
        }
        tx
    })
}

/// The render stopped without an answer (it panicked).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the report render stopped")]
pub struct RenderStopped;

impl Renders {
    /// Runs `render` on a render thread, holding `slot` until it ends there.
    pub async fn run<T, F>(&self, slot: RenderSlot, render: F) -> Result<T, RenderStopped>
    where
        T: Send + 'static,
        F: FnOnce() -> T + Send + 'static,
    {
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move || {
            let out = render();
            // Freed here, on the render thread, even when the client has gone meanwhile.
            drop(slot);
            let _ = answer.send(out);
        });
        render_threads(self.threads)
            .send(job)
            .map_err(|_| RenderStopped)?;
        answered.await.map_err(|_| RenderStopped)
    }

    pub fn new(limits: RenderLimits) -> Renders {
        Renders {
            slots: Arc::new(Semaphore::new(limits.slots.max(1))),
            wait: limits.wait,
            threads: limits.slots.max(1),
        }
    }

    /// Slots free now (for tests and metrics).
    pub fn free_slots(&self) -> usize {
        self.slots.available_permits()
    }

    /// Waits for a free slot, at most the configured time.
    pub async fn enter(&self) -> Result<RenderSlot, Busy> {
        let slots = Arc::clone(&self.slots);
        match tokio::time::timeout(self.wait, slots.acquire_owned()).await {
            Ok(Ok(permit)) => Ok(RenderSlot { _permit: permit }),
            // The semaphore is never closed; a timeout is the only other way out.
            Ok(Err(_)) | Err(_) => Err(Busy),
        }
    }
}

impl Drop for RenderSlot {
    /// Runs on the thread that rendered, before the slot is free for the next render: that
    /// thread's empty pages and the freed arenas go back to the system now, so a burst of
    /// exports does not leave the server at its peak.
    fn drop(&mut self) {
        crate::memory::release_after_render();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn renders(slots: usize, wait: Duration) -> Renders {
        Renders::new(RenderLimits { slots, wait })
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn never_more_renders_at_once_than_slots() {
        const SLOTS: usize = 3;
        let renders = renders(SLOTS, Duration::from_secs(60));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..40)
            .map(|_| {
                let (renders, running, most) =
                    (renders.clone(), Arc::clone(&running), Arc::clone(&most));
                tokio::spawn(async move {
                    let slot = renders
                        .enter()
                        .await
                        .expect("a generous wait ends in a slot");
                    // The render runs on the blocking pool holding its slot, as the export does.
                    tokio::task::spawn_blocking(move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        std::thread::sleep(Duration::from_millis(5));
                        running.fetch_sub(1, Ordering::SeqCst);
                        drop(slot);
                    })
                    .await
                    .unwrap();
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap();
        }
        let most = most.load(Ordering::SeqCst);
        assert!(
            most <= SLOTS,
            "{most} renders ran at once, with {SLOTS} slots"
        );
        assert!(most >= 2, "renders never overlapped: the test saw nothing");
        assert_eq!(running.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn a_request_past_the_wait_is_refused_and_a_freed_slot_is_taken_again() {
        let renders = renders(1, Duration::from_millis(20));
        let first = renders.enter().await.unwrap();
        assert_eq!(renders.enter().await.unwrap_err(), Busy);
        drop(first);
        let again = renders.enter().await;
        assert!(again.is_ok());
    }

    #[tokio::test]
    async fn a_waiting_request_gets_the_slot_freed_within_its_wait() {
        let renders = renders(1, Duration::from_secs(10));
        let first = renders.enter().await.unwrap();
        let waiting = tokio::spawn({
            let renders = renders.clone();
            async move { renders.enter().await.map(drop) }
        });
        tokio::time::sleep(Duration::from_millis(20)).await;
        drop(first);
        assert_eq!(waiting.await.unwrap(), Ok(()));
    }

    #[test]
    fn zero_slots_means_one() {
        let renders = renders(0, Duration::ZERO);
        assert_eq!(renders.free_slots(), 1);
    }
}
