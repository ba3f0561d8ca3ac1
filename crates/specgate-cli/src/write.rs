//! Atomic writes live in `specgate_export::fs` so every crate that writes files
//! shares one implementation (temporary file in the same directory, fsync, rename).

pub use specgate_export::fs::write_atomic;
