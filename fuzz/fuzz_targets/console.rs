//! Fuzz target console: a console line (with Tab completion) on the settled seed lab.
//! The logic is `podlab::fuzzing::console`, which tests/fuzz_regressions.rs
//! replays on stable Rust.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| podlab::fuzzing::console(data));
