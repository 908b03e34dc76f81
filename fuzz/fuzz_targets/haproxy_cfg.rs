//! Fuzz target haproxy_cfg: `haproxy -c` on the text, then the text as the seed lab's haproxy.cfg and the lab's check run through it.
//! The logic is `podlab::fuzzing::haproxy_cfg`, which tests/fuzz_regressions.rs
//! replays on stable Rust.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| podlab::fuzzing::haproxy_cfg(data));
