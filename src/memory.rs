//! Freed memory given back to the operating system.
//!
//! mimalloc, the global allocator (`main.rs`), keeps the pages a thread freed until that thread,
//! or another one allocating, gets round to purging them (a second later by default). A server
//! that goes quiet after a burst would stay at its peak: after start-up (the seed import, the
//! first administrator's 19 MiB password hash) or after a PDF export on a blocking thread that
//! then sleeps. [`release`] purges at once; it costs a few system calls, so it follows bursts
//! only, never an ordinary page request.

// `mi_collect` is defined by the C library that comes with the allocator's crate.
use mimalloc as _;

// SAFETY: `void mi_collect(bool force)` (mimalloc.h) takes no pointer and may be called at any
// time from any thread; when mimalloc is not the global allocator (the tests) it has nothing to
// collect.
unsafe extern "C" {
    safe fn mi_collect(force: bool);
    // SAFETY: `void mi_option_set(mi_option_t option, long value)` takes no pointer; an option
    // set before the allocator reads it again applies from then on.
    safe fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc.h (v2 and v3 alike): how long freed pages wait before
/// they go back to the system, in milliseconds (10 by default, times 10 for arenas).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// `mi_option_arena_eager_commit` in mimalloc.h (v2 and v3 alike): whether a new arena's memory
/// is committed in full when it is reserved (2 by default: on systems that overcommit, as Linux
/// does).
const MI_OPTION_ARENA_EAGER_COMMIT: std::ffi::c_int = 4;

/// Freed pages go back to the system at once rather than after the purge delay: the server is
/// mostly idle between bursts (a page, a save, an export), and an idle server should hold only
/// what it uses. Arenas are committed as they are used rather than whole: eagerly committed, the
/// memory of a PDF export stayed resident well past what the render used (one export from the
/// command line peaked at 143 MiB, 102 MiB without; the server idled at 41 MiB, 26 MiB without).
///
/// Called by `main.rs` before the first allocation: the first arena is reserved then, with the
/// options of that moment, and every later allocation fits in it.
pub fn configure_allocator() {
    mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
}

/// Frees the calling thread's empty pages and returns every freed range of the allocator's
/// arenas to the operating system now, rather than after the purge delay.
pub fn release() {
    mi_collect(true);
}

/// [`release`] on the calling thread, then on each thread of rayon's global pool, where typst
/// lays pages out in parallel: an idle thread keeps the pages it allocated, even once other
/// threads freed what was on them, until it runs again. Rayon's threads do it when they are
/// next free; the caller does not wait for them.
pub fn release_after_render() {
    release();
    rayon::spawn_broadcast(|_| release());
}

#[cfg(test)]
mod tests {
    #[test]
    fn release_can_be_called_from_any_thread() {
        let data = vec![1u8; 8 << 20];
        drop(data);
        super::release();
        std::thread::spawn(super::release).join().unwrap();
        super::release_after_render();
    }
}
