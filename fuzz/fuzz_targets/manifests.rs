//! Fuzz target manifests: NUL-separated workspace files through `podlab apply`, the workspace's analysis and build, the pods settled, the diagram drawn.
//! The logic is `podlab::fuzzing::manifests`, which tests/fuzz_regressions.rs
//! replays on stable Rust.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| podlab::fuzzing::manifests(data));
