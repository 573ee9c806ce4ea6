//! The recursion limit. CPython 3.11 counts Python frames and C-level recursion (comparisons,
//! `repr`, calls of built-ins) against one limit; so does the VM, with the same messages, so
//! the message a program sees depends on the same parity CPython's does. Recursion through
//! Rust (a `__repr__` that calls `repr`, deep `sorted(key=…)` chains) is additionally bounded
//! by the native stack actually left, so no program can overflow the Rust stack.

use super::Vm;
use crate::runtime::error::{PyErr, PyResult};

/// Native stack kept free below the limit: enough for the deepest Rust path between two checks.
const STACK_RESERVE: usize = 256 * 1024;

impl Vm {
    /// Enters one level of Rust-side recursion (`Py_EnterRecursiveCall(where)`).
    #[inline]
    pub fn enter_native_call(&mut self, where_: &str) -> PyResult<()> {
        self.native_depth += 1;
        if self.frames.len() + self.native_depth > self.recursion_limit || self.stack_exhausted() {
            self.native_depth -= 1;
            return Err(self.recursion_error(where_));
        }
        Ok(())
    }

    #[inline]
    pub fn leave_native_call(&mut self) {
        self.native_depth = self.native_depth.saturating_sub(1);
    }

    /// The depth a new Python frame would have, checked against the limit.
    #[inline]
    pub(crate) fn frame_depth_exceeded(&self) -> bool {
        self.frames.len() + self.native_depth >= self.recursion_limit
    }

    pub fn recursion_error(&mut self, where_: &str) -> PyErr {
        let class = self.types.recursion_error.clone();
        self.new_exception(&class, &format!("maximum recursion depth exceeded{where_}"))
    }

    /// Whether the native stack is nearly used up (only when its bounds are known).
    #[inline]
    pub(crate) fn stack_exhausted(&mut self) -> bool {
        if self.stack_limit == 0 {
            self.stack_limit = stack_low_limit().unwrap_or(1);
        }
        let marker = 0u8;
        let sp = std::ptr::addr_of!(marker) as usize;
        sp < self.stack_limit
    }
}

/// The lowest usable stack address of the current thread plus the reserve.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn stack_low_limit() -> Option<usize> {
    // pthread_attr_t is 56 bytes on 64-bit glibc; 64 leaves room.
    #[repr(C, align(8))]
    struct Attr([u8; 64]);
    extern "C" {
        fn pthread_self() -> usize;
        fn pthread_getattr_np(thread: usize, attr: *mut Attr) -> i32;
        fn pthread_attr_getstack(attr: *const Attr, addr: *mut *mut u8, size: *mut usize) -> i32;
        fn pthread_attr_destroy(attr: *mut Attr) -> i32;
    }
    let mut attr = Attr([0; 64]);
    let mut addr: *mut u8 = std::ptr::null_mut();
    let mut size = 0usize;
    // SAFETY: glibc fills `attr` for the calling thread; it is destroyed before returning and
    // only the stack bounds are read from it.
    unsafe {
        if pthread_getattr_np(pthread_self(), &mut attr) != 0 {
            return None;
        }
        let ok = pthread_attr_getstack(&attr, &mut addr, &mut size) == 0;
        pthread_attr_destroy(&mut attr);
        if !ok || addr.is_null() {
            return None;
        }
    }
    Some(addr as usize + STACK_RESERVE.min(size / 2))
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn stack_low_limit() -> Option<usize> {
    None
}
