//! Number parsing and formatting with CPython's exact results. (Being written.)
