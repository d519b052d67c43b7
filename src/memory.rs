//! The program's allocator: mimalloc, counted, and a bound on the memory one charter's
//! build may take.
//!
//! A theme is code, and code can ask for anything: doubling a string forty times wants a
//! terabyte, `range(2000000000)` 32 GB. The system allocator would abort the whole process
//! (every charter of the batch with it), or the machine would swap. So the `charter`
//! program counts what is allocated ([`Counting`], its global allocator), and a build
//! worker (see `build::worker`) sets a limit: past it, the worker exits at once with
//! [`EXIT_OVER_LIMIT`], and the batch reports that charter and goes on. With no limit
//! set (every other process) the count costs one relaxed load per allocation.

use std::alloc::{GlobalAlloc, Layout};

/// The allocator underneath: mimalloc, which parsing and decoding (many small strings
/// and vectors, freed together) run markedly faster on than the system allocator.
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};

/// The exit status of a worker that went over its memory limit.
pub const EXIT_OVER_LIMIT: i32 = 86;

/// Bytes allowed; 0 means no limit.
static LIMIT: AtomicUsize = AtomicUsize::new(0);
/// Bytes allocated since the limit was set, less those freed: what was allocated before
/// and is freed after makes it a little low (even below zero), never high.
static IN_USE: AtomicIsize = AtomicIsize::new(0);
static OVER: AtomicBool = AtomicBool::new(false);

/// The system allocator, counting bytes in use while [`set_limit`] has set a limit.
pub struct Counting;

/// Sets the limit for this process (from then on, allocations are counted: set it before
/// the work to bound, early in the process).
pub fn set_limit(bytes: usize) {
    LIMIT.store(bytes.min(isize::MAX as usize), Ordering::SeqCst);
}

/// Bytes in use now, as counted (0 when no limit is set).
pub fn in_use() -> usize {
    IN_USE.load(Ordering::Relaxed).max(0) as usize
}

/// Ends the worker with [`EXIT_OVER_LIMIT`] at once. On Unix by `_exit`, which runs
/// nothing of the process; elsewhere (Windows, where `libc` is not a dependency) by
/// `process::exit`, which only flushes standard output first (allocating, maybe: allowed
/// once) and runs no destructor either.
#[cold]
fn over_limit() -> ! {
    // Whatever runs from here may allocate: let it, once.
    OVER.store(true, Ordering::SeqCst);
    #[cfg(unix)]
    // SAFETY: `_exit` ends the process without running anything else of it.
    unsafe {
        libc::_exit(EXIT_OVER_LIMIT)
    }
    #[cfg(not(unix))]
    std::process::exit(EXIT_OVER_LIMIT)
}

fn grow(size: usize) {
    let limit = LIMIT.load(Ordering::Relaxed);
    if limit == 0 {
        return;
    }
    let size = size as isize;
    let now = IN_USE
        .fetch_add(size, Ordering::Relaxed)
        .saturating_add(size);
    if now > limit as isize && !OVER.load(Ordering::Relaxed) {
        over_limit();
    }
}

fn shrink(size: usize) {
    if LIMIT.load(Ordering::Relaxed) != 0 {
        IN_USE.fetch_sub(size as isize, Ordering::Relaxed);
    }
}

// SAFETY: every call is passed to `System` unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: the caller's contract is `System`'s.
        unsafe { ALLOCATOR.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: as above.
        unsafe { ALLOCATOR.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrink(layout.size());
        // SAFETY: as above.
        unsafe { ALLOCATOR.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            grow(new_size - layout.size());
        } else {
            shrink(layout.size() - new_size);
        }
        // SAFETY: as above.
        unsafe { ALLOCATOR.realloc(ptr, layout, new_size) }
    }
}
