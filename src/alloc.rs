//! The global allocator: mimalloc, called the way its fast paths expect.
//!
//! The interpreter allocates and frees small objects at a high rate (tuples, lists, frames'
//! boxes, dict tables); mimalloc's thread-local free lists are markedly faster at that than
//! glibc's. The `mimalloc` crate's allocator passes every request to `mi_malloc_aligned`,
//! whose fast path only serves a block that happens to be aligned already and otherwise takes
//! a generic over-allocating path (about 135 instructions instead of 20 — a quarter of all
//! allocations in the generator benchmarks). Every mimalloc block is aligned to
//! min(size, 16), so requests with such alignments go to the plain entry points.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// The alignment mimalloc gives every block of at least this size (`MI_MAX_ALIGN_SIZE`).
const NATURAL_ALIGN: usize = 16;

pub struct Mimalloc;

#[inline(always)]
fn natural(layout: &Layout) -> bool {
    layout.align() <= NATURAL_ALIGN && layout.align() <= layout.size()
}

// SAFETY: mimalloc is a thread-safe general-purpose allocator; each method forwards to the
// matching mimalloc entry point, and blocks from either family are freed by `mi_free`.
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if natural(&layout) {
            unsafe { mi::mi_malloc(layout.size()) as *mut u8 }
        } else {
            unsafe { mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8 }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if natural(&layout) {
            unsafe { mi::mi_zalloc(layout.size()) as *mut u8 }
        } else {
            unsafe { mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8 }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        unsafe { mi::mi_free(ptr as *mut c_void) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= NATURAL_ALIGN && layout.align() <= new_size {
            unsafe { mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8 }
        } else {
            unsafe {
                mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
            }
        }
    }
}
