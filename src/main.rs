//! The `adder` command line. (Stub: being written.)

fn main() {}
