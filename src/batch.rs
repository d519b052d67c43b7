//! The one batch driver: `check`, `lint` and `build` hand it the files discovered and what
//! to do with each, and get each outcome back in the files' order, as soon as every file
//! before it is done, so they can report it and let it go. Memory holds the files in
//! progress and at most [`WINDOW`] finished ones waiting for a slower one before them,
//! whatever the size of the tree (10,000 charters are checked in the same memory as 100).
//!
//! The work runs on plain threads of our own, as many as rayon would use, each holding
//! one file at a time: not as rayon jobs, since a build forks work onto rayon itself and a
//! rayon worker waiting for such a fork runs other queued jobs meanwhile, which kept whole
//! batches alive on one stack (see ARCHITECTURE.md, "Decisions"). A panic ends its file
//! only, as its message. Called on a rayon worker (a library user's `par_iter`), the files
//! are done one by one on that worker: threads there could wait for the very workers that
//! wait for them.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex};

/// How many finished outcomes may wait for a slower one before them: past it, threads
/// wait before taking another file.
pub const WINDOW: usize = 64;

/// Stack size of the batch's threads: Typst lays out deeply nested content.
pub const STACK: usize = 16 * 1024 * 1024;

/// Runs `job` on each of `items` (each thread with its own `state`, made once), and calls
/// `sink` on the calling thread with each item's index and outcome, in order. A panic in
/// `job` is that item's `Err`, with the panic's message.
pub fn run<T: Sync, S, R: Send>(
    items: &[T],
    state: impl Fn() -> S + Sync,
    job: impl Fn(&mut S, &T) -> R + Sync,
    mut sink: impl FnMut(usize, Result<R, String>),
) {
    let job = |state: &mut S, item: &T| {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(state, item)))
            .map_err(|panic| crate::error::panic_message(&*panic))
    };
    let in_place = |sink: &mut dyn FnMut(usize, Result<R, String>)| {
        let mut state = state();
        for (index, item) in items.iter().enumerate() {
            sink(index, job(&mut state, item));
        }
    };
    if rayon::current_thread_index().is_some() || items.len() <= 1 {
        in_place(&mut sink);
        return;
    }
    struct Shared<R> {
        /// The next item to take.
        next: usize,
        /// The next outcome to hand to the sink.
        emit: usize,
        ready: BTreeMap<usize, Result<R, String>>,
        /// A thread that could not take an item because a later one would wait too long.
        threads: usize,
    }
    let shared = Mutex::new(Shared {
        next: 0,
        emit: 0,
        ready: BTreeMap::new(),
        threads: 0,
    });
    let changed = Condvar::new();
    let lock = || shared.lock().unwrap_or_else(|e| e.into_inner());
    let work = || {
        let mut state = state();
        loop {
            let index = {
                let mut guard = lock();
                while guard.next < items.len() && guard.next >= guard.emit + WINDOW {
                    guard = changed.wait(guard).unwrap_or_else(|e| e.into_inner());
                }
                if guard.next >= items.len() {
                    break;
                }
                guard.next += 1;
                guard.next - 1
            };
            let outcome = job(&mut state, &items[index]);
            lock().ready.insert(index, outcome);
            changed.notify_all();
        }
        lock().threads -= 1;
        changed.notify_all();
    };
    let threads = rayon::current_num_threads().clamp(1, items.len());
    let mut no_thread = false;
    let panicked = std::thread::scope(|scope| {
        let mut started = 0;
        for i in 0..threads {
            lock().threads += 1;
            let spawned = std::thread::Builder::new()
                .name(format!("charter-batch-{i}"))
                .stack_size(STACK)
                .spawn_scoped(scope, work);
            match spawned {
                Ok(_) => started += 1,
                // A thread the system refuses is one fewer: the others share the items.
                Err(_) => lock().threads -= 1,
            }
        }
        if started == 0 {
            // No thread at all (the system refuses them): the items are done here, below.
            no_thread = true;
            return None;
        }
        let mut guard = lock();
        loop {
            let emit = guard.emit;
            if let Some(outcome) = guard.ready.remove(&emit) {
                guard.emit += 1;
                drop(guard);
                changed.notify_all();
                let handed =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| sink(emit, outcome)));
                guard = lock();
                if let Err(panic) = handed {
                    // The threads waiting for the window must not wait for ever: they take
                    // nothing more, finish what they hold, and the panic goes on.
                    guard.next = items.len();
                    drop(guard);
                    changed.notify_all();
                    return Some(panic);
                }
            } else if guard.emit >= items.len() || guard.threads == 0 {
                break;
            } else {
                guard = changed.wait(guard).unwrap_or_else(|e| e.into_inner());
            }
        }
        None
    });
    if let Some(panic) = panicked {
        std::panic::resume_unwind(panic);
    }
    if no_thread {
        in_place(&mut sink);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// The outcomes in a list, in order.
    fn collect<T: Sync, S, R: Send>(
        items: &[T],
        state: impl Fn() -> S + Sync,
        job: impl Fn(&mut S, &T) -> R + Sync,
    ) -> Vec<Result<R, String>> {
        let mut outcomes = Vec::new();
        run(items, state, job, |index, outcome| {
            assert_eq!(index, outcomes.len(), "outcomes come in the items' order");
            outcomes.push(outcome);
        });
        outcomes
    }

    /// A charter built on a rayon worker can be nested inside another charter's build
    /// (the worker runs queued jobs while it waits for Typst's own forks), which kept
    /// whole batches alive in memory. Charters get plain threads, each item is done once,
    /// and the outcomes keep the items' order.
    #[test]
    fn charters_are_built_on_plain_threads_in_order() {
        let items: Vec<usize> = (0..40).collect();
        let outcomes = collect(
            &items,
            || (),
            |_, &i| {
                // As Typst does: fork work onto rayon and wait for it.
                let (a, b) = rayon::join(|| i * 2, || i * 3);
                (i, a + b, rayon::current_thread_index())
            },
        );
        assert_eq!(outcomes.len(), items.len());
        for (index, outcome) in outcomes.into_iter().enumerate() {
            let (item, sum, rayon_worker) = outcome.unwrap();
            assert_eq!(item, index, "outcomes are in the items' order");
            assert_eq!(sum, index * 5);
            assert_eq!(
                rayon_worker, None,
                "item {index} was built on a rayon worker"
            );
        }
        assert!(collect(&[] as &[u8], || (), |_, _| ()).is_empty());
    }

    #[test]
    fn a_panic_ends_its_own_item_only() {
        let items: Vec<usize> = (0..10).collect();
        let outcomes = collect(
            &items,
            || (),
            |_, &i| {
                if i == 3 {
                    panic!("item {i} is broken");
                }
                i
            },
        );
        for (index, outcome) in outcomes.into_iter().enumerate() {
            match outcome {
                Ok(item) => assert_eq!(item, index),
                Err(message) => {
                    assert_eq!(index, 3);
                    assert_eq!(message, "item 3 is broken");
                }
            }
        }
    }

    /// Build threads started from a rayon worker could wait for the workers that wait for
    /// them (krilla and Typst fork onto rayon); there the items are done on the worker.
    #[test]
    fn called_from_a_rayon_worker_it_finishes() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let items: Vec<usize> = (0..8).collect();
        let outcomes = pool.install(|| collect(&items, || (), |_, &i| rayon::join(|| i, || i * 2)));
        let sums: Vec<usize> = outcomes
            .into_iter()
            .map(|o| o.map(|(a, b)| a + b).unwrap())
            .collect();
        assert_eq!(sums, (0..8).map(|i| i * 3).collect::<Vec<_>>());
    }

    /// A panic in the sink (printing an outcome) ends the batch with that panic: the
    /// threads waiting for the window to move are let go, not left waiting for ever.
    #[test]
    fn a_panic_in_the_sink_ends_the_batch_without_hanging() {
        let items: Vec<usize> = (0..WINDOW * 4).collect();
        let outcome = std::panic::catch_unwind(|| {
            run(
                &items,
                || (),
                |_, &i| i,
                |index, _| {
                    if index == 3 {
                        panic!("the sink failed");
                    }
                },
            )
        });
        let panic = outcome.expect_err("the sink's panic goes on");
        assert_eq!(crate::error::panic_message(&*panic), "the sink failed");
    }

    /// However slow one item is, no more than the window of later outcomes waits for it.
    #[test]
    fn a_slow_item_holds_back_at_most_the_window() {
        let items: Vec<usize> = (0..WINDOW * 4).collect();
        let most_waiting = AtomicUsize::new(0);
        let finished = AtomicUsize::new(0);
        let emitted = AtomicUsize::new(0);
        run(
            &items,
            || (),
            |_, &i| {
                if i == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                let ahead =
                    finished.fetch_add(1, Ordering::SeqCst) + 1 - emitted.load(Ordering::SeqCst);
                most_waiting.fetch_max(ahead, Ordering::SeqCst);
                i
            },
            |_, _| {
                emitted.fetch_add(1, Ordering::SeqCst);
            },
        );
        assert_eq!(emitted.load(Ordering::SeqCst), items.len());
        let most = most_waiting.load(Ordering::SeqCst);
        assert!(most <= WINDOW + 1, "{most} outcomes waited");
    }
}
