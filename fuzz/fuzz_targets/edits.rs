//! Fuzz target edits: a sequence of edits, clock ticks, console lines and resets through the UI's reducer.
//! The logic is `podlab::fuzzing::edits`, which tests/fuzz_regressions.rs
//! replays on stable Rust.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| podlab::fuzzing::edits(data));
